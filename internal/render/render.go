package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/handboek/handboek/internal/slug"
)

// Options configure a Renderer.
type Options struct {
	// Unsafe passes raw HTML through instead of escaping it.
	Unsafe bool
	// Timeout is how long one page may take (Default: 5 s); 0 is no limit.
	// Markdown that takes longer is pathological (a page of ten thousand
	// nested brackets): that page fails, with ErrTimeout, and the build
	// goes on instead of hanging.
	Timeout time.Duration
}

// DefaultTimeout is a page's render budget: a normal page takes a few
// milliseconds, the largest of a 10,000-page site a few tens, also on a
// loaded two-core machine.
const DefaultTimeout = 5 * time.Second

// ErrTimeout is the error of a page that took longer than Options.Timeout.
var ErrTimeout = errors.New("took too long")

// Renderer is safe for concurrent use: one per build, shared by all workers.
type Renderer struct {
	md      goldmark.Markdown
	timeout time.Duration
	// buffers hold a page's HTML and text while it is made: every page
	// needs a few kilobytes of each, only until its result is copied out.
	buffers *sync.Pool
}

// New builds the goldmark pipeline once.
func New(opts Options) *Renderer {
	var rendererOpts []renderer.Option
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	} else {
		// goldmark's default drops raw HTML silently; an author should see
		// what they typed, so it is escaped instead.
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(escapeRawHTML{}, 100)))
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
				// Dutch quotation marks: „dubbel” and ‘enkel’.
				extension.LeftDoubleQuote:  "&bdquo;",
				extension.RightDoubleQuote: "&rdquo;",
				extension.LeftSingleQuote:  "&lsquo;",
				extension.RightSingleQuote: "&rsquo;",
			})),
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Renderer{md: md, timeout: opts.Timeout, buffers: &sync.Pool{New: func() any { return new(pageBuffers) }}}
}

// Heading is one heading of the body, for the table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link or image destination found in the body. Internal links are
// resolved to site paths ("/dimensies/feedback/#uit-de-praktijk").
type Link struct {
	Dest     string // as written
	SitePath string // resolved site path for internal links, "" for external ones
	Line     int
	Image    bool
	Alt      string
}

// Section is the plain text under one heading ("" ID for text before the first).
type Section struct {
	ID      string
	Heading string
	Text    string
}

// Result is a rendered page.
type Result struct {
	HTML     string
	Headings []Heading
	Links    []Link
	Sections []Section
	Words    int
}

// Page says where the body sits: its file, the line it starts on, and the
// page's URL (links are made relative to it).
type Page struct {
	File      string // content-relative path, "dimensies/feedback.md"
	URL       string // "/dimensies/feedback/"
	FirstLine int    // file line of the body's first line
}

// pageBuffers are what Markdown needs while it renders one page.
type pageBuffers struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

// Markdown renders body. body is not kept: the caller may reuse it. A page
// that takes longer than the Renderer's timeout gives ErrTimeout.
func (r *Renderer) Markdown(body []byte, pg Page) (*Result, error) {
	if r.timeout <= 0 {
		return r.markdown(body, pg)
	}
	// goldmark cannot be stopped half-way: a page over its budget is left
	// to finish on its own (with its own copy of the body, which the
	// caller reuses) while the build goes on without it.
	type result struct {
		res *Result
		err error
	}
	done := make(chan result, 1)
	own := bytes.Clone(body)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- result{err: fmt.Errorf("goldmark failed: %v", v)}
			}
		}()
		res, err := r.markdown(own, pg)
		done <- result{res, err}
	}()
	timer := time.NewTimer(r.timeout)
	defer timer.Stop()
	select {
	case d := <-done:
		return d.res, d.err
	case <-timer.C:
		return nil, fmt.Errorf("%w (over %v): the page's Markdown is pathological; split it, or simplify what is nested deeply or repeated", ErrTimeout, r.timeout)
	}
}

