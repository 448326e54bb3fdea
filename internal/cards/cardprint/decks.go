package cardprint

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

// PrintSite prints the decks of cards.DeckPaths in one browser tab and returns them
// as site files for publishing. The section decks are measured first; when
// any card side overflows (and opts.AllowOverflow is off) the result is an
// *OverflowError listing every such side once, from all sections.
func PrintSite(tab context.Context, s *site.Site, decks map[string]string, font *cards.Font, opts cards.Options, progress io.Writer, diags *diag.List) ([]site.File, error) {
	keys := make([]string, 0, len(decks))
	for k := range decks {
		keys = append(keys, k)
	}
	// Section decks first, the one with all cards last.
	sort.Slice(keys, func(i, j int) bool { return keys[i] != "" && (keys[j] == "" || keys[i] < keys[j]) })
	var files []site.File
	var over []Overflow
	for _, key := range keys {
		if key == "" && len(over) > 0 {
			break // the deck of all cards holds the same overflows again
		}
		var chosen []*site.Page
		for _, c := range s.Cards {
			if key == "" || c.Section == key {
				chosen = append(chosen, c)
			}
		}
		o := opts
		o.Title = s.Title
		if sec := s.Page(key); key != "" && sec != nil {
			o.Title = s.Title + ": " + sec.Title
		}
		d := cards.Layout(s, chosen, font, o, diags)
		if d == nil {
			return nil, fmt.Errorf("laying out %s failed", decks[key])
		}
		pdf, _, err := Print(tab, d, progress)
		if oe, ok := err.(*OverflowError); ok {
			over = append(over, oe.Overflows...)
			continue
		}
		if err != nil {
			return nil, err
		}
		files = append(files, site.File{Path: strings.TrimPrefix(decks[key], "/"), Data: pdf})
	}
	if len(over) > 0 {
		return nil, &OverflowError{Overflows: over}
	}
	return files, nil
}

// Check lays out every card of the site with opts (font from the theme or
// the system) and records each side that does not fit as an error in diags,
// at the card's file: what `handboek check` reports. tab is a browser tab
// from browser.Start.
func Check(tab context.Context, s *site.Site, opts cards.Options, diags *diag.List) error {
	font, err := cards.FindFont(s.Theme())
	if err != nil {
		return err
	}
	chosen, err := cards.Select(s, opts)
	if err != nil {
		return err
	}
	if len(chosen) == 0 {
		return nil
	}
	d := cards.Layout(s, chosen, font, opts, diags)
	if d == nil {
		return nil // the template problems are in diags
	}
	over, err := Measure(tab, d)
	if err != nil {
		return err
	}
	Report(over, diags)
	return nil
}
