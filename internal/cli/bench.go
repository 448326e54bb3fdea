package cli

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/handboek/handboek/internal/benchsuite"
)

// newBenchCmd is a developer's command (hidden from help): `make bench` runs
// it to print the build table of the README on the machine at hand.
func newBenchCmd(io Streams) *cobra.Command {
	var (
		sizes    string
		runs     int
		hugo     string
		noHugo   bool
		runFloor bool
		instr    bool
		handbook string
	)
	cmd := &cobra.Command{
		Use:    "bench",
		Short:  "Measure full builds on generated handbooks against the floor and Hugo",
		Hidden: true,
		RunE: func(c *cobra.Command, args []string) error {
			if runFloor {
				if len(args) != 2 {
					return flagError{errors.New("--run-floor needs SOURCE and DESTINATION")}
				}
				return benchsuite.Floor(args[0], args[1])
			}
			if err := noArgs(c, args); err != nil {
				return err
			}
			var ns []int
			for _, f := range strings.Split(sizes, ",") {
				n, err := strconv.Atoi(strings.TrimSpace(f))
				if err != nil || n < 1 {
					return flagError{fmt.Errorf("--sizes: %q is not a page count", f)}
				}
				ns = append(ns, n)
			}
			self, err := os.Executable()
			if err != nil {
				return err
			}
			if instr {
				valgrind, err := benchsuite.FindValgrind()
				if err != nil {
					return err
				}
				_, err = benchsuite.SearchCost(c.Context(), benchsuite.CostOptions{Handbook: handbook, Sizes: ns, Runs: runs,
					Self: self, Valgrind: valgrind, Out: io.Out, Log: io.Err})
				return err
			}
			opts := benchsuite.Options{Sizes: ns, Runs: runs, Self: self, Out: io.Out, Log: io.Err}
			if !noHugo {
				if opts.Hugo, err = benchsuite.FindHugo(hugo); err != nil {
					fmt.Fprintf(io.Err, "bench: %v; measuring without Hugo\n", err)
				}
			}
			_, err = benchsuite.Run(c.Context(), opts)
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&sizes, "sizes", "1000,10000", "comma-separated page counts of the generated handbooks")
	f.IntVar(&runs, "runs", 3, "runs per tool and size; the fastest counts")
	f.StringVar(&hugo, "hugo", "", "hugo binary (default: hugo on PATH)")
	f.BoolVar(&noHugo, "no-hugo", false, "leave Hugo out")
	f.BoolVar(&instr, "instructions", false, "count what search adds to a build in instructions (callgrind) instead of timing builds")
	f.StringVar(&handbook, "handbook", "", "with --instructions: also count this site folder as it is")
	f.BoolVar(&runFloor, "run-floor", false, "internal: run the floor on SOURCE DESTINATION")
	f.MarkHidden("run-floor")
	return cmd
}
