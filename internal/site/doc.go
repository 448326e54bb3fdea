// Package site assembles loaded and rendered pages into a website: sections
// and their order, breadcrumbs, previous/next, related pages in both
// directions, tag pages, menus, and then executes the theme's templates.
//
// Execute (execute.go) runs every page's templates on the worker pool and
// hands each file to a function as it is made; it never writes to disk, and
// never imports goldmark: a page's Markdown is rendered through package
// render, on first use (body.go), by the page's own job or by another page
// whose layout shows it. Execution says which pages run (the dev server's
// incremental rebuilds), what happens to each page once its file is made
// (the search index takes its text) and whether its HTML is then dropped
// (a one-shot build of a large site). Cancelling the context stops it
// starting pages.
//
// # partialCached
//
// {{ partialCached "partials/header.html" . }} executes a partial once for
// all pages it looks the same on, as Hugo's partialCached does, but without
// variant keys to get right: the partial runs with the site and the helpers
// but no .Page, and what it asks about the page (.Rel, .IsCurrent,
// .MainNav) is recorded (shared.go); a page that gets the same answers gets the
// same bytes. A partial that uses .Page simply runs for every page, as
// template would. Extra arguments are variants: pages that differ in them
// never share. The default theme caches its header and footer this way, and
// the section navigation and menu once per section and variant.
//
// # What a page read
//
// With Execution.Uses set, what each page's templates read is recorded as
// they run (uses.go): the pages reached (their front matter), the bodies
// shown, and the lists whose order or members come from other pages (a
// section's order, related pages, a tag's pages, the cards). Cached parts
// (shared partials, the navigations) keep what making them read, and every
// page that reuses them is charged with it. The dev server executes again
// only the pages that read what an edit changed (Uses.Readers with
// BodyEdit and FrontMatterEdit), whatever the templates look like: no
// reading of template text. For that, templates reach other pages only
// through methods (Page.Parent, .Children, .Related, .Site.Pages, Tag.Pages
// and the Ctx helpers); when something is recorded, those return per-worker
// copies of the pages that carry the recorder, and otherwise the pages
// themselves.
//
// A page's own fields are not promoted from embedded structs: text/template
// looks a field up by name on every use, and through embedded structs
// reflect searches every level with allocations.
package site
