package archetype

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
)

// page is a valid content file of the given kind and number.
func page(kind string, number int) *fstest.MapFile {
	fm := "---\ntitle: T\nkind: " + kind + "\nsummary: S\n"
	if content.IsCard(kind) {
		fm += "number: " + strconv.Itoa(number) + "\nsuggestions: [S]\n"
	}
	switch kind {
	case content.KindDimensie:
		fm += "challenges:\n  - question: Q\n    explanation: E\n"
	case content.KindSpaak:
		fm += "not: N\nsupport: S\n"
	case content.KindPraktijk:
		fm += "why: W\n"
	}
	return &fstest.MapFile{Data: []byte(fm + "---\nTekst.\n")}
}

func TestPlaceFor(t *testing.T) {
	tests := []struct {
		name    string
		files   fstest.MapFS
		kind    string
		section string
		number  int
	}{
		{"no pages: the kind's default section", fstest.MapFS{}, content.KindPraktijk, "leiders-als-trainers", 1},
		{"after the highest number", fstest.MapFS{
			"dimensies/a.md": page(content.KindDimensie, 1),
			"dimensies/b.md": page(content.KindDimensie, 4),
		}, content.KindDimensie, "dimensies", 5},
		{"the section with most pages of the kind", fstest.MapFS{
			"kaarten/a.md":   page(content.KindSpaak, 1),
			"kaarten/b.md":   page(content.KindSpaak, 2),
			"spaken/c.md":    page(content.KindSpaak, 7),
			"dimensies/x.md": page(content.KindDimensie, 9),
		}, content.KindSpaak, "kaarten", 3},
		{"a tie goes to the first name", fstest.MapFS{
			"zz/a.md": page(content.KindDimensie, 1),
			"aa/b.md": page(content.KindDimensie, 2),
		}, content.KindDimensie, "aa", 3},
		{"numbers of other kinds in the section count too", fstest.MapFS{
			"dimensies/a.md": page(content.KindDimensie, 2),
			"dimensies/b.md": page(content.KindSpaak, 6),
		}, content.KindDimensie, "dimensies", 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			set := content.Load(tt.files, content.Options{}, &diags)
			if diags.HasErrors() {
				t.Fatal(diags.String())
			}
			section, number := placeFor(set, tt.kind)
			if section != tt.section || number != tt.number {
				t.Errorf("placeFor = %s, %d; want %s, %d", section, number, tt.section, tt.number)
			}
		})
	}
}

