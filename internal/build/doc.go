// Package build runs the pipeline stages in order: config, content, render,
// site (assemble and execute), then the search index. It opens the site
// folder through sitefs and writes nothing itself: every file goes to a
// Sink as soon as it is made.
//
// # One pipeline, three sinks
//
// Run(ctx, opts, sink, diags) is the only way a site is built; what differs
// between `handboek build`, the dev server and the tools is the sink:
//
//   - publish.Writer (handboek build): writes each file into the new
//     version of the output folder and swaps it in at Commit. Its scratch
//     file holds the search index's page text until the snippets are cut
//     (the sink's Scratch method), so the text of a large site waits on
//     disk, not in memory;
//   - Memory (handboek check and cards, tests): keeps every file, and the
//     Result keeps every page with its body;
//   - Memory with a Cache (the dev server): a rebuild executes only what an
//     edit can have changed and keeps the rest of the last build (Rebuilds,
//     below); with LaterIndex the search index is made after the page has
//     reloaded (Result.Index).
//
// Compile is Run into a Memory without a context. Options say only what to
// build; the one benchmark knob (WithoutIndex, for --skip-index) is a
// function of its own, and the index's spill file is set only by tests.
//
// The run, in builder's methods: load (config, theme, content; each page's
// front matter and not its Markdown when the sink keeps nothing), assemble,
// pages (every page's templates on the worker pool, each file to the sink,
// each page's text to the search index while its body is at hand), index
// (the index's files to the sink). A page's Markdown is rendered on first
// use (package site, body.go): by its own job, or by another page whose
// layout shows it. So no build has to know beforehand which layouts show
// which bodies; a build whose sink keeps nothing drops each page's HTML once
// it is written, and a body shown again later is rendered again.
//
// # Cancelling
//
// The command's context (Ctrl-C, SIGTERM; see internal/cli's root.go) goes
// down to every stage. Each stage works item by item on the one worker pool
// (package pool), which starts no further item once the context is done;
// Run then returns the context's error without making the index, and
// publish throws the half-made new version away, so the output folder stays
// as it was (TestInterruptedBuildLeavesTheOutputAsItWas in internal/cli).
//
// The adapter from site pages to search documents (searchdocs.go) is here,
// so that search knows nothing of pages; the card decks' paths come from
// cards.DeckPaths, which is pure layout: printing them (cardprint) is the
// caller's step, so this package links no browser.
//
// # How a one-shot build stays small
//
// `handboek build` never holds the whole site. Loading keeps each page's
// front matter and not its Markdown; then every page is one job on a worker
// per core that reads its file again (checked against the length and
// CRC-32C that loading saw, so a file saved meanwhile is an error, not a page
// of two versions), renders the Markdown, executes the templates, hands the
// file to the sink, gives the page's text to the search index and drops it.
// The index counts terms as pages arrive and keeps their text for snippets
// in the sink's scratch file. A theme whose layouts show a page's body on
// another page still streams: such a body is kept once another page has
// shown it. Streaming took the 10,000-page corpus's peak memory from 650 MB
// to 250 MB.
//
// # Rebuilds (Cache)
//
// The dev server builds into a Memory with a Cache, and a rebuild reuses what an edit cannot
// have changed. Every build records what each page's templates read
// (site.Uses: the pages they reached, the bodies they showed, the lists of
// related pages, tag pages and sections they walked), and keeps it with the
// files. A Markdown body edit renders only that page, and executes it and
// the pages that showed its body or a number drawn from it (a reading time
// in a list). A front matter edit of a card or article (title, summary,
// related, challenges, an existing tag) executes the pages that read it or a
// list it is in, before the edit and after: so a related page it no longer
// names, or a tag page it left, is made again too. However a layout reaches
// another page (through .Page.Parent.Children, a variable, .Site.Cards in a
// cached footer), the record holds it. Adding or removing a page, a new tag,
// a section's or the home page's front matter, the menu, or a change to a
// layout, string, static file or the config executes every page again
// (reusing the Markdown of unchanged pages). A test edits a corpus in each of
// these ways, with layouts that show bodies and titles elsewhere, and
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
