package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/handboek/handboek/internal/archetype"
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

writes content/dimensies/leren-van-fouten.md with the next free card number.
Every required field holds a prompt starting with "VUL IN"; the site builds
as it is, and handboek check lists the prompts still to replace. The
archetype comes from archetypes/<kind>.md in the site, else from the theme.
An existing file is never overwritten.`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 2 {
				fmt.Fprintln(c.ErrOrStderr(), c.UsageString())
				return flagError{fmt.Errorf("new takes a kind and a title, got %d arguments", len(args))}
			}
			if _, ok := archetype.Kinds[args[0]]; !ok {
				fmt.Fprintln(c.ErrOrStderr(), c.UsageString())
				return flagError{fmt.Errorf("unknown kind %q (one of dimensie, spaak, praktijk, artikel)", args[0])}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			rel, err := archetype.Create(archetype.Options{Source: opts.Source, Kind: args[0], Title: args[1]})
			if err != nil {
				return err
			}
			fmt.Fprintln(io.Out, rel)
			return nil
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", "site folder holding handboek.yaml and content/")
	return cmd
}
