package cards

import (
	"fmt"
	"html/template"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// Link is where a card's back points: the card's page on the site.
type Link struct {
	// URL is the page's absolute URL, which the QR code holds.
	URL string
	// Short is the URL as printed beside the code, for typing: without
	// the scheme and the closing slash ("handboek.example.org/dimensies/feedback").
	Short string
	// Parts are Short cut after each "/": a printed address breaks only
	// there, never at a hyphen, where a reader would not know whether the
	// hyphen belongs to it.
	Parts []string
	// QR is the code as an inline SVG: one path of the dark modules on a
	// white square with the standard quiet zone of four modules. Chromium
	// prints it as vector paths, sharp at any size, unlike a bitmap.
	QR template.HTML
	// Modules is the code's width in modules, quiet zone included.
	Modules int
}

// cardLink makes the link of the page at pageURL ("/dimensies/feedback/")
// of a site at the absolute baseURL ("https://handboek.example.org/").
func cardLink(baseURL, pageURL string) (*Link, error) {
	u := strings.TrimSuffix(baseURL, "/") + "/" + strings.TrimPrefix(pageURL, "/")
	short := u
	for _, scheme := range []string{"https://", "http://"} {
		short = strings.TrimPrefix(short, scheme)
	}
	short = strings.TrimSuffix(short, "/")
	svg, n, err := qrSVG(u)
	if err != nil {
		return nil, fmt.Errorf("QR code for %s: %w", u, err)
	}
	return &Link{URL: u, Short: short, Parts: strings.SplitAfter(short, "/"), QR: svg, Modules: n}, nil
}

// qrSVG draws the QR code of text. Level M (15% of the code can be lost) is
// what printed codes usually take: a fold or a smudge does not stop a
// phone, and the code stays small (version 4, 41 modules, for a URL of 60
// characters).
func qrSVG(text string) (template.HTML, int, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return "", 0, err
	}
	bm := q.Bitmap()
	n := len(bm)
	var d strings.Builder
	for y, row := range bm {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			run := 1
			for x+run < len(row) && row[x+run] {
				run++
			}
			fmt.Fprintf(&d, "M%d %dh%dv1h-%dz", x, y, run, run)
			x += run
		}
	}
	// crispEdges: neighbouring modules meet without a hairline of
	// anti-aliasing between them.
	svg := fmt.Sprintf(`<svg class="card-qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %[1]d %[1]d" shape-rendering="crispEdges" role="img"><rect width="%[1]d" height="%[1]d" fill="#fff"/><path fill="#000" d="%[2]s"/></svg>`, n, d.String())
	return template.HTML(svg), n, nil
}
