// Package server is handboek's development server: an http.Handler that
// serves a built site from memory, injects a live-reload script into HTML,
// pushes reload events over Server-Sent Events, and shows build problems in
// the browser until the next good build.
//
// The site is held as one immutable snapshot (a map of output path to bytes)
// that is swapped atomically, so a request sees either the whole previous
// build or the whole new one, never a half-built state. Requests are answered
// from that map only: no request ever reaches the file system, and paths with
// "..", encoded dots or slashes, backslashes or NUL bytes are refused with a
// 404 before they are looked up.
//
// # Rebuilds (Dev)
//
// Dev runs the watcher (internal/watch: fsnotify, a 20 ms debounce, editor
// noise dropped), rebuilds with build's Cache (what a rebuild reuses is
// described there) and swaps the snapshot in. It publishes a rebuild's pages
// at once and makes the search index in the background (one goroutine, for
// the newest build only); a request for a file under search/ waits until it
// is there. At 10,000 pages that index takes about 0.4 s, which an author
// would otherwise wait for on every save.
//
// # Save to reload, measured
//
// go test ./internal/server -run '^$' -bench SaveToReload -benchtime 200x
// starts the dev server in the test (watcher, rebuild loop and handler, as
// handboek serve runs them), connects to /__handboek/events as an open page
// does, then appends a paragraph to a random page and times the write until
// the reload event arrives; the browser's own reload is not included. It
// reports the median and 90th percentile (ms-median, ms-p90) and the rebuild
// alone (ms-rebuild-median), on the default handbook (copied to a temporary
// folder) and a generated 1,000-page corpus (HANDBOEK_BENCH_SIZES=1000,10000
// for more). BenchmarkSaveToReloadHugo runs Debian's hugo server on the same
// corpus with the layouts make bench uses (benchsuite.HugoSite) and times the
// same write until Hugo prints "Total in N ms", when it sends its reload.
// On 2 cores, 20 saves per site:
//
//	site                 save → reload, median (p90)   of which rebuild   hugo server: save → rebuilt (its own figure)
//	default handbook     23 ms (28 ms)                 1.6 ms
//	1,000 pages          28 ms (40 ms)                 7 ms               556 ms (266 ms)
//	10,000 pages         81 ms (164 ms)                60 ms
//
// 20 ms of handboek's time is the debounce; that window still makes one
// rebuild of every editor save burst replayed in internal/watch's tests. On a
// quiet machine hugo server took 116 ms per one-page edit at 1,000 pages and
// 622 ms at 10,000. The soak test (go test ./internal/server -run Soak,
// skipped with -short) saves random pages of the 1,000-page site 1,000 times
// in 10 s: the server keeps answering, the heap stays level (54 MB before and
// after), and the served site equals a clean build of the final files byte
// for byte.
package server
