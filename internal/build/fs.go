package build

import (
	"io/fs"
	"os"
	"path/filepath"
)

// siteFS opens dir through os.Root rather than os.DirFS: a symlink inside the
// site that points outside it cannot be read, so neither the build nor the
// dev server ever publishes or serves a file from elsewhere on the machine
// (content/x.png -> /etc/passwd fails with "path escapes from parent").
func siteFS(dir string) fs.FS {
	root, err := os.OpenRoot(dir)
	if err != nil {
		// The folder is missing or unreadable: DirFS reports that with the
		// path on first use, where the stages already handle it.
		return os.DirFS(dir)
	}
	return rootFS{FS: root.FS(), root: root, dir: dir}
}

// rootFS lists folders with os.ReadDir, after resolving the folder through
// the root: the root's own ReadDir stats every entry, which made listing a
// 10,000-page content folder three times slower (a quarter of a rebuild).
type rootFS struct {
	fs.FS
	root *os.Root
	dir  string
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
