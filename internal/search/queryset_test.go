package search_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/handboek/handboek/internal/browser/browsertest"
)

// readerQuery is a query of testdata/queries.txt: what a reader types, and
// the pages (site paths) that answer it, the best first.
type readerQuery struct {
	set, q string
	pages  []string
}

// readQuerySet reads testdata/queries.txt: "[A]" starts a set, and every
// other line that is not blank or a # comment is "query | page page ...".
func readQuerySet(t testing.TB) []readerQuery {
	t.Helper()
	f, err := os.Open("testdata/queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []readerQuery
	set := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			set = line[1 : len(line)-1]
		default:
			q, pages, ok := strings.Cut(line, "|")
			if !ok || len(strings.Fields(pages)) == 0 {
				t.Fatalf("testdata/queries.txt:%d: want query | page ...", n)
			}
			out = append(out, readerQuery{set: set, q: strings.TrimSpace(q), pages: strings.Fields(pages)})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// ranked is what the search page showed for a query: the site paths and
// anchors of its first results, in order, and how many there were.
type ranked struct {
	Links []string `json:"links"`
	Count int      `json:"count"`
	Errs  []string `json:"errs"`
	// Raw are the links as they are.
	Raw []string `json:"raw"`
	// Why is, for each result shown, its score, its cover and the terms
	// it matched.
	Why [][]any `json:"why"`
}

// rank returns the place (1-based) of the first of pages among the links,
// or 0.
func (r ranked) rank(pages []string) int {
	for i, l := range r.Links {
		path, _, _ := strings.Cut(l, "#")
		for _, p := range pages {
			if path == p {
				return i + 1
			}
		}
	}
	return 0
}

// runQuery opens the search page (at base, the site's root URL, plus
// zoeken/) with ?q=, as the search box sends a query, and reads the links
// of the first ten results relative to base, with how many there are and
// each shown result's matched terms.
func runQuery(t testing.TB, ctx context.Context, base, q string) ranked {
	t.Helper()
	page := base + "zoeken/"
	if strings.HasPrefix(base, "file:") {
		page += "index.html"
	}
	var raw string
	var err error
	// A poll that starts as the page is still being replaced finds no
	// context: the query is tried once more.
	for try := 0; try < 2; try++ {
		if err = browsertest.TryDo(ctx, chromedp.Navigate(page+"?q="+url.QueryEscape(q))); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		raw, err = browsertest.TryRun(ctx, chromedp.Poll[string](fmt.Sprintf(`(function () {
	  var st = document.getElementById("search-status"), base = %q;
	  if (!st || !st.textContent) return (window.__errs && window.__errs.length) ? JSON.stringify({errs: window.__errs}) : false;
	  var raw = Array.from(document.querySelectorAll("#search-results a[data-search-result]")).map(function (a) { return a.href; });
	  var links = raw.map(function (h) {
	    return h.indexOf(base) === 0 ? h.slice(base.length).replace(/index\.html(#|$)/, "$1") : h;
	  });
	  return handboekSearch.search(%q + " ").then(function (f) {
	    return JSON.stringify({links: links, raw: raw, count: f.results.length, errs: window.__errs || [],
	      why: f.results.slice(0, links.length).map(function (r) { return [Math.round(r.score), Math.round(100 * r.cover) / 100].concat(r.terms); })});
	  });
	})()`, base, q), chromedp.WithPollingTimeout(browsertest.Step())))
		if err == nil || !strings.Contains(err.Error(), "Cannot find context") {
			break
		}
	}
	if err != nil {
		t.Fatalf("query %q: no results shown: %v", q, err)
	}
	var r ranked
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatalf("query %q: %v in %s", q, err, raw)
	}
	return r
}

// setScore sums up a query set's results: how many queries have an
// expected page first and among the first three, and the mean reciprocal
// rank (a page at place k counts 1/k, none among the first ten 0).
type setScore struct {
	n, top1, top3 int
	rr            float64
}

func (s *setScore) add(rank int) {
	s.n++
	if rank == 1 {
		s.top1++
	}
	if rank >= 1 && rank <= 3 {
		s.top3++
	}
	if rank > 0 {
		s.rr += 1 / float64(rank)
	}
}

func (s setScore) String() string {
	return fmt.Sprintf("top-1 %d/%d, top-3 %d/%d, MRR %.2f", s.top1, s.n, s.top3, s.n, s.rr/max(float64(s.n), 1))
}
