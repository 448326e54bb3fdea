package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/handboek/handboek/internal/browser"
	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/cards/cardprint"
	"github.com/handboek/handboek/internal/check"
	"github.com/handboek/handboek/internal/diag"
)

type checkOptions struct {
	Source string
	Drafts bool
	Format string
	Cards  bool
	Size   string
	Chrome string
}

func newCheckCmd(io Streams) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Report broken links and anchors, missing alt text and other problems",
		Long: `Check the handbook in SOURCE for everything the build validates, and for
broken internal links and #anchors, images without alt text, related pages
named on one side only, pages nothing leads to, "VUL IN" prompts left from
handboek new, and (with Chromium) card sides whose text does not fit the
printed card. Prints file:line: message per finding (or a JSON array with
--format json) and exits 1 when there is an error or a warning to fix.
Notes (prompts still to write, a sitemap that needs a full baseURL) are
listed but pass.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.Format != "text" && opts.Format != "json" {
				return usageErrorf("--format must be text or json, not %q", opts.Format)
			}
			if _, err := cards.ParseSize(opts.Size); err != nil {
				return usageErrorf("--size: %v", err)
			}
			return runCheck(c.Context(), opts, io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder holding handboek.yaml and content/")
	f.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft")
	f.StringVar(&opts.Format, "format", "text", "output format: text or json")
	f.BoolVar(&opts.Cards, "cards", true, "measure every card side in Chromium (skipped, with a note, without Chromium)")
	f.StringVar(&opts.Size, "size", "a6", "card size to measure against: a6, a5 or poker")
	f.StringVar(&opts.Chrome, "chrome", "", "path to Chromium (default $"+browser.EnvChrome+", then PATH)")
	return cmd
}

// jsonDiag is one problem in --format json, for editors and CI.
type jsonDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func runCheck(ctx context.Context, opts *checkOptions, io Streams) error {
	if err := requireSite(opts.Source); err != nil {
		return err
	}
	fit, stop, err := cardFit(ctx, opts, io)
	if err != nil {
		return err
	}
	defer stop()
	diags := &diag.List{}
	res := build.Compile(build.Options{Source: opts.Source, Drafts: opts.Drafts, Version: Version}, diags)
	if res.Site != nil && res.Content != nil && !diags.HasErrors() {
		check.Run(res, check.Options{CardFit: fit}, diags)
	}
	all := diags.All()
	if opts.Format == "json" {
		out := make([]jsonDiag, 0, len(all))
		for _, d := range all {
			out = append(out, jsonDiag{File: d.Pos.File, Line: d.Pos.Line, Severity: d.Severity.String(), Message: d.Msg})
		}
		enc := json.NewEncoder(io.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		for _, d := range all {
			fmt.Fprintln(io.Out, d.String())
		}
	}
	if n := diags.Problems(); n > 0 {
		fmt.Fprintf(io.Err, "check: %d %s to fix\n", n, plural(n, "problem", "problems"))
		return errSilent
	}
	if opts.Format == "text" {
		notes := ""
		if n := len(all); n > 0 {
			notes = fmt.Sprintf(" (%d %s above)", n, plural(n, "note", "notes"))
		}
		fmt.Fprintf(io.Out, "check: no problems in %d pages%s\n", len(res.Content.Pages), notes)
	}
	return nil
}

// cardFit is the printed-card check: cardprint.Check in a Chromium that starts
// while the site compiles. Without Chromium the check is skipped with a
// note, as it needs a real layout engine.
func cardFit(ctx context.Context, opts *checkOptions, io Streams) (check.Func, func(), error) {
	if !opts.Cards {
		return nil, func() {}, nil
	}
	co := cards.Default()
	size, err := cards.ParseSize(opts.Size)
	if err != nil {
		return nil, nil, flagError{fmt.Errorf("--size: %v", err)}
	}
	co.Size = size
	chrome, err := browser.Find(opts.Chrome)
	if err != nil {
		fmt.Fprintf(io.Err, "check: card sides not measured: %v\n", err)
		return nil, func() {}, nil
	}
	b := startBrowser(ctx, chrome)
	return func(in check.Input, diags *diag.List) {
		tab, err := b.tab()
		if err == nil {
			err = cardprint.Check(tab, in.Result.Site, co, diags)
		}
		if err != nil {
			diags.Errorf(diag.Pos{File: "cards"}, "measuring the cards: %v", err)
		}
	}, b.close, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
