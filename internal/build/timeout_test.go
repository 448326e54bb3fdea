package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

// A page over markup.timeout fails the build with its path, the streamed
// build and the one in memory alike.
func TestPageOverItsRenderBudgetFailsWithItsPath(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"handboek.yaml":     "title: T\nmarkup:\n  timeout: 100ms\n",
		"content/gewoon.md": "---\ntitle: Gewoon\nkind: pagina\n---\nTekst.\n",
		// Far over 100 ms on any machine: 200,000 headings.
		"content/groot.md": "---\ntitle: Groot\nkind: pagina\n---\n" + strings.Repeat("## Stap\n\n*Tekst* [link](/gewoon/).\n\n", 200000),
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, streamed := range []bool{false, true} {
		var diags diag.List
		opts := Options{Source: dir}
		if streamed {
			opts.Emit = func(site.File) {}
		}
		Compile(opts, &diags)
		want := "content/groot.md:5: rendering Markdown: took too long (over 100ms): the page's Markdown is pathological"
		if !strings.Contains(diags.String(), want) {
			t.Errorf("streamed %v: diagnostics\n%s\nwant %q", streamed, diags.String(), want)
		}
	}
}
