package cardprint

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

// Overflow is a card side whose content does not fit its box, or whose
// text is clipped, or set under the type floor.
type Overflow struct {
	Card *site.Page
	Side string  // "front" or "back"
	MM   float64 // how much does not fit, in millimetres
	// Field is the front matter key of the text that does not fit
	// ("suggestions"), "" when the side as a whole does not.
	Field string
	// SmallPt, when set, is type on the side smaller than cards.LabelFloor.
	SmallPt float64
}

// Pos is where the text that does not fit is written: its front matter
// key, or the card's first line.
func (o Overflow) Pos() diag.Pos {
	if o.Field != "" && o.Card.Source != nil && o.Card.Source.Meta != nil {
		return o.Card.Source.Meta.KeyPos(o.Field)
	}
	return diag.Pos{File: o.Card.Path(), Line: 1}
}

// Message is the problem without its position.
func (o Overflow) Message() string {
	if o.SmallPt > 0 {
		return fmt.Sprintf("card %q (%s) sets text at %.1f pt, under the %g pt floor of labels and footers", o.Card.Title, o.Side, o.SmallPt, cards.LabelFloor)
	}
	return fmt.Sprintf("card %q (%s) overflows by %.1f mm", o.Card.Title, o.Side, o.MM)
}

func (o Overflow) String() string { return o.Pos().String() + ": " + o.Message() }

// OverflowError lists every card side that does not fit.
type OverflowError struct{ Overflows []Overflow }

func (e *OverflowError) Error() string {
	var b strings.Builder
	for _, o := range e.Overflows {
		b.WriteString(o.String())
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "%d card side(s) do not fit: shorten the text, choose a larger --size, or print anyway with --allow-overflow", len(e.Overflows))
	return b.String()
}

// Report records overflows as errors in diags, for `handboek check`.
func Report(overflows []Overflow, diags *diag.List) {
	for _, o := range overflows {
		diags.Errorf(o.Pos(), "%s", o.Message())
	}
}

// Side is how one card side was set: its body type size, and how many of
// its suggestions it shows when it cannot show them all.
type Side struct {
	Card *site.Page
	Side string
	// Pt is the body type size, in points.
	Pt float64
	// Shown of Total suggestions are on the side; both 0 when all are.
	Shown, Total int
	// MinPt is the smallest type on the side, in points.
	MinPt float64
}

// fitJS sets the type of every side and measures it: see fit.js. It runs
// in the deck's page, and leaves the sides there as they print.
//
//go:embed fit.js
var fitJS string

// fitParams are fit.js's parameters.
type fitParams struct {
	PageW float64   `json:"pageW"`
	Steps []float64 `json:"steps"`
	Sizes []string  `json:"sizes"`
	Edge  float64   `json:"edge"`
	Tol   float64   `json:"tol"`
}

type measured struct {
	Font  bool `json:"font"`
	Sides []struct {
		Card  int     `json:"card"`
		Side  string  `json:"side"`
		Pt    float64 `json:"pt"`
		Shown int     `json:"shown"`
		Total int     `json:"total"`
		MM    float64 `json:"mm"`
		Field string  `json:"field"`
		MinPt float64 `json:"minPt"`
	} `json:"sides"`
}

// tolerance is layout rounding, in mm: under it, text is still 3.6 mm
// inside the trim.
const tolerance = 0.4

