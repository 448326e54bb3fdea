package cards

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/handboek/handboek/internal/site"
)

// The card font must be a static TrueType font: Chromium embeds those as
// TrueType subsets, but turns CFF (.otf) and variable fonts into Type 3
// outlines, which print shops reject. A theme ships its own as
// static/fonts/card-regular.ttf and card-bold.ttf; otherwise an installed
// Noto Sans (Debian: fonts-noto-core) or DejaVu Sans is used. No font is
// ever fetched from the internet.
var systemFonts = []struct{ Name, Regular, Bold string }{
	{"Noto Sans", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"},
	{"DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
}

// ErrNoFont is returned when neither the theme nor the system has a font.
var ErrNoFont = errors.New("no TrueType font for the cards: install Noto Sans (Debian/Ubuntu: `apt-get install -y fonts-noto-core`) or put static/fonts/card-regular.ttf and card-bold.ttf in the site")

// Font is the card font, both weights, as file bytes.
type Font struct {
	Name          string // as the README and --help call it
	Regular, Bold []byte
}

// FindFont returns the theme's card font, or an installed one.
func FindFont(theme *site.Theme) (*Font, error) {
	if theme != nil {
		r, _, errR := theme.ReadFile("static/fonts/card-regular.ttf")
		b, _, errB := theme.ReadFile("static/fonts/card-bold.ttf")
		if errR == nil && errB == nil {
			for _, f := range [][]byte{r, b} {
				if !isTrueType(f) {
					return nil, errors.New("static/fonts/card-regular.ttf and card-bold.ttf must be static TrueType fonts (not CFF .otf, which Chromium embeds as Type 3)")
				}
			}
			return &Font{Name: "the theme's card font", Regular: r, Bold: b}, nil
		}
	}
	for _, f := range systemFonts {
		r, err := os.ReadFile(f.Regular)
		if err != nil {
			continue
		}
		b, err := os.ReadFile(f.Bold)
		if err != nil {
			continue
		}
		return &Font{Name: f.Name, Regular: r, Bold: b}, nil
	}
	return nil, ErrNoFont
}

// fontFiles are the names the deck's HTML gives the two weights: the print
// stage writes them beside it (Deck.Files).
var fontFiles = [2]string{"card-sans-400.ttf", "card-sans-700.ttf"}

// css declares the font as files beside the deck, so the print page needs
// no network. Files, not data: URLs: Chromium reads a local font in a
// fraction of the time it takes to parse and decode two 700 KB base64
// strings (a cold deck loaded 0.35 s against 1.0 s). Only the print HTML
// carries it, never the site.
func (f *Font) css() string {
	var b strings.Builder
	for i, weight := range []int{400, 700} {
		fmt.Fprintf(&b, "@font-face{font-family:\"Card Sans\";font-style:normal;font-weight:%d;src:url(%s) format(\"truetype\")}\n", weight, fontFiles[i])
	}
	return b.String()
}

// files are the font's files by the names css gives them.
func (f *Font) files() map[string][]byte {
	return map[string][]byte{fontFiles[0]: f.Regular, fontFiles[1]: f.Bold}
}

// isTrueType reports whether data starts like a TrueType font (sfnt version
// 1.0 or "true"), not a CFF-flavoured OpenType font ("OTTO").
func isTrueType(data []byte) bool {
	if len(data) < 4 {
		return false
	}
	v := string(data[:4])
	return v == "\x00\x01\x00\x00" || v == "true"
}
