package site

import (
	"io/fs"
	"regexp"
)

// bodyField matches a use of a field that comes from a page's Markdown body,
// with the expression it is taken from.
var bodyField = regexp.MustCompile(`(\$?[\w.]*)\.(Content|TOC|Words|ReadingMinutes|Result)\b`)

// ShowsBodiesElsewhere reports whether any layout may show a page's rendered
// body (Content, TOC, Words, ReadingMinutes, Result) on another page. It is
// false when every use is on the page being rendered (.Page.Content or
// $.Page.Content): then an edit of one Markdown body changes one output
// file, and the dev server executes only that page. Any other use (such as
// {{ range .Page.Children }}{{ .ReadingMinutes }}) makes it true, and a body
// edit re-executes every page, as the body may show anywhere.
func (t *Theme) ShowsBodiesElsewhere() bool {
	return t.anyLayout(func(_ string, data []byte) bool {
		for _, m := range bodyField.FindAllStringSubmatch(string(data), -1) {
			if m[1] != ".Page" && m[1] != "$.Page" {
				return true
			}
		}
		return false
	})
}

// anyLayout reports whether match holds for any layout the theme uses (the
// first layer that has a path wins), or a layout cannot be read: then it
// cannot tell, and assumes the worst.
func (t *Theme) anyLayout(match func(path string, data []byte) bool) bool {
	seen := map[string]bool{}
	for _, l := range t.layers {
		found := false
		_ = fs.WalkDir(l.FS, "layouts", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || seen[p] {
				return nil
			}
			seen[p] = true
			data, err := fs.ReadFile(l.FS, p)
			if err != nil || match(p, data) {
				found = true
				return fs.SkipAll
			}
			return nil
		})
		if found {
			return true
		}
	}
	return false
}

// siteWide matches layouts reaching pages through the whole site rather than
// through the page being rendered (its parent, siblings, related pages, tags).
var siteWide = regexp.MustCompile(`\.Site\.(Pages|Cards|Sections)\b|\bsite\.`)

// siteWideAllowed are the layouts whose site-wide reach the dev server
// already accounts for: they are re-executed on every front matter edit.
var siteWideAllowed = map[string]bool{"layouts/index.html": true, "layouts/404.html": true}

// ShowsPagesElsewhere reports whether a layout other than the home page and
// 404.html reaches pages through the whole site (.Site.Pages, .Site.Cards,
// .Site.Sections). When false, a front matter edit of one page changes only
// the pages that list or link it (see FrontMatterOutputs).
func (t *Theme) ShowsPagesElsewhere() bool {
	return t.anyLayout(func(p string, data []byte) bool {
		return !siteWideAllowed[p] && siteWide.Match(data)
	})
}

// FrontMatterOutputs are the output files that can show the front matter of
// the page with this key: the page, its section's pages (navigation,
// previous/next, the section picture), its ancestors (lists, home), related
// pages both ways, its tags' pages, and the pages drawn from every card (the
// zelfscan) or every section (404). ok is false when the page is not a leaf
// page of this site.
func (s *Site) FrontMatterOutputs(key string) (outs []string, ok bool) {
	p := s.byKey[key]
	if p == nil || p.IsList() {
		return nil, false
	}
	add := func(q *Page) {
		if q != nil {
			outs = append(outs, outPath(q.URL))
		}
	}
	add(p)
	for _, a := range p.Breadcrumbs {
		add(a)
	}
	if p.Parent != nil {
		add(p.Parent)
		for _, q := range p.Parent.Children {
			add(q)
		}
	}
	for _, q := range p.Related {
		add(q)
	}
	for _, t := range p.TagList {
		outs = append(outs, outPath(t.URL))
	}
	outs = append(outs, "tags/index.html", "404.html")
	for _, j := range s.zelfscanJobs() {
		outs = append(outs, j.out)
	}
	return outs, true
}
