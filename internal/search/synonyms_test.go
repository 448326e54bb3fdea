package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// metaOf decodes search/meta.js of an index.
func metaOf(t *testing.T, files []File) map[string]json.RawMessage {
	t.Helper()
	for _, f := range files {
		if f.Path == "search/meta.js" {
			s := string(f.Data)
			var m map[string]json.RawMessage
			if err := json.Unmarshal([]byte(s[strings.IndexByte(s, '{'):strings.LastIndexByte(s, ')')]), &m); err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	t.Fatal("no meta.js")
	return nil
}

func TestSynonymTermsAreQueryTerms(t *testing.T) {
	got := synonymTerms([][]string{
		{"Onboarding", "inwerken", "nieuwe medewerker", "Nieuwe medewerkers"},
		{"leren in het werk", "werkplekleren"},
		{"medewerker", "medewerkers"}, // one term: no group left
		{"het", "de"},                 // stop words only: kept, as a query keeps them
	})
	want := [][]string{
		{Term("onboarding"), Term("inwerken"), Term("nieuwe") + " " + Term("medewerker")},
		{Term("leren") + " " + Term("werk"), Term("werkplekleren")},
		{"het", "de"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("synonymTerms = %q, want %q", got, want)
	}
}

// A phrase among the synonyms is a term of its own, on the pages where its
// words follow one another (stop words between them aside), where the
// snippet shows it.
func TestPhrasesAreCountedWhereTheirWordsMeet(t *testing.T) {
	docs := []Doc{
		{Title: "Welkom", URL: "a/", Kind: "pagina", Sections: []Section{{Text: "Een nieuwe medewerker komt erbij."}}},
		{Title: "Rollen", URL: "b/", Kind: "pagina", Sections: []Section{{Text: "Een medewerker kiest een nieuwe rol."}}},
		{Title: "Nieuwe medewerkers", URL: "c/", Kind: "pagina", Sections: []Section{{ID: "x", Heading: "Leren", Text: "Over leren in het werk, en werk."}}},
		{Title: "Los", URL: "d/", Kind: "pagina", Sections: []Section{{Text: "Nieuwe ideeën. Medewerker."}}},
	}
	for _, small := range []int{0, 100} {
		opts := Default()
		opts.SmallSite = small
		opts.Synonyms = [][]string{{"onboarding", "nieuwe medewerker"}, {"werkplekleren", "leren in het werk"}}
		files, _ := BuildIndex(docs, opts)
		es := entries(t, files)
		for phrase, want := range map[string][]int{
			Term("nieuwe") + " " + Term("medewerker"): {0, 2},
			Term("leren") + " " + Term("werk"):        {2},
		} {
			entry := es[phrase]
			if entry == nil {
				t.Fatalf("small %d: no term %q", small, phrase)
			}
			var post string
			json.Unmarshal(entry[0], &post)
			var pages []int
			for p := range scores(post) {
				pages = append(pages, p)
			}
			slices.Sort(pages)
			if !slices.Equal(pages, want) {
				t.Errorf("small %d: %q on pages %v, want %v", small, phrase, pages, want)
			}
		}
		var y [][]string
		json.Unmarshal(metaOf(t, files)["y"], &y)
		if len(y) != 2 || y[0][1] != Term("nieuwe")+" "+Term("medewerker") {
			t.Errorf("meta.js y = %q", y)
		}
	}
}

// On a small site meta.js has every page's title and URL and the records
// only anchor and snippet; on a large one the records have them.
func TestSmallSiteTitlesAreInMeta(t *testing.T) {
	docs := []Doc{
		{Title: "Feedback geven", URL: "a/", Kind: "pagina", Sections: []Section{{Text: "Over feedback."}}},
		{Title: "Anders", URL: "b/", Kind: "pagina", Sections: []Section{{ID: "s", Heading: "Kop", Text: "Ook feedback hier."}}},
	}
	for _, small := range []int{0, 100} {
		opts := Default()
		opts.SmallSite = small
		files, _ := BuildIndex(docs, opts)
		var pages [][2]string
		json.Unmarshal(metaOf(t, files)["p"], &pages)
		var rec []any
		json.Unmarshal(entries(t, files)[Term("feedback")][1], &rec)
		if small > 0 {
			if fmt.Sprint(pages) != "[[Feedback geven a/] [Anders b/]]" || len(rec) != 3 {
				t.Errorf("small site: meta p %q, record %q", pages, rec)
			}
		} else if pages != nil || len(rec) != 5 || rec[1] != "Feedback geven" {
			t.Errorf("large site: meta p %q, record %q", pages, rec)
		}
	}
}

// A term on more pages than its postings keep says on how many it is.
func TestCutPostingsSayTheirCount(t *testing.T) {
	var docs []Doc
	for i := range 12 {
		docs = append(docs, Doc{Title: fmt.Sprint("Pagina ", i), URL: fmt.Sprint(i, "/"), Kind: "pagina", Sections: []Section{{Text: "Over feedback en leren." + strings.Repeat(" feedback", i)}}})
	}
	opts := Default()
	opts.MaxPostings = 5
	files, _ := BuildIndex(docs, opts)
	for _, f := range files {
		if strings.HasPrefix(f.Path, "search/s/") && strings.Contains(string(f.Data), `",12,[`) {
			return
		}
	}
	t.Error("no shard entry says its term is on 12 pages")
}
