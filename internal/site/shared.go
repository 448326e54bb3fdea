package site

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
)

// partialCached executes a partial once for every group of pages that it
// shows the same to, like Hugo's partialCached, but it finds the groups by
// itself rather than from variant arguments alone.
//
// The partial runs with a SharedCtx: the site and the helpers, not the page.
// What it asks about the page (the links it makes with .Rel, .IsCurrent,
// the menu variant of .MainNav) is recorded with the answers; a later page
// that gets the same answers to the same questions gets the same output,
// which is exact because executing a template is deterministic. A partial
// that reaches for anything else of the page (.Page, .Canonical) fails to
// execute with a SharedCtx: from then on it runs normally, for every page,
// with the page's context. So caching can make a page faster, never wrong.
//
// {{ partialCached "partials/header.html" . }}; more arguments are
// variants, as in Hugo: pages that differ in them never share an output.
func partialCached(name string, data any, variants ...any) (template.HTML, error) {
	var c *Ctx
	switch d := data.(type) {
	case *Ctx:
		c = d
	case *SharedCtx:
		// Inside a shared partial: the outer one records for both.
		return d.execute(name)
	default:
		return "", fmt.Errorf("partialCached %q: the context must be the page's (.), not %T", name, data)
	}
	if c.tpl == nil {
		return "", nil
	}
	key := sharedKey{tpl: c.tpl, name: name, variant: fmt.Sprint(variants...)}
	v, _ := c.site.shared.LoadOrStore(key, &sharedPartial{})
	sp := v.(*sharedPartial)
	if html, uses, ok := sp.lookup(c); ok {
		c.trk.replay(uses)
		return html, nil
	}
	if !sp.isOff() {
		rec := &SharedCtx{Site: c.Site, c: c}
		c.trk.push()
		html, err := rec.execute(name)
		uses := c.trk.popPart()
		if err == nil {
			c.trk.replay(uses)
			sp.insert(rec.asked, html, uses)
			return html, nil
		}
		// It needs the page (or fails anyway): run it as a partial of
		// this page, now and from now on.
		sp.turnOff()
	}
	var buf bytes.Buffer
	if err := c.tpl.ExecuteTemplate(&buf, name, c); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// SharedCtx is what a partial executed by partialCached sees: the site and
// the helpers whose answers are recorded. It has no Page on purpose.
type SharedCtx struct {
	Site  *SiteView
	c     *Ctx
	asked []answered
}

// question is something a shared partial asked about the page.
type question struct {
	kind byte // 'r' Rel, 'c' IsCurrent, 'm' MainNav
	arg  string
}

type answered struct {
	q question
	a string
}

func (q question) answer(c *Ctx) string {
	switch q.kind {
	case 'r':
		return c.Rel(q.arg)
	case 'c':
		if c.IsCurrent(q.arg) {
			return "1"
		}
		return "0"
	}
	return c.mainNavKey()
}

func (s *SharedCtx) ask(q question) string {
	a := q.answer(s.c)
	s.asked = append(s.asked, answered{q, a})
	return a
}

func (s *SharedCtx) execute(name string) (template.HTML, error) {
	var buf bytes.Buffer
	if err := s.c.tpl.ExecuteTemplate(&buf, name, s); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// Rel is Ctx.Rel.
func (s *SharedCtx) Rel(target string) string { return s.ask(question{'r', target}) }

// IsCurrent is Ctx.IsCurrent.
func (s *SharedCtx) IsCurrent(url string) bool { return s.ask(question{'c', url}) == "1" }

// MainNav is Ctx.MainNav.
func (s *SharedCtx) MainNav() (template.HTML, error) {
	s.ask(question{'m', ""})
	return s.c.MainNav()
}

// T is Ctx.T.
func (s *SharedCtx) T(key string) string { return s.c.T(key) }

// KindLabel is Ctx.KindLabel.
func (s *SharedCtx) KindLabel(kind string) string { return s.c.KindLabel(kind) }

// Style is Ctx.Style.
func (s *SharedCtx) Style() template.CSS { return s.c.Style() }

type sharedKey struct {
	tpl           *template.Template // a layout can redefine a block the partial uses
	name, variant string
}

// sharedPartial holds the outputs of one partial as a tree of the questions
// it asked: each node asks one, its children are the answers, and a leaf is
// the output for the pages that answered so.
type sharedPartial struct {
	mu   sync.Mutex
	root *askNode
	off  bool
}

type askNode struct {
	q    question
	next map[string]*askNode
	leaf bool
	html template.HTML
	uses []Use // what making html read (uses.go)
}

func (sp *sharedPartial) lookup(c *Ctx) (template.HTML, []Use, bool) {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	n := sp.root
	for n != nil && !n.leaf {
		n = n.next[n.q.answer(c)]
	}
	if n == nil {
		return "", nil, false
	}
	return n.html, n.uses, true
}

func (sp *sharedPartial) insert(asked []answered, html template.HTML, uses []Use) {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	leaf := &askNode{leaf: true, html: html, uses: uses}
	if sp.root == nil {
		sp.root = chain(asked, leaf)
		return
	}
	n := sp.root
	for i, qa := range asked {
		if n.leaf || n.q != qa.q {
			// Pages with the same answers so far asked different
			// questions: the partial is not deterministic; stop sharing.
			sp.off = true
			return
		}
		child := n.next[qa.a]
		if child == nil {
			n.next[qa.a] = chain(asked[i+1:], leaf)
			return
		}
		n = child
	}
	if !n.leaf {
		sp.off = true
	}
	// Otherwise another worker stored the same output meanwhile.
}

// chain is a path of nodes asking the questions in turn, ending in leaf.
func chain(asked []answered, leaf *askNode) *askNode {
	if len(asked) == 0 {
		return leaf
	}
	return &askNode{q: asked[0].q, next: map[string]*askNode{asked[0].a: chain(asked[1:], leaf)}}
}

func (sp *sharedPartial) isOff() bool {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	return sp.off
}

func (sp *sharedPartial) turnOff() {
	sp.mu.Lock()
	sp.off = true
	sp.mu.Unlock()
}
