package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/site"
)

// Options tune the index. Default gives the values the package doc measures.
type Options struct {
	// ShardBytes is the least size a postings shard grows to before a new one
	// starts; shards grow so there are at most MaxShards, or one for every
	// PagesPerShard pages on a large site: few files keep the build fast, and
	// small shards keep a query's download small.
	ShardBytes, MaxShards, PagesPerShard int
	// MaxPostings keeps only a term's best pages (by score): enough to rank
	// the first results of any query, and it bounds what a query downloads
	// on a large site.
	MaxPostings int
	// TopDocs is how many of a term's best pages carry their title, URL and
	// a snippet inside the term's shard, so most queries show their results
	// without loading anything else.
	TopDocs int
	// GroupDocs is how many pages share one title file (search/d/N.js), the
	// fallback for results outside every term's top pages. Few files keep the
	// build fast: writing a file costs more than its bytes.
	GroupDocs int
	// SnippetRunes is the length of the text around a word in a snippet.
	SnippetRunes int
	// SmallSite is the most pages a site has to get one file per page with
	// all its sections (and no pages inside the shards): on a small site
	// that downloads less, and the few files cost little to write.
	SmallSite int
	// Field weights for BM25F.
	TitleWeight, HeadingWeight, BodyWeight float64
}

// Default returns the standard options.
func Default() Options {
	return Options{ShardBytes: 3000, MaxShards: 60, PagesPerShard: 40, MaxPostings: 200, TopDocs: 10, GroupDocs: 64, SnippetRunes: 80, SmallSite: 100, TitleWeight: 6, HeadingWeight: 2, BodyWeight: 1}
}

// Doc is one searchable page.
type Doc struct {
	Title    string
	URL      string // site path without the leading slash: "dimensies/feedback/"
	Kind     string
	Tags     []string
	Sections []Section
}

// Section is a part of a page a result can link to.
type Section struct {
	ID, Heading, Text string
}

// Docs lists the searchable pages of s (Pages) as documents (DocOf).
func Docs(s *site.Site) []Doc {
	pages := Pages(s)
	docs := make([]Doc, len(pages))
	for i, p := range pages {
		docs[i] = DocOf(s, p)
	}
	return docs
}

// Pages are the searchable pages of s, in the index's order: every page but
// the home page and drafts.
func Pages(s *site.Site) []*site.Page {
	var out []*site.Page
	for _, p := range s.Pages {
		if p == s.Home || p.Kind == content.KindHome || p.Draft {
			continue
		}
		out = append(out, p)
	}
	return out
}

// DocOf is page p as a document: its title, rendered text by heading, and
// the card parts that templates show from front matter as sections.
func DocOf(s *site.Site, p *site.Page) Doc {
	d := Doc{Title: p.Title, URL: strings.TrimPrefix(p.URL, "/"), Kind: p.Kind, Tags: p.Tags}
	intro := Section{Text: p.Summary}
	var rest []Section
	if r := p.Result; r != nil {
		for _, sec := range r.Sections {
			// Section text keeps the entities of typographic quotes
			// (&rsquo;): the snippet shows text, not HTML.
			if sec.ID == "" {
				intro.Text += " " + html.UnescapeString(sec.Text)
				continue
			}
			rest = append(rest, Section{ID: sec.ID, Heading: html.UnescapeString(sec.Heading), Text: html.UnescapeString(sec.Text)})
		}
	}
	d.Sections = append(d.Sections, intro)
	var qs []string
	for _, c := range p.Challenges {
		qs = append(qs, c.Question+" "+c.Explanation)
	}
	add := func(id, label, text string) {
		if strings.TrimSpace(text) != "" {
			d.Sections = append(d.Sections, Section{ID: id, Heading: s.T(label), Text: text})
		}
	}
	add("card-challenges", "challenges", strings.Join(qs, " "))
	add("card-why", "why", p.Why)
	add("card-not", "not", p.Not)
	add("card-support", "support", p.Support)
	add("card-suggestions", "suggestions_"+p.Kind, strings.Join(p.Suggestions, " "))
	d.Sections = append(d.Sections, rest...)
	return d
}

// File is one output file of the index.
type File struct {
	Path string
	Data []byte
}

// Stats describe a built index.
type Stats struct {
	Docs, Terms, Shards int
	MetaBytes           int
}

// posting is one page of a term. Small types: a large site has millions.
type posting struct {
	doc     int32
	section int32
	at      int32 // where the term is first in the section's text, or -1
	score   float32
	q       int16 // the score the client sees (clientScore)
	title   bool  // the term is in the page title
}

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
}

