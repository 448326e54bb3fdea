package search

import (
	"slices"
	"unicode/utf8"
)

// Dutch stemming: a port of Snowball's current Dutch algorithm (since
// Snowball 3.0 the default "dutch" is the Kraaij-Pohlmann algorithm with a few
// changes, and the older one is "dutch_porter";
// https://snowballstem.org/algorithms/kraaij_pohlmann/stemmer.html),
// written from its published description. The older Porter-style Dutch stemmer
// (github.com/blevesearch/snowballstem's dutch) does not conflate leren and
// leert, nor geleerd: this one does. The same algorithm exists line for line
// in the browser client (themes/default/static/js/search.js, stemNL); a test
// runs both over one word table so they cannot drift.
//
// One extension, marked below: Step 7 also turns final -rt, -lt and -gt into
// -r, -l and -g, as it already does for -kt, -ft and -pt, so the third
// person of a verb meets its infinitive (leert/leren, speelt/spelen,
// vraagt/vragen). It runs on every word, so nouns keep their singular and
// plural together (taart/taarten both give taar).

// kp is the Snowball machine state for one word: the string, the cursor c,
// the slice bra..ket and the regions p1, p2. Backward-mode routines move c to
// the left; lb is the backward limit (always 0 here).
type kp struct {
	s           []rune
	c, bra, ket int
	p1, p2      int
}

func isV(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'ä', 'á', 'à', 'â', 'ë', 'é', 'è', 'ê', 'ï', 'í', 'ì', 'î', 'ö', 'ó', 'ò', 'ô', 'ü', 'ú', 'ù', 'û':
		return true
	}
	return false
}

func isAIOU(r rune) bool {
	switch r {
	case 'a', 'ä', 'á', 'à', 'â', 'i', 'ï', 'í', 'ì', 'î', 'o', 'ö', 'ó', 'ò', 'ô', 'u', 'ü', 'ú', 'ù', 'û':
		return true
	}
	return false
}

func isE(r rune) bool { return r == 'e' || r == 'ë' || r == 'é' || r == 'è' || r == 'ê' }

func isAEIOU(r rune) bool { return isAIOU(r) || isE(r) }

var (
	lengthenVAmong = newAmong("a", "ä", "á", "à", "â", "o", "ö", "ó", "ò", "ô", "u", "ü", "ú", "ù", "û", "e", "é", "è", "ê", "eë", "ië")
	step1Among     = newAmong("'s", "s", "ies", "es", "és", "aus", "en", "nde")
	step2Among     = newAmong("je", "ge", "lijke", "ische", "de", "te", "se", "re", "le", "ene", "ieve")
	step3Among     = newAmong("atie", "iteit", "heid", "sel", "ster", "rder", "ing", "isme", "erij", "arij", "fie", "gie", "tst", "dst")
	step4Among     = newAmong("iger", "igst", "ig")
	step4aAmong    = newAmong("ioneel", "atief", "baar", "naar", "laar", "raar", "tant", "lijker", "lijkst", "achtig", "achtiger", "achtigst", "eriger", "erigst", "erig", "end")
	step7Among     = newAmong("kt", "ft", "pt", "rt", "lt", "gt")
	step6Among     = newAmong("bb", "cc", "dd", "ff", "gg", "hh", "jj", "kk", "ll", "mm", "nn", "pp", "qq", "rr", "ss", "tt", "vv", "ww", "xx", "zz", "v", "z")
	step1cAmong    = newAmong("d", "t")
)

// Backward-mode primitives: each tests the text just left of the cursor and,
// on success, moves the cursor over it.

// Every word of a site is stemmed once per worker and most tests fail at the
// first rune: str is walked from its end, with no []rune made of it, and an
// ASCII byte (nearly every byte of the stemmer's literals) is its own rune.
func (z *kp) eqB(str string) bool {
	c := z.c
	for i := len(str); i > 0; {
		r := rune(str[i-1])
		if r < utf8.RuneSelf {
			i--
		} else {
			var size int
			r, size = utf8.DecodeLastRuneInString(str[:i])
			i -= size
		}
		if c == 0 || z.s[c-1] != r {
			return false
		}
		c--
	}
	z.c = c
	return true
}

