package cards

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/handboek/handboek/internal/content"
)

// Formats.
const (
	FormatDeck = "deck"
	FormatA4   = "a4"
)

// Size is a card's trim size in millimetres, and the largest body type it
// takes, in points.
type Size struct {
	Name string
	W, H float64
	// MaxType is the body size a sparse card side is set in; a denser side
	// steps down to BodyFloor. It keeps lines at 45-75 characters where the
	// width allows: about 47 at MaxType, 65 at the floor on a6.
	MaxType float64
}

// Sizes are the card sizes handboek knows, by name.
var Sizes = []Size{
	{"a6", 105, 148, 12},
	{"a5", 148, 210, 13.5},
	{"poker", 63.5, 88.9, 9.5},
}

// The type scale's floor, in points: body text on a card is never set
// smaller than BodyFloor, labels and footers never smaller than LabelFloor.
// A side whose text does not fit at the floor is an overflow, never a
// smaller font. TypeStep is the step between the sizes tried.
const (
	BodyFloor  = 8.5
	LabelFloor = 7.0
	TypeStep   = 0.5
)

// TypeSteps are the body sizes a side of this size may be set in, largest
// first.
func (s Size) TypeSteps() []float64 {
	var out []float64
	for pt := max(s.MaxType, BodyFloor); pt >= BodyFloor-1e-9; pt -= TypeStep {
		out = append(out, pt)
	}
	return out
}

// TypeCSS is the CSS font size that sets pt points on paper. Chromium
// writes a font size into the PDF in laid-out pixels (the deck is laid out
// Zoom times larger) to two decimals, rounded: 8.5 pt as 11.3333 px would
// print as 8.4994 pt. Rounded up to those steps, it prints as 8.5012.
func TypeCSS(pt float64) string {
	px := math.Ceil(pt*4/3*Zoom*100) / (Zoom * 100)
	return strconv.FormatFloat(px, 'f', -1, 64) + "px"
}

// A4 is the sheet of the a4 format, portrait, in millimetres.
var A4 = Size{Name: "a4", W: 210, H: 297}

// Options say what to print and how.
type Options struct {
	// Format is FormatDeck or FormatA4.
	Format string
	// Size is the card's trim size.
	Size Size
	// Bleed is how far backgrounds run past the trim, in mm (deck only).
	Bleed float64
	// Marks adds crop marks outside the bleed (deck; a4 always has cut marks).
	Marks bool
	// Kinds limits the deck to these card kinds; empty means all.
	Kinds []string
	// Tags limits the deck to cards with one of these tags; empty means all.
	Tags []string
	// Only limits the deck to these cards, by page key
	// ("dimensies/feedback"); empty means all.
	Only []string
	// QR puts a QR code to the card's page, with its short URL, on each
	// back, when the site has an absolute baseURL.
	QR bool
	// AllowOverflow prints even when a card side does not fit.
	AllowOverflow bool
	// Title names the PDF document (its <title>).
	Title string
}

// Default is a print-shop deck of A6 cards with 3 mm bleed and QR codes.
func Default() Options {
	return Options{Format: FormatDeck, Size: Sizes[0], Bleed: 3, QR: true}
}

// Safe is how far text stays inside the trim, in mm: cutting is never exact.
const Safe = 4.0

// SheetMargin is the edge of an A4 sheet that holds nothing that matters,
// in mm: most office printers cannot print there.
const SheetMargin = 5.0

// FramedSafe is how far text stays inside a card's art on an A4 sheet when
// the art has a white frame (see Geometry.Frame): the art's edge is not
// cut there, so less room is needed than Safe.
const FramedSafe = 3.0

// MarkOffset is the gap between the trim and a crop mark, MarkLength the
// length of a mark, both in mm.
const (
	MarkOffset = 3.0
	MarkLength = 5.0
)

// ParseSize looks a size up by name.
func ParseSize(name string) (Size, error) {
	for _, s := range Sizes {
		if strings.EqualFold(s.Name, name) {
			return s, nil
		}
	}
	return Size{}, fmt.Errorf("unknown card size %q (known: %s)", name, strings.Join(sizeNames(), ", "))
}

func sizeNames() []string {
	var out []string
	for _, s := range Sizes {
		out = append(out, s.Name)
	}
	return out
}

// ParseFormat checks a format name.
func ParseFormat(name string) (string, error) {
	switch strings.ToLower(name) {
	case FormatDeck, FormatA4:
		return strings.ToLower(name), nil
	}
	return "", fmt.Errorf("unknown format %q (known: deck, a4)", name)
}

