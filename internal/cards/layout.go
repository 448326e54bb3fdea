package cards

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

// Templates are the theme files a deck is made from, below layouts/. A site
// overrides any of them by the same path in its own layouts/.
var Templates = []string{"cards/deck.html", "cards/front.html", "cards/back.html"}

// StyleFile is the theme's card stylesheet; it is inlined into the deck.
const StyleFile = "layouts/cards/cards.css"

// Deck is a laid-out deck: the HTML to print and the cards on it.
type Deck struct {
	HTML  []byte
	Cards []*site.Page
	// Pages is the number of pages the PDF will have.
	Pages int
	// Options are the options the deck was laid out with, Geometry where
	// they put things: the printer sets the PDF's boxes from them.
	Options  Options
	Geometry Geometry
}

// Select returns the site's cards of the given kinds (all when empty), in
// site order: by section, then number.
func Select(s *site.Site, kinds []string) []*site.Page {
	var out []*site.Page
	for _, c := range s.Cards {
		if len(kinds) == 0 || slices.Contains(kinds, c.Kind) {
			out = append(out, c)
		}
	}
	return out
}

// Card is what front.html and back.html execute with: the card's page (its
// front matter fields: .Title, .Kind, .Number, .Summary, .Challenges, .Why,
// .Not, .Support, .Suggestions, .Related) plus helpers.
type Card struct {
	*site.Page
	Side  string // "front" or "back"
	Index int    // position in the deck, from 0
	site  *site.Site
}

// T returns a UI string in the site's language.
func (c *Card) T(key string) string { return c.site.T(key) }

// KindLabel is the human name of a kind ("Dimensie").
func (c *Card) KindLabel(kind string) string { return c.site.T("kind_" + kind) }

// SiteTitle is the handbook's title, for the card's footer.
func (c *Card) SiteTitle() string { return c.site.Title }

// RelatedCards are the related pages that are cards themselves.
func (c *Card) RelatedCards() []*site.Page {
	var out []*site.Page
	for _, r := range c.Page.Related {
		if r.IsCard() {
			out = append(out, r)
		}
	}
	return out
}

type deckData struct {
	Title  string
	Lang   string
	Format string
	Style  template.CSS
	Sheets []sheet
}

type sheet struct {
	Side  string
	Slots []slot
	Marks []template.CSS
}

type slot struct {
	Card  *Card
	Style template.CSS
}

// Layout makes the deck's HTML from the theme's card templates. Template
// problems are recorded in diags with file:line; the deck is nil then.
func Layout(s *site.Site, cards []*site.Page, font *Font, opts Options, diags *diag.List) *Deck {
	theme := s.Theme()
	tpl := theme.Standalone(Templates, nil, diags)
	css, cssName, err := theme.ReadFile(StyleFile)
	if err != nil {
		diags.Errorf(diag.Pos{File: cssName}, "%v", err)
	}
	if tpl == nil || err != nil {
		return nil
	}
	g := opts.Geometry()
	d := &Deck{Cards: cards, Geometry: g, Options: opts}
	data := deckData{Title: opts.Title, Lang: s.Lang, Format: opts.Format}
	if data.Title == "" {
		data.Title = s.Title
	}
	var style strings.Builder
	style.WriteString(g.css(opts, s.Config.Colors.Primary, s.Config.Colors.Accent))
	style.WriteString(font.css())
	style.Write(css)
	data.Style = template.CSS(style.String())

	card := func(i int, side string) *Card { return &Card{Page: cards[i], Side: side, Index: i, site: s} }
	if opts.Format == FormatA4 {
		per := g.Cols * g.Rows
		for first := 0; first < len(cards); first += per {
			front := sheet{Side: "front", Marks: g.cutMarks(opts.Size)}
			back := sheet{Side: "back", Marks: front.Marks}
			for r := 0; r < g.Rows; r++ {
				for col := 0; col < g.Cols; col++ {
					i := first + r*g.Cols + col
					// Long-edge duplex flips the sheet about its vertical
					// axis: the card in column c has its back in column
					// cols-1-c.
					fs := slot{Style: g.slotStyle(col, r, opts.Size)}
					bs := slot{Style: g.slotStyle(g.Cols-1-col, r, opts.Size)}
					if i < len(cards) {
						fs.Card, bs.Card = card(i, "front"), card(i, "back")
					}
					front.Slots = append(front.Slots, fs)
					back.Slots = append(back.Slots, bs)
				}
			}
			data.Sheets = append(data.Sheets, front, back)
		}
	} else {
		var marks []template.CSS
		if opts.Marks {
			marks = g.cropMarks(opts.Size)
		}
		st := template.CSS(fmt.Sprintf("left:%smm;top:%smm;width:%smm;height:%smm",
			MM(g.Margin-g.Bleed), MM(g.Margin-g.Bleed), MM(opts.Size.W+2*g.Bleed), MM(opts.Size.H+2*g.Bleed)))
		for i := range cards {
			for _, side := range []string{"front", "back"} {
				data.Sheets = append(data.Sheets, sheet{Side: side, Slots: []slot{{Card: card(i, side), Style: st}}, Marks: marks})
			}
		}
	}
	d.Pages = len(data.Sheets)
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, data); err != nil {
		_, display, _ := theme.ReadFile("layouts/" + Templates[0])
		diags.Errorf(diag.Pos{File: display}, "%v", err)
		return nil
	}
	d.HTML = buf.Bytes()
	return d
}

