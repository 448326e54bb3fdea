package cardprint_test

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/handboek/handboek/internal/browser/browsertest"
	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/cards/cardprint"
	"github.com/handboek/handboek/internal/diag"
)

const ptPerMM = 72 / 25.4

func near(a, b, tolMM float64) bool { return math.Abs(a-b) <= tolMM*ptPerMM }

func TestPrintShopDeck(t *testing.T) {
	tab := browsertest.New(t)
	opts := cards.Default()
	d, pdf := printDeck(t, tab, opts)
	dir := artifacts(t)
	file := writeFile(t, dir, "deck-a6.pdf", pdf)

	if n, err := cardprint.ValidPDF(pdf); err != nil || n != 2*len(d.Cards) {
		t.Errorf("pdfcpu validation: %d pages, %v", n, err)
	}
	pages, info := pdfInfo(t, file)
	if want := 2 * len(d.Cards); pages != want || d.Pages != want {
		t.Fatalf("deck has %d pages (layout said %d), want %d: a front and a back per card", pages, d.Pages, want)
	}
	if len(d.Cards) < 26 {
		t.Errorf("deck has %d cards, want the default handbook's 26", len(d.Cards))
	}
	w, h := (105+2*3)*ptPerMM, (148+2*3)*ptPerMM
	b := 3 * ptPerMM
	for n := 1; n <= pages; n++ {
		p := info[n]
		if p == nil {
			t.Fatalf("pdfinfo lists no boxes for page %d", n)
		}
		if !near(p.Size[0], w, 0.5) || !near(p.Size[1], h, 0.5) {
			t.Errorf("page %d is %.2f x %.2f pt, want trim+bleed %.2f x %.2f", n, p.Size[0], p.Size[1], w, h)
		}
		// Pages are laid out from the top-left corner; the boxes are the
		// trim (105 x 148 mm) 3 mm in from there, and the bleed around it.
		m := p.Media
		top := m[3]
		wantTrim := [4]float64{m[0] + b, top - b - 148*ptPerMM, m[0] + b + 105*ptPerMM, top - b}
		wantBleed := [4]float64{m[0], top - 154*ptPerMM, m[0] + 111*ptPerMM, top}
		for i := range 4 {
			if !near(p.Trim[i], wantTrim[i], 0.05) {
				t.Errorf("page %d TrimBox %v, want %v (MediaBox %v)", n, p.Trim, wantTrim, m)
				break
			}
			if !near(p.Bleed[i], wantBleed[i], 0.05) {
				t.Errorf("page %d BleedBox %v, want %v (MediaBox %v)", n, p.Bleed, wantBleed, m)
				break
			}
		}
		if p.Bleed[2] > m[2]+0.01 || p.Bleed[1] < m[1]-0.01 {
			t.Errorf("page %d BleedBox %v outside the MediaBox %v", n, p.Bleed, m)
		}
	}
	checkFonts(t, file)
	text := pdfText(t, file)
	for _, c := range d.Cards {
		if !strings.Contains(text, firstWords(c.Title)) {
			t.Errorf("PDF text lacks the card title %q", c.Title)
		}
	}
	for _, s := range []string{"creëren", "een-op-een", "Leercultuur"} {
		if !strings.Contains(text, s) {
			t.Errorf("PDF text lacks %q (diacritics must survive)", s)
		}
	}
	// A picture of the first card, both sides, for a person to look at.
	needTool(t, "pdftoppm")
	run(t, "pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "2", file, filepath.Join(dir, "deck-a6"))
	if _, err := os.Stat(filepath.Join(dir, "deck-a6-01.png")); err != nil {
		t.Errorf("pdftoppm made no PNG: %v", err)
	}
	t.Logf("artifacts in %s", dir)
}

// firstWords is the start of a title: a long title may wrap, and pdftotext
// puts a line break where it does.
func firstWords(title string) string {
	f := strings.Fields(title)
	return strings.Join(f[:min(2, len(f))], " ")
}

// checkFonts requires every font to be embedded and none to be Type 3.
func checkFonts(t *testing.T, file string) {
	t.Helper()
	needTool(t, "pdffonts")
	out := run(t, "pdffonts", file)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type [encoding...] emb sub uni object ID: emb is 5th from the end.
		if len(f) < 7 {
			continue
		}
		if emb := f[len(f)-5]; emb != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
		if strings.Contains(l, "Type 3") {
			t.Errorf("Type 3 font (print shops reject these): %s", l)
		}
		if !strings.Contains(l, "TrueType") {
			t.Errorf("font is not TrueType: %s", l)
		}
	}
}

