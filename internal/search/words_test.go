package search

import (
	"fmt"
	"strings"
	"testing"
)

func TestWordTable(t *testing.T) {
	words := []string{
		"a", "ab", "abc", "leren", "leert", "lee", "leer",
		strings.Repeat("x", keyBytes),         // the longest its key holds
		strings.Repeat("x", keyBytes+1),       // the shortest kept apart
		strings.Repeat("x", keyBytes) + "y",   // differs from the one above in its last byte
		"leiderschapsontwikkelingstrajecten",  // a real long compound
		"leiderschapsontwikkelingstrajectxen", // same length, first and last bytes
		"creëren", "ideeën",
	}
	// Enough more words that the table grows several times.
	for i := range 5000 {
		words = append(words, fmt.Sprintf("woord%d", i))
	}
	tab := newWordTable()
	for i, w := range words {
		if _, ok := tab.get(w, keyOf(w)); ok {
			t.Fatalf("%q found before it was put", w)
		}
		tab.put(w, keyOf(w), int32(i))
	}
	for i, w := range words {
		id, ok := tab.get(w, keyOf(w))
		if !ok || id != int32(i) {
			t.Errorf("get(%q) = %d, %v; want %d, true", w, id, ok, i)
		}
	}
	for _, w := range []string{"", "b", "lere", "aab", "abb", strings.Repeat("x", keyBytes-1), strings.Repeat("x", keyBytes+2), "leiderschapsontwikkelingstraject", "leiderschapsontwikkelingstrajectyen", "woord5000"} {
		if id, ok := tab.get(w, keyOf(w)); ok {
			t.Errorf("get(%q) = %d, true; it was never put", w, id)
		}
	}
}

// A key with the length is the word itself, up to keyBytes bytes: two
// words that differ in any one byte have different keys.
func TestWordKeyIsExact(t *testing.T) {
	for n := 1; n <= keyBytes; n++ {
		base := []byte(strings.Repeat("a", n))
		k := keyOf(string(base))
		for i := range n {
			w := append([]byte(nil), base...)
			w[i] = 'b'
			if keyOf(string(w)) == k {
				t.Errorf("%q and %q have one key", w, base)
			}
		}
	}
}

// Words with one key are told apart: past keyBytes by their bytes, and at
// keyBytes against keyBytes+1 by their length. Keys that differ but share
// a hash (one probe sequence) are told apart too.
func TestWordTableCollisions(t *testing.T) {
	long := "leiderschapsontwikkelingstrajecten"
	same := wordKey{a: 1, b: 2, h: 12345}
	for _, p := range [][2]string{
		{long, long[:20] + "X" + long[21:]}, // same length, first and last 8 bytes
		{strings.Repeat("x", keyBytes+1), strings.Repeat("x", keyBytes) + "y"},
		{strings.Repeat("x", keyBytes), strings.Repeat("x", keyBytes+1)},
		{strings.Repeat("x", keyBytes+1), strings.Repeat("x", keyBytes)},
	} {
		tab := newWordTable()
		tab.put(p[0], same, 1)
		if id, ok := tab.get(p[1], same); ok {
			t.Errorf("%q found as %q (id %d)", p[1], p[0], id)
		}
		tab.put(p[1], same, 2)
		for i, w := range p {
			if id, ok := tab.get(w, same); !ok || id != int32(i+1) {
				t.Errorf("get(%q) = %d, %v; want %d", w, id, ok, i+1)
			}
		}
	}
	tab := newWordTable()
	a, b := keyOf("leren"), keyOf("leert")
	b.h = a.h
	tab.put("leren", a, 1)
	if id, ok := tab.get("leert", b); ok {
		t.Errorf("leert found as leren (id %d)", id)
	}
	tab.put("leert", b, 2)
	if id, _ := tab.get("leert", b); id != 2 {
		t.Errorf("leert: id %d, want 2", id)
	}
}
