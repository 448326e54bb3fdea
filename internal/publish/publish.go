// Package publish is the only stage that writes to disk. It writes a whole
// site into a temporary folder beside the destination and swaps it in only
// when every file was written, so a failed or interrupted build leaves the
// previous output exactly as it was.
//
// The contract, in the order a build meets it:
//
//   - A destination that is a symbolic link is published into the link's
//     target, beside it; the link stays.
//   - Builds into one destination take turns: each holds a lock (flock on
//     .NAME.lock beside the destination, removed when released) while it
//     cleans up and while it swaps, and a lock on its own temporary folder
//     while it writes. Leftovers of killed builds (.NAME.tmp-* beside the
//     destination) that no running build holds are removed by the next
//     build, after files that were not handboek's are moved back.
//   - The swap is one renameat2(RENAME_EXCHANGE) on Linux: there is never a
//     moment without the destination. Elsewhere (or on a file system
//     without it) the old output is renamed aside first.
//   - Nothing handboek did not write is lost. The marker file (Marker) of
//     every output lists the files handboek wrote. Anything else in the
//     old output is moved into the new one when it is a dotfile or
//     dotfolder (.git, .nojekyll), CNAME, or named in output.keep; any
//     other file stops the build before anything changed, with its name.
//   - A destination that is a mount point cannot be swapped and is refused
//     before building, as are destinations inside the site's inputs.
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
	"sort"
	"strings"
	"sync"

	"github.com/handboek/handboek/internal/site"
)

// Marker is written into every output folder. It lists the files handboek
// wrote, so the next build knows which files are someone else's.
const Marker = ".handboek-output"

// Options say what publishing keeps, and how it tells about waiting.
type Options struct {
	// Keep names files and folders in the output that handboek did not
	// write and that every build keeps (handboek.yaml output.keep): paths
	// relative to the output folder, each part a path.Match pattern
	// ("downloads/*.pdf"). Dotfiles and CNAME are kept without being named.
	Keep []string
	// Waiting, when set, is called once when another build holds the
	// destination's lock and this one waits for it.
	Waiting func()

	sys *system // nil: the real file system; tests inject failures
}

// Stats say what a publish did.
type Stats struct {
	Files int
	Bytes int64
	// Kept are the paths of the old output that were not handboek's and
	// were moved into the new one.
	Kept []string
	// Notes say what is true when the new output is in place but a later
	// step failed (removing the old output, moving a kept file): the build
	// succeeded, and the user should know where the rest is.
	Notes []string
}

// Atomic writes files into dest. It first writes them into a fresh folder
// beside dest, then swaps that folder into place; on any error, or when ctx
// is cancelled, the new folder is removed and dest is untouched.
func Atomic(ctx context.Context, dest string, opts Options, files []site.File) (Stats, error) {
	w, err := Begin(ctx, dest, opts)
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
	ctx  context.Context
	opts Options
	sys  *system
	// dest is where the output goes: the destination as given, or, when
	// that is a symbolic link, the folder it points to.
	dest, link string
	name       string // dest as the user wrote it, for messages
	tmp        string
	hold       *os.File // the lock on tmp, so no other build takes it for a leftover
	dirs       sync.Map // folders already made in tmp
	mu         sync.Mutex
	stats      Stats
	paths      []string
	err        error
	closed     bool
	// stranded: the swap failed half-way and tmp holds the only new
	// output, which the error names; the next build cleans up.
	stranded bool
	scratch  []*os.File
}

// Begin starts writing a new version of dest, and removes what killed
// builds left beside it. CheckDestination and CheckKept say before a build
// whether Commit can succeed.
func Begin(ctx context.Context, dest string, opts Options) (*Writer, error) {
	sys := opts.sys
	if sys == nil {
		sys = realSystem()
	}
	target, err := resolveLink(dest)
	if err != nil {
		return nil, err
	}
	w := &Writer{ctx: ctx, opts: opts, sys: sys, dest: target, name: display(dest, target)}
	if st, err := os.Lstat(dest); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		w.link = dest
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	unlock, err := w.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	w.stats.Notes = append(w.stats.Notes, removeLeftovers(target, opts, sys)...)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".tmp-")
	if err != nil {
		return nil, err
	}
	w.tmp = tmp
	fail := func(err error) (*Writer, error) {
		w.release()
		sys.removeAll(tmp)
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fail(err)
	}
	if w.hold, err = holdDir(tmp); err != nil {
		return fail(err)
	}
	// A leftover with this marker was never swapped in: all of it is
	// handboek's, and the next build just removes it.
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerWriting), 0o644); err != nil {
		return fail(err)
	}
	return w, nil
}

// Dest is the folder the output goes to: the destination as given, or the
// target of a destination that is a symbolic link.
func (w *Writer) Dest() string { return w.dest }

