package server

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handboek/handboek/internal/benchsuite"
)

// BenchmarkSaveToReloadHugo measures `hugo server` on the same 1,000-page
// corpus, with layouts doing the work of the default theme, for comparison
// with BenchmarkSaveToReload: from the write of one page to the line
// "Total in N ms" that Hugo prints when the rebuild is done and it sends its
// livereload message (ms-median, ms-p90), and Hugo's own N
// (ms-rebuild-median), which leaves out the time its file watcher batches
// events. Hugo renders to memory by default. Before each edit the page is
// fetched, as an open browser tab would, since Hugo's fast render mode
// re-renders the pages that were visited. Skipped without a hugo binary.
func BenchmarkSaveToReloadHugo(b *testing.B) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		b.Skip("no hugo on PATH (Debian: apt-get install hugo)")
	}
	// Hugo reads the corpus's content through a site of layouts that do the
	// work our default theme does (benchsuite.HugoSite, as in `make bench`).
	src := corpusSite(b, 1000)
	dir := b.TempDir()
	if err := benchsuite.HugoSite(src, dir); err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(hugo, "server", "-s", dir, "--bind", "127.0.0.1", "--port", fmt.Sprint(port))
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	waitLine := func(prefix string) string {
		b.Helper()
		timeout := time.After(60 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					b.Fatal("hugo server stopped")
				}
				if strings.Contains(l, prefix) {
					return l
				}
			case <-timeout:
				b.Fatalf("no %q from hugo server within 60 s", prefix)
			}
		}
	}
	waitLine("Web Server is available")
	pages := cards(b, src)
	r := rand.New(rand.NewPCG(1, 2))
	var took, reported []time.Duration
	i := 0
	for b.Loop() {
		i++
		page := pages[r.IntN(len(pages))]
		rel, _ := filepath.Rel(filepath.Join(src, "content"), page)
		if resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/%s/", port, strings.TrimSuffix(filepath.ToSlash(rel), ".md"))); err == nil {
			resp.Body.Close()
		}
		start := time.Now()
		appendLine(b, page, i)
		l := waitLine("Total in")
		took = append(took, time.Since(start))
		var n int
		if _, err := fmt.Sscanf(l[strings.Index(l, "Total in"):], "Total in %d ms", &n); err == nil {
			reported = append(reported, time.Duration(n)*time.Millisecond)
		}
	}
	reportTimes(b, took, "ms-median", "ms-p90")
	// Hugo's own figure for the rebuild alone, without its watcher's wait.
	reportTimes(b, reported, "ms-rebuild-median", "")
}
