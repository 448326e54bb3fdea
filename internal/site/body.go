package site

import (
	"html/template"
	"io/fs"
	"sync"

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/render"
)

// A page's body (its rendered Markdown) is made on first use: by the
// page's own job, right before or while its templates run, or by another
// page whose layout shows it (a list with reading times, a page of every
// card). So no build has to know beforehand which layouts show which
// bodies, and a one-shot build can drop a page's HTML once the page is
// written (Execution.Drop): shown again afterwards, it is made again, and
// then kept.

// body is a page's rendered Markdown and how to make it.
type body struct {
	src *bodySource // nil: the body came with Input.Rendered, or there is none

	mu      sync.Mutex
	made    bool // result is the body (nil when rendering failed)
	result  *render.Result
	toc     []render.Heading
	words   int
	counted bool // words is known, also after the HTML is dropped
	started bool // the page's own job has begun
	keep    bool // another page showed it: Drop keeps it
	dropped bool
}

// bodySource renders bodies on demand.
type bodySource struct {
	md    *render.Renderer
	fsys  fs.FS // the content folder, for bodies Load did not keep
	diags *diag.List
	bufs  sync.Pool // *[]byte: file buffers for bodies read again
}

// newBody is the body state of a loaded page: given (rendered, from
// in.Rendered), made on demand (in.Markdown), or none.
func newBody(cp *content.Page, in Input, src *bodySource) *body {
	if r, ok := in.Rendered[cp]; ok || in.Markdown == nil {
		b := &body{made: true}
		b.set(r)
		return b
	}
	if !cp.HasBody() {
		return &body{made: true, counted: true}
	}
	return &body{src: src}
}

func (b *body) set(r *render.Result) {
	b.made, b.result, b.toc = true, r, nil
	if r == nil {
		b.counted = true
		return
	}
	b.words, b.counted = r.Words, true
	for _, h := range r.Headings {
		if h.Level == 2 || h.Level == 3 {
			b.toc = append(b.toc, h)
		}
	}
}

// rendered is a page's body as it was when asked for.
type rendered struct {
	result *render.Result
	toc    []render.Heading
	words  int
}

// get returns the page's body, rendering it first when it has not been.
func (p *Page) get() rendered {
	b := p.body
	if b == nil {
		return rendered{}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.made {
		if !b.started || b.dropped {
			// Shown before its own page, or after its HTML was dropped:
			// other pages show it, and a later one may too.
			b.keep = true
		}
		b.set(b.src.render(p.Source))
	}
	return rendered{b.result, b.toc, b.words}
}

// render renders a loaded page's body; a failure is recorded and gives nil.
func (src *bodySource) render(cp *content.Page) *render.Result {
	buf, _ := src.bufs.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	defer src.bufs.Put(buf)
	text, grown, err := cp.ReadBody(src.fsys, *buf)
	*buf = grown
	if err != nil {
		src.diags.Errorf(diag.Pos{File: cp.Path(), Line: cp.BodyLine}, "%v", err)
		return nil
	}
	return RenderBody(src.md, cp, text, src.diags)
}

// RenderBody renders a loaded page's Markdown body; a failure is recorded at
// the body's first line and gives nil.
func RenderBody(md *render.Renderer, cp *content.Page, text []byte, diags *diag.List) *render.Result {
	res, err := md.Markdown(text, render.Page{File: cp.File, URL: cp.URL, FirstLine: cp.BodyLine})
	if err != nil {
		diags.Errorf(diag.Pos{File: cp.Path(), Line: cp.BodyLine}, "rendering Markdown: %v", err)
		return nil
	}
	return res
}

// start marks that the page's own job has begun: a body made after this is
// the page's own use.
func (p *Page) start() {
	if b := p.body; b != nil {
		b.mu.Lock()
		b.started = true
		b.mu.Unlock()
	}
}

// drop forgets the page's rendered HTML, unless another page showed it;
// the number of words stays.
func (p *Page) drop() {
	b := p.body
	if b == nil || b.src == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.keep || !b.made {
		return
	}
	b.made, b.result, b.toc, b.dropped = false, nil, nil, true
}

// Content is the page's rendered Markdown.
func (p *Page) Content() template.HTML {
	p.trk.use(useBody, p.Key)
	if r := p.get().result; r != nil {
		return template.HTML(r.HTML)
	}
	return ""
}

// TOC lists the page's second- and third-level headings.
func (p *Page) TOC() []render.Heading {
	p.trk.use(useBody, p.Key)
	return p.get().toc
}

// Result is everything rendering the page's Markdown gave: its HTML,
// headings, links and text by section. nil for a page without a body, or
// one that failed to render.
func (p *Page) Result() *render.Result {
	p.trk.use(useBody, p.Key)
	return p.get().result
}

// Words counts the words of the page's body.
func (p *Page) Words() int {
	p.trk.use(useBody, p.Key)
	if b := p.body; b != nil {
		b.mu.Lock()
		counted, words := b.counted, b.words
		b.mu.Unlock()
		if counted {
			return words
		}
	}
	return p.get().words
}

// ReadingMinutes estimates reading time at 200 words a minute, at least 1.
func (p *Page) ReadingMinutes() int { return max(1, (p.Words()+199)/200) }
