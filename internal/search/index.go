// Package search is the index stage: it builds a static, sharded full-text
// index of the assembled site for the browser client
// (themes/default/static/js/search.js).
//
// Contract: BuildIndex reads the pages (Docs) and returns files under
// search/, all JavaScript, never JSON, because pages opened from file:// cannot
// fetch; each file calls the global function __handboekSearch(kind, id, data)
// that the client defines before it inserts a <script>. The files are:
//
//   - search/meta.js: the page kinds, the kind of each page, the sorted term
//     dictionary (front-coded) and the first term of each postings shard;
//   - search/num.js: the terms that start with a digit, loaded only for a
//     query with a number;
//   - search/s/N.js: a run of terms; for each, its postings (page gap and
//     quantised BM25 score, two characters each, at most MaxPostings pages)
//     and, on large sites, its TopDocs best pages with title, URL, section
//     anchor and a snippet around the word;
//   - search/d/N.js: page titles and URLs by group, the fallback for results
//     outside every term's best pages; on small sites one file per page with
//     all its sections (anchor, heading, excerpt).
//
// A query loads meta.js, then only the shards of its terms (and of the few
// expansions it allows itself), and page files only for results that came
// without a record: that keeps a first query small on any site size.
//
// Scores are BM25 with field weights (title and tags, then headings and the
// summary, then body), computed here and quantised to 5 bits plus a title
// flag, so the client only adds numbers.
package search

import (
	"bytes"
	"encoding/json"
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

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/site"
)

// Options tune the index. Default gives the values the README measures.
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
	return Options{ShardBytes: 3000, MaxShards: 60, PagesPerShard: 20, MaxPostings: 200, TopDocs: 10, GroupDocs: 64, SnippetRunes: 80, SmallSite: 100, TitleWeight: 6, HeadingWeight: 2, BodyWeight: 1}
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

// Docs lists the searchable pages of s: every page but the home page, with
// the card parts that templates show from front matter as sections.
func Docs(s *site.Site) []Doc {
	var docs []Doc
	for _, p := range s.Pages {
		if p == s.Home || p.Kind == content.KindHome || p.Draft {
			continue
		}
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
		docs = append(docs, d)
	}
	return docs
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
	q       int32 // the score the client sees (clientScore)
	title   bool  // the term is in the page title
	score   float64
}

// tf is one term's counts on one page.
type tf struct {
	id      int32   // the term, in its counter's table
	section int32   // the section where the term weighs most
	curSec  int32   // which section cur is for, plus one
	w       float32 // weighted term frequency
	best    float32 // weight in the best section
	cur     float32 // weight in the section being counted
	title   bool
}

// counter counts terms on pages, one page at a time, for one worker. Terms
// get small numbers, so a page's counts live in a slice, not a map: the
// index's hot loop does one map lookup per word (word → term number).
type counter struct {
	words map[string]int32 // lowercase word → term number
	terms []string         // term number → term
	byID  map[string]int32 // term → term number
	slot  []int32          // term number → index in the page's counts, plus one
}

func newCounter() *counter {
	return &counter{words: map[string]int32{}, byID: map[string]int32{}}
}

func (c *counter) id(w []byte) int32 {
	if id, ok := c.words[string(w)]; ok {
		return id
	}
	t := Term(string(w))
	id, ok := c.byID[t]
	if !ok {
		id = int32(len(c.terms))
		c.terms = append(c.terms, t)
		c.byID[t] = id
		c.slot = append(c.slot, 0)
	}
	c.words[string(w)] = id
	return id
}

