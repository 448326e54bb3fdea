package search

// wordTable maps lowercase words to term numbers for one counter: the
// index's hot loop looks up every word of every page in it, in between the
// page's templates and Markdown, with the caches cold. A slot holds a short
// word's bytes itself, so a lookup reads one slot, not a slot and then the
// word's string elsewhere in memory as a Go map does. Slots hold no
// pointers, so the garbage collector never scans them.
type wordTable struct {
	slots []wordSlot // a power of two of them
	longs []string   // the words too long for a slot
	n     int
}

// inlineWord is how long a word a slot holds itself; longer ones are kept
// in longs.
const inlineWord = 22

type wordSlot struct {
	hash uint64
	id   int32
	long int32 // 1 + the word's index in longs; 0 when inline
	n    uint8 // length, when inline
	used bool
	b    [inlineWord]byte
}

func newWordTable() *wordTable {
	return &wordTable{slots: make([]wordSlot, 1024)}
}

func (t *wordTable) is(s *wordSlot, w string) bool {
	if len(w) <= inlineWord {
		return int(s.n) == len(w) && s.long == 0 && string(s.b[:s.n]) == w
	}
	return s.long > 0 && t.longs[s.long-1] == w
}

// The hash is FNV-1a, which the counter's scan computes on the way, byte by
// byte, finished with a mix so that linear probing sees well-spread bits.
// The words are the site's own, so there is no one to flood the table.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashWord(w string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * fnvPrime
	}
	return h
}

func mixHash(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// get returns w's term number, and the hash put needs when there is none.
// h is hashWord(w), unmixed.
func (t *wordTable) get(w string, h uint64) (id int32, _ uint64, ok bool) {
	h = mixHash(h)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if !s.used {
			return 0, h, false
		}
		if s.hash == h && t.is(s, w) {
			return s.id, h, true
		}
	}
}

// put adds w, which get did not find, with the hash get gave.
func (t *wordTable) put(w string, h uint64, id int32) {
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
	s := wordSlot{hash: h, id: id, used: true}
	if len(w) <= inlineWord {
		s.n = uint8(copy(s.b[:], w))
	} else {
		t.longs = append(t.longs, w)
		s.long = int32(len(t.longs))
	}
	t.place(s)
}

func (t *wordTable) place(s wordSlot) {
	mask := uint64(len(t.slots) - 1)
	i := s.hash & mask
	for t.slots[i].used {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}
