// Package site assembles loaded and rendered pages into a website: sections
// and their order, breadcrumbs, previous/next, related pages in both
// directions, tag pages, menus, and then executes the theme's templates.
//
// It produces files in memory (Output); it never writes to disk, and never
// imports goldmark: Markdown arrives already rendered.
//
// # partialCached
//
// {{ partialCached "partials/header.html" . }} executes a partial once for
// all pages it looks the same on, as Hugo's partialCached does, but without
// variant keys to get right: the partial runs with the site and the helpers
// but no .Page, and what it asks about the page (.Rel, .IsCurrent,
// .MainNav) is recorded (deps.go); a page that gets the same answers gets the
// same bytes. A partial that uses .Page simply runs for every page, as
// template would. Extra arguments are variants: pages that differ in them
// never share. The default theme caches its header and footer this way, and
// the section navigation and menu once per section and variant.
//
// Page fields are the page's own, not promoted from embedded structs:
// text/template looks a field up by name on every use, and through embedded
// structs reflect searches every level with allocations.
package site
