package cardprint

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/handboek/handboek/internal/cards"
)

// pdfcpu reads a configuration directory under the user's home unless told
// not to, and exits the process when that fails; handboek needs none of it.
var disablePDFConfig = sync.OnceFunc(api.DisableConfigDir)

// ptPerMM converts millimetres to PDF points.
const ptPerMM = 72 / 25.4

// SetBoxes crops every page to the sheet's exact size and sets its TrimBox
// and BleedBox. Chromium writes only a MediaBox, and rounds the page size
// to its own units (up to 0.2 mm off), so the deck is printed on pages
// cards.PagePad larger, with each sheet in the top-left corner; here the
// MediaBox and CropBox become the sheet, to the hundredth of a point. A
// print shop's tools read the TrimBox to cut and the BleedBox to know how
// far the artwork goes.
func SetBoxes(pdf []byte, opts cards.Options) ([]byte, error) {
	disablePDFConfig()
	g := opts.Geometry()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Offline = true
	// Read without validating: the file comes straight from Chromium, and
	// validating a 500-page deck costs more than setting its boxes. The
	// tests validate what this writes.
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err == nil {
		err = ctx.EnsurePageCount()
	}
	if err != nil {
		return nil, fmt.Errorf("reading the printed PDF: %w", err)
	}
	// Rectangles in mm from the page's top-left corner: x, y, width, height.
	trim := [4]float64{g.Margin, g.Margin, opts.Size.W, opts.Size.H}
	bleed := [4]float64{g.Margin - g.Bleed, g.Margin - g.Bleed, opts.Size.W + 2*g.Bleed, opts.Size.H + 2*g.Bleed}
	if opts.Format == cards.FormatA4 {
		// The sheet is the final size.
		trim = [4]float64{0, 0, g.PageW, g.PageH}
		bleed = trim
	}
	for i := 1; i <= ctx.PageCount; i++ {
		d, _, inh, err := ctx.PageDict(i, false)
		if err != nil {
			return nil, fmt.Errorf("page %d of the printed PDF: %w", i, err)
		}
		if d == nil || inh == nil || inh.MediaBox == nil {
			return nil, fmt.Errorf("page %d of the printed PDF has no MediaBox", i)
		}
		m := inh.MediaBox
		if m.Width() < g.PageW*ptPerMM-0.01 || m.Height() < g.PageH*ptPerMM-0.01 {
			return nil, fmt.Errorf("page %d of the printed PDF is %.2f x %.2f pt, smaller than the sheet (%s x %s mm)", i, m.Width(), m.Height(), cards.MM(g.PageW), cards.MM(g.PageH))
		}
		// The page's top-left corner, where the sheet is.
		left, top := m.LL.X, m.UR.Y
		box := func(r [4]float64) types.Array {
			return types.NewRectangle(left+r[0]*ptPerMM, top-(r[1]+r[3])*ptPerMM, left+(r[0]+r[2])*ptPerMM, top-r[1]*ptPerMM).Array()
		}
		sheet := box([4]float64{0, 0, g.PageW, g.PageH})
		d.Update("MediaBox", sheet)
		d.Update("CropBox", sheet)
		d.Update("TrimBox", box(trim))
		d.Update("BleedBox", box(bleed))
	}
	var out bytes.Buffer
	if err := api.WriteContext(ctx, &out); err != nil {
		return nil, fmt.Errorf("writing the PDF: %w", err)
	}
	return out.Bytes(), nil
}
