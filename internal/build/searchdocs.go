package build

import (
	"html"
	"strings"

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/search"
	"github.com/handboek/handboek/internal/site"
)

// The adapter between the site and the index: search takes plain documents
// and knows nothing of pages, card fields or UI strings; this is where a
// page becomes one.

// searchOptions are the index's options for s: the defaults, with the
// site's synonyms.
func searchOptions(s *site.Site) search.Options {
	opts := search.Default()
	opts.Synonyms = s.Config.Search.Synonyms
	return opts
}

// SearchDocs lists the searchable pages of s (searchPages) as documents
// (searchDoc), in the index's order.
func SearchDocs(s *site.Site) []search.Doc {
	pages := searchPages(s)
	docs := make([]search.Doc, len(pages))
	for i, p := range pages {
		docs[i] = searchDoc(s, p)
	}
	return docs
}

// searchPages are the searchable pages of s, in the index's order: every
// page but the home page and drafts.
func searchPages(s *site.Site) []*site.Page {
	var out []*site.Page
	for _, p := range s.Pages {
		if p == s.Home || p.Kind == content.KindHome || p.Draft {
			continue
		}
		out = append(out, p)
	}
	return out
}

// searchDoc is page p as a document: its title, rendered text by heading,
// and the card parts that templates show from front matter as sections,
// under the headings the site shows them with (its UI strings).
func searchDoc(s *site.Site, p *site.Page) search.Doc {
	d := search.Doc{Title: p.Title, URL: strings.TrimPrefix(p.URL, "/"), Kind: p.Kind, Tags: p.Tags}
	intro := search.Section{Text: p.Summary}
	var rest []search.Section
	if r := p.Result(); r != nil {
		for _, sec := range r.Sections {
			// Section text keeps the entities of typographic quotes
			// (&rsquo;): the snippet shows text, not HTML.
			if sec.ID == "" {
				intro.Text += " " + html.UnescapeString(sec.Text)
				continue
			}
			rest = append(rest, search.Section{ID: sec.ID, Heading: html.UnescapeString(sec.Heading), Text: html.UnescapeString(sec.Text)})
		}
	}
	d.Sections = append(d.Sections, intro)
	var qs []string
	for _, c := range p.Challenges {
		qs = append(qs, c.Question+" "+c.Explanation)
	}
	add := func(id, label, text string) {
		if strings.TrimSpace(text) != "" {
			d.Sections = append(d.Sections, search.Section{ID: id, Heading: s.T(label), Text: text})
		}
	}
	add("card-challenges", "challenges", strings.Join(qs, " "))
	add("card-why", "why", p.Why)
	add("card-not", "not", p.Not)
	add("card-support", "support", p.Support)
	add("card-suggestions", "suggestions_"+p.Kind, strings.Join(p.Suggestions, " "))
	d.Sections = append(d.Sections, rest...)
	return d
}
