package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/render"
	"github.com/handboek/handboek/internal/search"
	"github.com/handboek/handboek/internal/site"
	"github.com/handboek/handboek/internal/sitefs"
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
	// Cards links the printable card decks from the section pages; the
	// caller prints them (cardprint.PrintSite) into Result.CardDecks' paths.
	Cards bool

	// What benchmarks and tests change, set through functions of their own
	// so that no caller mistakes them for options of a build.
	noIndex bool         // WithoutIndex
	spill   search.Spill // tests: where the index's text waits instead of the sink's scratch file
}

// WithoutIndex returns opts for a build that renders search's page and box
// but makes no index, so the site's search does not work. It is there for
// benchmarks, to count what the index alone costs (handboek build
// --skip-index, which handboek bench --instructions runs).
func WithoutIndex(opts Options) Options {
	opts.noIndex = true
	return opts
}

// Result is a compiled site.
type Result struct {
	Config  config.Config
	Content *content.Set
	Site    *site.Site
	// Files are every output file, sorted by path, when the sink was a
	// Memory.
	Files []site.File
	// CardDecks are the decks to print when Options.Cards is set: section
	// key → site path (cards.DeckPaths).
	CardDecks map[string]string
	// Index makes the search index's files when a Memory with LaterIndex
	// left them out of Files. It uses nothing that a later Run changes, so
	// it may run while the next one does.
	Index func() []site.File
}

// Run builds the site in opts.Source into sink: it loads the config, the
// theme and the content, assembles the site, runs every page's templates on
// the worker pool (each page's Markdown rendered on first use), hands each
// file to sink as it is made and each page's text to the search index, and
// finally writes the index. All problems are recorded in diags; the Result
// is complete only when diags has no errors. When ctx is done, Run stops
// starting work, and returns ctx's error: what the sink got is then part of
// a site, and publish.Writer throws it away.
func Run(ctx context.Context, opts Options, sink Sink, diags *diag.List) (*Result, error) {
	b := &builder{ctx: ctx, opts: opts, dest: sink, diags: diags, res: &Result{}}
	b.mem, _ = sink.(*Memory)
	if b.mem != nil {
		b.cache = b.mem.Cache
	}
	root := sitefs.Open(opts.Source)
	if r, ok := root.(interface{ Close() }); ok {
		// Files read after Run (resources the caller publishes) go
		// through the site's root.
		defer r.Close()
	}
	s := b.load(root)
	if s == nil || ctx.Err() != nil {
		return b.res, ctx.Err()
	}
	b.sink = shipping{sink, s.Theme(), diags}
	if !b.pages(s) {
		return b.res, ctx.Err()
	}
	b.index(s)
	if b.mem != nil {
		b.res.Files = b.mem.Files()
	}
	return b.res, ctx.Err()
}

// Compile is Run into a Memory, without cancelling: Result.Files holds
// every file, and Result.Site every page with its body. For tools that want
// the whole site at hand (handboek check and cards) and for tests.
func Compile(opts Options, diags *diag.List) *Result {
	res, _ := Run(context.Background(), opts, &Memory{}, diags)
	return res
}

// builder is one Run: its steps are methods, in the order they run.
type builder struct {
	ctx   context.Context
	opts  Options
	dest  Sink    // the sink as given
	sink  Sink    // dest, as the build writes to it (shipping)
	mem   *Memory // dest, when it keeps the whole site
	cache *Cache
	diags *diag.List
	res   *Result
	ix    *index
}

// load reads the config, the theme and the content and assembles the site;
// nil when there is nothing to build.
func (b *builder) load(root fs.FS) *site.Site {
	cfg := config.Load(root, b.diags)
	if b.opts.BaseURL != "" {
		if u, err := config.NormalizeBaseURL(b.opts.BaseURL); err != nil {
			b.diags.Errorf(diag.Pos{File: "--baseURL"}, "%v", err)
		} else {
			cfg.BaseURL = u
		}
	}
	b.res.Config = cfg
	// Carry on after config problems: the content may have problems too, and
	// an author wants to hear about all of them at once.
	contentFS, err := fs.Sub(root, "content")
	if err != nil {
		b.diags.Errorf(diag.Pos{File: "content"}, "%v", err)
		return nil
	}
	if st, err := os.Stat(filepath.Join(b.opts.Source, "content")); err != nil || !st.IsDir() {
		b.diags.Errorf(diag.Pos{File: "content"}, "no content/ folder in %s: handboek new makes it with a first page, handboek init --force adds a whole handbook", b.opts.Source)
		return nil
	}
	theme := b.cache.loadTheme(b.opts.Source, cfg, b.diags)
	// A build that keeps nothing reads each page's Markdown again when it
	// renders it, rather than holding every file from the start.
	set := content.Load(b.ctx, contentFS, content.Options{Drafts: b.opts.Drafts, Cache: b.cache.contentCache(), DropBodies: b.mem == nil}, b.diags)
	b.res.Content = set
	if b.ctx.Err() != nil {
		return nil
	}
	if b.opts.Cards {
		b.res.CardDecks = cards.DeckPaths(set)
	}
	in := site.Input{Config: cfg, Content: set, Theme: theme, ContentFS: contentFS, Generator: "handboek " + b.opts.Version, CardDecks: b.res.CardDecks}
	md := renderOptions(cfg)
	if b.cache != nil {
		// The dev server's cache renders what changed and reuses the rest.
		in.Rendered = b.cache.render(b.ctx, set, md, b.diags)
	} else {
		in.Markdown = render.New(md)
	}
	b.res.Site = site.Assemble(in, b.diags)
	return b.res.Site
}

// pages runs the pages' templates into the sink, and gives each page's text
// to the search index as the page is done; false when cancelled.
func (b *builder) pages(s *site.Site) bool {
	b.ix = b.newIndex(s)
	ex := site.Execution{Drop: b.mem == nil}
	if b.ix != nil && !b.later() {
		ex.Done = b.ix.add
	}
	plan := b.cache.plan(s, b.res.Content)
	if plan != nil {
		ex.Uses = plan.uses
		if plan.only != nil {
			ex.Only = plan.only
			b.mem.adopt(plan.kept)
		}
	}
	tpl := &diag.List{} // what executing the templates reports
	err := s.Execute(b.ctx, ex, tpl, b.sink.Write)
	b.diags.Merge(tpl)
	if err != nil {
		return false
	}
	b.cache.done(plan, tpl, b.diags, b.mem)
	return true
}

// later reports whether the index is left for Result.Index.
func (b *builder) later() bool { return b.mem != nil && b.mem.LaterIndex }

func renderOptions(cfg config.Config) render.Options {
	return render.Options{Unsafe: cfg.Markup.Unsafe, Timeout: cfg.Markup.Timeout}
}
