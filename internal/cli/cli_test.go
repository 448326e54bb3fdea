package cli

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/handboek/handboek/internal/browser"
	"github.com/handboek/handboek/internal/browser/browsertest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"handboek": func() {
			os.Exit(Run(context.Background(), os.Args[1:], Streams{Out: os.Stdout, Err: os.Stderr}))
		},
	})
}

// TestScripts runs the CLI scenarios in testdata/script: each is a fixture
// site plus the commands and the output they must give.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"snapshot": cmdSnapshot,
			"latin1":   cmdLatin1,
			"nostray":  cmdNoStray,
			"exitcode": cmdExitCode,
		},
		// [browser]: Chromium is installed, or required (make test), in
		// which case the script runs and fails without it.
		Condition: func(cond string) (bool, error) {
			if cond != "browser" {
				return false, fmt.Errorf("unknown condition %q", cond)
			}
			_, err := browser.Find("")
			return err == nil || os.Getenv(browsertest.EnvRequire) != "" || os.Getenv("CI") != "", nil
		},
	})
}

// snapshot DIR FILE writes every file below DIR with its SHA-256 into FILE,
// so a script can prove a failed build left the old output exactly as it was.
func cmdSnapshot(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: snapshot DIR FILE")
	}
	root := ts.MkAbs(args[0])
	var lines []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			lines = append(lines, rel+"/")
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("%s %x", rel, sha256.Sum256(data)))
		return nil
	})
	ts.Check(err)
	sort.Strings(lines)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
}

// latin1 FILE TEXT writes TEXT encoded as ISO-8859-1, to test non-UTF-8 input
// (txtar files are UTF-8 themselves).
func cmdLatin1(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: latin1 FILE TEXT")
	}
	text := strings.ReplaceAll(args[1], `\n`, "\n")
	var out []byte
	for _, r := range text {
		if r > 0xff {
			ts.Fatalf("latin1: %q is not in Latin-1", r)
		}
		out = append(out, byte(r))
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), out, 0o644))
}

// nostray DIR fails when DIR holds a leftover temporary build folder.
func cmdNoStray(ts *testscript.TestScript, neg bool, args []string) {
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			ts.Fatalf("leftover temporary folder %s", e.Name())
		}
	}
}

// exitcode N handboek ARGS... runs handboek and fails unless it exits
// with N: exec's ! only tells zero from non-zero, and the exit codes (0
// fine, 1 a problem in the input, 2 a usage error) are documented.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || neg {
		ts.Fatalf("usage: exitcode N PROGRAM ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", strings.Join(args[1:], " "), got, want)
	}
}
