package site

import (
	"path"
	"strings"

	"github.com/handboek/handboek/internal/diag"
)

// origin is what makes an output file, for the message when two things
// make the same one: neither may silently win.
type origin struct {
	pos diag.Pos // where it is written; File "" for what no file of the site makes
	// what it is, said at its own position ("this page"), and ref, said
	// at the other's ("content/zoeken.md:1").
	what, ref string
}

func virtualOrigin(what string) origin { return origin{what: what, ref: what} }

// pageOrigin is a page's file, at its slug when the slug made the URL.
func pageOrigin(p *Page) origin {
	pos := diag.Pos{File: p.Path(), Line: 1}
	if p.Source != nil {
		pos = p.Source.URLPos()
	}
	return origin{pos: pos, what: "this page", ref: pos.String()}
}

// tagOrigin is where a tag is first written.
func tagOrigin(p *Page, i int) origin {
	pos := diag.Pos{File: p.Path(), Line: 1}
	if p.Source != nil && p.Source.Meta != nil {
		pos = p.Source.Meta.ItemPos("tags", i)
	}
	what := `tag "` + p.Tags[i] + `"`
	return origin{pos: pos, what: what, ref: what + " (" + pos.String() + ")"}
}

// fileOrigin is a file copied into the output from dir ("content",
// "static", "themes/x/static").
func fileOrigin(file string) origin {
	return origin{pos: diag.Pos{File: file}, what: "this file", ref: file}
}

// claims hands out output paths in a fixed order, before anything runs in
// parallel, and reports every path claimed twice, at both claimants.
type claims struct {
	by    map[string]origin
	diags *diag.List
}

func newClaims(n int, diags *diag.List) *claims {
	return &claims{by: make(map[string]origin, n), diags: diags}
}

// claim reports whether out is o's; when another has it, both hear why.
func (c *claims) claim(out string, o origin) bool {
	first, taken := c.by[out]
	if !taken {
		c.by[out] = o
		return true
	}
	url := "/" + strings.TrimSuffix(out, "index.html")
	if path.Base(out) == "index.html" {
		url = "/" + path.Dir(out) + "/"
		if url == "/./" {
			url = "/"
		}
	}
	said := false
	for _, pair := range [][2]origin{{first, o}, {o, first}} {
		at, other := pair[0], pair[1]
		if at.pos.File == "" || said && at.pos == other.pos {
			continue
		}
		c.diags.Errorf(at.pos, "%s and %s both become %s; only one can", at.what, other.ref, url)
		said = true
	}
	if !said {
		c.diags.Errorf(diag.Pos{File: out}, "%s and %s both become %s; only one can", first.what, o.ref, url)
	}
	return false
}
