package benchsuite

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"go.yaml.in/yaml/v3"

	"github.com/handboek/handboek/internal/corpus"
)

var floorTemplate = template.Must(template.New("p").Parse(`<!DOCTYPE html><html><head><title>{{.Title}}</title></head><body><nav><ol>{{range .Nav}}<li><a href="{{.}}">{{.}}</a></li>{{end}}</ol></nav><main>{{.Body}}</main></body></html>`))

// Floor does the least any generator must do for a corpus site in src: read
// each page, parse its front matter, render its Markdown with goldmark,
// execute one trivial template with a section navigation of the same size as
// the corpus's sections, and write the result under dest, on all cores.
// Builds are compared with it as a ratio, which stays meaningful on a noisy
// machine where absolute times do not.
func Floor(src, dest string) error {
	var files []string
	err := filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	nav := make([]string, corpus.PerSection)
	for i := range nav {
		nav[i] = fmt.Sprintf("../kaart-%05d/", i)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	next := make(chan string)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var html, page bytes.Buffer
			for f := range next {
				if err := floorPage(md, f, src, dest, nav, &html, &page); err != nil {
					mu.Lock()
					first = cmpOr(first, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	return first
}

func floorPage(md goldmark.Markdown, f, src, dest string, nav []string, html, page *bytes.Buffer) error {
	data, err := os.ReadFile(f)
	if err != nil {
		return err
	}
	parts := bytes.SplitN(data, []byte("\n---\n"), 2)
	var fm map[string]any
	if err := yaml.Unmarshal(bytes.TrimPrefix(parts[0], []byte("---\n")), &fm); err != nil {
		return fmt.Errorf("%s: %v", f, err)
	}
	html.Reset()
	page.Reset()
	if err := md.Convert(parts[len(parts)-1], html); err != nil {
		return err
	}
	if err := floorTemplate.Execute(page, map[string]any{"Title": fm["title"], "Nav": nav, "Body": template.HTML(html.String())}); err != nil {
		return err
	}
	rel, _ := filepath.Rel(filepath.Join(src, "content"), f)
	out := filepath.Join(dest, strings.TrimSuffix(rel, ".md"), "index.html")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, page.Bytes(), 0o644)
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
