package server

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

// EventsPath is where browsers listen for reload events.
const EventsPath = "/__handboek/events"

// reloadScript is injected before </body> of every served HTML page, never
// into a published site. It knows the build the page was served from (%s),
// so a page whose event stream connects after a newer build was swapped in
// (a save just after a reload) reloads on "hello" instead of missing it; it
// also reloads on a "reload" event, and after a reconnect to a newer build.
const reloadScript = `<script>/* handboek serve: live reload */(function(){` +
	`var v="%s",es=new EventSource("` + EventsPath + `");` +
	`es.addEventListener("hello",function(e){if(v!==e.data){location.reload()}});` +
	`es.addEventListener("reload",function(){location.reload()});` +
	`})();</script>`

// snapshot is one build as served: its files, or its problems.
type snapshot struct {
	files    map[string][]byte
	problems []diag.Diag // non-empty: the last build failed; files are the last good ones
	version  uint64
	later    *later // files still being made (the search index), or nil
}

// later are files of a snapshot that are made after it is served: a
// request for one of them waits until they are there.
type later struct {
	done  chan struct{}
	files map[string][]byte // set before done is closed
}

// Server serves the current snapshot. The zero value is not usable; call New.
type Server struct {
	cur     atomic.Pointer[snapshot]
	mu      sync.Mutex
	clients map[chan uint64]struct{}
	closed  chan struct{}
	once    sync.Once
	// boot tells this process's builds from a previous server's, so a page
	// that reconnects after a restart reloads.
	boot int64
	// base is the base URL's path ("/handboek/"): the site is served both
	// at / and under it, as 404.html links absolutely to it.
	base atomic.Value
	lq   laterQueue
}

// New returns a server with an empty site.
func New() *Server {
	s := &Server{clients: map[chan uint64]struct{}{}, closed: make(chan struct{}), boot: time.Now().UnixNano()}
	s.cur.Store(&snapshot{files: map[string][]byte{}})
	return s
}

// Publish swaps in a complete new site and tells every open page to reload.
func (s *Server) Publish(files map[string][]byte) {
	s.swap(&snapshot{files: files})
}

// PublishLater swaps in a new site at once and serves the files build
// returns as soon as it has run (in the background); a request for a file
// that is in neither waits for build. The pages reload before the slow part
// of a rebuild, the search index, is done.
//
// Builds that come faster than build runs are not queued: one goroutine
// runs the newest build, and the snapshots it skipped get its files (they
// are stale already; their pages reload).
func (s *Server) PublishLater(files map[string][]byte, build func() map[string][]byte) {
	l := &later{done: make(chan struct{})}
	s.lq.mu.Lock()
	s.lq.waiting = append(s.lq.waiting, l)
	s.lq.build = build
	if !s.lq.running {
		s.lq.running = true
		go s.makeLater()
	}
	s.lq.mu.Unlock()
	s.swap(&snapshot{files: files, later: l})
}

// laterQueue holds the snapshots waiting for their later files.
type laterQueue struct {
	mu      sync.Mutex
	waiting []*later
	build   func() map[string][]byte // the newest snapshot's
	running bool
}

func (s *Server) makeLater() {
	for {
		s.lq.mu.Lock()
		waiting, build := s.lq.waiting, s.lq.build
		s.lq.waiting, s.lq.build = nil, nil
		if len(waiting) == 0 {
			s.lq.running = false
			s.lq.mu.Unlock()
			return
		}
		s.lq.mu.Unlock()
		files := build()
		for _, l := range waiting {
			l.files = files
			close(l.done)
		}
	}
}

// Fail keeps serving the last good files but shows problems on every HTML
// page, and tells every open page to reload so the author sees them.
func (s *Server) Fail(problems []diag.Diag) {
	cur := s.cur.Load()
	s.swap(&snapshot{files: cur.files, later: cur.later, problems: problems})
}

// SetBase sets the base URL's path the site is also served under.
func (s *Server) SetBase(path string) { s.base.Store(path) }

// Close ends every event stream, so an http.Server can shut down without
// waiting for open pages (their streams never end by themselves). The pages
// reconnect to the next server and reload if its build is newer.
func (s *Server) Close() { s.once.Do(func() { close(s.closed) }) }

// Version counts the snapshots published so far.
func (s *Server) Version() uint64 { return s.cur.Load().version }

func (s *Server) swap(next *snapshot) {
	s.mu.Lock()
	next.version = s.cur.Load().version + 1
	s.cur.Store(next)
	for c := range s.clients {
		select {
		case c <- next.version:
		default: // a reload is already pending for this client
		}
	}
	s.mu.Unlock()
}

// Clients is the number of pages listening for reloads.
func (s *Server) Clients() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}

