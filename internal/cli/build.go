package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/handboek/handboek/internal/browser"
	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/publish"
)

type buildOptions struct {
	Source      string
	Destination string
	BaseURL     string
	Drafts      bool
	Quiet       bool
	Cards       bool   // also print the card decks into DESTINATION/cards/
	Chrome      string // Chromium for --cards
	ProfileCPU  string // write a CPU profile here (developers; hidden)
	ProfileMem  string // write a heap profile here at the end (developers; hidden)
	SkipIndex   bool   // search's page and box without its index (bench; hidden)
}

func newBuildCmd(io Streams) *cobra.Command {
	opts := &buildOptions{}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the site into the destination folder (default SOURCE/public)",
		Long: `Build the handbook in SOURCE into a static site.

The site is written into a temporary folder beside DESTINATION and swapped in
only when the whole build succeeded: a failed build leaves the previous output
as it was. Of the files in DESTINATION that handboek did not write, dotfiles
(.git), CNAME and those listed under output.keep in handboek.yaml are kept;
any other stops the build. Every problem is reported as file:line: message.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.BaseURL != "" {
				if _, err := config.NormalizeBaseURL(opts.BaseURL); err != nil {
					return usageErrorf("--baseURL: %v", err)
				}
			}
			return runBuild(c, opts, io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder holding handboek.yaml and content/")
	f.StringVarP(&opts.Destination, "destination", "d", "", "output folder (default SOURCE/public)")
	f.StringVarP(&opts.BaseURL, "baseURL", "b", "", "base URL, overriding handboek.yaml (e.g. https://intranet.example/handboek/)")
	f.BoolVarP(&opts.Drafts, "buildDrafts", "D", false, "include pages marked draft")
	f.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft (same as --buildDrafts)")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print nothing but problems")
	f.BoolVar(&opts.Cards, "cards", false, "also print the card decks (PDF) into cards/ and link them; needs Chromium")
	f.StringVar(&opts.Chrome, "chrome", "", "path to Chromium for --cards (default $"+browser.EnvChrome+", then PATH)")
	// Profiles are for developers tuning the build (see go doc ./internal/build),
	// so they stay out of --help, as in Hugo.
	f.StringVar(&opts.ProfileCPU, "profile-cpu", "", "write a CPU profile (pprof) of the build to this file")
	f.StringVar(&opts.ProfileMem, "profile-mem", "", "write a heap profile (pprof) after the build to this file")
	f.BoolVar(&opts.SkipIndex, "skip-index", false, "render search's page and box but build no search index (for handboek bench --instructions)")
	f.MarkHidden("skip-index")
	f.MarkHidden("profile-cpu")
	f.MarkHidden("profile-mem")
	return cmd
}

func runBuild(c *cobra.Command, opts *buildOptions, io Streams) error {
	stop, err := startProfiles(opts.ProfileCPU, opts.ProfileMem)
	if err != nil {
		return err
	}
	defer stop()
	if err := requireSite(opts.Source); err != nil {
		return err
	}
	collectLessWhileSmall()
	start := time.Now()
	dest := opts.Destination
	if dest == "" {
		dest = filepath.Join(opts.Source, "public")
	}
	if err := publish.CheckDestination(opts.Source, dest); err != nil {
		return err
	}
	// output.keep is needed before the build, to refuse now, not after it,
	// a destination holding files that would be lost. A broken
	// handboek.yaml is reported by the build, with everything else.
	var pre diag.List
	keep := config.Load(os.DirFS(opts.Source), &pre).Output.Keep
	if !pre.HasErrors() {
		if err := publish.CheckKept(dest, keep); err != nil {
			return err
		}
	}
	var chromium *pendingBrowser
	if opts.Cards {
		// Without a browser the cards cannot be printed: say so before
		// building. Chromium starts while the site is built.
		chrome, err := browser.Find(opts.Chrome)
		if err != nil {
			return err
		}
		chromium = startBrowser(c.Context(), chrome)
		defer chromium.close()
	}
	// Pages go to disk as they are rendered, into a folder beside dest that
	// replaces it only when the whole build (decks included) succeeded.
	w, err := publish.Begin(c.Context(), dest, publish.Options{Keep: keep, Waiting: func() {
		fmt.Fprintf(io.Err, "waiting for another build into %s to finish\n", dest)
	}})
	if err != nil {
		return fmt.Errorf("writing %s: %v (the previous output is unchanged)", dest, err)
	}
	defer w.Abort() // a no-op after Commit
	diags := &diag.List{}
	bo := build.Options{Source: opts.Source, BaseURL: opts.BaseURL, Drafts: opts.Drafts, Version: Version, Cards: opts.Cards, Emit: w.Write, SkipIndex: opts.SkipIndex}
	// The search index's page text waits on disk, not in memory; without a
	// scratch file it stays in memory, which only costs memory.
	if f, err := w.Scratch(); err == nil {
		bo.Spill = f
	}
	res := build.Compile(bo, diags)
	if err := reportDiags(io, diags, opts.Quiet); err != nil {
		return err
	}
	if opts.Cards && len(res.CardDecks) > 0 {
		decks, err := printDecks(chromium, res, io, opts.Quiet)
		if err != nil {
			return err
		}
		for _, f := range decks {
			w.Write(f)
		}
	}
	stats, err := w.Commit()
	for _, n := range stats.Notes {
		fmt.Fprintf(io.Err, "note: %s\n", n)
	}
	if err != nil {
		return err
	}
	if !opts.Quiet {
		into := dest
		if w.Link() != "" {
			into = fmt.Sprintf("%s (a link to %s)", dest, w.Dest())
		}
		fmt.Fprintf(io.Out, "Built %d pages (%d files, %s) into %s in %d ms\n",
			len(res.Content.Pages), stats.Files, humanBytes(stats.Bytes), into, time.Since(start).Milliseconds())
	}
	return nil
}

// reportDiags prints the diagnostics to stderr (notes only unless quiet) and
// fails when any is an error.
func reportDiags(io Streams, diags *diag.List, quiet bool) error {
	all := diags.All()
	errs := 0
	for _, d := range all {
		if d.Severity == diag.Note && quiet {
			continue
		}
		fmt.Fprintln(io.Err, d.String())
		if d.Severity == diag.Error {
			errs++
		}
	}
	if errs > 0 {
		noun := "problems"
		if errs == 1 {
			noun = "problem"
		}
		fmt.Fprintf(io.Err, "build failed: %d %s; nothing was written\n", errs, noun)
		return errSilent
	}
	return nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
