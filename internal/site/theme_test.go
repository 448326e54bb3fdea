package site

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/sitefs"
)

func TestThemeTemplateErrors(t *testing.T) {
	base := `<body>{{ block "main" . }}base{{ end }}{{ template "partials/foot.html" . }}</body>`
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // the diagnostics (sorted) after asking for a.html and b.html
	}{
		{"clean", map[string]string{"partials/foot.html": `foot`, "a.html": `{{ define "main" }}A{{ end }}`, "b.html": `{{ define "main" }}B{{ end }}`}, nil},
		// A broken partial is reported once, not once per layout, and the
		// layouts' own errors are still reported.
		{"broken partial and layout", map[string]string{"partials/foot.html": "\n{{ if }}", "a.html": `{{ define "main" }}{{ .X( }}{{ end }}`, "b.html": `{{ define "main" }}B{{ end }}`},
			[]string{`layouts/a.html:1: unexpected "(" in operand`, `layouts/partials/foot.html:2: missing value for if`}},
		{"broken layout", map[string]string{"partials/foot.html": `foot`, "a.html": `{{ define "main" }}{{ end`, "b.html": `{{ define "main" }}B{{ end }}`},
			[]string{`layouts/a.html:1: unclosed action`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"layouts/_default/baseof.html": {Data: []byte(base)}}
			for name, src := range tc.files {
				fsys["layouts/"+name] = &fstest.MapFile{Data: []byte(src)}
			}
			th := &Theme{layers: []sitefs.Layer{{FS: fsys, Dir: "."}}, templates: map[string]*template.Template{}}
			var diags diag.List
			a, _ := th.Template([]string{"a.html"}, &diags)
			b, _ := th.Template([]string{"b.html"}, &diags)
			var got []string
			for _, d := range diags.All() {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if tc.want != nil {
				return
			}
			// Each layout has its own main, and both have the partial.
			for tpl, want := range map[*template.Template]string{a: "<body>Afoot</body>", b: "<body>Bfoot</body>"} {
				var out strings.Builder
				if err := tpl.ExecuteTemplate(&out, "baseof.html", nil); err != nil {
					t.Fatal(err)
				}
				if out.String() != want {
					t.Errorf("got %q, want %q", out.String(), want)
				}
			}
		})
	}
}
