// Package build runs the pipeline stages in order: config, content, render,
// site (assemble), then the search index. It opens the site folder through
// sitefs and writes nothing: the files go to the caller, who publishes them
// (publish) or serves them (server).
//
// Compile has three ways to run, chosen by Options:
//
//   - streamed (Emit set, no Cache, and a theme that shows no page's body on
//     another page): each page is read, rendered, executed and handed to
//     Emit in its own job, its text given to the search Indexer and its HTML
//     dropped, so a large site is never held in memory whole (stream);
//   - in memory (no Emit): every page's Markdown is rendered first, then
//     every page executed; the Result holds every file (inMemory). The dev
//     server keeps a Cache between Compiles, so a rebuild renders again only
//     what changed (incremental.go), and may leave the search index to build
//     after the page reloads (LaterIndex);
//   - in memory, emitted (Emit set, but a Cache or a theme that shows bodies
//     elsewhere): rendered as in memory, each file handed to Emit as it is
//     made.
//
// The adapter from site pages to search documents (SearchDocs) is here, so
// that search knows nothing of pages; the card decks' paths come from
// cards.DeckPaths, which is pure layout: printing them (cardprint) is the
// caller's step, so this package links no browser.
package build
