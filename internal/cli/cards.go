package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/handboek/handboek/internal/browser"
	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/cards/cardprint"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

type cardsOptions struct {
	Source        string
	Kinds         []string
	Tags          []string
	Only          []string
	QR            bool
	Format        string
	Size          string
	Bleed         string
	Marks         bool
	AllowOverflow bool
	Chrome        string
	Output        string
}

func newCardsCmd(io Streams) *cobra.Command {
	opts := &cardsOptions{}
	cmd := &cobra.Command{
		Use:   "cards",
		Short: "Print the cards to a PDF: a print-shop deck or A4 sheets for an office printer",
		Long: `Print the handbook's cards to PDF with headless Chromium.

  --format deck  one card side per page, front and back alternating, trim size
                 plus bleed, TrimBox and BleedBox set: for a print shop
  --format a4    four cards per A4 sheet with cut marks, backs mirrored for
                 long-edge duplex: for an office printer

Sizes: a6 (105x148 mm), a5 (148x210 mm), poker (63.5x88.9 mm); a4 sheets
take 4 a6 or 9 poker cards. Each side's type is as large as its text allows,
never under 8.5 pt; a back shows the suggestions that fit and says how many
more are online. A card side whose text still does not fit is reported as
file:line and nothing is printed, unless --allow-overflow.

When the site has an absolute baseURL, each back carries a QR code to the
card's page and its short address (--qr=false leaves them out). Choose cards
with --kind, --tag and --only. Chromium is found by --chrome,
$HANDBOEK_CHROME, or on PATH.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runCards(c.Context(), opts, io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder holding handboek.yaml and content/")
	f.StringSliceVar(&opts.Kinds, "kind", nil, "card kinds to print: dimensie,spaak,praktijk (default all)")
	f.StringSliceVar(&opts.Tags, "tag", nil, "print only cards with one of these tags, e.g. veiligheid")
	f.StringSliceVar(&opts.Only, "only", nil, "print only these cards, e.g. dimensies/feedback,spaken/leerbehoeften")
	f.BoolVar(&opts.QR, "qr", true, "put a QR code to the card's page on each back (needs an absolute baseURL)")
	f.StringVar(&opts.Format, "format", cards.FormatDeck, "deck (print shop) or a4 (office printer)")
	f.StringVar(&opts.Size, "size", "a6", "card size: a6, a5 or poker")
	f.StringVar(&opts.Bleed, "bleed", "3mm", "bleed around each card in the deck format")
	f.BoolVar(&opts.Marks, "marks", false, "add crop marks to the deck format")
	f.BoolVar(&opts.AllowOverflow, "allow-overflow", false, "print even when text does not fit on a card")
	f.StringVar(&opts.Chrome, "chrome", "", "path to Chromium (default $"+browser.EnvChrome+", then PATH)")
	f.StringVarP(&opts.Output, "output", "o", "", "PDF file to write (default handboek-kaarten.pdf, or handboek-kaarten-a4.pdf)")
	return cmd
}

// cardOptions turns the flags into cards.Options; any problem is a usage error.
func (o *cardsOptions) cardOptions() (cards.Options, error) {
	co := cards.Default()
	var err error
	if co.Format, err = cards.ParseFormat(o.Format); err != nil {
		return co, flagError{fmt.Errorf("--format: %v", err)}
	}
	if co.Size, err = cards.ParseSize(o.Size); err != nil {
		return co, flagError{fmt.Errorf("--size: %v", err)}
	}
	if co.Bleed, err = cards.ParseLength(o.Bleed); err != nil {
		return co, flagError{fmt.Errorf("--bleed: %v", err)}
	}
	if co.Kinds, err = cards.ParseKinds(o.Kinds); err != nil {
		return co, flagError{fmt.Errorf("--kind: %v", err)}
	}
	co.Tags, co.Only = o.Tags, o.Only
	co.Marks = o.Marks
	co.QR = o.QR
	co.AllowOverflow = o.AllowOverflow
	if err := co.Validate(); err != nil {
		return co, flagError{err}
	}
	return co, nil
}

func runCards(ctx context.Context, opts *cardsOptions, io Streams) error {
	start := time.Now()
	co, err := opts.cardOptions()
	if err != nil {
		return err
	}
	if err := requireSite(opts.Source); err != nil {
		return err
	}
	out := opts.Output
	if out == "" {
		out = "handboek-kaarten.pdf"
		if co.Format == cards.FormatA4 {
			out = "handboek-kaarten-a4.pdf"
		}
	}
	// Look for the browser first: without one nothing else is worth doing.
	chrome, err := browser.Find(opts.Chrome)
	if err != nil {
		return err
	}
	// Chromium takes about a second to start: let it start while the
	// handbook is compiled and laid out.
	b := startBrowser(ctx, chrome)
	defer b.close() // closes Chromium and removes its profile, also on error and Ctrl-C
	diags := &diag.List{}
	res := build.Compile(build.Options{Source: opts.Source}, diags)
	if err := reportDiags(io, diags, true); err != nil {
		return err
	}
	font, err := cards.FindFont(res.Site.Theme())
	if err != nil {
		return err
	}
	chosen, err := cards.Select(res.Site, co)
	var se *cards.SelectError
	if errors.As(err, &se) {
		return flagError{fmt.Errorf("--%s: %v", se.Option, se)}
	}
	if err != nil {
		return err
	}
	if len(chosen) == 0 {
		return fmt.Errorf("no cards to print in %s with %s", opts.Source, co.Selection())
	}
	co.Title = res.Site.Title
	deck := cards.Layout(res.Site, chosen, font, co, diags)
	if err := reportDiags(io, diags, true); err != nil {
		return err
	}
	tab, err := b.tab()
	if err != nil {
		return err
	}
	pdf, over, err := cardprint.Print(tab, deck, io.Err)
	if err := reportOverflow(io.Err, err, over, co.AllowOverflow); err != nil {
		return err
	}
	if err := writeFileAtomic(out, pdf); err != nil {
		return fmt.Errorf("writing %s: %v", out, err)
	}
	fmt.Fprintf(io.Out, "Printed %d cards (%d pages, %s, %s, font %s) into %s in %d ms\n",
		len(chosen), deck.Pages, co.Format, co.Size.Name, font.Name, out, time.Since(start).Milliseconds())
	return nil
}

// reportOverflow prints every card side that does not fit: as the error when
// printing was refused, as warnings when --allow-overflow printed anyway.
func reportOverflow(w io.Writer, err error, over []cardprint.Overflow, allowed bool) error {
	var oe *cardprint.OverflowError
	if errors.As(err, &oe) {
		for _, o := range oe.Overflows {
			fmt.Fprintln(w, o)
		}
		n := fmt.Sprintf("%d card sides do not fit", len(oe.Overflows))
		if len(oe.Overflows) == 1 {
			n = "1 card side does not fit"
		}
		fmt.Fprintf(w, "cards: %s: shorten the text, choose a larger --size, or print anyway with --allow-overflow; nothing was written\n", n)
		return errSilent
	}
	if err != nil {
		return err
	}
	if allowed {
		for _, o := range over {
			fmt.Fprintf(w, "%s: warning: %s (printed anyway)\n", o.Pos(), o.Message())
		}
	}
	return nil
}

// writeFileAtomic writes data beside name and renames it into place, so an
// interrupted run never leaves half a PDF.
func writeFileAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}

// printDecks prints the decks of a `build --cards` in one browser.
func printDecks(b *pendingBrowser, res *build.Result, st Streams, quiet bool) ([]site.File, error) {
	font, err := cards.FindFont(res.Site.Theme())
	if err != nil {
		return nil, err
	}
	tab, err := b.tab()
	if err != nil {
		return nil, err
	}
	var progress io.Writer = st.Err
	if quiet {
		progress = nil
	}
	diags := &diag.List{}
	files, err := cardprint.PrintSite(tab, res.Site, res.CardDecks, font, cards.Default(), progress, diags)
	if derr := reportDiags(st, diags, true); derr != nil {
		return nil, derr
	}
	if err := reportOverflow(st.Err, err, nil, false); err != nil {
		return nil, err
	}
	return files, nil
}

// pendingBrowser is a Chromium being started in the background.
type pendingBrowser struct {
	done   chan struct{}
	ctx    context.Context
	stop   context.CancelFunc
	err    error
	closed bool
}

func startBrowser(ctx context.Context, chrome string) *pendingBrowser {
	b := &pendingBrowser{done: make(chan struct{})}
	go func() {
		defer close(b.done)
		b.ctx, b.stop, b.err = browser.Start(ctx, chrome)
	}()
	return b
}

// tab waits for the browser and returns its tab.
func (b *pendingBrowser) tab() (context.Context, error) {
	<-b.done
	return b.ctx, b.err
}

// close waits for the start to finish and stops the browser.
func (b *pendingBrowser) close() {
	<-b.done
	if b.stop != nil && !b.closed {
		b.closed = true
		b.stop()
	}
}
