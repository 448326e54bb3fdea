package benchsuite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/handboek/handboek/internal/corpus"
)

// What search costs a build, counted in instructions rather than timed.
//
// On a shared machine two timed builds differ by more than search costs
// (the same code measured -6% to 30% across runs), so the difference of two
// wall times cannot show whether search adds under 10%. Valgrind's
// callgrind counts the instructions a build executes: the same binary on
// the same site gives the same count within a fraction of a percent,
// whatever else the machine does. It measures work, not waiting: writing
// files costs few instructions and can take long on a slow disk.

// CostOptions say which sites to count.
type CostOptions struct {
	Handbook string // a site folder to count as it is ("" for none)
	Sizes    []int  // generated corpora
	Runs     int    // runs per build; the fewest instructions count
	Self     string // the handboek binary
	Valgrind string
	Out, Log io.Writer
}

// CostRow is one site built with and without search, and with search's
// page and box but no index (build --skip-index): the difference of that
// build and With is the index alone.
type CostRow struct {
	Site                   string
	Pages                  int
	With, Without, NoIndex uint64 // instructions
}

// ErrNoValgrind is returned by FindValgrind when valgrind is missing.
var ErrNoValgrind = errors.New("valgrind not found (Debian/Ubuntu: apt-get install -y valgrind)")

// FindValgrind returns valgrind on PATH.
func FindValgrind() (string, error) {
	p, err := exec.LookPath("valgrind")
	if err != nil {
		return "", ErrNoValgrind
	}
	return p, nil
}

// SearchCost counts each site's build with and without search and prints
// the table.
func SearchCost(ctx context.Context, o CostOptions) ([]CostRow, error) {
	o.Runs = max(o.Runs, 1)
	dir, err := os.MkdirTemp("", "handboek-cost-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	type site struct {
		name, src string
		pages     int
	}
	var sites []site
	if o.Handbook != "" {
		n, err := countPages(o.Handbook)
		if err != nil {
			return nil, err
		}
		sites = append(sites, site{"handbook", o.Handbook, n})
	}
	for _, n := range o.Sizes {
		src := filepath.Join(dir, fmt.Sprintf("corpus-%d", n))
		fmt.Fprintf(o.Log, "bench: generating %d pages\n", n)
		if err := corpus.Site(src, n, 1); err != nil {
			return nil, err
		}
		sites = append(sites, site{"corpus", src, n})
	}
	var rows []CostRow
	for i, s := range sites {
		off := filepath.Join(dir, fmt.Sprintf("nosearch-%d", i))
		if err := WithoutSearch(s.src, off); err != nil {
			return nil, err
		}
		row := CostRow{Site: s.name, Pages: s.pages}
		for r := range o.Runs {
			for _, b := range []struct {
				what, src string
				into      *uint64
				args      []string
			}{{"with search", s.src, &row.With, nil}, {"without search", off, &row.Without, nil}, {"without the index", s.src, &row.NoIndex, []string{"--skip-index"}}} {
				fmt.Fprintf(o.Log, "bench: callgrind, %s (%d pages) %s, run %d of %d\n", s.name, s.pages, b.what, r+1, o.Runs)
				n, err := countBuild(ctx, o.Valgrind, o.Self, b.src, filepath.Join(dir, "out"), b.args...)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", s.src, err)
				}
				if *b.into == 0 || n < *b.into {
					*b.into = n
				}
			}
		}
		rows = append(rows, row)
	}
	PrintCost(o.Out, rows, o.Runs)
	return rows, nil
}

// countBuild runs one build under callgrind and returns its instructions.
// One core: callgrind runs a program's threads one at a time anyway, and
// with more the scheduler's spinning adds instructions that vary from run
// to run. Asynchronous preemption is off because callgrind fails on the
// signal Go sends for it, and RDTSCP is off because valgrind 3.19 cannot
// decode it and Go's runtime uses it on CPUs that have it (AMD EPYC).
func countBuild(ctx context.Context, valgrind, self, src, dest string, args ...string) (uint64, error) {
	os.RemoveAll(dest)
	argv := append([]string{"--tool=callgrind", "--callgrind-out-file=/dev/null", self, "build", "-q", "-s", src, "-d", dest}, args...)
	cmd := exec.CommandContext(ctx, valgrind, argv...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1", "GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("%v: %s", err, stderr.String())
	}
	return collected(stderr.String())
}

var collectedLine = regexp.MustCompile(`(?m)^==\d+== Collected : (\d+)$`)

// collected reads callgrind's total from its report on stderr.
func collected(report string) (uint64, error) {
	m := collectedLine.FindStringSubmatch(report)
	if m == nil {
		return 0, fmt.Errorf("no instruction count in callgrind's report: %q", report)
	}
	return strconv.ParseUint(m[1], 10, 64)
}

// PrintCost writes the table of CostRows.
func PrintCost(w io.Writer, rows []CostRow, runs int) {
	fmt.Fprintf(w, "handboek bench --instructions: callgrind, one core, fewest of %d run(s)\n\n", runs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "site\tpages\tinstructions\twithout search\tsearch adds\twithout the index\tthe index adds\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%.1f%%\t%s\t%.1f%%\t\n", r.Site, r.Pages, millions(r.With), millions(r.Without),
			share(r.With, r.Without, r.Without), millions(r.NoIndex), share(r.With, r.NoIndex, r.Without))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nsearch adds: with search against without; the index adds: with search against search's page and box")
	fmt.Fprintln(w, "without an index (build --skip-index), both as a share of the build without search")
}

// share is a-b as a percentage of of.
func share(a, b, of uint64) float64 { return 100 * (float64(a) - float64(b)) / float64(of) }

func millions(n uint64) string { return fmt.Sprintf("%.1fM", float64(n)/1e6) }

// countPages counts a site's Markdown files, the pages the table names.
func countPages(site string) (int, error) {
	n := 0
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			n++
		}
		return err
	})
	return n, err
}
