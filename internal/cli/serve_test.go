package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer that the server goroutine and the test can
// share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServePrintsURLServesAndStopsOnCancel runs `handboek serve` as Main
// does, fetches the printed URL, and stops it as Ctrl-C does (by cancelling
// the context).
// serving is a running handboek serve of a copy of the test site.
type serving struct {
	url       string
	out, errs syncBuffer
	code      chan int
	cancel    context.CancelFunc
}

func startServe(t *testing.T, args ...string) *serving {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../build/testdata/site")); err != nil {
		t.Fatal(err)
	}
	s := &serving{code: make(chan int, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	t.Cleanup(cancel)
	args = append([]string{"serve", "-s", dir, "--port", "0"}, args...)
	go func() { s.code <- Run(ctx, args, Streams{Out: &s.out, Err: &s.errs}) }()
	urlRe := regexp.MustCompile(`Serving .* at (http://127\.0\.0\.1:\d+/)`)
	for deadline := time.Now().Add(time.Minute); s.url == ""; time.Sleep(10 * time.Millisecond) {
		if m := urlRe.FindStringSubmatch(s.out.String()); m != nil {
			s.url = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("no URL printed; stdout %q, stderr %q", s.out.String(), s.errs.String())
		}
	}
	return s
}

func TestServePrintsURLServesAndStopsOnCancel(t *testing.T) {
	s := startServe(t)
	url, out, errs, code, cancel := s.url, &s.out, &s.errs, s.code, s.cancel
	resp, err := http.Get(url + "dimensies/visie/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Een visie geeft richting.") {
		t.Fatalf("GET %sdimensies/visie/: %d", url, resp.StatusCode)
	}
	// An open page's event stream must not hold up the shutdown.
	events, err := http.Get(url + "__handboek/events")
	if err != nil {
		t.Fatal(err)
	}
	defer events.Body.Close()
	if !strings.Contains(out.String(), "first build: ") {
		t.Errorf("no build line in %q", out.String())
	}
	cancel()
	select {
	case c := <-code:
		if c != ExitOK {
			t.Errorf("exit code %d after Ctrl-C, stderr %q", c, errs.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop within a minute of Ctrl-C with a page open")
	}
	// Had the stream held it up, the shutdown would have waited out its
	// grace period and said so; timing the stop instead fails under load.
	if strings.Contains(errs.String(), "cut off") {
		t.Errorf("the open event stream held up the shutdown: %q", errs.String())
	}
	if !strings.HasSuffix(out.String(), "Stopped.\n") {
		t.Errorf("stdout does not end with Stopped.: %q", out.String())
	}
}

// A request for any other host name (DNS rebinding) gets 403; names given
// with --allow-host are answered.
func TestServeAnswersOnlyItsOwnHostNames(t *testing.T) {
	s := startServe(t, "--allow-host", "handboek.intern")
	for host, want := range map[string]int{"": 200, "localhost": 200, "handboek.intern": 200, "evil.example": 403} {
		req, _ := http.NewRequest("GET", s.url+"dimensies/visie/", nil)
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: %d, want %d", host, resp.StatusCode, want)
		}
		if want == 403 && !strings.Contains(string(body), "does not answer requests for host \"evil.example\"") {
			t.Errorf("Host %q: body %q", host, body)
		}
	}
}
