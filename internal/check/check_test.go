package check

import (
	"testing"

	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/diag"
)

// TestDefaultHandbookPassesCheck holds the shipped handbook to everything
// `handboek check` looks for: no broken link or anchor, no one-way related,
// no orphan, no leftover prompt. (Card fit is checked where the default deck
// is printed, in internal/cards/cardprint.)
func TestDefaultHandbookPassesCheck(t *testing.T) {
	var diags diag.List
	res := build.Compile(build.Options{Source: "../.."}, &diags)
	if diags.Len() != 0 {
		t.Fatalf("the default handbook does not build cleanly:\n%s", diags.String())
	}
	Run(res, Options{}, &diags)
	if diags.Len() != 0 {
		t.Errorf("handboek check finds problems in the default handbook:\n%s", diags.String())
	}
}
