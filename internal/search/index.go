// Package search is the index stage: it builds a static, sharded full-text
// index of the assembled site for the browser client
// (themes/default/static/js/search.js).
//
// Contract: BuildIndex reads *site.Site and returns files under search/, all
// JavaScript, never JSON, because pages opened from file:// cannot fetch; each
// file calls the global function __handboekSearch(kind, id, data) that the
// client defines before it inserts a <script>. The files are:
//
//   - search/meta.js: the page kinds, the kind of each page, the sorted term
//     dictionary (front-coded) and the first term of each postings shard;
//   - search/s/N.js: the postings of a run of terms, one string per term;
//   - search/d/N.js: page N's title, URL (relative to the site root), kind
//     and its sections (heading anchor, heading, short excerpt for snippets).
//
// A query loads meta.js, then only the shards of its terms and the page files
// of the results it shows: that keeps a first query small on any site size.
//
// Scores are BM25 with field weights (title, then headings/summary/tags,
// then body), computed here and quantised to 6 bits per posting, so the client
// only adds numbers.
package search

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/site"
)

// Options tune the index. Default gives the values the README measures.
type Options struct {
	// ShardBytes is the size a postings shard grows to before a new one starts.
	ShardBytes int
	// ExcerptRunes is the longest section excerpt kept for snippets.
	ExcerptRunes int
	// Field weights for BM25F.
	TitleWeight, HeadingWeight, BodyWeight float64
	// Section labels for card parts that come from front matter.
	Labels map[string]string
}

// Default returns the standard options.
func Default() Options {
	return Options{ShardBytes: 3000, ExcerptRunes: 150, TitleWeight: 6, HeadingWeight: 2, BodyWeight: 1}
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
				if sec.ID == "" {
					intro.Text += " " + sec.Text
					continue
				}
				rest = append(rest, Section{ID: sec.ID, Heading: sec.Heading, Text: sec.Text})
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

type posting struct {
	doc     int
	score   float64
	section int
	title   bool // the term is in the page title
}

// BuildIndex builds the index files for docs.
func BuildIndex(docs []Doc, opts Options) ([]File, Stats) {
	an := analyzer{}
	type tf struct {
		w       float64 // weighted term frequency
		best    float64 // weight in the best section
		section int
		title   bool
	}
	perDoc := make([]map[string]*tf, len(docs))
	lengths := make([]float64, len(docs))
	df := map[string]int{}
	for i, d := range docs {
		m := map[string]*tf{}
		var length float64
		count := func(text string, weight float64, secWeight map[string]float64) {
			for _, w := range Words(text) {
				if len([]rune(w)) > 40 {
					continue
				}
				t := an.term(w)
				e := m[t]
				if e == nil {
					e = &tf{section: -1}
					m[t] = e
				}
				e.w += weight
				length += weight
				secWeight[t] += weight
			}
		}
		sec := map[string]float64{}
		count(d.Title, opts.TitleWeight, sec)
		for t := range sec {
			m[t].title = true
		}
		// Tags name what a page is about: they weigh like the title.
		count(strings.Join(d.Tags, " "), opts.TitleWeight, sec)
		// The title is shown anyway: the snippet goes to the section where
		// the word is in the text.
		for si, s := range d.Sections {
			clear(sec)
			count(s.Heading, opts.HeadingWeight, sec)
			w := opts.BodyWeight
			if si == 0 {
				w = opts.HeadingWeight // summary, tags, first paragraph
			}
			count(s.Text, w, sec)
			for t, sw := range sec {
				if e := m[t]; sw > e.best {
					e.best, e.section = sw, si
				}
			}
		}
		perDoc[i] = m
		lengths[i] = length
		for t := range m {
			df[t]++
		}
	}
	var avg float64
	for _, l := range lengths {
		avg += l
	}
	if len(docs) > 0 {
		avg /= float64(len(docs))
	}
	const k1, b = 1.2, 0.75
	n := float64(len(docs))
	postings := map[string][]posting{}
	maxScore := 0.0
	for i, m := range perDoc {
		norm := k1 * (1 - b + b*lengths[i]/math.Max(avg, 1))
		for t, e := range m {
			idf := math.Log(1 + (n-float64(df[t])+0.5)/(float64(df[t])+0.5))
			s := idf * e.w * (k1 + 1) / (e.w + norm)
			maxScore = math.Max(maxScore, s)
			postings[t] = append(postings[t], posting{doc: i, score: s, section: max(e.section, 0), title: e.title})
		}
	}
	terms := make([]string, 0, len(postings))
	for t := range postings {
		terms = append(terms, t)
	}
	sort.Strings(terms)

	var files []File
	var shardStarts []int
	var cur []string
	curBytes := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		data, _ := json.Marshal(cur)
		files = append(files, File{Path: fmt.Sprintf("search/s/%d.js", len(shardStarts)-1), Data: fmt.Appendf(nil, "__handboekSearch(\"s\",%d,%s)\n", len(shardStarts)-1, data)})
		cur, curBytes = nil, 0
	}
	for i, t := range terms {
		ps := postings[t]
		sort.Slice(ps, func(a, b int) bool { return ps[a].doc < ps[b].doc })
		enc := encodePostings(ps, maxScore)
		if len(cur) > 0 && curBytes+len(enc) > opts.ShardBytes {
			flush()
		}
		if len(cur) == 0 {
			shardStarts = append(shardStarts, i)
		}
		cur = append(cur, enc)
		curBytes += len(enc) + 3
	}
	flush()

	kinds := []string{}
	kindIdx := map[string]int{}
	var dk strings.Builder
	for i, d := range docs {
		k, ok := kindIdx[d.Kind]
		if !ok {
			k = len(kinds)
			kindIdx[d.Kind] = k
			kinds = append(kinds, d.Kind)
		}
		dk.WriteByte(alphabet[k%len(alphabet)])
		files = append(files, docFile(i, d, k, opts.ExcerptRunes))
	}
	meta := map[string]any{
		"v":  1,
		"n":  len(docs),
		"k":  kinds,
		"dk": dk.String(),
		"t":  frontCode(terms),
		"s":  shardStarts,
	}
	data, _ := json.Marshal(meta)
	metaFile := File{Path: "search/meta.js", Data: fmt.Appendf(nil, "__handboekSearch(\"m\",0,%s)\n", data)}
	files = append(files, metaFile)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, Stats{Docs: len(docs), Terms: len(terms), Shards: len(shardStarts), MetaBytes: len(metaFile.Data)}
}

