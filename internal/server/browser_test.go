package server

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/handboek/handboek/internal/browser/browsertest"
)

// TestBrowserReloadsAfterSave opens a served page in Chromium and checks
// that the injected script reloads it after an edit, shows the error page
// after a broken save, and comes back after the fix, with no user action.
func TestBrowserReloadsAfterSave(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	dir, addr, dev := devSite(t)
	ctx := browsertest.New(t) // skips without Chromium, fails in CI
	browsertest.Do(t, ctx, "open the page", chromedp.Navigate("http://"+addr+"/dimensies/visie/"))
	waitText := func(what string, cond func(string) bool) {
		t.Helper()
		browsertest.Wait(t, what, pageText(ctx, cond))
	}
	waitText("first load", func(s string) bool { return strings.Contains(s, "Een visie geeft richting.") })
	// Wait for the event stream, so the edit below is not missed.
	browsertest.Wait(t, "the page's event stream", func() (bool, string) {
		return dev.Clients() > 0, "not open"
	})

	page := filepath.Join(dir, "content", "dimensies", "visie.md")
	orig, _ := os.ReadFile(page)
	writeFile(t, page, strings.Replace(string(orig), "Een visie geeft richting.", "Een visie geeft richting en rust.", 1))
	waitText("after an edit", func(s string) bool { return strings.Contains(s, "richting en rust") })

	writeFile(t, page, strings.Replace(string(orig), "kind: dimensie", "kind: kaart", 1))
	waitText("after a broken save", func(s string) bool {
		return strings.Contains(s, "Build failed") && strings.Contains(s, `content/dimensies/visie.md:3:1: unknown kind "kaart"`)
	})

	writeFile(t, page, string(orig))
	waitText("after the fix", func(s string) bool {
		return strings.Contains(s, "Een visie geeft richting.") && !strings.Contains(s, "Build failed")
	})
}

// TestBrowserReloadsWhenBuildIsNewerThanPage covers a save that lands
// between a page's load and its event stream's connect (an author who saves
// again just after a reload): the swap's reload event reaches no one, so
// the page must tell from "hello" that it shows an older build.
func TestBrowserReloadsWhenBuildIsNewerThanPage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	s := New()
	s.Publish(map[string][]byte{"index.html": []byte("<!DOCTYPE html><html><body><p>eerste versie</p></body></html>")})
	release := make(chan struct{})
	// The first event stream waits until the next build is in.
	held := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == EventsPath {
			select {
			case <-release:
			case <-r.Context().Done():
				return
			}
		}
		s.ServeHTTP(w, r)
	})
	addr := testServer(t, held)
	ctx := browsertest.New(t)
	browsertest.Do(t, ctx, "open the page", chromedp.Navigate("http://"+addr+"/"))
	if text := browsertest.Eval[string](t, ctx, `document.body.innerText`); !strings.Contains(text, "eerste versie") {
		t.Fatalf("first load: %q", text)
	}
	s.Publish(map[string][]byte{"index.html": []byte("<!DOCTYPE html><html><body><p>tweede versie</p></body></html>")})
	close(release)
	browsertest.Wait(t, "reload to the newer build", pageText(ctx, func(s string) bool { return strings.Contains(s, "tweede versie") }))
}

// pageText is a condition for browsertest.Wait on the page's text. An
// evaluation fails while the page reloads, so an error only means "not yet",
// and each evaluation has its own step budget.
func pageText(ctx context.Context, cond func(string) bool) func() (bool, string) {
	return func() (bool, string) {
		s, err := browsertest.TryRun(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		if err != nil {
			return false, "page text unreadable: " + err.Error()
		}
		return cond(s), "page text " + strconv.Quote(s)
	}
}