// count returns the weighted term frequencies of one page and its length.
func (c *counter) count(d Doc, opts Options) ([]tf, float64) {
	var out []tf
	var length float64
	var buf []byte
	si := -1 // the section being counted; -1 for title and tags
	inTitle := false
	add := func(text string, weight float64) {
		buf = eachWord(text, buf, func(w []byte) {
			if len(w) > 80 {
				return
			}
			id := c.id(w)
			k := c.slot[id] - 1
			if k < 0 {
				k = int32(len(out))
				c.slot[id] = k + 1
				out = append(out, tf{id: id})
			}
			e := &out[k]
			e.w += float32(weight)
			length += weight
			if inTitle {
				e.title = true
			}
			if si < 0 {
				return
			}
			if e.curSec != int32(si+1) {
				e.cur, e.curSec = 0, int32(si+1)
			}
			e.cur += float32(weight)
			if e.cur > e.best {
				e.best, e.section = e.cur, int32(si)
			}
		})
	}
	inTitle = true
	add(d.Title, opts.TitleWeight)
	inTitle = false
	// Tags name what a page is about: they weigh like the title.
	add(strings.Join(d.Tags, " "), opts.TitleWeight)
	// The title is shown anyway: the snippet goes to the section where the
	// word is in the text.
	for i, s := range d.Sections {
		si = i
		add(s.Heading, opts.HeadingWeight)
		w := opts.BodyWeight
		if i == 0 {
			w = opts.HeadingWeight // summary and first paragraph
		}
		add(s.Text, w)
	}
	for _, e := range out {
		c.slot[e.id] = 0
	}
	return out, length
}

