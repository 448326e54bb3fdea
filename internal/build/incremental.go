package build

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/render"
	"github.com/handboek/handboek/internal/site"
	"github.com/handboek/handboek/internal/sitefs"
)

// Cache makes repeated Compiles of the same source incremental, for the dev
// server. It keeps decoded pages and rendered Markdown keyed by the bytes
// they came from, the parsed theme, and the last good output. When a rebuild
// changed nothing but Markdown bodies, only those pages' Markdown is
// rendered again, and only those pages are executed again (unless the theme
// shows bodies on other pages, see site.Theme.ShowsBodiesElsewhere); every
// other file is taken from the last build. Anything else (front matter, files added or
// removed, config, theme) renders every page, still reusing the Markdown.
//
// A Cache is for one source and one set of Options; it is not safe for
// concurrent Compiles.
type Cache struct {
	pages    *content.Cache
	seed     maphash.Seed
	mu       sync.Mutex
	rendered map[string]renderEntry // by page file
	renderer *render.Renderer
	opts     render.Options
	theme    *site.Theme
	themeKey string
	// wide: the theme may show a page's body on other pages; wideFM: it
	// may show a page's front matter beyond the pages that list or link it.
	wide   bool
	wideFM bool
	last   *lastBuild
	stats  Stats
}

// Stats say how much work the last Compile did.
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
	// site is the last build's site: the outputs that showed a page's
	// front matter there (its FrontMatterOutputs) are executed again when
	// it changes, so an edit also reaches the pages it no longer links (a
	// dropped related page, a removed tag). Asked only for edited pages:
	// for every page it took longer than the rest of a rebuild.
	site  *site.Site
	files []site.File
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{pages: content.NewCache(), seed: maphash.MakeSeed(), rendered: map[string]renderEntry{}}
}

// Invalidate makes the next Compile reload the theme and render every page:
// call it when a template, static file, string table or the config changed.
// Decoded pages and rendered Markdown stay, as they depend only on their bytes.
func (c *Cache) Invalidate() {
	if c == nil {
		return
	}
	c.theme, c.last = nil, nil
	c.pages.Distrust()
}

// Changed tells the cache which files changed since the last Compile, as
// paths relative to the source folder. When all are under content/, the
// next Compile reads only those files; anything else invalidates the cache.
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

// Stats reports the work of the last Compile.
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
func (c *Cache) render(set *content.Set, opts render.Options, diags *diag.List) map[*content.Page]*render.Result {
	if c == nil {
		return Render(set, render.New(opts), diags)
	}
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
	for p, res := range Render(todo, c.renderer, diags) {
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
		c.wide = c.theme.ShowsBodiesElsewhere()
		c.wideFM = c.theme.ShowsPagesElsewhere()
		diags.Merge(&local)
		if local.HasErrors() {
			defer func() { c.theme = nil }()
			return c.theme
		}
	}
	return c.theme
}

// renderSite executes the templates of the pages a body-only change can
// affect, or of every page when anything else changed.
func (c *Cache) renderSite(s *site.Site, set *content.Set, theme *site.Theme, diags *diag.List) []site.File {
	if c == nil {
		return s.Render(diags)
	}
	shape := c.shape(s.Config, set, s)
	bodies := make(map[string][]byte, len(set.Pages))
	fronts := make(map[string][]byte, len(set.Pages))
	for _, p := range set.Pages {
		bodies[p.File] = p.Body()
		fronts[p.File] = p.Source[:p.BodyOffset]
	}
	var files []site.File
	tpl := &diag.List{} // what executing the templates reports
	outs := map[string]bool{}
	last := c.last
	incremental := last != nil && last.shape == shape && last.theme == theme
	if incremental {
		bodyEdits := false
		for _, p := range set.Pages {
			if !bytes.Equal(last.bodies[p.File], bodies[p.File]) {
				outs[strings.TrimPrefix(p.URL, "/")+"index.html"] = true
				bodyEdits = true
			}
			if bytes.Equal(last.fronts[p.File], fronts[p.File]) {
				continue
			}
			// A front matter edit (a title, a summary, related pages, tags)
			// shows on the pages that list or link the page, before and
			// after the edit.
			now, ok := s.FrontMatterOutputs(p.Key)
			if !ok || c.wideFM {
				incremental = false
				break
			}
			if key, ok := last.site.KeyOfFile(p.File); ok {
				before, _ := last.site.FrontMatterOutputs(key)
				now = append(now, before...)
			}
			for _, o := range now {
				outs[o] = true
			}
		}
		// A theme that shows bodies on other pages (a reading time in a
		// list, every card's text on a print page) may show this one
		// anywhere: render everything.
		incremental = incremental && (!bodyEdits || !c.wide)
	}
	if incremental {
		files = last.files
		if len(outs) > 0 {
			files = merge(last.files, s.RenderOnly(outs, tpl))
		}
		c.stats.Pages = len(outs)
	} else {
		files = s.Render(tpl)
		c.stats.Pages, c.stats.Full = len(s.Pages)+1, true
	}
	diags.Merge(tpl)
	if tpl.HasErrors() {
		// A broken template is reported when it is parsed; parse it again
		// next time so the error is reported until it is fixed.
		c.theme = nil
	}
	// The last good build stays the base after a failed one, so the save
	// that fixes a typo is incremental again.
	if !diags.HasErrors() {
		c.last = &lastBuild{shape: shape, theme: theme, bodies: bodies, fronts: fronts, site: s, files: files}
	}
	// A copy: later stages may append to, sort or replace entries of the
	// list (a search index, minified scripts), and the cache keeps its own.
	return slices.Clone(files)
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
	for _, r := range set.Resources {
		h.WriteString(r.File)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// merge returns old with every file of changed replacing the one at its path.
// Both are sorted by path.
func merge(old, changed []site.File) []site.File {
	out := append([]site.File(nil), old...)
	for _, f := range changed {
		i := sort.Search(len(out), func(i int) bool { return out[i].Path >= f.Path })
		if i < len(out) && out[i].Path == f.Path {
			out[i] = f
		}
	}
	return out
}
