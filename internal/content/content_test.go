package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handboek/handboek/internal/diag"
)

const card = `---
title: Feedback
kind: dimensie
number: 4
summary: Feedback geven en vragen.
tags: [Feedback, cultuur]
related: [spaken/reflectie]
challenges:
  - question: Hoe?
    explanation: Zo.
suggestions: [Vraag om feedback.]
---
# Body

Tekst.
`

const spoke = `---
title: Reflectie
kind: spaak
number: 6
summary: Terugkijken om vooruit te komen.
not: Geen beoordeling.
support: L&D.
suggestions: [Plan een terugblik.]
---
Tekst.
`

func load(t *testing.T, files map[string]string, opts Options) (*Set, *diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	var diags diag.List
	return Load(fsys, opts, &diags), &diags
}

func TestLoadValidSite(t *testing.T) {
	set, diags := load(t, map[string]string{
		"_index.md":                  "---\ntitle: Start\n---\nWelkom.\n",
		"dimensies/_index.md":        "---\ntitle: Dimensies\n---\n",
		"dimensies/feedback.md":      card,
		"spaken/reflectie.md":        spoke,
		"dimensies/plaatje.png":      "PNG",
		"dimensies/.feedback.md.swp": "swap file",
		"dimensies/feedback.md~":     "backup file",
	}, Options{})
	if diags.Len() != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags)
	}
	if len(set.Pages) != 4 {
		t.Fatalf("got %d pages, want 4", len(set.Pages))
	}
	if len(set.Resources) != 1 || set.Resources[0].File != "dimensies/plaatje.png" {
		t.Errorf("resources = %+v, want only the image (editor files skipped)", set.Resources)
	}
	p := set.ByKey["dimensies/feedback"]
	if p == nil {
		t.Fatal("page dimensies/feedback missing")
	}
	if p.URL != "/dimensies/feedback/" || p.Section != "dimensies" || p.Kind != KindDimensie {
		t.Errorf("placement wrong: %+v", p)
	}
	if got := string(p.Body()); !strings.HasPrefix(got, "# Body") || p.BodyLine != 13 {
		t.Errorf("body starts %q on line %d, want '# Body' on 13", got[:10], p.BodyLine)
	}
	if p.Tags[0] != "feedback" {
		t.Errorf("tags are not normalised: %v", p.Tags)
	}
	if home := set.ByKey[""]; home == nil || home.Kind != KindHome || home.URL != "/" {
		t.Errorf("home page = %+v", home)
	}
	if sec := set.ByKey["dimensies"]; sec == nil || sec.Kind != KindSection {
		t.Errorf("section page = %+v", sec)
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"no front matter", map[string]string{"a.md": "# Titel\n"}, []string{"content/a.md:1: missing front matter"}},
		{"unclosed front matter", map[string]string{"a.md": "---\ntitle: x\n"}, []string{"content/a.md:1: missing front matter"}},
		{"unknown kind", map[string]string{"a.md": "---\ntitle: x\nkind: kaart\n---\n"}, []string{`content/a.md:3:1: unknown kind "kaart"`}},
		{"kind on a section", map[string]string{"s/_index.md": "---\ntitle: x\nkind: artikel\n---\n"}, []string{"content/s/_index.md:3:1: an _index.md page lists its section"}},
		{"card fields on the wrong kind", map[string]string{"a.md": "---\ntitle: x\nkind: artikel\nsummary: s\nwhy: omdat\n---\n"}, []string{"content/a.md:5:1: field why does not belong on a page of kind artikel"}},
		{"spoke needs not and support", map[string]string{"s.md": "---\ntitle: x\nkind: spaak\nnumber: 1\nsummary: s\nsuggestions: [a]\n---\n"}, []string{"missing required field not", "missing required field support"}},
		{"practice needs why", map[string]string{"p.md": "---\ntitle: x\nkind: praktijk\nnumber: 1\nsummary: s\nsuggestions: [a]\n---\n"}, []string{"content/p.md:2: missing required field why for kind praktijk"}},
		{"number below one", map[string]string{"p.md": "---\ntitle: x\nkind: praktijk\nnumber: 0\nsummary: s\nwhy: w\nsuggestions: [a]\n---\n"}, []string{"content/p.md:4:1: number must be 1 or more"}},
		{"challenge without explanation", map[string]string{"d.md": "---\ntitle: x\nkind: dimensie\nnumber: 1\nsummary: s\nsuggestions: [a]\nchallenges:\n  - question: Hoe?\n---\n"}, []string{"content/d.md:8:5: challenge 1 needs both question and explanation"}},
		{"bad file name", map[string]string{"Mijn Pagina.md": "---\ntitle: x\nkind: pagina\n---\n"}, []string{`content/Mijn Pagina.md:2: file name "Mijn Pagina.md" makes a bad URL`}},
		{"bad slug", map[string]string{"a.md": "---\ntitle: x\nkind: pagina\nslug: Hallo Wereld\n---\n"}, []string{`content/a.md:4:1: slug "Hallo Wereld" may only hold`}},
		{"related to itself", map[string]string{"a.md": "---\ntitle: x\nkind: pagina\nrelated: [a]\n---\n"}, []string{"content/a.md:4:11: related lists the page itself"}},
		{"related to a draft", map[string]string{
			"a.md": "---\ntitle: x\nkind: pagina\nrelated:\n  - /b/\n---\n",
			"b.md": "---\ntitle: y\nkind: pagina\ndraft: true\n---\n",
		}, []string{`content/a.md:5:5: related page "/b/" is a draft`}},
		{"BOM and CRLF are accepted", map[string]string{"a.md": "\ufeff---\r\ntitle: x\r\nkind: pagina\r\n---\r\nTekst\r\n"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, tt.files, Options{})
			got := diags.All()
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(tt.want), diags)
			}
			for i, want := range tt.want {
				if !strings.Contains(got[i].String(), want) {
					t.Errorf("diagnostic %d = %q, want it to contain %q", i, got[i], want)
				}
			}
		})
	}
}

