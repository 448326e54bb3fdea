package server

import (
	"context"
	"fmt"
	"io"
	"path"
	"slices"
	"time"

	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/watch"
)

// Watched are the folders of a site whose changes cause a rebuild.
var Watched = []string{"content", "themes", "layouts", "static", "i18n"}

// DevOptions configure the rebuild loop.
type DevOptions struct {
	Source   string
	Drafts   bool
	Version  string
	Debounce time.Duration // 0: watch.Default
	// Log gets one line per rebuild; Err gets the problems of a failed one.
	Log, Err io.Writer
	// OnRebuild, when set, is called after each rebuild is served.
	OnRebuild func(Rebuild)
}

// Dev builds a site, serves it, and rebuilds it when its files change.
type Dev struct {
	*Server
	opts    DevOptions
	cache   *build.Cache
	watcher *watch.Watcher
}

// Rebuild is what one rebuild did.
type Rebuild struct {
	Changed  []string
	Pages    int // pages whose templates ran
	Markdown int // pages whose Markdown was rendered
	Full     bool
	Problems int
	Took     time.Duration
}

// NewDev starts watching and runs the first build. A failed first build is
// not an error: the server shows the problems until they are fixed.
func NewDev(opts DevOptions) (*Dev, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Err == nil {
		opts.Err = io.Discard
	}
	// Watch before building, so a save during the first build is not lost.
	w, err := watch.New(watch.Options{Root: opts.Source, Dirs: Watched, Files: []string{config.FileName}, Debounce: opts.Debounce})
	if err != nil {
		return nil, fmt.Errorf("watching %s: %v", opts.Source, err)
	}
	d := &Dev{Server: New(), opts: opts, cache: build.NewCache(), watcher: w}
	d.Build(nil)
	return d, nil
}

// Run rebuilds after every batch of changes until ctx is done.
func (d *Dev) Run(ctx context.Context) {
	go d.watcher.Run(ctx)
	for {
		select {
		case batch, ok := <-d.watcher.Batches():
			if !ok {
				return
			}
			d.Build(batch)
		case err := <-d.watcher.Errors():
			// Events may have been lost: rebuild everything.
			fmt.Fprintf(d.opts.Err, "watching: %v; rebuilding everything\n", err)
			d.cache.Invalidate()
			d.Build([]string{"(all files)"})
		}
	}
}

// Build rebuilds after changed (nil for the first build), swaps the result
// in and logs one line.
func (d *Dev) Build(changed []string) Rebuild {
	start := time.Now()
	// Content edits are incremental; a template, string, static file or
	// config change invalidates the cache, as every page may look different.
	d.cache.Changed(changed)
	diags := &diag.List{}
	// The page reloads before the search index is made: it takes longer
	// than the rest of a one-page rebuild, and only a search waits for it.
	res := build.Compile(build.Options{Source: d.opts.Source, Drafts: d.opts.Drafts, Version: d.opts.Version, Cache: d.cache, LaterIndex: true}, diags)
	var files map[string][]byte
	if !diags.HasErrors() {
		files = Files(res.Files, diags)
	}
	st := d.cache.Stats()
	rb := Rebuild{Changed: changed, Pages: st.Pages, Markdown: st.Markdown, Full: st.Full}
	what := describe(changed)
	if diags.HasErrors() {
		all := diags.All()
		d.Fail(all)
		rb.Problems = len(all)
		rb.Took = time.Since(start)
		fmt.Fprintf(d.opts.Log, "%s: build failed with %d %s in %d ms (shown in the browser)\n", what, len(all), plural(len(all), "problem", "problems"), rb.Took.Milliseconds())
		for _, p := range all {
			fmt.Fprintln(d.opts.Err, p.String())
		}
		d.done(rb)
		return rb
	}
	d.SetBase(res.Config.BasePath())
	if res.Index != nil {
		d.PublishLater(files, func() map[string][]byte { return Files(res.Index(), &diag.List{}) })
	} else {
		d.Publish(files)
	}
	rb.Took = time.Since(start)
	kind := ""
	if st.Full && changed != nil {
		kind = "full rebuild, "
	}
	fmt.Fprintf(d.opts.Log, "%s: %s%d %s rendered (Markdown of %d) in %d ms\n", what, kind, st.Pages, plural(st.Pages, "page", "pages"), st.Markdown, rb.Took.Milliseconds())
	for _, w := range diags.All() {
		// A note (no sitemap without a full baseURL) says nothing new
		// after the first build.
		if w.Severity == diag.Note && changed != nil {
			continue
		}
		fmt.Fprintln(d.opts.Err, w.String())
	}
	d.done(rb)
	return rb
}

func (d *Dev) done(rb Rebuild) {
	if d.opts.OnRebuild != nil {
		d.opts.OnRebuild(rb)
	}
}

// describe names what changed for the rebuild line. Files with an extension
// come first, so "content/x.md and 1 more" rather than the temporary file an
// editor or sed wrote beside it.
func describe(changed []string) string {
	changed = slices.Clone(changed)
	slices.SortStableFunc(changed, func(a, b string) int {
		ea, eb := path.Ext(a) != "", path.Ext(b) != ""
		switch {
		case ea && !eb:
			return -1
		case eb && !ea:
			return 1
		}
		return 0
	})
	switch len(changed) {
	case 0:
		return "first build"
	case 1:
		return changed[0]
	}
	return fmt.Sprintf("%s and %d more", changed[0], len(changed)-1)
}
