package build_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/handboek/handboek/internal/browser/browsertest"
	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/check"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/publish"
)

// repo is the repository root, where the default handbook is.
const repo = "../.."

// TestDefaultHandbook is the smoke test of the default handbook (content/
// and handboek.yaml at the repository root): the shipped handbook builds
// without a warning, holds to its specification (../shared/CONTENT.md),
// passes handboek check and the seed check, builds streamed exactly as in
// memory, and its pages pass the Nu Html Checker and axe-core. Every other
// test of the build builds a small site of its own, so editing a card
// breaks no test of the code; the search's smoke test is TestSearchInBrowser
// (internal/search), the printed deck's is in internal/cards/cardprint.
// The tools come from the npm registry via .ci/ensure-deps.sh (make test).
func TestDefaultHandbook(t *testing.T) {
	var diags diag.List
	res := build.Compile(build.Options{Source: repo, Version: "test"}, &diags)
	if diags.Len() != 0 {
		t.Fatalf("the default handbook must build without errors or warnings:\n%s", diags.String())
	}
	t.Run("content", func(t *testing.T) { specification(t, res) })
	// Everything handboek check looks for: no broken link or anchor, no
	// one-way related, no orphan, no leftover prompt. (Card fit is checked
	// where the default deck is printed, in internal/cards/cardprint.)
	t.Run("check", func(t *testing.T) {
		var found diag.List
		check.Run(res, check.Options{}, &found)
		if found.Len() != 0 {
			t.Errorf("handboek check finds problems in the default handbook:\n%s", found.String())
		}
	})
	t.Run("own words", inOwnWords)
	t.Run("streamed", func(t *testing.T) { build.StreamedEqualsInMemory(t, repo, false) })
	// The pages, for the checkers that read them.
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := publish.Atomic(context.Background(), dir, publish.Options{}, res.Files); err != nil {
		t.Fatal(err)
	}
	t.Run("valid HTML", func(t *testing.T) {
		if testing.Short() {
			t.Skip("slow: runs the Nu Html Checker")
		}
		validHTML(t, dir)
	})
	t.Run("accessibility", func(t *testing.T) {
		if testing.Short() {
			t.Skip("slow: runs axe-core in Chromium")
		}
		accessible(t, dir, res.Config.BasePath())
	})
}

// specification holds the shipped handbook to ../shared/CONTENT.md: every
// card of every section, complete, cross-linked.
func specification(t *testing.T, res *build.Result) {
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

// inOwnWords runs the project's seed check: no run of eight words may stand
// verbatim in a source text.
func inOwnWords(t *testing.T) {
	script, seeds := "../../../shared/tools/seedcheck.py", "../../../shared/seeds"
	if _, err := os.Stat(script); err != nil {
		t.Skip("../shared/tools/seedcheck.py is not beside this checkout")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	out, err := exec.Command(python, script, filepath.Join(repo, "content"), seeds).CombinedOutput()
	if err != nil {
		t.Errorf("seedcheck: %v\n%s", err, out)
	}
}

func toolsDir() string {
	if d := os.Getenv("HANDBOEK_TOOLS"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "handboek-tools")
}

// need skips a test whose tool is missing on a developer machine, but fails it
// in CI, where make test installs every tool.
func need(t *testing.T, what, path string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return
	}
	browsertest.Need(t, fmt.Errorf("%s not found at %s", what, path))
}

// validHTML runs the Nu Html Checker over the pages in dir: no error.
func validHTML(t *testing.T, dir string) {
	jar := filepath.Join(toolsDir(), "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	need(t, "vnu.jar (Nu Html Checker)", jar)
	java, err := exec.LookPath("java")
	if err != nil {
		need(t, "java", "/usr/bin/java")
	}
	out, err := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", dir).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("Nu Html Checker found errors (%v):\n%s", err, out)
	}
}

// accessible runs axe-core over every page in dir, served under base as a
// host would, in light and dark mode: no violation.
func accessible(t *testing.T, dir, base string) {
	axePath := filepath.Join(toolsDir(), "node_modules", "axe-core", "axe.min.js")
	need(t, "axe-core", axePath)
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	// Serve under the base path, as a host would: 404.html links absolutely to it.
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// Every page in both schemes is three steps, each with its own budget:
	// the test's length grows with the handbook, a step's time does not.
	ctx := browsertest.New(t)

	var pages []string
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			pages = append(pages, "/"+strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
		}
		return err
	})
	if err != nil || len(pages) < 5 {
		t.Fatalf("found %d pages (%v)", len(pages), err)
	}
	for _, scheme := range []string{"light", "dark"} {
		for _, p := range pages {
			step, cancel := browsertest.Bound(ctx)
			_, err := chromedp.Call(step, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			cancel()
			if err == nil {
				err = browsertest.TryDo(ctx, chromedp.Navigate(srv.URL+strings.TrimSuffix(base, "/")+p))
			}
			if err == nil {
				_, err = browsertest.TryRun(ctx, chromedp.Evaluate[chromedp.Void](string(axe)))
			}
			var raw string
			if err == nil {
				raw, err = browsertest.TryRun(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}))))`, chromedp.EvalAwaitPromise))
			}
			if err != nil {
				t.Fatalf("%s (%s): %v", p, scheme, err)
			}
			var violations []struct {
				ID, Help string
				Nodes    []string
			}
			if err := json.Unmarshal([]byte(raw), &violations); err != nil {
				t.Fatalf("%s: axe result %q: %v", p, raw, err)
			}
			for _, v := range violations {
				t.Errorf("%s (%s mode): axe %s: %s at %v", p, scheme, v.ID, v.Help, v.Nodes)
			}
		}
	}
}