func pdfText(t *testing.T, file string) string {
	t.Helper()
	needTool(t, "pdftotext")
	return run(t, "pdftotext", "-enc", "UTF-8", file, "-")
}

func TestOfficeSheetsMirrorBacksForDuplex(t *testing.T) {
	tab := browsertest.New(t)
	opts := cards.Default()
	opts.Format = cards.FormatA4
	d, pdf := printDeck(t, tab, opts)
	dir := artifacts(t)
	file := writeFile(t, dir, "sheets-a4.pdf", pdf)

	pages, info := pdfInfo(t, file)
	sheets := (len(d.Cards) + 3) / 4
	if pages != 2*sheets {
		t.Fatalf("A4 output has %d pages, want %d: a sheet of fronts and one of backs per four cards", pages, 2*sheets)
	}
	for n := 1; n <= pages; n++ {
		p := info[n]
		if !near(p.Size[0], 210*ptPerMM, 0.5) || !near(p.Size[1], 297*ptPerMM, 0.5) {
			t.Errorf("page %d is %.2f x %.2f pt, want A4", n, p.Size[0], p.Size[1])
		}
		for i := range 4 {
			if !near(p.Trim[i], p.Media[i], 0.05) || !near(p.Bleed[i], p.Media[i], 0.05) {
				t.Errorf("page %d TrimBox %v BleedBox %v, want the sheet %v", n, p.Trim, p.Bleed, p.Media)
				break
			}
		}
	}
	checkFonts(t, file)
	// Long-edge duplex flips the sheet about its vertical axis: the first
	// card is top left on the front sheet, so its back is top right.
	needTool(t, "pdftotext")
	quarter := func(page int, right bool) string {
		x := "0"
		if right {
			x = "298"
		}
		return run(t, "pdftotext", "-enc", "UTF-8", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-x", x, "-y", "0", "-W", "297", "-H", "420", file, "-")
	}
	first := d.Cards[0]
	if !strings.Contains(quarter(1, false), firstWords(first.Title)) {
		t.Errorf("front sheet: %q is not top left", first.Title)
	}
	back := quarter(2, true)
	if !strings.Contains(back, first.Title) || !strings.Contains(back, first.Suggestions[0][:20]) {
		t.Errorf("back sheet: the back of %q is not top right:\n%s", first.Title, back)
	}
	needTool(t, "pdftoppm")
	run(t, "pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "2", file, filepath.Join(dir, "sheets-a4"))
}

func TestOverflowNamesTheCardFile(t *testing.T) {
	tab := browsertest.New(t)
	var diags diag.List
	res := build.Compile(build.Options{Source: "../testdata/overflow"}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.String())
	}
	s := res.Site
	font, err := cards.FindFont(s.Theme())
	if err != nil {
		browsertest.Need(t, err)
	}
	d := cards.Layout(s, cards.Select(s, nil), font, cards.Default(), &diags)
	if diags.HasErrors() {
		t.Fatal(diags.String())
	}
	over, err := cardprint.Measure(step(t, tab), d)
	if err != nil {
		t.Fatal(err)
	}
	if len(over) != 1 {
		t.Fatalf("want one overflowing side, got %v", over)
	}
	re := regexp.MustCompile(`^content/dimensies/lang\.md:1: card "Een veel te lange kaart" \(back\) overflows by \d+\.\d mm$`)
	if got := over[0].String(); !re.MatchString(got) {
		t.Errorf("overflow message %q does not match %s", got, re)
	}
	if _, _, err := cardprint.Print(step(t, tab), d, nil); err == nil || !strings.Contains(err.Error(), "lang.md:1: ") {
		t.Errorf("Print of an overflowing deck: err = %v, want the overflow listed", err)
	}
	var check diag.List
	if err := cardprint.Check(step(t, tab), s, cards.Default(), &check); err != nil {
		t.Fatal(err)
	}
	if !check.HasErrors() || !strings.Contains(check.String(), "content/dimensies/lang.md:1: card") {
		t.Errorf("Check gave %q", check.String())
	}
	allow := cards.Default()
	allow.AllowOverflow = true
	d = cards.Layout(s, cards.Select(s, nil), font, allow, &diags)
	if pdf, over, err := cardprint.Print(step(t, tab), d, nil); err != nil || len(pdf) == 0 || len(over) != 1 {
		t.Errorf("with AllowOverflow: %d bytes, %v, %v; want a PDF and the overflow", len(pdf), over, err)
	}
}
