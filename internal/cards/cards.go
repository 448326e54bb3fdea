package cards

import (
	"fmt"
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

// Size is a card's trim size in millimetres.
type Size struct {
	Name string
	W, H float64
}

// Sizes are the card sizes handboek knows, by name.
var Sizes = []Size{
	{"a6", 105, 148},
	{"a5", 148, 210},
	{"poker", 63.5, 88.9},
}

// A4 is the sheet of the a4 format, portrait, in millimetres.
var A4 = Size{"a4", 210, 297}

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
	// AllowOverflow prints even when a card side does not fit.
	AllowOverflow bool
	// Title names the PDF document (its <title>).
	Title string
}

// Default is a print-shop deck of A6 cards with 3 mm bleed.
func Default() Options {
	return Options{Format: FormatDeck, Size: Sizes[0], Bleed: 3}
}

// Safe is how far text stays inside the trim, in mm: cutting is never exact.
const Safe = 4.0

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

// Validate reports options that cannot be printed: four cards of the size
// must fit on an A4 sheet.
func (o Options) Validate() error {
	if o.Format == FormatA4 && (2*o.Size.W > A4.W || 2*o.Size.H > A4.H) {
		return fmt.Errorf("%s cards do not fit four to an A4 sheet: use --size a6 or poker with --format a4, or --format deck", o.Size.Name)
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
}

// Geometry places the cards of o on the page.
func (o Options) Geometry() Geometry {
	if o.Format == FormatA4 {
		g := Geometry{PageW: A4.W, PageH: A4.H, Cols: 2, Rows: 2}
		// Cards side by side; when they are clearly smaller than half a
		// sheet, leave a gutter for cutting, and centre the block. A gutter
		// thinner than 2 mm would only be a white line on one of the cards.
		gap := func(spare float64) float64 {
			if spare < 6 {
				return 0
			}
			return min(6, spare/3)
		}
		g.GapX = gap(A4.W - 2*o.Size.W)
		g.GapY = gap(A4.H - 2*o.Size.H)
		g.X0 = (A4.W - 2*o.Size.W - g.GapX) / 2
		g.Y0 = (A4.H - 2*o.Size.H - g.GapY) / 2
		return g
	}
	m := o.Bleed
	if o.Marks {
		m = max(o.Bleed, MarkOffset) + MarkLength
	}
	return Geometry{PageW: o.Size.W + 2*m, PageH: o.Size.H + 2*m, Margin: m, Bleed: o.Bleed, Cols: 1, Rows: 1, X0: m, Y0: m}
}
