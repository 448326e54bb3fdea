package build

import (
	"reflect"
	"testing"

	"github.com/handboek/handboek/internal/search"
)

// TestSearchDocsOfACard holds the adapter between site and index to what a
// card page shows: its summary and lead text first, the card's parts from
// front matter under the headings the site gives them (its UI strings),
// then the page's own sections, with entities decoded.
func TestSearchDocsOfACard(t *testing.T) {
	res, _ := compile(t, "testdata/site")
	docs := SearchDocs(res.Site)
	byURL := map[string]search.Doc{}
	for _, d := range docs {
		byURL[d.URL] = d
	}
	if _, ok := byURL[""]; ok {
		t.Error("the home page is searchable")
	}
	d, ok := byURL["dimensies/feedback/"]
	if !ok {
		t.Fatalf("no document for dimensies/feedback/ among %d", len(docs))
	}
	if d.Title != "Feedbackprocessen stimuleren" || d.Kind != "dimensie" || !reflect.DeepEqual(d.Tags, []string{"feedback", "cultuur"}) {
		t.Errorf("title, kind, tags = %q, %q, %q", d.Title, d.Kind, d.Tags)
	}
	var got [][2]string
	for _, s := range d.Sections {
		got = append(got, [2]string{s.ID, s.Heading})
	}
	want := [][2]string{
		{"", ""},
		{"card-challenges", "Uitdagingen"},
		{"card-suggestions", res.Site.T("suggestions_dimensie")},
		{"uit-de-praktijk", "Uit de praktijk"},
		{"wat-opviel", "Wat opviel"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sections (anchor, heading):\n got %q\nwant %q", got, want)
	}
	if intro := d.Sections[0].Text; intro != "Feedback geven en vragen hoort bij het werk. Feedback werkt alleen in een veilige omgeving. Lees ook visie." {
		t.Errorf("intro text %q: want the summary, then the text before the first heading", intro)
	}
	if s := d.Sections[1].Text; s != "Hoe wordt feedback gewoon? Door er zelf om te vragen. Hoe verbeter je met gegevens? Door cijfers samen te bespreken." {
		t.Errorf("challenges text %q", s)
	}
	if s := d.Sections[4].Text; s != "Het werd „gewoon”." {
		t.Errorf("section text %q: want entities decoded", s)
	}
}
