package site

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/handboek/handboek/internal/diag"
)

// TestUsesRecordWhatTemplatesRead executes one page of a small site with a
// layout per case, and checks what was recorded as read: each way of
// reaching another page is noted, and nothing the layout did not read.
func TestUsesRecordWhatTemplatesRead(t *testing.T) {
	page := func(title string, n int, extra string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nkind: praktijk\nnumber: " + string(rune('0'+n)) +
			"\nsummary: S.\nsuggestions: [Doe iets.]\nwhy: Daarom.\n" + extra + "---\nTekst.\n")}
	}
	fsys := fstest.MapFS{
		"_index.md":   {Data: []byte("---\ntitle: Thuis\n---\n")},
		"a/_index.md": {Data: []byte("---\ntitle: A\nweight: 1\n---\n")},
		"b/_index.md": {Data: []byte("---\ntitle: B\nweight: 2\n---\n")},
		"a/een.md":    page("Een", 1, "related: [b/drie]\ntags: [x]\n"),
		"a/twee.md":   page("Twee", 2, ""),
		"b/drie.md":   page("Drie", 1, "tags: [x]\n"),
		"b/vier.md":   page("Vier", 2, ""),
	}
	const (
		een  = "a/een/index.html"
		twee = "a/twee/index.html"
	)
	tests := []struct {
		name, main, partial string
		out                 string
		want, not           []Use
	}{
		{"own title", `{{ .Page.Title }}`, "", een,
			[]Use{{usePage, "a/een"}}, []Use{{useBody, "a/een"}, {usePage, "a/twee"}, {useOrder, "a"}}},
		{"own body", `{{ .Page.Content }}`, "", een,
			[]Use{{useBody, "a/een"}}, []Use{{useBody, "a/twee"}}},
		{"siblings through the parent", `{{ range .Page.Parent.Children }}{{ .Title }}{{ end }}`, "", een,
			[]Use{{usePage, "a"}, {useOrder, "a"}, {usePage, "a/twee"}}, []Use{{usePage, "b/drie"}, {useBody, "a/twee"}}},
		{"next page's reading time, through a variable", `{{ $p := .Page }}{{ with $p.Next }}{{ .ReadingMinutes }}{{ end }}`, "", een,
			[]Use{{useOrder, "a"}, {usePage, "a/twee"}, {useBody, "a/twee"}}, []Use{{usePage, "b/drie"}}},
		{"related pages", `{{ range .Page.Related }}{{ .Title }}{{ end }}`, "", een,
			[]Use{{useRelated, "a/een"}, {usePage, "b/drie"}}, []Use{{usePage, "a/twee"}}},
		{"a tag's pages", `{{ range .Page.TagList }}{{ range .Pages }}{{ .Title }}{{ end }}{{ end }}`, "", een,
			[]Use{{useTag, "x"}, {usePage, "b/drie"}}, []Use{{usePage, "b/vier"}}},
		{"every card", `{{ range .Site.Cards }}{{ .Title }}{{ end }}`, "", een,
			[]Use{{useCards, ""}, {usePage, "b/vier"}}, nil},
		{"a page by key", `{{ with .Site.Page "b/vier" }}{{ .Summary }}{{ end }}`, "", een,
			[]Use{{usePage, "b/vier"}}, []Use{{usePage, "b/drie"}}},
		{"the section's picture", `{{ .Picture .Page.Parent }}`, "", een,
			[]Use{{useOrder, "a"}, {usePage, "a/twee"}}, []Use{{usePage, "b/drie"}}},
		// A cached partial is made once; the pages that reuse it read what
		// it read, as the one that made it did.
		{"a cached partial, reused", `{{ partialCached "partials/alles.html" . }}`, `{{ range .Site.Pages }}{{ .Title }}{{ end }}`, twee,
			[]Use{{usePage, "b/vier"}, {usePage, "a/een"}}, nil},
		{"the section navigation, reused", `{{ .SectionNav }}`, "", een,
			[]Use{{useOrder, "a"}, {usePage, "a/twee"}}, []Use{{usePage, "b/drie"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			over := fstest.MapFS{
				"layouts/_default/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
				"layouts/praktijk/single.html": {Data: []byte(`{{ define "main" }}` + tc.main + `{{ end }}`)},
				"layouts/partials/alles.html":  {Data: []byte(tc.partial)},
			}
			s := testSite(t, fsys, over)
			var diags diag.List
			uses := &Uses{}
			if err := s.Execute(context.Background(), Execution{Uses: uses}, &diags, func(File) {}); err != nil || diags.HasErrors() {
				t.Fatal(err, diags.String())
			}
			r := uses.byOut[tc.out]
			got := r.own
			for _, p := range r.parts {
				got = append(got, p...)
			}
			for _, u := range tc.want {
				if !slices.Contains(got, u) {
					t.Errorf("%s: %c %q not recorded; got %v", tc.out, u.kind, u.key, got)
				}
			}
			for _, u := range tc.not {
				if slices.Contains(got, u) {
					t.Errorf("%s: %c %q recorded, but not read", tc.out, u.kind, u.key)
				}
			}
		})
	}
}

// TestUsesAreNotRecordedUnasked: without Execution.Uses templates get the
// site's own pages, and the output is the same.
func TestUsesAreNotRecordedUnasked(t *testing.T) {
	s := testSite(t, fstest.MapFS{
		"_index.md":   {Data: []byte("---\ntitle: Thuis\n---\n")},
		"a/_index.md": {Data: []byte("---\ntitle: A\n---\n")},
		"a/een.md":    {Data: []byte("---\ntitle: Een\nkind: artikel\nsummary: S.\n---\nTekst.\n")},
		"a/twee.md":   {Data: []byte("---\ntitle: Twee\nkind: artikel\nsummary: S.\n---\nTekst.\n")},
	}, fstest.MapFS{})
	render := func(uses *Uses) map[string]string {
		out := map[string]string{}
		var (
			diags diag.List
			mu    sync.Mutex // emit is called from every worker
		)
		s.Execute(context.Background(), Execution{Uses: uses}, &diags, func(f File) {
			if f.From == nil {
				mu.Lock()
				out[f.Path] = string(f.Data)
				mu.Unlock()
			}
		})
		if diags.HasErrors() {
			t.Fatal(diags.String())
		}
		return out
	}
	plain, recorded := render(nil), render(&Uses{})
	if len(plain) == 0 || len(plain) != len(recorded) {
		t.Fatalf("%d files unrecorded, %d recorded", len(plain), len(recorded))
	}
	for p, data := range plain {
		if recorded[p] != data {
			t.Errorf("%s differs when its uses are recorded", p)
		}
	}
	for _, p := range s.Pages {
		if p.trk != nil || p.orig != nil {
			t.Errorf("%s: the site's own page carries a recorder", p.Key)
		}
	}
}
