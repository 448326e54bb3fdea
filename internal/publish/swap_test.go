package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// faulty is the real file system with the given parts replaced.
func faulty(f func(s *system)) Options {
	s := realSystem()
	f(s)
	return Options{sys: s}
}

// oldOutput makes a destination with a previous output that has a git
// worktree and a custom domain in it.
func oldOutput(t *testing.T) (dir, dest string) {
	t.Helper()
	dir = t.TempDir()
	dest = filepath.Join(dir, "public")
	if _, err := Atomic(context.Background(), dest, Options{}, pages("index.html", "oud")); err != nil {
		t.Fatal(err)
	}
	write(t, dest, map[string]string{".git/HEAD": "x", "CNAME": "a.example"})
	return dir, dest
}

var (
	oldTree = []string{Marker, "index.html=oud", ".git/HEAD=x", "CNAME=a.example"}
	newTree = []string{Marker, "index.html=nieuw", ".git/HEAD=x", "CNAME=a.example"}
)

// Every way the swap can fail leaves the previous output as it was, and
// says so; nothing is left beside it.
func TestFailedSwapKeepsPreviousOutput(t *testing.T) {
	eio := &os.LinkError{Op: "rename", Err: syscall.EIO}
	tests := []struct {
		name    string
		sys     func(s *system)
		wantErr string
	}{
		{"the exchange fails", func(s *system) {
			s.exchange = func(a, b string) error { return &os.LinkError{Op: "exchange", Old: a, New: b, Err: syscall.EIO} }
		}, "(the previous output is unchanged)"},
		{"the destination is a mount point", func(s *system) {
			s.exchange = func(a, b string) error { return &os.LinkError{Op: "exchange", Old: a, New: b, Err: syscall.EBUSY} }
		}, "a mount point cannot be swapped for a new folder; publish into a sub-folder of it"},
		{"without an exchange, moving the old output aside fails", func(s *system) {
			s.exchange = func(a, b string) error { return errNoExchange }
			s.rename = func(from, to string) error { return eio }
		}, "(the previous output is unchanged)"},
		{"without an exchange, putting the new output in place fails", func(s *system) {
			s.exchange = func(a, b string) error { return errNoExchange }
			s.rename = func(from, to string) error {
				if strings.Contains(filepath.Base(from), ".tmp-") && !strings.HasSuffix(from, ".old") {
					return eio
				}
				return os.Rename(from, to)
			}
		}, "(the previous output is unchanged)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, dest := oldOutput(t)
			stats, err := Atomic(context.Background(), dest, faulty(tt.sys), pages("index.html", "nieuw"))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Atomic = %v, want %q", err, tt.wantErr)
			}
			if len(stats.Notes) > 0 {
				t.Errorf("notes %q after a failed build", stats.Notes)
			}
			assertTree(t, dest, oldTree...)
			assertOnly(t, dir, "public")
		})
	}
}

// When the old output cannot be put back after a failed swap, the message
// says what is missing and where both outputs are; the next build puts the
// previous output back.
func TestFailedRestoreSaysWhatIsTrue(t *testing.T) {
	dir, dest := oldOutput(t)
	opts := faulty(func(s *system) {
		s.exchange = func(a, b string) error { return errNoExchange }
		s.rename = func(from, to string) error {
			if to == dest {
				return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EIO}
			}
			return os.Rename(from, to)
		}
	})
	_, err := Atomic(context.Background(), dest, opts, pages("index.html", "nieuw"))
	if err == nil || !strings.Contains(err.Error(), dest+" is missing; the previous output is in ") {
		t.Fatalf("Atomic = %v, want it to say that %s is missing and where the outputs are", err, dest)
	}
	if _, err := os.Lstat(dest); err == nil {
		t.Fatal("the test's failing rename did not fail")
	}
	// Both outputs are where the message says.
	msg := err.Error()
	newer := msg[strings.LastIndex(msg, " ")+1:]
	older := msg[strings.Index(msg, "previous output is in ")+len("previous output is in "):]
	older = older[:strings.Index(older, ",")]
	assertTree(t, older, oldTree...)
	assertTree(t, newer, Marker, "index.html=nieuw")
	stats, err := Atomic(context.Background(), dest, Options{}, pages("index.html", "nieuw"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(stats.Notes, "\n"), "put the previous output back into "+dest) {
		t.Errorf("notes %q, want the previous output put back", stats.Notes)
	}
	assertTree(t, dest, newTree...)
	assertOnly(t, dir, "public")
}

