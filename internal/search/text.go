package search

import (
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"sync"
	"unsafe"
)

// Spill is where an Indexer can keep the pages' text between Add and
// Files, instead of in memory: the text is most of a large site's index
// heap and is read back once, for snippets. A temporary *os.File fits.
type Spill interface {
	io.WriterAt
	io.ReaderAt
}

// spillChunk is how much text is gathered before it is written out: a few
// large writes rather than one per page.
const spillChunk = 1 << 20

// textStore keeps each page's sections as one run of bytes, in chunks that
// go to a Spill when there is one, or stay in memory.
type textStore struct {
	mu     sync.Mutex
	spill  Spill    // nil: chunks stay in memory
	buf    []byte   // the chunk being filled
	base   int64    // where buf starts
	chunks [][]byte // without a spill: the full chunks, in order
	starts []int64  // where each chunk starts
	free   [][]byte // with a spill: chunk buffers written out, to fill again
	err    error
}

// textRef is where a page's sections are in the store.
type textRef struct {
	off int64
	n   int32
}

// put stores a page's sections.
func (t *textStore) put(secs []Section) textRef {
	t.mu.Lock()
	start := len(t.buf)
	for _, s := range secs {
		for _, f := range [...]string{s.ID, s.Heading, s.Text} {
			t.buf = binary.AppendUvarint(t.buf, uint64(len(f)))
			t.buf = append(t.buf, f...)
		}
	}
	ref := textRef{off: t.base + int64(start), n: int32(len(t.buf) - start)}
	var full []byte
	var at int64
	if len(t.buf) >= spillChunk {
		full, at = t.closeChunkLocked(true)
	}
	t.mu.Unlock()
	// A full chunk is written outside the lock: the other workers go on
	// counting meanwhile, and writes at their own offsets need no order.
	t.write(full, at)
	return ref
}

// flush closes the chunk being filled; call it before get, after every put.
func (t *textStore) flush() error {
	t.mu.Lock()
	var full []byte
	var at int64
	if t.base == 0 {
		// All the text fits in the first chunk (a small site): it stays
		// in memory, sparing a write and a read per page.
		t.spill = nil
	}
	if len(t.buf) > 0 {
		full, at = t.closeChunkLocked(false)
	}
	t.mu.Unlock()
	t.write(full, at)
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

// closeChunkLocked ends the chunk being filled (a page's text is in one
// chunk: a chunk is closed after a page only) and starts the next; more
// says whether pages follow. Without a spill the chunk is kept; with one it
// is returned with where it goes.
func (t *textStore) closeChunkLocked(more bool) (full []byte, at int64) {
	full, at = t.buf, t.base
	t.base += int64(len(full))
	// The first chunk grows as pages come (a small site's text is a
	// fraction of one); after a full one, the next is made full size, and
	// flush, after the last page, makes none.
	t.buf = nil
	switch k := len(t.free); {
	case !more:
	case k > 0:
		t.buf, t.free = t.free[k-1], t.free[:k-1]
	default:
		t.buf = make([]byte, 0, spillChunk+spillChunk/4)
	}
	if t.spill == nil {
		t.chunks = append(t.chunks, full)
		t.starts = append(t.starts, at)
		return nil, 0
	}
	return full, at
}

// write puts a closed chunk into the spill, and its buffer back for reuse.
func (t *textStore) write(full []byte, at int64) {
	if full == nil {
		return
	}
	_, err := t.spill.WriteAt(full, at)
	t.mu.Lock()
	if err != nil && t.err == nil {
		t.err = fmt.Errorf("search index: keeping page text: %w", err)
	}
	t.free = append(t.free, full[:0])
	t.mu.Unlock()
}

// get reads a page's sections back. It is safe for concurrent use after
// flush.
func (t *textStore) get(ref textRef) ([]Section, error) {
	var b []byte
	if t.spill == nil {
		// The chunk that holds the page: the last one starting at or
		// before it. Closed chunks never change, so the page's strings
		// can be its bytes.
		i := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > ref.off }) - 1
		at := ref.off - t.starts[i]
		b = t.chunks[i][at : at+int64(ref.n)]
	} else {
		b = make([]byte, ref.n)
		if _, err := t.spill.ReadAt(b, ref.off); err != nil {
			return nil, fmt.Errorf("search index: reading page text back: %w", err)
		}
	}
	// One string for the page; the fields are slices of it. b is never
	// written again, so it becomes that string without a copy.
	s := unsafe.String(unsafe.SliceData(b), len(b))
	var secs []Section
	var f [3]string
	for at, i := 0, 0; at < len(b); i = (i + 1) % 3 {
		n, k := binary.Uvarint(b[at:])
		if k <= 0 || at+k+int(n) > len(b) {
			return nil, fmt.Errorf("search index: page text read back is damaged")
		}
		f[i] = s[at+k : at+k+int(n)]
		at += k + int(n)
		if i == 2 {
			secs = append(secs, Section{ID: f[0], Heading: f[1], Text: f[2]})
		}
	}
	return secs, nil
}
