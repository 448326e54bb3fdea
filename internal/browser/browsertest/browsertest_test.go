package browsertest

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestStepBudget(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want time.Duration
	}{
		{"", time.Minute},
		{"2m", 2 * time.Minute},
		{"90s", 90 * time.Second},
		{"soon", time.Minute},
		{"-5s", time.Minute},
	} {
		t.Setenv(EnvStep, tc.env)
		if got := Step(); got != tc.want {
			t.Errorf("%s=%q: Step() = %v, want %v", EnvStep, tc.env, got, tc.want)
		}
	}
}

func TestWaitForReportsTheLastState(t *testing.T) {
	n := 0
	state, ok := WaitFor(time.Minute, func() (bool, string) { n++; return n == 3, "n is " + string(rune('0'+n)) })
	if !ok || state != "n is 3" {
		t.Errorf("WaitFor = %q, %v; want \"n is 3\", true", state, ok)
	}
	state, ok = WaitFor(50*time.Millisecond, func() (bool, string) { return false, "never" })
	if ok || state != "never" {
		t.Errorf("WaitFor on a cond that never holds = %q, %v", state, ok)
	}
}

func TestNewStartsABrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	ctx := New(t)
	if ua := Run(t, ctx, "user agent", chromedp.Evaluate[string](`navigator.userAgent`)); ua == "" {
		t.Error("empty user agent from the browser")
	}
	// A step's deadline is its own: after one step, the tab still works.
	if got := Eval[int](t, ctx, `6 * 7`); got != 42 {
		t.Errorf("6 * 7 = %d", got)
	}
}
