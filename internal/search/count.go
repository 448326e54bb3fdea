package search

import (
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// tf is one term's counts on one page, while the page is counted.
type tf struct {
	id      int32   // the term, in its counter's table
	section int32   // the section where the term weighs most
	curSec  int32   // which section cur is for, plus one
	w       float32 // weighted term frequency
	best    float32 // weight in the best section
	cur     float32 // weight in the section being counted
	curAt   int32   // where the term is first in that section's text, or -1
	bestAt  int32   // the same in the best section
	title   bool
}

// count is what a page keeps of one term until the index is built: a third
// of tf, as a large site keeps millions.
type count struct {
	id      int32 // the term, in its counter's table; -1-id when in the title
	section int32
	at      int32 // where the term is first in the section's text, or -1
	w       float32
}

// term is the counter's number of the term.
func (c count) term() int32 {
	if c.id < 0 {
		return -1 - c.id
	}
	return c.id
}

// counter counts terms on pages, one page at a time, for one worker. Terms
// get small numbers, so a page's counts live in a slice, not a map: the
// index's hot loop does one map lookup per word (word → term number).
type counter struct {
	words *wordTable       // lowercase word → term number
	terms []string         // term number → term
	byID  map[string]int32 // term → term number
	slot  []int32          // term number → index in the page's counts, plus one
	// scratch is the last page's counts, reused for the next page.
	scratch []tf
	page    pageCount // the page being counted
	buf     []byte    // a word being lowercased
	stem    stemmer
	phrases *phrases // nil when the site has no phrases among its synonyms
	// stop holds the term numbers of stop words, which a phrase skips as
	// a query does; starts, for each term number, the phrases that start
	// with it (nil for nearly all); phraseID each phrase's term number,
	// or -1 until the phrase is first found.
	stop     []bool
	starts   [][]int32
	phraseID []int32
}

func newCounter(ph *phrases) *counter {
	c := &counter{words: newWordTable(), byID: map[string]int32{}, phrases: ph}
	if ph != nil {
		c.phraseID = make([]int32, len(ph.terms))
		for i := range c.phraseID {
			c.phraseID[i] = -1
		}
	}
	return c
}

// newWord numbers word w, with key k, that the word table does not hold
// yet; it copies w to keep it.
func (c *counter) newWord(w string, k wordKey) int32 {
	w = strings.Clone(w)
	id := c.termID(Fold(c.stem.stem(SpellOut(w))))
	if IsStopWord(w) {
		c.stop[id] = true
	}
	c.words.put(w, k, id)
	return id
}

// termID numbers term t.
func (c *counter) termID(t string) int32 {
	id, ok := c.byID[t]
	if !ok {
		id = int32(len(c.terms))
		c.terms = append(c.terms, t)
		c.byID[t] = id
		c.slot = append(c.slot, 0)
		c.stop = append(c.stop, false)
		var starts []int32
		if c.phrases != nil {
			starts = c.phrases.first[t]
		}
		c.starts = append(c.starts, starts)
	}
	return id
}

// count returns the weighted term frequencies of one page and its length.
func (c *counter) count(d Doc, opts Options) ([]count, float64) {
	c.page = pageCount{out: c.scratch[:0], si: -1, open: c.page.open[:0]}
	pc := &c.page
	pc.inTitle = true
	c.text(d.Title, float32(opts.TitleWeight))
	pc.inTitle = false
	// Tags name what a page is about: they weigh like the title.
	for _, t := range d.Tags {
		c.text(t, float32(opts.TitleWeight))
	}
	// The title is shown anyway: the snippet goes to the section where the
	// word is in the text.
	for i, s := range d.Sections {
		pc.si = int32(i)
		c.text(s.Heading, float32(opts.HeadingWeight))
		w := opts.BodyWeight
		if i == 0 {
			w = opts.HeadingWeight // summary and first paragraph
		}
		pc.inText = true
		c.text(s.Text, float32(w))
		pc.inText = false
	}
	out := pc.out
	counts := make([]count, len(out))
	for i, e := range out {
		c.slot[e.id] = 0
		counts[i] = count{id: e.id, section: e.section, at: e.bestAt, w: e.w}
		if e.title {
			counts[i].id = -1 - e.id
		}
	}
	c.scratch = out[:0]
	return counts, pc.length
}

// pageCount is the state of counting one page.
type pageCount struct {
	out     []tf
	length  float64
	si      int32 // the section being counted; -1 for title and tags
	inTitle bool
	inText  bool // in a section's text, where snippets come from
	// open are the phrases whose first words came last in the text being
	// counted.
	open []openPhrase
}

// text counts the words of one piece of a page, split as Words splits them.
// It is the index's hot loop, run on every word of a site, so it allocates
// nothing: a word that is lowercase ASCII already (most of them) goes
// straight from the text to the word table; any other is lowercased into
// c.buf.
func (c *counter) text(text string, weight float32) {
	c.page.open = c.page.open[:0]
	i := 0
	for i < len(text) {
		if byteClass[text[i]] == separator {
			i++
			continue
		}
		start := i
		for i < len(text) && byteClass[text[i]] == lowerASCII {
			i++
		}
		if i > start && (i == len(text) || byteClass[text[i]] == separator) {
			w := text[start:i]
			c.word(w, keyOf(w), start, weight)
			continue
		}
		// Capitals or letters outside ASCII: the word is lowercased into buf.
		var buf []byte
		buf, i = lowerWord(text, start, c.buf[:0])
		c.buf = buf
		if len(buf) == 0 {
			// A non-letter rune outside ASCII: skip it.
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		w := unsafe.String(unsafe.SliceData(buf), len(buf))
		c.word(w, keyOf(w), start, weight)
	}
}

// byteClass sorts the bytes of text for the counter's scan.
var byteClass = func() (t [256]uint8) {
	for b := range 256 {
		switch {
		case b >= 'a' && b <= 'z' || b >= '0' && b <= '9':
			t[b] = lowerASCII
		case b < utf8.RuneSelf && !isASCIIWordByte(byte(b)):
			t[b] = separator
		default:
			t[b] = otherWordByte // a capital, or part of a rune outside ASCII
		}
	}
	return t
}()

const (
	otherWordByte = iota
	lowerASCII
	separator
)

// word counts one lowercase word, with its key (keyOf), found at byte at of
// the text.
func (c *counter) word(w string, key wordKey, at int, weight float32) {
	if len(w) > maxWordBytes {
		return
	}
	id, ok := c.words.get(w, key)
	if !ok {
		id = c.newWord(w, key)
	}
	c.page.length += float64(weight)
	c.add(id, at, weight)
	if c.phrases != nil && !c.stop[id] && (len(c.page.open) > 0 || c.starts[id] != nil) {
		c.phrase(id, at, weight)
	}
}

// add counts term id once, found at byte at of the text, with weight.
func (c *counter) add(id int32, at int, weight float32) {
	pc := &c.page
	k := c.slot[id] - 1
	if k < 0 {
		k = int32(len(pc.out))
		c.slot[id] = k + 1
		pc.out = append(pc.out, tf{id: id, bestAt: -1})
	}
	e := &pc.out[k]
	e.w += weight
	if pc.inTitle {
		e.title = true
	}
	if pc.si < 0 {
		return
	}
	if e.curSec != pc.si+1 {
		e.cur, e.curSec, e.curAt = 0, pc.si+1, -1
	}
	// The snippet is cut around the word's first place in the text, found
	// here rather than by reading the text again.
	if pc.inText && e.curAt < 0 {
		e.curAt = int32(at)
	}
	e.cur += weight
	if e.cur > e.best {
		e.best, e.section, e.bestAt = e.cur, pc.si, e.curAt
	}
}

// phrases are the site's synonyms of more than one word (nieuwe medewerker),
// as terms. The index counts each place where a phrase's words follow one
// another (stop words between them aside, as a query drops them) as one
// more term, the phrase's terms joined by spaces: a query with a synonym
// of the phrase then finds the pages that have the phrase, not those that
// have its words apart.
type phrases struct {
	terms [][]string // each phrase's terms
	first map[string][]int32
}

func newPhrases(groups [][]string) *phrases {
	ph := &phrases{first: map[string][]int32{}}
	for _, g := range groups {
		for _, e := range g {
			ts := strings.Split(e, " ")
			if len(ts) < 2 || slices.ContainsFunc(ph.terms, func(o []string) bool { return slices.Equal(o, ts) }) {
				continue
			}
			ph.first[ts[0]] = append(ph.first[ts[0]], int32(len(ph.terms)))
			ph.terms = append(ph.terms, ts)
		}
	}
	if len(ph.terms) == 0 {
		return nil
	}
	return ph
}

// openPhrase is a phrase whose first n words came, the first at byte at.
type openPhrase struct {
	p, n int32
	at   int32
}

// phrase follows the phrases through the text: term id, a word that is no
// stop word, came at byte at. A phrase is counted where its last word
// comes, at the place of its first, with the weight of its words; it adds
// nothing to the page's length, its words being counted already.
func (c *counter) phrase(id int32, at int, weight float32) {
	pc, ph, t := &c.page, c.phrases, c.terms[id]
	open := pc.open[:0]
	for _, o := range pc.open {
		ts := ph.terms[o.p]
		if ts[o.n] != t {
			continue
		}
		o.n++
		if int(o.n) < len(ts) {
			open = append(open, o)
			continue
		}
		if c.phraseID[o.p] < 0 {
			c.phraseID[o.p] = c.termID(strings.Join(ts, " "))
		}
		c.add(c.phraseID[o.p], int(o.at), weight)
	}
	for _, p := range c.starts[id] {
		open = append(open, openPhrase{p: p, n: 1, at: int32(at)})
	}
	pc.open = open
}
