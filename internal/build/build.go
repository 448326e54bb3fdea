package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/render"
	"github.com/handboek/handboek/internal/search"
	"github.com/handboek/handboek/internal/site"
	"github.com/handboek/handboek/internal/sitefs"
	"github.com/handboek/handboek/themes"
)

// Options say what to build.
type Options struct {
	// Source is the site root holding handboek.yaml and content/.
	Source string
	// BaseURL, when set, overrides the config's baseURL.
	BaseURL string
	// Drafts includes draft pages.
	Drafts bool
	// Version goes into the generator meta tag.
	Version string
	// Cache, when set, makes a rebuild reuse the previous Compile's work
	// (see Cache); nil builds everything.
	Cache *Cache
	// Emit, when set, receives each output file as soon as it is rendered
	// (from several goroutines) and Result.Files stays empty: a large site is
	// then never held in memory whole. publish.Writer.Write fits here. Emit
	// must be done with the file's bytes when it returns: they may be a
	// buffer that is reused.
	Emit func(site.File)

	// Spill, when set, holds the search index's page text during a
	// streamed build instead of memory (publish.Writer.Scratch fits).
	Spill search.Spill

	// LaterIndex leaves the search index out of Result.Files and puts a
	// function that builds it in Result.Index instead, for the dev server:
	// it reloads the page first and makes the index meanwhile. Only without
	// Emit.
	LaterIndex bool

	// SkipIndex renders search's page and box but builds no index: the
	// site's search does not work. It is there to count what the index
	// alone costs a build (handboek bench --instructions).
	SkipIndex bool

	// Cards links the printable card decks from the section pages; the
	// caller prints them (cardprint.PrintSite) into Result.CardDecks' paths.
	Cards bool
}

// Result is a compiled site.
type Result struct {
	Config  config.Config
	Content *content.Set
	Site    *site.Site
	Files   []site.File
	Timings Timings
	// CardDecks are the decks to print when Options.Cards is set: section
	// key → site path (cards.DeckPaths).
	CardDecks map[string]string
	// Index builds the search index files, when Options.LaterIndex left
	// them out of Files. It uses nothing that a later Compile changes, so
	// it may run while the next one does.
	Index func() []site.File
}

// Timings measure each stage, for the build summary.
type Timings struct {
	Load, Render, Assemble, Index, Total time.Duration
}

// Compile runs every stage and records all problems in diags. The Result is
// complete only when diags has no errors.
func Compile(opts Options, diags *diag.List) *Result {
	start := time.Now()
	res := &Result{}
	root := sitefs.Open(opts.Source)
	if r, ok := root.(interface{ Close() }); ok {
		// Files read after Compile (resources the caller publishes) go
		// through the site's root.
		defer r.Close()
	}
	cfg := config.Load(root, diags)
	if opts.BaseURL != "" {
		if u, err := config.NormalizeBaseURL(opts.BaseURL); err != nil {
			diags.Errorf(diag.Pos{File: "--baseURL"}, "%v", err)
		} else {
			cfg.BaseURL = u
		}
	}
	res.Config = cfg
	// Carry on after config problems: the content may have problems too, and
	// an author wants to hear about all of them at once.
	contentFS, err := fs.Sub(root, "content")
	if err != nil {
		diags.Errorf(diag.Pos{File: "content"}, "%v", err)
		return res
	}
	if st, err := os.Stat(filepath.Join(opts.Source, "content")); err != nil || !st.IsDir() {
		diags.Errorf(diag.Pos{File: "content"}, "no content/ folder in %s: handboek new makes it with a first page, handboek init --force adds a whole handbook", opts.Source)
		return res
	}
	theme := opts.Cache.loadTheme(opts.Source, cfg, diags)
	// A one-shot build streams (see stream) unless a layout may show one
	// page's body on another: then every body is rendered before any page.
	streamed := opts.Emit != nil && opts.Cache == nil && theme != nil && !theme.ShowsBodiesElsewhere()
	set := content.Load(contentFS, content.Options{Drafts: opts.Drafts, Cache: opts.Cache.contentCache(), DropBodies: streamed}, diags)
	res.Content = set
	res.Timings.Load = time.Since(start)

	if opts.Cards {
		res.CardDecks = cards.DeckPaths(set)
	}
	in := site.Input{Config: cfg, Content: set, Theme: theme, ContentFS: contentFS, Generator: "handboek " + opts.Version, CardDecks: res.CardDecks}
	if streamed {
		res.Site = stream(in, opts, &res.Timings, diags)
	} else {
		res.Site = inMemory(in, opts, res, diags)
	}
	res.Timings.Total = time.Since(start)
	return res
}

