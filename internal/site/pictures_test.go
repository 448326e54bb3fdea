package site

import (
	"testing"

	"github.com/handboek/handboek/internal/content"
)

func sectionOf(kind string, cards, others int) *Page {
	sec := NewPage(&content.Page{FrontMatter: content.FrontMatter{Kind: content.KindSection}})
	for i := 0; i < cards; i++ {
		sec.children = append(sec.children, NewPage(&content.Page{FrontMatter: content.FrontMatter{Kind: kind, Number: i + 1}}))
	}
	for i := 0; i < others; i++ {
		sec.children = append(sec.children, NewPage(&content.Page{FrontMatter: content.FrontMatter{Kind: content.KindArtikel}}))
	}
	return sec
}

// A section's picture has one segment per card, and no picture when there
// is nothing to draw or too much to read.
func TestPictureCards(t *testing.T) {
	for _, tc := range []struct {
		name     string
		section  *Page
		want     int
		wantKind string
	}{
		{"no section", nil, 0, ""},
		{"articles only", sectionOf(content.KindSpaak, 0, 3), 0, ""},
		{"ten spokes", sectionOf(content.KindSpaak, 10, 0), 10, content.KindSpaak},
		{"cards among articles", sectionOf(content.KindDimensie, 8, 2), 8, content.KindDimensie},
		{"at the limit", sectionOf(content.KindPraktijk, pictureMax, 0), pictureMax, content.KindPraktijk},
		{"over the limit", sectionOf(content.KindSpaak, pictureMax+1, 0), 0, ""},
	} {
		cards, kind := pictureCards(tc.section)
		if len(cards) != tc.want || kind != tc.wantKind {
			t.Errorf("%s: %d cards of kind %q, want %d of %q", tc.name, len(cards), kind, tc.want, tc.wantKind)
		}
	}
}
