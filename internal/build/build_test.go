package build

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

func compile(t *testing.T, source string) (*Result, []site.File) {
	t.Helper()
	var diags diag.List
	res := Compile(Options{Source: source, Version: "test"}, &diags)
	if diags.Len() != 0 {
		t.Fatalf("diagnostics:\n%s", diags.String())
	}
	return res, res.Files
}

func fileMap(files []site.File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m
}

// TestGoldenPages compares whole rendered pages of a fixture site with
// testdata/golden. Run `go test ./internal/build -update` after an intended
// theme change, and review the diff.
func TestGoldenPages(t *testing.T) {
	_, files := compile(t, "testdata/site")
	got := fileMap(files)
	for _, page := range []string{
		"index.html",
		"dimensies/index.html",
		"dimensies/feedback/index.html",
		"spaken/reflectie/index.html",
		"zelfscan/index.html",
		"tags/feedback/index.html",
		"404.html",
		"sitemap.xml",
	} {
		golden := filepath.Join("testdata/golden", filepath.FromSlash(page))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got[page], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got[page], want) {
			t.Errorf("%s differs from %s; run go test -update and review the diff", page, golden)
		}
	}
}

// TestBuildIsDeterministic builds the same input twice; parallel rendering
// must not change a single byte or the order of files.
func TestBuildIsDeterministic(t *testing.T) {
	_, a := compile(t, "testdata/site")
	_, b := compile(t, "testdata/site")
	if len(a) != len(b) {
		t.Fatalf("file counts differ: %d vs %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) || a[i].FromPath != b[i].FromPath {
			t.Errorf("file %d differs: %s vs %s", i, a[i].Path, b[i].Path)
		}
	}
}

func TestRelatedShowsBothWays(t *testing.T) {
	res, _ := compile(t, "testdata/site")
	spoke := res.Site.Page("spaken/reflectie")
	if len(spoke.Related()) != 1 || spoke.Related()[0].Key != "dimensies/feedback" {
		t.Errorf("spoke related = %v, want the dimension that names it", spoke.Related())
	}
	dim := res.Site.Page("dimensies/feedback")
	if dim.Prev() == nil || dim.Prev().Key != "dimensies/visie" || dim.Next() != nil {
		t.Errorf("prev/next wrong: prev %v next %v", dim.Prev(), dim.Next())
	}
	if toc := dim.TOC(); len(toc) != 2 || toc[0].ID != "uit-de-praktijk" {
		t.Errorf("toc = %+v", toc)
	}
}

// copySite copies a fixture site into a temporary folder, with extra files.
func copySite(t *testing.T, from string, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	for name, text := range extra {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A site's own search client is minified on the way out; one that does not
// parse fails the build at its file:line:col, into every sink,
// rather than shipping a script that fails in the reader's browser.
func TestBrokenSearchClientIsAnError(t *testing.T) {
	dir := copySite(t, "testdata/site", map[string]string{
		"static/js/search.js": "(function () {\n  var x = ;\n})();\n",
	})
	for _, tc := range []struct {
		name string
		sink Sink
	}{
		{"in memory", &Memory{}},
		{"to disk", &diskSink{t: t}},
	} {
		var diags diag.List
		Run(context.Background(), Options{Source: dir}, tc.sink, &diags)
		if got, want := diags.String(), "static/js/search.js:2:11: the search client does not parse: Unexpected \";\"\n"; got != want {
			t.Errorf("%s: diagnostics\n%s\nwant\n%s", tc.name, got, want)
		}
	}
	// A client that parses is minified.
	dir = copySite(t, "testdata/site", map[string]string{
		"static/js/search.js": "(function () {\n  var answer = 42;\n  window.answer = answer;\n})();\n",
	})
	_, files := compile(t, dir)
	if got := string(fileMap(files)["js/search.js"]); got != "(function(){var n=42;window.answer=n})();\n" {
		t.Errorf("minified client %q", got)
	}
}
