package build

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"strings"
	"sync"

	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/pool"
	"github.com/handboek/handboek/internal/render"
	"github.com/handboek/handboek/internal/site"
	"github.com/handboek/handboek/internal/sitefs"
)

// Cache makes repeated Runs of the same source into a Memory incremental,
// for the dev server. It keeps decoded pages and rendered Markdown keyed by
// the bytes they came from, the parsed theme, and the last good output.
// Each build records what every page's templates read (site.Uses). When a
// rebuild changed only Markdown bodies and the front matter of leaf pages,
// only the edited bodies are rendered again, and only the pages that read
// what changed are executed again; every other file is taken from the last
// build. Anything else (files added or removed, a section's front matter,
// tags, config, theme) executes every page, still reusing the Markdown.
//
// A Cache is for one source and one set of Options; it is not safe for
// concurrent Runs.
type Cache struct {
	pages    *content.Cache
	seed     maphash.Seed
	mu       sync.Mutex
	rendered map[string]renderEntry // by page file
	renderer *render.Renderer
	opts     render.Options
	theme    *site.Theme
	themeKey string
	last     *lastBuild
	stats    Stats
}

// Stats say how much work the last Run did.
type Stats struct {
	Markdown int  // pages whose Markdown was rendered
	Pages    int  // pages whose templates were executed
	Full     bool // every page was executed
}

type renderEntry struct {
	body   []byte
	url    string
	line   int
	result *render.Result
}

type lastBuild struct {
	shape  uint64
	theme  *site.Theme
	bodies map[string][]byte // page file → body; unchanged pages share the bytes, so comparing is cheap
	fronts map[string][]byte // page file → front matter, likewise
	// site is the last build's site: what a page's front matter was part
	// of there (its related pages, its tags) is changed by an edit too, so
	// the pages it no longer links are executed again.
	site  *site.Site
	uses  *site.Uses // what each output read
	files []site.File
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{pages: content.NewCache(), seed: maphash.MakeSeed(), rendered: map[string]renderEntry{}}
}

// Invalidate makes the next Run reload the theme and render every page:
// call it when a template, static file, string table or the config changed.
// Decoded pages and rendered Markdown stay, as they depend only on their bytes.
func (c *Cache) Invalidate() {
	if c == nil {
		return
	}
	c.theme, c.last = nil, nil
	c.pages.Distrust()
}

// Changed tells the cache which files changed since the last Run, as
// paths relative to the source folder. When all are under content/, the
// next Run reads only those files; anything else invalidates the cache.
func (c *Cache) Changed(paths []string) {
	if c == nil {
		return
	}
	var files []string
	for _, p := range paths {
		f, ok := strings.CutPrefix(p, "content/")
		if !ok {
			c.Invalidate()
			return
		}
		files = append(files, f)
	}
	c.pages.Changed(files)
}

// Stats reports the work of the last Run.
func (c *Cache) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	return c.stats
}

func (c *Cache) contentCache() *content.Cache {
	if c == nil {
		return nil
	}
	return c.pages
}

// render renders the Markdown of every page whose body, URL or first line
// changed, and reuses the rest.
func (c *Cache) render(ctx context.Context, set *content.Set, opts render.Options, diags *diag.List) map[*content.Page]*render.Result {
	if c.renderer == nil || c.opts != opts {
		c.renderer, c.opts = render.New(opts), opts
		c.rendered = map[string]renderEntry{}
	}
	out := make(map[*content.Page]*render.Result, len(set.Pages))
	todo := &content.Set{}
	seen := make(map[string]bool, len(set.Pages))
	for _, p := range set.Pages {
		seen[p.File] = true
		e, ok := c.rendered[p.File]
		if ok && e.url == p.URL && e.line == p.BodyLine && bytes.Equal(e.body, p.Body()) {
			out[p] = e.result
			continue
		}
		todo.Pages = append(todo.Pages, p)
	}
	for p, res := range renderAll(ctx, todo, c.renderer, diags) {
		out[p] = res
		c.rendered[p.File] = renderEntry{body: p.Body(), url: p.URL, line: p.BodyLine, result: res}
	}
	for f := range c.rendered {
		if !seen[f] {
			delete(c.rendered, f)
		}
	}
	c.stats = Stats{Markdown: len(todo.Pages)}
	return out
}

// renderAll renders every page's Markdown on the worker pool.
func renderAll(ctx context.Context, set *content.Set, r *render.Renderer, diags *diag.List) map[*content.Page]*render.Result {
	results := make([]*render.Result, len(set.Pages))
	pool.Each(ctx, pool.Workers(), len(set.Pages), func(_, i int) {
		results[i] = site.RenderBody(r, set.Pages[i], set.Pages[i].Body(), diags)
	})
	out := make(map[*content.Page]*render.Result, len(results))
	for i, res := range results {
		if res != nil {
			out[set.Pages[i]] = res
		}
	}
	return out
}

// loadTheme reuses the parsed theme until Invalidate.
func (c *Cache) loadTheme(source string, cfg config.Config, diags *diag.List) *site.Theme {
	if c == nil {
		return site.LoadTheme(sitefs.Layers(source, cfg.Theme), cfg.Language, diags)
	}
	key := cfg.Theme + "\x00" + cfg.Language
	if c.theme == nil || c.themeKey != key {
		var local diag.List
		c.theme = site.LoadTheme(sitefs.Layers(source, cfg.Theme), cfg.Language, &local)
		c.themeKey = key
		diags.Merge(&local)
		if local.HasErrors() {
			defer func() { c.theme = nil }()
			return c.theme
		}
	}
	return c.theme
}

