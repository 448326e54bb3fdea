package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/handboek/handboek/internal/diag"
)

// flagError is a usage error: a wrong command, flag, flag value or
// argument. It exits with ExitUsage and prints one line, never the whole
// usage (cli/cli's FlagError): the mistake is usually one word, and the
// line says which, and what was likely meant.
type flagError struct{ err error }

func (e flagError) Error() string { return e.err.Error() }

// usageErrorf makes a usage error.
func usageErrorf(format string, args ...any) error {
	return flagError{fmt.Errorf(format, args...)}
}

// flagErrorFunc turns pflag's parse errors into one line; for an unknown
// flag it names the nearest flag the command has.
func flagErrorFunc(c *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var invalid *pflag.InvalidValueError
	switch {
	case errors.As(err, &notExist) && len(notExist.GetSpecifiedShortnames()) == 1:
		return usageErrorf("unknown flag -%s for %s", notExist.GetSpecifiedShortnames(), c.CommandPath())
	case errors.As(err, &notExist) && notExist.GetSpecifiedShortnames() != "":
		return usageErrorf("unknown flag -%c in -%s for %s", notExist.GetSpecifiedName()[0], notExist.GetSpecifiedShortnames(), c.CommandPath())
	case errors.As(err, &notExist):
		name := notExist.GetSpecifiedName()
		if near, ok := nearestFlag(c, name); ok {
			return usageErrorf("unknown flag --%s for %s (did you mean --%s?)", name, c.CommandPath(), near)
		}
		return usageErrorf("unknown flag --%s for %s", name, c.CommandPath())
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		return usageErrorf("--%s: %q is not %s", f.Name, invalid.GetValue(), valueKind(f))
	}
	return flagError{err}
}

// valueKind says what a flag of f's type takes, for the message on a bad
// value (pflag's says "strconv.ParseInt: parsing ...: invalid syntax").
func valueKind(f *pflag.Flag) string {
	switch f.Value.Type() {
	case "int", "int64", "uint":
		return "a whole number"
	case "bool":
		return "true or false"
	case "duration":
		return "a duration such as 20ms or 1s"
	}
	return "a valid " + f.Value.Type()
}

// nearestFlag is the visible flag of c whose name starts with name (the
// shortest such) or is a typo of it.
func nearestFlag(c *cobra.Command, name string) (string, bool) {
	var names []string
	collect := func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	}
	c.Flags().VisitAll(collect)
	c.InheritedFlags().VisitAll(collect)
	names = append(names, "help")
	prefix := ""
	for _, n := range names {
		if len(name) >= 2 && strings.HasPrefix(n, name) && (prefix == "" || len(n) < len(prefix)) {
			prefix = n
		}
	}
	if prefix != "" {
		return prefix, true
	}
	return diag.Nearest(name, names)
}

// unknownCommand is the usage error for `handboek frob`, with the nearest
// command when there is one.
func unknownCommand(root *cobra.Command, name string) error {
	if s := root.SuggestionsFor(name); len(s) > 0 {
		return usageErrorf("unknown command %q (did you mean %q?)", name, s[0])
	}
	var names []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	if near, ok := diag.Nearest(name, names); ok {
		return usageErrorf("unknown command %q (did you mean %q?)", name, near)
	}
	return usageErrorf("unknown command %q", name)
}

// noArgs is cobra.NoArgs, reported as a usage error.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", c.CommandPath(), args)
	}
	return nil
}
