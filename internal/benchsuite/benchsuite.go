package benchsuite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/handboek/handboek/internal/corpus"
)

// Options say what to measure.
type Options struct {
	Sizes []int // pages per corpus
	Runs  int   // runs per tool and size; the fastest counts
	// Self is the handboek binary; it also runs the floor (see FloorArgs).
	Self string
	// Hugo is the hugo binary, or "" to leave Hugo out.
	Hugo string
	Out  io.Writer // the table
	Log  io.Writer // progress
}

// FloorArgs is how the suite asks its own binary to run the floor in a
// separate process, so the floor's peak memory is measured like the others'.
var FloorArgs = []string{"bench", "--run-floor"}

// Row is one tool on one corpus.
type Row struct {
	Tool    string
	Pages   int
	Wall    time.Duration // fastest run
	PeakRSS int64         // bytes, largest of the runs
	Output  int64         // bytes written
	Search  int64         // bytes of the search index, if any
}

// Run measures every tool on every size and prints the table.
func Run(ctx context.Context, o Options) ([]Row, error) {
	if o.Runs < 1 {
		o.Runs = 1
	}
	var rows []Row
	for _, n := range o.Sizes {
		dir, err := os.MkdirTemp("", fmt.Sprintf("handboek-bench-%d-", n))
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		src := filepath.Join(dir, "site")
		fmt.Fprintf(o.Log, "bench: generating %d pages\n", n)
		if err := corpus.Site(src, n, 1); err != nil {
			return nil, err
		}
		tools := []tool{
			{"floor", func(dest string) *exec.Cmd {
				return exec.CommandContext(ctx, o.Self, append(FloorArgs, src, dest)...)
			}},
			{"handboek", func(dest string) *exec.Cmd {
				return exec.CommandContext(ctx, o.Self, "build", "-q", "-s", src, "-d", dest)
			}},
		}
		// The same site without search: what the index costs a build is
		// the difference of two builds made in turns, like every other row.
		nosearch := filepath.Join(dir, "nosearch")
		if err := WithoutSearch(src, nosearch); err != nil {
			return nil, err
		}
		tools = append(tools, tool{"no search", func(dest string) *exec.Cmd {
			return exec.CommandContext(ctx, o.Self, "build", "-q", "-s", nosearch, "-d", dest)
		}})
		if o.Hugo != "" {
			hs := filepath.Join(dir, "hugo")
			if err := HugoSite(src, hs); err != nil {
				return nil, err
			}
			tools = append(tools, tool{"hugo", func(dest string) *exec.Cmd {
				return exec.CommandContext(ctx, o.Hugo, "--quiet", "-s", hs, "-d", dest)
			}})
		}
		// Runs take turns between the tools, so a slow spell of the
		// machine hits all of them; the fastest run of each counts. Each
		// run writes into a new folder after a sync: deleting or flushing
		// the last run's output must not land on the next one, and on this
		// kind of disk it costs as much as writing.
		sizeRows := make([]Row, len(tools))
		for r := range o.Runs {
			for k, t := range tools {
				row := &sizeRows[k]
				row.Tool, row.Pages = t.name, n
				dest := filepath.Join(dir, fmt.Sprintf("out-%s-%d", t.name, r))
				syscall.Sync()
				fmt.Fprintf(o.Log, "bench: %s, %d pages, run %d of %d\n", t.name, n, r+1, o.Runs)
				wall, rss, err := measure(t.cmd(dest))
				if ctx.Err() != nil {
					// Interrupted: the child was killed; removing the
					// corpus and outputs (deferred) takes a moment.
					fmt.Fprintf(o.Log, "bench: interrupted; removing %s (Ctrl-C again to leave it)\n", dir)
					return nil, ctx.Err()
				}
				if err != nil {
					return nil, fmt.Errorf("%s on %d pages: %w", t.name, n, err)
				}
				if r == 0 || wall < row.Wall {
					row.Wall = wall
				}
				row.PeakRSS = max(row.PeakRSS, rss)
				if r == o.Runs-1 {
					// Every run wrote the same files: measure the last one's.
					row.Output = dirSize(dest)
					row.Search = dirSize(filepath.Join(dest, "search"))
				}
			}
		}
		rows = append(rows, sizeRows...)
		os.RemoveAll(dir)
	}
	Print(o.Out, rows, o.Runs)
	return rows, nil
}

