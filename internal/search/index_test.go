package search

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// gapsOf decodes numbers written as gaps (encodeGaps).
func gapsOf(s string) []int {
	var out []int
	n := -1
	for i := 0; i < len(s); {
		var gap int
		gap, i = readGap(s, i)
		n += gap
		out = append(out, n)
	}
	return out
}

// readGap reads one gap written in alphabet from s at i: digits of 32
// values, low first, the last one under 32. It returns the gap and where
// the next one starts.
func readGap(s string, i int) (gap, next int) {
	for mul := 1; ; mul *= 32 {
		d := strings.IndexByte(alphabet, s[i])
		i++
		if d < 32 {
			return gap + d*mul, i
		}
		gap += (d - 32) * mul
	}
}

// entries decodes an index back into term → entry (postings, then records;
// without the count of pages of a term whose postings are cut, which
// dfOf reads).
func entries(t *testing.T, files []File) map[string][]json.RawMessage {
	t.Helper()
	unwrap := func(data []byte) []byte {
		s := string(data)
		return []byte(s[strings.LastIndexByte(s[:strings.IndexByte(s, '[')+1], ',')+1 : strings.LastIndexByte(s, ')')])
	}
	var meta struct {
		T string
		S string
	}
	shards := map[string][]json.RawMessage{}
	for _, f := range files {
		switch {
		case f.Path == "search/meta.js":
			s := string(f.Data)
			if err := json.Unmarshal([]byte(s[strings.IndexByte(s, '{'):strings.LastIndexByte(s, ')')]), &meta); err != nil {
				t.Fatal(err)
			}
		case strings.HasPrefix(f.Path, "search/s/"):
			var es []json.RawMessage
			if err := json.Unmarshal(unwrap(f.Data), &es); err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			shards[strings.TrimSuffix(strings.TrimPrefix(f.Path, "search/s/"), ".js")] = es
		}
	}
	out := map[string][]json.RawMessage{}
	prev := []rune{}
	starts := gapsOf(meta.S)
	for i, e := range strings.Split(meta.T, ",") {
		term := string(prev[:strings.IndexByte(alphabet, e[0])]) + e[1:]
		prev = []rune(term)
		sh := 0
		for k, start := range starts {
			if start <= i {
				sh = k
			}
		}
		var entry []json.RawMessage
		json.Unmarshal(shards[fmt.Sprint(sh)][i-starts[sh]], &entry)
		if len(entry) > 1 && entry[1][0] != '[' {
			entry = append(entry[:1], entry[2:]...)
		}
		out[term] = entry
	}
	return out
}

// scores decodes a postings string into page → client score.
func scores(p string) map[int]int {
	out := map[int]int{}
	doc := -1
	for i := 0; i < len(p); {
		var gap int
		gap, i = readGap(p, i)
		doc += gap
		q := strings.IndexByte(alphabet, p[i])
		i++
		sc := q & 31
		sc *= sc
		if q >= 32 {
			sc *= 2
		}
		out[doc] = sc
	}
	return out
}

func TestTitleOutranksBody(t *testing.T) {
	body := "Een tekst over het werk en de mensen, met feedback, en veel woorden die er niet toe doen."
	docs := []Doc{
		{Title: "Over samenwerken", URL: "a/", Kind: "artikel", Sections: []Section{{Text: body + " Feedback komt hier twee keer voor."}}},
		{Title: "Feedback geven", URL: "b/", Kind: "artikel", Sections: []Section{{Text: body}}},
		{Title: "Iets anders", URL: "c/", Kind: "artikel", Sections: []Section{{Text: "Hier staat het woord niet."}}},
	}
	for _, small := range []int{0, 100} {
		opts := Default()
		opts.SmallSite = small
		files, stats := BuildIndex(docs, opts)
		if stats.Docs != 3 || stats.Terms == 0 {
			t.Fatalf("stats %+v", stats)
		}
		entry := entries(t, files)[Term("feedback")]
		if len(entry) == 0 {
			t.Fatal("no entry for feedback")
		}
		var post string
		json.Unmarshal(entry[0], &post)
		sc := scores(post)
		if len(sc) != 2 || sc[1] <= sc[0] {
			t.Errorf("scores %v: want page 1 (feedback in the title) above page 0 (twice in the body)", sc)
		}
		if small == 0 {
			var first []any
			json.Unmarshal(entry[1], &first)
			if len(entry) != 3 || first[1] != "Feedback geven" {
				t.Errorf("records %s: want the title page first", entry[1:])
			}
		}
	}
}