// alphabet holds the 64 digits of the postings encoding; none needs escaping
// in a JavaScript string.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// encodePostings writes each posting as: the doc-number gap as a base-32
// varint (digits 32-63 say "more follows"), the square root of the score
// quantised to 1-63 (the client squares it: small scores keep their order),
// and the best section's number (capped at 31) plus 32 when the term is in the
// title: three characters for most postings.
func encodePostings(ps []posting, maxScore float64) string {
	var b strings.Builder
	prev := -1
	for _, p := range ps {
		gap := p.doc - prev
		prev = p.doc
		for gap >= 32 {
			b.WriteByte(alphabet[32+gap%32])
			gap /= 32
		}
		b.WriteByte(alphabet[gap])
		q := int(math.Round(63 * math.Sqrt(p.score/maxScore)))
		b.WriteByte(alphabet[min(max(q, 1), 63)])
		sec := min(p.section, 31)
		if p.title {
			sec += 32
		}
		b.WriteByte(alphabet[sec])
	}
	return b.String()
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

func docFile(i int, d Doc, kind, excerpt int) File {
	secs := make([][3]string, 0, len(d.Sections))
	for _, s := range d.Sections {
		secs = append(secs, [3]string{s.ID, s.Heading, Excerpt(s.Text, excerpt)})
	}
	data, _ := json.Marshal(map[string]any{"t": d.Title, "u": d.URL, "k": kind, "s": secs})
	return File{Path: fmt.Sprintf("search/d/%d.js", i), Data: fmt.Appendf(nil, "__handboekSearch(\"d\",%d,%s)\n", i, data)}
}

// Excerpt shortens text to at most n runes, cut at a space, with an ellipsis.
func Excerpt(text string, n int) string {
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