func TestDraftsAreIncludedOnRequest(t *testing.T) {
	files := map[string]string{"a.md": "---\ntitle: x\nkind: pagina\ndraft: true\n---\n"}
	if set, _ := load(t, files, Options{}); len(set.Pages) != 0 {
		t.Errorf("draft included without Drafts")
	}
	if set, _ := load(t, files, Options{Drafts: true}); len(set.Pages) != 1 {
		t.Errorf("draft missing with Drafts")
	}
}

func TestNormalizeKey(t *testing.T) {
	for in, want := range map[string]string{
		"spaken/x":            "spaken/x",
		"/spaken/x/":          "spaken/x",
		"spaken/x.md":         "spaken/x",
		"content/spaken/x.md": "spaken/x",
		"spaken/_index.md":    "spaken",
		"_index.md":           "",
	} {
		if got := NormalizeKey(in); got != want {
			t.Errorf("NormalizeKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDroppedBodyIsReadAgainOnlyWhenUnchanged(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(fstest.MapFS)
		want    string
		wantErr string
	}{
		{"unchanged", func(fstest.MapFS) {}, "# Body\n\nTekst.\n", ""},
		{"same length, other bytes", func(m fstest.MapFS) {
			m["dimensies/feedback.md"].Data = []byte(strings.Replace(card, "Tekst.", "Tekst!", 1))
		}, "", "changed during the build"},
		{"longer", func(m fstest.MapFS) {
			m["dimensies/feedback.md"].Data = []byte(card + "Meer.\n")
		}, "", "changed during the build"},
		{"removed", func(m fstest.MapFS) { delete(m, "dimensies/feedback.md") }, "", "not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A byte order mark is not part of the body.
			fsys := fstest.MapFS{"dimensies/feedback.md": {Data: []byte("\ufeff" + card)}, "spaken/reflectie.md": {Data: []byte(spoke)}}
			var diags diag.List
			set := Load(fsys, Options{DropBodies: true}, &diags)
			if diags.Len() != 0 {
				t.Fatal(diags.String())
			}
			p := set.ByKey["dimensies/feedback"]
			if p.Source != nil || !p.HasBody() {
				t.Fatalf("Load kept the text (%d bytes) or lost the body", len(p.Source))
			}
			tt.edit(fsys)
			body, _, err := p.ReadBody(fsys, make([]byte, 3))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("ReadBody error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || string(body) != tt.want {
				t.Errorf("ReadBody = %q, %v; want %q", body, err, tt.want)
			}
		})
	}
}

// Each problem is reported once, where it is: a broken page does not make
// the pages that list it as related wrong too, and names that cannot make
// a URL are refused.
func TestLoadReportsEachProblemOnce(t *testing.T) {
	page := func(extra string) string { return "---\ntitle: T\nkind: pagina\n" + extra + "---\n" }
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"a broken page that others list", map[string]string{
			"a.md":     page("related: [kapot, weg]\n"),
			"kapot.md": "---\ntitle: [niet gesloten\n---\n",
		}, []string{
			`content/a.md:4:18: related page "weg" does not exist`,
			`content/kapot.md:3: invalid YAML: did not find expected ',' or ']'`,
		}},
		{"tags without a letter or digit", map[string]string{
			"a.md": page("tags: [ok, \"🦄\", \"..\", \" \"]\n"),
		}, []string{
			`content/a.md:4:12: tag "🦄" has no letter or digit to make its page's URL from; use letters a-z or digits`,
			`content/a.md:4:17: tag ".." has no letter or digit to make its page's URL from; use letters a-z or digits`,
			`content/a.md:4:23: empty tag`,
		}},
		{"names that break links", map[string]string{
			"a#b/c.md":     page(""),
			"d/e%f.png":    "png",
			"g?/h.md":      page(""),
			"slug#ok.md":   page("slug: goed\n"),
			"i/j%20k.md":   page(""),
			"fijn/l-m.md":  page(""),
			"fijn/n o.png": "png",
		}, []string{
			`content/a#b: folder name "a#b" has a character that breaks links (# ? % \); rename the folder`,
			`content/d/e%f.png: file name "e%f.png" has a character that breaks links (# ? % \); rename the file`,
			`content/g?: folder name "g?" has a character that breaks links (# ? % \); rename the folder`,
			`content/i/j%20k.md:2: file name "j%20k.md" makes a bad URL: use a-z, 0-9 and dashes, or set slug`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, tt.files, Options{})
			var got []string
			for _, d := range diags.All() {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics\n  %q\nwant\n  %q", got, tt.want)
			}
		})
	}
}
