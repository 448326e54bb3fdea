package publish

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The child process of TestKilledBuild: a build that stops at a step of
// its commit, says so in a file, and waits there to be killed.
func TestKilledBuildChild(t *testing.T) {
	dest, step := os.Getenv("HANDBOEK_KILL_DEST"), os.Getenv("HANDBOEK_KILL_AT")
	if dest == "" {
		t.Skip("run by TestKilledBuild")
	}
	sys := realSystem()
	if os.Getenv("HANDBOEK_KILL_NOEXCHANGE") != "" {
		sys.exchange = func(a, b string) error { return errNoExchange }
	}
	sys.at = func(s string) {
		if s == step {
			os.WriteFile(dest+".ready", nil, 0o644)
			select {}
		}
	}
	files := pages("index.html", "nieuw")
	for i := range 200 {
		files = append(files, pages(fmt.Sprintf("p%d/index.html", i), "x")...)
	}
	Atomic(context.Background(), dest, Options{sys: sys}, files)
	t.Fatalf("the build went past step %q", step)
}

// A build killed (SIGKILL) at any step of its commit never leaves the
// destination without a whole output (with RENAME_EXCHANGE), and the next
// build removes what it left and puts back what was not handboek's.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	exchanges := canExchange(t)
	tests := []struct {
		step       string
		noExchange bool
		// what the destination holds right after the kill
		want []string
	}{
		{"written", false, oldTree},
		{"locked", false, oldTree},
		// The new output is in place; the worktree and the custom domain
		// are still in the old one, beside it.
		{"swapped", false, newWithout(200)},
		{"carried", false, newWith(200)},
		// Without an exchange there is a moment without the destination.
		{"aside", true, nil},
		{"swapped", true, newWithout(200)},
	}
	for _, tt := range tests {
		name := tt.step
		if tt.noExchange {
			name += " without exchange"
		} else if !exchanges {
			continue
		}
		t.Run(name, func(t *testing.T) {
			dir, dest := oldOutput(t)
			cmd := exec.Command(os.Args[0], "-test.run=^TestKilledBuildChild$")
			cmd.Env = append(os.Environ(), "HANDBOEK_KILL_DEST="+dest, "HANDBOEK_KILL_AT="+tt.step)
			if tt.noExchange {
				cmd.Env = append(cmd.Env, "HANDBOEK_KILL_NOEXCHANGE=1")
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ready := dest + ".ready"
			for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
				if _, err := os.Stat(ready); err == nil {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("the child build did not reach step %q within a minute", tt.step)
				}
			}
			cmd.Process.Kill()
			cmd.Wait()
			must(t, os.Remove(ready))
			if tt.want == nil {
				if _, err := os.Lstat(dest); err == nil {
					t.Errorf("%s is there at step %s without an exchange; the test does not test what it says", dest, tt.step)
				}
			} else {
				assertTree(t, dest, tt.want...)
			}

			stats, err := Atomic(context.Background(), dest, Options{}, pages("index.html", "nieuw"))
			if err != nil {
				t.Fatal(err)
			}
			assertTree(t, dest, newTree...)
			assertOnly(t, dir, "public")
			if len(stats.Notes) == 0 {
				t.Error("the next build did not say what it cleaned up")
			}
		})
	}
}

func newWithout(n int) []string {
	out := []string{Marker, "index.html=nieuw"}
	for i := range n {
		out = append(out, fmt.Sprintf("p%d/index.html=x", i))
	}
	return out
}

func newWith(n int) []string {
	return append(newWithout(n), ".git/HEAD=x", "CNAME=a.example")
}

// A destination that is a mount point is refused before building, with
// what to do instead. It needs root (to mount a tmpfs).
func TestMountPointIsRefused(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	must(t, os.Mkdir(dest, 0o755))
	if err := mountTmpfs(dest); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	defer unmount(dest)
	link := filepath.Join(dir, "link")
	must(t, os.Symlink(dest, link))
	for _, d := range []string{dest, link} {
		err := CheckDestination(t.TempDir(), d)
		want := "it is a mount point, and a mount point cannot be swapped for a new folder; publish into a sub-folder of it (-d " + filepath.Join(dest, "site") + "), or mount the folder above it instead"
		if err == nil || !strings.Contains(err.Error(), "refusing to publish to "+d) || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckDestination(%s) = %v, want %q", d, err, want)
		}
	}
	// A sub-folder of it is fine.
	if _, err := Atomic(context.Background(), filepath.Join(dest, "site"), Options{}, pages("index.html", "x")); err != nil {
		t.Error(err)
	}
}
