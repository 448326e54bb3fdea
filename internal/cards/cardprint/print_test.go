package cardprint_test

import (
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/handboek/handboek/internal/browser/browsertest"
	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/cards/cardprint"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

const ptPerMM = 72 / 25.4

func near(a, b, tolMM float64) bool { return math.Abs(a-b) <= tolMM*ptPerMM }

// exact is how close a page's boxes must be to the layout: 0.05 mm.
const exact = 0.05

// The smoke test: the default handbook's deck at A6, as a print shop gets
// it, with its baseURL. It must fit without overflow, keep the type floor
// on every page, carry a QR code to each card's page, and have exact boxes.
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
	for n := 1; n <= pages; n++ {
		checkDeckBoxes(t, n, info[n], opts)
	}
	checkFonts(t, file)
	text := pdfText(t, file)
	for _, c := range d.Cards {
		if !strings.Contains(text, firstWords(c.Title)) {
			t.Errorf("PDF text lacks the card title %q", c.Title)
		}
	}
	for _, s := range []string{"creëren", "een-op-een", "Leercultuur", "meer online"} {
		if !strings.Contains(text, s) {
			t.Errorf("PDF text lacks %q", s)
		}
	}

	// The type floor, on every page of the deck; the sizes per kind go to
	// the log and type-a6.txt.
	sizes := typeSizes(t, tab, file)
	var report strings.Builder
	perKind := map[string][]float64{}
	for n := 1; n <= pages; n++ {
		c, side := d.Cards[(n-1)/2], []string{"front", "back"}[(n-1)%2]
		ts, ok := sizes[n]
		if !ok {
			t.Errorf("page %d (%s, %s) has no text", n, c.Title, side)
			continue
		}
		fmt.Fprintf(&report, "page %2d %-8s %-5s smallest %4.1f pt, median %4.1f pt  %s\n", n, c.Kind, side, ts.Min, ts.Median, c.Title)
		if ts.Min < cards.LabelFloor-0.05 {
			t.Errorf("page %d (%s, %s): type at %.2f pt, under the %g pt floor of labels", n, c.Title, side, ts.Min, cards.LabelFloor)
		}
		if ts.Median < cards.BodyFloor-0.05 {
			t.Errorf("page %d (%s, %s): median type %.2f pt, under the %g pt body floor", n, c.Title, side, ts.Median, cards.BodyFloor)
		}
		perKind[c.Kind+" "+side+" min"] = append(perKind[c.Kind+" "+side+" min"], ts.Min)
		perKind[c.Kind+" "+side+" median"] = append(perKind[c.Kind+" "+side+" median"], ts.Median)
	}
	keys := make([]string, 0, len(perKind))
	for k := range perKind {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := perKind[k]
		sort.Float64s(v)
		fmt.Fprintf(&report, "%-24s %4.1f to %4.1f pt\n", k, v[0], v[len(v)-1])
	}
	writeFile(t, dir, "type-a6.txt", []byte(report.String()))
	t.Logf("type per page and kind:\n%s", report.String())

	// The same deck on A4 sheets for the office printer fits too, and
	// keeps its words off the edge of the paper.
	a4 := opts
	a4.Format = cards.FormatA4
	d4, pdf4 := printDeck(t, tab, a4)
	checkSheets(t, writeFile(t, dir, "deck-a4.pdf", pdf4), d4, 4)

	// One back of each kind: its QR code gives the card's page.
	seen := map[string]bool{}
	for i, c := range d.Cards {
		if seen[c.Kind] {
			continue
		}
		seen[c.Kind] = true
		want := "https://handboek.example.org" + c.URL
		if got := decodeQR(t, file, 2*i+2); len(got) != 1 || got[0] != want {
			t.Errorf("the QR code on the back of %q reads %q, want %q", c.Title, got, want)
		}
	}
	// Pictures of a front and a back of each kind, for a person to look at.
	for i, c := range d.Cards {
		if i == 0 || c.Kind != d.Cards[i-1].Kind {
			renderPage(t, file, 2*i+1, 150, dir)
			renderPage(t, file, 2*i+2, 150, dir)
		}
	}
	// The README's pictures of a card, cut at the trim:
	// HANDBOEK_CARD_IMAGES=themes/default/images go test ./internal/cards/cardprint -run PrintShopDeck
	if out := os.Getenv("HANDBOEK_CARD_IMAGES"); out != "" {
		if !filepath.IsAbs(out) {
			out = filepath.Join(repo, out)
		}
		for i, c := range d.Cards {
			if c.Key != "dimensies/feedback" {
				continue
			}
			for side, name := range []string{"card-front", "card-back"} {
				// 130 dpi: the trim, 105 x 148 mm, is 537 x 757 pixels.
				px := func(mm float64) string { return strconv.Itoa(int(math.Round(mm / 25.4 * 130))) }
				run(t, "pdftoppm", "-png", "-r", "130", "-f", strconv.Itoa(2*i+1+side), "-l", strconv.Itoa(2*i+1+side), "-singlefile",
					"-x", px(opts.Bleed), "-y", px(opts.Bleed), "-W", px(opts.Size.W), "-H", px(opts.Size.H), file, filepath.Join(out, name))
			}
		}
	}
	t.Logf("artifacts in %s", dir)
}

