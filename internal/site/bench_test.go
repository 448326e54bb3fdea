package site

import (
	"bytes"
	"context"
	"testing"
	"testing/fstest"

	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/corpus"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/render"
	"github.com/handboek/handboek/internal/sitefs"
	"github.com/handboek/handboek/themes"
)

// benchSite assembles a generated handbook of n pages with the default theme.
func benchSite(b *testing.B, n int) *Site {
	fsys := fstest.MapFS{}
	for p, data := range corpus.Files(n, 1) {
		if rest, ok := cutContent(p); ok {
			fsys[rest] = &fstest.MapFile{Data: data}
		}
	}
	return testSite(b, fsys, fstest.MapFS{})
}

// testSite loads, renders and assembles the content in fsys with the
// layouts of over laid on the default theme.
func testSite(tb testing.TB, fsys, over fstest.MapFS) *Site {
	tb.Helper()
	var diags diag.List
	set := content.Load(context.Background(), fsys, content.Options{}, &diags)
	md := render.New(render.Options{})
	rendered := map[*content.Page]*render.Result{}
	for _, p := range set.Pages {
		rendered[p] = RenderBody(md, p, p.Body(), &diags)
	}
	cfg := config.Default()
	cfg.Title = "Proef"
	theme := LoadTheme([]sitefs.Layer{{FS: over, Dir: "."}, {FS: themes.Default(), Dir: "themes/default"}}, cfg.Language, &diags)
	s := Assemble(Input{Config: cfg, Content: set, Rendered: rendered, Theme: theme, ContentFS: fsys}, &diags)
	if diags.HasErrors() {
		tb.Fatal(diags.String())
	}
	return s
}

func cutContent(p string) (string, bool) {
	const prefix = "content/"
	if len(p) > len(prefix) && p[:len(prefix)] == prefix {
		return p[len(prefix):], true
	}
	return "", false
}

// BenchmarkCardPartials times each partial of a card page, and the whole
// page, to show where a page's template time goes.
func BenchmarkCardPartials(b *testing.B) {
	s := benchSite(b, 1000)
	var diags diag.List
	tpl, _ := s.theme.Template([]string{"dimensie/single.html"}, &diags)
	p := s.Page("sectie-003/kaart-00304")
	ctx := &Ctx{Site: s.view, Page: p, site: s, tpl: tpl}
	var buf bytes.Buffer
	for _, name := range []string{"baseof.html", "partials/header.html", "partials/breadcrumbs.html", "partials/card-head.html",
		"partials/card-suggestions.html", "partials/toc.html", "partials/related.html", "partials/prevnext.html", "partials/footer.html", "partials/search-form.html"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				buf.Reset()
				if err := tpl.ExecuteTemplate(&buf, name, ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes")
		})
	}
}
