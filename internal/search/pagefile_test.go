package search

import (
	"strings"
	"testing"
)

func TestASCIISlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Wat het is", "wat-het-is"},
		{"  Hoe? Zo!  ", "hoe-zo"},
		{"L&D-budget 2024", "l-d-budget-2024"},
		{"a--b", "a-b"},
		{"", ""},
		{"?!", ""},
		{"Eén stap", ""}, // not ASCII: the anchor stays in the file
		{"ideeën", ""},
	} {
		if got := asciiSlug(tc.in); got != tc.want {
			t.Errorf("asciiSlug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShownAlone(t *testing.T) {
	secs := []Section{
		{ID: "", Heading: ""},
		{ID: "card-not", Heading: "Wat het niet is"},
		{ID: "card-why", Heading: "Waarom"},
		{ID: "wat-het-niet-is", Heading: "Wat het niet is"},
	}
	for _, tc := range []struct {
		sec  Section
		want bool
	}{
		{secs[0], true},
		{secs[1], false}, // the page says it under the same heading
		{secs[2], true},  // only the card has it
		{secs[3], true},
	} {
		if got := shownAlone(tc.sec, secs); got != tc.want {
			t.Errorf("shownAlone(%q) = %v, want %v", tc.sec.ID, got, tc.want)
		}
	}
}

// TestPageFilesLeaveOutAnchors: on a small site a page file leaves out
// the anchors that are the heading's, and keeps the others.
func TestPageFilesLeaveOutAnchors(t *testing.T) {
	docs := []Doc{{Title: "Eén", URL: "een/", Kind: "spaak", Sections: []Section{
		{Text: "intro tekst"},
		{ID: "card-not", Heading: "Wat het niet is", Text: "kort"},
		{ID: "wat-het-niet-is", Heading: "Wat het niet is", Text: "lang en breed"},
		{ID: "een-stap", Heading: "Eén stap", Text: "stap"},
		{ID: "wie-1", Heading: "Wie", Text: "dubbel"},
	}}}
	files, _ := BuildIndex(docs, Default())
	var page string
	for _, f := range files {
		if f.Path == "search/d/0.js" {
			page = string(f.Data)
		}
	}
	for _, want := range []string{`[0,"Wat het niet is","lang en breed"]`, `["een-stap","Eén stap","stap"]`, `["wie-1","Wie","dubbel"]`, `["","","intro tekst"]`} {
		if !strings.Contains(page, want) {
			t.Errorf("page file lacks %s:\n%s", want, page)
		}
	}
	if strings.Contains(page, "card-not") {
		t.Errorf("page file keeps the card part the page repeats:\n%s", page)
	}
}
