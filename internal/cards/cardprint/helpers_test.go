package cardprint_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
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
	d := cards.Layout(s, mustSelect(t, s, opts), font, opts, &diags)
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

// mustSelect is cards.Select, failing the test on an error.
func mustSelect(t testing.TB, s *site.Site, opts cards.Options) []*site.Page {
	t.Helper()
	chosen, err := cards.Select(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	return chosen
}

// compileSite builds a fixture site; baseURL overrides its config when set.
func compileSite(t testing.TB, dir, baseURL string) *site.Site {
	t.Helper()
	var diags diag.List
	res := build.Compile(build.Options{Source: dir, BaseURL: baseURL}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.String())
	}
	return res.Site
}

// layout lays the cards out with the card font, or skips without one.
func layout(t testing.TB, s *site.Site, chosen []*site.Page, opts cards.Options) *cards.Deck {
	t.Helper()
	font, err := cards.FindFont(s.Theme())
	if err != nil {
		browsertest.Need(t, err)
	}
	var diags diag.List
	d := cards.Layout(s, chosen, font, opts, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.String())
	}
	return d
}

// word is a word of a PDF page as pdftotext -bbox gives it: its box in pt
// from the page's top-left corner.
type word struct {
	Page           int
	X0, Y0, X1, Y1 float64
	PageW, PageH   float64
	Text           string
}

var (
	pageRe = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRe = regexp.MustCompile(`<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>`)
)

// words lists every word of the PDF with its box.
func words(t testing.TB, file string) []word {
	t.Helper()
	needTool(t, "pdftotext")
	var out []word
	page, w, h := 0, 0.0, 0.0
	f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	for _, l := range strings.Split(run(t, "pdftotext", "-enc", "UTF-8", "-bbox", file, "-"), "\n") {
		if m := pageRe.FindStringSubmatch(l); m != nil {
			page, w, h = page+1, f(m[1]), f(m[2])
		} else if m := wordRe.FindStringSubmatch(l); m != nil {
			out = append(out, word{page, f(m[1]), f(m[2]), f(m[3]), f(m[4]), w, h, m[5]})
		}
	}
	return out
}

var (
	ijkOnce  sync.Once
	ijkRatio float64
)

// heightPerPt is how tall pdftotext's box of a word in the card font is
// per point of type. pdftotext sizes a word's box by the font's ascent and
// descent, so a word's height is its type size times this; it is learnt
// from a deck set entirely at 10 pt (testdata/calibrate).
func heightPerPt(t testing.TB, tab context.Context) float64 {
	t.Helper()
	ijkOnce.Do(func() {
		s := compileSite(t, "../testdata/calibrate", "")
		d := layout(t, s, mustSelect(t, s, cards.Default()), cards.Default())
		pdf, _, err := cardprint.Print(step(t, tab), d, nil)
		if err != nil {
			t.Fatal(err)
		}
		ws := words(t, writeFile(t, t.TempDir(), "ijk.pdf", pdf))
		if len(ws) == 0 {
			t.Fatal("the calibration deck has no words")
		}
		for _, w := range ws {
			if h := (w.Y1 - w.Y0) / 10; ijkRatio == 0 {
				ijkRatio = h
			} else if math.Abs(h-ijkRatio) > 0.001 {
				t.Fatalf("words of one size have different heights: %v, %v", h*10, ijkRatio*10)
			}
		}
	})
	if ijkRatio == 0 {
		t.Fatal("no calibration of word heights")
	}
	return ijkRatio
}

// pageType is the type on one PDF page: the smallest and the median size
// of its words, in pt.
type pageType struct{ Min, Median float64 }

// typeSizes measures the type of every page from its words' heights.
func typeSizes(t testing.TB, tab context.Context, file string) map[int]pageType {
	t.Helper()
	k := heightPerPt(t, tab)
	sizes := map[int][]float64{}
	for _, w := range words(t, file) {
		sizes[w.Page] = append(sizes[w.Page], (w.Y1-w.Y0)/k)
	}
	out := map[int]pageType{}
	for p, s := range sizes {
		slices.Sort(s)
		out[p] = pageType{Min: s[0], Median: s[len(s)/2]}
	}
	return out
}

// decodeQR renders a page at 300 dpi and reads its QR codes with zbarimg.
func decodeQR(t testing.TB, file string, page int) []string {
	t.Helper()
	needTool(t, "pdftoppm")
	needTool(t, "zbarimg")
	png := renderPage(t, file, page, 300, t.TempDir())
	out, err := exec.Command("zbarimg", "-q", "--raw", png).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 4 {
			return nil // no code found
		}
		t.Fatalf("zbarimg %s: %v", png, err)
	}
	return strings.Fields(string(out))
}

// renderPage renders one page of a PDF to dir/NAME-PAGE.png and returns its path.
func renderPage(t testing.TB, file string, page, dpi int, dir string) string {
	t.Helper()
	needTool(t, "pdftoppm")
	base := filepath.Join(dir, fmt.Sprintf("%s-%d", strings.TrimSuffix(filepath.Base(file), ".pdf"), page))
	run(t, "pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-singlefile", file, base)
	return base + ".png"
}
