// Package check finds what a build accepts but a reader would trip over:
// internal links and #anchors that lead nowhere, images without alt text,
// `related` entries that only one of the two pages names, pages nothing
// leads to, and prompts left from an archetype. It works on a compiled site
// (build.Result), so it sees exactly the pages and files the build makes.
//
// Checks are functions of one signature (Func). Options.CardFit is the seam
// for the printed-card check: a card whose text will not fit on its card is
// reported by a Func that the cards feature supplies.
package check

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

// Input is a compiled site and its output files by path.
type Input struct {
	Result *build.Result
	Files  map[string]site.File
}

// Func is one check; it records what it finds in diags.
type Func func(in Input, diags *diag.List)

// Options choose optional checks.
type Options struct {
	// CardFit reports cards whose text overflows the printed card. Nil
	// until the cards feature provides it.
	CardFit Func
}

// Checks are the checks Run makes, in order.
func Checks(opts Options) []Func {
	fs := []Func{Links, Related, Orphans, Placeholders}
	if opts.CardFit != nil {
		fs = append(fs, opts.CardFit)
	}
	return fs
}

// Run makes every check on a site that compiled; res must have a Site.
func Run(res *build.Result, opts Options, diags *diag.List) {
	in := Input{Result: res, Files: map[string]site.File{}}
	for _, f := range res.Files {
		in.Files[f.Path] = f
	}
	for _, f := range Checks(opts) {
		f(in, diags)
	}
}

// Links reports internal links and images that lead to no page or file,
// #anchors that are not on the target page, and images without alt text.
func Links(in Input, diags *diag.List) {
	for _, p := range in.Result.Site.Pages {
		r := p.Result()
		if r == nil {
			continue
		}
		for _, l := range r.Links {
			pos := diag.Pos{File: p.Path(), Line: l.Line}
			what := "link"
			if l.Image {
				what = "image"
				if strings.TrimSpace(l.Alt) == "" {
					diags.Errorf(pos, "image %q has no alt text: write ![what it shows](%s)", l.Dest, l.Dest)
				}
			}
			if l.SitePath == "" {
				continue // external: not checked, the check never goes online
			}
			target, frag, _ := strings.Cut(l.SitePath, "#")
			name, f, ok := in.lookup(target)
			if !ok {
				diags.Errorf(pos, "broken %s %q: there is no page or file at %s", what, l.Dest, target)
				continue
			}
			if frag == "" {
				continue
			}
			if id, err := url.PathUnescape(frag); err == nil {
				frag = id
			}
			if f.Data == nil || !strings.HasSuffix(name, ".html") {
				diags.Errorf(pos, "broken anchor in %q: %s is not a page", l.Dest, target)
			} else if !bytes.Contains(f.Data, []byte(`id="`+frag+`"`)) {
				diags.Errorf(pos, "broken anchor in %q: %s has no heading or element with id %q", l.Dest, target, frag)
			}
		}
	}
}

// lookup finds the output file for a site path, as a static host would.
func (in Input) lookup(sitePath string) (string, site.File, bool) {
	p, err := url.PathUnescape(sitePath)
	if err != nil {
		p = sitePath
	}
	p = strings.TrimPrefix(p, "/")
	candidates := []string{p, strings.TrimSuffix(p, "/") + "/index.html"}
	if p == "" || strings.HasSuffix(p, "/") {
		candidates = []string{p + "index.html"}
	}
	for _, c := range candidates {
		if f, ok := in.Files[c]; ok {
			return c, f, true
		}
	}
	return "", site.File{}, false
}

// Related reports `related` entries that only one side names. The site and
// the printed cards show relations both ways anyway; the warning is for the
// sources, where an author editing the other page cannot see the relation.
func Related(in Input, diags *diag.List) {
	set := in.Result.Content
	for _, p := range set.Pages {
		for i, key := range p.Related {
			q := set.ByKey[key]
			if q == nil {
				continue // the build already reported it
			}
			back := false
			for _, k := range q.Related {
				back = back || k == p.Key
			}
			if !back {
				diags.Warnf(p.Meta.ItemPos("related", i), "related %q is one-way: add %q to related in %s", key, p.Key, q.Path())
			}
		}
	}
}

// Orphans reports pages no other page leads to: not listed in a section,
// not in the menu, not related, and not linked from any page's text.
func Orphans(in Input, diags *diag.List) {
	s := in.Result.Site
	reached := map[string]bool{}
	for _, m := range s.Menu {
		reached[m.URL] = true
	}
	for _, p := range s.Pages {
		if parent := p.Parent(); parent != nil && parent != s.Home && parent.IsList() {
			reached[p.URL] = true // listed on its section page
		}
		for _, r := range p.Related() {
			reached[r.URL] = true
		}
		r := p.Result()
		if r == nil {
			continue
		}
		for _, l := range r.Links {
			target, _, _ := strings.Cut(l.SitePath, "#")
			if target != "" && target != p.URL {
				reached[target] = true
			}
		}
	}
	for _, sec := range s.Sections {
		reached[sec.URL] = true // the home page lists every section
	}
	for _, p := range s.Pages {
		if p == s.Home || reached[p.URL] {
			continue
		}
		diags.Warnf(p.Source.Pos(), "orphan page: no menu, section list, related entry or link leads to %s", p.URL)
	}
}

// Placeholders reports the prompts of an archetype or a new site's skeleton
// that are still there: what is left to write. They are notes, not
// problems: a fresh site with its prompts builds and passes the check.
func Placeholders(in Input, diags *diag.List) {
	for _, p := range in.Result.Content.Pages {
		for i, line := range bytes.Split(p.Source, []byte("\n")) {
			if marker := content.PromptIn(line); marker != "" {
				diags.Notef(diag.Pos{File: p.Path(), Line: i + 1}, "left to write: %s", shorten(string(bytes.TrimSpace(line)), 70))
			}
		}
	}
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return fmt.Sprintf("%s…", string(r[:n]))
}
