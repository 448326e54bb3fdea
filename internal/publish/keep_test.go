package publish

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/handboek/handboek/internal/site"
)

// tree lists every file under dir with its content ("a/b=text"), folders
// that hold nothing as "a/", so one comparison shows all of an output.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		switch {
		case d.IsDir():
			if entries, _ := os.ReadDir(p); len(entries) == 0 {
				out = append(out, rel+"/")
			}
		case rel == Marker:
			out = append(out, rel)
		default:
			b, _ := os.ReadFile(p)
			out = append(out, rel+"="+string(b))
		}
		return nil
	})
	return out
}

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(text), 0o644))
	}
}

func pages(texts ...string) []site.File {
	var files []site.File
	for i := 0; i+1 < len(texts); i += 2 {
		files = append(files, site.File{Path: texts[i], Data: []byte(texts[i+1])})
	}
	return files
}

func assertTree(t *testing.T, dir string, want ...string) {
	t.Helper()
	slices.Sort(want)
	if got := tree(t, dir); !slices.Equal(got, want) {
		t.Errorf("%s holds\n  %q\nwant\n  %q", filepath.Base(dir), got, want)
	}
}

// assertOnly checks that dir holds nothing but the names given.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Errorf("beside the output: %q, want %q", got, names)
	}
}

// A GitHub Pages setup: public/ is a git worktree with a custom domain and
// files the site owner put there. A rebuild keeps all of them, and drops
// only what handboek wrote before and no longer writes.
func TestRebuildKeepsWhatHandboekDidNotWrite(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	ctx := context.Background()
	opts := Options{Keep: []string{"downloads/*.pdf", "google123.html", "extra/"}}
	if _, err := Atomic(ctx, dest, opts, pages("index.html", "een", "oud/index.html", "weg", "downloads/index.html", "lijst")); err != nil {
		t.Fatal(err)
	}
	write(t, dest, map[string]string{
		".git/HEAD":              "ref: refs/heads/gh-pages",
		".nojekyll":              "",
		"CNAME":                  "handboek.example.org",
		"google123.html":         "verify",
		"downloads/rapport.pdf":  "pdf",
		"extra/a/b.txt":          "b",
		"oud/.DS_Store":          "finder",
		".well-known/security":   "mail",
		"downloads/.htaccess":    "deny",
		"index.html.orig~backup": "x", // not kept: refused below, so removed first
	})
	must(t, os.Remove(filepath.Join(dest, "index.html.orig~backup")))
	stats, err := Atomic(ctx, dest, opts, pages("index.html", "twee", "downloads/index.html", "lijst 2"))
	if err != nil {
		t.Fatal(err)
	}
	assertTree(t, dest, Marker,
		".git/HEAD=ref: refs/heads/gh-pages", ".nojekyll=", "CNAME=handboek.example.org",
		"google123.html=verify", "downloads/rapport.pdf=pdf", "downloads/.htaccess=deny",
		"extra/a/b.txt=b", "oud/.DS_Store=finder", ".well-known/security=mail",
		"index.html=twee", "downloads/index.html=lijst 2")
	if len(stats.Kept) != 9 {
		t.Errorf("Kept = %q, want the nine things handboek did not write", stats.Kept)
	}
	if len(stats.Notes) != 0 {
		t.Errorf("Notes = %q, want none", stats.Notes)
	}
	assertOnly(t, dir, "public")
}

