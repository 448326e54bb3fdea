package search_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/handboek/handboek/internal/browser/browsertest"
)

// txtarSite writes the site in testdata/name (a txtar archive) to a new
// folder and returns the folder.
func txtarSite(t *testing.T, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	src := t.TempDir()
	writeSite(t, src, files)
	return src
}

// txtarSearch builds the site in testdata/name and opens a browser for its
// search page, which it returns (from file://).
func txtarSearch(t *testing.T, name string) (context.Context, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("slow: runs Chromium")
	}
	dir := builtSite(t, txtarSite(t, name), "https://x.example/proef/")
	return startBrowser(t), "file://" + filepath.ToSlash(dir) + "/zoeken/index.html"
}

// TestQueryMatching types queries into the search page of a small site
// (testdata/matching.txtar) and checks which pages they find: a typo of a
// word stored as another stem, an unknown compound split in two, words
// that only look like compounds, synonyms from handboek.yaml (a phrase
// among them only where its words follow one another), and a run of one
// letter.
func TestQueryMatching(t *testing.T) {
	ctx, page := txtarSearch(t, "matching.txtar")
	for _, tc := range []struct {
		q, why string
		first  string   // the first result, "" for none at all
		also   []string // among the results
		not    []string // not among them
	}{
		{q: "evalutie", why: "a typo of evaluatie, whose term is evalueer", first: "Terugkijken op een traject"},
		{q: "reflectei", why: "a typo in the ending", first: "Samen terugblikken"},
		{q: "opleidingsbehoefte", why: "split into opleiding and behoefte, with a linking s", first: "Leerbehoeften in beeld", also: []string{"Opleidingen kiezen"}},
		{q: "tijd", why: "leertijd is leer + tijd; altijd is no compound of tijd", also: []string{"Leertijd plannen", "De eerste weken"}, not: []string{"Bereikbaar"}},
		{q: "vrij", why: "vrijbrief is no compound of vrij: brief is no word of the site", not: []string{"Eigen regie"}},
		{q: "maak", why: "afmaakt is no compound of maak", first: "De eerste weken", not: []string{"Projecten afronden"}},
		{q: "leren", why: "stimuleert is no compound of leert", not: []string{"Het gesprek aanmoedigen"}},
		{q: "onboarding", why: "a synonym from handboek.yaml: inwerken, and the phrase nieuwe medewerker", also: []string{"De eerste weken", "Welkom in het team"}, not: []string{"Rollen in het team"}},
		{q: "nieuwe medewerker", why: "the phrase finds its synonyms", also: []string{"Welkom in het team", "De eerste weken"}},
		{q: strings.Repeat("a", 500), why: "a run of one letter is no word, and no start of aan-"},
		{q: "aaaaaaa", why: "nor a short one", not: []string{"Het gesprek aanmoedigen", "Opleidingen kiezen"}},
	} {
		o := query(t, ctx, page, tc.q)
		if len(o.Errs) > 0 {
			t.Errorf("%.20q: JavaScript errors %v", tc.q, o.Errs)
		}
		first := ""
		if len(o.Titles) > 0 {
			first = o.Titles[0]
		}
		if tc.first != "" && first != tc.first || tc.first == "" && tc.also == nil && tc.not == nil && first != "" {
			t.Errorf("%.20q (%s): results %q, want %q first", tc.q, tc.why, o.Titles, tc.first)
		}
		for _, want := range tc.also {
			if !slices.Contains(o.Titles, want) {
				t.Errorf("%.20q (%s): results %q, want %q among them", tc.q, tc.why, o.Titles, want)
			}
		}
		for _, bad := range tc.not {
			if slices.Contains(o.Titles, bad) {
				t.Errorf("%.20q (%s): results %q, want no %q", tc.q, tc.why, o.Titles, bad)
			}
		}
	}
}

