package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handboek/handboek/internal/diag"
)

// get fetches a raw request path, exactly as written (no client-side
// cleaning), and returns status, content type and body.
func get(t testing.TB, addr, path string) (int, string, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
}

func testServer(t testing.TB, h http.Handler) string {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return strings.TrimPrefix(ts.URL, "http://")
}

func TestServesFilesWithTheirContentType(t *testing.T) {
	s := New()
	s.Publish(map[string][]byte{
		"index.html":           []byte("<!DOCTYPE html><html><body><h1>Home</h1></body></html>"),
		"dimensies/index.html": []byte("<html><body>Dimensies</body></html>"),
		"css/handboek.css":     []byte("body{}"),
		"js/handboek.js":       []byte("1"),
		"sitemap.xml":          []byte("<urlset/>"),
		"robots.txt":           []byte("User-agent: *"),
		"images/logo.svg":      []byte("<svg/>"),
		"index.json":           []byte("{}"),
		"404.html":             []byte("<html><body>Niet gevonden</body></html>"),
	})
	addr := testServer(t, s)
	for _, tc := range []struct {
		path, ctype string
		status      int
	}{
		{"/", "text/html; charset=utf-8", 200},
		{"/dimensies/", "text/html; charset=utf-8", 200},
		{"/dimensies/index.html", "text/html; charset=utf-8", 200},
		{"/dimensies", "", 301},
		{"/css/handboek.css", "text/css; charset=utf-8", 200},
		{"/js/handboek.js", "text/javascript; charset=utf-8", 200},
		{"/sitemap.xml", "application/xml; charset=utf-8", 200},
		{"/robots.txt", "text/plain; charset=utf-8", 200},
		{"/images/logo.svg", "image/svg+xml", 200},
		{"/index.json", "application/json", 200},
		{"/bestaat-niet/", "text/html; charset=utf-8", 404},
	} {
		status, ctype, body := get(t, addr, tc.path)
		if status != tc.status || tc.ctype != "" && ctype != tc.ctype {
			t.Errorf("GET %s: %d %q, want %d %q", tc.path, status, ctype, tc.status, tc.ctype)
		}
		if status == 404 && !strings.Contains(body, "Niet gevonden") {
			t.Errorf("GET %s: 404 without the site's 404.html: %q", tc.path, body)
		}
		isHTML := strings.HasPrefix(ctype, "text/html")
		if hasScript := strings.Contains(body, EventsPath); hasScript != (isHTML && status != 301) {
			t.Errorf("GET %s (%s): reload script injected = %v", tc.path, ctype, hasScript)
		}
	}
	// Under the base URL's path too, where 404.html points its links.
	s.SetBase("/handboek/")
	if status, ctype, _ := get(t, addr, "/handboek/css/handboek.css"); status != 200 || ctype != "text/css; charset=utf-8" {
		t.Errorf("GET /handboek/css/handboek.css: %d %s", status, ctype)
	}
	if status, _, _ := get(t, addr, "/handboek/../go.mod"); status != 404 {
		t.Errorf("GET /handboek/../go.mod: %d", status)
	}
	if _, _, body := get(t, addr, "/"); !strings.HasSuffix(body, "</script></body></html>") {
		t.Errorf("script not injected before </body>: %q", body)
	}
}

func TestRefusesPathsOutsideTheSite(t *testing.T) {
	s := New()
	s.Publish(map[string][]byte{"index.html": []byte("<html><body>ok</body></html>"), "a/b.txt": []byte("b")})
	addr := testServer(t, s)
	for _, p := range []string{
		"/../go.mod", "/../../../../etc/passwd", "/a/../../go.mod", "/%2e%2e/go.mod", "/%2E%2E/%2e%2e/etc/passwd",
		"/a/%2e%2e/a/b.txt", "/a%2fb.txt", "/..%5cgo.mod", "/a/./b.txt", "/a//b.txt", "//a/b.txt", "/%00", "/a/b.txt%00.html", "/a/%ff.txt",
	} {
		if status, _, body := get(t, addr, p); status != 404 {
			t.Errorf("GET %s: %d %q, want 404", p, status, body)
		}
	}
	if status, _, _ := get(t, addr, "/a/b.txt"); status != 200 {
		t.Errorf("GET /a/b.txt: %d, want 200", status)
	}
}

