// Package cardprint is the print stage: it prints a deck laid out by
// internal/cards to PDF with headless Chromium, setting and measuring every
// card side first. Chromium (chromedp) and the PDF library (pdfcpu) live
// here and nowhere else, so the build, the dev server and `handboek check`
// without cards link neither.
//
// Fit (fit.js, run in the deck's page) gives each card side the largest
// body size of cards.Size.TypeSteps at which its text fits; a side with room
// to spare gets more air between its blocks (--air). A side that does not
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
package cardprint