// yamlString must give a scalar YAML reads back as the same text.
func TestYAMLString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Visie", `"Visie"`},
		{`Ideeën "delen": één <keer>`, `"Ideeën \"delen\": één <keer>"`},
		{"a: b # c", `"a: b # c"`},
		{`back\slash`, `"back\\slash"`},
	} {
		if got := yamlString(tt.in); got != tt.want {
			t.Errorf("yamlString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// write puts files into dir.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// An archetype is looked up in the site, then its theme folder, then the
// built-in default theme, as Hugo does; in each, a site's language has its
// own archetype first.
func TestFindLooksInSiteThemeThenBuiltIn(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"archetypes/artikel.md":               "site",
		"themes/eigen/archetypes/spaak.md":    "theme",
		"themes/eigen/archetypes/spaak.en.md": "theme, English",
	})
	for _, tt := range []struct {
		theme, kind, lang, want string
	}{
		{"eigen", "artikel", "nl", "archetypes/artikel.md"},
		{"eigen", "artikel", "en", "archetypes/artikel.md"},
		{"eigen", "spaak", "nl", "themes/eigen/archetypes/spaak.md"},
		{"eigen", "spaak", "en", "themes/eigen/archetypes/spaak.en.md"},
		{"default", "dimensie", "nl", "(built-in theme default)/archetypes/dimensie.md"},
		{"default", "dimensie", "en", "(built-in theme default)/archetypes/dimensie.en.md"},
	} {
		_, _, name, err := find(dir, tt.theme, tt.kind, tt.lang)
		if err != nil || name != tt.want {
			t.Errorf("find(%s, %s, %s) = %q, %v; want %q", tt.theme, tt.kind, tt.lang, name, err, tt.want)
		}
	}
	// A theme of its own, without the archetype: the default is not used.
	_, _, _, err := find(dir, "eigen", "dimensie", "nl")
	if err == nil || err.Error() != "no archetype archetypes/dimensie.md (looked in ., themes/eigen)" {
		t.Errorf("find of a missing archetype: %v", err)
	}
}

func TestCreateRefuses(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"handboek.yaml":              "title: Test\n",
		"content/dimensies/visie.md": "---\ntitle: Visie\nkind: dimensie\nnumber: 1\nsummary: S\nchallenges:\n  - question: Q\n    explanation: E\nsuggestions: [S]\n---\n",
		"content/dimensies/oud.md":   "---\ntitle: Oud\nkind: dimensie\nnumber: 2\nslug: nieuw\nsummary: S\nchallenges:\n  - question: Q\n    explanation: E\nsuggestions: [S]\n---\n",
	})
	for _, tt := range []struct {
		name   string
		opts   Options
		want   string
		exists bool // errors.Is(err, ErrExists)
	}{
		{"an unknown kind", Options{Source: dir, Kind: "kaart", Title: "T"}, `unknown kind "kaart"`, false},
		{"a title without letters", Options{Source: dir, Kind: "dimensie", Title: "?!"}, `title "?!" has no letters or digits`, false},
		{"a folder that is no site", Options{Source: filepath.Join(dir, "content"), Kind: "dimensie", Title: "T"}, "is not a handbook site", false},
		{"a file that is there", Options{Source: dir, Kind: "dimensie", Title: "Visie"}, "content/dimensies/visie.md: already exists", true},
		{"another page's URL", Options{Source: dir, Kind: "dimensie", Title: "Nieuw"}, "would have the URL of content/dimensies/oud.md", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Create(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Create = %+v, %v; want an error with %q", res, err, tt.want)
			}
			if errors.Is(err, ErrExists) != tt.exists {
				t.Errorf("errors.Is(%v, ErrExists) = %v", err, !tt.exists)
			}
		})
	}
	// Nothing was written: the site has its two pages only.
	entries, _ := os.ReadDir(filepath.Join(dir, "content", "dimensies"))
	if len(entries) != 2 {
		t.Errorf("content/dimensies has %d files after refusals, want 2", len(entries))
	}
}

// A created page is a page the site builds, with every field it needs and
// the prompts check looks for; its section gets an _index.md when it had
// none.
func TestCreateWritesAPageThatLoads(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"handboek.yaml": "title: Test\n"})
	for _, kind := range []string{content.KindDimensie, content.KindSpaak, content.KindPraktijk, content.KindArtikel} {
		res, err := Create(Options{Source: dir, Kind: kind, Title: "Leren: één stap"})
		if err != nil {
			t.Fatal(err)
		}
		want := Result{Page: "content/" + Kinds[kind] + "/leren-een-stap.md", Index: "content/" + Kinds[kind] + "/_index.md"}
		if res != want {
			t.Errorf("%s: wrote %+v, want %+v", kind, res, want)
		}
	}
	var diags diag.List
	set := content.Load(os.DirFS(filepath.Join(dir, "content")), content.Options{}, &diags)
	if diags.HasErrors() {
		t.Fatalf("the new pages do not load:\n%s", diags.String())
	}
	pages := 0
	for _, p := range set.Pages {
		if p.Kind == content.KindSection {
			continue
		}
		pages++
		if p.Title != "Leren: één stap" || !strings.Contains(string(p.Source), content.Placeholder) {
			t.Errorf("%s: title %q, prompts %v", p.Path(), p.Title, strings.Contains(string(p.Source), content.Placeholder))
		}
		if p.IsCard() && p.Number != 1 {
			t.Errorf("%s: number %d, want 1", p.Path(), p.Number)
		}
	}
	if pages != 4 {
		t.Errorf("%d pages loaded, want 4", pages)
	}
}