// eqRunesB is eqB for a string already in runes.
func (z *kp) eqRunesB(rs []rune) bool {
	n := len(rs)
	if n > z.c {
		return false
	}
	s := z.s[z.c-n : z.c]
	for i := n - 1; i >= 0; i-- {
		if s[i] != rs[i] {
			return false
		}
	}
	z.c -= n
	return true
}

func (z *kp) inB(f func(rune) bool) bool {
	if z.c == 0 || !f(z.s[z.c-1]) {
		return false
	}
	z.c--
	return true
}

func (z *kp) outB(f func(rune) bool) bool {
	if z.c == 0 || f(z.s[z.c-1]) {
		return false
	}
	z.c--
	return true
}

// among is the list of one Snowball "among", sorted by last rune: every word
// of a site goes through eight of them, and most candidates differ from the
// word in that rune. Each candidate is kept in runes too, to compare with
// the word's runes directly.
type among struct {
	ascii [utf8.RuneSelf][]amongStr
	other map[rune][]amongStr
}

type amongStr struct {
	s     string
	runes []rune
}

func newAmong(strs ...string) *among {
	a := &among{other: map[rune][]amongStr{}}
	for _, s := range strs {
		r, _ := utf8.DecodeLastRuneInString(s)
		e := amongStr{s, []rune(s)}
		if r < utf8.RuneSelf {
			a.ascii[r] = append(a.ascii[r], e)
		} else {
			a.other[r] = append(a.other[r], e)
		}
	}
	// Longest first: the first that matches is the one Snowball takes.
	longestFirst := func(l []amongStr) {
		slices.SortStableFunc(l, func(x, y amongStr) int { return len(y.runes) - len(x.runes) })
	}
	for _, l := range a.ascii {
		longestFirst(l)
	}
	for _, l := range a.other {
		longestFirst(l)
	}
	return a
}

// amongB finds the longest of a's strings ending at the cursor, moves the
// cursor to its start and returns it ("" when none matches).
func (z *kp) amongB(a *among) (string, bool) {
	if z.c == 0 {
		return "", false
	}
	var strs []amongStr
	if last := z.s[z.c-1]; last < utf8.RuneSelf {
		strs = a.ascii[last]
	} else {
		strs = a.other[last]
	}
	// The last rune matches every candidate in its list: most fail on the
	// one before it.
	var prev rune = -1
	if z.c >= 2 {
		prev = z.s[z.c-2]
	}
	for _, e := range strs {
		if n := len(e.runes); n >= 2 && e.runes[n-2] != prev {
			continue
		}
		if z.eqRunesB(e.runes) {
			return e.s, true
		}
	}
	return "", false
}

// replace puts str in place of s[bra:ket], adjusting the cursor as Snowball does.
func (z *kp) replace(bra, ket int, str string) int {
	n := utf8.RuneCountInString(str)
	adj := n - (ket - bra)
	if adj <= 0 {
		// Not longer: in place, as most of a stemmer's replacements are.
		i := bra
		for _, r := range str {
			z.s[i] = r
			i++
		}
		z.s = append(z.s[:i], z.s[ket:]...)
	} else {
		out := make([]rune, 0, len(z.s)+adj)
		out = append(out, z.s[:bra]...)
		for _, r := range str {
			out = append(out, r)
		}
		z.s = append(out, z.s[ket:]...)
	}
	if z.c >= ket {
		z.c += adj
	} else if z.c > bra {
		z.c = bra
	}
	return adj
}

func (z *kp) sliceFrom(str string) {
	z.replace(z.bra, z.ket, str)
	z.ket = z.bra + utf8.RuneCountInString(str)
}