// When the new output is in place but the old one cannot be removed, the
// build succeeds and says where the old one is; the next build removes it.
func TestFailedRemovalAfterSwapIsReportedTruly(t *testing.T) {
	dir, dest := oldOutput(t)
	opts := faulty(func(s *system) {
		s.removeAll = func(p string) error {
			if _, err := os.Stat(filepath.Join(p, ".git")); err != nil && strings.Contains(p, ".tmp-") {
				return &os.PathError{Op: "unlinkat", Path: p, Err: syscall.EACCES}
			}
			return os.RemoveAll(p)
		}
	})
	stats, err := Atomic(context.Background(), dest, opts, pages("index.html", "nieuw"))
	if err != nil {
		t.Fatalf("Atomic = %v; the new output is in place, so the build succeeded", err)
	}
	notes := strings.Join(stats.Notes, "\n")
	if !strings.Contains(notes, "the new output is in place, but removing the previous one failed") || strings.Contains(notes, "unchanged") {
		t.Errorf("notes %q, want the truth: new output in place, old one left", notes)
	}
	assertTree(t, dest, newTree...)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("beside the output: %v, want the old output left", entries)
	}
	stats, err = Atomic(context.Background(), dest, Options{}, pages("index.html", "nieuw"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(stats.Notes, "\n"), "which a killed build left beside") {
		t.Errorf("notes %q, want the leftover's removal", stats.Notes)
	}
	assertOnly(t, dir, "public")
}

// When a kept file cannot be moved into the new output, the build says so
// and leaves it where it is; the next build moves it.
func TestFailedCarryIsReportedAndRepaired(t *testing.T) {
	dir, dest := oldOutput(t)
	opts := faulty(func(s *system) {
		s.rename = func(from, to string) error {
			if filepath.Base(from) == ".git" {
				return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EIO}
			}
			return os.Rename(from, to)
		}
	})
	stats, err := Atomic(context.Background(), dest, opts, pages("index.html", "nieuw"))
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(stats.Notes, "\n")
	if !strings.Contains(notes, ".git, which handboek did not write, could not be moved into it") {
		t.Errorf("notes %q, want .git named", notes)
	}
	if _, err := Atomic(context.Background(), dest, Options{}, pages("index.html", "nieuw")); err != nil {
		t.Fatal(err)
	}
	assertTree(t, dest, newTree...)
	assertOnly(t, dir, "public")
}

// Two builds into one destination take turns: both succeed, and the
// output is one of them, whole.
func TestConcurrentBuildsQueue(t *testing.T) {
	dir, dest := oldOutput(t)
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			files := pages("index.html", "nieuw")
			for j := range 50 {
				files = append(files, pages(fmt.Sprintf("p%d/index.html", j), fmt.Sprint(i))...)
			}
			_, errs[i] = Atomic(context.Background(), dest, Options{}, files)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("build %d: %v", i, err)
		}
	}
	got := tree(t, dest)
	if len(got) != 4+50 {
		t.Fatalf("output has %d files, want 54", len(got))
	}
	first, _ := os.ReadFile(filepath.Join(dest, "p0", "index.html"))
	for j := range 50 {
		if b, _ := os.ReadFile(filepath.Join(dest, fmt.Sprintf("p%d/index.html", j))); string(b) != string(first) {
			t.Fatalf("the output mixes two builds: p%d is %q, p0 %q", j, b, first)
		}
	}
	assertOnly(t, dir, "public")
}

