//go:build !linux

package publish

import "errors"

func mountTmpfs(string) error { return errors.New("only on Linux") }

func unmount(string) {}
