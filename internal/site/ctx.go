package site

import (
	"bytes"
	"encoding/binary"
	"html/template"
	"net/url"
	"strings"
	"sync"

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/render"
)

// Ctx is the data every template executes with ("."). Its methods are the
// template helpers that depend on the page being rendered, so templates are
// parsed once and shared by all workers.
type Ctx struct {
	Site     *SiteView
	Page     *Page
	Tag      *Tag
	site     *Site
	trk      *tracker // records what the templates read, see uses.go; nil when not asked
	absolute bool
	tpl      *template.Template // the page's template set, for SectionNav
}

// Rel turns a site path ("/dimensies/") into a URL that works from this page:
// relative, so the site works under any sub-path and from file://. On 404.html,
// which a server shows at any URL, it is absolute to the base path instead.
func (c *Ctx) Rel(target string) string {
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		return target
	}
	if !strings.HasPrefix(target, "/") {
		target = "/" + target
	}
	if c.absolute {
		return c.Site.Config.BasePath() + strings.TrimPrefix(target, "/")
	}
	return render.Rel(c.Page.URL, target)
}

// T returns a UI string in the site's language.
func (c *Ctx) T(key string) string { return c.Site.T(key) }

// KindLabel is the singular, human name of a kind in the site's language.
func (c *Ctx) KindLabel(kind string) string { return c.Site.T("kind_" + kind) }

// IsCurrent reports whether a menu URL is the current page or one of its sections.
func (c *Ctx) IsCurrent(url string) bool {
	if url == "/" {
		return c.Page.URL == "/"
	}
	return strings.HasPrefix(c.Page.URL, url)
}

// Canonical is the absolute URL of the page, when the base URL is absolute.
func (c *Ctx) Canonical() string {
	if !c.Site.Config.IsAbsolute() || c.absolute {
		return ""
	}
	return c.Site.Config.BaseURL + strings.TrimPrefix(c.Page.URL, "/")
}

// Style carries the configured colours into CSS custom properties. The values
// were validated as hex colours when the config was loaded.
func (c *Ctx) Style() template.CSS {
	col := c.Site.Config.Colors
	return template.CSS(":root{--primary:" + col.Primary + ";--accent:" + col.Accent + "}")
}

// Favicon is the site's icon, an open book on the primary colour, as a
// data: URL: no file to request, so no 404 in a browser's log, and it
// works from file://. A site replaces it in partials/favicon.html.
func (c *Ctx) Favicon() template.URL {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="` + c.Site.Config.Colors.Primary +
		`"/><path d="M6 9.5q5-2 9.3 1V24q-4.3-3-9.3-1zM26 9.5q-5-2-9.3 1V24q4.3-3 9.3-1z" fill="#fff"/></svg>`
	return template.URL("data:image/svg+xml," + url.PathEscape(svg))
}

// IsCard reports whether the page is a card (dimensie, spaak, praktijk).
func (c *Ctx) IsCard() bool { return content.IsCard(c.Page.Kind) }

// SectionNav is the navigation through the pages of this page's section,
// with the current page marked. Every page of a section shows the same list,
// and its relative links are the same from every sibling, so it is rendered
// once per section and only the current-page mark is added per page: with a
// hundred pages in a section this saves most of the template work.
func (c *Ctx) SectionNav() (template.HTML, error) {
	parent := c.Page.parent
	if parent == nil || c.Page.IsList() || c.tpl == nil {
		return "", nil
	}
	v, _ := c.site.navCache.LoadOrStore(parent, &sectionNav{})
	nav := v.(*sectionNav)
	nav.once.Do(func() {
		c.trk.push()
		defer func() { nav.uses = c.trk.popPart() }()
		var leaves []*Page
		for _, p := range c.Page.Parent().Children() {
			if !p.IsList() {
				leaves = append(leaves, p)
			}
		}
		if len(leaves) < 2 {
			return
		}
		// Render from a stand-in sibling (no real page has this URL), so that
		// every link, the one to the page itself included, is "../slug/".
		sibling := NewPage(&content.Page{URL: parent.URL + "_/"})
		sibling.parent, sibling.trk = parent, c.trk
		var buf bytes.Buffer
		nctx := &SectionNavCtx{Ctx: &Ctx{Site: c.Site, Page: sibling, site: c.site, trk: c.trk, tpl: c.tpl}, Section: c.trk.page(parent), Pages: leaves}
		nav.err = c.tpl.ExecuteTemplate(&buf, "partials/sectionnav.html", nctx)
		nav.html = buf.String()
		nav.split()
	})
	c.trk.replay(nav.uses)
	if nav.err != nil || nav.html == "" {
		return "", nav.err
	}
	return nav.mark(template.HTMLEscapeString(c.Page.Key)), nil
}