func newCounter() *counter {
	return &counter{words: newWordTable(), byID: map[string]int32{}}
}

// newWord numbers word w, with key k, that the word table does not hold
// yet; it copies w to keep it.
func (c *counter) newWord(w string, k wordKey) int32 {
	w = strings.Clone(w)
	t := Fold(c.stem.stem(w))
	id, ok := c.byID[t]
	if !ok {
		id = int32(len(c.terms))
		c.terms = append(c.terms, t)
		c.byID[t] = id
		c.slot = append(c.slot, 0)
	}
	c.words.put(w, k, id)
	return id
}

// count returns the weighted term frequencies of one page and its length.
func (c *counter) count(d Doc, opts Options) ([]count, float64) {
	c.page = pageCount{out: c.scratch[:0], si: -1}
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
}

// text counts the words of one piece of a page, split as Words splits them.
// It is the index's hot loop, run on every word of a site, so it allocates
// nothing: a word that is lowercase ASCII already (most of them) goes
// straight from the text to the word table; any other is lowercased into
// c.buf.
func (c *counter) text(text string, weight float32) {
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
	if len(w) > 80 {
		return
	}
	pc := &c.page
	id, ok := c.words.get(w, key)
	if !ok {
		id = c.newWord(w, key)
	}
	k := c.slot[id] - 1
	if k < 0 {
		k = int32(len(pc.out))
		c.slot[id] = k + 1
		pc.out = append(pc.out, tf{id: id, bestAt: -1})
	}
	e := &pc.out[k]
	e.w += weight
	pc.length += float64(weight)
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

// BuildIndex builds the index files for docs.
func BuildIndex(docs []Doc, opts Options) ([]File, Stats) {
	ix := NewIndexer(len(docs), opts, nil)
	parallel(runtime.GOMAXPROCS(0), len(docs), func(_, i int) { ix.Add(i, docs[i]) })
	// In memory, reading the text back cannot fail.
	files, stats, _ := ix.Files()
	return files, stats
}

// Indexer builds an index one page at a time, so that a streamed build can
// hand each page over as soon as it is rendered and never holds every
// page's text and HTML at once. Add may be called from several goroutines;
// Files comes after the last Add.
type Indexer struct {
	opts  Options
	small bool
	docs  []Doc       // what results show: title, URL and kind
	text  textStore   // and the sections, for snippets
	refs  []textRef   // where each page's sections are
	secs  [][]Section // on a small site, the sections themselves
	terms [][]count   // the counts of each page
	lens  []float64   // the weighted length of each page
	by    []int32     // which counter numbered each page's terms
	mu    sync.Mutex
	all   []*counter // every counter made; one per concurrent Add
	free  []int32    // counters not in use
}

// NewIndexer starts an index of n pages. With a spill, the pages' text
// waits there for Files rather than in memory.
func NewIndexer(n int, opts Options, spill Spill) *Indexer {
	ix := &Indexer{opts: opts, small: n <= opts.SmallSite, docs: make([]Doc, n), refs: make([]textRef, n), terms: make([][]count, n), lens: make([]float64, n), by: make([]int32, n)}
	ix.text.spill = spill
	if ix.small {
		ix.secs, ix.refs = make([][]Section, n), nil
		ix.opts.TopDocs, ix.opts.GroupDocs = 0, 1
	}
	return ix
}

// Add counts page i. The page's place in the index (its number in the
// client) is i, whatever order the pages come in.
func (ix *Indexer) Add(i int, d Doc) {
	ix.mu.Lock()
	var w int32
	if k := len(ix.free); k > 0 {
		w, ix.free = ix.free[k-1], ix.free[:k-1]
	} else {
		w = int32(len(ix.all))
		ix.all = append(ix.all, newCounter())
	}
	// Read the slot while holding the lock: another Add may grow ix.all
	// (and move its backing array) as soon as the lock is released.
	c := ix.all[w]
	ix.mu.Unlock()
	ix.terms[i], ix.lens[i] = c.count(d, ix.opts)
	ix.by[i] = w
	if ix.small {
		// A small site's text is a few hundred KB: kept as it is, not
		// copied into the store and parsed back.
		ix.secs[i] = d.Sections
	} else {
		ix.refs[i] = ix.text.put(d.Sections)
	}
	// Tags are counted; results never show them.
	d.Tags, d.Sections = nil, nil
	ix.docs[i] = d
	ix.mu.Lock()
	ix.free = append(ix.free, w)
	ix.mu.Unlock()
}

// sections returns the sections of page d, after Files has flushed the store.
func (ix *Indexer) sections(d int) ([]Section, error) {
	if ix.small {
		return ix.secs[d], nil
	}
	return ix.text.get(ix.refs[d])
}

// Files builds the index files from every page added. It fails only when
// the spill cannot be written or read.
func (ix *Indexer) Files() ([]File, Stats, error) {
	docs, opts, small := ix.docs, ix.opts, ix.small
	workers := runtime.GOMAXPROCS(0)
	var avg float64
	for _, l := range ix.lens {
		avg += l
	}
	if len(docs) > 0 {
		avg /= float64(len(docs))
	}
	const k1, b = 1.2, 0.75
	norms := make([]float64, len(docs))
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
	postingsOf := make([][]posting, len(terms))
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
	n := float64(len(docs))
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
	maxScore := slices.Max(append(maxes, 0))

	// Rank each term's pages; the best ones get a record with a snippet.
	tops := make([][]posting, len(terms))
	encoded := make([]string, len(terms))
	parallel(workers, len(terms), func(_, i int) {
		tops[i], encoded[i] = rankTerm(postingsOf[i], maxScore, opts)
		postingsOf[i] = nil
	})
	postingsOf = nil
	// Snippets need the pages' text, which is read back once per page: so
	// first list, for each page, the records it has to fill.
	type want struct{ term, rank int32 }
	wants := make([][]want, len(docs))
	for i, top := range tops {
		for k, p := range top {
			wants[p.doc] = append(wants[p.doc], want{int32(i), int32(k)})
		}
	}
	recs := make([][]record, len(terms))
	for i, top := range tops {
		recs[i] = make([]record, len(top))
	}
	// On a small site every page gets a file with all its sections.
	var pageSecs [][][3]string
	if small {
		pageSecs = make([][][3]string, len(docs))
	}
	if err := ix.text.flush(); err != nil {
		return nil, Stats{}, err
	}
	errs := make([]error, workers)
	parallel(workers, len(docs), func(w, d int) {
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
		return nil, Stats{}, err
	}
	entries := make([][]byte, len(terms))
	parallel(workers, len(terms), func(_, i int) {
		entries[i] = entryJSON(encoded[i], tops[i], recs[i], docs)
	})
	total := 0
	for _, e := range entries {
		total += len(e) + 1
	}
	shardBytes := max(opts.ShardBytes, total/max(opts.MaxShards, len(docs)/max(opts.PagesPerShard, 1), 1))

	var files []File
	var shardStarts []int
	var cur bytes.Buffer
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		id := len(shardStarts) - 1
		files = append(files, File{Path: fmt.Sprintf("search/s/%d.js", id), Data: fmt.Appendf(nil, "__handboekSearch(\"s\",%d,[%s])\n", id, cur.Bytes())})
		cur.Reset()
	}
	for i, e := range entries {
		if cur.Len() > 0 && cur.Len()+len(e) > shardBytes {
			flush()
		}
		if cur.Len() == 0 {
			shardStarts = append(shardStarts, i)
		} else {
			cur.WriteByte(',')
		}
		cur.Write(e)
	}
	flush()

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
	for g := 0; g*opts.GroupDocs < len(docs); g++ {
		// [[title, URL], ...], or on a small site
		// [[title, URL, [[anchor, heading, excerpt], ...]], ...].
		data := fmt.Appendf(nil, "__handboekSearch(\"d\",%d,[", g)
		for i := g * opts.GroupDocs; i < min(len(docs), (g+1)*opts.GroupDocs); i++ {
			if i > g*opts.GroupDocs {
				data = append(data, ',')
			}
			data = append(data, '[')
			data = appendJSONString(data, docs[i].Title)
			data = append(data, ',')
			data = appendJSONString(data, docs[i].URL)
			if small {
				data = append(data, ",["...)
				for si, sec := range pageSecs[i] {
					if si > 0 {
						data = append(data, ',')
					}
					// An anchor the client can make from its heading is
					// left out (0): it is most of them, and the page files
					// are most of what a small site's first query loads.
					if sec[0] != "" && sec[0] == asciiSlug(sec[1]) {
						data = append(data, "[0,"...)
						data = appendJSONString(data, sec[1])
						data = append(data, ',')
						data = append(appendJSONString(data, sec[2]), ']')
						continue
					}
					data = appendJSONStrings(data, sec[:]...)
				}
				data = append(data, ']')
			}
			data = append(data, ']')
		}
		data = append(data, "])\n"...)
		files = append(files, File{Path: fmt.Sprintf("search/d/%d.js", g), Data: data})
	}
	// Terms that start with a digit sort first; they are never expanded, and
	// a site can have thousands (page numbers): they go in their own file,
	// loaded only for a query with a number in it.
	nn := 0
	for nn < len(terms) && terms[nn][0] >= '0' && terms[nn][0] <= '9' {
		nn++
	}
	if nn > 0 {
		num := appendJSONString([]byte(`__handboekSearch("n",0,`), frontCode(terms[:nn]))
		files = append(files, File{Path: "search/num.js", Data: append(num, ")\n"...)})
	}
	meta := map[string]any{
		"v":  2,
		"n":  len(docs),
		"k":  kinds,
		"dk": dk.String(),
		"nn": nn,
		"t":  frontCode(terms[nn:]),
		"s":  shardStarts,
		"g":  opts.GroupDocs,
	}
	data, _ := json.Marshal(meta)
	metaFile := File{Path: "search/meta.js", Data: fmt.Appendf(nil, "__handboekSearch(\"m\",0,%s)\n", data)}
	files = append(files, metaFile)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, Stats{Docs: len(docs), Terms: len(terms), Shards: len(shardStarts), MetaBytes: len(metaFile.Data)}, nil
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

// parallel calls f(worker, i) for i in [0, n) on the given number of workers.
func parallel(workers, n int, f func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(w, i)
			}
		}()
	}
	wg.Wait()
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

