package cards_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
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

// compile builds the site in dir, with baseURL when it is not empty.
func compile(t *testing.T, dir, baseURL string) *site.Site {
	t.Helper()
	var diags diag.List
	res := build.Compile(build.Options{Source: dir, BaseURL: baseURL}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.String())
	}
	return res.Site
}

var testFont = &cards.Font{Name: "test", Regular: []byte("x"), Bold: []byte("x")}

func layoutSite(t *testing.T, dir string, opts cards.Options) (*cards.Deck, *diag.List) {
	t.Helper()
	s := compile(t, dir, "")
	chosen, err := cards.Select(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	return cards.Layout(s, chosen, testFont, opts, &diags), &diags
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
	// The page is printed 1 mm larger than the sheet; the print stage
	// crops it to the sheet (see cards.PagePad).
	for _, want := range []string{`class="card mijn-voorkant"`, "Een korte kaart · Dimensie 1", ".mijn-voorkant{color:red}", `class="card card-back`, "@page{size:112mm 155mm;margin:0}", ".sheet{position:relative;width:111mm;height:154mm;"} {
		if !strings.Contains(html, want) {
			t.Errorf("deck HTML lacks %q", want)
		}
	}
	if d.Pages != 8 {
		t.Errorf("%d pages, want 8 (four cards, two sides)", d.Pages)
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

func TestSelectChoosesCardsByKindTagAndPath(t *testing.T) {
	s := compile(t, "testdata/deck", "")
	keys := func(ps []*site.Page) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Key)
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		name    string
		opts    cards.Options
		want    string // keys, in site order
		wantErr string // the option and words the error must name
	}{
		{"all", cards.Options{}, "dimensies/veilig praktijken/luisteren spaken/tijd", ""},
		{"tag", cards.Options{Tags: []string{"veiligheid"}}, "dimensies/veilig spaken/tijd", ""},
		{"tag any of", cards.Options{Tags: []string{"tijd", "Veiligheid"}}, "dimensies/veilig spaken/tijd", ""},
		{"tag and kind", cards.Options{Tags: []string{"veiligheid"}, Kinds: []string{"spaak"}}, "spaken/tijd", ""},
		{"only, in site order", cards.Options{Only: []string{"spaken/tijd", "dimensies/veilig"}}, "dimensies/veilig spaken/tijd", ""},
		{"only, as file and URL", cards.Options{Only: []string{"content/spaken/tijd.md", "/praktijken/luisteren/"}}, "praktijken/luisteren spaken/tijd", ""},
		{"only and tag", cards.Options{Only: []string{"praktijken/luisteren", "spaken/tijd"}, Tags: []string{"veiligheid"}}, "spaken/tijd", ""},
		{"unknown path", cards.Options{Only: []string{"dimensies/veilig", "dimensies/onveilig"}}, "", `only: no card "dimensies/onveilig" in content/ (cards in dimensies: dimensies/veilig)`},
		{"a section is no card", cards.Options{Only: []string{"dimensies"}}, "", `only: "dimensies" is a page of kind section, not a card (dimensie, spaak or praktijk)`},
		{"unknown tag", cards.Options{Tags: []string{"budget"}}, "", `tag: no card is tagged "budget" (tags on cards: tijd, veiligheid)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := cards.Select(s, c.opts)
			if c.wantErr != "" {
				se, ok := err.(*cards.SelectError)
				if !ok || se.Option+": "+se.Error() != c.wantErr {
					t.Fatalf("err = %#v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil || keys(got) != c.want {
				t.Errorf("Select = %q, %v; want %q", keys(got), err, c.want)
			}
		})
	}
}

func TestBacksLinkToTheirPageWhenTheSiteIsAbsolute(t *testing.T) {
	for _, c := range []struct {
		name    string
		baseURL string
		qr      bool
		want    int // QR codes in the deck
	}{
		{"absolute baseURL", "", true, 3},
		{"--qr=false", "", false, 0},
		{"relative baseURL", "/oefen/", true, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := compile(t, "testdata/deck", c.baseURL)
			opts := cards.Default()
			opts.QR = c.qr
			chosen, _ := cards.Select(s, opts)
			var diags diag.List
			d := cards.Layout(s, chosen, testFont, opts, &diags)
			if d == nil {
				t.Fatal(diags.String())
			}
			html := string(d.HTML)
			if n := strings.Count(html, `<svg class="card-qr-code"`); n != c.want {
				t.Errorf("%d QR codes, want %d", n, c.want)
			}
			// The short address, breakable only after a slash.
			short := "<span>kaarten.example.org/</span><wbr><span>oefen/</span><wbr><span>spaken/</span><wbr><span>tijd</span>"
			if strings.Contains(html, short) != (c.want > 0) {
				t.Errorf("short address %q shown: %v, want %v", short, !(c.want > 0), c.want > 0)
			}
		})
	}
}

func TestBothSidesNameTheCardAlike(t *testing.T) {
	d, diags := layoutSite(t, "testdata/deck", cards.Default())
	if d == nil {
		t.Fatal(diags.String())
	}
	html := string(d.HTML)
	// Front, back, and the related list on the other cards' backs.
	if n := strings.Count(html, ">Spaak 1<"); n != 3 {
		t.Errorf(`"Spaak 1" named %d times, want 3 (front, back, related on Dimensie 1)`, n)
	}
	if strings.Contains(html, ">01<") {
		t.Error(`a card is numbered "01": the sides must name the number alike`)
	}
}
