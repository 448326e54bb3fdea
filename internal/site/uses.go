package site

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/handboek/handboek/internal/config"
)

// What a page's templates read is recorded while they run, as Hugo's
// dependency tracking does, so that the dev server executes again exactly
// the pages an edit can change: no guessing from the template text.
//
// Templates reach other pages only through methods (Page.Parent,
// .Children, .Related, SiteView.Pages, Tag.Pages, the Ctx helpers), never
// through exported fields. When Execution.Uses is set, each worker's
// templates get copies of the pages (views) that carry the worker's
// tracker: every page reached through them is noted as a use of its front
// matter, every body shown as a use of its body, and every list whose order
// or members come from other pages' front matter (a section's order, a
// page's related pages, a tag's pages, the cards) as a use of that list.
// Without Uses the methods return the site's own pages and record nothing.

// Use is one thing an output file was made from.
type Use struct {
	kind byte // one of the use* constants
	key  string
}

const (
	usePage    = 'p' // a page's front matter, by key
	useBody    = 'b' // a page's rendered body, by key
	useOrder   = 'o' // the order of a section's pages (Children, Prev, Next), by the section's key
	useRelated = 'r' // a page's related pages, by key
	useTag     = 't' // a tag's pages, by name
	useCards   = 'c' // the list of every card
)

// tracker records the uses of the job one worker is executing. It is
// never shared between goroutines.
type tracker struct {
	views map[*Page]*Page
	tags  map[*Tag]*Tag
	site  *SiteView
	// frames: the job's, and above it one for each cached part (a shared
	// partial, a navigation) being made.
	frames []*frame
}

// frame is what one job or part read: its own uses, and the parts it
// shows. A part's uses are one slice, held by every page that shows the
// part: a section's navigation reaches each of its pages, and copied into
// every page of the section it would make the record grow as the square
// of the section.
type frame struct {
	own   map[Use]struct{}
	parts [][]Use
}

func newTracker(s *Site) *tracker {
	t := &tracker{views: map[*Page]*Page{}, tags: map[*Tag]*Tag{}}
	t.site = s.newView(t)
	return t
}

func (t *tracker) use(kind byte, key string) {
	if t == nil || len(t.frames) == 0 {
		return
	}
	t.frames[len(t.frames)-1].own[Use{kind, key}] = struct{}{}
}

// push starts recording a job or a cached part of one.
func (t *tracker) push() {
	if t != nil {
		t.frames = append(t.frames, &frame{own: map[Use]struct{}{}})
	}
}

func (t *tracker) pop() *frame {
	top := t.frames[len(t.frames)-1]
	t.frames = t.frames[:len(t.frames)-1]
	return top
}

// popPart ends the recording of a cached part and returns its uses; the
// job that made it, like every job that shows it, replays them.
func (t *tracker) popPart() []Use {
	if t == nil {
		return nil
	}
	f := t.pop()
	uses := make([]Use, 0, len(f.own))
	for u := range f.own {
		uses = append(uses, u)
	}
	for _, p := range f.parts {
		uses = append(uses, p...)
	}
	return uses
}

// popJob ends the recording of a job.
func (t *tracker) popJob() record {
	f := t.pop()
	r := record{own: make([]Use, 0, len(f.own)), parts: f.parts}
	for u := range f.own {
		r.own = append(r.own, u)
	}
	return r
}

// replay records that the job shows a cached part that read uses.
func (t *tracker) replay(uses []Use) {
	if t == nil || len(t.frames) == 0 || len(uses) == 0 {
		return
	}
	top := t.frames[len(t.frames)-1]
	top.parts = append(top.parts, uses)
}

// page is the worker's view of p, its front matter noted as used.
func (t *tracker) page(p *Page) *Page {
	if t == nil || p == nil {
		return p
	}
	p = p.self()
	t.use(usePage, p.Key)
	return viewOf(t.views, p, func(c *Page) { c.trk, c.orig = t, p })
}

// viewOf is the worker's copy of x, made on first use and marked by mark.
func viewOf[T any](views map[*T]*T, x *T, mark func(*T)) *T {
	v := views[x]
	if v == nil {
		c := *x
		mark(&c)
		v = &c
		views[x] = v
	}
	return v
}

func (t *tracker) pages(ps []*Page) []*Page {
	if t == nil {
		return ps
	}
	return mapped(ps, t.page)
}

// tag is the worker's view of x.
func (t *tracker) tag(x *Tag) *Tag {
	if t == nil || x == nil {
		return x
	}
	if x.orig != nil {
		x = x.orig
	}
	return viewOf(t.tags, x, func(c *Tag) { c.trk, c.orig = t, x })
}

func (t *tracker) tagList(tags []*Tag) []*Tag {
	if t == nil {
		return tags
	}
	return mapped(tags, t.tag)
}

