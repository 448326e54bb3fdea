package cardprint

import (
	"bytes"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// ValidPDF is for the print tests: pdfcpu reads and validates (relaxed)
// what SetBoxes wrote.
func ValidPDF(pdf []byte) (int, error) {
	disablePDFConfig()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadAndValidate(bytes.NewReader(pdf), conf)
	if err != nil {
		return 0, err
	}
	return ctx.PageCount, nil
}
