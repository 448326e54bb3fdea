// Package cardprint is the print stage: it prints a deck laid out by
// internal/cards to PDF with headless Chromium, setting and measuring every
// card side first. Chromium (chromedp) and the PDF library (pdfcpu) live
// here and nowhere else, so the build, the dev server and `handboek check`
// without cards link neither.
//
// Fit (fit.js, run in the deck's page) gives each card side the largest
// body size of cards.Size.TypeSteps at which its text fits; a side with room
// to spare gets more air between its blocks (--air). Every side starts at
// the largest size with full air, so the deck's first layout is the first
// probe; a side that does not fit so is probed at a size guessed from how
// far it overflows, and the sizes next to it. A side that does not
// fit at the floor shows the suggestions that fit (the theme marks the list
// data-trim and the note data-more). What then still does not fit, is
// clipped, or is set under the label floor is an Overflow, reported at the
// front matter line of the field it belongs to (data-field), as
// "content/x.md:12:1: card "Title" (back) overflows by 4.2 mm". Check (or
// Measure and Report) is what `handboek check` reuses.
//
// Chromium writes only a MediaBox, and rounds the page size; SetBoxes crops
// every page to the sheet's exact size and adds the TrimBox and BleedBox
// print shops' tools expect.
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
// go test ./internal/cards/cardprint -run '^$' -bench PrintCold: cold,
// compile, browser start, layout, fitting, printing and setting the boxes,
// one after the other: the default deck (26 cards) in 2.36 s, 260 cards in
// 8.9 s (five runs each, load 2-3; 3.44 s and 11.1 s before Chromium was
// started without its address bar's popups and sides started at their
// largest size). Setting the type of the default deck (52 sides) reads the
// first layout of every side, then lays a side out again about 200 times,
// 41 of them at another size, which shapes its words anew and costs three
// times a layout at the same size: 0.3-0.4 s in the page. Started at the
// floor and searched by halves, it took 280 layouts, 120 at another size,
// and 0.6-0.7 s.
//
// Where the time goes (`handboek cards`, default deck, idle machine):
// Chromium's start, 1.1-1.3 s, while the handbook compiles beside it;
// loading the deck, 0.2-0.35 s; fitting, 0.3-0.4 s; printing and setting
// the boxes, 0.45-0.6 s; stopping the browser, 0.15 s. The command is bound
// by the processor: Chromium takes 3.8-4 s of processor time on the two
// cores, the wall time is 2.3-2.6 s. The font was inline as data: URLs
// until loading the deck took 1.0 s: as files beside the deck, the
// command's wall time went from 3.6-4.0 s to 3.3-3.6 s, four runs each,
// interleaved.
//
// The tests check the PDFs with pdfcpu, poppler and zbar: page count, page
// and boxes exact to 0.05 mm at every size, fonts embedded and not Type 3,
// the type floor on every page from pdftotext's word boxes, no word within 5
// mm of an A4 sheet's edge, and each back's QR code read back to its
// card's URL. HANDBOEK_ARTIFACTS=dir keeps the PDFs, PNGs of a front and a
// back of each kind, and type-a6.txt, the type sizes per page.
package cardprint