func (z *kp) del() { z.sliceFrom("") }

// insertB inserts at the cursor and leaves the cursor left of the text
// (Snowball's insert in backward mode); attachB leaves it right of the text.
func (z *kp) insertB(str string) {
	c := z.c
	z.insertAt(str)
	z.c = c
}

func (z *kp) attachB(str string) { z.insertAt(str) }

func (z *kp) insertAt(str string) {
	at := z.c
	adj := z.replace(at, at, str)
	if at <= z.bra {
		z.bra += adj
	}
	if at <= z.ket {
		z.ket += adj
	}
}

// try runs f and restores the cursor when f fails, as Snowball's "or" does.
func (z *kp) try(f func() bool) bool {
	c := z.c
	if f() {
		return true
	}
	z.c = c
	return false
}

// test runs f and always restores the cursor.
func (z *kp) test(f func() bool) bool {
	c := z.c
	ok := f()
	z.c = c
	return ok
}

func (z *kp) r1() bool { return z.p1 <= z.c }
func (z *kp) r2() bool { return z.p2 <= z.c }

// vB: test (v or 'ij').
func (z *kp) vB() bool {
	return z.test(func() bool { return z.inB(isV) || z.eqB("ij") })
}

// vxB: test (next v or 'ij').
func (z *kp) vxB() bool {
	return z.test(func() bool {
		if z.c == 0 {
			return false
		}
		z.c--
		return z.inB(isV) || z.eqB("ij")
	})
}

// cB: test (not 'ij' non-v).
func (z *kp) cB() bool {
	return z.test(func() bool {
		if z.test(func() bool { return z.eqB("ij") }) {
			return false
		}
		return z.outB(isV)
	})
}

func (z *kp) lengthenV() {
	save := z.c
	defer func() { z.c = save }()
	if !z.outB(func(r rune) bool { return isV(r) || r == 'w' || r == 'x' }) {
		return
	}
	z.ket = z.c
	m, ok := z.amongB(lengthenVAmong)
	if !ok {
		return
	}
	z.bra = z.c
	switch m {
	case "eë":
		z.sliceFrom("eëe")
	case "ië":
		z.sliceFrom("iee")
	case "e", "é", "è", "ê":
		ok := z.test(func() bool {
			if !(z.outB(isAEIOU) || z.c == 0) {
				return false
			}
			if z.test(func() bool { return z.inB(isAIOU) || (z.inB(isE) && z.c == 0) }) {
				return false
			}
			return !z.test(func() bool {
				if z.c == 0 {
					return false
				}
				z.c--
				return z.inB(isAIOU) && z.outB(isAEIOU)
			})
		})
		if ok {
			z.insertB(string(z.s[z.bra:z.ket]))
		}
	default:
		if z.test(func() bool { return z.outB(isAEIOU) || z.c == 0 }) {
			z.insertB(string(z.s[z.bra:z.ket]))
		}
	}
}

// suffix starts a "[substring] among(...)": it sets ket at the cursor, finds
// the longest suffix and sets bra at its start.
func (z *kp) suffix(a *among) (string, bool) {
	z.ket = z.c
	m, ok := z.amongB(a)
	z.bra = z.c
	return m, ok
}

