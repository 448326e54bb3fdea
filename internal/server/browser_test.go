package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chrome finds Chromium. A missing browser skips the test on a developer
// machine and fails it where HANDBOEK_REQUIRE_BROWSER=1 (CI).
func chrome(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("HANDBOEK_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("HANDBOEK_REQUIRE_BROWSER") == "1" {
		t.Fatal("Chromium not found: run `make deps` (or .ci/ensure-deps.sh)")
	}
	t.Skip("Chromium not found; set HANDBOEK_CHROME or run `make deps`")
	return ""
}

// TestBrowserReloadsAfterSave opens a served page in Chromium and checks
// that the injected script reloads it after an edit, shows the error page
// after a broken save, and comes back after the fix, with no user action.
func TestBrowserReloadsAfterSave(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	exe := chrome(t)
	dir, addr, dev := devSite(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-sync", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first run starts the browser; it must not carry a deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
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
