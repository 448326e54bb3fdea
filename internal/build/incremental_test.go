package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handboek/handboek/internal/corpus"
	"github.com/handboek/handboek/internal/diag"
)

// TestCacheMatchesCleanBuild edits a corpus in the ways an author does and
// checks after each edit that the incremental build gives exactly the files
// of a clean build, and that a body edit executes only a few pages.
func TestCacheMatchesCleanBuild(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Site(src, 150, 1); err != nil {
		t.Fatal(err)
	}
	cache := NewCache()
	// changed, when set, is passed to the cache as the dev server's watcher
	// would; it is cleared after each rebuild.
	var changed []string
	rebuild := func(step string) Stats {
		t.Helper()
		if changed != nil {
			cache.Changed(changed)
			changed = nil
		}
		var d1, d2 diag.List
		got, _ := Run(context.Background(), Options{Source: src}, &Memory{Cache: cache}, &d1)
		want := Compile(Options{Source: src}, &d2)
		if d1.String() != d2.String() {
			t.Fatalf("%s: diagnostics differ:\nincremental:\n%s\nclean:\n%s", step, d1.String(), d2.String())
		}
		if d2.HasErrors() {
			// Only these steps break the site on purpose; a step that
			// breaks it by accident would test nothing from then on.
			if step != "broken front matter" && step != "rename" {
				t.Fatalf("%s: %s", step, d2.String())
			}
			return cache.Stats()
		}
		g, w := fileMap(got.Files), fileMap(want.Files)
		if len(g) != len(w) {
			t.Fatalf("%s: %d files, clean build has %d", step, len(g), len(w))
		}
		for p, data := range w {
			if gd, ok := g[p]; !ok || !bytes.Equal(gd, data) {
				t.Fatalf("%s: %s differs from a clean build", step, p)
			}
		}
		return cache.Stats()
	}
	page := filepath.Join(src, "content", "sectie-000", "kaart-00005.md")
	edit := func(from, to string) {
		t.Helper()
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(from)) {
			t.Fatalf("%q not in %s", from, page)
		}
		if err := os.WriteFile(page, bytes.Replace(data, []byte(from), []byte(to), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		changed = []string{"content/sectie-000/kaart-00005.md"}
	}
	if st := rebuild("first build"); !st.Full || st.Markdown < 150 {
		t.Errorf("first build: %+v, want a full build", st)
	}
	if st := rebuild("no change"); st.Markdown != 0 || st.Pages != 0 {
		t.Errorf("no change: %+v, want no work", st)
	}
	edit("\n---\n", "\n---\n\nEen nieuwe alinea met **nadruk**.\n\n## Nieuwe kop\n")
	if st := rebuild("body edit"); st.Full || st.Markdown != 1 || st.Pages != 1 {
		t.Errorf("body edit: %+v, want one page rendered and executed", st)
	}
	edit("title: ", "title: Nieuw ")
	if st := rebuild("title edit"); st.Full || st.Markdown != 0 || st.Pages == 0 {
		t.Errorf("title edit: %+v, want the pages that list or link it executed, no Markdown", st)
	}
	// Dropping a related page changes that page too (it showed this one as
	// incoming); the clean-build comparison catches a page left stale.
	data, _ := os.ReadFile(page)
	rel := bytes.Index(data, []byte("related:\n  - "))
	if rel < 0 {
		t.Fatalf("no related list in %s", page)
	}
	line := data[rel+len("related:\n") : rel+len("related:\n")+bytes.IndexByte(data[rel+len("related:\n"):], '\n')+1]
	edit(string(line), "")
	// (The body moved up a line, so its Markdown is rendered again for the
	// line numbers in its messages.)
	if st := rebuild("related dropped"); st.Full || st.Markdown > 1 {
		t.Errorf("related dropped: %+v, want an incremental run", st)
	}
	edit("summary: ", "summary: Anders. ")
	rebuild("summary edit")
	// The same across sections, where no list or navigation covers it.
	edit("related:\n", "related:\n  - sectie-001/kaart-00120\n")
	rebuild("related in another section added")
	edit("related:\n  - sectie-001/kaart-00120\n", "related:\n")
	rebuild("related in another section dropped")
	edit("tags: [", "tags: [nieuwetag, ")
	if st := rebuild("new tag"); !st.Full {
		t.Errorf("new tag: %+v, want a full run (a new tag page, the tag index)", st)
	}
	edit("kind: ", "kind: kapot")
	rebuild("broken front matter")
	edit("kind: kapot", "kind: ")
	if st := rebuild("fixed front matter"); st.Full || st.Pages != 0 {
		t.Errorf("fixed front matter: %+v, want the last good build reused", st)
	}
	if err := os.Rename(page, strings.Replace(page, "00005", "99999", 1)); err != nil {
		t.Fatal(err)
	}
	changed = []string{"content/sectie-000/kaart-00005.md", "content/sectie-000/kaart-99999.md"}
	rebuild("rename") // three pages name it as related: errors
	if err := os.Rename(strings.Replace(page, "00005", "99999", 1), page); err != nil {
		t.Fatal(err)
	}
	rebuild("renamed back")
	changed = []string{"handboek.yaml"}
	rebuild("config touched")
	if st := cache.Stats(); !st.Full {
		t.Errorf("config change: %+v, want a full build", st)
	}

	all := cache.Stats().Pages // a full build's pages (and not the tag pages, 404 and the like)

	// What a page's templates read is recorded as they run: a layout that
	// shows reading times in lists makes a body edit change the lists that
	// hold the page (its section, its tags), and no other page.
	list := filepath.Join(src, "layouts", "partials", "pagelist.html")
	if err := os.MkdirAll(filepath.Dir(list), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(list, []byte(`<ul>{{ range .Pages }}<li>{{ .Title }}: {{ .ReadingMinutes }} min</li>{{ end }}</ul>`), 0o644); err != nil {
		t.Fatal(err)
	}
	changed = []string{"layouts/partials/pagelist.html"}
	rebuild("layout that shows bodies")
	page = filepath.Join(src, "content", "sectie-000", "kaart-00007.md")
	data, _ = os.ReadFile(page)
	os.WriteFile(page, append(data, []byte(strings.Repeat("\nNog veel meer woorden in deze tekst.", 100))...), 0o644)
	changed = []string{"content/sectie-000/kaart-00007.md"}
	if st := rebuild("body edit shown in lists"); st.Full || st.Markdown != 1 || st.Pages < 2 || st.Pages > 10 {
		t.Errorf("body edit shown in lists: %+v, want the page and the lists that hold it", st)
	}
	// The same reached through a variable and a parent: no way of
	// writing it escapes the record.
	single := filepath.Join(src, "layouts", "_default", "single.html")
	os.MkdirAll(filepath.Dir(single), 0o755)
	if err := os.WriteFile(single, []byte(`{{ define "main" }}{{ .Page.Content }}{{ $p := .Page }}{{ with $p.Parent }}{{ range .Children }}{{ if eq .Key "sectie-000/kaart-00009" }}{{ .Summary }} {{ len .TOC }}{{ end }}{{ end }}{{ end }}{{ end }}`), 0o644); err != nil {
		t.Fatal(err)
	}
	changed = []string{"layouts/_default/single.html"}
	rebuild("layout that shows a sibling")
	edit9 := func(from, to, step string) Stats {
		t.Helper()
		page = filepath.Join(src, "content", "sectie-000", "kaart-00009.md")
		edit(from, to)
		changed = []string{"content/sectie-000/kaart-00009.md"}
		return rebuild(step)
	}
	if st := edit9("\n---\n", "\n---\n\n## Een kop erbij\n\nTekst.\n", "sibling's body edit"); st.Full || st.Pages < 2 || st.Pages >= all {
		t.Errorf("sibling's body edit: %+v, want the pages of its section that show it, not all", st)
	}
	if st := edit9("summary: ", "summary: Gewijzigd. ", "sibling's summary edit"); st.Full || st.Pages < 2 || st.Pages >= all {
		t.Errorf("sibling's summary edit: %+v, want the pages of its section that show it, not all", st)
	}

	// A footer (a cached partial) that lists every card: a title shows on
	// every page, through the footer each page reuses.
	footer := filepath.Join(src, "layouts", "partials", "footer.html")
	if err := os.WriteFile(footer, []byte(`<footer>{{ $s := .Site }}{{ range $s.Cards }}{{ .Title }} {{ end }}</footer>`), 0o644); err != nil {
		t.Fatal(err)
	}
	changed = []string{"layouts/partials/footer.html"}
	rebuild("layout that lists every card")
	if st := edit9("title: ", "title: Weer ", "title edit with a site-wide layout"); st.Pages < all {
		t.Errorf("title edit with a site-wide layout: %+v, want all %d pages executed", st, all)
	}
}

// BenchmarkIncrementalEdit is the dev server's rebuild after a one-page body
// edit, without the watcher: append a line to a page, tell the cache, Compile.
func BenchmarkIncrementalEdit(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			src := corpusSite(b, n)
			cache := NewCache()
			var diags diag.List
			Run(context.Background(), Options{Source: src}, &Memory{Cache: cache}, &diags)
			if diags.HasErrors() {
				b.Fatal(diags.String())
			}
			page := filepath.Join(src, "content", "sectie-000", "kaart-00005.md")
			i := 0
			for b.Loop() {
				i++
				data, _ := os.ReadFile(page)
				os.WriteFile(page, fmt.Appendf(data, "\nBewerking %d.\n", i), 0o644)
				cache.Changed([]string{"content/sectie-000/kaart-00005.md"})
				Run(context.Background(), Options{Source: src}, &Memory{Cache: cache, LaterIndex: true}, &diag.List{})
			}
		})
	}
}
