// Package wheel draws the handbook's models as inline SVG at build time: a
// wheel with one segment per card (the spokes of the L&D system) and a grid
// of tiles (the dimensions of the learning organisation).
//
// Its functions are pure: items in, SVG markup out, byte-identical for the
// same input. Every segment is a link (<a href>) with an aria-label and a
// <title>, and the picture carries <title> and <desc>, so it has a text
// alternative and works with a keyboard. Colours are not baked in: elements
// carry classes that the theme's stylesheet colours with its CSS variables
// (so dark mode and print follow the theme); the presentation attributes are
// only a fallback for a theme without those rules. All text is escaped here,
// which is why the result may be returned as template.HTML.
package wheel

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Item is one segment: a card.
type Item struct {
	Number int
	Title  string
	// Href is the link to the card, already relative to the page it is shown on.
	Href string
	// Label is the link's accessible name, e.g. "Spaak 3: Leerbehoeften in beeld".
	Label string
	// Current marks the card the picture is shown on.
	Current bool
}

// Options describe one picture.
type Options struct {
	// ID prefixes the ids of <title> and <desc>; unique within the page.
	ID string
	// Title and Desc are the picture's text alternative.
	Title, Desc string
	// Kind is the card kind ("spaak", "dimensie"); it becomes a class so the
	// stylesheet can use the kind's colour.
	Kind string
	// Small draws the compact version for a card page: numbers only, the
	// titles are in the links' names.
	Small bool
	// Hub is the word under the number of items in the hub of a large
	// wheel ("spaken": the hub reads "10 spaken").
	Hub string
}

// Segment is the geometry of one wheel segment, in degrees clockwise from
// the top (12 o'clock).
type Segment struct {
	Start, End, Mid float64
}

// Segments divides the circle into n equal segments, the first centred at
// the top, so the wheel reads like a clock.
func Segments(n int) []Segment {
	out := make([]Segment, n)
	step := 360 / float64(n)
	for i := range out {
		mid := float64(i) * step
		out[i] = Segment{Start: mid - step/2, End: mid + step/2, Mid: mid}
	}
	return out
}

// point is the position at radius r and angle deg (clockwise from the top).
func point(r, deg float64) (x, y float64) {
	rad := deg * math.Pi / 180
	return r * math.Sin(rad), -r * math.Cos(rad)
}

