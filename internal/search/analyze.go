package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/handboek/handboek/internal/slug"
)

// Analysis turns text into index terms: split into words (letters and
// digits), lowercase, spell out ligatures (SpellOut), stem (StemNL), then
// fold diacritics (Fold), so creëren and creeren, ideeën and ideeen, ĳs and
// ijs meet. Ligatures are spelled out before stemming, because the stemmer
// must see the Dutch ĳ as the ij it reads as one vowel; diacritics are
// folded after, because the stemmer reads them (ë separates syllables). The
// browser client does exactly the same (term in search.js);
// TestClientAnalyzerMatchesGo holds them together.

// folds is internal/slug's table, the one both names and search fold by
// (the client's copy is generated from it: TestClientFoldTableIsSlugs);
// spelled holds its ligatures, the letters that fold to more than one.
var folds, spelled = func() (all, lig map[rune]string) {
	all, lig = slug.FoldTable(), map[rune]string{}
	for r, f := range all {
		if utf8.RuneCountInString(f) > 1 {
			lig[r] = f
		}
	}
	return all, lig
}()

// SpellOut writes each ligature of a lowercase word as its letters
// (ĳ → ij, æ → ae), before stemming.
func SpellOut(w string) string {
	if isASCII(w) {
		return w
	}
	i := strings.IndexFunc(w, func(r rune) bool { _, ok := spelled[r]; return ok })
	if i < 0 {
		return w
	}
	var b strings.Builder
	b.WriteString(w[:i])
	for _, r := range w[i:] {
		if f, ok := spelled[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Fold removes diacritics from a lowercase word, by the table of folds. A
// run of three equal vowels that folding leaves behind becomes two: the
// stemmer lengthens creë(ren) to creëe, which folds to creee, while creeren
// stems to creer; ideeën folds to ideen like ideeen. A longer run is left as
// it is: it is no Dutch word (a reader leaning on a key), and made two it
// would be the start of every word in aa- or ee-.
func Fold(w string) string {
	if isASCII(w) && !hasTriple(w) {
		return w
	}
	out := make([]rune, 0, len(w))
	for _, r := range w {
		if f, ok := folds[r]; ok {
			for _, c := range f {
				out = append(out, c)
			}
		} else {
			out = append(out, r)
		}
	}
	return string(twoOfThree(out))
}

// twoOfThree makes every run of exactly three equal vowels in rs two, in
// place.
func twoOfThree(rs []rune) []rune {
	out := rs[:0]
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && rs[j] == rs[i] {
			j++
		}
		n := j - i
		if n == 3 && isV(rs[i]) {
			n = 2
		}
		// out ends at or before i: append copies the run back within rs.
		out = append(out, rs[i:i+n]...)
		i = j
	}
	return out
}

func hasTriple(s string) bool {
	for i := 2; i < len(s); i++ {
		if s[i] == s[i-1] && s[i] == s[i-2] && isV(rune(s[i])) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Words splits text into lowercase words: runs of letters and digits.
// Everything else (punctuation, apostrophes, hyphens, emoji) separates words.
func Words(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(text[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(text[start:]))
	}
	return out
}

// lowerWord appends the lowercase word that starts at byte i of text to buf
// and returns it with the byte after the word.
func lowerWord(text string, i int, buf []byte) ([]byte, int) {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIIWordByte(c) {
				break
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += size
	}
	return buf, i
}

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Term is the index term of one lowercase word.
func Term(word string) string { return Fold(StemNL(SpellOut(word))) }

// analyzer caches terms: a corpus has far fewer distinct words than words.
type analyzer map[string]string

func (a analyzer) term(w string) string {
	if t, ok := a[w]; ok {
		return t
	}
	t := Term(w)
	a[w] = t
	return t
}

// maxWordBytes is the longest word the index counts: anything longer is no
// word (a run of one letter, a hash), and a query ignores it too.
const maxWordBytes = 80

// queryTerms are the terms a query of text searches for, as the client
// parses a query (parse in search.js): its words but the stop words, unless
// it has nothing else, and none longer than the index counts, each as its
// Term.
func queryTerms(text string) []string {
	var words, kept []string
	for _, w := range Words(text) {
		if len(w) <= maxWordBytes {
			words = append(words, w)
		}
	}
	for _, w := range words {
		if !IsStopWord(w) {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		kept = words
	}
	for i, w := range kept {
		kept[i] = Term(w)
	}
	return kept
}

// stopWords are Dutch function words (Snowball's Dutch stop list). They are
// indexed, but a query ignores them unless it has nothing else.
var stopWords = strings.Fields(`aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou`)

// IsStopWord reports whether a lowercase word is a Dutch stop word.
func IsStopWord(w string) bool {
	_, ok := stopSet[w]
	return ok
}

var stopSet = func() map[string]struct{} {
	m := make(map[string]struct{}, len(stopWords))
	for _, w := range stopWords {
		m[w] = struct{}{}
	}
	return m
}()
