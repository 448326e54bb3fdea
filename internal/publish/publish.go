// Package publish is the only stage that writes to disk. It writes a whole
// site into a temporary folder beside the destination and swaps it in only
// when every file was written, so a failed or interrupted build leaves the
// previous output exactly as it was.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/handboek/handboek/internal/site"
)

// Marker is written into every output folder. A non-empty folder without it
// was not made by handboek, and is never replaced: -d pointed at the wrong
// place must not cost anybody their files.
const Marker = ".handboek-output"

// CheckDestination refuses destinations that would put the source, or the
// whole disk, at risk: "/", the source folder itself, or any parent of it.
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
	if strings.HasPrefix(src+string(filepath.Separator), dst+string(filepath.Separator)) {
		return fmt.Errorf("refusing to publish to %s: it contains the source folder %s", dest, source)
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
	entries, err := os.ReadDir(dst)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dst, Marker)); err != nil {
		return fmt.Errorf("refusing to publish to %s: it is not empty and was not made by handboek (no %s file); choose an empty or new folder", dest, Marker)
	}
	return nil
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

// Stats says what a publish did.
type Stats struct {
	Files int
	Bytes int64
}

// Atomic writes files into dest. It first writes them into a fresh folder
// beside dest, then renames that folder into place; on any error, or when ctx
// is cancelled, the new folder is removed and dest is untouched.
func Atomic(ctx context.Context, dest string, files []site.File) (Stats, error) {
	var stats Stats
	dest = filepath.Clean(dest)
	parent, base := filepath.Split(dest)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return stats, err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return stats, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return stats, err
	}
	files = append(files, site.File{Path: Marker, Data: []byte("This folder is build output of handboek; it is replaced on every build.\n")})
	if err := writeAll(ctx, tmp, files, &stats); err != nil {
		return stats, err
	}
	if err := ctx.Err(); err != nil {
		return stats, err
	}
	if err := swap(tmp, dest); err != nil {
		return stats, err
	}
	ok = true
	return stats, nil
}

// swap puts tmp in the place of dest. The old output is renamed aside first
// and removed only after the new one is in place.
func swap(tmp, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	old := tmp + ".old"
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		// Put the previous output back; it must survive a failed build.
		if rerr := os.Rename(old, dest); rerr != nil {
			return fmt.Errorf("%v (and restoring the old output failed: %v; it is in %s)", err, rerr, old)
		}
		return err
	}
	return os.RemoveAll(old)
}

func writeAll(ctx context.Context, root string, files []site.File, stats *Stats) error {
	// Create folders first, in order, so workers never race on MkdirAll.
	dirs := map[string]bool{}
	for _, f := range files {
		if !safeRel(f.Path) {
			return fmt.Errorf("refusing to write %q: it is outside the output folder", f.Path)
		}
		for d := filepath.Dir(filepath.FromSlash(f.Path)); d != "." && !dirs[d]; d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	for _, d := range sortedDirs(dirs) {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	next := make(chan site.File)
	for w := 0; w < max(2, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				n, err := writeFile(root, f)
				mu.Lock()
				if err != nil && first == nil {
					first = err
				}
				stats.Files++
				stats.Bytes += n
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed {
			break
		}
		next <- f
	}
	close(next)
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}

func writeFile(root string, f site.File) (int64, error) {
	path := filepath.Join(root, filepath.FromSlash(f.Path))
	if f.From == nil {
		return int64(len(f.Data)), os.WriteFile(path, f.Data, 0o644)
	}
	in, err := f.From.Open(f.FromPath)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return n, err
}

func safeRel(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".." || part == "" {
			return false
		}
	}
	return true
}

func sortedDirs(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for d := range m {
		out = append(out, d)
	}
	// Parents sort before their children because a prefix sorts first.
	sort.Strings(out)
	return out
}
