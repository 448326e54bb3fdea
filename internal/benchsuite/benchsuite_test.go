package benchsuite

import (
	"bytes"
	"os"
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
