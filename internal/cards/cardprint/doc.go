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
package cardprint
