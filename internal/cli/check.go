package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/check"
	"github.com/handboek/handboek/internal/diag"
)

// cardFit is the printed-card overflow check; the cards feature sets it
// (in its own file, with an init func) when it lands. Nil: not checked.
var cardFit check.Func

type checkOptions struct {
	Source string
	Drafts bool
	Format string
}

func newCheckCmd(io Streams) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Report broken links and anchors, missing alt text and other problems",
		Long: `Check the handbook in SOURCE for everything the build validates, and for
broken internal links and #anchors, images without alt text, related pages
named on one side only, pages nothing leads to, and "VUL IN" prompts left
from handboek new. Prints file:line: message per problem (or a JSON array
with --format json) and exits 1 when there is anything to fix.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.Format != "text" && opts.Format != "json" {
				return flagError{fmt.Errorf("--format must be text or json, not %q", opts.Format)}
			}
			return runCheck(opts, io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder holding handboek.yaml and content/")
	f.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft")
	f.StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

// jsonDiag is one problem in --format json, for editors and CI.
type jsonDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func runCheck(opts *checkOptions, io Streams) error {
	diags := &diag.List{}
	res := build.Compile(build.Options{Source: opts.Source, Drafts: opts.Drafts, Version: Version}, diags)
	if res.Site != nil && res.Content != nil && !diags.HasErrors() {
		check.Run(res, check.Options{CardFit: cardFit}, diags)
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
	if len(all) > 0 {
		fmt.Fprintf(io.Err, "check: %d %s to fix\n", len(all), plural(len(all), "problem", "problems"))
		return errSilent
	}
	if opts.Format == "text" {
		fmt.Fprintf(io.Out, "check: no problems in %d pages\n", len(res.Content.Pages))
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
