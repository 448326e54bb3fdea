package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/handboek/handboek/internal/browser"
	"github.com/handboek/handboek/internal/browser/browsertest"
)

// TestCardsLeaveNoBrowserBehind interrupts `handboek cards` at several moments
// (as Ctrl-C does, by cancelling the context) and requires that no Chromium
// process and no temporary profile outlive the command. The site is
// testdata/deck.txtar; the moments are shares of how long a whole run takes
// here (while Chromium starts and the site is built, while the cards are
// laid out, while they print), so they fall in the same stages on a quick
// machine and a busy one.
func TestCardsLeaveNoBrowserBehind(t *testing.T) {
	if _, err := browser.Find(""); err != nil {
		browsertest.Need(t, err)
	}
	ar, err := txtar.ParseFile("testdata/deck.txtar")
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	if err := txtar.Write(ar, site); err != nil {
		t.Fatal(err)
	}
	base := os.TempDir()
	run := func(after time.Duration) int {
		t.Helper()
		// Profiles and the deck's HTML go below TMPDIR, so anything left
		// behind by this command is found here and in no other test's way.
		// Short, as Chromium's socket path must be.
		tmp, err := os.MkdirTemp(base, "hbt")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		t.Setenv("TMPDIR", tmp)
		ctx, cancel := context.WithTimeout(context.Background(), after)
		var out, errb bytes.Buffer
		code := Run(ctx, []string{"cards", "-s", site, "-o", filepath.Join(tmp, "deck.pdf")}, Streams{Out: &out, Err: &errb})
		cancel()
		if code != ExitOK && !strings.Contains(errb.String(), "context") {
			t.Errorf("interrupted after %v: exit %d with %q, want a cancellation", after, code, errb.String())
		}
		entries, _ := os.ReadDir(tmp)
		for _, e := range entries {
			if e.Name() != "deck.pdf" {
				t.Errorf("interrupted after %v: %s left in TMPDIR", after, e.Name())
			}
		}
		if pids := processesUsing(tmp); len(pids) > 0 {
			t.Errorf("interrupted after %v: browser processes %v still running", after, pids)
		}
		return code
	}
	start := time.Now()
	if code := run(time.Minute); code != ExitOK {
		t.Fatalf("printing the deck: exit %d", code)
	}
	whole := time.Since(start)
	t.Logf("a whole run took %v", whole)
	for _, share := range []float64{0.1, 0.5, 0.9} {
		run(time.Duration(share * float64(whole)))
	}
}

// processesUsing lists processes whose command line mentions dir.
func processesUsing(dir string) []string {
	var out []string
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		data, err := os.ReadFile(p)
		if err == nil && bytes.Contains(data, []byte(dir)) {
			out = append(out, filepath.Base(filepath.Dir(p)))
		}
	}
	return out
}
