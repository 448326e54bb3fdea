package content

import (
	"bytes"
	"testing"

	"github.com/handboek/handboek/internal/diag"
)

// FuzzFrontMatter: splitting any file into front matter and body, and
// loading it as a page, never panics; the parts are where they say, and
// every problem names the file and a line in it.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{card, spoke, "---\n---\n", "---\r\ntitle: x\r\n---\r\nbody", "---\ntitle: x\n---", "no front matter", "---\n- a\n---\n", "---\ntitle: &a [*a]\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, offset, line, ok := splitFrontMatter(src)
		if ok {
			if !bytes.HasPrefix(src, []byte("---")) || offset < 0 || offset > len(src) {
				t.Fatalf("split %q at %d", src, offset)
			}
			start := bytes.IndexByte(src, '\n') + 1
			if !bytes.Equal(src[start:start+len(fm)], fm) || start+len(fm) > offset {
				t.Fatalf("front matter %q is not the text after the first line of %q", fm, src)
			}
			if want := 1 + bytes.Count(src[:offset], []byte("\n")); line != want && !(offset == len(src) && line == want+1) {
				t.Fatalf("body of %q starts at byte %d on line %d, want line %d", src, offset, line, want)
			}
		}
		// Editors, and YAML, also end a line at a lone \r.
		lines := 1 + bytes.Count(src, []byte("\n")) + bytes.Count(bytes.ReplaceAll(src, []byte("\r\n"), nil), []byte("\r"))
		var diags diag.List
		p := parsePage("x/y.md", src, &diags)
		if p != nil && (p.BodyOffset > len(p.Source) || p.BodyLine < 1) {
			t.Fatalf("page body at %d, line %d, of %d bytes", p.BodyOffset, p.BodyLine, len(p.Source))
		}
		for _, d := range diags.All() {
			if d.Pos.File != "content/x/y.md" || d.Pos.Line < 1 || d.Pos.Line > lines+1 {
				t.Errorf("%q: diagnostic without a place in the file: %s", src, d)
			}
		}
	})
}
