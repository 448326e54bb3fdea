package search

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/handboek/handboek/internal/slug"
)

// clientFile is the default theme's search client, which embeds a copy of
// the fold table.
const clientFile = "../../themes/default/static/js/search.js"

var foldBlock = regexp.MustCompile(`(?s)\n  var FOLD = \{\n.*?  \};\n`)

// clientFoldTable is internal/slug's fold table as the client writes it:
// one JavaScript object, its entries sorted by letter, a few to a line.
func clientFoldTable() []byte {
	table := slug.FoldTable()
	letters := slices.Sorted(func(yield func(rune) bool) {
		for r := range table {
			if !yield(r) {
				return
			}
		}
	})
	var b bytes.Buffer
	b.WriteString("\n  var FOLD = {\n")
	line := "   "
	for i, r := range letters {
		entry := fmt.Sprintf(" %q: %q", string(r), table[r])
		if i < len(letters)-1 {
			entry += ","
		}
		if len(line)+len(entry) > 100 {
			b.WriteString(line + "\n")
			line = "   "
		}
		line += entry
	}
	b.WriteString(line + "\n  };\n")
	return b.Bytes()
}

// clientSource reads the search client from the theme; with -update it
// first writes the current fold table into it. The minified copy is made
// from what this returns.
func clientSource(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(clientFile)
	if err != nil {
		t.Fatal(err)
	}
	if !*update {
		return src
	}
	if !foldBlock.Match(src) {
		t.Fatalf("%s has no `var FOLD = {` block to write the table into", clientFile)
	}
	fresh := foldBlock.ReplaceAllLiteral(src, clientFoldTable())
	if !bytes.Equal(fresh, src) {
		if err := os.WriteFile(clientFile, fresh, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fresh
}

// The client folds by a copy of internal/slug's table, which
// go test ./internal/search -update writes: the two must be the same, or
// a word the index folds one way is looked up another.
func TestClientFoldTableIsSlugs(t *testing.T) {
	src := clientSource(t)
	got := foldBlock.Find(src)
	if want := clientFoldTable(); !bytes.Equal(got, want) {
		t.Errorf("the fold table in %s is not internal/slug's; run go test ./internal/search -update\n got: %s\nwant: %s", clientFile, got, want)
	}
}

// Both analyzers read a fold as letters to write, one JavaScript string
// unit each: that holds only for ASCII letters.
func TestFoldTableFoldsToLowercaseASCII(t *testing.T) {
	for r, f := range slug.FoldTable() {
		if f == "" || strings.IndexFunc(f, func(c rune) bool { return c < 'a' || c > 'z' }) >= 0 {
			t.Errorf("%q folds to %q: want lowercase ASCII letters", r, f)
		}
	}
}

func TestFoldAndSpellOut(t *testing.T) {
	for _, tc := range []struct{ word, spelled, folded, term string }{
		{"creëren", "creëren", "creeren", "creer"},
		{"ĳs", "ijs", "ijs", Term("ijs")},
		{"wĳzen", "wijzen", "wijzen", Term("wijzen")},
		{"prĳzen", "prijzen", "prijzen", Term("prijzen")},
		{"cœliakie", "coeliakie", "coeliakie", Term("coeliakie")},
		{"straße", "strasse", "strasse", Term("strasse")},
		{"ærø", "aerø", "aero", Term("aero")},
		{"zeeën", "zeeën", "zeen", Term("zeeen")},
		{"plain", "plain", "plain", "plain"},
	} {
		if got := SpellOut(tc.word); got != tc.spelled {
			t.Errorf("SpellOut(%q) = %q, want %q", tc.word, got, tc.spelled)
		}
		if got := Fold(tc.word); got != tc.folded {
			t.Errorf("Fold(%q) = %q, want %q", tc.word, got, tc.folded)
		}
		if got := Term(tc.word); got != tc.term {
			t.Errorf("Term(%q) = %q, want %q", tc.word, got, tc.term)
		}
	}
}

// The client parses a query as queryTerms does here: the same stop words,
// and no word longer than the index counts.
func TestClientParsesQueriesAsGo(t *testing.T) {
	src := string(clientSource(t))
	m := regexp.MustCompile(`(?s)var STOP = \{\};\s*"([^"]*)"`).FindStringSubmatch(src)
	if m == nil {
		t.Fatalf("%s: no STOP list", clientFile)
	}
	if got, want := strings.Fields(m[1]), stopWords; !slices.Equal(got, want) {
		t.Errorf("the client's stop words differ from Go's:\n got %q\nwant %q", got, want)
	}
	if want := fmt.Sprintf("var MAXW = %d,", maxWordBytes); !strings.Contains(src, want) {
		t.Errorf("%s does not say %q", clientFile, want)
	}
}
