package search

import (
	"strconv"
	"unicode/utf8"
)

// The index files hold one JSON array per term and per page group: at
// 10,000 pages that is hundreds of thousands of small values, which
// encoding/json reaches through reflection and an []any each. These
// writers make the same bytes directly; TestJSONStringMatchesEncodingJSON
// holds them to encoding/json.

const hexDigits = "0123456789abcdef"

// jsonSafe holds the bytes a JSON string keeps as they are: most bytes of
// an index, so the check is one load.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendJSONString appends s quoted as encoding/json.Marshal quotes a
// string, with its escaping of <, > and & (HTML-safe), of U+2028 and
// U+2029, and of invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if jsonSafe[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONStrings appends ss as a JSON array of strings.
func appendJSONStrings(b []byte, ss ...string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendRecord appends one of a term's best pages: [page, fields...],
// the fields being title, URL, section anchor and snippet, or only the
// last two.
func appendRecord(b []byte, page int32, fields ...string) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(page), 10)
	for _, s := range fields {
		b = append(b, ',')
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}