// Link is the destination as given when it is a symbolic link, or "".
func (w *Writer) Link() string { return w.link }

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
	if !safeRel(f.Path) || f.Path == Marker {
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
	w.paths = append(w.paths, f.Path)
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
// the context was cancelled, removes it and leaves dest as it was. When the
// new version is in place and a later step failed, the error is nil and
// Stats.Notes say what is where.
func (w *Writer) Commit() (Stats, error) {
	if w.closed {
		return w.stats, errors.New("publish: Commit after Commit or Abort")
	}
	w.closed = true
	w.closeScratch()
	defer w.release()
	swapped := false
	defer func() {
		if !swapped && !w.stranded {
			w.sys.removeAll(w.tmp)
		}
	}()
	if err := w.Err(); err != nil {
		return w.stats, unchanged(w.name, err)
	}
	sort.Strings(w.paths)
	if err := os.WriteFile(filepath.Join(w.tmp, Marker), manifest(w.paths), 0o644); err != nil {
		return w.stats, unchanged(w.name, err)
	}
	w.stats.Files++
	if err := w.ctx.Err(); err != nil {
		return w.stats, unchanged(w.name, err)
	}
	w.sys.step("written")
	unlock, err := w.lock()
	if err != nil {
		return w.stats, unchanged(w.name, err)
	}
	defer unlock()
	w.sys.step("locked")
	carry, err := planCarry(w.dest, w.name, newOutput(w.paths), w.opts.Keep)
	if err != nil {
		return w.stats, err
	}
	old, err := w.swap()
	if err != nil {
		return w.stats, err
	}
	swapped = true
	w.sys.step("swapped")
	if old == "" {
		return w.stats, nil
	}
	stuck := w.carry(old, carry)
	w.sys.step("carried")
	if stuck {
		w.note("what could not be moved is still in %s; the next build tries again to move it into %s", old, w.dest)
		return w.stats, nil
	}
	if err := w.sys.removeAll(old); err != nil {
		w.note("the new output is in place, but removing the previous one failed (%v): what is left of it is in %s, and the next build removes it", err, old)
	}
	return w.stats, nil
}

// swap puts the new version at dest and returns where the previous output
// now is ("" when there was none).
func (w *Writer) swap() (old string, err error) {
	if _, err := os.Lstat(w.dest); errors.Is(err, fs.ErrNotExist) {
		return "", w.swapErr(w.sys.rename(w.tmp, w.dest))
	}
	err = w.sys.exchange(w.tmp, w.dest)
	if err == nil {
		return w.tmp, nil
	}
	if !errors.Is(err, errNoExchange) {
		return "", w.swapErr(err)
	}
	// Without an exchange, the old output goes aside first; a build
	// killed between the two renames leaves it there, and the next build
	// puts it back (removeLeftovers).
	old = w.tmp + ".old"
	if err := w.sys.rename(w.dest, old); err != nil {
		return "", w.swapErr(err)
	}
	w.sys.step("aside")
	if err := w.sys.rename(w.tmp, w.dest); err != nil {
		if rerr := w.sys.rename(old, w.dest); rerr != nil {
			w.stranded = true
			return "", fmt.Errorf("putting the new output in place failed (%v), and so did putting the previous one back (%v): %s is missing; the previous output is in %s, the new one in %s",
				err, rerr, w.dest, old, w.tmp)
		}
		return "", w.swapErr(err)
	}
	return old, nil
}

// swapErr explains a failed swap; the previous output is unchanged.
func (w *Writer) swapErr(err error) error {
	if err == nil {
		return nil
	}
	if isMountErr(err) {
		return fmt.Errorf("cannot swap the new output into %s (%v): %s", w.name, err, mountAdvice(w.dest))
	}
	return unchanged(w.name, err)
}

// carry moves what was not handboek's from the previous output, now at old,
// into the new one. It reports whether any of it is still in old.
func (w *Writer) carry(old string, units []string) (stuck bool) {
	for _, u := range units {
		from, to := filepath.Join(old, filepath.FromSlash(u)), filepath.Join(w.dest, filepath.FromSlash(u))
		err := os.MkdirAll(filepath.Dir(to), 0o755)
		if err == nil {
			err = w.sys.rename(from, to)
		}
		if err != nil {
			w.note("the new output is in place, but %s, which handboek did not write, could not be moved into it (%v)", u, err)
			stuck = true
			continue
		}
		w.stats.Kept = append(w.stats.Kept, u)
	}
	return stuck
}

func (w *Writer) note(format string, args ...any) {
	w.stats.Notes = append(w.stats.Notes, fmt.Sprintf(format, args...))
}

// unchanged is an error of a build that did not get as far as the swap.
func unchanged(dest string, err error) error {
	return fmt.Errorf("writing %s: %v (the previous output is unchanged)", dest, err)
}

// Abort throws the new version away; dest stays as it was.
func (w *Writer) Abort() {
	if !w.closed {
		w.closed = true
		w.closeScratch()
		w.sys.removeAll(w.tmp)
		w.release()
	}
}

// release lets go of the temporary folder's lock.
func (w *Writer) release() {
	if w.hold != nil {
		w.hold.Close()
		w.hold = nil
	}
}

// lock takes the destination's lock, waiting for another build that holds
// it, and returns its release.
func (w *Writer) lock() (func(), error) {
	l, err := lockFile(w.ctx, lockPath(w.dest), w.opts.Waiting)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", w.name, err)
	}
	return l.unlock, nil
}

// lockPath is the lock file of a destination, beside it.
func lockPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".lock")
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
		if part == ".." || part == "" || part == "." {
			return false
		}
	}
	return true
}
