package cardprint_test

import (
	"context"
	"testing"

	"github.com/handboek/handboek/internal/browser"
	"github.com/handboek/handboek/internal/browser/browsertest"
	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/cards"
	"github.com/handboek/handboek/internal/cards/cardprint"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

// BenchmarkPrintCold is `handboek cards` from nothing: compile the default
// handbook, start Chromium, lay out, measure, print, set the boxes, stop the
// browser. Targets on the project machine (2 cores): the default deck (26
// cards) under 3 s, ten times as many cards (260) under 8 s.
func BenchmarkPrintCold(b *testing.B) {
	chrome, err := browser.Find("")
	if err != nil {
		browsertest.Need(b, err)
	}
	for _, bc := range []struct {
		name   string
		repeat int
	}{{"default-26", 1}, {"cards-260", 10}} {
		b.Run(bc.name, func(b *testing.B) {
			pages := 0
			for b.Loop() {
				var diags diag.List
				res := build.Compile(build.Options{Source: repo}, &diags)
				if diags.HasErrors() {
					b.Fatal(diags.String())
				}
				var chosen []*site.Page
				for range bc.repeat {
					all, err := cards.Select(res.Site, cards.Default())
					if err != nil {
						b.Fatal(err)
					}
					chosen = append(chosen, all...)
				}
				font, err := cards.FindFont(res.Site.Theme())
				if err != nil {
					b.Fatal(err)
				}
				d := cards.Layout(res.Site, chosen, font, cards.Default(), &diags)
				if diags.HasErrors() {
					b.Fatal(diags.String())
				}
				tab, stop, err := browser.Start(context.Background(), chrome)
				if err != nil {
					b.Fatal(err)
				}
				_, _, err = cardprint.Print(tab, d, nil)
				stop()
				if err != nil {
					b.Fatal(err)
				}
				pages = d.Pages
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/deck")
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
