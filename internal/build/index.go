package build

import (
	"context"
	"sync/atomic"

	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/pool"
	"github.com/handboek/handboek/internal/search"
	"github.com/handboek/handboek/internal/site"
)

// index is the search index of one build, counted as pages are done: a
// page gives its text while its body is at hand (add, as Execution.Done),
// and the pages that did not run (an incremental rebuild, an output that
// clashed, a dev server's index made later) give it when the files are
// made.
type index struct {
	s     *site.Site
	ix    *search.Indexer
	pages []*site.Page
	docOf map[*site.Page]int
	added []atomic.Bool
}

// newIndex starts the site's index; nil when the site has no search, or
// the build makes none (WithoutIndex).
func (b *builder) newIndex(s *site.Site) *index {
	if !s.Config.Output.Search || b.opts.noIndex {
		return nil
	}
	x := &index{s: s, pages: searchPages(s)}
	x.docOf = make(map[*site.Page]int, len(x.pages))
	for i, p := range x.pages {
		x.docOf[p] = i
	}
	x.added = make([]atomic.Bool, len(x.pages))
	x.ix = search.NewIndexer(len(x.pages), searchOptions(s), b.spill())
	return x
}

// spill is where the index keeps the pages' text: the sink's scratch file,
// or memory (nil).
func (b *builder) spill() search.Spill {
	if b.opts.spill != nil {
		return b.opts.spill
	}
	if sc, ok := b.dest.(scratcher); ok {
		// Without a scratch file the text stays in memory, which only
		// costs memory.
		if f, err := sc.Scratch(); err == nil {
			return f
		}
	}
	return nil
}

// add counts page p, when it is searchable.
func (x *index) add(p *site.Page) {
	if i, ok := x.docOf[p]; ok && !x.added[i].Swap(true) {
		x.ix.Add(i, searchDoc(x.s, p))
	}
}

// files counts the pages not counted yet and makes the index's files.
func (x *index) files(ctx context.Context) ([]site.File, error) {
	if err := pool.Each(ctx, pool.Workers(), len(x.pages), func(_, i int) { x.add(x.pages[i]) }); err != nil {
		return nil, err
	}
	idx, _, err := x.ix.Files()
	files := make([]site.File, len(idx))
	for i, f := range idx {
		files[i] = site.File{Path: f.Path, Data: f.Data}
	}
	return files, err
}

// index writes the search index's files into the sink, or leaves them for
// Result.Index.
func (b *builder) index(s *site.Site) {
	x := b.ix
	if x == nil {
		return
	}
	if b.later() {
		// Nothing changes s once Run returns: a later Run assembles a new
		// site, and shares with this one only rendered Markdown, which is
		// never written to.
		b.res.Index = func() []site.File {
			files, _ := x.files(context.Background())
			return files
		}
		return
	}
	files, err := x.files(b.ctx)
	if err != nil {
		if b.ctx.Err() == nil {
			b.diags.Errorf(diag.Pos{File: "search/"}, "%v", err)
		}
		return
	}
	// Hundreds of small files on a large site: writing them one after
	// another, each waiting for the disk, took longer than making them.
	pool.Each(b.ctx, 2*pool.Workers(), len(files), func(_, i int) { b.sink.Write(files[i]) })
}