// checkDeckBoxes checks one page of a print-shop deck: the page is the
// trim plus the bleed, the TrimBox lies the bleed inside it on every side,
// the BleedBox is the page: all exact to 0.05 mm.
func checkDeckBoxes(t *testing.T, n int, p *pdfPage, opts cards.Options) {
	t.Helper()
	if p == nil {
		t.Fatalf("pdfinfo lists no boxes for page %d", n)
	}
	b := opts.Bleed
	w, h := (opts.Size.W+2*b)*ptPerMM, (opts.Size.H+2*b)*ptPerMM
	m := p.Media
	if !near(m[2]-m[0], w, exact) || !near(m[3]-m[1], h, exact) {
		t.Errorf("page %d MediaBox %v is %.3f x %.3f mm, want %.3f x %.3f mm", n, m, (m[2]-m[0])/ptPerMM, (m[3]-m[1])/ptPerMM, w/ptPerMM, h/ptPerMM)
	}
	bleeds := [4]float64{p.Trim[0] - m[0], p.Trim[1] - m[1], m[2] - p.Trim[2], m[3] - p.Trim[3]}
	for i, side := range []string{"left", "bottom", "right", "top"} {
		if !near(bleeds[i], b*ptPerMM, exact) {
			t.Errorf("page %d: %.3f mm bleed at the %s, want %g mm (TrimBox %v, MediaBox %v)", n, bleeds[i]/ptPerMM, side, b, p.Trim, m)
		}
		if !near(p.Bleed[i], m[i], exact) {
			t.Errorf("page %d BleedBox %v, want the page %v", n, p.Bleed, m)
			break
		}
	}
	if !near(p.Trim[2]-p.Trim[0], opts.Size.W*ptPerMM, exact) || !near(p.Trim[3]-p.Trim[1], opts.Size.H*ptPerMM, exact) {
		t.Errorf("page %d TrimBox %v is not %g x %g mm", n, p.Trim, opts.Size.W, opts.Size.H)
	}
}

// Every size, bleed exactly as asked on every side, the artwork to the
// page's edge (no white sliver), and the type floor kept.
func TestBleedIsExactAtEverySize(t *testing.T) {
	tab := browsertest.New(t)
	s := compileSite(t, "../testdata/deck", "")
	dir := artifacts(t)
	for _, size := range cards.Sizes {
		t.Run(size.Name, func(t *testing.T) {
			opts := cards.Default()
			opts.Size = size
			d := layout(t, s, mustSelect(t, s, opts), opts)
			pdf, _, err := cardprint.Print(step(t, tab), d, nil)
			if err != nil {
				t.Fatal(err)
			}
			file := writeFile(t, dir, "bleed-"+size.Name+".pdf", pdf)
			pages, info := pdfInfo(t, file)
			if pages != 6 {
				t.Fatalf("%d pages, want 6", pages)
			}
			for n := 1; n <= pages; n++ {
				checkDeckBoxes(t, n, info[n], opts)
			}
			// A back is tinted all over: the pixels one in from every edge
			// (0.08 mm at 300 dpi) are tinted too.
			img := readPNG(t, renderPage(t, file, 2, 300, dir))
			if edge := whiteEdge(img); edge != "" {
				t.Errorf("white at the %s edge of the back: the artwork stops short of the page", edge)
			}
			// The floor of labels on every page. (The median is the body
			// size only where a page has more body than labels: see the
			// default deck in TestPrintShopDeck.)
			for n, ts := range typeSizes(t, tab, file) {
				if ts.Min < cards.LabelFloor-0.05 {
					t.Errorf("page %d: type at %.2f pt, under the %g pt floor", n, ts.Min, cards.LabelFloor)
				}
			}
		})
	}
}