// stream is a one-shot build that never holds the whole site: the loaded
// pages keep no Markdown, each page's body is read and rendered in the
// page's own job, its file emitted, its text given to the search index and
// its HTML dropped (site.Stream).
func stream(in site.Input, opts Options, tm *Timings, diags *diag.List) *site.Site {
	t := time.Now()
	md := render.New(renderOptions(in.Config))
	s := site.Assemble(in, diags)
	emit := func(f site.File) { opts.Emit(shipped(f, in.Theme, diags)) }
	if !in.Config.Output.Search || opts.SkipIndex {
		s.Stream(md, diags, emit, func(*site.Page) {})
		tm.Assemble = time.Since(t)
		return s
	}
	pages := searchPages(s)
	docOf := make(map[*site.Page]int, len(pages))
	for i, p := range pages {
		docOf[p] = i
	}
	ix := search.NewIndexer(len(pages), searchOptions(s), opts.Spill)
	var counting atomic.Int64
	s.Stream(md, diags, emit, func(p *site.Page) {
		if i, ok := docOf[p]; ok {
			t := time.Now()
			ix.Add(i, searchDoc(s, p))
			counting.Add(int64(time.Since(t)))
		}
	})
	// Rendering happens inside the page jobs: it counts as assembling.
	tm.Assemble = time.Since(t) - time.Duration(counting.Load())/time.Duration(runtime.GOMAXPROCS(0))
	t = time.Now()
	files, _, err := ix.Files()
	if err != nil {
		diags.Errorf(diag.Pos{File: "search/"}, "%v", err)
	}
	// Hundreds of small files on a large site: writing them one after
	// another, each waiting for the disk, took longer than making them.
	var wg sync.WaitGroup
	next := make(chan site.File)
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				opts.Emit(f)
			}
		}()
	}
	for _, f := range siteFiles(files) {
		next <- f
	}
	close(next)
	wg.Wait()
	// The index's share of the page jobs, spread over the cores, plus
	// building its files.
	tm.Index = time.Since(t) + time.Duration(counting.Load())/time.Duration(runtime.GOMAXPROCS(0))
	return s
}

// inMemory renders every page's Markdown first, then executes the pages: the
// dev server keeps the result, and a theme that shows a page's body on other
// pages needs every body before any page is executed.
func inMemory(in site.Input, opts Options, res *Result, diags *diag.List) *site.Site {
	t := time.Now()
	in.Rendered = opts.Cache.render(in.Content, renderOptions(in.Config), diags)
	res.Timings.Render = time.Since(t)
	if opts.Emit != nil {
		// A streamed build is one-shot: nothing reads the Markdown again, and
		// on a large site the sources are a quarter of the live heap.
		for _, p := range in.Content.Pages {
			p.ReleaseSource()
		}
	}

	t = time.Now()
	s := site.Assemble(in, diags)
	if opts.Emit != nil {
		s.RenderTo(diags, func(f site.File) { opts.Emit(shipped(f, in.Theme, diags)) })
		// Every page is written: the index and the card decks need the
		// pages' text and fields, not their HTML, the largest part of a
		// big site's heap.
		for _, p := range s.Pages {
			p.Content = ""
			if p.Result != nil {
				p.Result.HTML = ""
			}
		}
	} else {
		res.Files = opts.Cache.renderSite(s, in.Content, in.Theme, diags)
		for i := range res.Files {
			res.Files[i] = shipped(res.Files[i], in.Theme, diags)
		}
	}
	res.Timings.Assemble = time.Since(t)

	t = time.Now()
	var idx []search.File
	switch {
	case opts.SkipIndex:
	case in.Config.Output.Search && opts.LaterIndex && opts.Emit == nil:
		// Nothing changes s once Compile returns: a later Compile
		// assembles a new site, and shares with this one only rendered
		// Markdown, which is never written to.
		res.Index = func() []site.File {
			idx, _ := search.BuildIndex(SearchDocs(s), searchOptions(s))
			return siteFiles(idx)
		}
	case in.Config.Output.Search:
		idx, _ = search.BuildIndex(SearchDocs(s), searchOptions(s))
	}
	for _, f := range siteFiles(idx) {
		if opts.Emit != nil {
			opts.Emit(f)
		} else {
			res.Files = append(res.Files, f)
		}
	}
	if opts.Emit == nil {
		sort.SliceStable(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	}
	res.Timings.Index = time.Since(t)
	return s
}

func renderOptions(cfg config.Config) render.Options {
	return render.Options{Unsafe: cfg.Markup.Unsafe, Timeout: cfg.Markup.Timeout}
}

// Render renders every page's Markdown on all cores.
func Render(set *content.Set, r *render.Renderer, diags *diag.List) map[*content.Page]*render.Result {
	results := make([]*render.Result, len(set.Pages))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = site.RenderBody(r, set.Pages[i], set.Pages[i].Body(), diags)
			}
		}()
	}
	for i := range set.Pages {
		next <- i
	}
	close(next)
	wg.Wait()
	out := make(map[*content.Page]*render.Result, len(results))
	for i, res := range results {
		if res != nil {
			out[set.Pages[i]] = res
		}
	}
	return out
}

// siteFiles are the index files as output files.
func siteFiles(idx []search.File) []site.File {
	files := make([]site.File, len(idx))
	for i, f := range idx {
		files[i] = site.File{Path: f.Path, Data: f.Data}
	}
	return files
}

// shipped is the file as it goes out: the search client counts in a first
// query's bytes, so it ships compacted. A client that does not parse is an
// error at its file:line:col in the theme.
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
