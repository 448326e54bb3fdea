package search

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// record is one of a term's best pages in its entry: the section where the
// term weighs most, and a snippet around the term there.
type record struct {
	id, snippet string
}

// snippets fills each term's records (tops) with the section the term
// weighs most in and a snippet around it there, and on a small site makes
// every page's list of sections for its page file (pageSecs, nil
// otherwise). Snippets need the pages' text, which is read back once per
// page: so it first lists, for each page, the records it has to fill.
func (ix *Indexer) snippets(workers int, tops [][]posting) (recs [][]record, pageSecs [][][3]string, err error) {
	opts, small := ix.opts, ix.small
	type want struct{ term, rank int32 }
	wants := make([][]want, len(ix.docs))
	for i, top := range tops {
		for k, p := range top {
			wants[p.doc] = append(wants[p.doc], want{int32(i), int32(k)})
		}
	}
	recs = make([][]record, len(tops))
	for i, top := range tops {
		recs[i] = make([]record, len(top))
	}
	// On a small site every page gets a file with all its sections.
	if small {
		pageSecs = make([][][3]string, len(ix.docs))
	}
	if err := ix.text.flush(); err != nil {
		return nil, nil, err
	}
	errs := make([]error, workers)
	parallel(workers, len(ix.docs), func(w, d int) {
		if len(wants[d]) == 0 && !small {
			return
		}
		secs, err := ix.sections(d)
		if err != nil {
			errs[w] = err
			return
		}
		for _, wt := range wants[d] {
			p := tops[wt.term][wt.rank]
			sec := d0(secs, int(p.section))
			recs[wt.term][wt.rank] = record{id: sec.ID, snippet: snippet(sec.Text, int(p.at), opts.SnippetRunes)}
		}
		if small {
			pageSecs[d] = make([][3]string, 0, len(secs))
			for _, sec := range secs {
				if !shownAlone(sec, secs) {
					continue
				}
				pageSecs[d] = append(pageSecs[d], [3]string{sec.ID, sec.Heading, Excerpt(sec.Text, 3*opts.SnippetRunes/2)})
			}
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return recs, pageSecs, nil
}

// snippet is the text around byte at of text (a word), about n runes
// long, cut at spaces; the start of text when at is -1 (the word was in the
// heading or title, not in the text).
func snippet(text string, at, n int) string {
	if at < 0 || at >= len(text) {
		return Excerpt(text, n)
	}
	// A quarter of the room before the word, the rest after it.
	from := at
	for k := 0; from > 0 && k < n/4; k++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	if from > 0 {
		if sp := strings.IndexByte(text[from:at], ' '); sp >= 0 {
			from += sp + 1
		}
	}
	out := Excerpt(text[from:], n)
	if from > 0 {
		out = "…" + out
	}
	return out
}

// d0 is section i, or an empty one.
func d0(secs []Section, i int) Section {
	if i < len(secs) {
		return secs[i]
	}
	return Section{}
}

// Excerpt shortens text to at most n runes, cut at a space, with an ellipsis.
// It sees every section of a small site and every snippet of a large one, so
// where the start of text is one line of single spaces already it reads only
// that start, and counts runes in place.
func Excerpt(text string, n int) string {
	if len(text) > 8*n {
		// Only the start is shown: do not split a long text into words.
		cut := 8 * n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if !utf8.ValidString(text) {
		// Content is checked to be UTF-8; keep the rune conversion's
		// replacement characters for anything else.
		return excerptByRunes(text, n)
	}
	// b is where rune n starts; the text is short enough when there is none.
	b, plain := plainHead(text, n)
	if !plain {
		text = strings.Join(strings.Fields(text), " ")
		b = 0
		for runes := 0; b < len(text) && runes < n; runes++ {
			_, size := utf8.DecodeRuneInString(text[b:])
			b += size
		}
	}
	if b == len(text) {
		return text
	}
	for cut := n; cut > n/2 && text[b] != ' '; cut-- {
		_, size := utf8.DecodeLastRuneInString(text[:b])
		b -= size
	}
	return strings.TrimRight(text[:b], " ,.;:") + "…"
}

// excerptByRunes is Excerpt the plain way: fields joined, then runes
// counted in a []rune.
func excerptByRunes(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	rs := []rune(text)
	if len(rs) <= n {
		return text
	}
	cut := n
	for cut > n/2 && rs[cut] != ' ' {
		cut--
	}
	return strings.TrimRight(string(rs[:cut]), " ,.;:") + "…"
}

// asciiSpace is unicode.IsSpace for ASCII.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// plainHead reports whether text reads, up to two runes past rune n, as
// strings.Fields joined with single spaces would make it (no space first or
// last, none but ' ', never two together), and where rune n starts:
// len(text) when there are no more than n runes. The runes past n show that
// a space at n or n+1 is followed by a word, so the join keeps it.
func plainHead(text string, n int) (b int, plain bool) {
	prevSpace := true // no space at the start
	b = len(text)
	for i, runes := 0, 0; i < len(text) && runes <= n+1; runes++ {
		if runes == n {
			b = i
		}
		r, size := rune(text[i]), 1
		var space bool
		if r < utf8.RuneSelf {
			space = asciiSpace[r]
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			space = unicode.IsSpace(r)
		}
		if space && (r != ' ' || prevSpace) {
			return 0, false
		}
		prevSpace = space
		i += size
		if runes == n+1 {
			return b, true
		}
	}
	return b, !prevSpace || text == ""
}
