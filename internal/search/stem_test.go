package search

import (
	"strings"
	"testing"
)

// stemGroups are words that must share a stem; words in different groups
// must not. The first groups are the ones the issue names.
var stemGroups = [][]string{
	{"leren", "leert", "leerde", "geleerd", "leer", "leerden", "geleerde"},
	{"leidinggevende", "leidinggevenden"},
	{"creëren", "creeren", "creëert"},
	{"ideeën", "ideeen"},
	{"vragen", "vraagt", "vraag"},
	{"spelen", "speelt", "speel"},
	{"werken", "werkt", "werk"},
	{"helpen", "helpt", "help"},
	{"vertellen", "vertelt", "vertel"},
	{"verhalen", "verhaal"},
	{"gesprekken", "gesprek"},
	{"medewerkers", "medewerker"},
	{"teams", "team"},
	{"managers", "manager"},
	{"ontwikkelen", "ontwikkeling"},
	{"kansen", "kansje"},
	{"taken", "taak"},
	{"doelen", "doel"},
	{"stappen", "stap"},
	{"taarten", "taart"},
	{"kaarten", "kaart"},
	{"collega", "collega's"},
	{"suggesties", "suggestie"},
	{"ervaringen", "ervaring"},
	{"uitdagingen", "uitdaging"},
	{"afspraken", "afspraak"},
	{"klanten", "klant"},
	{"reflecteren", "reflecteert"},
	{"veilig", "veilige"},
	{"zichtbaar", "zichtbaarheid"},
	{"bespreken", "bespreekt"},
	{"feedback"},
	{"feedbackcultuur"},
	{"leiderschap"},
	{"visie", "visies"},
	// The Dutch ĳ written as one letter meets ij written as two.
	{"ijs", "ĳs"},
	{"wijzen", "wĳzen"},
	{"tijd", "tĳd", "tijden"},
}

func TestStemGroups(t *testing.T) {
	stemOf := map[string]int{}
	for gi, g := range stemGroups {
		want := Term(g[0])
		for _, w := range g {
			got := Term(w)
			if got != want {
				t.Errorf("Term(%q) = %q, want %q like Term(%q)", w, got, want, g[0])
			}
		}
		if other, ok := stemOf[want]; ok && other != gi {
			t.Errorf("groups %v and %v share stem %q", stemGroups[other], g, want)
		}
		stemOf[want] = gi
	}
}

func TestStemKnownValues(t *testing.T) {
	// Values of Snowball's own Dutch algorithm, checked by hand against its
	// rules; they guard the port against silent changes.
	tests := map[string]string{
		"leren":           "leer",
		"leerde":          "leer",
		"geleerd":         "leer",
		"leidinggevenden": "leidinggeef",
		"schilderij":      "schilder",
		"innig":           "innig",
		"gevallen":        "geval",
		"mogelijkheid":    "molijk",
	}
	for in, want := range tests {
		if got := StemNL(in); got != want {
			t.Errorf("StemNL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	long := strings.Repeat("a", 500)
	for in, want := range map[string]string{"creëren": "creeren", "ideeën": "ideen", "creëer": "creer", "café": "cafe", "plain": "plain",
		// A run of one letter longer than three is no word: it stays, and
		// does not become aa, the start of every aan- word.
		"aaaa": "aaaa", long: long, "zeeëen": "zeeeen", "aaab": "aab"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	got := Words("Feedback-cultuur: 'n Ideeën <script>alert(1)</script> 😀 x2")
	want := []string{"feedback", "cultuur", "n", "ideeën", "script", "alert", "1", "script", "x2"}
	if len(got) != len(want) {
		t.Fatalf("Words = %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("Words = %q, want %q", got, want)
		}
	}
}

// The index's scan of a page (counter.text) splits words as Words does:
// its terms, in the order it first meets them, are those of Words.
func TestCounterSplitsLikeWords(t *testing.T) {
	text := "Feedback-cultuur: 'n Ideeën <script>alert(1)</script> 😀 x2 ÉÉN Straße ǅemal leren leert werk-leer plan2026 a.b"
	c := newCounter(nil)
	c.count(Doc{Title: text}, Default())
	var want []string
	seen := map[string]bool{}
	for _, w := range Words(text) {
		if t := Term(w); !seen[t] {
			seen[t] = true
			want = append(want, t)
		}
	}
	if strings.Join(c.terms, "|") != strings.Join(want, "|") {
		t.Errorf("counted terms %q, want the terms of Words: %q", c.terms, want)
	}
}