func (z *kp) step1() bool {
	m, ok := z.suffix(step1Among)
	if !ok {
		return false
	}
	switch m {
	case "'s":
		z.del()
	case "s":
		if !z.r1() || z.test(func() bool { return z.eqB("t") && z.r1() }) || !z.cB() {
			return false
		}
		z.del()
	case "ies":
		if !z.r1() {
			return false
		}
		z.sliceFrom("ie")
	case "es":
		switch {
		case z.test(func() bool { return z.eqB("ar") && z.r1() && z.cB() }):
			z.del()
			z.lengthenV()
		case z.test(func() bool { return z.eqB("er") && z.r1() && z.cB() }):
			z.del()
		case z.r1() && z.cB():
			z.sliceFrom("e")
		default:
			return false
		}
	case "és":
		if !z.r1() {
			return false
		}
		z.sliceFrom("é")
	case "aus":
		if !z.r1() || !z.vB() {
			return false
		}
		z.sliceFrom("au")
	case "en":
		switch {
		case z.try(func() bool { return z.eqB("hed") && z.r1() }):
			z.bra = z.c
			z.sliceFrom("heid")
		case z.try(func() bool { return z.eqB("nd") }):
			z.del()
		case z.try(func() bool { return z.eqB("d") && z.r1() && z.cB() }):
			z.bra = z.c
			z.del()
		case z.try(func() bool { return (z.eqB("i") || z.eqB("j")) && z.vB() }):
			z.del()
		case z.r1() && z.cB():
			z.del()
			z.lengthenV()
		default:
			return false
		}
	case "nde":
		z.sliceFrom("nd")
	}
	return true
}

func (z *kp) step2() bool {
	m, ok := z.suffix(step2Among)
	if !ok {
		return false
	}
	switch m {
	case "je":
		switch {
		case z.try(func() bool { return z.eqB("'t") }):
			z.bra = z.c
			z.del()
		case z.try(func() bool { return z.eqB("et") && z.setBra() && z.r1() && z.cB() }):
			z.del()
		case z.try(func() bool { return z.eqB("rnt") }):
			z.bra = z.c
			z.sliceFrom("rn")
		case z.try(func() bool { return z.eqB("t") && z.setBra() && z.r1() && z.vxB() }):
			z.del()
		case z.try(func() bool { return z.eqB("ink") }):
			z.bra = z.c
			z.sliceFrom("ing")
		case z.try(func() bool { return z.eqB("mp") }):
			z.bra = z.c
			z.sliceFrom("m")
		case z.try(func() bool { return z.eqB("'") && z.setBra() && z.r1() }):
			z.del()
		case z.r1() && z.cB():
			z.del()
		default:
			return false
		}
	case "ge":
		if !z.r1() {
			return false
		}
		z.sliceFrom("g")
	case "lijke":
		if !z.r1() {
			return false
		}
		z.sliceFrom("lijk")
	case "ische":
		if !z.r1() {
			return false
		}
		z.sliceFrom("isch")
	case "de":
		if !z.r1() || !z.cB() {
			return false
		}
		z.del()
	case "te", "se", "re":
		if !z.r1() {
			return false
		}
		z.sliceFrom(m[:1])
	case "le":
		if !z.r1() {
			return false
		}
		z.del()
		z.attachB("l")
		z.lengthenV()
	case "ene":
		if !z.r1() || !z.cB() {
			return false
		}
		z.del()
		z.attachB("en")
		z.lengthenV()
	case "ieve":
		if !z.r1() || !z.cB() {
			return false
		}
		z.sliceFrom("ief")
	}
	return true
}

// setBra is "]" inside a condition: it always succeeds.
func (z *kp) setBra() bool { z.bra = z.c; return true }

func (z *kp) step3() bool {
	m, ok := z.suffix(step3Among)
	if !ok {
		return false
	}
	switch m {
	case "atie":
		if !z.r1() {
			return false
		}
		z.sliceFrom("eer")
	case "iteit":
		if !z.r1() {
			return false
		}
		z.del()
		z.lengthenV()
	case "heid", "sel", "ster":
		if !z.r1() {
			return false
		}
		z.del()
	case "rder":
		z.sliceFrom("r")
	case "ing", "isme", "erij":
		// Snowball's exception: schilderij must not meet schild.
		if z.test(func() bool { return z.eqB("ild") }) {
			z.sliceFrom("er")
			return true
		}
		if !z.r1() {
			return false
		}
		z.del()
		z.lengthenV()
	case "arij":
		if !z.r1() || !z.cB() {
			return false
		}
		z.sliceFrom("aar")
	case "fie", "gie":
		if !z.r2() {
			return false
		}
		z.del()
		z.attachB(m[:1])
		z.lengthenV()
	case "tst", "dst":
		if !z.r1() || !z.cB() {
			return false
		}
		z.sliceFrom(m[:1])
	}
	return true
}

