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
	"path"
	"path/filepath"
	"runtime"
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
	w, err := Begin(ctx, dest)
	if err != nil {
		return Stats{}, err
	}
	var wg sync.WaitGroup
	next := make(chan site.File)
	for range max(2, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				w.Write(f)
			}
		}()
	}
	for _, f := range files {
		if w.Err() != nil {
			break
		}
		next <- f
	}
	close(next)
	wg.Wait()
	return w.Commit()
}

// Writer writes a site file by file into a fresh folder beside the
// destination, so a build can hand over each page as soon as it is rendered
// instead of holding the whole site in memory. Nothing is visible at the
// destination until Commit; Abort (or any failed Write) leaves it untouched.
type Writer struct {
	ctx       context.Context
	dest, tmp string
	dirs      sync.Map // folders already made in tmp
	mu        sync.Mutex
	stats     Stats
	err       error
	closed    bool
	scratch   []*os.File
}

// Begin starts writing a new version of dest.
func Begin(ctx context.Context, dest string) (*Writer, error) {
	dest = filepath.Clean(dest)
	parent, base := filepath.Split(dest)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Writer{ctx: ctx, dest: dest, tmp: tmp}, nil
}

// Write writes one file. It is safe to call from several goroutines. After
// the first failure (or cancellation) it does nothing: the error is kept and
// returned by Err and Commit, so a full disk gives one message, not thousands.
func (w *Writer) Write(f site.File) {
	if w.Err() != nil {
		return
	}
	if err := w.ctx.Err(); err != nil {
		w.fail(err)
		return
	}
	if !safeRel(f.Path) {
		w.fail(fmt.Errorf("refusing to write %q: it is outside the output folder", f.Path))
		return
	}
	if err := w.mkdirs(path.Dir(f.Path)); err != nil {
		w.fail(err)
		return
	}
	n, err := writeFile(w.tmp, f)
	if err != nil {
		w.fail(err)
		return
	}
	w.mu.Lock()
	w.stats.Files++
	w.stats.Bytes += n
	w.mu.Unlock()
}

func (w *Writer) mkdirs(dir string) error {
	if dir == "." {
		return nil
	}
	if _, done := w.dirs.Load(dir); done {
		return nil
	}
	// The parent first, then one mkdir: MkdirAll would stat every folder
	// before making it, a system call per page on a large site.
	if err := w.mkdirs(path.Dir(dir)); err != nil {
		return err
	}
	err := os.Mkdir(filepath.Join(w.tmp, filepath.FromSlash(dir)), 0o755)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		// Another goroutine may have made it meanwhile; anything else at
		// that path (a file) fails the write that needs the folder.
		return err
	}
	w.dirs.Store(dir, true)
	return nil
}

func (w *Writer) fail(err error) {
	w.mu.Lock()
	if w.err == nil {
		w.err = err
	}
	w.mu.Unlock()
}

// Err is the first error of any Write, or nil.
func (w *Writer) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Scratch is a temporary file for a stage's working data (the search
// index's page text on a large site). It is made in the new version's
// folder, on the same disk, and unlinked at once: it is never published and
// leaves nothing behind, even when the build is killed. Commit and Abort
// close it.
func (w *Writer) Scratch() (*os.File, error) {
	f, err := os.CreateTemp(w.tmp, ".scratch-")
	if err != nil {
		return nil, err
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, err
	}
	w.mu.Lock()
	w.scratch = append(w.scratch, f)
	w.mu.Unlock()
	return f, nil
}

func (w *Writer) closeScratch() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, f := range w.scratch {
		f.Close()
	}
	w.scratch = nil
}

// Commit puts the new version in place of dest, or, if any Write failed or
// the context was cancelled, removes it and leaves dest as it was.
func (w *Writer) Commit() (Stats, error) {
	if w.closed {
		return w.stats, errors.New("publish: Commit after Commit or Abort")
	}
	w.closed = true
	w.closeScratch()
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(w.tmp)
		}
	}()
	w.Write(site.File{Path: Marker, Data: []byte("This folder is build output of handboek; it is replaced on every build.\n")})
	if err := w.Err(); err != nil {
		return w.stats, err
	}
	if err := w.ctx.Err(); err != nil {
		return w.stats, err
	}
	if err := swap(w.tmp, w.dest); err != nil {
		return w.stats, err
	}
	ok = true
	return w.stats, nil
}

// Abort throws the new version away; dest stays as it was.
func (w *Writer) Abort() {
	if !w.closed {
		w.closed = true
		w.closeScratch()
		os.RemoveAll(w.tmp)
	}
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
