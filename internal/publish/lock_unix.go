//go:build unix

package publish

import (
	"context"
	"errors"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// fileLock is a held lock file; unlock removes it, so no lock file stays
// beside the destination.
type fileLock struct {
	f    *os.File
	path string
}

// lockFile takes an exclusive flock on path, made when missing, waiting
// while another process holds it (calling waiting once) until ctx ends.
func lockFile(ctx context.Context, path string, waiting func()) (*fileLock, error) {
	told := false
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return nil, err
		}
		for {
			err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
			if !errors.Is(err, unix.EWOULDBLOCK) {
				break
			}
			if !told && waiting != nil {
				waiting()
				told = true
			}
			select {
			case <-ctx.Done():
				f.Close()
				return nil, ctx.Err()
			case <-time.After(50 * time.Millisecond):
			}
		}
		if noLocks(err) {
			// A file system without flock (some network ones): build
			// without the lock rather than not at all.
			return &fileLock{f: f, path: path}, nil
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		// The build before us removed the file when it let go: our lock is
		// then on a file nobody else opens, and we start again.
		fst, ferr := f.Stat()
		pst, perr := os.Stat(path)
		if ferr == nil && perr == nil && os.SameFile(fst, pst) {
			return &fileLock{f: f, path: path}, nil
		}
		f.Close()
	}
}

func (l *fileLock) unlock() {
	// Remove while holding it: whoever waits on this file then sees that
	// it is gone and takes a new one.
	os.Remove(l.path)
	l.f.Close()
}

// holdDir opens dir and locks it for as long as the file stays open: a
// build holds its temporary folder so that no other build takes it for a
// killed build's leftover.
func holdDir(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil && !noLocks(err) {
		f.Close()
		return nil, err
	}
	return f, nil
}

// claimLeftover locks a leftover folder, or returns nil when a running
// build holds it.
func claimLeftover(dir string) *os.File {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil && !noLocks(err) {
		f.Close()
		return nil
	}
	return f
}

func noLocks(err error) bool {
	return errors.Is(err, unix.ENOLCK) || errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.ENOSYS)
}

// devID is the device a path is on.
func devID(p string) (uint64, error) {
	st, err := os.Stat(p)
	if err != nil {
		return 0, err
	}
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Dev), nil
	}
	return 0, errors.New("no device number")
}
