package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/handboek/handboek/internal/archetype"
	"github.com/handboek/handboek/internal/diag"
)

type newOptions struct {
	Source string
}

func newNewCmd(io Streams) *cobra.Command {
	opts := &newOptions{}
	cmd := &cobra.Command{
		Use:   "new dimensie|spaak|praktijk|artikel TITLE",
		Short: "Write a new page from an archetype, with the next free number",
		Long: `Write a new page of the given kind into its section, for example

  handboek new dimensie "Leren van fouten"

writes content/dimensies/leren-van-fouten.md with the next free card number,
and the section's _index.md when the section has none yet. Every required
field holds a prompt starting with "VUL IN" ("FILL IN" on an English site);
the site builds as it is, and handboek check lists the prompts still to
replace. The archetype comes from archetypes/<kind>.md in the site, else
from the theme. An existing file is never overwritten.

handboek new site DIR starts a new handbook, as handboek init DIR does.`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageErrorf("new takes a kind and a title, got %d %s", len(args), plural(len(args), "argument", "arguments"))
			}
			if _, ok := archetype.Kinds[args[0]]; !ok {
				kinds := make([]string, 0, len(archetype.Kinds))
				for k := range archetype.Kinds {
					kinds = append(kinds, k)
				}
				sort.Strings(kinds)
				hint := ""
				if near, ok := diag.Nearest(args[0], append(kinds, "site")); ok {
					hint = fmt.Sprintf("; did you mean %q?", near)
				}
				return usageErrorf("unknown kind %q (one of %s, or site to start a new handbook)%s", args[0], strings.Join(kinds, ", "), hint)
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if err := requireSite(opts.Source); err != nil {
				return err
			}
			res, err := archetype.Create(archetype.Options{Source: opts.Source, Kind: args[0], Title: args[1]})
			if err != nil {
				return err
			}
			if res.Index != "" {
				fmt.Fprintln(io.Out, res.Index)
			}
			fmt.Fprintln(io.Out, res.Page)
			return nil
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", "site folder holding handboek.yaml and content/")
	cmd.AddCommand(newSiteCmd(io))
	return cmd
}
