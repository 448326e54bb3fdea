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
	seen := map[string]bool{}
	for _, l := range t.layers {
		found := false
		_ = fs.WalkDir(l.FS, "layouts", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || seen[p] {
				return nil
			}
			seen[p] = true
			data, err := fs.ReadFile(l.FS, p)
			if err != nil {
				found = true // cannot tell: assume the worst
				return fs.SkipAll
			}
			for _, m := range bodyField.FindAllStringSubmatch(string(data), -1) {
				if m[1] != ".Page" && m[1] != "$.Page" {
					found = true
					return fs.SkipAll
				}
			}
			return nil
		})
		if found {
			return true
		}
	}
	return false
}
