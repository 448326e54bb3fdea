package cards

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/site"
)

// SelectError is a selection that names a card or a tag the site does not
// have. It is the user's input that is wrong, so the command line reports
// it as a usage error, with the option it came from.
type SelectError struct {
	// Option is where the name came from: "only" or "tag".
	Option string
	Msg    string
}

func (e *SelectError) Error() string { return e.Msg }

// Select returns the site's cards that o chooses, in site order (by section,
// then number): of the kinds o.Kinds, with one of the tags o.Tags, and among
// the cards o.Only names (each empty list chooses all). A name in o.Only
// that is not a card, or a tag no card has, is an error naming it.
func Select(s *site.Site, o Options) ([]*site.Page, error) {
	only := map[*site.Page]bool{}
	for _, name := range o.Only {
		p, err := findCard(s, name)
		if err != nil {
			return nil, err
		}
		only[p] = true
	}
	for _, t := range o.Tags {
		if !slices.ContainsFunc(s.Cards, func(c *site.Page) bool { return hasTag(c, t) }) {
			return nil, &SelectError{"tag", fmt.Sprintf("no card is tagged %q (tags on cards: %s)", t, strings.Join(cardTags(s), ", "))}
		}
	}
	var out []*site.Page
	for _, c := range s.Cards {
		if len(o.Kinds) > 0 && !slices.Contains(o.Kinds, c.Kind) {
			continue
		}
		if len(o.Tags) > 0 && !slices.ContainsFunc(o.Tags, func(t string) bool { return hasTag(c, t) }) {
			continue
		}
		if len(o.Only) > 0 && !only[c] {
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// findCard looks a card up the ways an author writes a page: its key
// ("dimensies/feedback"), its file ("content/dimensies/feedback.md") or its
// URL ("/dimensies/feedback/").
func findCard(s *site.Site, name string) (*site.Page, error) {
	key := content.NormalizeKey(name)
	p := s.Page(key)
	if p == nil {
		for _, c := range s.Cards {
			if strings.TrimSuffix(c.File, ".md") == key {
				p = c
			}
		}
	}
	switch {
	case p == nil:
		hint := ""
		if in := sectionCards(s, path.Dir(key)); len(in) > 0 {
			hint = fmt.Sprintf(" (cards in %s: %s)", path.Dir(key), strings.Join(in, ", "))
		}
		return nil, &SelectError{"only", fmt.Sprintf("no card %q in content/%s", name, hint)}
	case !p.IsCard():
		return nil, &SelectError{"only", fmt.Sprintf("%q is a page of kind %s, not a card (dimensie, spaak or praktijk)", name, p.Kind)}
	}
	return p, nil
}

func sectionCards(s *site.Site, section string) []string {
	var out []string
	for _, c := range s.Cards {
		if c.Section == section {
			out = append(out, c.Key)
		}
	}
	return out
}

func hasTag(c *site.Page, tag string) bool {
	return slices.Contains(c.Tags, strings.ToLower(strings.TrimSpace(tag)))
}

func cardTags(s *site.Site) []string {
	var out []string
	for _, c := range s.Cards {
		for _, t := range c.Tags {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Selection says in words which cards o chooses: "all cards", or
// "kind dimensie, tag veiligheid".
func (o Options) Selection() string {
	var parts []string
	for _, c := range []struct {
		name string
		list []string
	}{{"kind", o.Kinds}, {"tag", o.Tags}, {"only", o.Only}} {
		if len(c.list) > 0 {
			parts = append(parts, c.name+" "+strings.Join(c.list, ","))
		}
	}
	if len(parts) == 0 {
		return "all cards"
	}
	return strings.Join(parts, "; ")
}
