package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/handboek/handboek/internal/scaffold"
)

type initOptions struct {
	scaffold.Options
}

func newInitCmd(io Streams) *cobra.Command {
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a new handbook in DIR (default: the current folder)",
		Long: `Write a new handbook site into DIR, which must be empty or new. It builds,
checks and serves at once:

  --template handboek  the complete default handbook (Dutch), to adapt
  --template leeg      a skeleton: the home page, the four sections with an
                       _index.md that says what goes there, and one example
                       page per kind, in Dutch or (--language en) English

Both get a .gitignore and a short guide for the site's authors (LEESMIJ.md,
or README.md in English). With --force, DIR may hold files already: the
ones it lacks are added and no existing file is changed.`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("%s takes one folder, got %d arguments", c.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			return runInit(opts, io)
		},
	}
	addInitFlags(cmd, opts)
	return cmd
}

// newSiteCmd is `handboek new site DIR`, the name Hugo gives init.
func newSiteCmd(io Streams) *cobra.Command {
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "site DIR",
		Short: "Start a new handbook in DIR (the same as handboek init DIR)",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("%s takes one folder, got %d arguments", c.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = args[0]
			return runInit(opts, io)
		},
	}
	addInitFlags(cmd, opts)
	return cmd
}

func addInitFlags(cmd *cobra.Command, opts *initOptions) {
	f := cmd.Flags()
	f.StringVarP(&opts.Template, "template", "t", scaffold.TemplateHandboek, "what to start from: "+strings.Join(scaffold.Templates, " or "))
	f.StringVar(&opts.Title, "title", "", "the handbook's title (default: the template's)")
	f.StringVar(&opts.Language, "language", "nl", "language of the site and of the leeg skeleton: "+strings.Join(scaffold.Languages, " or "))
	f.StringVarP(&opts.BaseURL, "baseURL", "b", "/", "the site's address, such as https://intranet.example/handboek/ (needed for a sitemap)")
	f.BoolVar(&opts.Force, "force", false, "write into a folder that is not empty; existing files are kept")
}

func runInit(opts *initOptions, io Streams) error {
	if err := scaffold.Validate(opts.Options); err != nil {
		return flagError{err}
	}
	res, err := scaffold.Init(opts.Options)
	if errors.Is(err, scaffold.ErrNotEmpty) {
		return err
	}
	if err != nil {
		return fmt.Errorf("writing the new handbook into %s: %v", opts.Dir, err)
	}
	for _, k := range res.Kept {
		fmt.Fprintf(io.Err, "kept %s: it exists already\n", filepath.Join(opts.Dir, filepath.FromSlash(k)))
	}
	fmt.Fprintf(io.Out, "Wrote a new handbook into %s (template %s, %d files).\n\nNext:\n", opts.Dir, opts.Template, len(res.Written))
	if filepath.Clean(opts.Dir) != "." {
		fmt.Fprintf(io.Out, "  cd %s\n", shellWord(opts.Dir))
	}
	title := `"Titel"`
	if opts.Language == "en" {
		title = `"Title"`
	}
	fmt.Fprintf(io.Out, `  handboek serve                   preview at http://127.0.0.1:1313/, reloading on every save
  handboek new dimensie %s    write a new card (or spaak, praktijk, artikel)
  handboek check                   what is left to write, and broken links
  handboek build                   the site in public/, to copy to a web server
%s says more.
`, title, res.Guide)
	return nil
}
