package diag

import (
	"strings"
	"sync"
	"testing"
)

func TestPosString(t *testing.T) {
	for _, tt := range []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "content/a.md", Line: 12, Col: 3}, "content/a.md:12:3"},
		{Pos{File: "content/a.md", Line: 12}, "content/a.md:12"},
		{Pos{File: "content/a.md"}, "content/a.md"},
		{Pos{File: "content/a.md", Col: 3}, "content/a.md"}, // a column without a line says nothing
		{Pos{}, ""},
	} {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

// A build's diagnostics come from many workers in any order; they are
// listed sorted by file, line, column and message, so output is stable.
func TestListSortsByPosition(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "b.md", Line: 1}, "b")
	l.Warnf(Pos{File: "a.md", Line: 10, Col: 2}, "late")
	l.Errorf(Pos{File: "a.md", Line: 2, Col: 9}, "second column")
	l.Errorf(Pos{File: "a.md", Line: 2, Col: 1}, "z first column")
	l.Errorf(Pos{File: "a.md", Line: 2, Col: 1}, "a first column")
	l.Errorf(Pos{File: "a.md"}, "whole file")
	want := strings.Join([]string{
		"a.md: whole file",
		"a.md:2:1: a first column",
		"a.md:2:1: z first column",
		"a.md:2:9: second column",
		"a.md:10:2: warning: late",
		"b.md:1: b",
	}, "\n") + "\n"
	if got := l.String(); got != want {
		t.Errorf("String():\n%s\nwant:\n%s", got, want)
	}
}

func TestListCounts(t *testing.T) {
	var l List
	if l.HasErrors() || l.Len() != 0 || l.String() != "" {
		t.Errorf("an empty list: HasErrors %v, Len %d, String %q", l.HasErrors(), l.Len(), l.String())
	}
	l.Warnf(Pos{File: "a.md"}, "w")
	if l.HasErrors() || l.Len() != 1 {
		t.Errorf("a warning only: HasErrors %v, Len %d; want false, 1", l.HasErrors(), l.Len())
	}
	var other List
	other.Errorf(Pos{File: "b.md"}, "e")
	l.Merge(&other)
	if !l.HasErrors() || l.Len() != 2 || other.Len() != 1 {
		t.Errorf("after Merge: HasErrors %v, Len %d (other %d); want true, 2 (1)", l.HasErrors(), l.Len(), other.Len())
	}
}

// Workers record into one List at once (run with -race).
func TestListIsSafeForConcurrentUse(t *testing.T) {
	var l List
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				l.Errorf(Pos{File: "a.md", Line: w*100 + i + 1}, "e")
				_ = l.HasErrors()
			}
		}()
	}
	wg.Wait()
	all := l.All()
	if len(all) != 800 {
		t.Fatalf("%d diagnostics, want 800", len(all))
	}
	for i, d := range all {
		if d.Pos.Line != i+1 {
			t.Fatalf("diagnostic %d is at line %d: not sorted", i, d.Pos.Line)
		}
	}
}

func TestDiagStringNamesSeverityButError(t *testing.T) {
	pos := Pos{File: "content/a.md", Line: 3}
	tests := []struct {
		sev  Severity
		want string
	}{
		{Error, "content/a.md:3: kapot"},
		{Warning, "content/a.md:3: warning: kapot"},
		{Note, "content/a.md:3: note: kapot"},
	}
	for _, tt := range tests {
		if got := (Diag{Pos: pos, Severity: tt.sev, Msg: "kapot"}).String(); got != tt.want {
			t.Errorf("%v: got %q, want %q", tt.sev, got, tt.want)
		}
	}
}

func TestNotesAreNoProblems(t *testing.T) {
	var l List
	l.Notef(Pos{File: "handboek.yaml"}, "no sitemap")
	if l.Problems() != 0 || l.HasErrors() || l.Len() != 1 {
		t.Fatalf("a note counted: problems %d, errors %v, len %d", l.Problems(), l.HasErrors(), l.Len())
	}
	l.Warnf(Pos{File: "a.md"}, "one-way")
	l.Errorf(Pos{File: "b.md"}, "broken")
	if l.Problems() != 2 || !l.HasErrors() {
		t.Fatalf("problems %d, errors %v; want 2, true", l.Problems(), l.HasErrors())
	}
}

// Nearest is the "did you mean" of messages: the closest candidate, if it
// is close enough to be what was meant.
func TestNearest(t *testing.T) {
	keys := []string{"title", "tags", "summary", "suggestions"}
	for _, tt := range []struct {
		word       string
		candidates []string
		want       string
		ok         bool
	}{
		{"title", keys, "title", true},                        // itself
		{"summry", keys, "summary", true},                     // a letter left out
		{"titel", keys, "title", true},                        // two letters swapped: two edits, within 5/3+1
		{"suggestion", keys, "suggestions", true},             // the singular
		{"abc", []string{"axy"}, "axy", true},                 // two edits of three letters: just close enough
		{"abc", []string{"xyz"}, "xyz", false},                // three: too far
		{"weight", keys, "tags", false},                       // the nearest is no likely intent
		{"ab", []string{"ac", "aa", "ad"}, "aa", true},        // a tie goes to the first in order
		{"kaart", nil, "", false},                             // nothing to choose from
		{"", []string{"a", "bb"}, "a", true},                  // one edit from nothing is close
		{"leren", []string{"Leren", "leren!"}, "Leren", true}, // case counts as an edit; L sorts before l
	} {
		got, ok := Nearest(tt.word, tt.candidates)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Nearest(%q, %q) = %q, %v; want %q, %v", tt.word, tt.candidates, got, ok, tt.want, tt.ok)
		}
	}
}
