package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handboek/handboek/internal/browser"
	"github.com/handboek/handboek/internal/browser/browsertest"
)

// TestCardsLeaveNoBrowserBehind interrupts `handboek cards` at several moments
// (as Ctrl-C does, by cancelling the context) and requires that no Chromium
// process and no temporary profile outlive the command.
func TestCardsLeaveNoBrowserBehind(t *testing.T) {
	if _, err := browser.Find(""); err != nil {
		browsertest.Need(t, err)
	}
	repo, _ := filepath.Abs("../..")
	base := os.TempDir()
	for _, after := range []time.Duration{300 * time.Millisecond, 900 * time.Millisecond, 1500 * time.Millisecond, time.Minute} {
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
		code := Run(ctx, []string{"cards", "-s", repo, "-o", filepath.Join(tmp, "deck.pdf")}, Streams{Out: &out, Err: &errb})
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

// A selection that names no card, or a tag no card has, is bad input on
// the command line: the usage exit code, as for an unknown --kind.
func TestCardsSelectionErrorsAreUsageErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium (skipped under -short)")
	}
	if _, err := browser.Find(""); err != nil {
		browsertest.Need(t, err)
	}
	repo, _ := filepath.Abs("../..")
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--only", "dimensies/feedback,spaken/bestaat-niet"}, ExitUsage, `handboek: --only: no card "spaken/bestaat-niet" in content/ (cards in spaken: `},
		{[]string{"--tag", "bestaat-niet"}, ExitUsage, `handboek: --tag: no card is tagged "bestaat-niet" (tags on cards: `},
		{[]string{"--kind", "artikel"}, ExitUsage, `handboek: --kind: unknown card kind "artikel"`},
	} {
		var out, errb bytes.Buffer
		dir := t.TempDir()
		code := Run(context.Background(), append([]string{"cards", "-s", repo, "-o", filepath.Join(dir, "deck.pdf")}, c.args...), Streams{Out: &out, Err: &errb})
		if code != c.code || !strings.HasPrefix(errb.String(), c.msg) {
			t.Errorf("cards %v: exit %d, %q; want %d, %q", c.args, code, errb.String(), c.code, c.msg)
		}
		if _, err := os.Stat(filepath.Join(dir, "deck.pdf")); err == nil {
			t.Errorf("cards %v wrote a deck", c.args)
		}
	}
}
