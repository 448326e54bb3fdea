// Package sitefs is how a build reads a site from disk: Open gives a site
// folder as an fs.FS that nothing can be read out of (no symlink leads
// outside the site), and Layers is the theme's lookup order (the site's own
// files, its themes/<name>/, the built-in default), for the build and for
// the archetypes of `handboek new`. It sits above the pipeline: the stages
// take an fs.FS each and open no folder themselves.
package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
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
// (content/x.png -> /etc/passwd is an error that says so).
//
// Symlinks that stay inside the site are followed, folders too: ReadDir
// lists a link to a folder of the site as that folder, so a walk goes into
// it, unless the folder holds the link (a loop). A link it does not follow
// stays a symlink entry, for the walker to report (content.DescribeLink).
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
	// Absolute: a link's target, resolved, is compared with it.
	real, err := filepath.Abs(dir)
	if err == nil {
		real, err = filepath.EvalSymlinks(real)
	}
	if err != nil {
		real = dir
	}
	return rootFS{FS: root.FS(), root: root, dir: dir, real: real, folders: &folderRoots{open: map[string]*folderRoot{}}}
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
	real    string // dir with its symlinks resolved
	folders *folderRoots
}

func (r rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	// Refuses a folder that is, or is reached through, a symlink out of
	// the site, as the root does for files.
	if _, err := r.root.Stat(name); err != nil {
		rel, ok := r.inside(name)
		if !ok {
			return nil, r.explain(name, err)
		}
		name = rel
	}
	entries, err := os.ReadDir(filepath.Join(r.dir, filepath.FromSlash(name)))
	for i, e := range entries {
		if e.Type()&fs.ModeSymlink != 0 {
			entries[i] = r.follow(path.Join(name, e.Name()), e)
		}
	}
	return entries, err
}

// follow is the entry of what the link at name points to, when that is in
// the site and, for a folder, does not hold the link; else the link's own.
func (r rootFS) follow(name string, link fs.DirEntry) fs.DirEntry {
	rel, ok := r.inside(name)
	if !ok {
		return link
	}
	info, err := r.root.Stat(rel)
	if err != nil {
		return link
	}
	if info.IsDir() && r.loops(path.Dir(name), rel) {
		return link // content/x -> .. would be walked for ever
	}
	return renamed{fs.FileInfoToDirEntry(info), path.Base(name)}
}

// loops reports whether the folder target (resolved, relative to the
// site) holds a folder that the walk to dir went through: walking target
// would come back to dir. Links through several folders count too.
func (r rootFS) loops(dir, target string) bool {
	for p := dir; ; p = path.Dir(p) {
		if real, ok := r.inside(p); ok && (target == "." || real == target || strings.HasPrefix(real+"/", target+"/")) {
			return true
		}
		if p == "." {
			return false
		}
	}
}

// renamed is an entry under the name of the link that led to it.
type renamed struct {
	fs.DirEntry
	name string
}

func (e renamed) Name() string { return e.name }

// inside resolves every symlink in name and returns the path it leads to,
// relative to the site, when that is inside the site: os.Root refuses
// absolute links even when they point into the root.
func (r rootFS) inside(name string) (string, bool) {
	real, err := filepath.EvalSymlinks(filepath.Join(r.real, filepath.FromSlash(name)))
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(r.real, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func (r rootFS) Open(name string) (fs.File, error) {
	dir, file := path.Split(name)
	if dir == "" || !fs.ValidPath(name) {
		return r.open(name)
	}
	fr := r.folders.get(r.root, dir[:len(dir)-1])
	if fr == nil {
		return r.open(name)
	}
	defer r.folders.release(fr)
	f, err := fr.root.Open(file)
	if err != nil {
		// The site's root has the last word: a symlink to another folder
		// of the site is fine there, and its error names the whole path.
		return r.open(name)
	}
	return f, nil
}

// open opens name through the site's root, following an absolute link
// that stays inside the site.
func (r rootFS) open(name string) (fs.File, error) {
	f, err := r.FS.Open(name)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	if rel, ok := r.inside(name); ok {
		if f, err := r.FS.Open(rel); err == nil {
			return f, nil
		}
	}
	return nil, r.explain(name, err)
}

func (r rootFS) ReadLink(name string) (string, error) {
	target, err := fs.ReadLink(r.FS, name)
	if err != nil {
		// In a folder reached through an absolute link.
		if dir, ok := r.inside(path.Dir(name)); ok {
			return os.Readlink(filepath.Join(r.real, filepath.FromSlash(dir), path.Base(name)))
		}
	}
	return target, err
}

func (r rootFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(r.FS, name) }

// linkError says which link leads out of the site.
type linkError struct {
	msg string
	err error
}

func (e linkError) Error() string { return e.msg }
func (e linkError) Unwrap() error { return e.err }

// explain replaces os.Root's "path escapes from parent" with what the
// file is: a link, or in a linked folder, that leads out of the site.
func (r rootFS) explain(name string, err error) error {
	if !strings.Contains(err.Error(), "path escapes from parent") {
		return err
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		if target, lerr := os.Readlink(filepath.Join(r.dir, filepath.FromSlash(p))); lerr == nil {
			if _, ok := r.inside(p); !ok {
				what := p + " is a symbolic link to " + target
				if p != name {
					what = name + " is in " + what
				}
				return linkError{msg: what + ", outside the site; handboek reads only files inside the site", err: err}
			}
		}
	}
	return err
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
