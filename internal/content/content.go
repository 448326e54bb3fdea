// Package content loads the Markdown files under content/ into pages and
// validates them against the handbook's schema.
//
// It is pure: an fs.FS goes in, a Set and diagnostics come out. Each problem
// is recorded with its file:line and loading carries on, so one build reports
// every problem. Front matter is decoded strictly: unknown keys are errors.
package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/pool"
	"github.com/handboek/handboek/internal/slug"
	"github.com/handboek/handboek/internal/strictyaml"
)

// Kinds of page. Cards are the kinds that print as a card.
const (
	KindDimensie = "dimensie"
	KindSpaak    = "spaak"
	KindPraktijk = "praktijk"
	KindArtikel  = "artikel"
	KindPagina   = "pagina"
	// KindSection and KindHome are given to _index.md files; authors never write them.
	KindSection = "section"
	KindHome    = "home"
)

// Placeholder starts every prompt that `handboek new` and `handboek init`
// fill a page's fields with ("VUL IN: ..."); English archetypes and
// skeletons use PlaceholderEN. The page builds, and `handboek check` lists
// each prompt left. It is a property of a page's text, so it lives here,
// where both the archetypes and the check read pages.
const (
	Placeholder   = "VUL IN"
	PlaceholderEN = "FILL IN"
)

// PromptIn returns the placeholder that line holds, or "".
func PromptIn(line []byte) string {
	for _, p := range []string{Placeholder, PlaceholderEN} {
		if bytes.Contains(line, []byte(p)) {
			return p
		}
	}
	return ""
}

// IsCard reports whether pages of this kind are printed as cards.
func IsCard(kind string) bool {
	return kind == KindDimensie || kind == KindSpaak || kind == KindPraktijk
}

// Challenge is one challenge on a dimension card.
type Challenge struct {
	Question    string `yaml:"question"`
	Explanation string `yaml:"explanation"`
}

// FrontMatter is the schema of a page's YAML header. Every key an author may
// write is here; any other key is an error.
type FrontMatter struct {
	Title       string      `yaml:"title"`
	Kind        string      `yaml:"kind"`
	Number      int         `yaml:"number"`
	Summary     string      `yaml:"summary"`
	Weight      int         `yaml:"weight"`
	Draft       bool        `yaml:"draft"`
	Slug        string      `yaml:"slug"`
	Tags        []string    `yaml:"tags"`
	Related     []string    `yaml:"related"`
	Challenges  []Challenge `yaml:"challenges"`
	Why         string      `yaml:"why"`
	Not         string      `yaml:"not"`
	Support     string      `yaml:"support"`
	Suggestions []string    `yaml:"suggestions"`
}

// Page is one content file, loaded and validated.
type Page struct {
	FrontMatter
	// File is the path relative to content/, e.g. "dimensies/feedback.md".
	File string
	// Key identifies the page in `related` lists: File without ".md", and the
	// folder for an _index.md ("dimensies", "" for the home page).
	Key string
	// Section is the top folder ("dimensies"), "" for root pages.
	Section string
	// URL is the site path: "/", "/dimensies/", "/dimensies/feedback/".
	URL string
	// Source is the whole file; Body starts at BodyOffset on line BodyLine.
	Source     []byte
	BodyOffset int
	BodyLine   int
	// Meta answers where a front matter key was, for later diagnostics.
	Meta *strictyaml.Doc

	// dropped: Load kept no text (Options.DropBodies); ReadBody reads the
	// file again and checks it against its length and checksum.
	dropped bool
	size    int
	sum     uint32
}

// Pos is the position of the page's first line.
func (p *Page) Pos() diag.Pos { return diag.Pos{File: p.Path(), Line: 1} }

// URLPos is where the page's URL comes from: its slug, or its file name
// (line 1).
func (p *Page) URLPos() diag.Pos {
	if p.Slug != "" && p.Meta != nil {
		return p.Meta.KeyPos("slug")
	}
	return p.Pos()
}

// Path is the page's file as reported in diagnostics: "content/dimensies/feedback.md".
func (p *Page) Path() string { return path.Join("content", p.File) }

// Body is the Markdown after the front matter.
func (p *Page) Body() []byte { return p.Source[p.BodyOffset:] }