// record is one of a term's best pages in its entry: the section where the
// term weighs most, and a snippet around the term there.
type record struct {
	id, snippet string
}

// entryJSON is a term's entry in its shard: its postings, then its best
// pages as [page, title, URL, section anchor, snippet].
func entryJSON(encoded string, top []posting, recs []record, docs []Doc) []byte {
	b := make([]byte, 0, len(encoded)+4+len(top)*200)
	b = append(b, '[')
	b = appendJSONString(b, encoded)
	for k, p := range top {
		d := docs[p.doc]
		b = append(b, ',')
		b = appendRecord(b, p.doc, d.Title, d.URL, recs[k].id, recs[k].snippet)
	}
	return append(b, ']')
}

// alphabet holds the 64 digits of the postings encoding; none needs escaping
// in a JavaScript string.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// encodePostings writes each posting in two or more characters: the
// page-number gap as a base-32 varint (digits 32-63 say "more follows"), then
// the square root of the score quantised to 1-31 (the client squares it, so
// small scores keep their order), plus 32 when the term is in the page title.
func encodePostings(ps []posting, maxScore float64) string {
	var b strings.Builder
	prev := -1
	for _, p := range ps {
		gap := int(p.doc) - prev
		prev = int(p.doc)
		for gap >= 32 {
			b.WriteByte(alphabet[32+gap%32])
			gap /= 32
		}
		b.WriteByte(alphabet[gap])
		q := quantise(float64(p.score), maxScore)
		if p.title {
			q += 32
		}
		b.WriteByte(alphabet[q])
	}
	return b.String()
}

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