func TestErrorPageListsEscapedProblems(t *testing.T) {
	s := New()
	s.Publish(map[string][]byte{"index.html": []byte("<html><body>ok</body></html>"), "css/x.css": []byte("body{}")})
	s.Fail([]diag.Diag{
		{Pos: diag.Pos{File: "content/a.md", Line: 3}, Msg: `unknown key "<script>alert(1)</script>"`},
		{Pos: diag.Pos{File: "handboek.yaml", Line: 1}, Msg: "missing title"},
	})
	addr := testServer(t, s)
	status, ctype, body := get(t, addr, "/")
	if status != 500 || !strings.HasPrefix(ctype, "text/html") {
		t.Fatalf("GET / after a failed build: %d %s", status, ctype)
	}
	for _, want := range []string{
		"Build failed: 2 problems",
		"content/a.md:3: unknown key &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34;",
		"handboek.yaml:1: missing title",
		EventsPath,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>alert") {
		t.Error("error page shows a problem unescaped")
	}
	// Assets of the last good build are still served.
	if status, _, _ := get(t, addr, "/css/x.css"); status != 200 {
		t.Errorf("GET /css/x.css during a failed build: %d, want 200", status)
	}
}

// events connects to the event stream and delivers each event's name.
func events(t testing.TB, addr string) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addr+EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream content type %q", ct)
	}
	out := make(chan string, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				out <- name
			}
		}
	}()
	if ev := <-out; ev != "hello" {
		t.Fatalf("first event %q, want hello", ev)
	}
	return out
}

func waitEvent(t testing.TB, ch <-chan string, want string) {
	t.Helper()
	select {
	case ev := <-ch:
		if ev != want {
			t.Fatalf("event %q, want %q", ev, want)
		}
	case <-time.After(time.Minute):
		t.Fatalf("no %s event within a minute", want)
	}
}

// devSite copies the build package's fixture site and serves it.
func devSite(t *testing.T) (dir, addr string, dev *Dev) {
	t.Helper()
	dir = t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../build/testdata/site")); err != nil {
		t.Fatal(err)
	}
	dev, err := NewDev(DevOptions{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { dev.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return dir, testServer(t, dev), dev
}

// writeFile saves as many editors do, into a hidden temporary file renamed
// over the page: one event, whatever the machine's load, so each save gives
// exactly one reload.
func writeFile(t testing.TB, name, data string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

func TestEditReloadsAndBrokenBuildRecovers(t *testing.T) {
	dir, addr, _ := devSite(t)
	ev := events(t, addr)
	// step makes a change and waits for a reload event and then for path to
	// answer as want says. On a busy machine one change can take two
	// rebuilds (a folder removed file by file), so leftover events are
	// drained first and the answer is polled for, not read once.
	step := func(what string, change func(), path string, want func(status int, body string) bool) {
		t.Helper()
		for drained := false; !drained; {
			select {
			case <-ev:
			default:
				drained = true
			}
		}
		change()
		waitEvent(t, ev, "reload")
		var status int
		var body string
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if status, _, body = get(t, addr, path); want(status, body) {
				return
			}
		}
		t.Fatalf("%s: GET %s: %d\n%s", what, path, status, body)
	}
	page := filepath.Join(dir, "content", "dimensies", "visie.md")
	orig, _ := os.ReadFile(page)

	step("edit", func() {
		writeFile(t, page, strings.Replace(string(orig), "Een visie geeft richting.", "Een visie geeft **richting en rust**.", 1))
	}, "/dimensies/visie/", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "<strong>richting en rust</strong>")
	})

	step("broken front matter", func() {
		writeFile(t, page, strings.Replace(string(orig), "kind: dimensie", "kind: <kaart>", 1))
	}, "/dimensies/visie/", func(status int, body string) bool {
		return status == 500 && strings.Contains(body, "content/dimensies/visie.md:3:1: unknown kind &#34;&lt;kaart&gt;&#34;")
	})
	if status, _, _ := get(t, addr, "/spaken/"); status != 500 {
		t.Errorf("other pages during a failed build: %d, want the error page", status)
	}

	step("fixed", func() { writeFile(t, page, string(orig)) }, "/dimensies/visie/", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "Een visie geeft richting.")
	})

	// A broken template: every page shows it; removing the override recovers.
	layout := filepath.Join(dir, "layouts", "partials", "footer.html")
	step("broken template", func() {
		if err := os.MkdirAll(filepath.Dir(layout), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, layout, "<footer>{{ .Page.Title </footer>\n")
	}, "/", func(status int, body string) bool {
		return status == 500 && strings.Contains(body, "layouts/partials/footer.html:1")
	})
	step("template removed", func() {
		if err := os.RemoveAll(filepath.Join(dir, "layouts")); err != nil {
			t.Fatal(err)
		}
	}, "/dimensies/visie/", func(status int, _ string) bool { return status == 200 })

	// A deleted page disappears from the served site (once the page that
	// names it as related is fixed too).
	step("page deleted", func() {
		if err := os.Remove(filepath.Join(dir, "content", "spaken", "reflectie.md")); err != nil {
			t.Fatal(err)
		}
	}, "/", func(status int, body string) bool {
		return status == 500 && strings.Contains(body, "spaken/reflectie")
	})
	feedback := filepath.Join(dir, "content", "dimensies", "feedback.md")
	data, _ := os.ReadFile(feedback)
	step("related entry removed", func() {
		writeFile(t, feedback, strings.Replace(string(data), "related: [spaken/reflectie]\n", "", 1))
	}, "/", func(status int, _ string) bool { return status == 200 })
	if status, _, _ := get(t, addr, "/spaken/reflectie/"); status != 404 {
		t.Errorf("deleted page: %d, want 404", status)
	}
}