// ReleaseSource drops the file's text, for a one-shot build that has
// rendered the Markdown and needs the memory more: Body is empty afterwards.
func (p *Page) ReleaseSource() { p.Source, p.BodyOffset = nil, 0 }

// HasBody reports whether the page came from a file whose body can still
// be had: held in Source, or dropped by Load and read again by ReadBody.
func (p *Page) HasBody() bool { return p.Source != nil || p.dropped }

// ReadBody is the Markdown after the front matter: Body, or, when Load
// dropped the text, the file read again from fsys (the content folder) into
// buf, which it may grow and returns for the next page. The file must still
// hold the bytes whose front matter was decoded.
func (p *Page) ReadBody(fsys fs.FS, buf []byte) (body, scratch []byte, err error) {
	if !p.dropped {
		return p.Body(), buf, nil
	}
	buf, err = readInto(fsys, p.File, buf)
	if err != nil {
		return nil, buf, err
	}
	src := bytes.TrimPrefix(buf, bom)
	if len(src) != p.size || checksum(src) != p.sum {
		return nil, buf, fmt.Errorf("the file changed during the build; build again")
	}
	return src[p.BodyOffset:], buf, nil
}

// readInto reads a whole file into buf, grown when it is too small.
func readInto(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return buf[:0], err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && int(st.Size())+1 > cap(buf) {
		buf = make([]byte, 0, int(st.Size())+512)
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// dropBody keeps only what ReadBody needs to read the body again.
func (p *Page) dropBody() {
	p.size, p.sum, p.dropped = len(p.Source), checksum(p.Source), true
	p.Source = nil
}

func checksum(b []byte) uint32 { return crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)) }

var bom = []byte("\ufeff")

// IsCard reports whether the page prints as a card.
func (p *Page) IsCard() bool { return IsCard(p.Kind) }

// IsList reports whether the page is a section or the home page.
func (p *Page) IsList() bool { return p.Kind == KindSection || p.Kind == KindHome }

// Resource is a non-Markdown file under content/ (an image, a PDF) that is
// published beside the pages at the same relative path.
type Resource struct {
	File string
}

// Set is everything under content/.
type Set struct {
	Pages     []*Page
	Resources []Resource
	ByKey     map[string]*Page
}

// Options control loading.
type Options struct {
	// Drafts includes pages with draft: true.
	Drafts bool
	// Cache, when set, reuses the pages of files whose bytes are unchanged
	// since the last Load with the same Cache (the dev server's rebuilds).
	Cache *Cache
	// DropBodies keeps no file's text once its front matter is decoded: a
	// one-shot build of a large site reads each body again right when it
	// renders it (Page.ReadBody), instead of holding all of them from the
	// start. Not with Cache, which keeps the text to compare.
	DropBodies bool
}

var slugRe = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// badURLChars end or escape a URL's path: a file or folder named with one
// cannot be linked to as it is named.
const badURLChars = "#?%\\"

// Load walks fsys (the content folder) and returns every page, validated.
// Once ctx is done it reads no further file: the set is then incomplete,
// and the caller stops.
func Load(ctx context.Context, fsys fs.FS, opts Options, diags *diag.List) *Set {
	files, resources := walk(fsys, diags)
	set := &Set{ByKey: map[string]*Page{}, Resources: resources}
	pages := readPages(ctx, fsys, files, opts, diags)

	for _, p := range pages {
		if p == nil || p.Draft && !opts.Drafts {
			continue
		}
		set.Pages = append(set.Pages, p)
	}
	// Pages left out: drafts, and files that could not be loaded (their own
	// errors say why; a page that lists one as related is not wrong too).
	left := map[string]string{}
	for i, p := range pages {
		switch {
		case p == nil:
			key, _, _ := placement(files[i])
			left[key] = "broken"
		case p.Draft && !opts.Drafts:
			left[p.Key] = "draft"
		}
	}
	validateSet(set, left, diags)
	opts.Cache.retain(files)
	sort.Slice(set.Pages, func(i, j int) bool { return set.Pages[i].File < set.Pages[j].File })
	return set
}

// Ignored reports whether the loader passes over a file or folder of this
// name: hidden ones, and editors' swap and backup files, are not content.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")
}