func TestSnippetAroundWord(t *testing.T) {
	text := strings.Repeat("vulwoord ", 30) + "Hier staat het woord feedback midden in een zin die doorloopt. " + strings.Repeat("rest ", 30)
	got := snippet(text, strings.Index(text, "feedback"), 60)
	if !strings.HasPrefix(got, "…") || !strings.Contains(got, "feedback") || len([]rune(got)) > 62 {
		t.Errorf("snippet = %q", got)
	}
	if got := snippet("Geen treffer hier.", -1, 60); got != "Geen treffer hier." {
		t.Errorf("snippet without the word = %q", got)
	}
}

// firstOf is where the first word of text whose term is t starts, found by
// reading the text word by word: what the index records while counting.
func firstOf(text, t string) int {
	start := -1
	for i, r := range text + " " {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if w := strings.ToLower(text[start:i]); len(w) <= 80 && Term(w) == t {
				return start
			}
			start = -1
		}
	}
	return -1
}

// sentences makes random sentences of n words from words, each pair of words
// apart by one of seps.
func sentences(r *rand.Rand, words []string, seps ...string) func(n int) string {
	return func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(seps[r.IntN(len(seps))])
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		return b.String()
	}
}

// Each record's snippet is cut around the first place of the term in the
// text of the page's best section, also when the term is in a heading, the
// title or another section too.
func TestSnippetsAreAtTheTermsFirstPlace(t *testing.T) {
	words := strings.Fields("Feedback feedbackcultuur leren Leert geleerd ideeën creëren team Team-leren vragen kompas leiderschapskompas één x2 Straße")
	r := rand.New(rand.NewPCG(3, 4))
	sentence := sentences(r, words, " ", ", ", ". ", " – ")
	var docs []Doc
	for i := range 150 {
		d := Doc{Title: sentence(3), URL: fmt.Sprintf("p%d/", i), Kind: "artikel"}
		for s := range 1 + r.IntN(4) {
			d.Sections = append(d.Sections, Section{ID: fmt.Sprint("s", s), Heading: sentence(2), Text: sentence(5 + r.IntN(60))})
		}
		docs = append(docs, d)
	}
	opts := Default()
	files, _ := BuildIndex(docs, opts)
	checked := 0
	for term, entry := range entries(t, files) {
		for _, raw := range entry[1:] {
			var rec []any
			if err := json.Unmarshal(raw, &rec); err != nil {
				t.Fatal(err)
			}
			doc, id, got := int(rec[0].(float64)), rec[3].(string), rec[4].(string)
			var text string
			for _, sec := range docs[doc].Sections {
				if sec.ID == id {
					text = sec.Text
				}
			}
			if want := snippet(text, firstOf(text, term), opts.SnippetRunes); got != want {
				t.Fatalf("term %q on page %d section %q: snippet %q, want %q", term, doc, id, got, want)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d records checked", checked)
	}
}

func TestFrontCodeRoundTrip(t *testing.T) {
	// Shared starts that end inside a rune (é and ë share their first
	// byte) and that run past the 63 runes an entry can share.
	long := strings.Repeat("ë", 70)
	terms := []string{"feed", "feedback", "feedbackcultur", "ideen", "kompas", "leiderschapskompas", "ærø", "café", "cafë", "cafëa",
		long + "a", long + "b", long, strings.Repeat("a", 64), strings.Repeat("a", 65), "ab", "é", "ë"}
	enc := strings.Split(frontCode(terms), ",")
	prev := []rune{}
	for i, e := range enc {
		k := strings.IndexByte(alphabet, e[0])
		got := string(prev[:k]) + e[1:]
		if got != terms[i] {
			t.Fatalf("entry %d = %q, want %q", i, got, terms[i])
		}
		prev = []rune(got)
	}
}

func TestMinifyClient(t *testing.T) {
	src, err := os.ReadFile("../../themes/default/static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	min, errs := MinifyJS(src)
	if errs != nil {
		t.Fatal(errs)
	}
	if len(min) >= len(src)*3/4 || strings.Contains(string(min), "// ") {
		t.Errorf("client minified from %d to %d bytes: esbuild failed?", len(src), len(min))
	}
}

// best must pick what a full sort by score (ties by page) would put first.
func TestBestIsTheHeadOfTheSortedPostings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		ps := make([]posting, r.IntN(300))
		for i := range ps {
			// Scores as clientScore gives them; few of them on some
			// trials, so that many postings tie.
			q := 1 + r.IntN(1+trial%31)
			if r.IntN(3) == 0 {
				ps[i] = posting{doc: int32(i), q: int16(2 * q * q)}
			} else {
				ps[i] = posting{doc: int32(i), q: int16(q * q)}
			}
		}
		n := r.IntN(250)
		sorted := slices.Clone(ps)
		slices.SortStableFunc(sorted, func(a, b posting) int { return int(b.q - a.q) })
		want := sorted[:min(n, len(sorted))]
		got := slices.Clone(best(slices.Clone(ps), n))
		slices.SortStableFunc(got, func(a, b posting) int { return int(b.q - a.q) })
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: best(%d of %d) = %v, want %v", trial, n, len(ps), got, want)
		}
	}
}

