package publish

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/handboek/handboek/internal/site"
)

func TestAtomicReplacesOutputWhole(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	ctx := context.Background()
	if _, err := Atomic(ctx, dest, Options{}, []site.File{{Path: "index.html", Data: []byte("een")}, {Path: "oud/index.html", Data: []byte("weg")}}); err != nil {
		t.Fatal(err)
	}
	static := fstest.MapFS{"static/css/a.css": {Data: []byte("body{}")}}
	stats, err := Atomic(ctx, dest, Options{}, []site.File{{Path: "index.html", Data: []byte("twee")}, {Path: "css/a.css", From: static, FromPath: "static/css/a.css"}})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Files != 3 { // two files plus the marker
		t.Errorf("stats.Files = %d, want 3", stats.Files)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "twee" {
		t.Errorf("index.html = %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "css/a.css")); string(b) != "body{}" {
		t.Errorf("copied file = %q", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "oud")); !os.IsNotExist(err) {
		t.Errorf("stale output survived the rebuild")
	}
	assertNoTemp(t, dir)
}

func TestAtomicFailureKeepsOldOutput(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	ctx := context.Background()
	if _, err := Atomic(ctx, dest, Options{}, []site.File{{Path: "index.html", Data: []byte("oud")}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files []site.File
		ctx   func() context.Context
	}{
		{"a file that cannot be read", []site.File{{Path: "index.html", Data: []byte("nieuw")}, {Path: "x.css", From: fstest.MapFS{}, FromPath: "missing.css"}}, context.Background},
		{"a path that escapes the output", []site.File{{Path: "../buiten.html", Data: []byte("x")}}, context.Background},
		{"an interrupted build", []site.File{{Path: "index.html", Data: []byte("nieuw")}}, func() context.Context {
			c, cancel := context.WithCancel(context.Background())
			cancel()
			return c
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Atomic(tt.ctx(), dest, Options{}, tt.files); err == nil {
				t.Fatal("Atomic succeeded, want an error")
			}
			if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "oud" {
				t.Errorf("old output changed: %q", b)
			}
			if _, err := os.Stat(filepath.Join(dir, "buiten.html")); !os.IsNotExist(err) {
				t.Errorf("a file was written outside the output folder")
			}
			assertNoTemp(t, dir)
		})
	}
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary folder left behind: %s", e.Name())
		}
	}
}

func TestCheckDestination(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	must(t, os.MkdirAll(filepath.Join(src, "content"), 0o755))
	must(t, os.MkdirAll(filepath.Join(root, "docs"), 0o755))
	must(t, os.WriteFile(filepath.Join(root, "docs", "brief.txt"), []byte("x"), 0o644))
	must(t, os.MkdirAll(filepath.Join(root, "oud"), 0o755))
	must(t, os.WriteFile(filepath.Join(root, "oud", Marker), nil, 0o644))
	must(t, os.WriteFile(filepath.Join(root, "oud", "index.html"), nil, 0o644))
	must(t, os.Symlink(src, filepath.Join(root, "link")))
	must(t, os.WriteFile(filepath.Join(root, "bestand"), nil, 0o644))
	tests := []struct {
		dest, wantErr string
	}{
		{filepath.Join(src, "public"), ""},
		{filepath.Join(root, "nieuw", "uit"), ""},
		{filepath.Join(root, "oud"), ""},
		{"/", "root of the file system"},
		{src, "it is the source folder"},
		{filepath.Join(src, "content", ".."), "it is the source folder"},
		{filepath.Join(root, "link"), "it is the source folder"},
		{root, "it contains the source folder"},
		{filepath.Join(root, "docs"), ""}, // what is in it is CheckKept's
		{filepath.Join(root, "bestand"), "it is a file"},
		{filepath.Join(src, "content", "uit"), "inside the site's content/ folder"},
		{filepath.Join(src, "static"), "inside the site's static/ folder"},
		{filepath.Join(src, "themes", "eigen", "static", "x"), "inside the site's themes/ folder"},
		{filepath.Join(src, "contentje"), ""},
	}
	for _, tt := range tests {
		err := CheckDestination(src, tt.dest)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("CheckDestination(%s) = %v, want ok", tt.dest, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("CheckDestination(%s) = %v, want %q", tt.dest, err, tt.wantErr)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestWriterStreams covers the streaming path the build command uses: many
// goroutines writing at once, then Commit; and Abort or a failed Write
// leaving the previous output exactly as it was, with nothing left beside it.
func TestWriterStreams(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	ctx := context.Background()
	if _, err := Atomic(ctx, dest, Options{}, []site.File{{Path: "index.html", Data: []byte("oud")}}); err != nil {
		t.Fatal(err)
	}
	old := func() {
		t.Helper()
		if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != "oud" {
			t.Fatalf("previous output changed: %q, %v", b, err)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Fatalf("left beside the output: %v", entries)
		}
	}

	w, err := Begin(ctx, dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(site.File{Path: "index.html", Data: []byte("nieuw")})
	w.Abort()
	old()

	w, _ = Begin(ctx, dest, Options{})
	w.Write(site.File{Path: "a/index.html", Data: []byte("a")})
	w.Write(site.File{Path: "../buiten.html", Data: []byte("x")})
	w.Write(site.File{Path: "b/index.html", Data: []byte("b")})
	if _, err := w.Commit(); err == nil || !strings.Contains(err.Error(), "outside the output folder") {
		t.Errorf("Commit after a refused Write = %v, want the refusal", err)
	}
	old()
	if _, err := os.Stat(filepath.Join(dir, "buiten.html")); err == nil {
		t.Error("a file was written outside the output folder")
	}

	w, _ = Begin(ctx, dest, Options{})
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.Write(site.File{Path: fmt.Sprintf("s%d/p%d/index.html", i%7, i), Data: []byte(fmt.Sprint(i))})
		}()
	}
	wg.Wait()
	stats, err := w.Commit()
	if err != nil || stats.Files != 201 {
		t.Fatalf("Commit = %+v, %v; want 201 files", stats, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "s3", "p199", "index.html")); string(b) != "199" {
		t.Errorf("s3/p199 = %q", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err == nil {
		t.Error("the old output's index.html survived the swap")
	}
}

// A stage's scratch file works while the build runs and is gone, from the
// output and from the disk, once the build is committed or aborted.
func TestScratchLeavesNothing(t *testing.T) {
	for _, commit := range []bool{true, false} {
		dir := t.TempDir()
		dest := filepath.Join(dir, "public")
		w, err := Begin(context.Background(), dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		f, err := w.Scratch()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteAt([]byte("tekst"), 3); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 5)
		if _, err := f.ReadAt(buf, 3); err != nil || string(buf) != "tekst" {
			t.Fatalf("ReadAt = %q, %v", buf, err)
		}
		w.Write(site.File{Path: "index.html", Data: []byte("x")})
		if commit {
			if _, err := w.Commit(); err != nil {
				t.Fatal(err)
			}
		} else {
			w.Abort()
		}
		if _, err := f.Write([]byte("x")); err == nil {
			t.Error("the scratch file is still open after the build")
		}
		var left []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				left = append(left, strings.TrimPrefix(p, dir))
			}
			return nil
		})
		want := "[]"
		if commit {
			want = "[/public/.handboek-output /public/index.html]"
		}
		if fmt.Sprint(left) != want {
			t.Errorf("commit %v: files left %v, want %s", commit, left, want)
		}
	}
}
