package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handboek/handboek/internal/diag"
)

// sharedSite renders a small site of two sections with layouts laid over the
// default theme, and returns its files by path.
func sharedSite(t *testing.T, layouts map[string]string) map[string]string {
	t.Helper()
	page := func(title, kind string, n int) *fstest.MapFile {
		return &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: %s\nkind: %s\nnumber: %d\nsummary: S.\nsuggestions: [Doe iets.]\nwhy: Daarom.\n---\nTekst.\n", title, kind, n)}
	}
	fsys := fstest.MapFS{
		"_index.md":            {Data: []byte("---\ntitle: Thuis\n---\n")},
		"a/_index.md":          {Data: []byte("---\ntitle: A\nweight: 1\n---\n")},
		"b/_index.md":          {Data: []byte("---\ntitle: B\nweight: 2\n---\n")},
		"a/een.md":             page("Een", "praktijk", 1),
		"a/twee.md":            page("Twee", "praktijk", 2),
		"b/drie.md":            page("Drie", "praktijk", 1),
		"b/diep/_index.md":     {Data: []byte("---\ntitle: Diep\n---\n")},
		"b/diep/vier.md":       page("Vier", "praktijk", 2),
		"b/diep/nog/_index.md": {Data: []byte("---\ntitle: Nog\n---\n")},
		"b/diep/nog/vijf.md":   page("Vijf", "praktijk", 3),
		"b/diep/nog/zes.md":    page("Zes", "praktijk", 4),
		"b/diep/nog/zeven.md":  page("Zeven", "praktijk", 5),
	}
	over := fstest.MapFS{}
	for name, text := range layouts {
		over["layouts/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	s := testSite(t, fsys, over)
	var diags diag.List
	files := s.Render(&diags)
	if diags.HasErrors() {
		t.Fatal(diags.String())
	}
	out := map[string]string{}
	for _, f := range files {
		if f.From == nil {
			out[f.Path] = string(f.Data)
		}
	}
	return out
}

func TestPartialCachedIsExact(t *testing.T) {
	const body = `{{ define "main" }}<main>{{ .Page.Title }}</main>{{ end }}`
	tests := []struct {
		name, partial string
		// varies: the partial's output differs between pages; it must
		// still come out right for each one.
		varies bool
	}{
		{"links and marks from the page", `<a href="{{ .Rel "/" }}">{{ .Site.Title }}</a><a href="{{ .Rel "/b/diep/" }}"{{ if .IsCurrent "/b/" }} class="in"{{ end }}>{{ .T "home" }}</a>{{ .MainNav }}`, true},
		{"the same on every page", `<p>{{ .T "madeWith" }} {{ .KindLabel "spaak" }}</p>`, false},
		{"needs the page: not shared, still right", `<p>{{ .Page.Title }} {{ .Rel "/a/" }}</p>`, true},
		{"needs the page on some pages only", `{{ if .IsCurrent "/b/diep/" }}<p>{{ .Page.Title }}</p>{{ else }}<p>{{ .Rel "/" }}</p>{{ end }}`, true},
		{"a nested shared partial", `<div>{{ partialCached "partials/inner.html" . }}</div>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			layouts := map[string]string{
				"partials/x.html":      tt.partial,
				"partials/inner.html":  `<i>{{ .Rel "/b/" }}</i>`,
				"_default/single.html": body,
				"_default/list.html":   body,
				"index.html":           body,
			}
			layouts["_default/baseof.html"] = `{{ partialCached "partials/x.html" . }}|{{ block "main" . }}{{ end }}`
			cached := sharedSite(t, layouts)
			layouts["_default/baseof.html"] = `{{ template "partials/x.html" . }}|{{ block "main" . }}{{ end }}`
			plain := sharedSite(t, layouts)
			distinct := map[string]bool{}
			for path, want := range plain {
				if cached[path] != want {
					t.Errorf("%s:\n cached %q\n want   %q", path, cached[path], want)
				}
				if strings.HasSuffix(path, ".html") {
					distinct[strings.SplitN(want, "|", 2)[0]] = true
				}
			}
			if got := len(distinct) > 1; got != tt.varies {
				t.Errorf("the partial's output varies between pages: %v, want %v (%d outputs)", got, tt.varies, len(distinct))
			}
		})
	}
}

// Pages whose variants differ never share an output, and a layout that
// redefines a block the partial uses gets its own.
func TestPartialCachedVariantsAndBlocks(t *testing.T) {
	base := `{{ partialCached "partials/x.html" . .Page.Section }}|{{ block "main" . }}{{ end }}`
	got := sharedSite(t, map[string]string{
		"_default/baseof.html": base,
		"partials/x.html":      `{{ .Site.Title }}{{ block "extra" . }}-{{ end }}`,
		"praktijk/single.html": `{{ define "extra" }}+praktijk{{ end }}{{ define "main" }}{{ end }}`,
		"_default/list.html":   `{{ define "main" }}{{ end }}`,
		"index.html":           `{{ define "main" }}{{ end }}`,
	})
	title := "Proef" // the title of benchSite's config
	for path, want := range map[string]string{
		"a/een/index.html":  title + "+praktijk|",
		"b/drie/index.html": title + "+praktijk|",
		"a/index.html":      title + "-|",
		"index.html":        title + "-|",
	} {
		if got[path] != want {
			t.Errorf("%s = %q, want %q", path, got[path], want)
		}
	}
}