func readPNG(t testing.TB, file string) image.Image {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// whiteEdge names an edge of img whose second row or column of pixels has
// a white pixel, or "". (The outermost pixels may lie only partly on the
// page, and pdftoppm fills the rest with white.)
func whiteEdge(img image.Image) string {
	b := img.Bounds()
	white := func(x, y int) bool {
		r, g, bl, _ := img.At(x, y).RGBA()
		return r>>8 > 250 && g>>8 > 250 && bl>>8 > 250
	}
	for x := b.Min.X + 1; x < b.Max.X-1; x++ {
		if white(x, b.Min.Y+1) {
			return "top"
		}
		if white(x, b.Max.Y-2) {
			return "bottom"
		}
	}
	for y := b.Min.Y + 1; y < b.Max.Y-1; y++ {
		if white(b.Min.X+1, y) {
			return "left"
		}
		if white(b.Max.X-2, y) {
			return "right"
		}
	}
	return ""
}

// The QR code on a back is vector (no image in the PDF) and gives the
// card's page, under the site's sub-path; --qr=false leaves it out, and so
// does a site without an absolute baseURL.
func TestQRCodeLeadsToTheCardsPage(t *testing.T) {
	tab := browsertest.New(t)
	dir := artifacts(t)
	for _, c := range []struct {
		name, baseURL string
		qr            bool
		want          string
	}{
		{"qr", "", true, "https://kaarten.example.org/oefen/spaken/tijd/"},
		{"no-qr", "", false, ""},
		{"relative", "/oefen/", true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := compileSite(t, "../testdata/deck", c.baseURL)
			opts := cards.Default()
			opts.QR = c.qr
			opts.Only = []string{"spaken/tijd"}
			d := layout(t, s, mustSelect(t, s, opts), opts)
			pdf, _, err := cardprint.Print(step(t, tab), d, nil)
			if err != nil {
				t.Fatal(err)
			}
			file := writeFile(t, dir, "qr-"+c.name+".pdf", pdf)
			got := decodeQR(t, file, 2)
			switch {
			case c.want == "" && len(got) > 0:
				t.Errorf("a QR code reading %q, want none", got)
			case c.want != "" && (len(got) != 1 || got[0] != c.want):
				t.Errorf("the QR code reads %q, want %q", got, c.want)
			}
			text := pdfText(t, file)
			if short := "kaarten.example.org/oefen/spaken/tijd"; strings.Contains(text, short) != (c.want != "") {
				t.Errorf("short address %q printed: %v, want %v", short, !(c.want != ""), c.want != "")
			}
			if decodeQR(t, file, 1) != nil {
				t.Error("a QR code on the front")
			}
			needTool(t, "pdfimages")
			if lines := strings.Split(strings.TrimSpace(run(t, "pdfimages", "-list", file)), "\n"); len(lines) > 2 {
				t.Errorf("the PDF holds images; the QR code must be vector:\n%s", strings.Join(lines, "\n"))
			}
		})
	}
}

