package build

import (
	"bytes"
	"io/fs"
	"os"
	"sort"
	"sync"

	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/search"
	"github.com/handboek/handboek/internal/site"
	"github.com/handboek/handboek/themes"
)

// Sink is where a build's files go, each as soon as it is made:
// publish.Writer writes them into the new version of the output folder,
// Memory keeps them.
type Sink interface {
	// Write takes one file. It is called from several goroutines at once,
	// and must be done with f.Data when it returns: a page's bytes are its
	// worker's buffer, reused for the next page.
	Write(f site.File)
}

// A sink with a scratch file (publish.Writer) holds the search index's page
// text there rather than in memory, until the snippets are cut.
type scratcher interface {
	Scratch() (*os.File, error)
}

// Memory is a Sink that keeps every file, and a build into it keeps the
// whole site in its Result: every page with its source and rendered body.
// The dev server, handboek check and cards, and tests build into one. A
// Memory holds one build; use a new one for each Run.
type Memory struct {
	// Cache, when set, makes the build reuse what the last build into a
	// Memory with this Cache made and an edit cannot have changed (the dev
	// server; see Cache).
	Cache *Cache
	// LaterIndex leaves the search index out of the files and puts a
	// function that makes it in Result.Index instead, for the dev server:
	// it reloads the page first, and makes the index meanwhile.
	LaterIndex bool

	mu    sync.Mutex
	files []site.File
}

// Write keeps a copy of f.
func (m *Memory) Write(f site.File) {
	f.Data = bytes.Clone(f.Data)
	m.mu.Lock()
	m.files = append(m.files, f)
	m.mu.Unlock()
}

// adopt keeps files that the build did not make again (the last build's,
// kept by the Cache): they are never written to, so they are not copied.
func (m *Memory) adopt(files []site.File) {
	m.mu.Lock()
	m.files = append(m.files, files...)
	m.mu.Unlock()
}

// Files are the files kept so far, sorted by path.
func (m *Memory) Files() []site.File {
	m.mu.Lock()
	out := append([]site.File(nil), m.files...)
	m.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// shipping is the sink as the build writes to it: the search client counts
// in a first query's bytes, so it ships compacted (shipped).
type shipping struct {
	Sink
	theme *site.Theme
	diags *diag.List
}

func (s shipping) Write(f site.File) { s.Sink.Write(shipped(f, s.theme, s.diags)) }

// shipped is the file as it goes out: the search client minified. A client
// that does not parse is an error at its file:line:col in the theme.
func shipped(f site.File, theme *site.Theme, diags *diag.List) site.File {
	if f.Path != site.SearchClient || f.From == nil {
		return f
	}
	src, err := fs.ReadFile(f.From, f.FromPath)
	if err != nil {
		return f // publishing reads it again, and reports the error
	}
	// The default script comes minified already: minifying takes as long
	// as building a small handbook.
	if builtin, min := themes.SearchClient(); bytes.Equal(src, builtin) {
		return site.File{Path: f.Path, Data: min}
	}
	min, errs := search.MinifyJS(src)
	if errs == nil {
		return site.File{Path: f.Path, Data: min}
	}
	name := f.FromPath
	if theme != nil {
		_, name, _ = theme.ReadFile(f.FromPath)
	}
	for _, e := range errs {
		diags.Errorf(diag.Pos{File: name, Line: e.Line, Col: e.Col}, "the search client does not parse: %s", e.Msg)
	}
	return f
}
