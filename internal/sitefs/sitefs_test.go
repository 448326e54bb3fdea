package sitefs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestSiteFSKeepsReadsInsideTheSite(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		p = filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/a/x.md", "x")
	write("content/b/y.md", "y")
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("geheim"), 0o644)
	links := map[string]string{
		"content/a/link.md":  "../b/y.md",
		"content/a/out.txt":  filepath.Join(outside, "secret.txt"),
		"content/a/outdir":   outside,
		"content/a/sideways": "../b",
	}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	fsys := Open(dir)
	tests := []struct {
		name, want string
	}{
		{"content/a/x.md", "x"},
		{"content/a/link.md", "y"},          // a symlink to elsewhere in the site
		{"content/a/sideways/y.md", "y"},    // through a folder symlink inside the site
		{"content/a/out.txt", ""},           // out of the site: refused
		{"content/a/outdir/secret.txt", ""}, // through a folder out of the site
		{"content/a/missing.md", ""},
	}
	check := func(t *testing.T) {
		for _, tt := range tests {
			data, err := fs.ReadFile(fsys, tt.name)
			if tt.want == "" {
				if err == nil {
					t.Errorf("%s: read %q, want an error", tt.name, data)
				} else if !strings.Contains(err.Error(), tt.name) {
					t.Errorf("%s: error %q does not name the file", tt.name, err)
				}
				continue
			}
			if err != nil || string(data) != tt.want {
				t.Errorf("%s = %q, %v; want %q", tt.name, data, err, tt.want)
			}
		}
	}
	t.Run("open", check)
	fsys.(rootFS).Close()
	t.Run("after close", check)
}

// Files are opened through a root per folder, a few folders at a time, from
// many goroutines: every read must be right and no folder stay open.
func TestSiteFSFolderRootsAreBounded(t *testing.T) {
	dir := t.TempDir()
	const folders, files = 40, 5
	for f := range folders {
		for i := range files {
			p := filepath.Join(dir, fmt.Sprintf("d%02d", f), fmt.Sprintf("p%d.md", i))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(fmt.Sprint(f, i)), 0o644)
		}
	}
	fds := func() int { e, _ := os.ReadDir("/proc/self/fd"); return len(e) }
	before := fds()
	fsys := Open(dir).(rootFS)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range folders * files {
				f, i := (k+g*7)%folders, k%files
				data, err := fs.ReadFile(fsys, fmt.Sprintf("d%02d/p%d.md", f, i))
				if err != nil || string(data) != fmt.Sprint(f, i) {
					t.Errorf("d%02d/p%d.md = %q, %v", f, i, data, err)
				}
			}
		}()
	}
	wg.Wait()
	if open := len(fsys.folders.open); open > maxFolderRoots {
		t.Errorf("%d folder roots open, at most %d", open, maxFolderRoots)
	}
	fsys.Close()
	fsys.root.Close()
	if after := fds(); after > before {
		t.Errorf("%d file descriptors open after Close, %d before", after, before)
	}
}

// Links to folders of the site are walked as those folders, written
// relative or absolute; links that lead out, nowhere, or round in a circle
// (also through two links) stay links, for the walker to report.
func TestSiteFSFollowsFolderLinksInsideTheSite(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	for _, p := range []string{"content/d/a.md", "static/x/s.css"} {
		p = filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	links := map[string]string{
		"content/rel":   "d",
		"content/abs":   filepath.Join(dir, "content", "d"),
		"content/out":   outside,
		"content/none":  "nergens",
		"content/d/up":  "..",
		"content/x2":    "../static/x", // static/x/back leads back here
		"static/x/back": "../../content",
	}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	sub, err := fs.Sub(Open(dir), "content")
	if err != nil {
		t.Fatal(err)
	}
	var walked []string
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		kind := "file"
		switch {
		case d.IsDir():
			kind = "dir"
		case d.Type()&fs.ModeSymlink != 0:
			kind = "link"
		}
		walked = append(walked, p+" "+kind)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{". dir", "abs dir", "abs/a.md file", "abs/up link", "d dir", "d/a.md file", "d/up link",
		"none link", "out link", "rel dir", "rel/a.md file", "rel/up link", "x2 dir", "x2/back link", "x2/s.css file"}
	if strings.Join(walked, "\n") != strings.Join(want, "\n") {
		t.Errorf("walked\n  %q\nwant\n  %q", walked, want)
	}
	for name, want := range map[string]string{"abs/a.md": "x", "rel/a.md": "x", "x2/s.css": "x"} {
		if b, err := fs.ReadFile(sub, name); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v", name, b, err)
		}
	}
	_, err = fs.ReadFile(sub, "out/geheim")
	if err == nil || !strings.Contains(err.Error(), "content/out is a symbolic link to "+outside+", outside the site") {
		t.Errorf("reading through a link out of the site: %v", err)
	}
}