// frontCode joins sorted terms with commas, each written as the length of the
// prefix it shares with the one before (one digit from alphabet) and the rest.
func frontCode(terms []string) string {
	var b strings.Builder
	prev := ""
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(',')
		}
		// The shared start is counted in runes: the client counts UTF-16
		// units, the same for the letters (all in the Basic Multilingual
		// Plane) that terms hold.
		n := 0
		for n < len(t) && n < len(prev) && t[n] == prev[n] {
			n++
		}
		for n > 0 && n < len(t) && !utf8.RuneStart(t[n]) {
			n--
		}
		k := utf8.RuneCountInString(t[:n])
		if k > 63 {
			k, n = 63, 0
			for range 63 {
				_, size := utf8.DecodeRuneInString(t[n:])
				n += size
			}
		}
		b.WriteByte(alphabet[k])
		b.WriteString(t[n:])
		prev = t
	}
	return b.String()
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

// shownAlone tells whether a small site's page file keeps section sec of
// secs: a card part (card-…) is left out when the page has a section of its
// own under the same heading, which says the same at more length and is
// the better place to link to.
func shownAlone(sec Section, secs []Section) bool {
	if !strings.HasPrefix(sec.ID, "card-") {
		return true
	}
	for _, o := range secs {
		if o.Heading == sec.Heading && !strings.HasPrefix(o.ID, "card-") {
			return false
		}
	}
	return true
}

// asciiSlug is the anchor the client makes from an ASCII heading: lower
// case, every run of other characters a hyphen, none at either end. It is
// "" for a heading that is not ASCII, which the client is never asked to do.
func asciiSlug(h string) string {
	b := make([]byte, 0, len(h))
	dash := false
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c >= 0x80:
			return ""
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
		default:
			dash = true
		}
	}
	return string(b)
}
