package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// numTerms is how many of the sorted terms start with a digit: they sort
// first, are never expanded, and a site can have thousands (page numbers),
// so they go in their own file, loaded only for a query with a number in it.
func numTerms(terms []string) int {
	nn := 0
	for nn < len(terms) && terms[nn][0] >= '0' && terms[nn][0] <= '9' {
		nn++
	}
	return nn
}

// numFile is search/num.js: the terms that start with a digit, front-coded.
func numFile(terms []string) File {
	num := appendJSONString([]byte(`__handboekSearch("n",0,`), frontCode(terms))
	return File{Path: "search/num.js", Data: append(num, ")\n"...)}
}

// metaFile is search/meta.js: the page kinds, each page's kind, on a
// small site each page's title and URL, the other terms front-coded (nn is
// how many num.js holds), the first term of each shard, how many pages
// share a page file, and the synonyms as terms.
func metaFile(docs []Doc, small bool, terms []string, nn int, shardStarts []int, groupDocs int, synonyms [][]string) File {
	kinds := []string{}
	kindIdx := map[string]int{}
	var dk strings.Builder
	for _, d := range docs {
		k, ok := kindIdx[d.Kind]
		if !ok {
			k = len(kinds)
			kindIdx[d.Kind] = k
			kinds = append(kinds, d.Kind)
		}
		dk.WriteByte(alphabet[k%len(alphabet)])
	}
	meta := map[string]any{
		"v":  3,
		"n":  len(docs),
		"k":  kinds,
		"dk": dk.String(),
		"nn": nn,
		"t":  frontCode(terms),
		"s":  encodeGaps(shardStarts),
		"g":  groupDocs,
	}
	if len(synonyms) > 0 {
		meta["y"] = synonyms
	}
	if small {
		pages := make([][2]string, len(docs))
		for i, d := range docs {
			pages[i] = [2]string{d.Title, d.URL}
		}
		meta["p"] = pages
	}
	data, _ := json.Marshal(meta)
	return File{Path: "search/meta.js", Data: fmt.Appendf(nil, "__handboekSearch(\"m\",0,%s)\n", data)}
}

// synonymTerms analyses the site's synonym groups as the client analyses a
// query (queryTerms): each entry becomes its terms joined by spaces. Entries
// that come to the same terms (medewerker, medewerkers) are one, and a group
// left with fewer than two is dropped.
func synonymTerms(groups [][]string) [][]string {
	var out [][]string
	for _, g := range groups {
		var terms []string
		for _, e := range g {
			t := strings.Join(queryTerms(e), " ")
			if t != "" && !slices.Contains(terms, t) {
				terms = append(terms, t)
			}
		}
		if len(terms) >= 2 {
			out = append(out, terms)
		}
	}
	return out
}