// ParseLength reads a length such as "3mm", "3", "0.125in" or "9pt" as mm.
func ParseLength(s string) (float64, error) {
	t := strings.TrimSpace(strings.ToLower(s))
	unit := 1.0
	for _, u := range []struct {
		suffix string
		mm     float64
	}{{"mm", 1}, {"cm", 10}, {"in", 25.4}, {"pt", 25.4 / 72}} {
		if strings.HasSuffix(t, u.suffix) {
			t, unit = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mm
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 0 || v*unit > 20 {
		return 0, fmt.Errorf("invalid length %q: want a size such as 3mm, between 0 and 20 mm", s)
	}
	return v * unit, nil
}

// ParseKinds checks card kinds ("dimensie", "spaak", "praktijk").
func ParseKinds(kinds []string) ([]string, error) {
	known := []string{content.KindDimensie, content.KindSpaak, content.KindPraktijk}
	var out []string
	for _, k := range kinds {
		k = strings.ToLower(strings.TrimSpace(k))
		if k == "" {
			continue
		}
		if !slices.Contains(known, k) {
			return nil, fmt.Errorf("unknown card kind %q (known: %s)", k, strings.Join(known, ", "))
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out, nil
}

// Validate reports options that cannot be printed: an A4 sheet must hold
// at least two cards of the size.
func (o Options) Validate() error {
	if o.Format == FormatA4 {
		if g := o.Geometry(); g.Cols*g.Rows < 2 {
			return fmt.Errorf("%s cards do not fit two or more to an A4 sheet: use --size a6 (4 a sheet) or poker (9 a sheet) with --format a4, or --format deck", o.Size.Name)
		}
	}
	return nil
}

// Geometry is where things go on a page, in mm.
type Geometry struct {
	PageW, PageH float64
	// Margin is the distance from the page edge to the trim (deck), Bleed
	// how far the background runs past the trim.
	Margin, Bleed float64
	// Cols, Rows and Gap lay several cards on a sheet (a4); X0, Y0 is the
	// first card's top-left corner.
	Cols, Rows int
	X0, Y0     float64
	GapX, GapY float64
	// Frame is a white border inside each card on an A4 sheet whose cards
	// reach the paper's edge (a6): it keeps the art out of the printer's
	// unprintable margin and leaves white room between cards for the cut
	// lines. 0 in a deck.
	Frame float64
	// Safe is how far text stays inside the card's art.
	Safe float64
}

// Geometry places the cards of o on the page.
func (o Options) Geometry() Geometry {
	if o.Format == FormatA4 {
		g := Geometry{PageW: A4.W, PageH: A4.H, Safe: Safe}
		g.Cols, g.GapX, g.X0 = sheetFit(A4.W, o.Size.W)
		g.Rows, g.GapY, g.Y0 = sheetFit(A4.H, o.Size.H)
		if edge := min(g.X0, g.Y0); edge < SheetMargin {
			g.Frame = SheetMargin - edge
			g.Safe = FramedSafe
		}
		return g
	}
	m := o.Bleed
	if o.Marks {
		m = max(o.Bleed, MarkOffset) + MarkLength
	}
	return Geometry{PageW: o.Size.W + 2*m, PageH: o.Size.H + 2*m, Margin: m, Bleed: o.Bleed, Cols: 1, Rows: 1, X0: m, Y0: m, Safe: Safe}
}

// sheetFit puts as many cards of length l across a sheet side of length
// page as fit. What is left goes into gutters between the cards (at most 8
// mm: room for cut marks and a little slack for scissors) and two equal
// margins, which are kept 1 mm wider than SheetMargin where the sheet
// allows.
func sheetFit(page, l float64) (n int, gap, start float64) {
	n = int((page + 1e-9) / l)
	if n < 1 {
		return 0, 0, 0
	}
	spare := page - float64(n)*l
	if n > 1 {
		gap = min(8, max(0, (spare-2*(SheetMargin+1))/float64(n-1)))
	}
	return n, gap, (spare - float64(n-1)*gap) / 2
}

// Slot is the top-left corner of the trim box of the card in column col,
// row row of an A4 sheet, in mm.
func (g Geometry) Slot(col, row int, size Size) (x, y float64) {
	return g.X0 + float64(col)*(size.W+g.GapX), g.Y0 + float64(row)*(size.H+g.GapY)
}
