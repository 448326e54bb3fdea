package site

import (
	"html/template"
	"strings"

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/render"
)

// Ctx is the data every template executes with ("."). Its methods are the
// template helpers that depend on the page being rendered, so templates are
// parsed once and shared by all workers.
type Ctx struct {
	Site     *Site
	Page     *Page
	Tag      *Tag
	absolute bool
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

// IsCard reports whether the page is a card (dimensie, spaak, praktijk).
func (c *Ctx) IsCard() bool { return content.IsCard(c.Page.Kind) }

// SectionCards returns the cards of the page's section, for the section
// navigation on card pages.
func (c *Ctx) SectionCards() []*Page {
	if c.Page.Parent == nil {
		return nil
	}
	var out []*Page
	for _, p := range c.Page.Parent.Children {
		if !p.IsList() {
			out = append(out, p)
		}
	}
	return out
}

// ListCtx is the data of a page-list partial: the page context plus the pages
// to list.
type ListCtx struct {
	*Ctx
	Pages []*Page
}

// WithPages returns a context for listing pages from a template.
func (c *Ctx) WithPages(pages []*Page) *ListCtx { return &ListCtx{Ctx: c, Pages: pages} }
