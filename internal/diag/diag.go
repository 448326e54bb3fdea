// Package diag is the one diagnostic type every pipeline stage reports into.
//
// A stage records each problem with its position and carries on where it safely
// can, so one build reports every problem at once (as esbuild's logger does).
// The caller decides at the end whether errors make the build fail.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Severity orders how bad a diagnostic is.
type Severity int

const (
	Error Severity = iota
	Warning
	// Note is information that asks nothing of the author before the site
	// can go out (what is left to write, an output that was skipped): it is
	// shown, but fails neither a build nor a check.
	Note
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Note:
		return "note"
	}
	return "error"
}

// Pos is a position in a source file. Line and Col are 1-based; 0 means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String renders "file:line:col", dropping the parts that are unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Diag is one problem found in the input.
type Diag struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

func (d Diag) String() string {
	if d.Severity == Error {
		return fmt.Sprintf("%s: %s", d.Pos, d.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Msg)
}

// List collects diagnostics; it is safe for concurrent use because pages are
// loaded and rendered by a worker pool.
type List struct {
	mu    sync.Mutex
	diags []Diag
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Diag{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.Add(Diag{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Notef records a note at pos.
func (l *List) Notef(pos Pos, format string, args ...any) {
	l.Add(Diag{Pos: pos, Severity: Note, Msg: fmt.Sprintf(format, args...)})
}

// Add records d.
func (l *List) Add(d Diag) {
	l.mu.Lock()
	l.diags = append(l.diags, d)
	l.mu.Unlock()
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	for _, d := range other.All() {
		l.Add(d)
	}
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.diags {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Problems is the number of errors and warnings: what a check fails on.
func (l *List) Problems() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, d := range l.diags {
		if d.Severity != Note {
			n++
		}
	}
	return n
}

// Len is the number of diagnostics recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.diags)
}

// All returns the diagnostics sorted by file, line and column, so output is
// stable whatever order the workers finished in.
func (l *List) All() []Diag {
	l.mu.Lock()
	out := append([]Diag(nil), l.diags...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return out[i].Msg < out[j].Msg
	})
	return out
}

// String renders every diagnostic, one per line.
func (l *List) String() string {
	var b strings.Builder
	for _, d := range l.All() {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// Nearest returns the candidate closest to word by edit distance, for a
// "did you mean" in a message, and false when none is close enough to be
// the likely intent (more than a third of word's letters, plus one, away).
// Ties go to the candidate that sorts first, so messages are stable.
func Nearest(word string, candidates []string) (string, bool) {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(word, c); d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	return best, best != "" && bestD <= len(word)/3+1
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
