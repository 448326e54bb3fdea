package search

import (
	"strings"
	"unicode/utf8"
)

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
		writeGap(&b, int(p.doc)-prev)
		prev = int(p.doc)
		q := quantise(float64(p.score), maxScore)
		if p.title {
			q += 32
		}
		b.WriteByte(alphabet[q])
	}
	return b.String()
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

// writeGap writes a gap between ascending numbers as a base-32 varint,
// least significant digit first, digits 32-63 saying "more follows".
func writeGap(b *strings.Builder, gap int) {
	for gap >= 32 {
		b.WriteByte(alphabet[32+gap%32])
		gap /= 32
	}
	b.WriteByte(alphabet[gap])
}

// encodeGaps writes ascending numbers as the gaps from one to the next
// (the first from -1), as postings write their pages.
func encodeGaps(ns []int) string {
	var b strings.Builder
	prev := -1
	for _, n := range ns {
		writeGap(&b, n-prev)
		prev = n
	}
	return b.String()
}