func (z *kp) step4() bool {
	if z.try(z.step4a) {
		return true
	}
	m, ok := z.suffix(step4Among)
	_ = m
	if !ok || !z.r1() {
		return false
	}
	// Snowball's exception: innig must not meet in.
	if z.test(func() bool { return z.eqB("inn") && z.c == 0 }) || !z.cB() {
		return false
	}
	z.del()
	z.lengthenV()
	return true
}

func (z *kp) step4a() bool {
	m, ok := z.suffix(step4aAmong)
	if !ok || !z.r1() {
		return false
	}
	switch m {
	case "ioneel":
		z.sliceFrom("ie")
	case "atief":
		z.sliceFrom("eer")
	case "baar":
		z.del()
	case "naar", "laar", "raar":
		if !z.vB() {
			return false
		}
		z.sliceFrom(m[:1])
	case "tant":
		z.sliceFrom("teer")
	case "lijker", "lijkst":
		z.sliceFrom("lijk")
	case "achtig", "achtiger", "achtigst":
		z.del()
	default: // eriger erigst erig end
		if !z.cB() {
			return false
		}
		z.del()
		z.lengthenV()
	}
	return true
}

func (z *kp) step7() bool {
	// kt ft pt are Snowball's; rt lt gt are handboek's extension (see top).
	m, ok := z.suffix(step7Among)
	if !ok {
		return false
	}
	z.sliceFrom(m[:1])
	return true
}

func (z *kp) step6() bool {
	m, ok := z.suffix(step6Among)
	if !ok {
		return false
	}
	switch m {
	case "v":
		z.sliceFrom("f")
	case "z":
		z.sliceFrom("s")
	case "nn":
		// Snowball's exception: innen must not meet in.
		if z.test(func() bool { return z.eqB("i") && z.c == 0 }) {
			return false
		}
		z.sliceFrom("n")
	default:
		z.sliceFrom(m[:1])
	}
	return true
}

func (z *kp) step1c() bool {
	m, ok := z.suffix(step1cAmong)
	if !ok || !z.r1() || !z.cB() {
		return false
	}
	switch m {
	case "d":
		if z.test(func() bool { return z.eqB("n") && z.r1() }) {
			return false
		}
		// Snowball's exception: geïnd meets innen, not in.
		if z.test(func() bool { return z.eqB("in") && z.c == 0 }) {
			z.sliceFrom("n")
			return true
		}
		z.del()
	case "t":
		if z.test(func() bool { return z.eqB("h") && z.r1() }) {
			return false
		}
		// Snowball's exception: geënt must not meet en.
		if z.test(func() bool { return z.eqB("en") && z.c == 0 }) {
			return false
		}
		z.del()
	}
	return true
}

// Forward-mode helpers for the prefix steps and the regions.

func (z *kp) isVAt(i int) bool { return i < len(z.s) && isV(z.s[i]) }

func (z *kp) ijAt(i int) bool { return i+1 < len(z.s) && z.s[i] == 'i' && z.s[i+1] == 'j' }

// vowelAt reports the length of ('ij' or v) at i: 2, 1, or 0.
func (z *kp) vowelAt(i int) int {
	if z.ijAt(i) {
		return 2
	}
	if z.isVAt(i) {
		return 1
	}
	return 0
}

