// Package cards is the print stage: it lays the handbook's cards out as HTML
// through the theme's card templates (layouts/cards/deck.html, front.html,
// back.html, cards.css; a site overrides them like any layout) and prints
// that HTML to PDF with headless Chromium.
//
// Two formats:
//   - deck: one card side per page, front and back alternating, each page the
//     trim size plus bleed, for a print shop. Backgrounds run into the bleed,
//     text stays 4 mm inside the trim, optional crop marks sit 3 mm outside
//     the trim. TrimBox and BleedBox are set on every page afterwards, since
//     Chromium writes only a MediaBox.
//   - a4: four cards per A4 sheet with cut marks, for an office printer; each
//     sheet of fronts is followed by a sheet of backs, mirrored so that
//     long-edge duplex puts every back behind its front.
//
// Before printing, every card side is measured in the browser (print media,
// fonts loaded); a side whose content does not fit is an Overflow, reported
// as "path:line: card "Title" (back) overflows by 4.2 mm". Check (or Measure
// and Report) is what `handboek check` reuses.
//
// The browser comes from internal/browser: the caller starts it, passes its
// tab, and stops it; one tab prints every deck, one print per deck.
//
// The stage writes no files: it returns PDF bytes (or site.Files) for the
// caller to publish.
//
// # Fonts
//
// The cards use Noto Sans (Regular and Bold) from Debian's fonts-noto-core,
// embedded into the PDF as TrueType subsets, never Type 3; DejaVu Sans is the
// fallback. A theme can ship its own static TrueType font as
// static/fonts/card-regular.ttf and card-bold.ttf (not CFF .otf, not a
// variable font: Chromium turns those into Type 3). The font goes only into
// the print HTML, not into the website; nothing is fetched.
//
// # Measured
//
// go test ./internal/cards -run '^$' -bench PrintCold, cold: compile,
// browser start, layout, measuring, printing and setting the boxes, one after
// the other, on 2 cores with Chromium 156 while other builds kept the machine
// busy (load 11–13): the default deck (26 cards, 52 pages) in 1.6 s, 260
// cards (520 pages) in 4.6 s (targets: 3 s and 8 s). handboek cards itself
// starts Chromium while it compiles, and prints the default deck in about
// 1.3 s. The tests check the PDFs with pdfcpu and poppler (page count, page
// size within 0.5 mm, TrimBox and BleedBox, fonts embedded and not Type 3,
// titles with their diacritics in pdftotext) and keep PNGs of the pages when
// HANDBOEK_ARTIFACTS=dir is set.
package cards
