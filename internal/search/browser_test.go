package search_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/handboek/handboek/internal/browser"
	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/publish"
)

// These tests type queries into the built default handbook in headless
// Chromium, over http:// under a sub-path and over file://.

const subBase = "https://intranet.example/sub/handboek/"

// builtSite builds source with baseURL into a temp folder.
func builtSite(t testing.TB, source, baseURL string) string {
	t.Helper()
	var diags diag.List
	res := build.Compile(build.Options{Source: source, BaseURL: baseURL, Version: "test"}, &diags)
	if diags.HasErrors() {
		t.Fatalf("build: %s", diags.String())
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := publish.Atomic(context.Background(), dest, res.Files); err != nil {
		t.Fatal(err)
	}
	return dest
}

// byteCounter serves dir under base and counts the bytes of search files
// (the client script and search/*) it sends.
type byteCounter struct {
	mu    sync.Mutex
	bytes int
	files []string
}

func (c *byteCounter) reset() { c.mu.Lock(); c.bytes, c.files = 0, nil; c.mu.Unlock() }

func (c *byteCounter) get() (int, []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes, append([]string(nil), c.files...)
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.n += n
	return n, err
}

func serve(t testing.TB, dir, base string) (*httptest.Server, *byteCounter) {
	t.Helper()
	c := &byteCounter{}
	files := http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(dir)))
	mux := http.NewServeMux()
	mux.HandleFunc(base, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		cw := &countingWriter{ResponseWriter: w}
		files.ServeHTTP(cw, r)
		if strings.Contains(r.URL.Path, "/search/") || strings.HasSuffix(r.URL.Path, "/js/search.js") {
			c.mu.Lock()
			c.bytes += cw.n
			c.files = append(c.files, r.URL.Path)
			c.mu.Unlock()
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, c
}

// watchErrors records uncaught errors and <img> elements that appear, from
// the start of every page.
const watchErrors = `window.__errs = []; window.__imgs = 0;
addEventListener("error", function (e) { window.__errs.push(String(e.message)); });
addEventListener("unhandledrejection", function (e) { window.__errs.push("rejection: " + e.reason); });
new MutationObserver(function (ms) { ms.forEach(function (m) { m.addedNodes.forEach(function (n) {
  if (n.nodeType === 1 && (n.tagName === "IMG" || n.querySelector && n.querySelector("img"))) window.__imgs++; }); }); })
  .observe(document, {childList: true, subtree: true});`

func startBrowser(t testing.TB) context.Context {
	ctx := browser.ForTest(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchErrors}); err != nil {
		t.Fatal(err)
	}
	return ctx
}

type outcome struct {
	Status  string   `json:"status"`
	Titles  []string `json:"titles"`
	Hrefs   []string `json:"hrefs"`
	Marks   []string `json:"marks"`
	Errs    []string `json:"errs"`
	Imgs    int      `json:"imgs"`
	Snippet string   `json:"snippet"`
}

// query opens the search page with ?q= and waits for the results.
func query(t testing.TB, ctx context.Context, searchPage, q string) outcome {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	u := searchPage + "?q=" + url.QueryEscape(q)
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	return results(t, ctx, q)
}

func results(t testing.TB, ctx context.Context, q string) outcome {
	t.Helper()
	raw, err := chromedp.Run(ctx, chromedp.Poll[string](`(function () {
	  var st = document.getElementById("search-status");
	  if (!st || !st.textContent) return (window.__errs && window.__errs.length) ? JSON.stringify({errs: window.__errs}) : false;
	  var links = Array.from(document.querySelectorAll("#search-results a[data-search-result]"));
	  var first = document.querySelector("#search-results .search-result-snippet");
	  return JSON.stringify({status: st.textContent,
	    titles: links.map(function (a) { return a.textContent; }),
	    hrefs: links.map(function (a) { return a.href; }),
	    marks: Array.from(document.querySelectorAll("#search-results mark")).map(function (m) { return m.textContent; }),
	    snippet: first ? first.textContent : "",
	    errs: window.__errs, imgs: window.__imgs});
	})()`, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Fatalf("query %q: no results shown: %v", q, err)
	}
	var o outcome
	if err := json.Unmarshal([]byte(raw), &o); err != nil {
		t.Fatalf("query %q: %v in %s", q, err, raw)
	}
	return o
}

// firstResults are queries a reader types and the page that must come first
// (or, where top is set, among the first top results).
var firstResults = []struct {
	q, title, path string
	top            int
}{
	{"feedback vragen", "Feedbackprocessen stimuleren", "dimensies/feedback/", 1},
	{"feedback en reflectie", "Feedback en reflectie", "spaken/feedback-en-reflectie/", 1},
	{"verhalen vertellen", "Maak er een verhaal van", "leiders-als-trainers/verhalen-vertellen/", 1},
	// "Werken met de kaarten" names the HR-manager; the article is about
	// new leidinggevenden, a synonym the client adds.
	{"nieuwe manager", "Leren als managementtool", "artikelen/leren-als-managementtool/", 3},
	{"leerde kernwaarde", "Leren als kernwaarde", "artikelen/leren-als-kernwaarde/", 1},
	{"creeren leercultuur", "Een leercultuur creëren", "leiders-als-trainers/leercultuur-creeren/", 1},
	{"feedbak", "Feedback en reflectie", "spaken/feedback-en-reflectie/", 1},
	{"reflectei", "Feedback en reflectie", "spaken/feedback-en-reflectie/", 1},
	{"leiderschap", "Eigenaarschap creëren door leiderschapskansen", "dimensies/eigenaarschap/", 1},
	{"feedbackproces", "Feedbackprocessen stimuleren", "dimensies/feedback/", 1},
	{"psychologische veil", "Leercultuur en psychologische veiligheid", "spaken/leercultuur-en-veiligheid/", 1},
	{"budget", "Tijd, budget en middelen", "spaken/tijd-en-middelen/", 1},
}

func TestSearchInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs Chromium")
	}
	ctx := startBrowser(t)
	dir := builtSite(t, "../..", subBase)
	srv, _ := serve(t, dir, "/sub/handboek/")
	for _, mode := range []struct{ name, page string }{
		{"http", srv.URL + "/sub/handboek/zoeken/"},
		{"file", "file://" + filepath.ToSlash(dir) + "/zoeken/index.html"},
	} {
		t.Run(mode.name, func(t *testing.T) {
			for _, tc := range firstResults {
				o := query(t, ctx, mode.page, tc.q)
				if len(o.Errs) > 0 {
					t.Errorf("%q: JavaScript errors %v", tc.q, o.Errs)
				}
				if len(o.Titles) == 0 {
					t.Errorf("%q: no results (%s)", tc.q, o.Status)
					continue
				}
				t.Logf("%q → %q %s (%s) marks %v", tc.q, o.Titles[0], o.Hrefs[0], o.Status, o.Marks)
				at := -1
				for i, title := range o.Titles {
					if title == tc.title && i < tc.top {
						at = i
					}
				}
				if at < 0 {
					t.Errorf("%q: %q is not among the first %d results: %q", tc.q, tc.title, tc.top, o.Titles)
					continue
				}
				want := tc.path
				if mode.name == "file" {
					want += "index.html"
				} else {
					want = "/sub/handboek/" + want
				}
				if !strings.Contains(o.Hrefs[at], want) {
					t.Errorf("%q: link %q, want it to contain %q", tc.q, o.Hrefs[at], want)
				}
				if len(o.Marks) == 0 {
					t.Errorf("%q: no highlighted words", tc.q)
				}
			}
		})
	}
}