// MM formats a length in mm without needless digits, as the deck's CSS
// writes it.
func MM(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", v), "0"), ".")
}

// Zoom is how much larger than printed the deck is laid out; it is printed
// at 1/zoom. Chromium places every line of text on a whole CSS pixel (0.26
// mm), so lines of one paragraph end up 0.75 pt apart or not, which shows on
// paper; laid out four times larger, the steps are 0.07 mm. CSS zoom keeps
// the theme's lengths as written, and @page is not zoomed.
const Zoom = 4

// css is the page geometry: the mechanics of the layout, which the theme's
// stylesheet builds on through the custom properties.
func (g Geometry) css(opts Options, primary, accent string) string {
	bleed := g.Bleed
	if opts.Format == FormatA4 {
		bleed = 0
	}
	return fmt.Sprintf(`@page{size:%[1]smm %[2]smm;margin:0}
:root{--card-w:%[3]smm;--card-h:%[4]smm;--bleed:%[5]smm;--safe:%[6]smm;--primary:%[7]s;--accent:%[8]s}
html{zoom:%[9]d}
html,body{margin:0;padding:0;background:#fff}
*,*::before,*::after{box-sizing:border-box}
.sheet{position:relative;width:%[1]smm;height:%[2]smm;overflow:hidden;break-after:page;page-break-after:always}
.sheet:last-child{break-after:auto;page-break-after:auto}
.slot{position:absolute;overflow:hidden}
.mark{position:absolute;background:#000;z-index:2}
.format-a4 .mark{box-shadow:0 0 0 0.15mm #fff}
`, MM(g.PageW), MM(g.PageH), MM(opts.Size.W), MM(opts.Size.H), MM(bleed), MM(Safe), cssColor(primary, "#1f5f8b"), cssColor(accent, "#b4520f"), Zoom)
}

// cssColor passes a configured colour (validated as hex by config) or the default.
func cssColor(c, def string) string {
	if c == "" || !strings.HasPrefix(c, "#") {
		return def
	}
	return c
}

func (g Geometry) slotStyle(col, row int, size Size) template.CSS {
	x := g.X0 + float64(col)*(size.W+g.GapX)
	y := g.Y0 + float64(row)*(size.H+g.GapY)
	return template.CSS(fmt.Sprintf("left:%smm;top:%smm;width:%smm;height:%smm", MM(x), MM(y), MM(size.W), MM(size.H)))
}

// markWidth is the stroke of a crop or cut mark: 0.25 pt, the usual hairline.
const markWidth = 0.25 * 25.4 / 72

func line(x, y, w, h float64) template.CSS {
	return template.CSS(fmt.Sprintf("left:%smm;top:%smm;width:%smm;height:%smm", MM(x), MM(y), MM(w), MM(h)))
}

// cropMarks are the print shop's marks at the four trim corners, outside the
// bleed, MarkOffset away from the trim.
func (g Geometry) cropMarks(size Size) []template.CSS {
	x0, y0 := g.Margin, g.Margin
	x1, y1 := x0+size.W, y0+size.H
	off := max(g.Bleed, MarkOffset)
	t := markWidth
	var out []template.CSS
	for _, y := range []float64{y0, y1} {
		out = append(out, line(x0-off-MarkLength, y-t/2, MarkLength, t), line(x1+off, y-t/2, MarkLength, t))
	}
	for _, x := range []float64{x0, x1} {
		out = append(out, line(x-t/2, y0-off-MarkLength, t, MarkLength), line(x-t/2, y1+off, t, MarkLength))
	}
	return out
}

// cutMarks on an A4 sheet: a tick at both sheet edges for every cut line, and
// a cross where two cut lines meet between cards.
func (g Geometry) cutMarks(size Size) []template.CSS {
	const tick = 5.0
	t := markWidth
	cuts := func(start, length, gap, page float64, n int) []float64 {
		var out []float64
		for i := 0; i < n; i++ {
			a := start + float64(i)*(length+gap)
			for _, v := range []float64{a, a + length} {
				// A card edge on the sheet edge needs no cut.
				if v > 1 && v < page-1 && !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
		return out
	}
	xs := cuts(g.X0, size.W, g.GapX, g.PageW, g.Cols)
	ys := cuts(g.Y0, size.H, g.GapY, g.PageH, g.Rows)
	var out []template.CSS
	for _, x := range xs {
		out = append(out, line(x-t/2, 0, t, tick), line(x-t/2, g.PageH-tick, t, tick))
	}
	for _, y := range ys {
		out = append(out, line(0, y-t/2, tick, t), line(g.PageW-tick, y-t/2, tick, t))
	}
	for _, x := range xs {
		for _, y := range ys {
			out = append(out, line(x-tick/2, y-t/2, tick, t), line(x-t/2, y-tick/2, t, tick))
		}
	}
	return out
}
