// Package cli wires the handboek commands to the pipeline. One file per verb;
// each has an options struct and a run function. Usage is printed only for
// flag errors; everything else is a message on stderr and a named exit code.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // the input has problems, or the work failed
	ExitUsage = 2 // bad flags or arguments
)

// Version is set at link time (-ldflags "-X ...cli.Version=v1.2.3").
var Version = "dev"

// errSilent marks an error whose message has already been printed.
var errSilent = errors.New("")

// Streams are where a command reads and writes, so tests can capture them.
type Streams struct {
	Out, Err io.Writer
}

// Main runs the command line and returns the process exit code.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first Ctrl-C cancels the command, which then cleans up (a build
	// removes its temporary folder, the dev server stops); a second one
	// ends the process at once, as it would without handboek's handler.
	go func() {
		<-ctx.Done()
		stop()
	}()
	return Run(ctx, os.Args[1:], Streams{Out: os.Stdout, Err: os.Stderr})
}

// Run executes args (without the program name).
func Run(ctx context.Context, args []string, io Streams) int {
	root := newRoot(io)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errSilent):
		return ExitError
	}
	var fe flagError
	if errors.As(err, &fe) {
		if cmd == nil {
			cmd = root
		}
		fmt.Fprintf(io.Err, "handboek: %v (see %s --help)\n", fe.err, cmd.CommandPath())
		return ExitUsage
	}
	fmt.Fprintf(io.Err, "handboek: %v\n", err)
	return ExitError
}

func newRoot(io Streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "handboek",
		Short: "Build leadership-learning handbooks into a static site and printable cards",
		Long: `handboek turns a folder of Markdown cards (dimensions, spokes, practices)
and articles into a searchable static site and printable card decks.

Start a handbook with handboek init, preview it with handboek serve.`,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Runnable, so that a word that is no command reaches RunE and
		// becomes a usage error (exit 2) rather than cobra's own message.
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(c, args[0])
			}
			return c.Help()
		},
	}
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetFlagErrorFunc(flagErrorFunc)
	root.AddCommand(newInitCmd(io), newBuildCmd(io), newServeCmd(io), newNewCmd(io), newCheckCmd(io), newBenchCmd(io), newCardsCmd(io))
	// `handboek version`, as `hugo version`, beside --version.
	root.AddCommand(&cobra.Command{Use: "version", Short: "Print the version", Args: noArgs, RunE: func(c *cobra.Command, _ []string) error {
		fmt.Fprintf(io.Out, "handboek version %s\n", Version)
		return nil
	}})
	return root
}
