// Package sitefs is how the stages read a site from disk: Open gives a site
// folder as an fs.FS that nothing can read out of, and Layers is the theme's
// lookup order (the site's own files, its themes/<name>/, the built-in
// default). It is the top of the pipeline: every stage takes an fs.FS, and
// only the commands (build, serve, new) open folders, through here.
package sitefs

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"

	"github.com/handboek/handboek/themes"
)

// Layer is one place theme files come from. Layers are searched in order, so
// a site's own layouts/ and static/ override the theme's, file by file, as in
// Hugo's lookup order.
type Layer struct {
	FS fs.FS
	// Dir is how files of this layer are named in diagnostics, e.g.
	// "themes/default" or "." for the site itself.
	Dir string
}

// Layers is the theme lookup order: the site's own layouts/, static/ and
// i18n/ first, then themes/<name>/ in the site, then the built-in default.
func Layers(source, theme string) []Layer {
	layers := []Layer{{FS: Open(source), Dir: "."}}
	dir := filepath.Join(source, "themes", theme)
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		layers = append(layers, Layer{FS: Open(dir), Dir: filepath.ToSlash(filepath.Join("themes", theme))})
	}
	if theme == "default" {
		layers = append(layers, Layer{FS: themes.Default(), Dir: "(built-in theme default)"})
	}
	return layers
}

// Open opens dir through os.Root rather than os.DirFS: a symlink inside the
// site that points outside it cannot be read, so neither the build nor the
// dev server ever publishes or serves a file from elsewhere on the machine
// (content/x.png -> /etc/passwd fails with "path escapes from parent").
//
// What Open returns has a Close method (interface{ Close() }): it closes the
// folders kept open for reading; the FS stays usable after it.
func Open(dir string) fs.FS {
	root, err := os.OpenRoot(dir)
	if err != nil {
		// The folder is missing or unreadable: DirFS reports that with the
		// path on first use, where the stages already handle it.
		return os.DirFS(dir)
	}
	return rootFS{FS: root.FS(), root: root, dir: dir, folders: &folderRoots{open: map[string]*folderRoot{}}}
}

// rootFS lists folders with os.ReadDir, after resolving the folder through
// the root: the root's own ReadDir stats every entry, which made listing a
// 10,000-page content folder three times slower (a quarter of a rebuild).
//
// It opens files through a root for their folder, kept for the next file
// there: os.Root resolves every part of a path with an open of its own, so
// content/a/b.md through the site's root was three opens and closes, a
// third of a large build's system calls.
type rootFS struct {
	fs.FS
	root    *os.Root
	dir     string
	folders *folderRoots
}

func (r rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	// Refuses a folder that is, or is reached through, a symlink out of
	// the site, as the root does for files.
	if _, err := r.root.Stat(name); err != nil {
		return nil, err
	}
	return os.ReadDir(filepath.Join(r.dir, filepath.FromSlash(name)))
}

func (r rootFS) Open(name string) (fs.File, error) {
	dir, file := path.Split(name)
	if dir == "" || !fs.ValidPath(name) {
		return r.FS.Open(name)
	}
	fr := r.folders.get(r.root, dir[:len(dir)-1])
	if fr == nil {
		return r.FS.Open(name)
	}
	defer r.folders.release(fr)
	f, err := fr.root.Open(file)
	if err != nil {
		// The site's root has the last word: a symlink to another folder
		// of the site is fine there, and its error names the whole path.
		return r.FS.Open(name)
	}
	return f, nil
}

// Close closes the folders' roots; later opens go through the site's root.
func (r rootFS) Close() {
	r.folders.close()
}

// folderRoots are the roots of the folders files were last opened in, a
// few at a time: pages are read folder by folder.
type folderRoots struct {
	mu     sync.Mutex
	open   map[string]*folderRoot
	closed bool
}

type folderRoot struct {
	root  *os.Root
	users int
	gone  bool // evicted while in use: closed by the last user
}

const maxFolderRoots = 16

// get returns the root of dir (inside root), or nil when it cannot be had:
// the caller then opens through the site's root, which reports the error.
func (c *folderRoots) get(root *os.Root, dir string) *folderRoot {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	if fr := c.open[dir]; fr != nil {
		fr.users++
		c.mu.Unlock()
		return fr
	}
	c.mu.Unlock()
	sub, err := root.OpenRoot(dir)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		sub.Close()
		return nil
	}
	if fr := c.open[dir]; fr != nil { // opened meanwhile by another file
		sub.Close()
		fr.users++
		return fr
	}
	for k, fr := range c.open {
		if len(c.open) < maxFolderRoots {
			break
		}
		c.evict(k, fr)
	}
	fr := &folderRoot{root: sub, users: 1}
	c.open[dir] = fr
	return fr
}

func (c *folderRoots) evict(dir string, fr *folderRoot) {
	delete(c.open, dir)
	fr.gone = true
	if fr.users == 0 {
		fr.root.Close()
	}
}

func (c *folderRoots) release(fr *folderRoot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fr.users--
	if fr.gone && fr.users == 0 {
		fr.root.Close()
	}
}

func (c *folderRoots) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for k, fr := range c.open {
		c.evict(k, fr)
	}
}