// BuildIndex builds the index files for docs.
func BuildIndex(docs []Doc, opts Options) ([]File, Stats) {
	small := len(docs) <= opts.SmallSite
	if small {
		opts.TopDocs, opts.GroupDocs = 0, 1
	}
	workers := runtime.GOMAXPROCS(0)
	perDoc := make([][]tf, len(docs))
	lengths := make([]float64, len(docs))
	workerOf := make([]int, len(docs))
	counters := make([]*counter, workers)
	parallel(workers, len(docs), func(w, i int) {
		if counters[w] == nil {
			counters[w] = newCounter()
		}
		perDoc[i], lengths[i] = counters[w].count(docs[i], opts)
		workerOf[i] = w // whose term numbers these are
	})
	var avg float64
	for _, l := range lengths {
		avg += l
	}
	if len(docs) > 0 {
		avg /= float64(len(docs))
	}
	const k1, b = 1.2, 0.75
	norms := make([]float64, len(docs))
	for i, l := range lengths {
		norms[i] = k1 * (1 - b + b*l/math.Max(avg, 1))
	}
	// Gather postings with the raw weights (the one pass that cannot be
	// split); scores need document frequencies, so they come after, per term
	// on all cores.
	// One numbering for all terms, sorted, and each counter's numbers in it.
	global := map[string]int32{}
	var terms []string
	for _, c := range counters {
		if c == nil {
			continue
		}
		for _, t := range c.terms {
			if _, ok := global[t]; !ok {
				global[t] = 0
				terms = append(terms, t)
			}
		}
	}
	sort.Strings(terms)
	for i, t := range terms {
		global[t] = int32(i)
	}
	toGlobal := make([][]int32, workers)
	for w, c := range counters {
		if c == nil {
			continue
		}
		toGlobal[w] = make([]int32, len(c.terms))
		for k, t := range c.terms {
			toGlobal[w][k] = global[t]
		}
	}
	postingsOf := make([][]posting, len(terms))
	for i, list := range perDoc {
		for _, e := range list {
			g := toGlobal[workerOf[i]][e.id]
			postingsOf[g] = append(postingsOf[g], posting{doc: int32(i), score: float64(e.w), section: e.section, title: e.title})
		}
	}
	n := float64(len(docs))
	maxes := make([]float64, workers)
	parallel(workers, len(terms), func(w, i int) {
		ps := postingsOf[i]
		df := float64(len(ps))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for k := range ps {
			tfw := ps[k].score
			ps[k].score = idf * tfw * (k1 + 1) / (tfw + norms[ps[k].doc])
			maxes[w] = math.Max(maxes[w], ps[k].score)
		}
	})
	maxScore := slices.Max(append(maxes, 0))

	// Each term's entry: its postings, then its best pages as
	// [page, title, URL, section anchor, snippet].
	entries := make([][]byte, len(terms))
	analyzers := make([]analyzer, workers)
	for w := range analyzers {
		analyzers[w] = analyzer{}
	}
	parallel(workers, len(terms), func(w, i int) {
		entries[i] = termEntry(terms[i], postingsOf[i], docs, maxScore, opts, analyzers[w])
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
		var group []any
		for i := g * opts.GroupDocs; i < min(len(docs), (g+1)*opts.GroupDocs); i++ {
			if !small {
				group = append(group, []any{docs[i].Title, docs[i].URL})
				continue
			}
			secs := make([][3]string, len(docs[i].Sections))
			for si, sec := range docs[i].Sections {
				secs[si] = [3]string{sec.ID, sec.Heading, Excerpt(sec.Text, 3*opts.SnippetRunes/2)}
			}
			group = append(group, []any{docs[i].Title, docs[i].URL, secs})
		}
		data, _ := json.Marshal(group)
		files = append(files, File{Path: fmt.Sprintf("search/d/%d.js", g), Data: fmt.Appendf(nil, "__handboekSearch(\"d\",%d,%s)\n", g, data)})
	}
	// Terms that start with a digit sort first; they are never expanded, and
	// a site can have thousands (page numbers): they go in their own file,
	// loaded only for a query with a number in it.
	nn := 0
	for nn < len(terms) && terms[nn][0] >= '0' && terms[nn][0] <= '9' {
		nn++
	}
	if nn > 0 {
		files = append(files, File{Path: "search/num.js", Data: fmt.Appendf(nil, "__handboekSearch(\"n\",0,%q)\n", frontCode(terms[:nn]))})
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
	return files, Stats{Docs: len(docs), Terms: len(terms), Shards: len(shardStarts), MetaBytes: len(metaFile.Data)}
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

// termEntry is the JSON of a term's entry in its shard: its postings, then
// its best pages as [page, title, URL, section anchor, snippet].
func termEntry(t string, ps []posting, docs []Doc, maxScore float64, opts Options, an analyzer) []byte {
	for k := range ps {
		ps[k].q = int32(clientScore(ps[k], maxScore))
	}
	// Best first by the score the client sees (quantised, doubled for the
	// title), ties by page as the client breaks them: so a one-word query
	// finds its first results among these pages.
	slices.SortFunc(ps, func(a, b posting) int {
		if a.q != b.q {
			return int(b.q - a.q)
		}
		return int(a.doc - b.doc)
	})
	entry := make([]any, 1, 1+opts.TopDocs)
	for _, p := range ps[:min(len(ps), opts.TopDocs)] {
		d := docs[p.doc]
		sec := Section{}
		if int(p.section) < len(d.Sections) {
			sec = d.Sections[p.section]
		}
		entry = append(entry, []any{p.doc, d.Title, d.URL, sec.ID, snippet(sec.Text, t, opts.SnippetRunes, an)})
	}
	kept := ps[:min(len(ps), opts.MaxPostings)]
	slices.SortFunc(kept, func(a, b posting) int { return int(a.doc - b.doc) })
	entry[0] = encodePostings(kept, maxScore)
	data, _ := json.Marshal(entry)
	return data
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
		q := quantise(p.score, maxScore)
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
	q := quantise(p.score, maxScore)
	if p.title {
		return 2 * q * q
	}
	return q * q
}

// snippet is the text around the first word of text whose term is t, about n
// runes long, cut at spaces; the start of text when t is not in it (the word
// was in the heading or title).
func snippet(text, t string, n int, an analyzer) string {
	at := -1
	start := -1
	for i, r := range text + " " {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if w := strings.ToLower(text[start:i]); len(w) <= 80 && an.term(w) == t {
				at = start
				break
			}
			start = -1
		}
	}
	if at < 0 {
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
	var prev []rune
	for i, ts := range terms {
		if i > 0 {
			b.WriteByte(',')
		}
		// Count in runes: the client counts UTF-16 units, the same for the
		// letters (all in the Basic Multilingual Plane) that terms hold.
		t := []rune(ts)
		k := 0
		for k < len(t) && k < len(prev) && k < 63 && t[k] == prev[k] {
			k++
		}
		b.WriteByte(alphabet[k])
		b.WriteString(string(t[k:]))
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
func Excerpt(text string, n int) string {
	if len(text) > 8*n {
		// Only the start is shown: do not split a long text into words.
		cut := 8 * n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
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
