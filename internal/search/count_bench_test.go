package search

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// BenchmarkCount counts the words of pages shaped like the corpus's: the
// index's hot loop, which runs inside every page job of a build.
func BenchmarkCount(b *testing.B) {
	vocab := strings.Fields("leren leert leerde geleerd leidinggevende leidinggevenden medewerker medewerkers team teams organisatie lerende visie ambitie feedback feedbackcultuur kwaliteit cultuur samenwerken samenwerking partners eigenaarschap leiderschap Ontwikkeling ontwikkelen gesprek gesprekken werkvloer de het een en van in op met voor naar bij om dat die dit deze als maar ook nog wel niet geen meer minder creëren ideeën Teamoverleg")
	words := sentences(rand.New(rand.NewPCG(1, 2)), vocab, " ")
	sentence := func(n int) string { return words(n) + "." }
	docs := make([]Doc, 200)
	count := 0
	for i := range docs {
		d := Doc{Title: sentence(4), Tags: []string{"feedback", "team"}}
		for s := range 8 {
			d.Sections = append(d.Sections, Section{ID: string(rune('a' + s)), Heading: sentence(3), Text: sentence(90)})
			count += 94
		}
		docs[i] = d
	}
	c := newCounter(nil)
	opts := Default()
	for b.Loop() {
		for _, d := range docs {
			c.count(d, opts)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(count), "ns/word")
}