func TestSymlinkOutOfTheSiteIsNotServed(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "geheim.txt")
	writeFile(t, secret, "GEHEIME INHOUD")
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../build/testdata/site")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "content", "geheim.txt")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(filepath.Dir(secret), filepath.Join(dir, "content", "map")); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	dev, err := NewDev(DevOptions{Source: dir, Err: &log})
	if err != nil {
		t.Fatal(err)
	}
	addr := testServer(t, dev)
	for _, p := range []string{"/geheim.txt", "/map/geheim.txt"} {
		if status, _, body := get(t, addr, p); status == 200 || strings.Contains(body, "GEHEIME INHOUD") {
			t.Errorf("GET %s through a symlink out of the site: %d %q", p, status, body)
		}
	}
	// The build fails, and every page says why.
	status, _, body := get(t, addr, "/")
	for _, want := range []string{"content/geheim.txt: a symbolic link to " + secret + ", outside the site", "content/map: a symbolic link to "} {
		if status != 500 || !strings.Contains(body, want) {
			t.Errorf("GET / = %d, want 500 with %q", status, want)
		}
	}
	if !strings.Contains(log.String(), "geheim.txt") {
		t.Errorf("no word about the symlink: %q", log.String())
	}
}

// The pages of a rebuild are served at once; a request for a file that
// comes later (the search index) waits for it, also after a failed build,
// and snapshots that were skipped get the newest of those files.
func TestLaterFilesAreWaitedFor(t *testing.T) {
	s := New()
	addr := testServer(t, s)
	release := make(chan struct{})
	s.PublishLater(map[string][]byte{"index.html": []byte("<p>een</p>")}, func() map[string][]byte {
		<-release
		return map[string][]byte{"search/meta.js": []byte("meta 1")}
	})
	if status, _, body := get(t, addr, "/"); status != 200 || !strings.Contains(body, "een") {
		t.Fatalf("GET / while the index is made: %d %q", status, body)
	}
	got := make(chan string)
	go func() {
		_, _, body := get(t, addr, "/search/meta.js")
		got <- body
	}()
	select {
	case body := <-got:
		t.Fatalf("GET /search/meta.js answered %q before the index was made", body)
	case <-time.After(50 * time.Millisecond):
	}
	// Two more rebuilds while the first index is made: the middle one's is
	// never made, its snapshot gets the newest.
	s.PublishLater(map[string][]byte{"index.html": []byte("<p>twee</p>")}, func() map[string][]byte {
		return map[string][]byte{"search/meta.js": []byte("meta 2")}
	})
	middle := s.cur.Load()
	s.PublishLater(map[string][]byte{"index.html": []byte("<p>drie</p>")}, func() map[string][]byte {
		return map[string][]byte{"search/meta.js": []byte("meta 3")}
	})
	close(release)
	if body := <-got; body != "meta 1" {
		t.Errorf("the waiting request got %q, want meta 1", body)
	}
	<-middle.later.done
	if m := string(middle.later.files["search/meta.js"]); m != "meta 3" {
		t.Errorf("the skipped snapshot got %q, want the newest, meta 3", m)
	}
	s.Fail([]diag.Diag{{Pos: diag.Pos{File: "content/x.md", Line: 1}, Severity: diag.Error, Msg: "kapot"}})
	if status, _, body := get(t, addr, "/search/meta.js"); status != 200 || body != "meta 3" {
		t.Errorf("GET /search/meta.js after a failed build: %d %q, want the last good index", status, body)
	}
	if status, _, _ := get(t, addr, "/search/geen.js"); status != 404 && status != 500 {
		t.Errorf("GET of a file in neither: %d, want not found", status)
	}
}
