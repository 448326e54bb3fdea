package site

import (
	"bytes"
	"context"
	"html/template"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/pool"
)

// job is one page to render with its layout candidates.
type job struct {
	out        string
	layouts    []string
	page       *Page
	tag        *Tag
	absolute   bool // links absolute to the base path (404.html is served at any URL)
	sourceFile string
	from       origin
}

// Execution says which pages Execute runs, and what becomes of a page
// once its file is made.
type Execution struct {
	// Only, when set, runs just the pages whose output path is in it and
	// leaves out the other files (sitemap.xml, robots.txt, theme and
	// content files). The dev server runs again only what an edit can
	// change and keeps every other file of the last build: it does so only
	// while the site's URLs and config stay the same, and with them the
	// other files.
	Only map[string]bool
	// Done, when set, gets every page of the site once its file is
	// emitted, with its body at hand: the search index takes its text
	// there. A page that was not executed (its output clashed with
	// another's) gets it too; with Only, just the pages that ran. It is
	// called from several goroutines at once.
	Done func(*Page)
	// Drop forgets each page's rendered HTML after Done: a one-shot build
	// of a large site never holds every page's HTML. A page shown on
	// another page after that is rendered again (body.go).
	Drop bool
	// Uses, when set, gets what each executed page's templates read
	// (uses.go): the dev server runs again only the pages that read what
	// an edit changed.
	Uses *Uses
}

// Execute runs the templates of the site's pages on the worker pool and
// hands each file to emit as soon as it is made, then the other files.
// emit is called from several goroutines at once, and must be done with a
// file's bytes when it returns: a page's bytes are its worker's buffer,
// reused for the next page. When two sources make the same path, the first
// wins (pages in content order, then sitemap and robots, theme files, page
// resources) and the clash is reported. Once ctx is done no further page
// starts, and Execute returns ctx.Err().
func (s *Site) Execute(ctx context.Context, ex Execution, diags *diag.List, emit func(File)) error {
	jobs := s.jobs()
	if ex.Only != nil {
		var keep []job
		for _, j := range jobs {
			if ex.Only[j.out] {
				keep = append(keep, j)
			}
		}
		jobs = keep
	}
	// Claim output paths in a fixed order before anything runs in parallel:
	// two sources of one path are an error, at both.
	claims := newClaims(len(jobs), diags)
	// Parse templates up front, single-threaded: the cache is not locked.
	tpls := make([]*template.Template, len(jobs))
	names := make([]string, len(jobs))
	for i, j := range jobs {
		if claims.claim(j.out, j.from) {
			tpls[i], names[i] = s.theme.Template(j.layouts, diags)
		}
	}
	order := dispatchOrder(jobs, tpls)
	ran := make(map[*Page]bool, len(order))
	for _, i := range order {
		ran[jobs[i].page] = true
	}
	bufs := make([]bytes.Buffer, pool.Workers())
	trackers := make([]*tracker, len(bufs))
	err := pool.Each(ctx, len(bufs), len(order), func(w, k int) {
		j := jobs[order[k]]
		if ex.Uses != nil && trackers[w] == nil {
			trackers[w] = newTracker(s)
		}
		trk := trackers[w]
		j.page.start()
		trk.push()
		s.execute(j, tpls[order[k]], names[order[k]], trk, &bufs[w], diags, emit)
		if trk != nil {
			ex.Uses.set(j.out, trk.popJob())
		}
		s.finish(j.page, ex)
	})
	if err != nil {
		return err
	}
	if ex.Only != nil {
		return nil
	}
	for _, p := range s.Pages {
		if !ran[p] {
			// Its output clashed, or it has no layout: its text is still
			// searchable, and its Markdown's problems are still reported.
			s.finish(p, ex)
		}
	}
	s.emitOtherFiles(claims, diags, emit)
	return ctx.Err()
}

// finish makes sure a content page's body was rendered (its layout may not
// show it), hands the page to Done and drops its HTML when asked to.
func (s *Site) finish(p *Page, ex Execution) {
	if p.Source == nil || p.Source.File == "" {
		return
	}
	p.get()
	if ex.Done != nil {
		ex.Done(p)
	}
	if ex.Drop {
		p.drop()
	}
}

