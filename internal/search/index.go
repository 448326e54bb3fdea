package search

import (
	"context"
	"runtime"
	"sort"
	"sync"

	"github.com/handboek/handboek/internal/pool"
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
	// SmallSite is the most pages a site has for meta.js to carry every
	// page's title and URL, so that the records in the shards need only an
	// anchor and a snippet: a query shows its results after two round
	// trips, meta.js and its shards. Its shards are SmallShardBytes, to
	// keep a first query small even when its words are in many of them
	// (they hold the records, which are most of their bytes), and every
	// page gets a page file with all its sections, for a result outside
	// all its words' best pages.
	SmallSite, SmallShardBytes int
	// Field weights for BM25F.
	TitleWeight, HeadingWeight, BodyWeight float64
	// Synonyms are the site's groups of words and phrases that mean the
	// same to its readers (config search.synonyms); meta.js carries them
	// as terms (synonymTerms) for the client to expand a query with.
	Synonyms [][]string
}

// Default returns the standard options.
func Default() Options {
	return Options{ShardBytes: 3000, MaxShards: 60, PagesPerShard: 40, MaxPostings: 200, TopDocs: 10, GroupDocs: 64, SnippetRunes: 80, SmallSite: 100, SmallShardBytes: 1500, TitleWeight: 6, HeadingWeight: 2, BodyWeight: 1}
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
	// synonyms are Options.Synonyms as terms, and phrases those of more
	// than one word, which the counters count as terms of their own.
	synonyms [][]string
	phrases  *phrases
}

// NewIndexer starts an index of n pages. With a spill, the pages' text
// waits there for Files rather than in memory.
func NewIndexer(n int, opts Options, spill Spill) *Indexer {
	ix := &Indexer{opts: opts, small: n <= opts.SmallSite, docs: make([]Doc, n), refs: make([]textRef, n), terms: make([][]count, n), lens: make([]float64, n), by: make([]int32, n)}
	ix.text.spill = spill
	ix.synonyms = synonymTerms(opts.Synonyms)
	ix.phrases = newPhrases(ix.synonyms)
	if ix.small {
		ix.secs, ix.refs = make([][]Section, n), nil
		ix.opts.GroupDocs = 1
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
		ix.all = append(ix.all, newCounter(ix.phrases))
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
// the spill cannot be written or read. Each step is a function of its own,
// in the order the format needs them: scores (score.go), each term's best
// pages (rank.go), their snippets (snippets.go), the shards (shards.go),
// the page files (pagefiles.go), then num.js and meta.js (meta.go).
func (ix *Indexer) Files() ([]File, Stats, error) {
	workers := runtime.GOMAXPROCS(0)
	terms, postings, maxScore := ix.score(workers)
	tops, encoded, cut := rankTerms(workers, postings, maxScore, ix.opts)
	recs, pageSecs, err := ix.snippets(workers, tops)
	if err != nil {
		return nil, Stats{}, err
	}
	entries := make([][]byte, len(terms))
	parallel(workers, len(terms), func(_, i int) {
		entries[i] = entryJSON(encoded[i], cut[i], tops[i], recs[i], ix.docs, !ix.small)
	})
	files, shardStarts := packShards(entries, ix.shardBytes(entries))
	files = append(files, pageFiles(ix.docs, pageSecs, ix.small, ix.opts.GroupDocs)...)
	nn := numTerms(terms)
	if nn > 0 {
		files = append(files, numFile(terms[:nn]))
	}
	meta := metaFile(ix.docs, ix.small, terms[nn:], nn, shardStarts, ix.opts.GroupDocs, ix.synonyms)
	files = append(files, meta)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, Stats{Docs: len(ix.docs), Terms: len(terms), Shards: len(shardStarts), MetaBytes: len(meta.Data)}, nil
}

// parallel calls f(worker, i) for i in [0, n) on the given number of
// workers: the build's one pool (package pool). The index is made after
// every page is done, in one go, so it is not stopped halfway.
func parallel(workers, n int, f func(w, i int)) {
	pool.Each(context.Background(), workers, n, f)
}