// plan is what one rebuild executes.
type plan struct {
	only   map[string]bool // the outputs to execute; nil: every one
	kept   []site.File     // the last build's files that stay
	shape  uint64
	theme  *site.Theme
	site   *site.Site
	bodies map[string][]byte
	fronts map[string][]byte
	uses   *site.Uses // what the outputs executed now read
}

// plan decides which pages' templates to execute: those a body-only change
// can affect, or every page when anything else changed. nil without a
// cache.
func (c *Cache) plan(s *site.Site, set *content.Set) *plan {
	if c == nil {
		return nil
	}
	pl := &plan{shape: c.shape(s.Config, set, s), theme: s.Theme(), site: s, uses: &site.Uses{},
		bodies: make(map[string][]byte, len(set.Pages)), fronts: make(map[string][]byte, len(set.Pages))}
	for _, p := range set.Pages {
		pl.bodies[p.File] = p.Body()
		pl.fronts[p.File] = p.Source[:p.BodyOffset]
	}
	last := c.last
	if last == nil || last.shape != pl.shape || last.theme != pl.theme {
		c.stats.Pages, c.stats.Full = len(s.Pages)+1, true
		return pl
	}
	outs, ok := c.outputs(last, pl, set, s)
	if !ok {
		c.stats.Pages, c.stats.Full = len(s.Pages)+1, true
		return pl
	}
	pl.only = outs
	for _, f := range last.files {
		if !outs[f.Path] {
			pl.kept = append(pl.kept, f)
		}
	}
	c.stats.Pages = len(outs)
	return pl
}

// outputs are the files an edit since the last build can have changed:
// the edited pages, and the pages that read what the edits changed, as
// the last build recorded (site.Uses); false when any may have.
func (c *Cache) outputs(last *lastBuild, pl *plan, set *content.Set, s *site.Site) (map[string]bool, bool) {
	outs := map[string]bool{}
	var changed []site.Use
	for _, p := range set.Pages {
		bodyEdit := !bytes.Equal(last.bodies[p.File], pl.bodies[p.File])
		frontEdit := !bytes.Equal(last.fronts[p.File], pl.fronts[p.File])
		if !bodyEdit && !frontEdit {
			continue
		}
		outs[strings.TrimPrefix(p.URL, "/")+"index.html"] = true
		if bodyEdit {
			changed = append(changed, site.BodyEdit(p.Key)...)
		}
		if !frontEdit {
			continue
		}
		// A front matter edit (a title, a summary, related pages, tags)
		// changes what the page was part of before the edit and after.
		now, ok := s.FrontMatterEdit(p.Key)
		if !ok {
			return nil, false
		}
		changed = append(changed, now...)
		if key, ok := last.site.KeyOfFile(p.File); ok {
			before, _ := last.site.FrontMatterEdit(key)
			changed = append(changed, before...)
		}
	}
	for o := range last.uses.Readers(changed) {
		outs[o] = true
	}
	return outs, true
}

// done keeps the build as the base of the next one, when it succeeded.
// tpl is what executing the templates reported.
func (c *Cache) done(pl *plan, tpl, diags *diag.List, mem *Memory) {
	if c == nil {
		return
	}
	if tpl.HasErrors() {
		// A broken template is reported when it is parsed; parse it again
		// next time so the error is reported until it is fixed.
		c.theme = nil
	}
	// The last good build stays the base after a failed one, so the save
	// that fixes a typo is incremental again.
	if !diags.HasErrors() {
		uses := pl.uses
		if pl.only != nil {
			// The outputs kept from the last build read what they read then.
			uses = c.last.uses.Clone()
			uses.Update(pl.uses)
		}
		c.last = &lastBuild{shape: pl.shape, theme: pl.theme, bodies: pl.bodies, fronts: pl.fronts, site: pl.site, uses: uses, files: mem.Files()}
	}
}

// shape hashes what the output of every page may depend on: the config,
// every page's file and URL, the front matter of the home and section pages
// (menu, lists), the names of all tags (the footer links the tag index when
// there is one), and the resources. The bodies and the front matter of other
// pages are compared one by one instead: equal shapes mean equal navigation.
func (c *Cache) shape(cfg config.Config, set *content.Set, s *site.Site) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	fmt.Fprintf(&h, "%#v\x00", cfg)
	for _, p := range set.Pages {
		h.WriteString(p.File)
		h.WriteByte(0)
		h.WriteString(p.URL)
		h.WriteByte(0)
		if sp := s.Page(p.Key); sp == nil || sp.IsList() {
			h.Write(p.Source[:p.BodyOffset])
		}
		h.WriteByte(0)
	}
	for _, t := range s.Tags {
		h.WriteString(t.Name)
		h.WriteByte(0)
	}
	// The menu is on every page (a leaf page's kind decides whether the
	// self-scan is in it).
	for _, m := range s.Menu {
		fmt.Fprintf(&h, "%s\x00%s\x00", m.Name, m.URL)
	}
	for _, r := range set.Resources {
		h.WriteString(r.File)
		h.WriteByte(0)
	}
	return h.Sum64()
}
