package search

import (
	"math"
	"slices"
)

// rankTerms ranks every term's pages (rankTerm) on all cores: each term's
// best pages, which get a record with a snippet, and its encoded postings.
// It drops the postings as it goes.
// cut holds, for each term whose postings keep only its best pages, on
// how many pages it is (0 for the others): the client weighs a query
// word by it.
func rankTerms(workers int, postingsOf [][]posting, maxScore float64, opts Options) (tops [][]posting, encoded []string, cut []int) {
	tops = make([][]posting, len(postingsOf))
	encoded = make([]string, len(postingsOf))
	cut = make([]int, len(postingsOf))
	parallel(workers, len(postingsOf), func(_, i int) {
		if n := len(postingsOf[i]); n > opts.MaxPostings {
			cut[i] = n
		}
		tops[i], encoded[i] = rankTerm(postingsOf[i], maxScore, opts)
		postingsOf[i] = nil
	})
	return tops, encoded, cut
}

// rankTerm returns a term's best pages, best first (the records of its
// entry), and its postings string: the MaxPostings best, by page.
//
// ps is in page order. The order wanted is best first by the score the
// client sees (quantised, doubled for the title), ties by page as the client
// breaks them: so a one-word query finds its first results among these
// pages. Scores are small integers, so the best n are found by counting, not
// sorting: a common word is on nearly every page of a large site.
func rankTerm(ps []posting, maxScore float64, opts Options) (top []posting, encoded string) {
	for k := range ps {
		ps[k].q = int16(clientScore(ps[k], maxScore))
	}
	kept := best(ps, opts.MaxPostings) // still in page order
	if opts.TopDocs == 0 {
		// A small site: its pages' files hold their sections.
		return nil, encodePostings(kept, maxScore)
	}
	top = best(slices.Clone(kept), opts.TopDocs)
	slices.SortStableFunc(top, func(a, b posting) int { return int(b.q - a.q) })
	return top, encodePostings(kept, maxScore)
}

// maxClientScore bounds clientScore: 31 squared, doubled for the title.
const maxClientScore = 2 * 31 * 31

// best keeps, in place and in their order, the n postings that come first
// by score, ties going to the earlier. It counts the postings of each of
// the 62 scores the client can see, best first, to find the lowest score
// kept: no sort, and no pass over every number up to maxClientScore.
func best(ps []posting, n int) []posting {
	if len(ps) <= n {
		return ps
	}
	var count [len(clientScores)]int32
	for _, p := range ps {
		count[scoreRank[p.q]]++
	}
	// The lowest score that is kept, and how many of it.
	r, room := 0, int32(n)
	for ; r < len(count)-1 && count[r] < room; r++ {
		room -= count[r]
	}
	low := clientScores[r]
	out := ps[:0]
	for _, p := range ps {
		switch {
		case int(p.q) > low:
			out = append(out, p)
		case int(p.q) == low && room > 0:
			out = append(out, p)
			room--
		}
	}
	return out
}

// clientScores are the scores clientScore gives, q² and 2q² for q in
// 1..31, best first; scoreRank is each one's place in it. No two are
// equal, since 2 is not a square.
var clientScores, scoreRank = func() (scores [62]int, rank [maxClientScore + 1]uint8) {
	for q := 1; q <= 31; q++ {
		scores[2*(q-1)], scores[2*(q-1)+1] = q*q, 2*q*q
	}
	slices.SortFunc(scores[:], func(a, b int) int { return b - a })
	for i, s := range scores {
		rank[s] = uint8(i)
	}
	return scores, rank
}()

func quantise(score, maxScore float64) int {
	return min(max(int(math.Round(31*math.Sqrt(score/maxScore))), 1), 31)
}

// clientScore is the score the client decodes from a posting.
func clientScore(p posting, maxScore float64) int {
	q := quantise(float64(p.score), maxScore)
	if p.title {
		return 2 * q * q
	}
	return q * q
}
