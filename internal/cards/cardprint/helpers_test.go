package cardprint_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/handboek/handboek/internal/browser/browsertest"
	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/cards/cardprint"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

// repo is the repository root, which holds the default handbook.
const repo = "../../.."

var (
	defaultOnce sync.Once
	defaultSite *site.Site
	defaultErr  string
)

// defaultHandbook compiles the default handbook once per test binary.
func defaultHandbook(t testing.TB) *site.Site {
	t.Helper()
	defaultOnce.Do(func() {
		var diags diag.List
		res := build.Compile(build.Options{Source: repo}, &diags)
		if diags.HasErrors() {
			defaultErr = diags.String()
			return
		}
		defaultSite = res.Site
	})
	if defaultSite == nil {
		t.Fatal(defaultErr)
	}
	return defaultSite
}

// artifacts is where tests keep PDFs and PNGs for a person to look at:
// $HANDBOEK_ARTIFACTS when set, else a temporary folder.
func artifacts(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("HANDBOEK_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// step bounds one browser step (a print, a measurement) by the per-step
// budget of browsertest.
func step(t testing.TB, tab context.Context) context.Context {
	ctx, cancel := browsertest.Bound(tab)
	t.Cleanup(cancel)
	return ctx
}

// needTool fails or skips (as browsertest.New does) when a poppler tool is missing.
func needTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		browsertest.Need(t, err)
	}
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// printDeck lays out and prints the default handbook's cards.
func printDeck(t testing.TB, tab context.Context, opts cards.Options) (*cards.Deck, []byte) {
	t.Helper()
	s := defaultHandbook(t)
	font, err := cards.FindFont(s.Theme())
	if err != nil {
		browsertest.Need(t, err)
	}
	var diags diag.List
	d := cards.Layout(s, cards.Select(s, opts.Kinds), font, opts, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.String())
	}
	pdf, _, err := cardprint.Print(step(t, tab), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d, pdf
}

type pdfPage struct {
	Size, Media, Trim, Bleed [4]float64 // Size: width, height in pt; boxes: llx lly urx ury
}

var boxRe = regexp.MustCompile(`(?m)^Page\s+(\d+)\s+(size|MediaBox|TrimBox|BleedBox):\s+([\d.]+)\s+x?\s*([\d.]+)(?:\s+([\d.]+)\s+([\d.]+))?`)

// pdfInfo reads page count and the boxes of every page with `pdfinfo -box`.
func pdfInfo(t testing.TB, file string) (pages int, info map[int]*pdfPage) {
	t.Helper()
	needTool(t, "pdfinfo")
	out := run(t, "pdfinfo", "-box", "-f", "1", "-l", "9999", file)
	info = map[int]*pdfPage{}
	for _, m := range boxRe.FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		p := info[n]
		if p == nil {
			p = &pdfPage{}
			info[n] = p
		}
		var v [4]float64
		for i := 0; i < 4; i++ {
			v[i], _ = strconv.ParseFloat(m[3+i], 64)
		}
		switch m[2] {
		case "size":
			p.Size = v
		case "MediaBox":
			p.Media = v
		case "TrimBox":
			p.Trim = v
		case "BleedBox":
			p.Bleed = v
		}
	}
	pm := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(out)
	if pm == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", out)
	}
	pages, _ = strconv.Atoi(pm[1])
	return pages, info
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
