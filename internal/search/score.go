package search

import (
	"math"
	"slices"
	"strings"
)

// posting is one page of a term. Small types: a large site has millions.
type posting struct {
	doc     int32
	section int32
	at      int32 // where the term is first in the section's text, or -1
	score   float32
	q       int16 // the score the client sees (clientScore)
	title   bool  // the term is in the page title
}

// score gathers every term's postings from the pages' counts and scores
// them: BM25 over the weighted term frequencies (title and tags, headings
// and summary, body; see Options). It returns the terms in sorted order,
// each term's postings in page order, and the highest score.
func (ix *Indexer) score(workers int) (terms []string, postingsOf [][]posting, maxScore float64) {
	// BM25's usual parameters: how fast a term's weight saturates on a
	// page (k1), how much a page's length counts against it (b).
	const k1, b = 1.2, 0.75
	var avg float64
	for _, l := range ix.lens {
		avg += l
	}
	if len(ix.docs) > 0 {
		avg /= float64(len(ix.docs))
	}
	norms := make([]float64, len(ix.docs))
	for i, l := range ix.lens {
		norms[i] = k1 * (1 - b + b*l/math.Max(avg, 1))
	}
	// Gather postings with the raw weights (the one pass that cannot be
	// split); scores need document frequencies, so they come after, per term
	// on all cores.
	terms, toGlobal := mergeTerms(ix.all)
	// Size each term's postings first, so they are allocated once, not
	// grown: at 10,000 pages they are the largest part of the index's heap.
	df := make([]int32, len(terms))
	for i, list := range ix.terms {
		for _, e := range list {
			df[toGlobal[ix.by[i]][e.term()]]++
		}
	}
	postingsOf = make([][]posting, len(terms))
	for t, n := range df {
		postingsOf[t] = make([]posting, 0, n)
	}
	for i, list := range ix.terms {
		for _, e := range list {
			g := toGlobal[ix.by[i]][e.term()]
			postingsOf[g] = append(postingsOf[g], posting{doc: int32(i), score: e.w, section: e.section, at: e.at, title: e.id < 0})
		}
		ix.terms[i] = nil
	}
	n := float64(len(ix.docs))
	maxes := make([]float64, workers)
	parallel(workers, len(terms), func(w, i int) {
		ps := postingsOf[i]
		df := float64(len(ps))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for k := range ps {
			tfw := float64(ps[k].score)
			ps[k].score = float32(idf * tfw * (k1 + 1) / (tfw + norms[ps[k].doc]))
			maxes[w] = math.Max(maxes[w], float64(ps[k].score))
		}
	})
	return terms, postingsOf, slices.Max(append(maxes, 0))
}

// mergeTerms numbers the terms of all counters in one sorted list, and
// returns each counter's numbers in it. Each counter's terms are distinct:
// sorted, they merge without a map.
func mergeTerms(cs []*counter) (terms []string, toGlobal [][]int32) {
	orders := make([][]int32, len(cs))
	toGlobal = make([][]int32, len(cs))
	n := 0
	for w, c := range cs {
		o := make([]int32, len(c.terms))
		for i := range o {
			o[i] = int32(i)
		}
		ts := c.terms
		slices.SortFunc(o, func(a, b int32) int { return strings.Compare(ts[a], ts[b]) })
		orders[w] = o
		toGlobal[w] = make([]int32, len(ts))
		n = max(n, len(ts))
	}
	terms = make([]string, 0, n)
	pos := make([]int, len(cs))
	for {
		least, found := "", false
		for w, c := range cs {
			if pos[w] < len(orders[w]) {
				if t := c.terms[orders[w][pos[w]]]; !found || t < least {
					least, found = t, true
				}
			}
		}
		if !found {
			return terms, toGlobal
		}
		g := int32(len(terms))
		terms = append(terms, least)
		for w, c := range cs {
			if pos[w] < len(orders[w]) {
				if k := orders[w][pos[w]]; c.terms[k] == least {
					toGlobal[w][k] = g
					pos[w]++
				}
			}
		}
	}
}
