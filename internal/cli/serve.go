package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newServeCmd(io Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Serve the site with live reload (not yet available)",
		Args:  noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			fmt.Fprintln(io.Err, "handboek serve is not yet available: run `handboek build` and open public/index.html")
			return errSilent
		},
	}
}
