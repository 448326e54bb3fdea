package themes

import (
	"io/fs"
	"strings"
	"testing"
)

// unclosed returns the line of the first block in css that is opened and
// never closed, or of a brace that closes nothing; 0 when the blocks match.
// Comments and strings are skipped.
func unclosed(css string) int {
	var open []int // lines of the blocks open at this point
	line := 1
	for i := 0; i < len(css); i++ {
		switch c := css[i]; {
		case c == '\n':
			line++
		case c == '/' && i+1 < len(css) && css[i+1] == '*':
			end := strings.Index(css[i+2:], "*/")
			if end < 0 {
				return line
			}
			line += strings.Count(css[i:i+2+end], "\n")
			i += end + 3
		case c == '"' || c == '\'':
			for i++; i < len(css) && css[i] != c && css[i] != '\n'; i++ {
				if css[i] == '\\' {
					i++
				}
			}
		case c == '{':
			open = append(open, line)
		case c == '}':
			if len(open) == 0 {
				return line
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		return open[0]
	}
	return 0
}

func TestUnclosed(t *testing.T) {
	for _, tc := range []struct {
		css  string
		want int
	}{
		{"a { b: c; }\n@media print {\n  a { b: c; }\n}\n", 0},
		// A print block left open takes every later rule into print only.
		{"a { b: c; }\n@media print {\n  a { b: c; }\n\n.x { y: z; }\n", 2},
		{"a { b: c; } }\n", 1},
		{"/* { */ a { content: \"}\"; }\n", 0},
		{"/* a\n { */\nb { c: '{' }\nd {\n", 4},
	} {
		if got := unclosed(tc.css); got != tc.want {
			t.Errorf("unclosed(%q) = %d, want %d", tc.css, got, tc.want)
		}
	}
}

// The theme's style sheets close every block they open: an unclosed
// @media print once made the search results' styles print-only.
func TestThemeCSSBlocksClose(t *testing.T) {
	n := 0
	err := fs.WalkDir(Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".css") {
			return err
		}
		n++
		data, err := fs.ReadFile(Default(), p)
		if err != nil {
			return err
		}
		if line := unclosed(string(data)); line > 0 {
			t.Errorf("themes/default/%s:%d: block not closed (or a brace closing nothing)", p, line)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 2 {
		t.Errorf("found %d style sheets, want the site's and the cards'", n)
	}
}