// mapped is f of each of xs, in a new slice; nil stays nil, as templates
// may tell them apart.
func mapped[T any](xs []T, f func(T) T) []T {
	if xs == nil {
		return nil
	}
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// self is the site's own page of a view.
func (p *Page) self() *Page {
	if p.orig != nil {
		return p.orig
	}
	return p
}

// Parent is the section the page is in; nil for the home page.
func (p *Page) Parent() *Page { return p.trk.page(p.parent) }

// Children are a section's (or the home page's) sub-sections and pages, in
// order.
func (p *Page) Children() []*Page {
	p.trk.use(useOrder, p.Key)
	return p.trk.pages(p.children)
}

// Prev is the page before this one in its section; nil for the first.
func (p *Page) Prev() *Page {
	p.useOrderOfSection()
	return p.trk.page(p.prev)
}

// Next is the page after this one in its section; nil for the last.
func (p *Page) Next() *Page {
	p.useOrderOfSection()
	return p.trk.page(p.next)
}

func (p *Page) useOrderOfSection() {
	if p.trk != nil && p.parent != nil {
		p.trk.use(useOrder, p.parent.Key)
	}
}

// Related are the pages this one names as related and those that name it,
// dimensions first, then practices, spokes and articles.
func (p *Page) Related() []*Page {
	p.trk.use(useRelated, p.Key)
	return p.trk.pages(p.related)
}

// TagList are the page's tags.
func (p *Page) TagList() []*Tag { return p.trk.tagList(p.tagList) }

// Breadcrumbs are the sections above the page, the home page first.
func (p *Page) Breadcrumbs() []*Page { return p.trk.pages(p.breadcrumbs) }

// Pages are the pages with the tag, by title.
func (t *Tag) Pages() []*Page {
	t.trk.use(useTag, t.Name)
	return t.trk.pages(t.pages)
}

// SiteView is the site as templates see it (.Site): its settings, and its
// pages through methods, so that what a template reads is recorded.
type SiteView struct {
	Config config.Config
	Title  string
	Lang   string
	Menu   []MenuEntry
	s      *Site
	trk    *tracker
}

func (s *Site) newView(t *tracker) *SiteView {
	return &SiteView{Config: s.Config, Title: s.Title, Lang: s.Lang, Menu: s.Menu, s: s, trk: t}
}

// Home is the home page.
func (v *SiteView) Home() *Page { return v.trk.page(v.s.Home) }

// Pages are every page, in content order.
func (v *SiteView) Pages() []*Page { return v.trk.pages(v.s.Pages) }

// Sections are the top-level sections, ordered by weight.
func (v *SiteView) Sections() []*Page { return v.trk.pages(v.s.Sections) }

// Cards are every card, by section then number.
func (v *SiteView) Cards() []*Page {
	v.trk.use(useCards, "")
	return v.trk.pages(v.s.Cards)
}

// Tags are the site's tags, by name.
func (v *SiteView) Tags() []*Tag { return v.trk.tagList(v.s.Tags) }

// Page looks a page up by key ("dimensies/feedback", "" for home).
func (v *SiteView) Page(key string) *Page { return v.trk.page(v.s.byKey[key]) }

// T returns a UI string in the site's language.
func (v *SiteView) T(key string) string { return v.s.T(key) }

// Uses are what each output file's templates read, as recorded by an
// Execution with Uses set.
type Uses struct {
	mu    sync.Mutex
	byOut map[string]record
}

// record is what one output read: its own uses and those of the cached
// parts it shows.
type record struct {
	own   []Use
	parts [][]Use
}

func (u *Uses) set(out string, r record) {
	u.mu.Lock()
	if u.byOut == nil {
		u.byOut = map[string]record{}
	}
	u.byOut[out] = r
	u.mu.Unlock()
}

// Clone is a copy of u that Update does not change u through.
func (u *Uses) Clone() *Uses {
	return &Uses{byOut: maps.Clone(u.byOut)}
}

// Update takes over the records of newer, a run of some of the outputs.
func (u *Uses) Update(newer *Uses) {
	if u.byOut == nil {
		u.byOut = map[string]record{}
	}
	for out, r := range newer.byOut {
		u.byOut[out] = r
	}
}

// Readers are the output files that read any of changed.
func (u *Uses) Readers(changed []Use) map[string]bool {
	// An edit changes a handful of things, and the records hold tens of
	// thousands: comparing with each is faster than hashing each.
	slices.SortFunc(changed, compareUse)
	changed = slices.Compact(changed)
	any := func(uses []Use) bool {
		for _, x := range uses {
			for _, c := range changed {
				if x.kind == c.kind && x.key == c.key {
					return true
				}
			}
		}
		return false
	}
	// A part is shared by many outputs: look at each once.
	parts := map[*Use]bool{}
	outs := map[string]bool{}
	for out, r := range u.byOut {
		hit := any(r.own)
		for _, p := range r.parts {
			if hit {
				break
			}
			h, seen := parts[&p[0]]
			if !seen {
				h = any(p)
				parts[&p[0]] = h
			}
			hit = h
		}
		if hit {
			outs[out] = true
		}
	}
	return outs
}

func compareUse(a, b Use) int {
	if a.kind != b.kind {
		return int(a.kind) - int(b.kind)
	}
	return strings.Compare(a.key, b.key)
}

// BodyEdit is what an edit of the body of the page with this key changes.
func BodyEdit(key string) []Use { return []Use{{useBody, key}} }

// FrontMatterEdit is what an edit of the front matter of the page with
// this key changes, as this site links it: the page; the order of its
// section; the related pages of it and of the pages it is related to; the
// pages of its tags; the list of cards. Ask both the site before the edit
// and the one after. ok is false when the page is not a leaf page of this
// site: a section's front matter is part of every page's navigation.
func (s *Site) FrontMatterEdit(key string) (uses []Use, ok bool) {
	p := s.byKey[key]
	if p == nil || p.IsList() {
		return nil, false
	}
	uses = []Use{{usePage, key}, {useRelated, key}, {useCards, ""}}
	if p.parent != nil {
		uses = append(uses, Use{useOrder, p.parent.Key})
	}
	for _, q := range p.related {
		uses = append(uses, Use{useRelated, q.Key})
	}
	for _, t := range p.tagList {
		uses = append(uses, Use{useTag, t.Name})
	}
	return uses, true
}