// walk lists the content folder: the Markdown files to load as pages, and
// every other file as a resource to copy. Names that would break links,
// and links that lead out of the site, are errors.
func walk(fsys fs.FS, diags *diag.List) (files []string, resources []Resource) {
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(diag.Pos{File: path.Join("content", p)}, "%v", err)
			return nil
		}
		name := d.Name()
		if p != "." && Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// The site's file system lists the links it follows as what
			// they point to: this one leads out of the site, or nowhere.
			diags.Errorf(diag.Pos{File: path.Join("content", p)}, "%s", DescribeLink(fsys, p))
			return nil
		}
		if p != "." && (d.IsDir() || !strings.HasSuffix(name, ".md")) && strings.ContainsAny(name, badURLChars) {
			// A page or file in it would be linked as /a#b/..., which a
			// browser reads as /a plus a fragment.
			what := "file"
			if d.IsDir() {
				what = "folder"
			}
			diags.Errorf(diag.Pos{File: path.Join("content", p)}, "%s name %q has a character that breaks links (%s); rename the %s", what, name, strings.Join(strings.Split(badURLChars, ""), " "), what)
		}
		if d.IsDir() {
			return nil
		}
		if strings.HasSuffix(name, ".md") {
			files = append(files, p)
		} else {
			resources = append(resources, Resource{File: p})
		}
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{File: "content"}, "%v", err)
	}

	return files, resources
}

// readPages reads and decodes files into pages, in their order; a file
// that cannot be loaded is nil (its errors are in diags).
func readPages(ctx context.Context, fsys fs.FS, files []string, opts Options, diags *diag.List) []*Page {
	// Reading and decoding is independent per file; do it on every core.
	pages := make([]*Page, len(files))
	bufs := make([][]byte, pool.Workers())
	pool.Each(ctx, len(bufs), len(files), func(w, i int) {
		if !opts.DropBodies || opts.Cache != nil {
			pages[i] = opts.Cache.load(fsys, files[i], diags)
			return
		}
		// The text is dropped once decoded, so one buffer per worker
		// serves every file: YAML values are copies.
		var err error
		if bufs[w], err = readInto(fsys, files[i], bufs[w]); err != nil {
			diags.Errorf(diag.Pos{File: path.Join("content", files[i])}, "%v", err)
			return
		}
		if pages[i] = parsePage(files[i], bufs[w], diags); pages[i] != nil {
			pages[i].dropBody()
		}
	})
	return pages
}

// DescribeLink says why the symbolic link name in fsys is not followed.
func DescribeLink(fsys fs.FS, name string) string {
	target, err := fs.ReadLink(fsys, name)
	if err != nil {
		target = "?"
	}
	info, err := fs.Stat(fsys, name)
	switch {
	case err == nil && info.IsDir():
		return fmt.Sprintf("a symbolic link to %s, a folder that holds it: handboek does not follow links in circles", target)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("a symbolic link to %s, which does not exist", target)
	}
	return fmt.Sprintf("a symbolic link to %s, outside the site: handboek follows links only to files and folders inside the site", target)
}

// loadPage reads and validates one file; it returns nil when the file cannot
// be used at all.
func loadPage(fsys fs.FS, file string, diags *diag.List) *Page {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		diags.Errorf(diag.Pos{File: path.Join("content", file)}, "%v", err)
		return nil
	}
	return parsePage(file, src, diags)
}

// parsePage decodes and validates one file's bytes.
func parsePage(file string, src []byte, diags *diag.List) *Page {
	pos := diag.Pos{File: path.Join("content", file)}
	if !utf8.Valid(src) {
		line, col := invalidUTF8At(src)
		diags.Errorf(diag.Pos{File: pos.File, Line: line, Col: col}, "file is not valid UTF-8 (save it as UTF-8)")
		return nil
	}
	src = bytes.TrimPrefix(src, bom)
	p := &Page{File: file, Source: src}
	p.Key, p.Section, p.URL = placement(file)

	fm, bodyOffset, bodyLine, ok := splitFrontMatter(src)
	if !ok {
		diags.Errorf(diag.Pos{File: pos.File, Line: 1}, "missing front matter: the file must start with a line '---', YAML, and a closing '---'")
		return nil
	}
	p.BodyOffset, p.BodyLine = bodyOffset, bodyLine
	// Line 1 of the YAML is line 2 of the file, after the opening ---.
	p.Meta = strictyaml.Decode(fm, &p.FrontMatter, pos.File, 1, diags)
	if p.Meta.Invalid {
		return nil
	}
	validatePage(p, diags)
	return p
}

