package cardprint

import (
	"context"
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

// Overflow is a card side whose content does not fit its box.
type Overflow struct {
	Card *site.Page
	Side string  // "front" or "back"
	MM   float64 // how much does not fit, in millimetres
}

// Pos is where the card is written.
func (o Overflow) Pos() diag.Pos { return diag.Pos{File: o.Card.Path(), Line: 1} }

// Message is the problem without its position.
func (o Overflow) Message() string {
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

// measureJS waits for the fonts, then compares every data-fit box (or the
// whole slot when a template marks none) with its content, in mm: the first
// sheet's width in px against its width in mm (%v) gives the scale, whatever
// the zoom. Under 0.4 mm is layout rounding, and still 3.6 mm inside the trim.
const measureJS = `(async () => {
  await document.fonts.ready;
  const sheet = document.querySelector('.sheet');
  const perMM = sheet ? sheet.getBoundingClientRect().width / %v : 96 / 25.4;
  const out = [];
  for (const slot of document.querySelectorAll('[data-card]')) {
    let boxes = [...slot.querySelectorAll('[data-fit]')];
    if (!boxes.length) boxes = [slot];
    let over = 0;
    for (const box of boxes) {
      const b = box.getBoundingClientRect();
      const r = document.createRange();
      r.selectNodeContents(box);
      const c = r.getBoundingClientRect();
      // scroll sizes are in the element's own pixels: scale them by its box.
      const sy = box.clientHeight ? b.height / box.clientHeight : 1;
      const sx = box.clientWidth ? b.width / box.clientWidth : 1;
      over = Math.max(over, c.bottom - b.bottom, (box.scrollHeight - box.clientHeight) * sy, (box.scrollWidth - box.clientWidth) * sx);
    }
    const mm = over / perMM;
    if (mm > 0.4) out.push({card: +slot.dataset.card, side: slot.dataset.side, mm: mm});
  }
  return {font: document.fonts.check('700 12px "Card Sans"') && document.fonts.check('400 12px "Card Sans"'), sides: out};
})()`

type measured struct {
	Font  bool `json:"font"`
	Sides []struct {
		Card int     `json:"card"`
		Side string  `json:"side"`
		MM   float64 `json:"mm"`
	} `json:"sides"`
}

// load puts the deck into the tab with print media emulated, so the layout
// measured is the layout printed, and returns its measurements.
func load(tab context.Context, d *cards.Deck) ([]Overflow, error) {
	dir, err := os.MkdirTemp("", "handboek-cards-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "deck.html")
	if err := os.WriteFile(file, d.HTML, 0o600); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		return nil, fmt.Errorf("emulating print media: %w", err)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(file)}
	if err := chromedp.Do(tab, chromedp.Navigate(u.String())); err != nil {
		return nil, fmt.Errorf("loading the deck: %w", err)
	}
	m, err := chromedp.Run(tab, chromedp.Evaluate[measured](strings.ReplaceAll(measureJS, "%v", cards.MM(d.Geometry.PageW)), chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("measuring the cards: %w", err)
	}
	if !m.Font {
		return nil, fmt.Errorf("the card font did not load in the browser")
	}
	var out []Overflow
	for _, s := range m.Sides {
		if s.Card < 0 || s.Card >= len(d.Cards) {
			continue
		}
		out = append(out, Overflow{Card: d.Cards[s.Card], Side: s.Side, MM: math.Ceil(s.MM*10) / 10})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Card.Path() != out[j].Card.Path() {
			return out[i].Card.Path() < out[j].Card.Path()
		}
		return out[i].Side > out[j].Side // front before back
	})
	return out, nil
}

// Measure loads the deck in the browser tab and returns every card side
// whose content does not fit, in file order.
func Measure(tab context.Context, d *cards.Deck) ([]Overflow, error) { return load(tab, d) }

// Print measures the deck and prints it to PDF in the tab: one print for the
// whole deck. When a side overflows and opts.AllowOverflow is off, it returns
// an *OverflowError and no PDF; with it on, the overflows are returned along
// with the PDF. Progress lines go to progress (may be nil).
func Print(tab context.Context, d *cards.Deck, progress io.Writer) ([]byte, []Overflow, error) {
	if progress == nil {
		progress = io.Discard
	}
	start := time.Now()
	over, err := load(tab, d)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(progress, "cards: laid out %d cards on %d pages (%s, %s) in %d ms\n", len(d.Cards), d.Pages, d.Options.Format, d.Options.Size.Name, time.Since(start).Milliseconds())
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
