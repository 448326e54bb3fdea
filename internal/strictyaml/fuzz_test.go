package strictyaml_test

import (
	"bytes"
	"testing"

	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/strictyaml"
)

// FuzzDecode: any YAML, decoded into a page's front matter and into the
// site configuration, never panics, and every problem has a line inside
// the document (or just after it, for what ends too soon).
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"title: x\nnumber: 7.9\ntitle: y\n",
		"tags: [a, b]\nchallenges:\n  - question: q\n    explanation: e\n    question: r\n",
		"output:\n  keep: [CNAME]\nmarkup:\n  timeout: 5s\n",
		"a: &a [*a, *a]\nb: *a\n",
		"- just\n- a list\n",
		"title: [unclosed\n",
		"? [complex, key]\n: value\n",
		"number: 99999999999999999999\n",
		"!!binary aGVsbG8=\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// YAML ends a line at \n, \r\n and a lone \r.
		lines := 1 + bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n")) + bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"))
		check := func(v any) {
			var diags diag.List
			doc := strictyaml.Decode(data, v, "f.md", 1, &diags)
			for _, d := range diags.All() {
				if d.Pos.File != "f.md" || d.Pos.Line < 2 || d.Pos.Line > lines+2 {
					t.Errorf("%q: diagnostic without a place in the document: %s", data, d)
				}
			}
			// Positions of what is there, and of what is not, are usable.
			for _, key := range []string{"title", "tags", "output.keep", "nothing"} {
				if p := doc.ItemPos(key, 1); p.File != "f.md" || p.Line < 2 {
					t.Errorf("ItemPos(%s) = %s", key, p)
				}
			}
		}
		check(&content.FrontMatter{})
		cfg := config.Default()
		check(&cfg)
	})
}
