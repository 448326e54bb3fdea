// Package build runs the pipeline stages in order: config, content, render,
// site. It returns the site's files in memory; writing them is publish's job,
// so the dev server can serve the same result from memory.
package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/render"
	"github.com/handboek/handboek/internal/search"
	"github.com/handboek/handboek/internal/site"
	"github.com/handboek/handboek/themes"
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
}

// Result is a compiled site.
type Result struct {
	Config  config.Config
	Content *content.Set
	Site    *site.Site
	Files   []site.File
	Timings Timings
}

// Timings measure each stage, for the build summary.
type Timings struct {
	Load, Render, Assemble, Index, Total time.Duration
}

// Compile runs every stage and records all problems in diags. The Result is
// complete only when diags has no errors.
func Compile(opts Options, diags *diag.List) *Result {
	start := time.Now()
	res := &Result{}
	root := os.DirFS(opts.Source)
	cfg := config.Load(root, diags)
	if opts.BaseURL != "" {
		if u, err := config.NormalizeBaseURL(opts.BaseURL); err != nil {
			diags.Errorf(diag.Pos{File: "--baseURL"}, "%v", err)
		} else {
			cfg.BaseURL = u
		}
	}
	res.Config = cfg
	// Carry on after config problems: the content may have problems too, and
	// an author wants to hear about all of them at once.
	contentFS, err := fs.Sub(root, "content")
	if err != nil {
		diags.Errorf(diag.Pos{File: "content"}, "%v", err)
		return res
	}
	if st, err := os.Stat(filepath.Join(opts.Source, "content")); err != nil || !st.IsDir() {
		diags.Errorf(diag.Pos{File: "content"}, "no content/ folder in %s", opts.Source)
		return res
	}
	set := content.Load(contentFS, content.Options{Drafts: opts.Drafts}, diags)
	res.Content = set
	res.Timings.Load = time.Since(start)

	t := time.Now()
	rendered := Render(set, render.New(render.Options{Unsafe: cfg.Markup.Unsafe}), diags)
	res.Timings.Render = time.Since(t)

	t = time.Now()
	theme := site.LoadTheme(Layers(opts.Source, cfg.Theme), cfg.Language, diags)
	s := site.Assemble(site.Input{Config: cfg, Content: set, Rendered: rendered, Theme: theme, ContentFS: contentFS, Generator: "handboek " + opts.Version}, diags)
	res.Site = s
	res.Files = s.Render(diags)
	res.Timings.Assemble = time.Since(t)

	t = time.Now()
	res.Files = appendIndex(res.Files, s)
	res.Timings.Index = time.Since(t)
	res.Timings.Total = time.Since(start)
	return res
}

// Render renders every page's Markdown on all cores.
func Render(set *content.Set, r *render.Renderer, diags *diag.List) map[*content.Page]*render.Result {
	results := make([]*render.Result, len(set.Pages))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := set.Pages[i]
				res, err := r.Markdown(p.Body(), render.Page{File: p.File, URL: p.URL, FirstLine: p.BodyLine})
				if err != nil {
					diags.Errorf(diag.Pos{File: p.Path(), Line: p.BodyLine}, "rendering Markdown: %v", err)
					continue
				}
				results[i] = res
			}
		}()
	}
	for i := range set.Pages {
		next <- i
	}
	close(next)
	wg.Wait()
	out := make(map[*content.Page]*render.Result, len(results))
	for i, res := range results {
		if res != nil {
			out[set.Pages[i]] = res
		}
	}
	return out
}

// Layers is the theme lookup order: the site's own layouts/, static/ and
// i18n/ first, then themes/<name>/ in the site, then the built-in default.
func Layers(source, theme string) []site.Layer {
	layers := []site.Layer{{FS: os.DirFS(source), Dir: "."}}
	dir := filepath.Join(source, "themes", theme)
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		layers = append(layers, site.Layer{FS: os.DirFS(dir), Dir: filepath.ToSlash(filepath.Join("themes", theme))})
	}
	if theme == "default" {
		layers = append(layers, site.Layer{FS: themes.Default(), Dir: "(built-in theme default)"})
	}
	return layers
}

// appendIndex adds the search index (search/*.js) to files, keeping them
// sorted by path.
func appendIndex(files []site.File, s *site.Site) []site.File {
	idx, _ := search.BuildIndex(search.Docs(s), search.Default())
	for i, f := range files {
		// The client script counts in a first query's bytes: ship it compacted.
		if f.Path == "js/search.js" && f.From != nil {
			if src, err := fs.ReadFile(f.From, f.FromPath); err == nil {
				files[i] = site.File{Path: f.Path, Data: search.MinifyJS(src)}
			}
		}
	}
	for _, f := range idx {
		files = append(files, site.File{Path: f.Path, Data: f.Data})
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}
