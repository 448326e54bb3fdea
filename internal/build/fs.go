package build

import (
	"io/fs"
	"os"
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
	return root.FS()
}
