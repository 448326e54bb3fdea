package cardprint_test

import (
	"os"

	"github.com/chromedp/chromedp"
	"testing"

	"github.com/handboek/handboek/internal/browser/browsertest"
	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/cards/cardprint"
)

func TestZZDebug(t *testing.T) {
	size := os.Getenv("DEBUG_SIZE")
	if size == "" {
		t.Skip()
	}
	tab := browsertest.New(t)
	s := defaultHandbook(t)
	opts := cards.Default()
	opts.Size, _ = cards.ParseSize(size)
	if os.Getenv("DEBUG_A4") != "" {
		opts.Format = cards.FormatA4
	}
	d := layout(t, s, mustSelect(t, s, opts), opts)
	sides, over, err := cardprint.Fit(step(t, tab), d)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sides {
		t.Logf("%-50s %-5s %4.1fpt %d/%d min %.2f", s.Card.Title, s.Side, s.Pt, s.Shown, s.Total, s.MinPt)
	}
	t.Log(over)
	js := `(() => { const sheet = document.querySelector('.sheet'); const perMM = sheet.getBoundingClientRect().width / ` + cards.MM(d.Geometry.PageW) + `;
	let out = {front: 1e9, back: 1e9, titleFront: 1e9, titleBack: 1e9};
	for (const slot of document.querySelectorAll('[data-card]')) {
	  const band = slot.querySelector('.card-band').getBoundingClientRect();
	  for (const el of slot.querySelectorAll('.card-band .card-kind, .card-band .card-title, .card-band .card-back-title')) {
	    const r = document.createRange(); r.selectNodeContents(el); const rr = r.getBoundingClientRect();
	    const gap = (band.bottom - rr.bottom) / perMM;
	    const k = el.matches('.card-kind') ? slot.dataset.side : (slot.dataset.side == 'front' ? 'titleFront' : 'titleBack');
	    out[k] = Math.min(out[k], gap);
	  }
	}
	return out; })()`
	v, err := chromedp.Run(step(t, tab), chromedp.Evaluate[map[string]float64](js))
	t.Log(v, err)
}
