// Package slug turns titles into URL-safe names and folds diacritics.
//
// Dutch text is full of diacritics (creëren, ideeën, één) and the odd
// ligature (the Dutch ĳ) that readers do not type in URLs or search boxes.
// This package holds the one table that says how they fold: slugs use it
// here, the search analyzer (internal/search) uses it through FoldTable, and
// the search client has a copy generated from it (a test keeps the copy in
// step).
package slug

import (
	"maps"
	"strings"
	"unicode"
)

// fold maps accented Latin letters to their base letter, and ligatures to
// the letters they join. It is a table rather than golang.org/x/text
// normalization because the search client must apply the identical mapping
// in JavaScript; see FoldTable. Every value is lowercase ASCII.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
	'ĳ': "ij",
}

// FoldTable returns a copy of the folding table, for the search analyzer
// and the generated table of its client, which must fold the same way.
func FoldTable() map[rune]string { return maps.Clone(fold) }

// Fold lowercases s and strips diacritics: "Creëren" → "creeren".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := fold[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Make turns a title into a slug: "Eigenaarschap creëren!" → "eigenaarschap-creeren".
// Letters and digits are kept, everything else becomes a single dash.
func Make(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else if r != '\'' && r != '’' {
			// Apostrophes join ("auto's" → "autos"); the rest separates.
			dash = true
		}
	}
	return b.String()
}
