package search

// CompactJS removes comments and the whitespace that JavaScript does not need
// from the client script, so a first query downloads fewer bytes; it is not
// a minifier (names stay). It knows string literals and // comments; a run of
// whitespace stays only between two identifier characters (as one space, or
// one newline if it held one, which keeps automatic semicolon insertion as
// written) or between two + or two - signs. The client is written for it: no
// "//" and no quote inside a regular expression literal, no block comments.
func CompactJS(src []byte) []byte {
	out := make([]byte, 0, len(src))
	ident := func(c byte) bool {
		return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '"' || c == '\'' || c == '`':
			j := i + 1
			for j < len(src) && src[j] != c {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			out = append(out, src[i:min(j+1, len(src))]...)
			i = j + 1
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			nl := false
			for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r' || (src[i] == '/' && i+1 < len(src) && src[i+1] == '/')) {
				if src[i] == '/' {
					for i < len(src) && src[i] != '\n' {
						i++
					}
					continue
				}
				nl = nl || src[i] == '\n'
				i++
			}
			if len(out) == 0 || i >= len(src) {
				continue
			}
			a, b := out[len(out)-1], src[i]
			if ident(a) && ident(b) || (a == '+' || a == '-') && a == b {
				if nl {
					out = append(out, '\n')
				} else {
					out = append(out, ' ')
				}
			} else if nl && (ident(a) || a == ')' || a == ']' || a == '}' || a == '"' || a == '\'') && (ident(b) || b == '(' || b == '[' || b == '"' || b == '\'') {
				// A line break that may end a statement stays a line break.
				out = append(out, '\n')
			}
		default:
			out = append(out, c)
			i++
		}
	}
	return append(out, '\n')
}
