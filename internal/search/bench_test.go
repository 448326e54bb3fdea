package search_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/handboek/handboek/internal/benchsuite"
	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/corpus"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/publish"
	"github.com/handboek/handboek/internal/search"
)

// Benchmarks of the search index on the default handbook and on generated
// corpora (internal/corpus). Sizes: 1,000 pages by default; set
// HANDBOEK_BENCH_SIZES=1000,10000 for the large one.

func benchSizes() []int { return corpus.Sizes() }

// benchSources are the default handbook and one corpus per size.
func benchSources(b *testing.B) []struct{ name, dir string } {
	out := []struct{ name, dir string }{{"default", "../.."}}
	for _, n := range benchSizes() {
		dir := filepath.Join(b.TempDir(), "corpus")
		if err := corpus.Site(dir, n, 1); err != nil {
			b.Fatal(err)
		}
		out = append(out, struct{ name, dir string }{fmt.Sprint(n), dir})
	}
	return out
}

func isIndexFile(p string) bool { return strings.HasPrefix(p, "search/") }

// BenchmarkBuildIndex measures what search adds to a build as a user runs
// it (handboek build: streamed and written to disk, each run into a new
// folder after a sync): the same site with and without output.search,
// taking turns, the fastest run of each. A difference of two builds is
// noisy on a shared machine; run it with -benchtime 10x or more.
func BenchmarkBuildIndex(b *testing.B) {
	for _, src := range benchSources(b) {
		off := withoutSearch(b, src.dir)
		b.Run(src.name, func(b *testing.B) {
			on, without := time.Duration(1<<62), time.Duration(1<<62)
			dir := b.TempDir()
			run := 0
			for b.Loop() {
				run++
				on = min(on, timeBuild(b, src.dir, filepath.Join(dir, fmt.Sprint("on", run))))
				without = min(without, timeBuild(b, off, filepath.Join(dir, fmt.Sprint("off", run))))
			}
			bytes, files := dirFiles(filepath.Join(dir, fmt.Sprint("on", run), "search"))
			b.ReportMetric(float64(on.Microseconds())/1000, "build-ms")
			b.ReportMetric(float64(without.Microseconds())/1000, "build-without-search-ms")
			b.ReportMetric(100*(on-without).Seconds()/without.Seconds(), "search-%")
			b.ReportMetric(float64(bytes)/1024, "index-KB")
			b.ReportMetric(float64(files), "index-files")
		})
	}
}

// withoutSearch copies the site in dir with output.search turned off.
func withoutSearch(b testing.TB, dir string) string {
	out := filepath.Join(b.TempDir(), "nosearch")
	if err := benchsuite.WithoutSearch(dir, out); err != nil {
		b.Fatal(err)
	}
	return out
}

// timeBuild builds src into the new folder dest as handboek build does.
func timeBuild(b testing.TB, src, dest string) time.Duration {
	syscall.Sync()
	t := time.Now()
	w, err := publish.Begin(context.Background(), dest, publish.Options{})
	if err != nil {
		b.Fatal(err)
	}
	opts := build.Options{Source: src, Emit: w.Write}
	if f, err := w.Scratch(); err == nil {
		opts.Spill = f
	}
	var diags diag.List
	build.Compile(opts, &diags)
	if diags.HasErrors() {
		b.Fatal(diags.String())
	}
	if _, err := w.Commit(); err != nil {
		b.Fatal(err)
	}
	return time.Since(t)
}

func dirFiles(dir string) (bytes int64, files int) {
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				bytes += info.Size()
				files++
			}
		}
		return nil
	})
	return bytes, files
}

// BenchmarkQuery measures, in headless Chromium over http, the bytes a first
// query downloads (client script and index files, uncompressed) and how long
// a first and a following query take from typing to results on screen.
// readTime is the pause between queries on one page.
const readTime = 300 * time.Millisecond

