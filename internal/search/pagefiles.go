package search

import (
	"fmt"
	"strings"
)

// pageFiles are the files search/d/N.js: the title and URL of every page,
// groupDocs pages to a file, and on a small site (one page to a file) the
// page's sections (pageSecs).
func pageFiles(docs []Doc, pageSecs [][][3]string, small bool, groupDocs int) []File {
	var files []File
	for g := 0; g*groupDocs < len(docs); g++ {
		// [[title, URL], ...], or on a small site
		// [[title, URL, [[anchor, heading, excerpt], ...]], ...].
		data := fmt.Appendf(nil, "__handboekSearch(\"d\",%d,[", g)
		for i := g * groupDocs; i < min(len(docs), (g+1)*groupDocs); i++ {
			if i > g*groupDocs {
				data = append(data, ',')
			}
			data = append(data, '[')
			data = appendJSONString(data, docs[i].Title)
			data = append(data, ',')
			data = appendJSONString(data, docs[i].URL)
			if small {
				data = appendPageSections(append(data, ','), pageSecs[i])
			}
			data = append(data, ']')
		}
		data = append(data, "])\n"...)
		files = append(files, File{Path: fmt.Sprintf("search/d/%d.js", g), Data: data})
	}
	return files
}

// appendPageSections appends a small site's page sections as
// [[anchor, heading, excerpt], ...].
func appendPageSections(data []byte, secs [][3]string) []byte {
	data = append(data, '[')
	for si, sec := range secs {
		if si > 0 {
			data = append(data, ',')
		}
		// An anchor the client can make from its heading is left out (0):
		// it is most of them, and the page files are most of what a small
		// site's first query loads.
		if sec[0] != "" && sec[0] == asciiSlug(sec[1]) {
			data = append(data, "[0,"...)
			data = appendJSONString(data, sec[1])
			data = append(data, ',')
			data = append(appendJSONString(data, sec[2]), ']')
			continue
		}
		data = appendJSONStrings(data, sec[:]...)
	}
	return append(data, ']')
}

// shownAlone tells whether a small site's page file keeps section sec of
// secs: a card part (card-…) is left out when the page has a section of its
// own under the same heading, which says the same at more length and is
// the better place to link to.
func shownAlone(sec Section, secs []Section) bool {
	if !strings.HasPrefix(sec.ID, "card-") {
		return true
	}
	for _, o := range secs {
		if o.Heading == sec.Heading && !strings.HasPrefix(o.ID, "card-") {
			return false
		}
	}
	return true
}

// asciiSlug is the anchor the client makes from an ASCII heading: lower
// case, every run of other characters a hyphen, none at either end. It is
// "" for a heading that is not ASCII, which the client is never asked to do.
func asciiSlug(h string) string {
	b := make([]byte, 0, len(h))
	dash := false
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c >= 0x80:
			return ""
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
		default:
			dash = true
		}
	}
	return string(b)
}
