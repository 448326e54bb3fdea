package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps two paths in one step (renameat2 RENAME_EXCHANGE, Linux
// 3.15 and most local file systems), so the destination never goes missing.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP):
		// An old kernel, or a file system without the flag (some network
		// file systems): rename in two steps instead.
		return errNoExchange
	}
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
}

// mountID identifies the mount a path is on; it differs from its parent's
// on a mount point, bind mounts of the same file system included.
func mountID(p string) (uint64, error) {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, p, 0, unix.STATX_MNT_ID|unix.STATX_INO, &st); err != nil {
		return 0, err
	}
	if st.Mask&unix.STATX_MNT_ID == 0 {
		return devID(p)
	}
	return st.Mnt_id, nil
}