// split cuts the rendered list at its data-nav markers, which are there only
// to find each page's link: the pages get the list without them (a tenth of
// its bytes, on every page of the section).
func (n *sectionNav) split() {
	const open = ` data-nav="`
	rest := n.html
	for {
		i := strings.Index(rest, open)
		if i < 0 {
			break
		}
		end := strings.IndexByte(rest[i+len(open):], '"')
		if end < 0 {
			break
		}
		n.parts = append(n.parts, navPart{text: rest[:i], key: rest[i+len(open) : i+len(open)+end]})
		rest = rest[i+len(open)+end+1:]
	}
	n.tail = rest
}

// mark joins the parts, with aria-current on the link of the page key.
func (n *sectionNav) mark(key string) template.HTML {
	var b strings.Builder
	b.Grow(len(n.html) + 24)
	for _, p := range n.parts {
		b.WriteString(p.text)
		if p.key == key {
			b.WriteString(` aria-current="page"`)
		}
	}
	b.WriteString(n.tail)
	return template.HTML(b.String())
}

// MainNav is the site menu (partials/mainnav.html) with the current entry
// marked. On a large site the menu can hold a hundred sections, and running
// its template for every page cost as much as all the rest of the page. Its
// output depends only on where each entry's link points from this page and on
// which entries are current, so it is rendered once per distinct variant of
// those and reused: the partial must use nothing else of the page.
func (c *Ctx) MainNav() (template.HTML, error) {
	if c.tpl == nil {
		return "", nil
	}
	v, _ := c.site.menuCache.LoadOrStore(c.mainNavKey(), &sectionNav{})
	nav := v.(*sectionNav)
	nav.once.Do(func() {
		c.trk.push()
		defer func() { nav.uses = c.trk.popPart() }()
		var buf bytes.Buffer
		nav.err = c.tpl.ExecuteTemplate(&buf, "partials/mainnav.html", c)
		nav.html = buf.String()
	})
	c.trk.replay(nav.uses)
	return template.HTML(nav.html), nav.err
}

// mainNavKey names the variant of the menu this page shows. It is each
// entry's link shape (render.RelShape) and mark, not the links themselves:
// it is made for every page, the menu only once.
func (c *Ctx) mainNavKey() string {
	var keyBuf [256]byte
	key := keyBuf[:0]
	for _, m := range c.Site.Menu {
		mark := byte('-')
		switch {
		case m.External:
			key = append(key, '-')
			continue
		case c.Page.URL == m.URL:
			mark = 'p'
		case c.IsCurrent(m.URL):
			mark = 'c'
		}
		ups, common := render.RelShape(c.Page.URL, m.URL)
		key = binary.AppendUvarint(key, uint64(ups))
		key = binary.AppendUvarint(key, uint64(common))
		key = append(key, mark)
	}
	if c.absolute {
		// 404.html links absolute to the base path, from any URL.
		key = append(key, 'A')
	}
	return string(key)
}

type sectionNav struct {
	once  sync.Once
	html  string
	err   error
	parts []navPart // html cut at its data-nav markers (SectionNav only)
	tail  string
	uses  []Use // what making it read, for every page that shows it
}

type navPart struct{ text, key string }

// SectionNavCtx is the data of partials/sectionnav.html. Links in it must be
// made with .Rel and each page's link must carry data-nav="{{ .Key }}", so
// the current page can be marked without rendering the list again.
type SectionNavCtx struct {
	*Ctx
	Section *Page
	Pages   []*Page
}

// ListCtx is the data of a page-list partial: the page context plus the pages
// to list.
type ListCtx struct {
	*Ctx
	Pages []*Page
}

// WithPages returns a context for listing pages from a template.
func (c *Ctx) WithPages(pages []*Page) *ListCtx { return &ListCtx{Ctx: c, Pages: pages} }

// CardDeck is the site path of the printable deck of this section's cards,
// or of all cards when all is true; "" when the build made no decks.
func (c *Ctx) CardDeck(all bool) string {
	if all {
		return c.site.in.CardDecks[""]
	}
	if c.Page.Kind != content.KindSection {
		return ""
	}
	return c.site.in.CardDecks[c.Page.Key]
}
