package server

import (
	"context"
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
