package cards_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/diag"
)

// siteWith copies the overflow fixture and adds files to it.
func siteWith(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir("testdata/overflow", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("testdata/overflow", p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return writeAll(filepath.Join(dir, rel), data)
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := writeAll(filepath.Join(dir, name), []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func writeAll(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

func layoutSite(t *testing.T, dir string, opts cards.Options) (*cards.Deck, *diag.List) {
	t.Helper()
	var diags diag.List
	res := build.Compile(build.Options{Source: dir}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.String())
	}
	font := &cards.Font{Name: "test", Regular: []byte("x"), Bold: []byte("x")}
	return cards.Layout(res.Site, cards.Select(res.Site, nil), font, opts, &diags), &diags
}

func TestSiteOverridesCardTemplates(t *testing.T) {
	dir := siteWith(t, map[string]string{
		"layouts/cards/front.html": `<article class="card mijn-voorkant" data-fit>{{ .Title }} · {{ .KindLabel .Kind }} {{ .Number }}</article>`,
		"layouts/cards/cards.css":  `.mijn-voorkant{color:red}`,
	})
	d, diags := layoutSite(t, dir, cards.Default())
	if d == nil {
		t.Fatal(diags.String())
	}
	html := string(d.HTML)
	for _, want := range []string{`class="card mijn-voorkant"`, "Een korte kaart · Dimensie 1", ".mijn-voorkant{color:red}", `class="card card-back`, "@page{size:111mm 154mm;margin:0}"} {
		if !strings.Contains(html, want) {
			t.Errorf("deck HTML lacks %q", want)
		}
	}
	if d.Pages != 4 {
		t.Errorf("%d pages, want 4 (two cards, two sides)", d.Pages)
	}
}

func TestBrokenCardTemplateNamesFileAndLine(t *testing.T) {
	dir := siteWith(t, map[string]string{
		"layouts/cards/back.html": "<article>\n{{ .Title }\n</article>",
	})
	d, diags := layoutSite(t, dir, cards.Default())
	if d != nil {
		t.Fatal("a broken template gave a deck")
	}
	if got := diags.String(); !strings.Contains(got, "layouts/cards/back.html:2") {
		t.Errorf("diagnostics %q do not name layouts/cards/back.html:2", got)
	}
}

func TestContentIsEscapedOnCards(t *testing.T) {
	dir := siteWith(t, map[string]string{
		"content/dimensies/kort.md": "---\ntitle: \"<script>alert(1)</script> & co\"\nkind: dimensie\nnumber: 1\nsummary: Past.\nchallenges:\n  - question: Past dit?\n    explanation: Ja.\nsuggestions:\n  - \"<b>vet</b>\"\n---\nTekst.\n",
	})
	d, diags := layoutSite(t, dir, cards.Default())
	if d == nil {
		t.Fatal(diags.String())
	}
	html := string(d.HTML)
	if strings.Contains(html, "<script>alert") || strings.Contains(html, "<b>vet</b>") {
		t.Error("card content reached the deck unescaped")
	}
	if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co") {
		t.Error("escaped title missing")
	}
}

func TestThemeFontWinsAndMustBeTrueType(t *testing.T) {
	ttf := "\x00\x01\x00\x00 a TrueType font"
	for _, c := range []struct {
		regular, bold string
		name          string // "" means an error
	}{
		{ttf, ttf, "the theme's card font"},
		{"OTTO a CFF font", ttf, ""},
	} {
		dir := siteWith(t, map[string]string{"static/fonts/card-regular.ttf": c.regular, "static/fonts/card-bold.ttf": c.bold})
		var diags diag.List
		res := build.Compile(build.Options{Source: dir}, &diags)
		if diags.HasErrors() {
			t.Fatal(diags.String())
		}
		f, err := cards.FindFont(res.Site.Theme())
		switch {
		case c.name == "" && err == nil:
			t.Errorf("a CFF font was accepted as %q", f.Name)
		case c.name != "" && (err != nil || f.Name != c.name || string(f.Regular) != c.regular):
			t.Errorf("FindFont = %v, %v; want the theme's font", f, err)
		}
	}
}
