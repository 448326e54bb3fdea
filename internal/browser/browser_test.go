package browser

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestFindOrder(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "my-chrome")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvChrome, "")
	if got, err := Find(fake); err != nil || got != fake {
		t.Errorf("Find(explicit) = %q, %v; want %q", got, err, fake)
	}
	t.Setenv(EnvChrome, fake)
	if got, err := Find(""); err != nil || got != fake {
		t.Errorf("Find with %s = %q, %v; want %q", EnvChrome, got, err, fake)
	}
	if _, err := Find(filepath.Join(dir, "missing")); err == nil {
		t.Error("Find accepted a path that does not exist")
	}
	t.Setenv(EnvChrome, "")
	t.Setenv("PATH", dir+"/empty")
	if _, err := Find(""); !errors.Is(err, ErrNotFound) {
		t.Errorf("Find with nothing installed = %v, want ErrNotFound", err)
	}
}
