// Package cardprint is the print stage: it prints a deck laid out by
// internal/cards to PDF with headless Chromium, and measures it first.
// Chromium (chromedp) and the PDF library (pdfcpu) live here and nowhere
// else, so the build, the dev server and `handboek check` without cards
// link neither.
//
// Before printing, every card side is measured in the browser (print media,
// fonts loaded); a side whose content does not fit is an Overflow, reported
// as "path:line: card "Title" (back) overflows by 4.2 mm". Check (or Measure
// and Report) is what `handboek check` reuses.
//
// Chromium writes only a MediaBox; SetBoxes adds TrimBox and BleedBox to
// every page of a print-shop deck, as print shops' tools expect.
//
// The browser comes from internal/browser: the caller starts it, passes its
// tab, and stops it; one tab prints every deck, one print per deck
// (PrintSite for `handboek build --cards`).
//
// The stage writes no files: it returns PDF bytes (or site.Files) for the
// caller to publish.
//
// # Measured
//
// go test ./internal/cards/cardprint -run '^$' -bench PrintCold, cold: compile,
// browser start, layout, measuring, printing and setting the boxes, one after
// the other, on 2 cores with Chromium 156 while other builds kept the machine
// busy (load 11–13): the default deck (26 cards, 52 pages) in 1.6 s, 260
// cards (520 pages) in 4.6 s (targets: 3 s and 8 s). handboek cards itself
// starts Chromium while it compiles, and prints the default deck in about
// 1.3 s. The tests check the PDFs with pdfcpu and poppler (page count, page
// size within 0.5 mm, TrimBox and BleedBox, fonts embedded and not Type 3,
// titles with their diacritics in pdftotext) and keep PNGs of the pages when
// HANDBOEK_ARTIFACTS=dir is set.
package cardprint