func placement(file string) (key, section, url string) {
	dir, name := path.Split(file)
	dir = strings.TrimSuffix(dir, "/")
	if i := strings.IndexByte(file, '/'); i >= 0 {
		section = file[:i]
	}
	if name == "_index.md" {
		if dir == "" {
			return "", "", "/"
		}
		return dir, section, "/" + dir + "/"
	}
	key = strings.TrimSuffix(file, ".md")
	return key, section, "/" + key + "/"
}

// splitFrontMatter finds a leading "---" block. It returns the YAML, where the
// body starts (byte offset and 1-based line).
func splitFrontMatter(src []byte) (fm []byte, bodyOffset, bodyLine int, ok bool) {
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \r")) != "---" {
		return nil, 0, 0, false
	}
	offset := len(first) + 1
	line := 2
	for len(rest) > 0 {
		l, after, _ := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(l, " \r")) == "---" {
			end := offset + len(l)
			if end < len(src) {
				end++ // the newline after the closing ---
			}
			return src[len(first)+1 : offset], end, line + 1, true
		}
		offset += len(l) + 1
		line++
		rest = after
	}
	return nil, 0, 0, false
}

func invalidUTF8At(src []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

var validKinds = []string{KindDimensie, KindSpaak, KindPraktijk, KindArtikel, KindPagina}

func validatePage(p *Page, diags *diag.List) {
	m := p.Meta
	isIndex := path.Base(p.File) == "_index.md"
	if strings.TrimSpace(p.Title) == "" {
		diags.Errorf(m.KeyPos("title"), "missing required field title")
	}
	if isIndex {
		if p.Kind != "" {
			diags.Errorf(m.KeyPos("kind"), "an _index.md page lists its section and has no kind (found %q)", p.Kind)
		}
		p.Kind = KindSection
		if p.File == "_index.md" {
			p.Kind = KindHome
		}
		return
	}
	switch p.Kind {
	case "":
		diags.Errorf(m.Pos(), "missing required field kind (one of %s)", strings.Join(validKinds, ", "))
		return
	case KindDimensie, KindSpaak, KindPraktijk, KindArtikel, KindPagina:
	default:
		diags.Errorf(m.KeyPos("kind"), "unknown kind %q (one of %s)", p.Kind, strings.Join(validKinds, ", "))
		return
	}
	if p.Slug != "" {
		if !slugRe.MatchString(p.Slug) {
			diags.Errorf(m.KeyPos("slug"), "slug %q may only hold a-z, 0-9 and single dashes", p.Slug)
		} else {
			dir := path.Dir(p.File)
			p.Key = strings.TrimPrefix(path.Join(dir, p.Slug), "./")
			p.URL = "/" + p.Key + "/"
		}
	} else if base := strings.TrimSuffix(path.Base(p.File), ".md"); !slugRe.MatchString(base) {
		diags.Errorf(m.Pos(), "file name %q makes a bad URL: use a-z, 0-9 and dashes, or set slug", path.Base(p.File))
	}
	need := func(ok bool, key string) {
		if !ok {
			diags.Errorf(m.Pos(), "missing required field %s for kind %s", key, p.Kind)
		}
	}
	if p.Kind != KindPagina {
		need(strings.TrimSpace(p.Summary) != "", "summary")
	}
	if p.IsCard() {
		if !m.Has("number") {
			need(false, "number")
		} else if p.Number < 1 {
			diags.Errorf(m.KeyPos("number"), "number must be 1 or more, not %d", p.Number)
		}
		need(len(p.Suggestions) > 0, "suggestions")
	}
	switch p.Kind {
	case KindDimensie:
		need(len(p.Challenges) > 0, "challenges")
		for i, c := range p.Challenges {
			if strings.TrimSpace(c.Question) == "" || strings.TrimSpace(c.Explanation) == "" {
				diags.Errorf(m.ItemPos("challenges", i), "challenge %d needs both question and explanation", i+1)
			}
		}
	case KindPraktijk:
		need(strings.TrimSpace(p.Why) != "", "why")
	case KindSpaak:
		need(strings.TrimSpace(p.Not) != "", "not")
		need(strings.TrimSpace(p.Support) != "", "support")
	}
	for key, set := range map[string]bool{"challenges": len(p.Challenges) > 0, "why": p.Why != "", "not": p.Not != "", "support": p.Support != ""} {
		allowed := key == "challenges" && p.IsCard() || key == "why" && p.Kind == KindPraktijk ||
			(key == "not" || key == "support") && p.Kind == KindSpaak
		if set && !allowed {
			diags.Errorf(m.KeyPos(key), "field %s does not belong on a page of kind %s", key, p.Kind)
		}
	}
	for i, t := range p.Tags {
		t = strings.ToLower(strings.TrimSpace(t))
		switch {
		case t == "":
			diags.Errorf(m.ItemPos("tags", i), "empty tag")
		case slug.Make(t) == "":
			// Its page would be /tags//, the list of tags.
			diags.Errorf(m.ItemPos("tags", i), "tag %q has no letter or digit to make its page's URL from; use letters a-z or digits", t)
		}
		p.Tags[i] = t
	}
}

// NormalizeKey turns the ways authors write a related page ("/spaken/x/",
// "spaken/x.md") into a page key ("spaken/x").
func NormalizeKey(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "content/")
	s = strings.Trim(s, "/")
	s = strings.TrimSuffix(s, ".md")
	s = strings.TrimSuffix(s, "/_index")
	if s == "_index" {
		return ""
	}
	return s
}