// load puts the deck into the tab with print media emulated, so the layout
// measured is the layout printed, sets every side's type (the largest that
// fits, down to cards.BodyFloor; at the floor, the suggestions that fit)
// and returns how each side was set and what does not fit.
func load(tab context.Context, d *cards.Deck) ([]Side, []Overflow, error) {
	dir, err := os.MkdirTemp("", "handboek-cards-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "deck.html")
	if err := os.WriteFile(file, d.HTML, 0o600); err != nil {
		return nil, nil, err
	}
	for name, data := range d.Files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			return nil, nil, err
		}
	}
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		return nil, nil, fmt.Errorf("emulating print media: %w", err)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(file)}
	if err := chromedp.Do(tab, chromedp.Navigate(u.String())); err != nil {
		return nil, nil, fmt.Errorf("loading the deck: %w", err)
	}
	g := d.Geometry
	steps := d.Options.Size.TypeSteps()
	sizes := make([]string, len(steps))
	for i, pt := range steps {
		sizes[i] = cards.TypeCSS(pt)
	}
	params, err := json.Marshal(fitParams{PageW: g.PageW, Steps: steps, Sizes: sizes, Edge: g.Bleed + g.Safe, Tol: tolerance})
	if err != nil {
		return nil, nil, err
	}
	m, err := chromedp.Run(tab, chromedp.Evaluate[measured]("("+fitJS+")("+string(params)+")", chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, nil, fmt.Errorf("measuring the cards: %w", err)
	}
	if !m.Font {
		return nil, nil, fmt.Errorf("the card font did not load in the browser")
	}
	var sides []Side
	var out []Overflow
	for _, s := range m.Sides {
		if s.Card < 0 || s.Card >= len(d.Cards) {
			continue
		}
		c := d.Cards[s.Card]
		sides = append(sides, Side{Card: c, Side: s.Side, Pt: s.Pt, Shown: s.Shown, Total: s.Total, MinPt: s.MinPt})
		if s.MM > 0 {
			out = append(out, Overflow{Card: c, Side: s.Side, MM: math.Ceil(s.MM*10) / 10, Field: s.Field})
		}
		if s.MinPt > 0 && s.MinPt < cards.LabelFloor-0.05 {
			out = append(out, Overflow{Card: c, Side: s.Side, SmallPt: s.MinPt})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Card.Path() != out[j].Card.Path() {
			return out[i].Card.Path() < out[j].Card.Path()
		}
		return out[i].Side > out[j].Side // front before back
	})
	return sides, out, nil
}

// Fit loads the deck in the browser tab, sets every side's type, and
// returns how each side was set and every side that does not fit, in file
// order.
func Fit(tab context.Context, d *cards.Deck) ([]Side, []Overflow, error) { return load(tab, d) }

// Measure loads the deck in the browser tab and returns every card side
// whose content does not fit, in file order.
func Measure(tab context.Context, d *cards.Deck) ([]Overflow, error) {
	_, over, err := load(tab, d)
	return over, err
}

// Print measures the deck and prints it to PDF in the tab: one print for the
// whole deck. When a side overflows and opts.AllowOverflow is off, it returns
// an *OverflowError and no PDF; with it on, the overflows are returned along
// with the PDF. Progress lines go to progress (may be nil).
func Print(tab context.Context, d *cards.Deck, progress io.Writer) ([]byte, []Overflow, error) {
	if progress == nil {
		progress = io.Discard
	}
	start := time.Now()
	sides, over, err := load(tab, d)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(progress, "cards: laid out %d cards on %d pages (%s, %s) in %d ms\n", len(d.Cards), d.Pages, d.Options.Format, d.Options.Size.Name, time.Since(start).Milliseconds())
	fmt.Fprintln(progress, "cards: "+typeSummary(sides))
	if len(over) > 0 && !d.Options.AllowOverflow {
		return nil, over, &OverflowError{Overflows: over}
	}
	t := time.Now()
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground(), chromedp.PDFScale(1/float64(cards.Zoom))))
	if err != nil {
		return nil, over, fmt.Errorf("printing the deck: %w", err)
	}
	pdf, err = SetBoxes(pdf, d.Options)
	if err != nil {
		return nil, over, err
	}
	fmt.Fprintf(progress, "cards: printed %d pages (%d KB) in %d ms\n", d.Pages, len(pdf)/1024, time.Since(t).Milliseconds())
	return pdf, over, nil
}

// typeSummary says in one line how the deck's sides were set: the range of
// body sizes, and how many sides show only part of their suggestions.
func typeSummary(sides []Side) string {
	if len(sides) == 0 {
		return "no card sides"
	}
	lo, hi := sides[0].Pt, sides[0].Pt
	cut, online := 0, 0
	for _, s := range sides {
		lo, hi = min(lo, s.Pt), max(hi, s.Pt)
		if s.Total > 0 {
			cut++
			online += s.Total - s.Shown
		}
	}
	msg := fmt.Sprintf("body type %g-%g pt", lo, hi)
	if cut > 0 {
		msg += fmt.Sprintf("; %d side(s) show the suggestions that fit, %d more are on the cards' pages", cut, online)
	}
	return msg
}