// measure sets p1 and p2: each is the end of the next (non-v)* (v|ij)+ non-v.
func (z *kp) measure() {
	n := len(z.s)
	z.p1, z.p2 = n, n
	i := 0
	next := func() (int, bool) {
		for i < n && !isV(z.s[i]) {
			i++
		}
		k := 0
		for {
			l := z.vowelAt(i)
			if l == 0 {
				break
			}
			i += l
			k++
		}
		if k == 0 || i >= n || isV(z.s[i]) {
			return 0, false
		}
		i++
		return i, true
	}
	if p, ok := next(); ok {
		z.p1 = p
		if p, ok := next(); ok {
			z.p2 = p
		}
	}
}

// afterGE checks what must follow a removable ge- at i: at least three
// characters, and a vowel followed by something other than vowels.
func (z *kp) afterGE(i int) bool {
	n := len(z.s)
	if i+3 > n {
		return false
	}
	for i < n {
		if l := z.vowelAt(i); l > 0 {
			i += l
			for z.vowelAt(i) > 0 {
				i += z.vowelAt(i)
			}
			return i < n
		}
		i++
	}
	return false
}

func (z *kp) hasAt(i int, str string) bool {
	for _, r := range str {
		if i >= len(z.s) || z.s[i] != r {
			return false
		}
		i++
	}
	return true
}

// removeGE deletes ge at i and turns a following ë or ï into e or i (c is
// where Snowball's cursor stands after the deletion).
func (z *kp) removeGE(i, c int) {
	z.s = append(z.s[:i], z.s[i+2:]...)
	if c < len(z.s) {
		switch z.s[c] {
		case 'ë':
			z.s[c] = 'e'
		case 'ï':
			z.s[c] = 'i'
		}
	}
}

func (z *kp) losePrefix() bool {
	if !z.hasAt(0, "ge") || !z.afterGE(2) {
		return false
	}
	// Snowball's exceptions: geeft, gevallen, gevaren keep their ge-.
	c := 2
	switch {
	case z.hasAt(2, "vali"):
		c = 6
	case z.hasAt(2, "eft"), z.hasAt(2, "val"), z.hasAt(2, "vaa"), z.hasAt(2, "vare"):
		return false
	}
	z.removeGE(0, c-2)
	return true
}

func (z *kp) loseInfix() bool {
	if len(z.s) == 0 {
		return false
	}
	for i := 1; i+2 <= len(z.s); i++ {
		if z.s[i] == 'g' && z.s[i+1] == 'e' {
			if !z.afterGE(i + 2) {
				return false
			}
			z.removeGE(i, i)
			return true
		}
	}
	return false
}

// backwards runs f with the cursor at the end of the word.
func (z *kp) backwards(f func() bool) bool {
	z.c = len(z.s)
	return f()
}

// StemNL returns the stem of a lowercase Dutch word.
func StemNL(word string) string {
	var st stemmer
	return st.stem(word)
}

// stemmer stems one word after another in the same rune buffer: the index
// stems every distinct word of a site, and a buffer per word was a third
// of the allocations of a small site's index.
type stemmer struct{ z kp }

func (st *stemmer) stem(word string) string {
	// A word is copied into runes once, and a word the stemmer leaves alone
	// comes back as it was.
	z := &st.z
	*z = kp{s: z.s[:0]}
	for _, r := range word {
		z.s = append(z.s, r)
	}
	z.measure()
	// Each of steps 1 to 4 runs, whether or not the one before applied.
	stemmed := z.backwards(z.step1)
	stemmed = z.backwards(z.step2) || stemmed
	stemmed = z.backwards(z.step3) || stemmed
	stemmed = z.backwards(z.step4) || stemmed
	if z.losePrefix() {
		z.measure()
		stemmed = true
		z.backwards(z.step1c)
	}
	if z.loseInfix() {
		z.measure()
		stemmed = true
		z.backwards(z.step1c)
	}
	if z.backwards(z.step7) {
		stemmed = true
	}
	if stemmed {
		z.backwards(z.step6)
	}
	if sameRunes(z.s, word) {
		return word
	}
	return string(z.s)
}

func sameRunes(rs []rune, s string) bool {
	i := 0
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return i == len(rs)
}
