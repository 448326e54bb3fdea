package benchsuite

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handboek/handboek/internal/corpus"
)

func TestFloorWritesEveryPage(t *testing.T) {
	src, dest := t.TempDir(), t.TempDir()
	if err := corpus.Site(src, 30, 1); err != nil {
		t.Fatal(err)
	}
	if err := Floor(src, dest); err != nil {
		t.Fatal(err)
	}
	var pages, out int
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, d os.DirEntry, err error) error {
		if strings.HasSuffix(p, ".md") {
			pages++
		}
		return nil
	})
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if strings.HasSuffix(p, "index.html") {
			out++
			if b, _ := os.ReadFile(p); !bytes.Contains(b, []byte("<main>")) {
				t.Errorf("%s has no rendered body", p)
			}
		}
		return nil
	})
	if out != pages || pages == 0 {
		t.Errorf("floor wrote %d pages for %d Markdown files", out, pages)
	}
}

func TestHugoConfigKeepsContentDirTopLevel(t *testing.T) {
	dir := t.TempDir()
	if err := HugoSite("/srv/site", dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// A key after a [table] header belongs to that table, and Hugo would
	// then silently build an empty site.
	first := strings.SplitN(string(b), "\n", 2)[0]
	if first != `contentDir = "/srv/site/content"` {
		t.Errorf("first line of hugo.toml = %q", first)
	}
	for name := range hugoLayouts {
		if _, err := os.Stat(filepath.Join(dir, "layouts", name)); err != nil {
			t.Error(err)
		}
	}
}

func TestPrintRatiosAndGrowth(t *testing.T) {
	rows := []Row{
		{Tool: "floor", Pages: 1000, Wall: time.Second},
		{Tool: "handboek", Pages: 1000, Wall: 1200 * time.Millisecond, PeakRSS: 100 << 20},
		{Tool: "hugo", Pages: 1000, Wall: 2 * time.Second},
		{Tool: "floor", Pages: 10000, Wall: 10 * time.Second},
		{Tool: "handboek", Pages: 10000, Wall: 12600 * time.Millisecond, Search: 2048},
	}
	var b bytes.Buffer
	Print(&b, rows, 3)
	out := b.String()
	for _, want := range []string{
		"1000  handboek    1.20    1.200      100",
		"1.20    0.60", // x floor, x hugo
		"10000  handboek   12.60    1.260",
		"2     1.26", // search KB, x floor
		"growth 1000 -> 10000 pages: time x10.5 for x10 pages",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestCollectedReadsCallgrindsTotal(t *testing.T) {
	for _, tc := range []struct {
		report string
		want   uint64
		ok     bool
	}{
		{"==12263== Callgrind, a call-graph generating cache profiler\n==12263== \n==12263== Events    : Ir\n==12263== Collected : 293051655\n==12263== \n==12263== I   refs:      293,051,655\n", 293051655, true},
		{"==1== Collected : 7\n", 7, true},
		{"valgrind: failed to start tool 'callgrind'\n", 0, false},
		{"", 0, false},
	} {
		got, err := collected(tc.report)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("collected(%q) = %d, %v; want %d, ok %v", tc.report, got, err, tc.want, tc.ok)
		}
	}
}

// The site without search must differ from the site only in output.search,
// also when its config has an output section already.
func TestWithoutSearchTurnsSearchOff(t *testing.T) {
	for _, cfg := range []string{"title: A\n", "title: A\noutput:\n  sitemap: true\n"} {
		src, dst := t.TempDir(), filepath.Join(t.TempDir(), "off")
		if err := os.MkdirAll(filepath.Join(src, "content"), 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(src, "handboek.yaml"), []byte(cfg), 0o644)
		os.WriteFile(filepath.Join(src, "content", "a.md"), []byte("# A\n"), 0o644)
		if err := WithoutSearch(src, dst); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(filepath.Join(dst, "handboek.yaml"))
		if strings.Count(string(got), "output:") != 1 || !strings.Contains(string(got), "output:\n  search: false\n") {
			t.Errorf("config %q became %q", cfg, got)
		}
		if _, err := os.Stat(filepath.Join(dst, "content", "a.md")); err != nil {
			t.Error(err)
		}
	}
}

// With valgrind installed, a small corpus is counted with and without
// search and without the index, and each costs something.
func TestSearchCostCountsBothBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two builds under callgrind")
	}
	valgrind, err := FindValgrind()
	if err != nil {
		t.Skip(err)
	}
	self := buildSelf(t)
	var out, log bytes.Buffer
	rows, err := SearchCost(t.Context(), CostOptions{Sizes: []int{12}, Runs: 1, Self: self, Valgrind: valgrind, Out: &out, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	// Search's page and box cost something, and the index more.
	if r := rows; len(r) != 1 || r[0].Pages != 12 || r[0].Without == 0 || r[0].NoIndex <= r[0].Without || r[0].With <= r[0].NoIndex {
		t.Fatalf("rows %+v", rows)
	}
	if !strings.Contains(out.String(), "the index adds") {
		t.Errorf("table:\n%s", out.String())
	}
}

// buildSelf builds the handboek binary for a test.
func buildSelf(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "handboek")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/handboek/handboek/cmd/handboek").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
