// Package watch reports changes to a site's source files in batches.
//
// It watches the given folders recursively with fsnotify (adding folders as
// they appear) and the given top-level files, drops editor noise (swap,
// backup and lock files), and debounces: events are collected until the
// folder has been quiet for Options.Debounce (or for at most five times that
// while changes keep coming), then sent as one Batch. An
// editor's save (vim renames the old file away, writes a new one, sets its
// mode and deletes the backup; VS Code truncates and writes) is a burst of
// events within a millisecond or two, so it gives one Batch.
package watch

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options say what to watch.
type Options struct {
	// Root is the site folder; paths in batches are relative to it.
	Root string
	// Dirs are watched recursively, by path relative to Root ("content").
	// They need not exist yet.
	Dirs []string
	// Files are top-level files of Root to watch ("handboek.yaml").
	Files []string
	// Debounce is how long the tree must be quiet before a batch is sent.
	Debounce time.Duration
}

// Default is the debounce the dev server uses. Editors' save bursts last a
// few milliseconds; a longer wait only adds to the save-to-reload time.
const Default = 20 * time.Millisecond

// Batch is a set of changed paths, slash-separated, relative to Root,
// sorted. A path may name a file that no longer exists (deleted, or renamed
// away), or a folder that was removed; a new folder is not named, only the
// files in it.
type Batch []string

// Watcher sends a Batch for each quiet period after changes.
type Watcher struct {
	opts    Options
	fsw     *fsnotify.Watcher
	dirs    map[string]bool // top-level names of Dirs
	files   map[string]bool
	batches chan Batch
	errs    chan error
}

// New starts watching. Call Run to receive batches.
func New(opts Options) (*Watcher, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = Default
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{opts: opts, fsw: fsw, dirs: map[string]bool{}, files: map[string]bool{},
		batches: make(chan Batch, 1), errs: make(chan error, 1)}
	for _, d := range opts.Dirs {
		w.dirs[filepath.ToSlash(d)] = true
	}
	for _, f := range opts.Files {
		w.files[f] = true
	}
	// The root itself, for the top-level files and for watched folders
	// that are created later.
	if err := fsw.Add(opts.Root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range opts.Dirs {
		w.addTree(filepath.Join(opts.Root, d), nil)
	}
	return w, nil
}

// Batches delivers the debounced changes; it is closed when Run returns.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers watcher errors (such as an overflowed event queue, after
// which the caller should rebuild everything).
func (w *Watcher) Errors() <-chan error { return w.errs }

// Run collects events until ctx is done, then closes the watcher.
func (w *Watcher) Run(ctx context.Context) {
	defer close(w.batches)
	defer w.fsw.Close()
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	// first is when the oldest pending change came: a stream of saves
	// closer together than the debounce still gets rebuilds.
	var first time.Time
	maxWait := 5 * w.opts.Debounce
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			select {
			case w.errs <- err:
			default:
			}
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			rel, keep := w.relevant(ev.Name)
			if !keep {
				continue
			}
			if len(pending) == 0 {
				first = time.Now()
			}
			if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
				// A new or changed folder: an empty one changes nothing, so
				// only the files in it count. Watch it, and report what was
				// written into it before the watch was in place.
				if ev.Has(fsnotify.Create) {
					w.addTree(ev.Name, pending)
				}
				if len(pending) == 0 {
					continue
				}
			} else {
				pending[rel] = true
			}
			timer.Reset(min(w.opts.Debounce, max(0, maxWait-time.Since(first))))
		case <-timer.C:
			b := make(Batch, 0, len(pending))
			for p := range pending {
				b = append(b, p)
			}
			sort.Strings(b)
			clear(pending)
			select {
			case w.batches <- b:
			case <-ctx.Done():
				return
			}
		}
	}
}

// relevant says whether an event path is one we watch, and names it
// relative to Root.
func (w *Watcher) relevant(name string) (string, bool) {
	rel, err := filepath.Rel(w.opts.Root, name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	top, _, nested := strings.Cut(rel, "/")
	if !nested && w.files[rel] {
		return rel, true
	}
	if !w.dirs[top] && !w.nestedDir(rel) {
		return "", false
	}
	if Noise(rel) {
		return "", false
	}
	return rel, true
}

// nestedDir matches Dirs given as deeper paths ("themes/x/layouts").
func (w *Watcher) nestedDir(rel string) bool {
	for d := range w.dirs {
		if rel == d || strings.HasPrefix(rel, d+"/") {
			return true
		}
	}
	return false
}

// Noise reports whether a path is an editor's temporary file: vim's swap
// files (.x.swp, .x.swx) and its write test file "4913", backups ending in
// "~", Emacs lock and auto-save files (.#x, #x#), and hidden files in
// general, which the build skips too.
func Noise(rel string) bool {
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	switch {
	case strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"), strings.HasSuffix(base, ".swo"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		strings.HasSuffix(base, ".tmp"),
		base == "4913":
		return true
	}
	return false
}

// addTree watches dir and every folder below it; when found is not nil, it
// records the files found as changed.
func (w *Watcher) addTree(dir string, found map[string]bool) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone again, or not there yet
		}
		rel, keep := w.relevant(p)
		if p != dir && !keep {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.fsw.Add(p); err != nil {
				select {
				case w.errs <- err:
				default:
				}
			}
		}
		if found != nil && keep && !d.IsDir() {
			found[rel] = true
		}
		return nil
	})
}