func TestExcerptMatchesCountingRunes(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"een", "ideeën", "créer", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\u0085", "\u00a0", ",", ".", "😀", "x", "leiderschapskompas", "\xff"}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(60) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text, n := b.String(), 1+r.IntN(40)
		short := text
		if len(text) > 8*n {
			cut := 8 * n
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
			short = text[:cut]
		}
		if got, want := Excerpt(text, n), excerptByRunes(short, n); got != want {
			t.Fatalf("Excerpt(%q, %d) = %q, want %q", text, n, got, want)
		}
	}
}

// The index's JSON writer must quote every string as encoding/json does.
func TestJSONStringMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"a", "é", "ë", "\"", "\\", "<", ">", "&", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f", "\u2028", "\u2029", "\xff", "\xe2\x80", "😀", " ", "/", "'"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
		rec, _ := json.Marshal([]any{int32(len(s)), s, "u/", "", s})
		if got := appendRecord(nil, int32(len(s)), s, "u/", "", s); string(got) != string(rec) {
			t.Fatalf("appendRecord = %s, want %s", got, rec)
		}
	}
}

// best's table of scores must hold every score clientScore gives.
func TestClientScoresAreBestsTable(t *testing.T) {
	for i := 0; i <= 1000; i++ {
		for _, title := range []bool{false, true} {
			v := clientScore(posting{score: float32(i) / 1000, title: title}, 1)
			if clientScores[scoreRank[v]] != v {
				t.Fatalf("clientScore %d (score %.3f, title %v) is not in best's table", v, float32(i)/1000, title)
			}
		}
	}
}

// A word written with a ligature is indexed under the term of its letters:
// a query for ijs finds "Het ĲS is dun", and one for oeuvre finds œuvre.
func TestLigaturesAreIndexedAsTheirLetters(t *testing.T) {
	docs := []Doc{
		{Title: "Winter", URL: "a/", Kind: "artikel", Sections: []Section{{Text: "Het ĲS is dun; een œuvre van ĳzer."}}},
		{Title: "Zomer", URL: "b/", Kind: "artikel", Sections: []Section{{Text: "Een ijsje en een oeuvre."}}},
	}
	got := entries(t, func() []File { f, _ := BuildIndex(docs, Default()); return f }())
	for _, w := range []string{"ijs", "oeuvre", "ijzer"} {
		entry := got[Term(w)]
		if len(entry) == 0 {
			t.Errorf("no entry for %q (term %q)", w, Term(w))
			continue
		}
		var post string
		json.Unmarshal(entry[0], &post)
		if _, ok := scores(post)[0]; !ok {
			t.Errorf("%q does not find page 0, which has it with a ligature: %v", w, scores(post))
		}
	}
	for term := range got {
		if strings.ContainsAny(term, "ĳœ") {
			t.Errorf("term %q keeps a ligature", term)
		}
	}
}