func BenchmarkQuery(b *testing.B) {
	ctx := startBrowser(b)
	asReader(b, ctx)
	queries := map[string][]string{
		"default": {"feedback vragen", "verhalen vertellen", "leiderschap", "nieuwe manager", "creeren"},
		"corpus":  {"feedback vragen", "verhalen vertellen", "leiderschap", "nieuwe medewerkers", "ontwikkelen"},
	}
	for _, src := range benchSources(b) {
		dir := builtSite(b, src.dir, "https://bench.example/sub/")
		srv, counter := serve(b, dir, "/sub/")
		qs := queries["corpus"]
		if src.name == "default" {
			qs = queries["default"]
		}
		b.Run(src.name, func(b *testing.B) {
			var firstMs, nextMs, repeatMs, typedMs, firstBytes, maxBytes float64
			runs := 0
			for b.Loop() {
				for qi, q := range qs {
					// A fresh page for the first query, so nothing is cached
					// in the page (the server sends no-store).
					counter.reset()
					if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/sub/zoeken/")); err != nil {
						b.Fatal(err)
					}
					first := timeQuery(b, ctx, q)
					bytes, files := counter.get()
					if os.Getenv("HANDBOEK_BENCH_VERBOSE") != "" {
						b.Logf("%s %q: %d bytes %v", src.name, q, bytes, files)
					}
					firstMs += first
					firstBytes += float64(bytes)
					maxBytes = max(maxBytes, float64(bytes))
					// Following queries on the same page: another query (it may
					// load shards), the first one again (loads nothing), and a
					// third typed letter by letter, timed from its last letter.
					// A reader looks at the results before the next query:
					// the pause keeps the painting of one query's results
					// out of the next one's time.
					time.Sleep(readTime)
					nextMs += timeQuery(b, ctx, qs[(qi+1)%len(qs)])
					time.Sleep(readTime)
					repeatMs += timeQuery(b, ctx, q)
					time.Sleep(readTime)
					typedMs += typeQuery(b, ctx, qs[(qi+2)%len(qs)])
					runs++
				}
			}
			r := float64(runs)
			b.ReportMetric(firstMs/r, "first-query-ms")
			b.ReportMetric(nextMs/r, "next-query-ms")
			b.ReportMetric(repeatMs/r, "repeat-query-ms")
			b.ReportMetric(typedMs/r, "typed-query-ms")
			b.ReportMetric(firstBytes/r/1024, "first-query-KB")
			b.ReportMetric(maxBytes/1024, "first-query-max-KB")
		})
	}
}

// asReader turns off the DevTools domains that chromedp turns on and the
// benchmark does not use (it counts bytes at the server and reads the page
// with Evaluate): with them on, Chromium reports every request and DOM and
// style change to the test, which a reader's browser does not do, and a
// file's round trip took twice as long (3.3 ms for a shard as a script,
// 2 ms fetched, against 6.8 and 5.6 ms with them on).
func asReader(b *testing.B, ctx context.Context) {
	for _, c := range []cdp.Command[cdp.Empty, cdp.Empty]{network.Disable, css.Disable, dom.Disable} {
		if _, err := chromedp.Call(ctx, c, cdp.Empty{}); err != nil {
			b.Fatal(err)
		}
	}
}

// timeQuery types q into the search page and waits until its results are on
// screen; it returns the time that took in ms.
func timeQuery(b *testing.B, ctx context.Context, q string) float64 {
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`new Promise(function (ok, fail) {
	  function go() {
	    if (!window.handboekSearch || !handboekSearch.run) { setTimeout(go, 5); return; }
	    var input = document.getElementById("search-page-q"), t0 = performance.now();
	    input.value = `+fmt.Sprintf("%q", q)+`;
	    handboekSearch.run().then(function () {
	      if (!document.querySelector("#search-results a[data-search-result]")) fail("no results");
	      else ok(performance.now() - t0);
	    }, fail);
	  }
	  go();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatalf("query %q: %v", q, err)
	}
	return ms
}

// BenchmarkIndexStage times the index stage alone (search.BuildIndex).
func BenchmarkIndexStage(b *testing.B) {
	for _, src := range benchSources(b) {
		var diags diag.List
		res := build.Compile(build.Options{Source: src.dir}, &diags)
		docs := build.SearchDocs(res.Site)
		b.Run(src.name, func(b *testing.B) {
			for b.Loop() {
				search.BuildIndex(docs, search.Default())
			}
		})
	}
}

// typeQuery types q into the search page's box with real key events, one
// every 120 ms (a brisk typist), and returns the time in ms from the input
// event of the last letter to the status naming q, which the page sets
// once its results are on screen. It includes what the box itself does
// between a keystroke and a search.
func typeQuery(b *testing.B, ctx context.Context, q string) float64 {
	err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(function () {
	  var input = document.getElementById("search-page-q"), st = document.getElementById("search-status");
	  input.value = ""; input.focus();
	  window.__typed = new Promise(function (ok) {
	    var last = 0, want = "\u201c" + `+fmt.Sprintf("%q", q)+` + "\u201d";
	    // Capturing, so the time is taken before the box's own listener runs.
	    document.addEventListener("input", function () { last = performance.now(); }, true);
	    new MutationObserver(function () {
	      if (input.value === `+fmt.Sprintf("%q", q)+` && st.textContent.indexOf(want) >= 0) ok(performance.now() - last);
	    }).observe(st, {childList: true, characterData: true, subtree: true});
	  });
	})()`))
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range q {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(string(r))); err != nil {
			b.Fatal(err)
		}
		time.Sleep(120 * time.Millisecond)
	}
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.__typed`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatalf("typing %q: %v", q, err)
	}
	return ms
}