func TestOfficeSheets(t *testing.T) {
	tab := browsertest.New(t)
	dir := artifacts(t)
	t.Run("a6, four a sheet", func(t *testing.T) {
		s := compileSite(t, "../testdata/deck", "")
		opts := cards.Default()
		opts.Format = cards.FormatA4
		var chosen []*site.Page
		for range 2 {
			chosen = append(chosen, mustSelect(t, s, opts)...)
		}
		d := layout(t, s, chosen, opts)
		pdf, _, err := cardprint.Print(step(t, tab), d, nil)
		if err != nil {
			t.Fatal(err)
		}
		file := writeFile(t, dir, "sheets-a4.pdf", pdf)
		checkSheets(t, file, d, 4)
		// Long-edge duplex flips the sheet about its vertical axis: the
		// first card is top left on the front sheet, so its back is top right.
		first := d.Cards[0]
		if !strings.Contains(quarter(t, file, 1, false), first.Title) {
			t.Errorf("front sheet: %q is not top left", first.Title)
		}
		back := quarter(t, file, 2, true)
		if !strings.Contains(back, first.Title) || !strings.Contains(back, first.Suggestions[0]) {
			t.Errorf("back sheet: the back of %q is not top right:\n%s", first.Title, back)
		}
		renderPage(t, file, 1, 60, dir)
		renderPage(t, file, 2, 60, dir)
	})
	t.Run("poker, nine a sheet", func(t *testing.T) {
		s := compileSite(t, "../testdata/deck", "")
		opts := cards.Default()
		opts.Format, opts.Size = cards.FormatA4, cards.Sizes[2]
		var chosen []*site.Page
		for range 4 {
			chosen = append(chosen, mustSelect(t, s, opts)...)
		}
		d := layout(t, s, chosen, opts)
		pdf, _, err := cardprint.Print(step(t, tab), d, nil)
		if err != nil {
			t.Fatal(err)
		}
		file := writeFile(t, dir, "sheets-a4-poker.pdf", pdf)
		checkSheets(t, file, d, 9)
		renderPage(t, file, 1, 60, dir)
	})
}

// checkSheets checks A4 sheets: per sheets of fronts and of backs, the
// exact A4 size, fonts, and no word within cards.SheetMargin of the edge.
func checkSheets(t *testing.T, file string, d *cards.Deck, perSheet int) {
	t.Helper()
	pages, info := pdfInfo(t, file)
	sheets := (len(d.Cards) + perSheet - 1) / perSheet
	if pages != 2*sheets {
		t.Fatalf("A4 output has %d pages, want %d: a sheet of fronts and one of backs per %d cards", pages, 2*sheets, perSheet)
	}
	for n := 1; n <= pages; n++ {
		p := info[n]
		if !near(p.Media[2]-p.Media[0], 210*ptPerMM, exact) || !near(p.Media[3]-p.Media[1], 297*ptPerMM, exact) {
			t.Errorf("page %d MediaBox %v, want A4 exactly", n, p.Media)
		}
		for i := range 4 {
			if !near(p.Trim[i], p.Media[i], exact) || !near(p.Bleed[i], p.Media[i], exact) {
				t.Errorf("page %d TrimBox %v BleedBox %v, want the sheet %v", n, p.Trim, p.Bleed, p.Media)
				break
			}
		}
	}
	checkFonts(t, file)
	closest := math.Inf(1)
	for _, w := range words(t, file) {
		edge := min(w.X0, w.Y0, w.PageW-w.X1, w.PageH-w.Y1) / ptPerMM
		closest = min(closest, edge)
		if edge < cards.SheetMargin {
			t.Errorf("page %d: %q lies %.1f mm from the paper's edge, want %g mm or more", w.Page, w.Text, edge, cards.SheetMargin)
		}
	}
	t.Logf("the closest word is %.1f mm from the paper's edge", closest)
}

