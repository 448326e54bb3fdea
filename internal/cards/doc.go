// Package cards lays the handbook's cards out for print: it chooses the
// cards (Select, DeckPaths), places them on pages (Geometry: one side per
// page for a print shop, or four to an A4 sheet) and makes the deck's HTML
// through the theme's card templates (layouts/cards/deck.html, front.html,
// back.html, cards.css; a site overrides them like any layout). It is pure:
// no browser, no PDF library, so the build and the dev server can link it.
// Printing that HTML to PDF with Chromium is internal/cards/cardprint's job.
//
// Two formats:
//   - deck: one card side per page, front and back alternating, each page the
//     trim size plus bleed, for a print shop. Backgrounds run into the bleed,
//     text stays 4 mm (Safe) inside the trim, optional crop marks sit 3 mm
//     outside the trim.
//   - a4: four cards per A4 sheet with cut marks, for an office printer; each
//     sheet of fronts is followed by a sheet of backs, mirrored so that
//     long-edge duplex puts every back behind its front.
//
// The deck is laid out Zoom times larger than printed (see Zoom); the
// printer scales it back.
//
// The card font (FindFont) is the theme's static TrueType font or an
// installed one, inlined into the deck as data: URLs: the print page needs no
// file access and no network.
//
// # Fonts
//
// The cards use Noto Sans (Regular and Bold) from Debian's fonts-noto-core,
// embedded into the PDF as TrueType subsets, never Type 3; DejaVu Sans is the
// fallback. A theme can ship its own static TrueType font as
// static/fonts/card-regular.ttf and card-bold.ttf (not CFF .otf, not a
// variable font: Chromium turns those into Type 3). The font goes only into
// the print HTML, not into the website; nothing is fetched.
package cards
