package build

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/handboek/handboek/internal/benchsuite"
	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/corpus"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/publish"
	"github.com/handboek/handboek/internal/render"
	"github.com/handboek/handboek/internal/site"
	"github.com/handboek/handboek/internal/sitefs"
)

// Benchmarks of the whole build and of each stage on generated corpora
// (internal/corpus). Sizes: 1,000 pages by default; set
// HANDBOEK_BENCH_SIZES=1000,10000 for the large one.

func benchSizes() []int { return corpus.Sizes() }

var corpusDirs sync.Map

// corpusSite generates a corpus once per size per test binary run.
func corpusSite(b *testing.B, n int) string {
	if d, ok := corpusDirs.Load(n); ok {
		return d.(string)
	}
	dir, err := os.MkdirTemp("", fmt.Sprintf("handboek-corpus-%d-", n))
	if err != nil {
		b.Fatal(err)
	}
	if err := corpus.Site(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	corpusDirs.Store(n, dir)
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	corpusDirs.Range(func(_, v any) bool { os.RemoveAll(v.(string)); return true })
	os.Exit(code)
}

// reportPerPage reports wall and CPU time per page. On a shared machine the
// CPU time (user and system, all cores) is the steadier of the two.
func reportPerPage(b *testing.B, n int, cpuStart time.Duration) {
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/float64(n), "ms/page")
	b.ReportMetric(float64((cpuTime()-cpuStart).Microseconds())/1000/float64(b.N)/float64(n), "cpu-ms/page")
}

// cpuTime is the CPU time this process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBuild is a full build: load, render, assemble, publish to disk.
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			src := corpusSite(b, n)
			dest := filepath.Join(b.TempDir(), "public")
			cpu := cpuTime()
			for b.Loop() {
				var diags diag.List
				res := Compile(Options{Source: src}, &diags)
				if diags.HasErrors() {
					b.Fatal(diags.String())
				}
				if _, err := publish.Atomic(context.Background(), dest, publish.Options{}, res.Files); err != nil {
					b.Fatal(err)
				}
			}
			reportPerPage(b, n, cpu)
		})
	}
}

// BenchmarkFloor is the least any generator can do for the same corpus
// (benchsuite.Floor): read, parse front matter, render Markdown with
// goldmark, execute one trivial template with the same section navigation,
// write, in parallel.
func BenchmarkFloor(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			src := corpusSite(b, n)
			cpu := cpuTime()
			for b.Loop() {
				if err := benchsuite.Floor(src, filepath.Join(b.TempDir(), "out")); err != nil {
					b.Fatal(err)
				}
			}
			reportPerPage(b, n, cpu)
		})
	}
}

// BenchmarkStages times each pipeline stage alone on the same corpus.
func BenchmarkStages(b *testing.B) {
	for _, n := range benchSizes() {
		src := corpusSite(b, n)
		root := os.DirFS(src)
		contentFS, _ := fs.Sub(root, "content")
		var diags diag.List
		cfg := config.Load(root, &diags)
		set := content.Load(contentFS, content.Options{}, &diags)
		r := render.New(render.Options{})
		rendered := Render(set, r, &diags)
		theme := site.LoadTheme(sitefs.Layers(src, cfg.Theme), cfg.Language, &diags)
		in := site.Input{Config: cfg, Content: set, Rendered: rendered, Theme: theme, ContentFS: contentFS}
		files := site.Assemble(in, &diags).Render(&diags)
		if diags.HasErrors() {
			b.Fatal(diags.String())
		}
		b.Run(fmt.Sprintf("load/%d", n), func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				content.Load(contentFS, content.Options{}, &diag.List{})
			}
			reportPerPage(b, n, cpu)
		})
		b.Run(fmt.Sprintf("render/%d", n), func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				Render(set, r, &diag.List{})
			}
			reportPerPage(b, n, cpu)
		})
		b.Run(fmt.Sprintf("assemble/%d", n), func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				site.Assemble(in, &diag.List{}).Render(&diag.List{})
			}
			reportPerPage(b, n, cpu)
		})
		b.Run(fmt.Sprintf("write/%d", n), func(b *testing.B) {
			dest := filepath.Join(b.TempDir(), "public")
			cpu := cpuTime()
			for b.Loop() {
				if _, err := publish.Atomic(context.Background(), dest, publish.Options{}, files); err != nil {
					b.Fatal(err)
				}
			}
			reportPerPage(b, n, cpu)
		})
	}
}
