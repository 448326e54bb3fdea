package watch

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func start(t *testing.T, debounce time.Duration) (string, *Watcher) {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content", "dimensies"), 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := New(Options{Root: root, Dirs: []string{"content", "layouts"}, Files: []string{"handboek.yaml"}, Debounce: debounce})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go w.Run(ctx)
	return root, w
}

func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b := <-w.Batches():
		return b
	case <-time.After(time.Minute):
		t.Fatal("no batch within a minute")
	}
	return nil
}

func none(t *testing.T, w *Watcher, wait time.Duration) {
	t.Helper()
	select {
	case b := <-w.Batches():
		t.Fatalf("unexpected batch %v", b)
	case <-time.After(wait):
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEditorSaveBurstGivesOneBatch replays how vim saves (write test file
// 4913, rename the original to a backup, write a new file, chmod, remove the
// backup; with a swap file beside it) and how VS Code saves (truncate and
// write twice), and expects one batch naming only the real file.
func TestEditorSaveBurstGivesOneBatch(t *testing.T) {
	// The bursts below last a few milliseconds; the debounce is generous so
	// the test holds on a machine busy with other work (load 20 on two
	// cores stretches a burst of a few milliseconds to a few hundred).
	root, w := start(t, 1500*time.Millisecond)
	dir := filepath.Join(root, "content", "dimensies")
	page := filepath.Join(dir, "visie.md")
	write(t, page, "v1")
	if got := next(t, w); !reflect.DeepEqual(got, Batch{"content/dimensies/visie.md"}) {
		t.Fatalf("first write: %v", got)
	}

	write(t, filepath.Join(dir, ".visie.md.swp"), "swap")
	write(t, filepath.Join(dir, "4913"), "")
	os.Remove(filepath.Join(dir, "4913"))
	if err := os.Rename(page, page+"~"); err != nil {
		t.Fatal(err)
	}
	write(t, page, "v2")
	os.Chmod(page, 0o600)
	time.Sleep(5 * time.Millisecond)
	os.Remove(page + "~")
	if got := next(t, w); !reflect.DeepEqual(got, Batch{"content/dimensies/visie.md"}) {
		t.Fatalf("vim save: %v", got)
	}
	none(t, w, 500*time.Millisecond)

	f, err := os.OpenFile(page, os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("v3 part one, ")
	time.Sleep(2 * time.Millisecond)
	f.WriteString("part two")
	f.Close()
	if got := next(t, w); !reflect.DeepEqual(got, Batch{"content/dimensies/visie.md"}) {
		t.Fatalf("VS Code save: %v", got)
	}
	none(t, w, 500*time.Millisecond)

	// Swap files alone cause nothing.
	write(t, filepath.Join(dir, ".visie.md.swp"), "swap 2")
	write(t, filepath.Join(dir, "#visie.md#"), "emacs")
	none(t, w, 500*time.Millisecond)
}

func TestNewFoldersAreWatched(t *testing.T) {
	root, w := start(t, 20*time.Millisecond)
	// A new section with a page written at once, before the watch on the
	// new folder can exist: the page is still reported.
	sec := filepath.Join(root, "content", "artikelen", "2026")
	if err := os.MkdirAll(sec, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(sec, "eerste.md"), "a")
	if got := next(t, w); !reflect.DeepEqual(got, Batch{"content/artikelen/2026/eerste.md"}) {
		t.Fatalf("new folder with a page: %v, want just the page", got)
	}
	// Later edits in the new folder are seen too.
	write(t, filepath.Join(sec, "tweede.md"), "b")
	if got := next(t, w); !reflect.DeepEqual(got, Batch{"content/artikelen/2026/tweede.md"}) {
		t.Fatalf("write in new folder: %v", got)
	}
	// A watched top-level folder that did not exist at the start.
	if err := os.MkdirAll(filepath.Join(root, "layouts", "partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Empty folders change nothing.
	none(t, w, 100*time.Millisecond)
	write(t, filepath.Join(root, "layouts", "partials", "header.html"), "h")
	if got := next(t, w); !reflect.DeepEqual(got, Batch{"layouts/partials/header.html"}) {
		t.Fatalf("write in new layouts folder: %v", got)
	}
	// The config file, and not other top-level files.
	write(t, filepath.Join(root, "notities.txt"), "x")
	write(t, filepath.Join(root, "handboek.yaml"), "title: x")
	if got := next(t, w); !reflect.DeepEqual(got, Batch{"handboek.yaml"}) {
		t.Fatalf("config write: %v", got)
	}
}

func TestNoise(t *testing.T) {
	for p, want := range map[string]bool{
		"content/a.md": false, "content/.a.md.swp": true, "content/a.md~": true, "content/4913": true,
		"content/#a.md#": true, "content/.git/x": true, "static/img/a.png": false, "content/a.md.tmp": true,
	} {
		if Noise(p) != want {
			t.Errorf("Noise(%q) = %v", p, !want)
		}
	}
}