// num formats a coordinate with one decimal, without "-0".
func num(f float64) string {
	f = math.Round(f*10) / 10
	if f == 0 {
		f = 0
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// sectorPath is an annular sector between radii r0 < r1.
func sectorPath(r0, r1 float64, s Segment) string {
	large := "0"
	if s.End-s.Start > 180 {
		large = "1"
	}
	if s.End-s.Start >= 360 {
		// One segment is the whole ring. An arc cannot end where it starts,
		// so each circle is two half arcs (a nearly full one rounds to a
		// point at one decimal and draws nothing); the inner circle runs the
		// other way, so the ring has a hole under the nonzero fill rule.
		return "M0 " + num(-r1) + "A" + num(r1) + " " + num(r1) + " 0 1 1 0 " + num(r1) +
			"A" + num(r1) + " " + num(r1) + " 0 1 1 0 " + num(-r1) +
			"M0 " + num(-r0) + "A" + num(r0) + " " + num(r0) + " 0 1 0 0 " + num(r0) +
			"A" + num(r0) + " " + num(r0) + " 0 1 0 0 " + num(-r0) + "Z"
	}
	x1, y1 := point(r1, s.Start)
	x2, y2 := point(r1, s.End)
	x3, y3 := point(r0, s.End)
	x4, y4 := point(r0, s.Start)
	return "M" + num(x1) + " " + num(y1) +
		"A" + num(r1) + " " + num(r1) + " 0 " + large + " 1 " + num(x2) + " " + num(y2) +
		"L" + num(x3) + " " + num(y3) +
		"A" + num(r0) + " " + num(r0) + " 0 " + large + " 0 " + num(x4) + " " + num(y4) + "Z"
}

// Wrap breaks text into lines of at most width characters at spaces (a
// longer word gets a line of its own), for labels SVG cannot wrap itself.
func Wrap(text string, width int) []string {
	var lines []string
	var cur string
	for _, w := range strings.Fields(text) {
		switch {
		case cur == "":
			cur = w
		case len([]rune(cur))+1+len([]rune(w)) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// Sizes of the wheel, in SVG user units. Labels are 16 units high: the
// theme shows the large wheel at 560 px or wider (viewBox 640), so they are
// at least 14 px on screen; narrower screens get a list instead.
const (
	hubRadius   = 62.0
	ringRadius  = 140.0
	labelRadius = 152.0
	labelWidth  = 18 // characters per label line
	labelSize   = 16.0
	lineHeight  = 19.0
	smallRing   = 66.0
	smallHub    = 26.0
)

func esc(s string) string { return template.HTMLEscapeString(s) }

// open writes the <svg> element with its text alternative.
func open(b *strings.Builder, o Options, kind, viewBox string) {
	size := ""
	if o.Small {
		size = " picture-small"
	}
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="picture-svg picture-%s kind-%s%s" viewBox="%s" role="group" aria-labelledby="%s-title" aria-describedby="%s-desc">`,
		kind, esc(o.Kind), size, viewBox, esc(o.ID), esc(o.ID))
	fmt.Fprintf(b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(o.ID), esc(o.Title), esc(o.ID), esc(o.Desc))
}

// link opens a segment's <a>, marking the current card.
func link(b *strings.Builder, it Item) {
	cls := "seg"
	current := ""
	if it.Current {
		cls += " seg-current"
		current = ` aria-current="page"`
	}
	fmt.Fprintf(b, `<a href="%s" class="%s" aria-label="%s"%s><title>%s</title>`, esc(it.Href), cls, esc(it.Label), current, esc(it.Label))
}

// Wheel draws the items as segments of a ring, numbered, with the titles
// around the outside (the small version leaves them out).
func Wheel(items []Item, o Options) template.HTML {
	if len(items) == 0 {
		return ""
	}
	var b strings.Builder
	ring, hub := ringRadius, hubRadius
	if o.Small {
		ring, hub = smallRing, smallHub
		open(&b, o, "wheel", "-70 -70 140 140")
	} else {
		// Room for three label lines beside, above and below the ring.
		open(&b, o, "wheel", "-320 -215 640 430")
	}
	// The hub is a solid disc that says what the wheel holds: an empty
	// circle inside the ring read as a second ring drawn by mistake.
	fmt.Fprintf(&b, `<circle class="wheel-hub" r="%s" fill="#8a3b12"/>`, num(hub-6))
	if !o.Small {
		y := "12"
		if o.Hub != "" {
			y = "2"
			fmt.Fprintf(&b, `<text class="wheel-hub-text" y="26" text-anchor="middle" font-size="%s" fill="#fff">%s</text>`, num(labelSize), esc(o.Hub))
		}
		fmt.Fprintf(&b, `<text class="wheel-hub-text" y="%s" text-anchor="middle" font-size="34" font-weight="800" fill="#fff">%d</text>`, y, len(items))
	}
	for i, s := range Segments(len(items)) {
		it := items[i]
		link(&b, it)
		fmt.Fprintf(&b, `<path class="seg-shape" d="%s" fill="#f3f6f9" stroke="#8a3b12" stroke-width="1.5"/>`, sectorPath(hub, ring, s))
		x, y := point((hub+ring)/2, s.Mid)
		size := "22"
		if o.Small {
			size = "13"
		}
		fmt.Fprintf(&b, `<text class="seg-number" x="%s" y="%s" text-anchor="middle" dominant-baseline="central" font-size="%s" font-weight="700">%d</text>`, num(x), num(y), size, it.Number)
		if !o.Small {
			b.WriteString(" ")
			wheelLabel(&b, it.Title, s.Mid)
		}
		b.WriteString("</a>")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

// sep ends every label line but the last with a space, so the link's text
// reads "Leerbehoeften in beeld", not "Leerbehoeften inbeeld": screen readers
// and the check that a link's visible text is part of its name (WCAG 2.5.3)
// see the lines joined. Lines are placed one by one, so it is not drawn.
func sep(i, n int) string {
	if i < n-1 {
		return " "
	}
	return ""
}

// wheelLabel writes a segment's title outside the ring, anchored away from
// the wheel: to the right on the right half, to the left on the left half,
// centred at the top and bottom, growing outwards.
func wheelLabel(b *strings.Builder, title string, mid float64) {
	lines := Wrap(title, labelWidth)
	x, y := point(labelRadius, mid)
	dx, _ := point(1, mid)
	anchor := "middle"
	switch {
	case dx > 0.2:
		anchor = "start"
	case dx < -0.2:
		anchor = "end"
	}
	// Centre the block of lines on the label point, except at the top and
	// bottom, where it grows away from the ring.
	top := y - float64(len(lines)-1)*lineHeight/2
	switch c := -math.Cos(mid * math.Pi / 180); {
	case c < -0.8:
		top = y - float64(len(lines)-1)*lineHeight - 4
	case c > 0.8:
		top = y + 10
	}
	fmt.Fprintf(b, `<text class="seg-label" text-anchor="%s" font-size="%s" fill="#1b2430">`, anchor, num(labelSize))
	for i, l := range lines {
		fmt.Fprintf(b, `<tspan x="%s" y="%s">%s</tspan>`, num(x), num(top+float64(i)*lineHeight+4), esc(l)+sep(i, len(lines)))
	}
	b.WriteString("</text>")
}

// Tile sizes, in SVG user units.
const (
	tileW, tileH, tileGap = 172.0, 112.0, 10.0
	tileCols              = 4
	smallTile, smallGap   = 30.0, 4.0
)

// Columns is how many tiles go in a row: four, or fewer for a small set.
func Columns(n int) int { return max(1, min(tileCols, n)) }

// Tiles draws the items as a grid of numbered tiles with their titles, four
// to a row (eight dimensions make a 4×2 block).
func Tiles(items []Item, o Options) template.HTML {
	if len(items) == 0 {
		return ""
	}
	cols := Columns(len(items))
	rows := (len(items) + cols - 1) / cols
	w, h, gap := tileW, tileH, tileGap
	if o.Small {
		w, h, gap = smallTile, smallTile, smallGap
	}
	var b strings.Builder
	// A lone tile gets the room of two, so it is drawn at the size tiles
	// have in a pair, not stretched over the whole column.
	vcols := max(cols, 2)
	vw := float64(vcols)*w + float64(vcols-1)*gap + 4
	vh := float64(rows)*h + float64(rows-1)*gap + 4
	open(&b, o, "tiles", "-2 -2 "+num(vw)+" "+num(vh))
	for i, it := range items {
		x := float64(i%cols) * (w + gap)
		y := float64(i/cols) * (h + gap)
		link(&b, it)
		fmt.Fprintf(&b, `<rect class="seg-shape" x="%s" y="%s" width="%s" height="%s" rx="8" fill="#f3f6f9" stroke="#1f5f8b" stroke-width="1.5"/>`, num(x), num(y), num(w), num(h))
		if o.Small {
			fmt.Fprintf(&b, `<text class="seg-number" x="%s" y="%s" text-anchor="middle" dominant-baseline="central" font-size="13" font-weight="700">%d</text>`, num(x+w/2), num(y+h/2), it.Number)
		} else {
			fmt.Fprintf(&b, `<text class="seg-number" x="%s" y="%s" font-size="24" font-weight="800">%d</text>`, num(x+12), num(y+30), it.Number)
			fmt.Fprintf(&b, ` <text class="seg-label" font-size="%s" fill="#1b2430">`, num(labelSize))
			lines := Wrap(it.Title, labelWidth)
			for j, l := range lines {
				if j == 4 {
					break
				}
				fmt.Fprintf(&b, `<tspan x="%s" y="%s">%s</tspan>`, num(x+12), num(y+54+float64(j)*17), esc(l)+sep(j, min(len(lines), 4)))
			}
			b.WriteString("</text>")
		}
		b.WriteString("</a>")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}