// Files handboek did not write and is not told to keep stop the build
// before anything changes, with their names: nothing is deleted silently.
func TestRefusesToDeleteFilesItDidNotWrite(t *testing.T) {
	ctx := context.Background()
	t.Run("in its own output", func(t *testing.T) {
		dir := t.TempDir()
		dest := filepath.Join(dir, "public")
		if _, err := Atomic(ctx, dest, Options{}, pages("index.html", "een")); err != nil {
			t.Fatal(err)
		}
		write(t, dest, map[string]string{"notities.txt": "mijn", "concept/a.md": "a", ".git/HEAD": "x"})
		before := tree(t, dest)
		want := "refusing to publish to " + dest + ": it holds files that handboek did not write, and a build would delete them: concept/, notities.txt. Move them away, or list them under output.keep"
		if err := CheckKept(dest, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckKept = %v, want %q", err, want)
		}
		if _, err := Atomic(ctx, dest, Options{}, pages("index.html", "twee")); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Atomic = %v, want %q", err, want)
		}
		if got := tree(t, dest); !slices.Equal(got, before) {
			t.Errorf("the output changed: %q, was %q", got, before)
		}
		assertOnly(t, dir, "public")
		// Named in output.keep, they stay.
		if _, err := Atomic(ctx, dest, Options{Keep: []string{"notities.txt", "concept"}}, pages("index.html", "twee")); err != nil {
			t.Fatal(err)
		}
		assertTree(t, dest, Marker, "index.html=twee", "notities.txt=mijn", "concept/a.md=a", ".git/HEAD=x")
	})
	t.Run("in a folder handboek never wrote", func(t *testing.T) {
		dir := t.TempDir()
		dest := filepath.Join(dir, "docs")
		write(t, dest, map[string]string{"belangrijk.txt": "x"})
		if err := CheckKept(dest, nil); err == nil || !strings.Contains(err.Error(), "belangrijk.txt") {
			t.Errorf("CheckKept = %v, want a refusal naming belangrijk.txt", err)
		}
		if _, err := Atomic(ctx, dest, Options{}, pages("index.html", "een")); err == nil {
			t.Error("Atomic replaced a folder of someone else's files")
		}
		assertTree(t, dest, "belangrijk.txt=x")
	})
	t.Run("a fresh clone of a Pages branch", func(t *testing.T) {
		dir := t.TempDir()
		dest := filepath.Join(dir, "site")
		write(t, dest, map[string]string{".git/HEAD": "x", "CNAME": "a.example", ".nojekyll": ""})
		if err := CheckKept(dest, nil); err != nil {
			t.Fatalf("CheckKept = %v, want ok", err)
		}
		if _, err := Atomic(ctx, dest, Options{}, pages("index.html", "een")); err != nil {
			t.Fatal(err)
		}
		assertTree(t, dest, Marker, "index.html=een", ".git/HEAD=x", "CNAME=a.example", ".nojekyll=")
	})
	t.Run("a kept file the build now writes too", func(t *testing.T) {
		dir := t.TempDir()
		dest := filepath.Join(dir, "public")
		write(t, dest, map[string]string{"CNAME": "mijn.example"})
		_, err := Atomic(ctx, dest, Options{}, pages("index.html", "een", "CNAME", "static.example"))
		if err == nil || !strings.Contains(err.Error(), "the build writes CNAME, but CNAME there was not written by handboek") {
			t.Errorf("Atomic = %v, want the clash named", err)
		}
		assertTree(t, dest, "CNAME=mijn.example")
	})
}

// An output made by an older handboek has a marker without a list: all of
// it but dotfiles and kept files was handboek's, as its marker said.
func TestOutputOfAnOlderHandboek(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	write(t, dest, map[string]string{
		Marker:           "This folder is build output of handboek; it is replaced on every build.\n",
		"index.html":     "oud",
		"weg/index.html": "oud",
		".git/HEAD":      "x",
		"CNAME":          "a.example",
	})
	if _, err := Atomic(context.Background(), dest, Options{}, pages("index.html", "nieuw")); err != nil {
		t.Fatal(err)
	}
	assertTree(t, dest, Marker, "index.html=nieuw", ".git/HEAD=x", "CNAME=a.example")
}

// A destination that is a symbolic link is published into its target, and
// the link stays a link.
func TestSymlinkedDestinationPublishesIntoTarget(t *testing.T) {
	dir := t.TempDir()
	srv := filepath.Join(dir, "srv", "www", "handboek")
	must(t, os.MkdirAll(filepath.Dir(srv), 0o755))
	link := filepath.Join(dir, "site", "public")
	must(t, os.MkdirAll(filepath.Dir(link), 0o755))
	must(t, os.Symlink(srv, link)) // the target does not exist yet
	ctx := context.Background()
	for _, text := range []string{"een", "twee"} {
		w, err := Begin(ctx, link, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if w.Dest() != srv || w.Link() != link {
			t.Errorf("Dest, Link = %s, %s; want %s, %s", w.Dest(), w.Link(), srv, link)
		}
		w.Write(site.File{Path: "index.html", Data: []byte(text)})
		if _, err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the link was replaced: %v", err)
		}
		assertTree(t, srv, Marker, "index.html="+text)
	}
	assertOnly(t, filepath.Dir(srv), "handboek")
	assertOnly(t, filepath.Dir(link), "public")
}

// "." as the destination publishes into the current folder, with the new
// version made beside it, not inside it.
func TestDotDestination(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "www")
	must(t, os.Mkdir(out, 0o755))
	for _, text := range []string{"een", "twee"} {
		// Each build is a process of its own: the one before swapped the
		// folder it ran in for a new one.
		t.Chdir(out)
		if _, err := Atomic(context.Background(), ".", Options{}, pages("index.html", text)); err != nil {
			t.Fatal(err)
		}
	}
	assertTree(t, out, Marker, "index.html=twee")
	assertOnly(t, dir, "www")
}
