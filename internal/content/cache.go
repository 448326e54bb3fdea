package content

import (
	"bytes"
	"hash/maphash"
	"io/fs"
	"path"
	"slices"
	"sync"

	"github.com/handboek/handboek/internal/diag"
)

// Cache keeps decoded pages between loads, keyed by file and the hash of its
// bytes, so a rebuild after one edit decodes and validates one file instead
// of all of them (esbuild keeps parsed files the same way). A cached page is
// handed out as a copy: Load normalises some fields in place, and the page
// of the previous build may still be in use.
type Cache struct {
	seed    maphash.Seed
	mu      sync.Mutex
	entries map[string]cacheEntry
	// trust, for the next Load only: files not in dirty are unchanged
	// since the last Load and are reused without being read.
	trust bool
	dirty map[string]bool
}

type cacheEntry struct {
	sum   uint64
	src   []byte
	page  *Page // nil when the file could not be used
	diags []diag.Diag
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), entries: map[string]cacheEntry{}}
}

// load is loadPage through the cache; a nil cache loads directly.
func (c *Cache) load(fsys fs.FS, file string, diags *diag.List) *Page {
	if c == nil {
		return loadPage(fsys, file, diags)
	}
	if c.trust && !c.dirty[file] {
		c.mu.Lock()
		e, ok := c.entries[file]
		c.mu.Unlock()
		if ok {
			return e.use(diags)
		}
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		diags.Errorf(diag.Pos{File: path.Join("content", file)}, "%v", err)
		return nil
	}
	sum := maphash.Bytes(c.seed, src)
	c.mu.Lock()
	e, ok := c.entries[file]
	c.mu.Unlock()
	if !ok || e.sum != sum || !bytes.Equal(e.src, src) {
		var local diag.List
		e = cacheEntry{sum: sum, src: src, page: parsePage(file, src, &local), diags: local.All()}
		c.mu.Lock()
		c.entries[file] = e
		c.mu.Unlock()
	}
	return e.use(diags)
}

// use reports the entry's diagnostics again and returns a copy of its page.
func (e cacheEntry) use(diags *diag.List) *Page {
	for _, d := range e.diags {
		diags.Add(d)
	}
	if e.page == nil {
		return nil
	}
	p := *e.page
	p.Related = slices.Clone(p.Related)
	return &p
}

// Changed tells the cache that, since the last Load, only files (relative
// to the content folder) may have changed: the next Load reads just those
// and files it has not seen, and reuses every other page unread. The dev
// server knows what changed from its file watcher; without this hint every
// file is read and compared, which is correct but slower.
func (c *Cache) Changed(files []string) {
	c.trust = true
	c.dirty = make(map[string]bool, len(files))
	for _, f := range files {
		c.dirty[f] = true
	}
}

// Distrust makes the next Load read every file again.
func (c *Cache) Distrust() { c.trust, c.dirty = false, nil }

// retain forgets files that are gone, so renames do not grow the cache.
func (c *Cache) retain(files []string) {
	if c == nil {
		return
	}
	c.Distrust()
	keep := make(map[string]bool, len(files))
	for _, f := range files {
		keep[f] = true
	}
	c.mu.Lock()
	for f := range c.entries {
		if !keep[f] {
			delete(c.entries, f)
		}
	}
	c.mu.Unlock()
}
