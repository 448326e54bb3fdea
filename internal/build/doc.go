// Package build runs the pipeline stages in order: config, content, render,
// site (assemble), then the search index. It opens the site folder through
// sitefs and writes nothing: the files go to the caller, who publishes them
// (publish) or serves them (server).
//
// Compile has three ways to run, chosen by Options:
//
//   - streamed (Emit set, no Cache, and a theme that shows no page's body on
//     another page): each page is read, rendered, executed and handed to
//     Emit in its own job (stream, below);
//   - in memory (no Emit): every page's Markdown is rendered first, then
//     every page executed; the Result holds every file (inMemory). The dev
//     server keeps a Cache between Compiles (Rebuilds, below), and may leave
//     the search index to build after the page reloads (LaterIndex);
//   - in memory, emitted (Emit set, but a Cache or a theme that shows bodies
//     elsewhere): rendered as in memory, each file handed to Emit as it is
//     made.
//
// The adapter from site pages to search documents (SearchDocs) is here, so
// that search knows nothing of pages; the card decks' paths come from
// cards.DeckPaths, which is pure layout: printing them (cardprint) is the
// caller's step, so this package links no browser.
//
// # How a one-shot build is shaped (stream)
//
// `handboek build` never holds the whole site. Loading keeps each page's
// front matter and not its Markdown; then every page is one job on a worker
// per core that reads its file again (checked against the length and
// CRC-32C that loading saw, so a file saved meanwhile is an error, not a page
// of two versions), renders the Markdown, executes the templates, hands the
// file to Options.Emit (publish writes it), gives the page's text to the
// search index and drops it. The index counts terms as pages arrive and keeps
// their text for snippets in an unlinked scratch file beside the output
// (Options.Spill). Themes whose layouts show a page's body on another page
// (found by reading the layouts: site.Theme.ShowsBodiesElsewhere) get the
// build that renders every body first (inMemory); the dev server keeps
// everything in memory too. Streaming took the 10,000-page corpus's peak
// memory from 650 MB to 250 MB.
//
// # Rebuilds (Cache)
//
// The dev server passes a Cache, and a rebuild reuses what an edit cannot
// have changed. A Markdown body edit reads, renders and executes only that
// page. A front matter edit of a card or article (title, summary, related,
// challenges, an existing tag) executes the pages that list or link it: the
// page, its section's pages (navigation, previous/next, picture), its section
// list and the home page, its related pages before and after the edit, its
// tag pages, the zelfscan and 404.html. Adding or removing a page, a new tag,
// a section's or the home page's front matter, or a change to a layout,
// string, static file or the config executes every page again (reusing the
// Markdown of unchanged pages). If a layout shows a page's body elsewhere, a
// body edit executes every page too; if a layout other than the home page and
// 404.html reaches pages through .Site.Pages, .Site.Cards or .Site.Sections,
// so does a front matter edit. A test edits a corpus in each of these ways and
// compares every file with a clean build; BenchmarkIncrementalEdit times a
// rebuild without the watcher.
//
// # What made it fast
//
// Measured on the 10,000-page corpus; each step kept the output byte for
// byte:
//
//   - page fields are the page's own, not promoted from embedded structs:
//     text/template looks a field up by name on every use, and through
//     embedded structs reflect searches every level with allocations; a card
//     page's template time halved;
//   - partialCached (package site) renders the header and footer once per
//     group of pages that shows them the same, the section navigation and
//     the menu once per section and variant;
//   - streaming, above;
//   - fewer system calls: files are opened through a root kept per folder
//     (os.Root opened each part of the path: 72,000 opens became 32,000), one
//     mkdir per folder, no copy of a page on its way to the disk;
//   - fewer allocations (2.9 GB to 1.7 GB per build): pooled render buffers,
//     a reused buffered writer for goldmark, words of the index not copied,
//     whitespace squeezed in one pass;
//   - the search index: a term's best pages found by counting scores instead
//     of sorting, snippets cut where counting found the word, a stemmer that
//     compares suffixes in place, the default client script shipped minified;
//   - templates parsed once: every main layout needs the base layout and all
//     partials, and each used to parse them again (about 3M instructions a
//     layout, a tenth of the default handbook's build). They are parsed once
//     and the set is cloned per layout (html/template's Clone): the default
//     handbook went from 285.7M to 266.4M instructions, and a broken partial
//     is reported once, not once per layout;
//   - the garbage collector: a one-shot build runs with GOGC 400 until a
//     collection finds more than 4 MB live, then with Go's default
//     (internal/cli's gc.go). A handbook-sized build allocates a few times
//     its 2–4 MB heap, so the default (a collection whenever the heap
//     doubles, from 4 MB) ran four or five collections, a quarter of the
//     default handbook's instructions (390M, then 293M by callgrind). A larger
//     site returns to the default after its first collections: at 1,000
//     pages 27 collections become 18, peak 54 to 55 MB, and 10,000 pages keep
//     their peak. A GOGC the user sets wins; serve keeps the default.
//
// # Where the time goes
//
// A CPU profile of a 10,000-page build: executing templates 35%, Markdown 25%
// (goldmark's parser 14%), the garbage collector about 10%, loading (YAML)
// 8%, the search index 7%, system calls 6%. Per page the templates take
// 0.14 ms (go test ./internal/site -bench CardPartials), of which
// html/template's escaping of every value is the largest single part.
//
// # Screenshots
//
// The README's pictures of the site are made by a test:
// HANDBOEK_SCREENSHOTS=themes/default/images go test ./internal/build -run
// Screenshots.
package build
