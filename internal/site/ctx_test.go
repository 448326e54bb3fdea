package site

import "testing"

func TestSectionNavMark(t *testing.T) {
	tests := []struct {
		name, html, key, want string
	}{
		{"marks the page and strips every marker",
			`<a href="../a/" data-nav="s/a">A</a><a href="../ab/" data-nav="s/ab">AB</a>`, "s/ab",
			`<a href="../a/">A</a><a href="../ab/" aria-current="page">AB</a>`},
		{"a key that is a prefix of another marks only itself",
			`<a data-nav="s/a">A</a><a data-nav="s/ab">AB</a>`, "s/a",
			`<a aria-current="page">A</a><a>AB</a>`},
		{"a page not in the list marks nothing",
			`<a data-nav="s/a">A</a>`, "s/z", `<a>A</a>`},
		{"no markers", `<ol></ol>`, "s/a", `<ol></ol>`},
		{"an unterminated marker is left alone", `<a data-nav="s/a>A</a>`, "s/a", `<a data-nav="s/a>A</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &sectionNav{html: tt.html}
			n.split()
			if got := string(n.mark(tt.key)); got != tt.want {
				t.Errorf("mark(%q) = %s, want %s", tt.key, got, tt.want)
			}
		})
	}
}
