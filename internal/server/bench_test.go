package server

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/corpus"
	"github.com/handboek/handboek/internal/diag"
)

// defaultHandbook copies the repository's own handbook (content and config)
// into a temporary folder, so edits never touch the real files.
func defaultHandbook(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../handboek.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "handboek.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func corpusSite(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Site(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	return dir
}

// cards lists the Markdown pages of a site (not the section pages).
func cards(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			out = append(out, p)
		}
		return err
	})
	if len(out) == 0 {
		t.Fatal("no pages in", dir)
	}
	return out
}

// runDev serves dir in the background until the test ends; rebuilds, when
// not nil, receives each rebuild.
func runDev(t testing.TB, dir string, rebuilds chan Rebuild) (*Dev, string) {
	t.Helper()
	opts := DevOptions{Source: dir}
	if rebuilds != nil {
		opts.OnRebuild = func(rb Rebuild) { rebuilds <- rb }
	}
	if os.Getenv("HANDBOEK_SERVE_LOG") != "" {
		opts.Log = os.Stderr // the per-rebuild lines, to see where time goes
	}
	dev, err := NewDev(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if dev.cur.Load().problems != nil {
		t.Fatalf("first build failed: %v", dev.cur.Load().problems)
	}
	if rebuilds != nil {
		<-rebuilds // the first build
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { dev.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return dev, testServer(t, dev)
}

// appendLine adds a paragraph to a page's body, which is what an author's
// save usually is.
func appendLine(t testing.TB, page string, i int) {
	t.Helper()
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	data = fmt.Appendf(data, "\nBewerking %d van deze pagina.\n", i)
	if err := os.WriteFile(page, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkSaveToReload measures what an author waits for: from the write
// of one page's file to the reload event arriving at an open page's event
// stream. It includes the watcher's debounce, the incremental rebuild, the
// snapshot swap and the SSE round trip; not the browser's own reload.
//
// Sizes of the generated corpus: 1,000 pages by default; set
// HANDBOEK_BENCH_SIZES=1000,10000 for more, as for the build benchmarks.
func BenchmarkSaveToReload(b *testing.B) {
	type site struct {
		name string
		make func(testing.TB) string
	}
	sites := []site{{"default", defaultHandbook}}
	sizes := strings.Split(os.Getenv("HANDBOEK_BENCH_SIZES"), ",")
	if sizes[0] == "" {
		sizes = []string{"1000"}
	}
	for _, s := range sizes {
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil {
			b.Fatalf("HANDBOEK_BENCH_SIZES: %v", err)
		}
		sites = append(sites, site{fmt.Sprint(n), func(t testing.TB) string { return corpusSite(t, n) }})
	}
	for _, tc := range sites {
		b.Run(tc.name, func(b *testing.B) {
			dir := tc.make(b)
			pages := cards(b, dir)
			rebuilds := make(chan Rebuild, 1)
			_, addr := runDev(b, dir, rebuilds)
			ev := events(b, addr)
			r := rand.New(rand.NewPCG(1, 2))
			var took, rebuild []time.Duration
			i := 0
			for b.Loop() {
				i++
				start := time.Now()
				appendLine(b, pages[r.IntN(len(pages))], i)
				waitEvent(b, ev, "reload")
				took = append(took, time.Since(start))
				rebuild = append(rebuild, (<-rebuilds).Took)
			}
			reportTimes(b, took, "ms-median", "ms-p90")
			// The rebuild alone, without the watcher's debounce: what Hugo
			// prints as "Total in".
			reportTimes(b, rebuild, "ms-rebuild-median", "")
		})
	}
}

// TestSoakManySaves saves random pages of a 1,000-page site 1,000 times in
// 10 seconds. The server must keep answering, its heap must stay level
// (less than double the heap before the saves), and at the end it must serve exactly the files of a
// clean build of the final sources.
func TestSoakManySaves(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test: 10 s of saves; skipped with -short")
	}
	dir := corpusSite(t, 1000)
	pages := cards(t, dir)
	dev, addr := runDev(t, dir, nil)
	r := rand.New(rand.NewPCG(3, 4))
	// Both heap figures are taken with the server idle, so no rebuild's
	// garbage is counted.
	heapStart := heap()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for i := 1; i <= 1000; i++ {
		<-tick.C
		appendLine(t, pages[r.IntN(len(pages))], i)
		if i%100 == 0 {
			if status, _, _ := get(t, addr, "/"); status != 200 && status != 500 {
				t.Fatalf("after %d saves: GET / answered %d", i, status)
			}
		}
	}
	// The sources are final now: a clean build of them is what the server
	// must come to serve once its last rebuild is done.
	var diags diag.List
	res := build.Compile(build.Options{Source: dir}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.String())
	}
	want := Files(res.Files, &diags)
	differs := func() string {
		snap := dev.cur.Load()
		if snap.problems != nil {
			return fmt.Sprintf("served site has problems: %v", snap.problems)
		}
		// The search index comes after the pages (PublishLater).
		got := maps.Clone(snap.files)
		if snap.later != nil {
			select {
			case <-snap.later.done:
				maps.Copy(got, snap.later.files)
			default:
				return "the search index is not made yet"
			}
		}
		if len(got) != len(want) {
			return fmt.Sprintf("serving %d files, a clean build has %d", len(got), len(want))
		}
		for p, data := range want {
			if string(got[p]) != string(data) {
				return p + " differs from a clean build"
			}
		}
		return ""
	}
	for deadline := time.Now().Add(30 * time.Second); differs() != ""; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("30 s after the last save: %s", differs())
		}
	}
	// The server is idle now (it serves the final build), so the heap holds
	// no rebuild's garbage.
	if end := heap(); end > 2*heapStart {
		t.Errorf("heap grew from %d MB before the saves to %d MB after 1,000", heapStart>>20, end>>20)
	} else {
		t.Logf("heap before the saves: %d MB, after 1,000: %d MB; %d rebuilds", heapStart>>20, end>>20, dev.Version())
	}
}

// reportTimes reports the median of ds, and the 90th percentile when p90
// is not "", in milliseconds.
func reportTimes(b *testing.B, ds []time.Duration, median, p90 string) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(ds[len(ds)/2]), median)
	if p90 != "" {
		b.ReportMetric(ms(ds[len(ds)*9/10]), p90)
	}
}

func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
