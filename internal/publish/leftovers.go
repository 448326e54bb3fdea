package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// removeLeftovers removes the temporary folders that killed builds into
// dest left beside it (.NAME.tmp-DIGITS, and .NAME.tmp-DIGITS.old where
// there is no exchange), after moving back into dest what in them was not
// handboek's. A folder a running build holds is left alone, and so is one
// whose files cannot be put back. It runs under dest's lock and returns
// what it did, for the user.
func removeLeftovers(dest string, opts Options, sys *system) (notes []string) {
	parent, prefix := filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-"
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		digits, ok := strings.CutPrefix(e.Name(), prefix)
		digits = strings.TrimSuffix(digits, ".old")
		if !ok || !e.IsDir() || digits == "" || strings.Trim(digits, "0123456789") != "" {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		hold := claimLeftover(dir)
		if hold == nil {
			continue // a running build's
		}
		if note := putBack(dir, dest, opts, sys); note != "" {
			notes = append(notes, note)
		}
		hold.Close()
	}
	return notes
}

// putBack moves into dest what in the leftover dir is not handboek's, then
// removes dir, and says what it did.
func putBack(dir, dest string, opts Options, sys *system) string {
	name := filepath.Base(dir)
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) && strings.HasSuffix(dir, ".old") {
		// Killed between moving the old output aside and putting the new
		// one in place.
		if err := sys.rename(dir, dest); err != nil {
			return fmt.Sprintf("%s is missing and the previous output is in %s, but putting it back failed: %v", dest, dir, err)
		}
		return fmt.Sprintf("put the previous output back into %s from %s, where a killed build had left it", dest, name)
	}
	u, err := findUnits(dir, opts.Keep)
	if err != nil {
		return fmt.Sprintf("left %s, which a killed build left beside %s, as it is: %v", name, dest, err)
	}
	back := u.carry
	swappedOut := false
	if m, err := readMarker(dir); err == nil && m.state == listed {
		// A previous output, swapped out by a build killed before it
		// moved the kept files over: whatever in it is not on its list
		// is someone's.
		swappedOut = true
		back = append(back, u.lose...)
	}
	// Otherwise it is a temporary folder of an older handboek, which
	// wrote no list: its dotfiles and kept files may be someone's, but
	// where the output has them too, they are copies of the output's.
	var moved []string
	for _, p := range back {
		p = strings.TrimSuffix(p, "/")
		to := filepath.Join(dest, filepath.FromSlash(p))
		if _, err := os.Lstat(to); err == nil {
			if !swappedOut {
				continue
			}
			return fmt.Sprintf("left %s, which a killed build left beside %s: it holds %s, which handboek did not write, and %s has one too; move the one you want by hand", name, dest, p, dest)
		}
		err := os.MkdirAll(filepath.Dir(to), 0o755)
		if err == nil {
			err = sys.rename(filepath.Join(dir, filepath.FromSlash(p)), to)
		}
		if err != nil {
			return fmt.Sprintf("left %s, which a killed build left beside %s: moving %s, which handboek did not write, back into %s failed: %v", name, dest, p, dest, err)
		}
		moved = append(moved, p)
	}
	if err := sys.removeAll(dir); err != nil {
		return fmt.Sprintf("removing %s, which a killed build left beside %s, failed: %v", name, dest, err)
	}
	if len(moved) > 0 {
		return fmt.Sprintf("removed %s, which a killed build left beside %s, after moving %s back into it", name, dest, strings.Join(moved, ", "))
	}
	return fmt.Sprintf("removed %s, which a killed build left beside %s", name, dest)
}