// validateSet checks what needs all pages: unique URLs and numbers, and that
// related pages exist. left are the pages that are not in set, and why.
func validateSet(set *Set, left map[string]string, diags *diag.List) {
	byURL := map[string]*Page{}
	type numKey struct {
		section string
		n       int
	}
	byNumber := map[numKey]*Page{}
	// Pages that set slug: are checked last, so a clash is reported on the
	// page whose slug caused it.
	ordered := append([]*Page(nil), set.Pages...)
	sort.SliceStable(ordered, func(i, j int) bool { return ordered[i].Slug == "" && ordered[j].Slug != "" })
	kept := ordered[:0]
	for _, p := range ordered {
		if other, dup := byURL[p.URL]; dup {
			diags.Errorf(p.URLPos(), "slug clash: %s and %s both become %s", p.Path(), other.Path(), p.URL)
			diags.Errorf(other.URLPos(), "slug clash: %s and %s both become %s", other.Path(), p.Path(), p.URL)
			left[p.Key] = "clash"
			continue
		}
		kept = append(kept, p)
		byURL[p.URL] = p
		set.ByKey[p.Key] = p
		if p.IsCard() && p.Number > 0 {
			k := numKey{p.Section, p.Number}
			if other, dup := byNumber[k]; dup {
				diags.Errorf(p.Meta.KeyPos("number"), "number %d is already used by %s in section %q", p.Number, other.Path(), p.Section)
			} else {
				byNumber[k] = p
			}
		}
	}
	set.Pages = kept
	for _, p := range set.Pages {
		for i, r := range p.Related {
			key := NormalizeKey(r)
			p.Related[i] = key
			switch {
			case key == p.Key:
				diags.Errorf(p.Meta.ItemPos("related", i), "related lists the page itself")
			case set.ByKey[key] != nil:
			case left[key] == "draft":
				diags.Errorf(p.Meta.ItemPos("related", i), "related page %q is a draft (build with --drafts, or remove it)", r)
			case left[key] != "":
				// Its own error says what is wrong with it.
			default:
				diags.Errorf(p.Meta.ItemPos("related", i), "related page %q does not exist%s", r, suggest(key, set))
			}
		}
	}
}

// suggest names the closest existing key, because most broken related entries
// are typos or renamed files.
func suggest(key string, set *Set) string {
	keys := make([]string, 0, len(set.ByKey))
	for k := range set.ByKey {
		keys = append(keys, k)
	}
	if best, ok := diag.Nearest(key, keys); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}
