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
	HTML []byte
	// Files are what HTML refers to by a relative name (the font): the
	// printer puts them beside it.
	Files map[string][]byte
	Cards []*site.Page
	// Pages is the number of pages the PDF will have.
	Pages int
	// Options are the options the deck was laid out with, Geometry where
	// they put things: the printer sets the PDF's boxes from them.
	Options  Options
	Geometry Geometry
}

// Card is what front.html and back.html execute with: the card's page (its
// front matter fields: .Title, .Kind, .Number, .Summary, .Challenges, .Why,
// .Not, .Support, .Suggestions, .Related) plus helpers.
type Card struct {
	*site.Page
	Side  string // "front" or "back"
	Index int    // position in the deck, from 0
	// Link is the card's page on the site, with its QR code; nil when the
	// deck has no QR codes (Options.QR off, or no absolute baseURL).
	Link *Link
	site *site.Site
}

// T returns a UI string in the site's language.
func (c *Card) T(key string) string { return c.site.T(key) }

// KindLabel is the human name of a kind ("Dimensie").
func (c *Card) KindLabel(kind string) string { return c.site.T("kind_" + kind) }

// Label names a card the one way both its sides and every list of related
// cards name it: "Dimensie 1".
func (c *Card) Label(p *site.Page) string { return fmt.Sprintf("%s %d", c.KindLabel(p.Kind), p.Number) }

// SiteTitle is the handbook's title, for the card's footer.
func (c *Card) SiteTitle() string { return c.site.Title }

