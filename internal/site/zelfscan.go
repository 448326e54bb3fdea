package site

import (
	"github.com/handboek/handboek/internal/content"
)

// ZelfscanURL is where the self-scan is published. Content links to it.
const ZelfscanURL = "/zelfscan/"

// zelfscanLayout is the theme template of the self-scan; a site overrides it
// with its own layouts/zelfscan.html.
const zelfscanLayout = "zelfscan.html"

// ScanDimension is one dimension in the self-scan: its card (with its
// challenges) and the practices and spokes it is related to, in either
// direction, from the content's related lists.
type ScanDimension struct {
	*Page
	Practices []*Page
	Spokes    []*Page
}

// scanDimensions lists the dimensions among cards, in card order.
func scanDimensions(cards []*Page) []ScanDimension {
	var out []ScanDimension
	for _, p := range cards {
		if p.Kind != content.KindDimensie {
			continue
		}
		d := ScanDimension{Page: p}
		for _, r := range p.Related() {
			switch r.Kind {
			case content.KindPraktijk:
				d.Practices = append(d.Practices, r)
			case content.KindSpaak:
				d.Spokes = append(d.Spokes, r)
			}
		}
		out = append(out, d)
	}
	return out
}

// hasZelfscan reports whether the site gets a self-scan page: it needs
// dimension cards to ask about, and a theme that has the layout.
func (s *Site) hasZelfscan() bool {
	if _, _, ok := s.theme.find("layouts/" + zelfscanLayout); !ok {
		return false
	}
	for _, p := range s.Cards {
		if p.Kind == content.KindDimensie {
			return true
		}
	}
	return false
}

// zelfscanJob renders the self-scan page, if the site has one.
func (s *Site) zelfscanJobs() []job {
	if !s.hasZelfscan() {
		return nil
	}
	p := s.virtual(s.T("zelfscanTitle"), ZelfscanURL)
	p.Kind = "zelfscan"
	p.Summary = s.T("zelfscanSummary")
	return []job{{out: outPath(ZelfscanURL), layouts: []string{zelfscanLayout}, page: p,
		from: virtualOrigin("the self-scan page (layouts/" + zelfscanLayout + ")")}}
}

// HasZelfscan reports whether the site has a self-scan page, for a layout
// that points readers to it (the home page).
func (c *Ctx) HasZelfscan() bool {
	c.trk.use(useCards, "")
	return c.site.hasZelfscan()
}

// Zelfscan is the data of the self-scan template: every dimension with its
// challenges and related practices and spokes.
func (c *Ctx) Zelfscan() []ScanDimension { return scanDimensions(c.Site.Cards()) }

// ZelfscanStorageKey names the browser's localStorage entry for the answers.
// Every handbook opened from file:// shares one storage, so the key holds the
// site's title and base path to keep two handbooks apart.
func (c *Ctx) ZelfscanStorageKey() string {
	return "handboek-zelfscan:" + c.Site.Config.BasePath() + ":" + c.Site.Title
}
