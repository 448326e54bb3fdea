// Package search is the index stage: it builds a static, sharded full-text
// index of the assembled site for the browser client
// (themes/default/static/js/search.js). It takes plain documents (Doc:
// title, URL, kind, tags, sections); turning a site's pages into documents
// is the build's business (build.SearchDocs).
//
// Contract: BuildIndex (or an Indexer, page by page) returns files under
// search/, all JavaScript, never JSON, because pages opened from file://
// cannot fetch; each file calls the global function __handboekSearch(kind,
// id, data) that the client defines before it inserts a <script>. The files
// are meta.js (the dictionary, and on a small site every page's title and
// URL), num.js (terms that start with a digit), s/N.js (shards: each
// term's postings and its best pages with a snippet) and d/N.js (page
// files, the fallback for results outside every term's best pages); "File
// format" below is the exact contract.
//
// A query loads meta.js, then only the shards of its terms (and of the few
// expansions it allows itself), and page files only for results that came
// without a record: that keeps a first query small on any site size, and
// on a small site shows its results after those two round trips.
//
// Scores are BM25 with field weights (title and tags, then headings and the
// summary, then body), computed here and quantised to 5 bits plus a title
// flag, so the client only adds numbers.
//
// # Analysis
//
// The same in Go (analyze.go, stem.go) and in the client
// (themes/default/static/js/search.js): split into words (Words: runs of
// letters and digits), lowercase, spell out ligatures (SpellOut: ĳs meets
// ijs), stem (StemNL) with Snowball's current Dutch algorithm (the
// Kraaij-Pohlmann lineage, ported from its published description, because
// blevesearch/snowballstem's dutch is the old one: there leren → ler and
// leert stays leert), then fold diacritics (Fold: creëren and creeren,
// ideeën and ideeen meet). SpellOut and Fold read internal/slug's fold
// table, the one table names and search fold by; the client has a copy of
// it generated into search.js (go test ./internal/search -update), and a
// test keeps the copy in step. One extension: final -rt, -lt, -gt lose
// their t as -kt, -ft, -pt already do, so leert meets leren (and leerde,
// geleerd); leidinggevende meets leidinggevenden. Tests run the client's
// analyzer in Chromium and compare it with Go's, so the two cannot drift:
// on the stemmer's table and the test sites' words (TestClientAnalyzerMatchesGo),
// on every word of the default handbook (2,000+, in the smoke test
// TestSearchInBrowser), and in node on random text (FuzzAnalyzerGoMatchesJS).
//
// # Matching and ranking (in the client)
//
// The client matches a query against the dictionary in meta.js (search.js,
// expand and rank). Dutch stop words are left out unless the query has
// nothing else. A query word finds its own term; while it is typed (not when
// the query was sent whole, from the URL or with Enter), the terms it starts;
// compounds of it with another dictionary word of 4+ letters, on either side,
// after a linking s or e (tijd finds leertijd, kompas leiderschapskompas; not
// altijd, whose rest al is no such word, nor vrijbrief where brief is none),
// a compound ending in the word counting more, since a Dutch compound is a
// kind of its last word; the site's synonyms (Options.Synonyms, from
// handboek.yaml's search.synonyms), a phrase among them being a term of its
// own that the index counts where its words follow one another (count.go,
// phrases). A word not in the dictionary that is two dictionary words of 4+
// letters, with a linking s or e, is those two (opleidingsbehoefte:
// opleiding, behoefte), the last weighing more, each as rare as it is
// (leerbudget: budget, not leer). Where nothing else is found, a word of 5 to
// 20 letters is looked up as each word one edit away (Damerau: insert,
// delete, replace or swap), stemmed: evalutie finds evaluatie, stored as
// evalueer.
//
// Each query word weighs by its idf over the pages it finds, and a match's
// score is taken with that idf (a rare compound of a common word scores as
// common as the word). A page's score is the sum of its words' best
// matches (and half the others) times its cover, the share of the query's
// weight it has; a page with under half the best cover and a tenth of the
// best score is left out, so a question's common words alone find nothing.
// The weights were set on set A of testdata/queries.txt (18 queries a leader,
// HR or L&D adviser or trainer types, written before the tuning), checked on
// set B (18 more, written with A) and on set C (34, written from the content
// after the ranking was set, never tuned on). On the default handbook an
// expected page is among the first three for 17 of 18 (A), 16 of 18 (B) and
// 32 of 34 (C) queries, with a mean reciprocal rank of 0.89, 0.83 and 0.80
// (TestSearchInBrowser logs each query's rank). A result whose title or
// summary has the words links to the top of its page, else to the heading
// where the words weigh most.
//
// Everything the client shows comes from DOM text nodes and <mark> elements,
// never innerHTML: markup in a query or in the content shows as text.
//
// # Loading
//
// Over http the client fetches a file and parses the data inside its
// __handboekSearch(…) call as JSON, which is quicker than running it as a
// script; from file://, or where a policy forbids fetching (connect-src) but
// allows the site's scripts, it inserts a <script>. All URLs are relative to
// the site root, which every page carries in <body data-root="…">, so search
// works under any sub-path and from file:// (Pagefind does not). The box
// searches on every keystroke: at once when the files the query needs are in,
// else when its words' files have come or after a 60 ms pause in typing, so a
// fast typist does not load files for every prefix on the way; a pasted query
// runs at once, and one typed letter is not searched yet.
//
// # Measured
//
// HANDBOEK_BENCH_SIZES=1000,10000 go test ./internal/search -run XXX -bench
// Query -benchtime 3x, in headless Chromium with pages served over http from
// localhost (Cache-Control: no-store), on 2 cores. Bytes are uncompressed:
// the client script plus every index file a fresh page loads for one of five
// typical queries, until its first ten results are on screen. Latency is to
// results in the DOM: first on a fresh page; next, pasted (a different query
// set whole on the same page); next, typed (real key events, 120 ms apart,
// timed from the input event of the last letter); repeat. The page waits
// 300 ms between queries, as a reader looks at results. The benchmark turns
// off the DevTools domains chromedp turns on (Network, DOM, CSS): with them
// on, Chromium reports every request and DOM change to the test, which a
// reader's browser does not do, and a round trip took twice as long.
//
//	site               pages   first query bytes (mean / max)  first   next, pasted  next, typed  repeat
//	default handbook   34      42.1 KB / 47.9 KB                46 ms   24 ms         8.0 ms       3.7 ms
//	corpus             1,000   38.4 KB / 42.6 KB                61 ms   22 ms         2.0 ms       3.6 ms
//	corpus             10,000  54.5 KB / 69.0 KB                81 ms   48 ms         18 ms        4.6 ms
//
// The machine was busy while these were taken (load 4 to 11, shared): the
// times vary by up to ±50%, in a busy spell up to 2x, between runs; the bytes
// do not vary. Of the bytes, 24 KB are the client script (minified). On the
// default handbook a first query loads meta.js (13 KB: the dictionary, and
// every page's title and URL) and the small shards of its words and their
// expansions (1–7 of about 1.5 KB), and shows its results after those two
// round trips, unless a result is outside its terms' best pages (feedback
// vragen loads one page file more); the largest, nieuwe manager (49,049
// bytes, with one page file), expands manager to its synonyms. The default
// handbook's bytes were measured again after its spoke and practice pages
// got headings of their own (a page file no longer leaves out card parts
// its body repeats), 1.6 KB more at most; the times are from before. HANDBOEK_BENCH_VERBOSE=1 logs each
// query's bytes and files. A typed query shows its results a few ms after the
// last key, because the files of its plan came while it was typed. A pasted
// new query needs one or two rounds of files: one shard takes 2 ms in a loop
// and 5–8 ms for the first request after a pause; on a large site a two-word
// query needs its words' shards (in parallel) and then the title files of
// results outside each word's ten best pages. Under 10 ms for a pasted query
// at 10,000 pages would take loading files before the query is known,
// megabytes at that size, against the point of splitting the index. Pagefind
// 1.6 on a 1,000-page Dutch site: 195–200 KB and 190–410 ms for a first
// query, no typo tolerance, no compound found by its tail, and no search from
// file://.
//
// # What the index costs a build
//
// Counted in instructions (see internal/benchsuite): the index adds 9.2% to
// the default handbook's build, 6.0% at 1,000 pages, 7.5% at 10,000. At 1,000
// pages (about a million words) counting is about 300 instructions a word,
// 60% of what search adds: the scan finds a word's end with a byte-class
// table, and the word table's key for a word of up to 16 bytes is the word
// itself (its first and last bytes loaded as two numbers, keyOf), so a lookup
// compares numbers, never bytes. Then the collector's extra work for the
// counts (6%), the search box and script tag in every page (5%), and making
// the files: snippets, ranking, JSON (about 15%). On the default handbook
// (18,000 words, 2,200 distinct) counting is about 11M instructions, stemming
// 5.5M of it.
//
// Each of these kept the output byte for byte: a small site's index reads
// only the start of each section for its excerpt, and keeps its page text
// in memory rather than in the scratch file; the index's JSON is written directly (jsonw.go) instead of
// through encoding/json (a test compares the two); best pages are found by
// counting 62 scores rather than sorting; the stemmer compares its suffix
// lists as runes, longest first, checked on the rune before the last, and
// reuses one rune buffer per counter; the counters' terms are merged as
// sorted lists instead of numbered through a map; the dictionary is
// front-coded on bytes.
//
// Tried and left out, with the reason: one stem cache shared by the counters
// (its lock cost as much as it saved); counting in goroutines of its own so
// it could use the cores while page jobs wait on the disk (no gain in twelve
// rounds at 1,000 pages); not indexing stop words (2–4% of the index stage,
// since frequent words are the cheap ones, and a query of only stop words
// would find nothing); one counter for all page jobs of a small site so each
// word is stemmed once (the same CPU per build); keeping each term's 40 best
// pages instead of 10 (spares a second trip for some queries at 35% more
// index).
//
// # File format
//
// This is the contract between Files and the client; a change to it is a
// change to both, and to "v" in meta.js.
//
// Every file is JavaScript, never JSON, because pages opened from file://
// cannot fetch: each file is one call
//
//	__handboekSearch(kind, id, data)\n
//
// where kind is "m", "n", "s" or "d", id a number and data JSON (over
// http the client fetches the file and parses data as JSON; from file:// it
// runs it as a <script>, the client having defined the function). Strings
// are escaped as encoding/json escapes them (<, >, & included).
//
// Three encodings recur:
//
//   - digits: the 64 characters "0-9A-Za-z-_" (alphabet), digit d meaning
//     the number d;
//   - gaps (encodeGaps): ascending numbers, each as the gap from the one
//     before (the first from -1) in base-32 digits, least significant
//     first, where digits 32-63 mean "more digits follow" (d-32 of this
//     one);
//   - front coding (frontCode): sorted terms joined by ",", each written as
//     one digit, the number of runes it shares with the term before, and
//     the rest of the term.
//
// Terms are numbered in sorted order (byte order of their UTF-8); pages
// are numbered in the order the documents were given, from 0. A term is a
// word's term, or a phrase's terms joined by spaces.
//
// search/meta.js, kind "m", id 0: an object
//
//	{"dk": string, "g": int, "k": [string], "n": int, "nn": int, "p": [[string, string]],
//	 "s": string, "t": string, "v": 3, "y": [[string]]}
//
// n is the number of pages; k the page kinds, in order of first use; dk
// one digit per page, the index of its kind in k; p, on a small site (at
// most SmallSite pages), each page's title and URL (site path without the
// leading slash); nn how many terms start with a digit (they come first
// and are in num.js); t every other term, front-coded; s the number of the
// first term of each shard, as gaps (shard N holds the terms from s[N] up
// to, not including, s[N+1]); g how many pages share one page file; y,
// when the site has synonyms, their groups, each entry its terms joined by
// spaces.
//
// search/num.js, kind "n", id 0: a string, the first nn terms, front-coded.
// Absent when no term starts with a digit; the client loads it only for a
// query with a digit in it.
//
// search/s/N.js, kind "s", id N: an array with one entry per term of the
// shard, in term order. An entry is
//
//	[postings, df, [page, title, URL, anchor, snippet], ...]
//
// postings is a string of the term's pages (at most MaxPostings, its best
// by score), in page order, each as its gap (as gaps are written), then one
// digit q: the score's square root quantised to 1-31, plus 32 when the term
// is in the page's title. The client's score is (q mod 32)², doubled for
// the title. df, a number, is there only when the postings were cut: on how
// many pages the term is. After them come the term's best pages (at most
// TopDocs, best first, ties by page number) as records: page number,
// title, URL, the anchor of the section where the term weighs most (""
// for the top of the page) and a snippet of that section's text around the
// term ("…" marks a cut). On a small site a record is [page, anchor,
// snippet], meta.js having the titles and URLs.
//
// search/d/N.js, kind "d", id N: the page file of pages N*g to N*g+g-1,
// an array with one element per page: [title, URL]. On a small site g is 1,
// and the element is [title, URL, sections], sections being the page's
// [anchor, heading, excerpt] in page order; an anchor that the client can
// make from an ASCII heading (lower case, each run of other characters one
// "-", none at either end) is written as the number 0. A card part
// (anchor "card-…") is left out when the page has a section of its own
// under the same heading.
//
// A query loads meta.js, then only the shards of its terms (and of the few
// expansions it allows itself), and page files only for results that came
// without a record: that keeps a first query small on any site size, and
// on a small site shows the results after those two round trips.
//
// # Code
//
// Indexer counts pages as a build hands them over (Add, count.go), then
// Files makes the files, one step per file: score.go (BM25), rank.go (each
// term's best pages, postings), snippets.go, shards.go (s/N.js),
// pagefiles.go (d/N.js) and meta.go (num.js and meta.js); encode.go and
// jsonw.go write the encodings. A streamed build keeps the pages' text in a
// Spill (text.go) until the snippets are cut.
// # Tests and limits
//
// go test ./internal/search has the analyzer tests (stemming pairs and ~35
// word groups, folding, tokenising), the index's (a title beats the body,
// snippets, the encodings, synonyms and their phrases, a small site's
// titles in meta.js), and browser tests: matching on a small site of its
// own (testdata/matching.txtar: a typo of a word stored as another stem, a
// compound split with a linking s, altijd not found by tijd, synonyms from
// handboek.yaml, where results link, the count in the singular in Dutch and
// English), ranking (testdata/ranking.txtar: a rare word before two common
// ones, and the rare part of a split word), readers' queries on the default
// handbook under a sub-path over http and from file:// (testdata/queries.txt),
// the client's analyzer against Go's over every word of the handbook,
// numbers, the keyboard, and hostile queries (HTML, quotes, regex
// characters, 1,000 characters, stop words only, emoji: no JavaScript
// error, no element injected).
//
// Limits: each term keeps its MaxPostings best pages, so on a large site a
// common word's result count is at most a few hundred; word distance does
// not count, but for the site's synonym phrases; a word that only means
// the same as another (betrekken and betrokkenheid stem apart) needs a
// synonym; the 10,000-page corpus, whose every page holds nearly every
// word, needs more than 50 KB for some first queries, above the 50 KB that
// the handbook and 1,000 pages stay under.
package search