// RelatedCards are the related pages that are cards themselves.
func (c *Card) RelatedCards() []*site.Page {
	var out []*site.Page
	for _, r := range c.Page.Related() {
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
	d := &Deck{Cards: cards, Geometry: g, Options: opts, Files: font.files()}
	data := deckData{Title: opts.Title, Lang: s.Lang, Format: opts.Format}
	if data.Title == "" {
		data.Title = s.Title
	}
	var style strings.Builder
	style.WriteString(g.css(opts, s.Config.Colors.Primary, s.Config.Colors.Accent))
	style.WriteString(font.css())
	style.Write(css)
	data.Style = template.CSS(style.String())

	links := make([]*Link, len(cards))
	if opts.QR && s.Config.IsAbsolute() {
		for i, c := range cards {
			if links[i], err = cardLink(s.Config.BaseURL, c.URL); err != nil {
				diags.Errorf(c.Source.Pos(), "%v", err)
				return nil
			}
		}
	}
	card := func(i int, side string) *Card {
		return &Card{Page: cards[i], Side: side, Index: i, Link: links[i], site: s}
	}
	if opts.Format == FormatA4 {
		per := g.Cols * g.Rows
		marks := g.cutMarks(opts.Size)
		for first := 0; first < len(cards); first += per {
			// Marks on the fronts only: that is the side one cuts from,
			// and duplex never lands the backs exactly behind them.
			front := sheet{Side: "front", Marks: marks}
			back := sheet{Side: "back"}
			for r := 0; r < g.Rows; r++ {
				for col := 0; col < g.Cols; col++ {
					i := first + r*g.Cols + col
					// Long-edge duplex flips the sheet about its vertical
					// axis: the card in column c has its back in column
					// cols-1-c.
					fs := slot{Style: g.artStyle(col, r, opts.Size)}
					bs := slot{Style: g.artStyle(g.Cols-1-col, r, opts.Size)}
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
		st := box(g.Margin-g.Bleed, g.Margin-g.Bleed, opts.Size.W+2*g.Bleed, opts.Size.H+2*g.Bleed)
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

// PagePad is how much larger than the sheet each page is printed, in mm.
// Chromium rounds a page's size to its own units, up or down by up to 0.2
// mm, which would cut the bleed short or leave a white sliver beside it.
// So each page is printed a little larger, with the sheet in its top-left
// corner, and the print stage crops the PDF's pages to the sheet's exact
// size.
const PagePad = 1.0

// css is the page geometry: the mechanics of the layout, which the theme's
// stylesheet builds on through the custom properties. --fs is the body type
// size and --air the theme's extra spacing (0 to 1), which the print stage
// sets per card side (see Size.TypeSteps). Every side starts at the largest
// size with full air, the most a side can have: a side that fits so in the
// deck's first layout needs no other.
func (g Geometry) css(opts Options, primary, accent string) string {
	return fmt.Sprintf(`@page{size:%[1]smm %[2]smm;margin:0}
:root{--card-w:%[3]smm;--card-h:%[4]smm;--bleed:%[5]smm;--safe:%[6]smm;--primary:%[7]s;--accent:%[8]s;--fs:%[10]s;--air:1}
html{zoom:%[9]d}
html,body{margin:0;padding:0;background:#fff}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.sheet{position:relative;width:%[11]smm;height:%[12]smm;overflow:hidden;break-after:page;page-break-after:always}
.sheet:last-child{break-after:auto;page-break-after:auto}
.slot{position:absolute;overflow:hidden;contain:strict}
.mark{position:absolute;background:#000;z-index:2}
.format-a4 .mark{background:#777}
`, MM(g.PageW+PagePad), MM(g.PageH+PagePad), MM(opts.Size.W), MM(opts.Size.H), MM(g.Bleed), MM(g.Safe),
		cssColor(primary, "#1f5f8b"), cssColor(accent, "#b4520f"), Zoom, TypeCSS(opts.Size.TypeSteps()[0]), MM(g.PageW), MM(g.PageH))
}

// cssColor passes a configured colour (validated as hex by config) or the default.
func cssColor(c, def string) string {
	if c == "" || !strings.HasPrefix(c, "#") {
		return def
	}
	return c
}

// Rect is a rectangle on a sheet, in mm.
type Rect struct{ X, Y, W, H float64 }

// Art is where card (col, row) of an A4 sheet has its art: its trim box
// inside the white frame.
func (g Geometry) Art(col, row int, size Size) Rect {
	x, y := g.Slot(col, row, size)
	return Rect{x + g.Frame, y + g.Frame, size.W - 2*g.Frame, size.H - 2*g.Frame}
}

func (g Geometry) artStyle(col, row int, size Size) template.CSS {
	r := g.Art(col, row, size)
	return box(r.X, r.Y, r.W, r.H)
}

func box(x, y, w, h float64) template.CSS {
	return template.CSS(fmt.Sprintf("left:%smm;top:%smm;width:%smm;height:%smm", MM(x), MM(y), MM(w), MM(h)))
}

// markWidth is the stroke of a crop or cut mark: 0.25 pt, the usual hairline.
const markWidth = 0.25 * 25.4 / 72

// cropMarks are the print shop's marks at the four trim corners, outside the
// bleed, MarkOffset away from the trim.
func (g Geometry) cropMarks(size Size) []template.CSS {
	x0, y0 := g.Margin, g.Margin
	x1, y1 := x0+size.W, y0+size.H
	off := max(g.Bleed, MarkOffset)
	t := markWidth
	var out []template.CSS
	for _, y := range []float64{y0, y1} {
		out = append(out, box(x0-off-MarkLength, y-t/2, MarkLength, t), box(x1+off, y-t/2, MarkLength, t))
	}
	for _, x := range []float64{x0, x1} {
		out = append(out, box(x-t/2, y0-off-MarkLength, t, MarkLength), box(x-t/2, y1+off, t, MarkLength))
	}
	return out
}

// markClear is how far a cut mark stays from any card's art, in mm.
const markClear = 0.75

// CutLines are the cut marks of an A4 sheet: along every line to cut (a
// card's edge that is not the paper's), each stretch of it that runs
// through white paper: between framed cards, in the gutters and margins.
// None touches a card's art, and none lies within SheetMargin of the
// paper's edge, where the printer may not print.
func (g Geometry) CutLines(size Size) []Rect {
	var arts []Rect
	for r := 0; r < g.Rows; r++ {
		for c := 0; c < g.Cols; c++ {
			arts = append(arts, g.Art(c, r, size))
		}
	}
	edges := func(start, length, gap, page float64, n int) []float64 {
		var out []float64
		for i := 0; i < n; i++ {
			a := start + float64(i)*(length+gap)
			for _, v := range []float64{a, a + length} {
				// A card edge on the paper's edge needs no cut.
				if v > 1 && v < page-1 && !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
		return out
	}
	// free is where a cut line at pos across the sheet runs over white
	// paper: the stretches of [from, to] along it that pass no art.
	free := func(pos, from, to float64, vertical bool) [][2]float64 {
		var blocked [][2]float64
		for _, a := range arts {
			across0, across1, along0, along1 := a.X, a.X+a.W, a.Y, a.Y+a.H
			if !vertical {
				across0, across1, along0, along1 = a.Y, a.Y+a.H, a.X, a.X+a.W
			}
			if pos > across0-markClear && pos < across1+markClear {
				blocked = append(blocked, [2]float64{along0 - markClear, along1 + markClear})
			}
		}
		return openStretches(from, to, blocked)
	}
	t := markWidth
	var out []Rect
	for _, x := range edges(g.X0, size.W, g.GapX, g.PageW, g.Cols) {
		for _, s := range free(x, SheetMargin, g.PageH-SheetMargin, true) {
			out = append(out, Rect{x - t/2, s[0], t, s[1] - s[0]})
		}
	}
	for _, y := range edges(g.Y0, size.H, g.GapY, g.PageH, g.Rows) {
		for _, s := range free(y, SheetMargin, g.PageW-SheetMargin, false) {
			out = append(out, Rect{s[0], y - t/2, s[1] - s[0], t})
		}
	}
	return out
}

// openStretches are the parts of [from, to] outside every blocked interval,
// at least 1 mm long.
func openStretches(from, to float64, blocked [][2]float64) [][2]float64 {
	slices.SortFunc(blocked, func(a, b [2]float64) int {
		switch {
		case a[0] < b[0]:
			return -1
		case a[0] > b[0]:
			return 1
		}
		return 0
	})
	var out [][2]float64
	at := from
	add := func(end float64) {
		if end-at >= 1 {
			out = append(out, [2]float64{at, end})
		}
	}
	for _, b := range blocked {
		if b[0] > at {
			add(min(b[0], to))
		}
		at = max(at, b[1])
		if at >= to {
			return out
		}
	}
	add(to)
	return out
}

func (g Geometry) cutMarks(size Size) []template.CSS {
	var out []template.CSS
	for _, r := range g.CutLines(size) {
		out = append(out, box(r.X, r.Y, r.W, r.H))
	}
	return out
}
