package search_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/handboek/handboek/internal/search"
)

// The client highlights a word only when its term starts as some matched
// term does, and looks no further at the others (isHit in search.js). That
// holds when a word's term starts with the word's first letter folded, or
// its third when the word starts with ge- (the stemmer drops a prefix
// ge-, and nothing else near the start of a word). Checked on words made
// to try the stemmer's edges and every word of the test sites; the smoke
// test, TestSearchInBrowser, checks every word of the default handbook.
func TestTermStartsLikeItsWord(t *testing.T) {
	words := strings.Fields(`geleerd gevallen gevalideerd geëerd geïnteresseerd geen ge gee geef geeft
		ideeën ëen ïets ééndracht aaa eeee y ijs ijzig yoga ypsilon s kt ft bb zz
		gegeven gelegenheid begeleiden uitgegeven gebruikt geheugen ĳs ĳzig geĳkt æther œuvre`)
	siteWords, _ := vocabulary(testSiteDocs(t))
	termsStartLikeTheirWords(t, append(words, siteWords...))
}

func termsStartLikeTheirWords(t *testing.T, words []string) {
	t.Helper()
	first := func(s string) string {
		r, _ := utf8.DecodeRuneInString(search.Fold(s))
		return string(r)
	}
	for _, w := range unique(words) {
		term := search.Term(w)
		if term == "" {
			t.Errorf("%q has an empty term", w)
			continue
		}
		if first(term) == first(w) {
			continue
		}
		if rest, ok := strings.CutPrefix(w, "ge"); ok && rest != "" && first(term) == first(rest) {
			continue
		}
		t.Errorf("term %q of %q starts with neither the word's first letter nor, after ge-, its third", term, w)
	}
}
