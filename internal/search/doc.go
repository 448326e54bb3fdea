// Package search is the index stage: it builds a static, sharded full-text
// index for the browser client (themes/default/static/js/search.js). It
// takes plain documents (Doc: title, URL, kind, tags, sections); turning a
// site's pages into documents is the build's business (build.SearchDocs).
//
// # Analysis
//
// Text becomes index terms by Words (runs of letters and digits, lower
// case), SpellOut (ligatures: ĳ → ij), StemNL (Snowball's Dutch stemmer)
// and Fold (diacritics). SpellOut and Fold read internal/slug's fold table,
// the one table names and search fold by. The client does exactly the same
// with a copy of that table generated into search.js (go test
// ./internal/search -update); tests keep the copy in step and, in Chromium,
// the two analyzers.
//
// # Scores
//
// BM25 with field weights (title and tags, then headings and the summary,
// then body; Options), computed here and quantised to 5 bits plus a title
// flag, so the client only adds numbers.
//
// # Queries
//
// The client matches a query against the dictionary in meta.js (search.js,
// expand and rank). A query word finds its own term; while it is typed,
// the terms it starts; compounds of it with another dictionary word of 4+
// letters (a known head such as micro-, or a linking s or e, aside), on
// either side, a compound ending in the word counting more; the site's
// synonyms (Options.Synonyms, from handboek.yaml), a phrase among them as
// a term of its own that the index counts where its words follow one
// another (count.go, phrases); a word not in the dictionary that is two
// dictionary words of 4+ letters is those two; and, where nothing else is
// found, a word of 5+ letters is looked up as each word one edit away,
// stemmed. Each query word weighs by its idf over the pages it finds: a
// page's score is the sum of its words' matches times its cover, the share
// of the query's weight it has, and pages with little of it are left out.
// The same analysis turns the synonyms into terms here (queryTerms) and a
// query into terms there, stop words left out alike.
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
package search
