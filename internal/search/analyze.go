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
// stems to creer; ideeën folds to ideen like ideeen.
func Fold(w string) string {
	if isASCII(w) && !hasTriple(w) {
		return w
	}
	out := make([]rune, 0, len(w))
	for _, r := range w {
		f, ok := folds[r]
		if !ok {
			out = appendFolded(out, r)
			continue
		}
		for _, c := range f {
			out = appendFolded(out, c)
		}
	}
	return string(out)
}

// appendFolded appends r to a folded word, unless it would be the third
// equal vowel in a row.
func appendFolded(out []rune, r rune) []rune {
	if n := len(out); n >= 2 && out[n-1] == r && out[n-2] == r && isV(r) {
		return out
	}
	return append(out, r)
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
