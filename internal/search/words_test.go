package search

import (
	"fmt"
	"strings"
	"testing"
)

func TestWordTable(t *testing.T) {
	words := []string{
		"a", "leren", "leert",
		strings.Repeat("x", inlineWord),          // the longest kept in its slot
		strings.Repeat("x", inlineWord+1),        // the shortest kept apart
		strings.Repeat("x", inlineWord) + "y",    // differs from the one above in its last byte
		"leiderschapsontwikkelingstrajecten",     // a real long compound
		"leiderschapsontwikkelingstrajectenplan", // and one that starts with it
		"creëren", "ideeën",
	}
	// Enough more words that the table grows several times.
	for i := range 5000 {
		words = append(words, fmt.Sprintf("woord%d", i))
	}
	tab := newWordTable()
	for i, w := range words {
		if _, _, ok := tab.get(w, hashWord(w)); ok {
			t.Fatalf("%q found before it was put", w)
		}
		_, h, _ := tab.get(w, hashWord(w))
		tab.put(w, h, int32(i))
	}
	for i, w := range words {
		id, _, ok := tab.get(w, hashWord(w))
		if !ok || id != int32(i) {
			t.Errorf("get(%q) = %d, %v; want %d, true", w, id, ok, i)
		}
	}
	for _, w := range []string{"", "b", "lere", strings.Repeat("x", inlineWord-1), strings.Repeat("x", inlineWord+2), "leiderschapsontwikkelingstraject", "woord5000"} {
		if id, _, ok := tab.get(w, hashWord(w)); ok {
			t.Errorf("get(%q) = %d, true; it was never put", w, id)
		}
	}
}

// Two words with the same hash must still be told apart by their bytes.
func TestWordTableCollisions(t *testing.T) {
	pairs := [][2]string{
		{"leren", "leert"},
		{strings.Repeat("x", inlineWord+1), strings.Repeat("x", inlineWord) + "y"},
		{strings.Repeat("x", inlineWord), strings.Repeat("x", inlineWord+1)},
	}
	for _, p := range pairs {
		tab := newWordTable()
		const same = 12345 // one raw hash for both words
		_, h, _ := tab.get(p[0], same)
		tab.put(p[0], h, 1)
		if id, _, ok := tab.get(p[1], same); ok {
			t.Errorf("%q found as %q (id %d)", p[1], p[0], id)
		}
		_, h, _ = tab.get(p[1], same)
		tab.put(p[1], h, 2)
		for i, w := range p {
			if id, _, ok := tab.get(w, same); !ok || id != int32(i+1) {
				t.Errorf("get(%q) = %d, %v; want %d", w, id, ok, i+1)
			}
		}
	}
}
