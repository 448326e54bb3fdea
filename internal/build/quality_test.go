package build

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/handboek/handboek/internal/browser/browsertest"

	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/publish"
)

// These tests hold the built default handbook to the standards a user's
// browser and assistive technology apply: the Nu Html Checker must find no
// error, and axe-core no accessibility violation, in light and dark mode.
// The tools come from the npm registry via .ci/ensure-deps.sh (make test).

// buildDefault builds the repository's own handbook into a temp folder; set
// HANDBOEK_QUALITY_SITE to hold another site to the same checks.
func buildDefault(t *testing.T) (dir, basePath string) {
	t.Helper()
	source := "../.."
	if s := os.Getenv("HANDBOEK_QUALITY_SITE"); s != "" {
		source = s
	}
	var diags diag.List
	res := Compile(Options{Source: source, Version: "test"}, &diags)
	if diags.Len() != 0 {
		t.Fatalf("default handbook has problems:\n%s", diags.String())
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := publish.Atomic(context.Background(), dest, publish.Options{}, res.Files); err != nil {
		t.Fatal(err)
	}
	return dest, res.Config.BasePath()
}

func toolsDir() string {
	if d := os.Getenv("HANDBOEK_TOOLS"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "handboek-tools")
}

// need skips a test whose tool is missing on a developer machine, but fails it
// in CI, where make test installs every tool.
func need(t *testing.T, what, path string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return
	}
	browsertest.Need(t, fmt.Errorf("%s not found at %s", what, path))
}

func TestDefaultHandbookIsValidHTML(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the Nu Html Checker")
	}
	jar := filepath.Join(toolsDir(), "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	need(t, "vnu.jar (Nu Html Checker)", jar)
	java, err := exec.LookPath("java")
	if err != nil {
		need(t, "java", "/usr/bin/java")
	}
	dir, _ := buildDefault(t)
	out, err := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", dir).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("Nu Html Checker found errors (%v):\n%s", err, out)
	}
}

func TestDefaultHandbookAccessibility(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs axe-core in Chromium")
	}
	axePath := filepath.Join(toolsDir(), "node_modules", "axe-core", "axe.min.js")
	need(t, "axe-core", axePath)
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	dir, base := buildDefault(t)
	// Serve under the base path, as a host would: 404.html links absolutely to it.
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// Every page in both schemes is three steps, each with its own budget:
	// the test's length grows with the handbook, a step's time does not.
	ctx := browsertest.New(t)

	var pages []string
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			pages = append(pages, "/"+strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
		}
		return err
	})
	if err != nil || len(pages) < 5 {
		t.Fatalf("found %d pages (%v)", len(pages), err)
	}
	for _, scheme := range []string{"light", "dark"} {
		for _, p := range pages {
			step, cancel := browsertest.Bound(ctx)
			_, err := chromedp.Call(step, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			cancel()
			if err == nil {
				err = browsertest.TryDo(ctx, chromedp.Navigate(srv.URL+strings.TrimSuffix(base, "/")+p))
			}
			if err == nil {
				_, err = browsertest.TryRun(ctx, chromedp.Evaluate[chromedp.Void](string(axe)))
			}
			var raw string
			if err == nil {
				raw, err = browsertest.TryRun(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}))))`, chromedp.EvalAwaitPromise))
			}
			if err != nil {
				t.Fatalf("%s (%s): %v", p, scheme, err)
			}
			var violations []struct {
				ID, Help string
				Nodes    []string
			}
			if err := json.Unmarshal([]byte(raw), &violations); err != nil {
				t.Fatalf("%s: axe result %q: %v", p, raw, err)
			}
			for _, v := range violations {
				t.Errorf("%s (%s mode): axe %s: %s at %v", p, scheme, v.ID, v.Help, v.Nodes)
			}
		}
	}
}
