// Package render turns a page's Markdown body into HTML. goldmark lives only
// here.
//
// Besides HTML it reports what later stages need without parsing again: the
// headings (for the table of contents and anchors), every link and image with
// its line (for link checking), and the plain text per heading (for search).
// Internal links written as site paths ("/dimensies/feedback/") or as Markdown
// files ("../spaken/x.md") are rewritten to relative URLs so the site works
// under any sub-path and from file://.
//
// # Front matter is not goldmark's
//
// This package sees a page's body only: internal/content splits the front
// matter off and decodes it (internal/strictyaml) before any Markdown is
// rendered, and passes the body's first line (render.Page.FirstLine), so
// every line reported here is the file's. goldmark-meta, which would parse
// the front matter inside the goldmark pipeline, is deliberately not used:
//
//   - The site is assembled from front matter (titles, kinds, numbers,
//     sections, related pages, menus) before any body is rendered, and a
//     streamed build renders each body only in its page's own job, reading
//     it from disk again then (content.Options.DropBodies). Front matter that
//     only a goldmark parse of the whole file yields would mean parsing every
//     page twice, or holding every body in memory.
//   - goldmark-meta decodes with yaml.v2, reports errors only through
//     meta.TryGet, with lines counted from the start of the front matter and
//     no position per key. An author who types "sumary:" must hear about it
//     at its file:line; strictyaml reports every unknown key, syntax error and
//     type error so, and keeps each key's position for later checks (a
//     one-way related entry is reported at its own line).
package render
