// Package cards lays the handbook's cards out for print: it chooses the
// cards (Select: by kind, tag and path; DeckPaths), places them on pages
// (Geometry: one side per page for a print shop, or several to an A4 sheet)
// and makes the deck's HTML through the theme's card templates
// (layouts/cards/deck.html, front.html, back.html, cards.css; a site
// overrides them like any layout). It is pure: no browser, no PDF library,
// so the build and the dev server can link it. Printing that HTML to PDF
// with Chromium, and setting each side's type, is internal/cards/cardprint's
// job.
//
// Two formats:
//   - deck: one card side per page, front and back alternating, each page the
//     trim size plus bleed, for a print shop. Backgrounds run into the bleed,
//     text stays 4 mm (Safe) inside the trim, optional crop marks sit 3 mm
//     outside the trim.
//   - a4: as many cards as fit to an A4 sheet (4 a6, 9 poker) for an office
//     printer; each sheet of fronts is followed by a sheet of backs, mirrored
//     so that long-edge duplex puts every back behind its front. Nothing
//     that matters comes within 5 mm of the paper's edge (SheetMargin), where
//     most printers cannot print: cards that reach it (a6) get a white frame
//     inside, and the cut marks run only over white paper, never over a
//     card's art.
//
// The type scale: each size has a range of body sizes (Size.TypeSteps), from
// a sparse side's MaxType down to BodyFloor, 8.5 pt; labels and footers are
// never under LabelFloor, 7 pt. A side that does not fit at the floor is an
// overflow, never a smaller font; only a back's suggestions give way, the
// last ones first, and the back says how many more are on the card's page.
//
// When the site has an absolute baseURL and Options.QR is on, each back
// carries a QR code to the card's page (drawn as one SVG path, so it prints
// as vector) with its short address beside it.
//
// The deck is laid out Zoom times larger than printed (see Zoom); the
// printer scales it back. Pages are printed PagePad larger than the sheet
// and cropped to it exactly by the print stage.
//
// # Fonts
//
// The cards use Noto Sans (Regular and Bold) from Debian's fonts-noto-core,
// embedded into the PDF as TrueType subsets, never Type 3; DejaVu Sans is the
// fallback. A theme can ship its own static TrueType font as
// static/fonts/card-regular.ttf and card-bold.ttf (not CFF .otf, not a
// variable font: Chromium turns those into Type 3). FindFont inlines it into
// the deck as data: URLs, so the print page needs no file access and no
// network; the font goes only into the print HTML, not into the website.
package cards
