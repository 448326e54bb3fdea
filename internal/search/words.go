package search

import (
	"encoding/binary"
	"unsafe"
)

// wordTable maps lowercase words to term numbers for one counter: the
// index's hot loop looks up every word of every page in it, in between the
// page's templates and Markdown, with the caches cold. A word of up to 16
// bytes is its key (two machine words and its length, see keyOf), so a
// lookup reads one slot and compares numbers, never the word's bytes
// elsewhere in memory as a Go map does. Slots hold no pointers, so the
// garbage collector never scans them.
type wordTable struct {
	slots []wordSlot // a power of two of them
	longs []string   // the words longer than a key holds
	n     int
}

// keyBytes is how long a word its key holds exactly; longer ones are kept
// in longs and compared there.
const keyBytes = 16

type wordSlot struct {
	key  wordKey
	id   int32
	long int32 // 1 + the word's index in longs; 0 when the key holds it
	n    uint8 // length, up to keyBytes (longer: keyBytes+1)
	used bool
}

func newWordTable() *wordTable {
	return &wordTable{slots: make([]wordSlot, 1024)}
}

// wordKey is a word's first and last bytes (a and b) and a hash of them.
// For a word of up to keyBytes bytes, a and b with the length are the word:
// 8 to 16 bytes are two 8-byte loads that overlap, 4 to 7 two 4-byte ones,
// 1 to 3 its first, middle and last byte. Every load is inside the word.
type wordKey struct{ a, b, h uint64 }

func keyOf(w string) wordKey {
	n := len(w)
	var a, b uint64
	switch p := unsafe.StringData(w); {
	case n >= 8:
		a = binary.LittleEndian.Uint64(unsafe.Slice(p, 8))
		b = binary.LittleEndian.Uint64(unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(p), n-8)), 8))
	case n >= 4:
		a = uint64(binary.LittleEndian.Uint32(unsafe.Slice(p, 4)))
		b = uint64(binary.LittleEndian.Uint32(unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(p), n-4)), 4)))
	case n > 0:
		a = uint64(w[0])<<16 | uint64(w[n>>1])<<8 | uint64(w[n-1])
	}
	// The words are the site's own, so there is no one to flood the
	// table: a multiply-xorshift mix spreads the bits for linear probing.
	h := a*0x9e3779b97f4a7c15 ^ b*0xc2b2ae3d27d4eb4f ^ uint64(n)
	h ^= h >> 32
	h *= 0xff51afd7ed558ccd
	h ^= h >> 29
	return wordKey{a, b, h}
}

func (t *wordTable) is(s *wordSlot, w string, k wordKey) bool {
	if s.key != k {
		return false
	}
	if len(w) <= keyBytes {
		return int(s.n) == len(w)
	}
	return s.long > 0 && t.longs[s.long-1] == w
}

// get returns w's term number; k is keyOf(w).
func (t *wordTable) get(w string, k wordKey) (id int32, ok bool) {
	mask := uint64(len(t.slots) - 1)
	for i := k.h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if !s.used {
			return 0, false
		}
		if t.is(s, w, k) {
			return s.id, true
		}
	}
}

// put adds w, which get did not find; k is keyOf(w).
func (t *wordTable) put(w string, k wordKey, id int32) {
	if 4*(t.n+1) > 3*len(t.slots) {
		old := t.slots
		t.slots = make([]wordSlot, 2*len(old))
		for _, s := range old {
			if s.used {
				t.place(s)
			}
		}
	}
	t.n++
	s := wordSlot{key: k, id: id, used: true, n: uint8(min(len(w), keyBytes+1))}
	if len(w) > keyBytes {
		t.longs = append(t.longs, w)
		s.long = int32(len(t.longs))
	}
	t.place(s)
}

func (t *wordTable) place(s wordSlot) {
	mask := uint64(len(t.slots) - 1)
	i := s.key.h & mask
	for t.slots[i].used {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}
