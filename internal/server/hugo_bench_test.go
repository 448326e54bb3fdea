package server

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hugoLayouts is the least a Hugo site needs to render the corpus the way
// handboek does: every page with its section's navigation and its content.
var hugoLayouts = map[string]string{
	"config.toml": "baseURL = \"https://bench.example/\"\ntitle = \"Benchmarkhandboek\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n",
	"layouts/_default/baseof.html": `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<nav><ol>{{ range .CurrentSection.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>`,
	"layouts/_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>{{ .Content }}{{ end }}`,
	"layouts/_default/list.html":   `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}`,
}

// BenchmarkSaveToReloadHugo measures `hugo server` on the same 1,000-page
// corpus, for comparison with BenchmarkSaveToReload: from the write of one
// page to the line "Total in N ms" that Hugo prints when the rebuild is done
// (ms-median, ms-p90), and Hugo's own N (ms-rebuild-median), which leaves out
// the time its file watcher batches events before rebuilding
// (it sends its livereload message right then; it renders to memory by default). Before each edit the page is
// fetched, as an open browser tab would, since Hugo's fast render mode
// re-renders the pages that were visited. Skipped without a hugo binary.
func BenchmarkSaveToReloadHugo(b *testing.B) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		b.Skip("no hugo on PATH (Debian: apt-get install hugo)")
	}
	dir := corpusSite(b, 1000)
	for name, data := range hugoLayouts {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
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
	pages := cards(b, dir)
	r := rand.New(rand.NewPCG(1, 2))
	var took, reported []time.Duration
	i := 0
	for b.Loop() {
		i++
		page := pages[r.IntN(len(pages))]
		rel, _ := filepath.Rel(filepath.Join(dir, "content"), page)
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