// A build waits while another holds the destination's lock, says once
// that it waits, and stops waiting when its context ends.
func TestBuildWaitsForTheLock(t *testing.T) {
	_, dest := oldOutput(t)
	held, err := lockFile(context.Background(), lockPath(dest), nil)
	if err != nil {
		t.Fatal(err)
	}
	var waited atomic.Int32
	done := make(chan error)
	go func() {
		_, err := Atomic(context.Background(), dest, Options{Waiting: func() { waited.Add(1) }}, pages("index.html", "nieuw"))
		done <- err
	}()
	deadline := time.Now().Add(time.Minute)
	for waited.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("the build did not wait for the lock: %v", err)
	default:
	}
	held.unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if waited.Load() != 1 {
		t.Errorf("Waiting called %d times, want once", waited.Load())
	}
	if _, err := os.Stat(lockPath(dest)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file stayed: %v", err)
	}

	held, _ = lockFile(context.Background(), lockPath(dest), nil)
	defer held.unlock()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		_, err := Atomic(ctx, dest, Options{Waiting: cancel}, pages("index.html", "nieuw"))
		done <- err
	}()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Atomic with its context cancelled while waiting = %v", err)
	}
}

// Leftovers of killed builds are removed by the next build, after what in
// them was not handboek's is moved back; a running build's folder, and
// anything not named like handboek's, are left alone.
func TestNextBuildRemovesLeftovers(t *testing.T) {
	dir, dest := oldOutput(t)
	must(t, os.RemoveAll(filepath.Join(dest, ".git")))
	// A running build's.
	running, err := Begin(context.Background(), dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer running.Abort()
	// A temporary folder of a build killed while writing.
	write(t, filepath.Join(dir, ".public.tmp-111"), map[string]string{Marker: markerWriting, "index.html": "half", ".well-known/x": "y"})
	// A previous output after the exchange, with the worktree not yet
	// moved back.
	write(t, filepath.Join(dir, ".public.tmp-222"), map[string]string{Marker: string(manifest([]string{"index.html"})), "index.html": "ouder", ".git/HEAD": "x"})
	// A temporary folder of an older handboek, without a marker.
	write(t, filepath.Join(dir, ".public.tmp-333.old"), map[string]string{"index.html": "oudst"})
	// Not handboek's: other names, and a link.
	write(t, filepath.Join(dir, ".public.tmp-abc"), map[string]string{"a": "b"})
	write(t, filepath.Join(dir, ".public.tmp-"), map[string]string{"a": "b"})
	must(t, os.Symlink(filepath.Join(dir, ".public.tmp-abc"), filepath.Join(dir, ".public.tmp-444")))

	stats, err := Atomic(context.Background(), dest, Options{}, pages("index.html", "nieuw"))
	if err != nil {
		t.Fatal(err)
	}
	assertTree(t, dest, newTree...)
	assertOnly(t, dir, "public", ".public.tmp-abc", ".public.tmp-", ".public.tmp-444", filepath.Base(running.tmp))
	if n := strings.Count(strings.Join(stats.Notes, "\n"), "which a killed build left beside"); n != 3 {
		t.Errorf("notes %q, want three leftovers removed", stats.Notes)
	}
}

// There is never a moment without the destination, however often it is
// swapped (RENAME_EXCHANGE).
func TestDestinationNeverMissing(t *testing.T) {
	if !canExchange(t) {
		t.Skip("no RENAME_EXCHANGE here")
	}
	_, dest := oldOutput(t)
	stop := make(chan struct{})
	var missing, looks atomic.Int64
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			looks.Add(1)
			if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
				missing.Add(1)
			}
		}
	}()
	for i := range 30 {
		if _, err := Atomic(context.Background(), dest, Options{}, pages("index.html", fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	if missing.Load() > 0 {
		t.Errorf("the output was missing %d times of %d looks", missing.Load(), looks.Load())
	}
}

func canExchange(t *testing.T) bool {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	must(t, os.Mkdir(a, 0o755))
	must(t, os.Mkdir(b, 0o755))
	return exchange(a, b) == nil
}
