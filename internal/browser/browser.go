// Package browser finds and starts headless Chromium for the stages that need
// a real layout engine: printing cards, measuring overflow, browser tests.
// Nothing else in handboek needs a browser, so nothing else imports this.
package browser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvChrome names the environment variable that points at a Chromium binary.
const EnvChrome = "HANDBOEK_CHROME"

// names are tried on PATH in this order; Debian calls it chromium, Ubuntu's
// deb chromium-browser, Google's build google-chrome.
var names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// ErrNotFound is returned by Find when no browser is installed.
var ErrNotFound = errors.New("no Chromium found: install it (Debian/Ubuntu: `apt-get install -y chromium`), or pass --chrome PATH, or set " + EnvChrome)

// Find returns the browser to use: explicit (a --chrome flag) first, then
// $HANDBOEK_CHROME, then the usual names on PATH.
func Find(explicit string) (string, error) {
	for _, p := range []string{explicit, os.Getenv(EnvChrome)} {
		if p == "" {
			continue
		}
		if lp, err := exec.LookPath(p); err == nil {
			return lp, nil
		}
		return "", fmt.Errorf("Chromium %q cannot be run: check the path given by --chrome or %s, or install Chromium (Debian/Ubuntu: `apt-get install -y chromium`)", p, EnvChrome)
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Start launches headless Chromium with a fresh temporary profile. The
// returned context is a tab; cancel closes the browser, waits for its process
// to exit and removes the profile, also when ctx is cancelled (Ctrl-C).
func Start(ctx context.Context, execPath string) (context.Context, context.CancelFunc, error) {
	profile, err := os.MkdirTemp("", "handboek-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(profile),
		// Root (CI, containers) cannot use the sandbox; the pages we load are
		// our own output, never the open web.
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("font-render-hinting", "none"),
		// Headless Chromium still builds the address bar's suggestion popups
		// as web pages, in a renderer of their own that takes more processor
		// time than printing a deck of 26 cards: a quarter of the browser's
		// whole work, on a machine with two cores. chromedp's own defaults
		// come first, as the flag replaces them.
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,WebUIOmniboxPopup,WebUIOmniboxAimPopup"),
	)
	// Chromium keeps its singleton socket in TMPDIR and leaves it there when
	// it is stopped; inside the profile it goes when the profile goes. A Unix
	// socket path has at most 107 bytes, so only where the path is short.
	if tmp := filepath.Join(profile, "t"); len(tmp)+len("/org.chromium.Chromium.XXXXXX/SingletonSocket") < 100 {
		if err := os.Mkdir(tmp, 0o700); err == nil {
			opts = append(opts, chromedp.Env("TMPDIR="+tmp))
		}
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tab, cancelTab := chromedp.NewContext(actx, chromedp.WithErrorf(func(format string, args ...any) {
		// After an interrupt (Ctrl-C) chromedp reports the work it dropped;
		// the caller already says it was interrupted.
		if ctx.Err() == nil {
			log.Printf(format, args...)
		}
	}))
	cancel := func() {
		cancelTab()
		cancelAlloc() // waits for the browser process to exit
		killLeftovers(profile, ctx.Err() != nil)
		os.RemoveAll(profile)
	}
	// The first Run starts the browser; it must not carry a deadline, or the
	// deadline would bound the browser's whole life.
	if err := chromedp.Do(tab); err != nil {
		cancel()
		if strings.Contains(err.Error(), "executable file not found") {
			return nil, nil, ErrNotFound
		}
		return nil, nil, fmt.Errorf("starting %s: %w", execPath, err)
	}
	return tab, cancel, nil
}

// killLeftovers kills what is left of a browser that used profile. When the
// main process is killed (on Ctrl-C), its zygote and renderers may live on
// for a moment, or longer on a busy machine. chromedp does this only for
// profiles it made itself; ours is our own, so that TMPDIR can live in it.
// Chromium passes --user-data-dir to every child, and the folder is unique,
// so the command line finds them. A child forked as the parent died shows up
// late, so look until a few passes in a row find nothing. After an
// interrupt the browser was killed mid-start, when late children are
// likely and a loaded machine may take a while to fork them, so the quiet
// spell lasts longer (a fifth of a second instead of three passes).
func killLeftovers(profile string, interrupted bool) {
	want := []byte("--user-data-dir=" + profile + "\x00")
	passes, deadline := 3, time.Now().Add(2*time.Second)
	if interrupted {
		passes, deadline = 20, time.Now().Add(5*time.Second)
	}
	for quiet := 0; quiet < passes && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		found := 0
		cmdlines, _ := filepath.Glob("/proc/[0-9]*/cmdline")
		for _, f := range cmdlines {
			data, err := os.ReadFile(f)
			if err != nil || !bytes.Contains(data, want) {
				continue
			}
			if pid, err := strconv.Atoi(filepath.Base(filepath.Dir(f))); err == nil && pid != os.Getpid() {
				if p, err := os.FindProcess(pid); err == nil && p.Kill() == nil {
					found++
				}
			}
		}
		if found == 0 {
			quiet++
		} else {
			quiet = 0
		}
	}
}
