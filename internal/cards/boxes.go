package cards

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// pdfcpu reads a configuration directory under the user's home unless told
// not to, and exits the process when that fails; handboek needs none of it.
var disablePDFConfig = sync.OnceFunc(api.DisableConfigDir)

// ptPerMM converts millimetres to PDF points.
const ptPerMM = 72 / 25.4

// SetBoxes sets TrimBox and BleedBox on every page. Chromium writes only a
// MediaBox; a print shop's tools read the TrimBox to cut and the BleedBox to
// know how far the artwork goes. Both are computed from each page's real
// MediaBox, inset by the margin (and margin minus bleed) of the layout, so
// rounding in Chromium's page size cannot shift them.
func SetBoxes(pdf []byte, opts Options) ([]byte, error) {
	disablePDFConfig()
	g := opts.geometry()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Offline = true
	ctx, err := api.ReadAndValidate(bytes.NewReader(pdf), conf)
	if err != nil {
		return nil, fmt.Errorf("reading the printed PDF: %w", err)
	}
	trim := g.Margin * ptPerMM
	bleed := (g.Margin - g.Bleed) * ptPerMM
	if opts.Format == FormatA4 {
		trim, bleed = 0, 0 // the sheet is the final size
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
		inset := func(v float64) types.Array {
			return types.NewRectangle(m.LL.X+v, m.LL.Y+v, m.UR.X-v, m.UR.Y-v).Array()
		}
		d.Update("TrimBox", inset(trim))
		d.Update("BleedBox", inset(bleed))
	}
	var out bytes.Buffer
	if err := api.WriteContext(ctx, &out); err != nil {
		return nil, fmt.Errorf("writing the PDF: %w", err)
	}
	return out.Bytes(), nil
}