func (r *Renderer) markdown(body []byte, pg Page) (*Result, error) {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	res := &Result{}
	lines := newLineIndex(body, pg.FirstLine)
	pb := r.buffers.Get().(*pageBuffers)
	defer r.buffers.Put(pb)
	buf := &pb.buf
	buf.Reset()
	collect(doc, body, pg, lines, res, buf)
	buf.Reset()
	// goldmark wraps any writer that is not buffered in a new 4 KB
	// bufio.Writer per page; this one is reused.
	if pb.w == nil {
		pb.w = bufio.NewWriter(buf)
	}
	pb.w.Reset(buf)
	if err := r.md.Renderer().Render(pb.w, body, doc); err != nil {
		return nil, err
	}
	if err := pb.w.Flush(); err != nil {
		return nil, err
	}
	// The one copy of the page's HTML, at its exact size; the buffer goes
	// back to the pool, grown to fit pages like this one.
	res.HTML = buf.String()
	return res, nil
}

// collect walks the AST once: it rewrites internal links and gathers headings,
// links and text.
func collect(doc ast.Node, src []byte, pg Page, lines lineIndex, res *Result, text *bytes.Buffer) {
	cur := Section{}
	flush := func() {
		var words int
		cur.Text, words = squeeze(text.Bytes())
		res.Words += words
		if cur.Text != "" || cur.ID != "" {
			res.Sections = append(res.Sections, cur)
		}
		text.Reset()
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Kind() == ast.KindParagraph || n.Kind() == ast.KindListItem || n.Kind() == east.KindTableCell {
				text.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			flush()
			id, _ := n.AttributeString("id")
			idStr := ""
			if b, ok := id.([]byte); ok {
				idStr = string(b)
			}
			title := plainText(n, src)
			_, words := squeeze([]byte(title))
			res.Words += words
			res.Headings = append(res.Headings, Heading{Level: n.Level, ID: idStr, Text: title})
			cur = Section{ID: idStr, Heading: title}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			l := Link{Dest: string(n.Destination), Line: lines.of(n)}
			n.Destination = []byte(rewrite(&l, pg))
			res.Links = append(res.Links, l)
		case *ast.Image:
			l := Link{Dest: string(n.Destination), Line: lines.of(n), Image: true, Alt: plainText(n, src)}
			n.Destination = []byte(rewrite(&l, pg))
			res.Links = append(res.Links, l)
		case *ast.AutoLink:
			res.Links = append(res.Links, Link{Dest: string(n.URL(src)), Line: lines.of(n)})
		case *ast.Text:
			text.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				text.WriteByte(' ')
			}
		case *ast.String:
			text.Write(n.Value)
		case *ast.CodeSpan:
			text.WriteString(plainText(n, src))
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			l := n.Lines()
			for i := 0; i < l.Len(); i++ {
				seg := l.At(i)
				text.Write(seg.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	flush()
}

// squeeze is strings.Join(strings.Fields(b), " ") and the number of fields,
// in one pass and one allocation: it sees every word of every page, so it
// copies whole words and decodes only the bytes that are not ASCII.
func squeeze(b []byte) (string, int) {
	var out strings.Builder
	out.Grow(len(b))
	words := 0
	for i := 0; i < len(b); {
		i = skip(b, i, true)
		if i == len(b) {
			break
		}
		start := i
		i = skip(b, i, false)
		if words > 0 {
			out.WriteByte(' ')
		}
		out.Write(b[start:i])
		words++
	}
	return out.String(), words
}

// skip returns the index of the first rune at or after i that is not (space
// true) or is (space false) white space.
func skip(b []byte, i int, space bool) int {
	for i < len(b) {
		if c := b[i]; c < utf8.RuneSelf {
			if asciiSpace[c] != space {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if unicode.IsSpace(r) != space {
			return i
		}
		i += size
	}
	return i
}

// asciiSpace is unicode.IsSpace for ASCII.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// rewrite resolves an internal destination to a site path, records it in l,
// and returns the destination relative to the page.
func rewrite(l *Link, pg Page) string {
	dest := l.Dest
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return dest // external, mailto:, or unparsable: left alone
	}
	if u.Path == "" {
		if u.Fragment != "" {
			l.SitePath = pg.URL + "#" + u.Fragment
		}
		return dest // "#anchor" on the same page
	}
	var site string
	switch {
	case strings.HasPrefix(u.Path, "/"):
		site = u.Path
	default:
		// Relative to the Markdown file's folder, as editors preview it.
		site = path.Join("/", path.Dir(pg.File), u.Path)
		if strings.HasSuffix(u.Path, "/") {
			site += "/"
		}
	}
	if strings.HasSuffix(site, ".md") {
		site = strings.TrimSuffix(site, ".md")
		site = strings.TrimSuffix(site, "/_index")
		site = strings.TrimSuffix(site, "_index")
		if !strings.HasSuffix(site, "/") {
			site += "/"
		}
	}
	l.SitePath = site
	if u.Fragment != "" {
		l.SitePath += "#" + u.Fragment
	}
	rel := Rel(pg.URL, site)
	if u.RawQuery != "" {
		rel += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		rel += "#" + u.Fragment
	}
	return rel
}

// Rel returns the relative URL from the page at site path from to the site
// path to. Both are absolute site paths; directory pages end in "/".
//
// Every link of every page goes through here (menus, lists, navigation), so
// it walks both paths in place and allocates only the result.
func Rel(from, to string) string {
	ups, common := RelShape(from, to)
	to = strings.TrimPrefix(to, "/")
	if ups == 0 && common == len(to) {
		return "./"
	}
	var b strings.Builder
	b.Grow(3*ups + len(to) - common)
	for range ups {
		b.WriteString("../")
	}
	b.WriteString(to[common:])
	return b.String()
}

// RelShape says what Rel(from, to) is made of: ups times "../", then to
// (without its leading slash) from byte common on. Two targets with the same
// shape from two pages get the same relative URL, which lets shared parts of
// pages be rendered once.
func RelShape(from, to string) (ups, common int) {
	fromDir := strings.TrimPrefix(from[:strings.LastIndexByte(from, '/')+1], "/")
	to = strings.TrimPrefix(to, "/")
	// Skip the folders both paths start with; the last part of to (after
	// its last slash) is never a folder.
	lastSlash := strings.LastIndexByte(to, '/')
	for common < len(fromDir) {
		end := strings.IndexByte(fromDir[common:], '/')
		seg := fromDir[common : common+end+1] // with its slash
		if common+len(seg) > lastSlash+1 || to[common:common+len(seg)] != seg {
			break
		}
		common += len(seg)
	}
	return strings.Count(fromDir[common:], "/"), common
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(html.UnescapeString(string(c.Value)))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// lineIndex maps byte offsets of the body to file lines.
type lineIndex struct {
	starts []int
	first  int
}

func newLineIndex(src []byte, first int) lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{starts: starts, first: first}
}

// of returns the file line of an inline or block node: inline nodes carry no
// position, so the first text segment below them is used.
func (li lineIndex) of(n ast.Node) int {
	off := -1
	for c := n; c != nil && off < 0; {
		if t, ok := c.(*ast.Text); ok {
			off = t.Segment.Start
			break
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			off = c.Lines().At(0).Start
			break
		}
		if c.FirstChild() != nil {
			c = c.FirstChild()
		} else {
			c = c.Parent()
			if c == nil || c.Type() == ast.TypeDocument {
				break
			}
			// Walk up to the enclosing block, whose lines we know.
			for c != nil && c.Type() != ast.TypeBlock {
				c = c.Parent()
			}
			if c != nil && c.Lines().Len() > 0 {
				off = c.Lines().At(0).Start
			}
			break
		}
	}
	if off < 0 {
		return li.first
	}
	lo, hi := 0, len(li.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return li.first + lo
}

// ids makes heading anchors from the folded heading text, so "Één stap" gets
// "een-stap", and keeps them unique within the page: the second "stap" is
// "stap-1". next remembers, per base, the number to try first, so n
// headings with one text cost n lookups, not n²/2 (5,000 took 10 s).
type ids struct {
	used map[string]bool
	next map[string]int
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(html.UnescapeString(string(value)))
	if base == "" {
		base = "sectie"
	}
	id := base
	if s.used[id] {
		i := max(1, s.next[base])
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// escapeRawHTML renders raw HTML as visible, escaped text.
type escapeRawHTML struct{}

func (escapeRawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				seg := segs.At(i)
				_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*ast.HTMLBlock)
		_, _ = w.WriteString("<p>")
		l := b.Lines()
		for i := 0; i < l.Len(); i++ {
			seg := l.At(i)
			_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
		}
		if b.HasClosure() {
			_, _ = w.WriteString(html.EscapeString(string(b.ClosureLine.Value(src))))
		}
		_, _ = w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
}
