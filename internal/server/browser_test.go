package server

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handboek/handboek/internal/browser"
)

// TestBrowserReloadsAfterSave opens a served page in Chromium and checks
// that the injected script reloads it after an edit, shows the error page
// after a broken save, and comes back after the fix, with no user action.
func TestBrowserReloadsAfterSave(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	dir, addr, dev := devSite(t)
	ctx := browser.ForTest(t) // skips without Chromium, fails in CI
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+addr+"/dimensies/visie/")); err != nil {
		t.Fatal(err)
	}
	// waitText polls the page's text until cond holds; evaluation fails
	// while the page reloads, so errors only mean "not yet".
	waitText := func(what string, cond func(string) bool) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		var text string
		for time.Now().Before(deadline) {
			s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
			if err == nil && cond(s) {
				return
			}
			text = s
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s: page text is %q", what, text)
	}
	waitText("first load", func(s string) bool { return strings.Contains(s, "Een visie geeft richting.") })
	// Wait for the event stream, so the edit below is not missed.
	for deadline := time.Now().Add(10 * time.Second); dev.Clients() == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the page did not open its event stream")
		}
	}

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
	ctx := browser.ForTest(t)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+addr+"/")); err != nil {
		t.Fatal(err)
	}
	if text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`)); err != nil || !strings.Contains(text, "eerste versie") {
		t.Fatalf("first load: %q, %v", text, err)
	}
	s.Publish(map[string][]byte{"index.html": []byte("<!DOCTYPE html><html><body><p>tweede versie</p></body></html>")})
	close(release)
	var text string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		if text = got; err == nil && strings.Contains(got, "tweede versie") {
			return
		}
	}
	t.Fatalf("the page did not reload to the newer build: %q", text)
}
