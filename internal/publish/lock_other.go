//go:build !unix

package publish

import (
	"context"
	"errors"
	"os"
)

// Outside Unix there is no flock: builds into one destination do not wait
// for each other, and leftovers are taken as a killed build's.
type fileLock struct{}

func lockFile(context.Context, string, func()) (*fileLock, error) { return &fileLock{}, nil }

func (*fileLock) unlock() {}

func holdDir(dir string) (*os.File, error) { return os.Open(dir) }

func claimLeftover(dir string) *os.File {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	return f
}

func devID(string) (uint64, error) { return 0, errors.New("no device numbers here") }
