// Package browsertest starts headless Chromium for tests and gives every
// browser step its own time budget, as net/http/httptest serves tests of
// net/http. It imports testing, so only _test.go files import it: the
// handboek binary never links it.
//
// A step is one thing the test waits for: a navigation, an evaluation, a
// condition that must come true. Each gets the budget Step on its own,
// instead of one deadline for a whole test, so a test of forty pages is
// not given less time per page than a test of four, and a machine at load
// 20 slows each step without failing the test. Step is generous (a minute
// by default; HANDBOEK_TEST_STEP=2m doubles it): a step that fails within
// it is broken, not slow.
package browsertest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handboek/handboek/internal/browser"
)

// EnvRequire, when set (make test sets it), turns a missing browser or tool
// from a skipped test into a failed one, so CI cannot pass by skipping.
const EnvRequire = "HANDBOEK_REQUIRE_TOOLS"

// EnvStep overrides the per-step budget, as a Go duration ("2m").
const EnvStep = "HANDBOEK_TEST_STEP"

// Step returns the budget of one browser step.
func Step() time.Duration {
	if d, err := time.ParseDuration(os.Getenv(EnvStep)); err == nil && d > 0 {
		return d
	}
	return time.Minute
}

// New starts a browser for a test and closes it when the test ends. The
// returned tab has no deadline: steps take theirs from Do, Run and Wait.
// Under -short it skips the test: `make test` runs the short tests under
// the race detector, and a browser test there would only be slower. On a
// machine without Chromium it skips the test, unless HANDBOEK_REQUIRE_TOOLS
// or CI is set.
func New(t testing.TB) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("starts Chromium (skipped under -short)")
	}
	path, err := browser.Find("")
	if err == nil {
		var ctx context.Context
		var cancel context.CancelFunc
		ctx, cancel, err = browser.Start(context.Background(), path)
		if err == nil {
			t.Cleanup(cancel)
			return ctx
		}
	}
	Need(t, err)
	return nil
}

// Need fails or skips t for a missing tool, as New does for the browser.
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

// Bound returns ctx limited to one step's budget. Cancelling it does not
// close the tab: only the context chromedp.NewContext made owns the tab.
func Bound(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, Step())
}

// Do runs actions as one step, and fails t with what if they fail or run
// out of time.
func Do(t testing.TB, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := TryDo(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// TryDo runs actions as one step and returns their error, for tests that
// report it in their own words.
func TryDo(ctx context.Context, actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := Bound(ctx)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// Run runs one action that returns a value, as one step.
func Run[T any](t testing.TB, ctx context.Context, what string, action chromedp.Action[T]) T {
	t.Helper()
	v, err := TryRun(ctx, action)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// TryRun runs one action that returns a value, as one step, and returns
// its error.
func TryRun[T any](ctx context.Context, action chromedp.Action[T]) (T, error) {
	ctx, cancel := Bound(ctx)
	defer cancel()
	return chromedp.Run(ctx, action)
}

// Eval evaluates js as one step.
func Eval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	return Run(t, ctx, "evaluating "+js, chromedp.Evaluate[T](js))
}

// Poll evaluates js until it returns a truthy value, within one step's
// budget, and returns that value.
func Poll[T any](t testing.TB, ctx context.Context, what, js string) T {
	t.Helper()
	return Run(t, ctx, what, chromedp.Poll[T](js, chromedp.WithPollingTimeout(Step())))
}

// Wait calls cond until it reports true, within one step's budget, and
// fails t with what and the last state cond described. It is for waits
// that are not a page's own (a server's clients, a file on disk) or that
// must survive a page reloading under them.
func Wait(t testing.TB, what string, cond func() (ok bool, state string)) {
	t.Helper()
	if state, ok := WaitFor(Step(), cond); !ok {
		t.Fatalf("%s: still %s after %v", what, state, Step())
	}
}

// WaitFor polls cond every 20 ms for at most budget. It returns the last
// state cond described and whether cond came true.
func WaitFor(budget time.Duration, cond func() (bool, string)) (string, bool) {
	deadline := time.Now().Add(budget)
	for {
		ok, state := cond()
		if ok {
			return state, true
		}
		if time.Now().After(deadline) {
			return state, false
		}
		time.Sleep(20 * time.Millisecond)
	}
}
