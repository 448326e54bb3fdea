package search_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/handboek/handboek/internal/browser/browsertest"
)

// TestEscapeKeepsTheListClosed: the header's list, closed with Esc while
// the next query's files are still on their way, stays closed when they
// arrive. The server holds the index files of the second query until the
// list is closed, so the order is the same on any machine.
func TestEscapeKeepsTheListClosed(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs Chromium")
	}
	dir := builtSite(t, txtarSite(t, "matching.txtar"), "https://x.example/proef/")
	var hold atomic.Bool
	var held, served atomic.Int32
	release := make(chan struct{})
	files := http.StripPrefix("/proef", http.FileServer(http.Dir(dir)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if hold.Load() && strings.Contains(r.URL.Path, "/search/") {
			held.Add(1)
			<-release
			defer served.Add(1)
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	defer free() // before srv.Close, which waits for the held requests
	ctx := startBrowser(t)
	// A script's input event is a whole query: it runs at once.
	ask := func(q string) error {
		_, err := browsertest.TryRun(ctx, chromedp.Evaluate[bool](`(() => { const i = document.getElementById("site-search-q"); i.focus(); i.value = `+strconv.Quote(q)+`; i.dispatchEvent(new Event("input")); return true; })()`))
		return err
	}
	const open = `!document.getElementById("site-search-dropdown").hidden`
	isOpen := func() bool {
		o, _ := browsertest.TryRun(ctx, chromedp.Evaluate[bool](open))
		return o
	}
	err := browsertest.TryDo(ctx, chromedp.Navigate(srv.URL+"/proef/feedback/"), chromedp.WaitVisible(chromedp.ID("site-search-q")))
	if err == nil {
		err = ask("feedback")
	}
	if err == nil {
		_, err = browsertest.TryRun(ctx, chromedp.Poll[bool](open+` && !!document.querySelector("#site-search-dropdown a[data-search-result]")`, chromedp.WithPollingTimeout(browsertest.Step())))
	}
	if err != nil {
		t.Fatalf("the first query's list: %v", err)
	}
	hold.Store(true)
	if err := ask("leertijd plannen"); err != nil {
		t.Fatal(err)
	}
	browsertest.Wait(t, "the second query to ask for its index files", func() (bool, string) {
		return held.Load() > 0, "none asked yet"
	})
	if err := browsertest.TryDo(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if isOpen() {
		t.Fatal("Esc did not close the list")
	}
	n := held.Load()
	hold.Store(false)
	free()
	browsertest.Wait(t, "the held files to be sent", func() (bool, string) {
		return served.Load() >= n, "still sending"
	})
	// The files are in; give the page a moment to search and render, as it
	// would have opened the list within milliseconds.
	time.Sleep(300 * time.Millisecond)
	if isOpen() {
		t.Error("the list closed with Esc opened again when the pending query's files came in")
	}
	// Arrow down opens it again, with the second query's results.
	err = browsertest.TryDo(ctx, chromedp.KeyEvent(kb.ArrowDown))
	if err == nil {
		_, err = browsertest.TryRun(ctx, chromedp.Poll[bool](open, chromedp.WithPollingTimeout(browsertest.Step())))
	}
	if err != nil {
		t.Errorf("arrow down after Esc: %v", err)
	}
}