// tool is one generator: the command that builds the corpus into dest.
type tool struct {
	name string
	cmd  func(dest string) *exec.Cmd
}

func measure(cmd *exec.Cmd) (time.Duration, int64, error) {
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("%v: %s", err, stderr.b)
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return wall, rss, nil
}

type limitedBuffer struct{ b []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if len(l.b) < 4096 {
		l.b = append(l.b, p[:min(len(p), 4096-len(l.b))]...)
	}
	return len(p), nil
}

// WithoutSearch copies the site in src to dst with output.search off: the
// same site, so that the difference of two builds is what search costs.
func WithoutSearch(src, dst string) error {
	// The folders a build reads (server.Watched), where the site has them.
	for _, d := range []string{"content", "themes", "layouts", "static", "i18n"} {
		from := filepath.Join(src, d)
		if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) && d != "content" {
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, d), os.DirFS(from)); err != nil {
			return err
		}
	}
	cfg, err := os.ReadFile(filepath.Join(src, "handboek.yaml"))
	if err != nil {
		return err
	}
	// A site that has an output section (the default handbook) gets the
	// key in it: a second section would be a duplicate key.
	text := string(cfg)
	if strings.Contains(text, "\noutput:\n") {
		text = strings.Replace(text, "\noutput:\n", "\noutput:\n  search: false\n", 1)
	} else {
		text += "\noutput:\n  search: false\n"
	}
	return os.WriteFile(filepath.Join(dst, "handboek.yaml"), []byte(text), 0o644)
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// Print writes the table: per size each tool's time, memory and ratios to
// the floor and to Hugo, then how handboek's time grows with size.
func Print(w io.Writer, rows []Row, runs int) {
	fmt.Fprintf(w, "handboek bench: %d cores, %s %s/%s; fastest of %d run(s), each into an empty folder\n\n",
		runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, runs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pages\ttool\twall s\tms/page\tpeak MB\toutput MB\tsearch KB\tx floor\tx hugo\t")
	find := func(tool string, n int) *Row {
		for i := range rows {
			if rows[i].Tool == tool && rows[i].Pages == n {
				return &rows[i]
			}
		}
		return nil
	}
	for _, r := range rows {
		ratio := func(base *Row) string {
			if base == nil || base.Wall == 0 || base.Tool == r.Tool {
				return "-"
			}
			return fmt.Sprintf("%.2f", r.Wall.Seconds()/base.Wall.Seconds())
		}
		search := "-"
		if r.Search > 0 {
			search = fmt.Sprintf("%.0f", float64(r.Search)/1024)
		}
		fmt.Fprintf(tw, "%d\t%s\t%.2f\t%.3f\t%.0f\t%.0f\t%s\t%s\t%s\t\n", r.Pages, r.Tool, r.Wall.Seconds(),
			float64(r.Wall.Microseconds())/1000/float64(r.Pages), float64(r.PeakRSS)/(1<<20), float64(r.Output)/(1<<20),
			search, ratio(find("floor", r.Pages)), ratio(find("hugo", r.Pages)))
	}
	tw.Flush()
	var sizes []int
	for _, r := range rows {
		if r.Tool == "handboek" {
			sizes = append(sizes, r.Pages)
		}
	}
	for _, n := range sizes {
		if a, b := find("handboek", n), find("no search", n); a != nil && b != nil && b.Wall > 0 {
			fmt.Fprintf(w, "\nsearch adds %.0f%% to the build of %d pages (handboek against no search)", 100*(a.Wall.Seconds()-b.Wall.Seconds())/b.Wall.Seconds(), n)
		}
	}
	fmt.Fprintln(w)
	for i := 1; i < len(sizes); i++ {
		a, b := find("handboek", sizes[i-1]), find("handboek", sizes[i])
		fmt.Fprintf(w, "\nhandboek growth %d -> %d pages: time x%.1f for x%.0f pages\n", a.Pages, b.Pages,
			b.Wall.Seconds()/a.Wall.Seconds(), float64(b.Pages)/float64(a.Pages))
	}
}

// ErrNoHugo is returned by FindHugo when Hugo is not installed.
var ErrNoHugo = errors.New("hugo not found (Debian/Ubuntu: apt-get install -y hugo)")

// FindHugo returns path if set, else hugo on PATH.
func FindHugo(path string) (string, error) {
	if path == "" {
		path = "hugo"
	}
	p, err := exec.LookPath(path)
	if err != nil {
		return "", ErrNoHugo
	}
	return p, nil
}
