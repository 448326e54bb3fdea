package site

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/slug"
	"github.com/handboek/handboek/internal/wheel"
)

// pictureMax is the most cards a section may have to get a picture: beyond
// it the segments become too thin to read or click, and a generated corpus
// of hundreds of cards would put a huge SVG on every card page.
const pictureMax = 36

// pictureCards returns the cards of a section that has a picture, and their
// kind; a section with no cards, or too many, has none.
func pictureCards(section *Page) ([]*Page, string) {
	if section == nil {
		return nil, ""
	}
	var cards []*Page
	for _, c := range section.Children() {
		if c.IsCard() {
			cards = append(cards, c)
		}
	}
	if len(cards) == 0 || len(cards) > pictureMax {
		return nil, ""
	}
	return cards, cards[0].Kind
}

// Picture is the overview picture of a card section, drawn from its cards:
// a wheel for spokes, a grid of tiles for the other kinds. Empty for a
// section without cards. Templates put it in a <figure>.
func (c *Ctx) Picture(section *Page) template.HTML {
	return c.picture(section, false)
}

// Wheel is the section's picture when it is a wheel (spokes), else empty.
// The default theme shows only wheels on overview pages: a grid of tiles
// would repeat the grid of cards beside it.
func (c *Ctx) Wheel(section *Page) template.HTML {
	if _, kind := pictureCards(section); kind != content.KindSpaak {
		return ""
	}
	return c.picture(section, false)
}

// CardPicture is the small picture of the current card's section, with the
// card marked, so a reader sees where it sits among the others.
func (c *Ctx) CardPicture() template.HTML {
	if !c.Page.IsCard() {
		return ""
	}
	return c.picture(c.Page.Parent(), true)
}

func (c *Ctx) picture(section *Page, small bool) template.HTML {
	cards, kind := pictureCards(section)
	if cards == nil {
		return ""
	}
	label := c.KindLabel(kind)
	items := make([]wheel.Item, len(cards))
	var current *Page
	for i, p := range cards {
		items[i] = wheel.Item{Number: p.Number, Title: p.Title, Href: c.Rel(p.URL), Label: label + " " + strconv.Itoa(p.Number) + ": " + p.Title, Current: small && p.self() == c.Page.self()}
		if items[i].Current {
			current = p
		}
	}
	o := wheel.Options{ID: "picture-" + slug.Make(section.Key), Title: section.Title, Desc: c.T("pictureDesc"), Kind: kind, Small: small}
	if hub := c.T("kinds_" + kind); hub != "kinds_"+kind {
		o.Hub = hub
	}
	if small {
		o.ID = "picture-card"
		if current != nil {
			o.Title = strings.NewReplacer("{card}", label+" "+strconv.Itoa(current.Number), "{count}", strconv.Itoa(len(cards)), "{section}", section.Title).Replace(c.T("pictureWhere"))
		}
	}
	if kind == content.KindSpaak {
		return wheel.Wheel(items, o)
	}
	return wheel.Tiles(items, o)
}