// TestResultLinks: a result whose title has the query's words links to
// the top of the page, not to the heading where the words are most (here
// a reading list); one whose words are only under a heading links there.
// The results show after two round trips (meta.js, then shards).
func TestResultLinks(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs Chromium")
	}
	dir := builtSite(t, txtarSite(t, "matching.txtar"), "https://x.example/proef/")
	srv, _ := serve(t, dir, "/proef/")
	ctx := startBrowser(t)
	for _, tc := range []struct{ q, title, link string }{
		{"feedback", "Feedback geven", "/proef/feedback/"},
		{"oefen", "Feedback geven", "/proef/feedback/#oefenen"},
		{"werkvormen reflectie", "Samen terugblikken", "/proef/reflectie/#werkvormen"},
	} {
		o := query(t, ctx, srv.URL+"/proef/zoeken/", tc.q)
		if len(o.Titles) == 0 || o.Titles[0] != tc.title {
			t.Errorf("%q: results %q, want %q first", tc.q, o.Titles, tc.title)
			continue
		}
		if got := strings.TrimPrefix(o.Hrefs[0], srv.URL); got != tc.link {
			t.Errorf("%q: the first result links to %s, want %s", tc.q, got, tc.link)
		}
		// On a small site the results come with meta.js and the shards:
		// no page file is loaded for them.
		files, _ := browsertest.TryRun(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map(function (e) { return e.name; }).filter(function (n) { return n.indexOf("/search/") >= 0; })`))
		for _, f := range files {
			if !strings.Contains(f, "/search/meta.js") && !strings.Contains(f, "/search/s/") {
				t.Errorf("%q: loaded %s, want only meta.js and shards", tc.q, f)
			}
		}
		if len(files) < 2 {
			t.Errorf("%q: loaded %q, want meta.js and a shard", tc.q, files)
		}
	}
	// The header box's dropdown links the same way.
	ctxPage := srv.URL + "/proef/feedback/"
	o := dropdown(t, ctx, ctxPage, "feedback")
	if len(o) == 0 || strings.TrimPrefix(o[0], srv.URL) != "/proef/feedback/" {
		t.Errorf("dropdown for feedback links %q, want /proef/feedback/ first", o)
	}
}

// TestResultCountSays: the search page counts its results with the site's
// language's strings, one result in the singular (searchCountOne in the
// theme's i18n files), in Dutch and in English.
func TestResultCountSays(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs Chromium")
	}
	ctx := startBrowser(t)
	for _, tc := range []struct{ lang, one, more string }{
		{"nl", "1 resultaat voor “vrijbrief”", "resultaten voor “team”"},
		{"en", "1 result for “vrijbrief”", "results for “team”"},
	} {
		src := txtarSite(t, "matching.txtar")
		cfg := filepath.Join(src, "handboek.yaml")
		b, err := os.ReadFile(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(cfg, append(b, "language: "+tc.lang+"\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		page := "file://" + filepath.ToSlash(builtSite(t, src, "https://x.example/proef/")) + "/zoeken/index.html"
		if o := query(t, ctx, page, "vrijbrief"); len(o.Titles) != 1 || o.Status != tc.one {
			t.Errorf("%s: vrijbrief: %d results, status %q; want one, %q", tc.lang, len(o.Titles), o.Status, tc.one)
		}
		if o := query(t, ctx, page, "team"); len(o.Titles) < 2 || !strings.HasSuffix(o.Status, tc.more) || !strings.HasPrefix(o.Status, strconv.Itoa(len(o.Titles))+" ") {
			t.Errorf("%s: team: %d results, status %q; want \"%d %s\"", tc.lang, len(o.Titles), o.Status, len(o.Titles), tc.more)
		}
	}
}

// TestRankingByRarity: of a query's words, or of the parts of a word split
// in two, a rare one weighs more than common ones, and a page with only a
// common word is left out.
func TestRankingByRarity(t *testing.T) {
	ctx, page := txtarSearch(t, "ranking.txtar")
	o := query(t, ctx, page, "leren team budget")
	if len(o.Titles) == 0 || o.Titles[0] != "Geld voor ontwikkeling" {
		t.Errorf("results %q: want the page with budget, the rare word, first", o.Titles)
	}
	if slices.Contains(o.Titles, "Werkdruk") {
		t.Errorf("results %q: want no page with only leren, on nearly every page", o.Titles)
	}
	// A word split in two (leerbudget: leer and budget, neither page has
	// the compound) weighs each part by its own rarity: the common part
	// alone is not enough.
	if o := query(t, ctx, page, "leerbudget"); len(o.Titles) != 1 || o.Titles[0] != "Geld voor ontwikkeling" {
		t.Errorf("leerbudget: results %q, want only the page with budget, the rare part", o.Titles)
	}
	// One word alone finds every page it is on.
	if o := query(t, ctx, page, "leren"); len(o.Titles) != 8 {
		t.Errorf("leren: results %q, want the eight pages it is on", o.Titles)
	}
}

// dropdown types q into the header's search box on page and returns the
// links of the results its dropdown shows.
func dropdown(t *testing.T, ctx context.Context, page, q string) []string {
	t.Helper()
	if err := browsertest.TryDo(ctx, chromedp.Navigate(page), chromedp.SendKeys("#site-search-q", q)); err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	links, err := browsertest.TryRun(ctx, chromedp.Poll[[]string](`(function () {
	  var d = document.getElementById("site-search-dropdown"), input = document.getElementById("site-search-q");
	  var links = Array.from(d.querySelectorAll("a[data-search-result]")).map(function (a) { return a.href; });
	  return !d.hidden && links.length && input.value === `+strconv.Quote(q)+` ? links : false;
	})()`, chromedp.WithPollingTimeout(browsertest.Step())))
	if err != nil {
		t.Fatalf("%q in the header box: no dropdown: %v", q, err)
	}
	return links
}