// ServeHTTP answers from the current snapshot.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == EventsPath {
		s.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	snap := s.cur.Load()
	base, _ := s.base.Load().(string)
	name, ok := cleanPath(r, base)
	if !ok {
		s.notFound(w, r, snap)
		return
	}
	data, found := snap.files[name]
	if !found && snap.later != nil {
		select {
		case <-snap.later.done:
			data, found = snap.later.files[name]
		case <-r.Context().Done():
			return
		}
	}
	if !found && !strings.HasSuffix(name, "index.html") {
		if _, dir := snap.files[name+"/index.html"]; dir {
			// /dimensies → /dimensies/, as a static host does, so relative
			// links on the page resolve.
			http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
			return
		}
	}
	ctype := contentType(name, data)
	if len(snap.problems) > 0 && (strings.HasPrefix(ctype, "text/html") || !found) {
		s.errorPage(w, r, snap)
		return
	}
	if !found {
		s.notFound(w, r, snap)
		return
	}
	s.write(w, r, snap, http.StatusOK, ctype, data)
}

// cleanPath maps a request to a key of the file map. It refuses anything
// that is not a plain forward path: ".." or "." segments, encoded dots,
// slashes and backslashes (which some servers decode late), NUL bytes,
// bytes that are not UTF-8, and empty parts ("//x"): no file has such a name.
func cleanPath(r *http.Request, base string) (string, bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2e") || strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || !utf8.ValidString(p) {
		return "", false
	}
	for _, seg := range strings.Split(p[1:], "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	if base != "" && base != "/" && strings.HasPrefix(p, base) {
		p = "/" + strings.TrimPrefix(p, base)
	}
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if path.Clean(name) != name || strings.HasPrefix(name, "/") {
		return "", false // "a//b", "//b": no file has such a name
	}
	return name, true
}

// types covers what a handbook holds; mime.TypeByExtension depends on the
// machine's mime.types for some of these.
var types = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".pdf":   "application/pdf",
	".woff2": "font/woff2",
	".woff":  "font/woff",
}

func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, snap *snapshot, status int, ctype string, data []byte) {
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, s.buildID(snap))
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", fmt.Sprint(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// buildID names a snapshot as the event stream's "hello" does.
func (s *Server) buildID(snap *snapshot) string { return fmt.Sprintf("%d-%d", s.boot, snap.version) }

// inject puts the reload script, naming build, before the last </body>, or
// at the end.
func inject(page []byte, build string) []byte {
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	script := fmt.Sprintf(reloadScript, build)
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	if page, ok := snap.files["404.html"]; ok {
		s.write(w, r, snap, http.StatusNotFound, types[".html"], page)
		return
	}
	s.write(w, r, snap, http.StatusNotFound, types[".txt"], []byte("404 page not found\n"))
}

// errorPage lists every problem of the failed build. Everything shown is
// escaped: messages quote the author's text.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build failed · handboek</title>` +
		`<meta name="viewport" content="width=device-width, initial-scale=1"><style>` +
		`body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a;background:#fff}` +
		`h1{color:#a4000f;font-size:1.5rem}li{font-family:ui-monospace,monospace;white-space:pre-wrap;margin:.5rem 0}` +
		`@media (prefers-color-scheme:dark){body{background:#161616;color:#eee}h1{color:#ff8a8a}}</style></head><body>`)
	fmt.Fprintf(&b, "<main><h1>Build failed: %d %s</h1>", len(snap.problems), plural(len(snap.problems), "problem", "problems"))
	b.WriteString("<p>Fix the files below and save; this page reloads by itself after the next good build.</p><ol>")
	for _, d := range snap.problems {
		fmt.Fprintf(&b, "<li>%s</li>", html.EscapeString(d.String()))
	}
	b.WriteString("</ol></main></body></html>\n")
	s.write(w, r, snap, http.StatusInternalServerError, types[".html"], b.Bytes())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// events streams Server-Sent Events: "hello" with the server's build on
// connect (a page that reconnects to a newer build reloads), and "reload"
// after every swap.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan uint64, 1)
	s.mu.Lock()
	s.clients[c] = struct{}{}
	cur := s.cur.Load()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: %s\n\n", s.buildID(cur))
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closed:
			return
		case v := <-c:
			fmt.Fprintf(w, "event: reload\ndata: %d\n\n", v)
			flusher.Flush()
		}
	}
}

// Files reads a build's files into memory. Files copied from a file system
// are read now, so a later edit on disk cannot change what a snapshot
// serves. A file that cannot be read, such as a symlink out of the site
// (which os.Root refuses), is left out with a warning, so it answers 404.
func Files(files []site.File, diags *diag.List) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for _, f := range files {
		if f.From == nil {
			out[f.Path] = f.Data
			continue
		}
		data, err := fs.ReadFile(f.From, f.FromPath)
		if err != nil {
			diags.Warnf(diag.Pos{File: f.Path}, "not served: %v", err)
			continue
		}
		out[f.Path] = data
	}
	return out
}
