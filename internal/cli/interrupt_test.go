package cli

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handboek/handboek/internal/corpus"
)

// Ctrl-C during a large build stops it, says so, and leaves the output
// folder as it was: no page of the new version in it, no temporary folder
// beside it. (That no further page starts is counted in internal/build's
// TestCancelledBuildStartsNoFurtherPage.)
func TestInterruptedBuildLeavesTheOutputAsItWas(t *testing.T) {
	root := t.TempDir()
	small, src, dest := filepath.Join(root, "small"), filepath.Join(root, "site"), filepath.Join(root, "public")
	if err := corpus.Site(small, 5, 5); err != nil {
		t.Fatal(err)
	}
	if err := corpus.Site(src, 3000, 5); err != nil {
		t.Fatal(err)
	}
	// The last build: a small site.
	var out, errs bytes.Buffer
	if c := Run(context.Background(), []string{"build", "-q", "-s", small, "-d", dest}, Streams{Out: &out, Err: &errs}); c != ExitOK {
		t.Fatalf("building the small site: exit %d, %s", c, errs.String())
	}
	before := tree(t, dest)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out.Reset()
	errs.Reset()
	code := make(chan int, 1)
	go func() {
		code <- Run(ctx, []string{"build", "-s", src, "-d", dest}, Streams{Out: &out, Err: &errs})
	}()
	// Interrupt once pages are being written into the new version.
	waitFor(t, "the build to write its first pages", func() bool {
		tmp, _ := filepath.Glob(filepath.Join(root, ".public.tmp-*", "*"))
		return len(tmp) > 0
	}, code)
	cancel()
	var c int
	select {
	case c = <-code:
	case <-time.After(time.Minute):
		t.Fatal("the build did not stop within a minute of Ctrl-C")
	}
	if c == ExitOK {
		t.Fatalf("an interrupted build exits %d; stderr %q", c, errs.String())
	}
	if want := "build interrupted: nothing was written to " + dest; !strings.Contains(errs.String(), want) {
		t.Errorf("stderr %q, want it to say %q", errs.String(), want)
	}
	after := tree(t, dest)
	if len(after) != len(before) {
		t.Errorf("the output folder holds %d files after an interrupted build, want the %d of the last build", len(after), len(before))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("%s changed in an interrupted build", name)
		}
	}
	beside, _ := os.ReadDir(root)
	for _, e := range beside {
		if e.Name() != "small" && e.Name() != "site" && e.Name() != "public" {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

// tree is every file under dir, by slash path, with its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// waitFor polls cond for up to a minute (the per-step budget); done
// reports the build's exit code should it end first.
func waitFor(t *testing.T, what string, cond func() bool, done <-chan int) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		select {
		case c := <-done:
			t.Fatalf("the build ended (exit %d) before %s", c, what)
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s within a minute", what)
		}
	}
}
