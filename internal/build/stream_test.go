package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/handboek/handboek/internal/corpus"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

// diskSink stands in for publish.Writer: it keeps nothing of the site but
// the files' bytes, as a one-shot build to disk does.
type diskSink struct {
	t     *testing.T
	mu    sync.Mutex
	files map[string][]byte
	write func(site.File) // when set, called on every file
}

func (d *diskSink) Write(f site.File) {
	data := bytes.Clone(f.Data)
	if f.From != nil {
		var err error
		if data, err = fs.ReadFile(f.From, f.FromPath); err != nil {
			d.t.Error(err)
		}
	}
	if d.write != nil {
		d.write(f)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.files == nil {
		d.files = map[string][]byte{}
	}
	d.files[f.Path] = data
}

// streamed builds source the way `handboek build` does: files handed over
// one by one, each page's HTML dropped once written, the search text
// spilled into a file (when spill is set).
func streamed(t *testing.T, source string, spill *os.File) (map[string][]byte, *diag.List) {
	t.Helper()
	diags := &diag.List{}
	opts := Options{Source: source, Version: "test"}
	if spill != nil {
		opts.spill = spill
	}
	sink := &diskSink{t: t}
	if _, err := Run(context.Background(), opts, sink, diags); err != nil {
		t.Fatal(err)
	}
	return sink.files, diags
}

func spillFile(t *testing.T) *os.File {
	f, err := os.CreateTemp(t.TempDir(), "spill-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// A streamed build (bodies read again per page, HTML dropped, search text
// spilled) must make exactly the files of a build held in memory. The
// default handbook's smoke test (TestDefaultHandbook) holds it to the same.
func TestStreamedBuildEqualsInMemoryBuild(t *testing.T) {
	big := t.TempDir()
	// More pages than search.Options.SmallSite, so the index takes its
	// large-site form: records with snippets read back from the spill.
	if err := corpus.Site(big, 250, 7); err != nil {
		t.Fatal(err)
	}
	t.Run("site", func(t *testing.T) { streamedEqualsInMemory(t, "testdata/site", false) })
	t.Run("large", func(t *testing.T) { streamedEqualsInMemory(t, big, true) })
}

// streamedEqualsInMemory builds src streamed, with and without a spill
// file, and in memory, and fails where the files differ, or where the
// spill was used (a site that fits in one chunk) or not (a larger one, when
// spills is set).
func streamedEqualsInMemory(t *testing.T, src string, spills bool) {
	t.Helper()
	_, files := compile(t, src)
	want := map[string][]byte{}
	for _, f := range files {
		data := f.Data
		if f.From != nil {
			data, _ = fs.ReadFile(f.From, f.FromPath)
		}
		want[f.Path] = data
	}
	for _, spill := range []*os.File{nil, spillFile(t)} {
		got, diags := streamed(t, src, spill)
		if diags.Len() != 0 {
			t.Fatalf("diagnostics:\n%s", diags)
		}
		if len(got) != len(want) {
			t.Errorf("spill %v: %d files, want %d", spill != nil, len(got), len(want))
		}
		for path, data := range want {
			if !bytes.Equal(got[path], data) {
				t.Errorf("spill %v: %s differs from the in-memory build", spill != nil, path)
			}
		}
		if spill != nil {
			st, err := spill.Stat()
			if err != nil {
				t.Fatal(err)
			}
			if used := st.Size() > 0; used != spills {
				t.Errorf("spill holds %d bytes after the build", st.Size())
			}
		}
	}
}

// The streamed build reads each body a second time; a file saved in between
// must not give a page made of two versions.
func TestStreamedBuildNoticesAFileChangedMeanwhile(t *testing.T) {
	src := t.TempDir()
	const n = 40
	if err := corpus.Site(src, n, 1); err != nil {
		t.Fatal(err)
	}
	// The last page's job comes last. While the first file is handed over
	// (under the lock, so no worker gets further than its own next file),
	// at most one job per core has started.
	last := corpus.PagePath(n - 1)
	page := filepath.Join(src, filepath.FromSlash(last))
	diags := &diag.List{}
	var mu sync.Mutex
	changed := false
	Run(context.Background(), Options{Source: src}, &diskSink{t: t, write: func(site.File) {
		mu.Lock()
		defer mu.Unlock()
		if !changed {
			changed = true
			data, _ := os.ReadFile(page)
			if err := os.WriteFile(page, append(data, []byte("\nNog een zin.\n")...), 0o644); err != nil {
				t.Error(err)
			}
		}
	}}, diags)
	if !diags.HasErrors() || !strings.Contains(diags.String(), last) || !strings.Contains(diags.String(), "changed during the build") {
		t.Errorf("diagnostics = %q, want that %s changed during the build", diags.String(), last)
	}
}

type failingSpill struct{}

func (failingSpill) WriteAt([]byte, int64) (int, error) {
	return 0, errors.New("no space left on device")
}
func (failingSpill) ReadAt([]byte, int64) (int, error) { return 0, errors.New("unreadable") }

// A spill that cannot be written fails the build with a message, not with
// an index that lacks its snippets.
func TestStreamedBuildReportsAFailingSpill(t *testing.T) {
	big := t.TempDir()
	if err := corpus.Site(big, 250, 7); err != nil {
		t.Fatal(err)
	}
	diags := &diag.List{}
	Run(context.Background(), Options{Source: big, spill: failingSpill{}}, &diskSink{t: t}, diags)
	if !diags.HasErrors() || !strings.Contains(diags.String(), "no space left on device") {
		t.Errorf("diagnostics = %q, want the spill's error", diags.String())
	}
}
