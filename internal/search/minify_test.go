package search

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/handboek/handboek/themes"
)

var update = flag.Bool("update", false, "rewrite the default theme's minified search client and its fold table")

// The default theme ships its search client minified ahead; it must be what
// MinifyJS makes of the script now. go test ./internal/search -update
// rewrites it after a change to search.js (or to the fold table, which it
// writes into search.js first).
func TestBuiltInSearchClientIsMinified(t *testing.T) {
	src := clientSource(t)
	if builtin, _ := themes.SearchClient(); !*update && !bytes.Equal(builtin, src) {
		t.Fatal("the embedded search client is not static/js/search.js")
	}
	min, err := os.ReadFile("../../themes/default/generated/search.min.js")
	if err != nil {
		t.Fatal(err)
	}
	want, errs := MinifyJS(src)
	if errs != nil {
		t.Fatal(errs)
	}
	if *update {
		if err := os.WriteFile("../../themes/default/generated/search.min.js", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(min, want) {
		t.Error("themes/default/generated/search.min.js is not the minified static/js/search.js; run go test ./internal/search -update")
	}
	if len(want) >= len(src) {
		t.Errorf("minified %d bytes from %d", len(want), len(src))
	}
}
