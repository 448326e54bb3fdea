package browser

import (
	"context"
	"os"
	"testing"
)

// EnvRequire, when set (make test sets it), turns a missing browser from a
// skipped test into a failed one, so CI cannot pass by skipping.
const EnvRequire = "HANDBOEK_REQUIRE_TOOLS"

// ForTest starts a browser for a test and closes it when the test ends. On a
// machine without Chromium it skips the test, unless HANDBOEK_REQUIRE_TOOLS or
// CI is set.
func ForTest(t testing.TB) context.Context {
	t.Helper()
	path, err := Find("")
	if err == nil {
		var ctx context.Context
		var cancel context.CancelFunc
		ctx, cancel, err = Start(context.Background(), path)
		if err == nil {
			t.Cleanup(cancel)
			return ctx
		}
	}
	Need(t, err)
	return nil
}

// Need fails or skips t for a missing tool, as ForTest does for the browser.
func Need(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv(EnvRequire) != "" || os.Getenv("CI") != "" {
		t.Fatalf("%v (make test installs it: run `make deps`)", err)
	}
	t.Skipf("%v: run `make deps`", err)
}
