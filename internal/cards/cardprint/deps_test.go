package cardprint_test

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// heavy are the import paths of the browser and PDF libraries.
var heavy = []string{"github.com/chromedp/", "github.com/pdfcpu/"}

func isHeavy(pkg string) bool {
	return slices.ContainsFunc(heavy, func(h string) bool { return strings.HasPrefix(pkg, h) })
}

// goList runs `go list` in the module with args and returns its lines.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if p, err := exec.LookPath("go"); err == nil {
		gobin = p
	}
	cmd := exec.Command(gobin, append([]string{"list"}, args...)...)
	cmd.Dir = "../../.."
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, msg)
	}
	return strings.Fields(string(out))
}

// Chromium and pdfcpu belong to the print stage: the build, the dev server,
// `handboek check` and `handboek new` must not link them (63 chromedp and 19
// pdfcpu packages each, when build used one pure helper of the cards).
func TestChromiumStaysInThePrintStage(t *testing.T) {
	for _, pkg := range []string{"./internal/build", "./internal/server", "./internal/check", "./internal/archetype", "./internal/cards"} {
		var linked []string
		for _, dep := range goList(t, "-deps", pkg) {
			if isHeavy(dep) {
				linked = append(linked, dep)
			}
		}
		if len(linked) > 0 {
			t.Errorf("%s links %d browser or PDF packages, e.g. %s", pkg, len(linked), linked[0])
		}
	}
	// In the binary, only the print stage and the browser starter import them.
	allowed := []string{
		"github.com/handboek/handboek/internal/browser",
		"github.com/handboek/handboek/internal/cards/cardprint",
	}
	lines := goList(t, "-deps", "-f", `{{if not .Standard}}{{.ImportPath}}:{{join .Imports ","}}{{end}}`, "./cmd/handboek")
	for _, l := range lines {
		pkg, imports, _ := strings.Cut(l, ":")
		if !strings.HasPrefix(pkg, "github.com/handboek/") || slices.Contains(allowed, pkg) {
			continue
		}
		for _, imp := range strings.Split(imports, ",") {
			if isHeavy(imp) {
				t.Errorf("%s imports %s: only %s may", pkg, imp, strings.Join(allowed, " and "))
			}
		}
	}
}
