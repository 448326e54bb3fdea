package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// inputs are the site's folders the build reads: an output inside one of
// them would be read by the next build and grow with every build
// (public/public/public).
var inputs = []string{"content", "static", "layouts", "i18n", "themes"}

// CheckDestination refuses destinations that would put the source, or the
// whole disk, at risk: "/", the source folder itself, any parent of it, or
// a folder inside one of its inputs. What is in the destination is checked
// by Begin.
func CheckDestination(source, dest string) error {
	src, err := canonical(source)
	if err != nil {
		return err
	}
	dst, err := canonical(dest)
	if err != nil {
		return err
	}
	if dst == string(filepath.Separator) || filepath.Dir(dst) == dst {
		return fmt.Errorf("refusing to publish to %s: it is the root of the file system", dest)
	}
	if dst == src {
		return fmt.Errorf("refusing to publish to %s: it is the source folder", dest)
	}
	if within(src, dst) {
		return fmt.Errorf("refusing to publish to %s: it contains the source folder %s", dest, source)
	}
	for _, in := range inputs {
		if d := filepath.Join(src, in); d == dst || within(dst, d) {
			return fmt.Errorf("refusing to publish to %s: it is inside the site's %s/ folder, which the build reads (each build would copy the one before); choose a folder outside %s/", dest, in, strings.Join(inputs, "/, "))
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		if h, err := canonical(home); err == nil && h == dst {
			return fmt.Errorf("refusing to publish to %s: it is your home folder", dest)
		}
	}
	st, err := os.Stat(dst)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("refusing to publish to %s: it is a file, not a folder", dest)
	}
	target, err := resolveLink(dest)
	if err != nil {
		return err
	}
	return refuseMountPoint(dest, target)
}

// CheckKept refuses, before a build, a destination that holds files the
// build would delete: files handboek did not write that are neither
// dotfiles, CNAME, nor named in keep (output.keep). Commit checks again.
func CheckKept(dest string, keep []string) error {
	target, err := resolveLink(dest)
	if err != nil {
		return err
	}
	_, err = planCarry(target, display(dest, target), nil, keep)
	return err
}

// within reports whether p is strictly inside dir (both canonical).
func within(p, dir string) bool {
	return strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// canonical makes p absolute and resolves symlinks in the part that exists,
// so "public/../content" and a symlink to the source are both recognised.
func canonical(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest), nil
		}
		if filepath.Dir(cur) == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// resolveLink is where output for dest goes: dest itself, or, when dest is
// a symbolic link, the folder it points to (which may not exist yet). A
// rename would replace the link by a folder and leave its target stale.
func resolveLink(dest string) (string, error) {
	// Absolute, so that "." has a real parent to hold the new version.
	p, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	if st, err := os.Lstat(p); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return p, nil
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		return real, nil
	}
	// A link to a folder that does not exist yet: follow it by hand.
	for range 40 {
		st, err := os.Lstat(p)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		t, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(filepath.Dir(p), t)
		}
		p = filepath.Clean(t)
	}
	return "", fmt.Errorf("refusing to publish to %s: too many levels of symbolic links", dest)
}

// refuseMountPoint refuses a destination that is a mount point: no rename
// can move a mount point, so the new output could never be swapped in.
func refuseMountPoint(given, target string) error {
	st, err := os.Stat(target)
	if err != nil || !st.IsDir() {
		return nil
	}
	here, err := mountID(target)
	if err != nil {
		return nil
	}
	above, err := mountID(filepath.Dir(target))
	if err != nil || here == above {
		return nil
	}
	return fmt.Errorf("refusing to publish to %s: it is a mount point, and %s", display(given, target), mountAdvice(target))
}

// display names a destination as the user wrote it, with the folder it
// points to when it is a symbolic link.
func display(given, target string) string {
	if st, err := os.Lstat(given); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return given + " (a link to " + target + ")"
	}
	return given
}

// mountAdvice says what to do instead of publishing to a mount point.
func mountAdvice(dest string) string {
	return fmt.Sprintf("a mount point cannot be swapped for a new folder; publish into a sub-folder of it (-d %s), or mount the folder above it instead",
		filepath.Join(dest, "site"))
}

// isMountErr reports a rename that failed because a path is a mount point
// or the two paths are on different file systems.
func isMountErr(err error) bool {
	return errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV)
}
