package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
)

// TestDefaultHandbookContent holds the shipped handbook to its specification
// (../shared/CONTENT.md): every card of every section, complete, cross-linked,
// and building without a single warning.
func TestDefaultHandbookContent(t *testing.T) {
	var diags diag.List
	res := Compile(Options{Source: "../..", Version: "test"}, &diags)
	if diags.Len() != 0 {
		t.Fatalf("the default handbook must build without errors or warnings:\n%s", diags.String())
	}
	want := map[string]struct {
		kind  string
		count int
	}{
		"dimensies":            {content.KindDimensie, 8},
		"leiders-als-trainers": {content.KindPraktijk, 8},
		"spaken":               {content.KindSpaak, 10},
		"artikelen":            {content.KindArtikel, 2},
	}
	for section, w := range want {
		sec := res.Site.Page(section)
		if sec == nil || sec.Kind != content.KindSection || strings.TrimSpace(string(sec.Source.Body())) == "" {
			t.Errorf("section %s needs an _index.md with an introduction", section)
			continue
		}
		var numbers []int
		for _, p := range sec.Children() {
			if p.Kind != w.kind {
				t.Errorf("%s: kind %q in section %s, want %q", p.Path(), p.Kind, section, w.kind)
			}
			numbers = append(numbers, p.Number)
			checkCard(t, p.Source)
		}
		if len(sec.Children()) != w.count {
			t.Errorf("section %s has %d pages, want %d", section, len(sec.Children()), w.count)
		}
		if p := w.kind; content.IsCard(p) {
			for i, n := range numbers {
				if n != i+1 {
					t.Errorf("section %s is numbered %v, want 1..%d", section, numbers, w.count)
					break
				}
			}
		}
	}
	for _, key := range []string{"", "werken-met-de-kaarten", "artikelen/leren-als-managementtool", "artikelen/leren-als-kernwaarde"} {
		if res.Site.Page(key) == nil {
			t.Errorf("page %q is missing", key)
		}
	}
	if home := res.Site.Page(""); home != nil {
		body := string(home.Source.Body())
		for _, route := range []string{"/werken-met-de-kaarten/", "/spaken/", "/dimensies/"} {
			if !strings.Contains(body, route) {
				t.Errorf("home page does not route readers to %s", route)
			}
		}
	}
}

var junk = regexp.MustCompile(`(?i)lorem ipsum|\bTODO\b|\bTBD\b|\]\(#\)|\bXXX\b`)

func checkCard(t *testing.T, p *content.Page) {
	t.Helper()
	if m := junk.FindString(string(p.Source)); m != "" {
		t.Errorf("%s contains placeholder %q", p.Path(), m)
	}
	if !p.IsCard() {
		if len(strings.Fields(string(p.Body()))) < 400 {
			t.Errorf("%s: an article needs a complete body, has %d words", p.Path(), len(strings.Fields(string(p.Body()))))
		}
		return
	}
	if len(p.Related) < 2 {
		t.Errorf("%s: a card needs at least two related pages, has %d", p.Path(), len(p.Related))
	}
	if len(p.Tags) == 0 {
		t.Errorf("%s: no tags", p.Path())
	}
	// The printed card has room for this much; see the card issue.
	limit := func(field, s string, n int) {
		if c := utf8.RuneCountInString(s); c > n {
			t.Errorf("%s: %s has %d characters, the card has room for %d", p.Path(), field, c, n)
		}
	}
	limit("title", p.Title, 60)
	limit("summary", p.Summary, 220)
	switch p.Kind {
	case content.KindDimensie:
		repeatsLabel(t, p, "challenges", "suggestions_dimensie")
		if len(p.Challenges) != 2 {
			t.Errorf("%s: a dimension has two challenges, has %d", p.Path(), len(p.Challenges))
		}
		for _, c := range p.Challenges {
			limit("challenge question", c.Question, 80)
			limit("challenge explanation", c.Explanation, 160)
		}
		total := 0
		for _, s := range p.Suggestions {
			limit("suggestion", s, 80)
			total += utf8.RuneCountInString(s)
		}
		if total > 1400 || len(p.Suggestions) < 8 {
			t.Errorf("%s: %d suggestions of %d characters in all; want the source's full list within 1400", p.Path(), len(p.Suggestions), total)
		}
		for _, h := range []string{"## Uit de praktijk", "## Verder lezen"} {
			if !strings.Contains(string(p.Body()), h) {
				t.Errorf("%s: body lacks %q", p.Path(), h)
			}
		}
	case content.KindPraktijk:
		limit("why", p.Why, 300)
		repeatsLabel(t, p, "why", "suggestions_praktijk")
		if len(p.Suggestions) < 3 || len(p.Suggestions) > 5 {
			t.Errorf("%s: %d steps for this week, want 3-5", p.Path(), len(p.Suggestions))
		}
		for _, s := range p.Suggestions {
			limit("step", s, 110)
		}
	case content.KindSpaak:
		repeatsLabel(t, p, "not", "support", "suggestions_spaak")
		limit("not", p.Not, 250)
		limit("support", p.Support, 220)
		for _, s := range p.Suggestions {
			limit("leader line", s, 110)
		}
	}
}

// repeatsLabel fails a card whose body has a heading that a part of its
// card already shows on the same web page, under the theme's Dutch label
// (or starts with it, as "Zo begin je" does "Zo begin je deze week"): the
// body is there to go deeper than the card, not to say it twice.
func repeatsLabel(t *testing.T, p *content.Page, keys ...string) {
	t.Helper()
	raw, err := os.ReadFile("../../themes/default/i18n/nl.yaml")
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{}
	for _, line := range strings.Split(string(raw), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			labels[k] = strings.ToLower(strings.TrimSpace(v))
		}
	}
	for _, line := range strings.Split(string(p.Body()), "\n") {
		h, ok := strings.CutPrefix(line, "## ")
		if !ok {
			continue
		}
		h = strings.ToLower(strings.TrimSpace(h))
		for _, k := range keys {
			if l := labels[k]; l == "" {
				t.Fatalf("i18n/nl.yaml has no label %q", k)
			} else if h == l || strings.HasPrefix(l, h) {
				t.Errorf("%s: body heading %q repeats the card's %q shown above it", p.Path(), line, l)
			}
		}
	}
}

// TestDefaultHandbookIsInOwnWords runs the project's seed check: no run of
// eight words may stand verbatim in a source text.
func TestDefaultHandbookIsInOwnWords(t *testing.T) {
	script, seeds := "../../../shared/tools/seedcheck.py", "../../../shared/seeds"
	if _, err := os.Stat(script); err != nil {
		t.Skip("../shared/tools/seedcheck.py is not beside this checkout")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	out, err := exec.Command(python, script, filepath.Join("..", "..", "content"), seeds).CombinedOutput()
	if err != nil {
		t.Errorf("seedcheck: %v\n%s", err, out)
	}
}