// quarter is the text of the top-left or top-right quarter of an A4 page.
func quarter(t *testing.T, file string, page int, right bool) string {
	t.Helper()
	needTool(t, "pdftotext")
	x := "0"
	if right {
		x = "298"
	}
	return run(t, "pdftotext", "-enc", "UTF-8", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-x", x, "-y", "0", "-W", "297", "-H", "420", file, "-")
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

// A side that does not fit at the type floor is an overflow at the line of
// the field that does not fit; suggestions give way first and say how many
// more are online.
func TestOverflowNamesTheField(t *testing.T) {
	tab := browsertest.New(t)
	s := compileSite(t, "../testdata/overflow", "")
	opts := cards.Default()
	d := layout(t, s, mustSelect(t, s, opts), opts)
	sides, over, err := cardprint.Fit(step(t, tab), d)
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`^content/dimensies/uitdagingen\.md:6:1: card "Te veel uitdagingen" \(front\) overflows by \d+\.\d mm$`)
	if len(over) != 1 || !want.MatchString(over[0].String()) {
		t.Fatalf("overflows %v, want one matching %s", over, want)
	}
	// The long back gives way: it shows the suggestions that fit, at the
	// floor, and says how many more there are.
	var lang *cardprint.Side
	for i := range sides {
		if sides[i].Card.Key == "dimensies/lang" && sides[i].Side == "back" {
			lang = &sides[i]
		}
		if sides[i].Pt < cards.BodyFloor || sides[i].MinPt < cards.LabelFloor-0.05 {
			t.Errorf("%s (%s) set at %g pt, smallest %.2f pt: under the floor", sides[i].Card.Title, sides[i].Side, sides[i].Pt, sides[i].MinPt)
		}
	}
	if lang == nil || lang.Total != 40 || lang.Shown < 3 || lang.Shown >= 40 || lang.Pt != cards.BodyFloor {
		t.Fatalf("the back with 40 suggestions: %+v; want some of 40 shown, at %g pt", lang, cards.BodyFloor)
	}

	allow := opts
	allow.AllowOverflow = true
	d = layout(t, s, mustSelect(t, s, allow), allow)
	pdf, over, err := cardprint.Print(step(t, tab), d, nil)
	if err != nil || len(pdf) == 0 || len(over) != 1 {
		t.Fatalf("with AllowOverflow: %d bytes, %v, %v; want a PDF and the overflow", len(pdf), over, err)
	}
	text := pdfText(t, writeFile(t, t.TempDir(), "lang.pdf", pdf))
	if more := fmt.Sprintf("+%d meer online", lang.Total-lang.Shown); !strings.Contains(text, more) {
		t.Errorf("the long back does not say %q", more)
	}
	if last := fmt.Sprintf("Suggestie %d,", lang.Shown); !strings.Contains(text, last) || strings.Contains(text, fmt.Sprintf("Suggestie %d,", lang.Shown+1)) {
		t.Errorf("the back does not show the first %d suggestions in the author's order", lang.Shown)
	}

	if _, _, err := cardprint.Print(step(t, tab), layout(t, s, mustSelect(t, s, opts), opts), nil); err == nil || !strings.Contains(err.Error(), "uitdagingen.md:6:1: ") {
		t.Errorf("Print of an overflowing deck: err = %v, want the overflow listed", err)
	}
	var check diag.List
	if err := cardprint.Check(step(t, tab), s, opts, &check); err != nil {
		t.Fatal(err)
	}
	if !check.HasErrors() || !strings.Contains(check.String(), "content/dimensies/uitdagingen.md:6:1: card") {
		t.Errorf("Check gave %q", check.String())
	}
}

// On a poker card a long title does not fit in its lines, front or back:
// the overflow is at the title's line, never a cut ("…") or a smaller font.
func TestLongTitleOnPokerIsAnOverflowAtItsLine(t *testing.T) {
	tab := browsertest.New(t)
	s := compileSite(t, "../testdata/overflow", "")
	opts := cards.Default()
	opts.Size = cards.Sizes[2]
	opts.Only = []string{"dimensies/titel"}
	over, err := cardprint.Measure(step(t, tab), layout(t, s, mustSelect(t, s, opts), opts))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range over {
		got = append(got, o.String())
	}
	want := regexp.MustCompile(`^content/dimensies/titel\.md:4:1: card "Een kaart met een lange titel die op een pokerkaart niet meer past" \((front|back)\) overflows by \d+\.\d mm$`)
	if len(got) != 2 || !want.MatchString(got[0]) || !want.MatchString(got[1]) {
		t.Errorf("overflows:\n%s\nwant the front and the back, each matching %s", strings.Join(got, "\n"), want)
	}
	// At A6 the same card fits.
	opts.Size = cards.Sizes[0]
	if over, err := cardprint.Measure(step(t, tab), layout(t, s, mustSelect(t, s, opts), opts)); err != nil || len(over) > 0 {
		t.Errorf("at a6: %v, %v; want no overflow", over, err)
	}
}