// Render executes every page and returns the output files sorted by path,
// so the result is byte-identical each time. Tests and benchmarks use it;
// a build runs Execute with a sink.
func (s *Site) Render(diags *diag.List) []File {
	var (
		mu  sync.Mutex
		out []File
	)
	s.Execute(context.Background(), Execution{}, diags, func(f File) {
		f.Data = bytes.Clone(f.Data)
		mu.Lock()
		out = append(out, f)
		mu.Unlock()
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// jobs lists every page to render, with its layout candidates.
func (s *Site) jobs() []job {
	var jobs []job
	for _, p := range append([]*Page{s.Home}, s.Pages...) {
		if p == s.Home && len(jobs) > 0 {
			continue
		}
		jobs = append(jobs, job{out: outPath(p.URL), layouts: layoutsFor(p), page: p, sourceFile: sourceOf(p), from: pageOrigin(p)})
	}
	if s.Config.Output.Tags && len(s.Tags) > 0 {
		jobs = append(jobs, job{out: "tags/index.html", layouts: []string{"_default/terms.html"}, page: s.virtual(s.T("tags"), "/tags/"),
			from: virtualOrigin("the list of tags (output.tags in handboek.yaml)")})
		for _, t := range s.Tags {
			jobs = append(jobs, job{out: outPath(t.URL), layouts: []string{"_default/term.html"}, page: s.virtual(t.Name, t.URL), tag: t, from: t.from})
		}
	}
	jobs = append(jobs, s.zelfscanJobs()...)
	// The search page, when the theme has one (the default theme does).
	if _, _, ok := s.theme.find("layouts/zoeken.html"); ok && s.Config.Output.Search {
		jobs = append(jobs, job{out: "zoeken/index.html", layouts: []string{"zoeken.html"}, page: s.virtual(s.T("searchTitle"), "/zoeken/"),
			from: virtualOrigin("the search page (output.search in handboek.yaml)")})
	}
	jobs = append(jobs, job{out: "404.html", layouts: []string{"404.html"}, page: s.virtual(s.T("notFoundTitle"), "/404.html"), absolute: true,
		from: virtualOrigin("the not-found page")})
	return jobs
}

// execute runs page job j's template into buf and emits the page, or
// records the template's error at the page's source. emit must be done
// with buf's bytes when it returns.
func (s *Site) execute(j job, tpl *template.Template, name string, trk *tracker, buf *bytes.Buffer, diags *diag.List, emit func(File)) {
	buf.Reset()
	view := s.view
	if trk != nil {
		view = trk.site
	}
	ctx := &Ctx{Site: view, Page: trk.page(j.page), Tag: trk.tag(j.tag), site: s, trk: trk, absolute: j.absolute, tpl: tpl}
	if err := tpl.ExecuteTemplate(buf, "baseof.html", ctx); err != nil {
		file := j.sourceFile
		if file == "" {
			file = j.out
		}
		_, display, _ := s.theme.find("layouts/" + name)
		pos, msg := templateErrorPos(err, name, display)
		diags.Errorf(diag.Pos{File: file}, "template %s: %s", pos, msg)
		return
	}
	emit(File{Path: j.out, Data: buf.Bytes()})
}

// emitOtherFiles emits the files besides the pages, each path claimed
// after the pages': the extras (sitemap and the like), the theme's static
// files and the content's resources, copied as they are.
func (s *Site) emitOtherFiles(claims *claims, diags *diag.List, emit func(File)) {
	for _, f := range s.extras(diags) {
		what := "the generated " + f.Path + " (output." + strings.TrimSuffix(path.Base(f.Path), path.Ext(f.Path)) + " in handboek.yaml)"
		if claims.claim(f.Path, virtualOrigin(what)) {
			emit(f)
		}
	}
	for _, st := range s.theme.Static {
		if st.Path == SearchClient && !s.Config.Output.Search {
			continue
		}
		if claims.claim(st.Path, fileOrigin(path.Join(st.Dir, st.FSRel))) {
			emit(File{Path: st.Path, From: st.FS, FromPath: st.FSRel})
		}
	}
	for _, r := range s.in.Content.Resources {
		if claims.claim(r.File, fileOrigin(path.Join("content", r.File))) {
			emit(File{Path: r.File, From: s.in.ContentFS, FromPath: r.File})
		}
	}
}

// dispatchOrder lists the jobs that have a template, the pages that list
// other pages (home, sections, tags, the zelfscan) first: on a large site
// each takes as long as a hundred cards, and one of them last would leave
// the other cores idle at the end. Which output wins a clash was settled
// before, in the jobs' own order.
func dispatchOrder(jobs []job, tpls []*template.Template) []int {
	order := make([]int, 0, len(jobs))
	for pass := range 2 {
		for i, j := range jobs {
			lists := j.page.IsList() || j.page.Source == nil || j.page.Source.File == ""
			if tpls[i] != nil && lists == (pass == 0) {
				order = append(order, i)
			}
		}
	}
	return order
}
