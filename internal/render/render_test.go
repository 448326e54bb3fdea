package render

import (
	"errors"
	"flag"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// TestGolden renders every testdata/*.md and compares with the .html beside it.
// Run `go test ./internal/render -update` after an intended change.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no golden inputs in testdata/")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			unsafe := strings.Contains(f, "unsafe")
			res, err := New(Options{Unsafe: unsafe}).Markdown(src, Page{File: "dimensies/test.md", URL: "/dimensies/test/", FirstLine: 1})
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, []byte(res.HTML), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if string(res.HTML) != string(want) {
				t.Errorf("%s differs from %s:\n--- got ---\n%s\n--- want ---\n%s", f, golden, res.HTML, want)
			}
		})
	}
}

func TestLinksAreRewrittenAndRecorded(t *testing.T) {
	body := "Intro\n\n" +
		"See [a](/spaken/x/#kop) and [b](../spaken/y.md).\n\n" +
		"- [c](feedback.md#uit-de-praktijk)\n" +
		"- [d](https://example.org/) and [e](#lokaal)\n\n" +
		"![](plaatje.png)\n\n" +
		"[f](_index.md)\n"
	res, err := New(Options{}).Markdown([]byte(body), Page{File: "dimensies/visie.md", URL: "/dimensies/visie/", FirstLine: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		dest, site, href string
		line             int
	}{
		{"/spaken/x/#kop", "/spaken/x/#kop", `href="../../spaken/x/#kop"`, 12},
		{"../spaken/y.md", "/spaken/y/", `href="../../spaken/y/"`, 12},
		{"feedback.md#uit-de-praktijk", "/dimensies/feedback/#uit-de-praktijk", `href="../feedback/#uit-de-praktijk"`, 14},
		{"https://example.org/", "", `href="https://example.org/"`, 15},
		{"#lokaal", "/dimensies/visie/#lokaal", `href="#lokaal"`, 15},
		{"plaatje.png", "/dimensies/plaatje.png", `src="../plaatje.png"`, 17},
		{"_index.md", "/dimensies/", `href="../"`, 19},
	}
	if len(res.Links) != len(want) {
		t.Fatalf("got %d links, want %d: %+v", len(res.Links), len(want), res.Links)
	}
	for i, w := range want {
		l := res.Links[i]
		if l.Dest != w.dest || l.SitePath != w.site || l.Line != w.line {
			t.Errorf("link %d = %+v, want dest %q site %q line %d", i, l, w.dest, w.site, w.line)
		}
		if !strings.Contains(string(res.HTML), w.href) {
			t.Errorf("HTML lacks %s:\n%s", w.href, res.HTML)
		}
	}
	if img := res.Links[5]; !img.Image || img.Alt != "" {
		t.Errorf("image without alt not recorded as such: %+v", img)
	}
}

func TestHeadingsAndSections(t *testing.T) {
	body := "Eerst dit.\n\n## Één stap\n\nTekst *met* nadruk.\n\n## Één stap\n\n### Daarna\n\nMeer.\n"
	res, err := New(Options{}).Markdown([]byte(body), Page{File: "a.md", URL: "/a/", FirstLine: 1})
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, h := range res.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, ","); got != "een-stap,een-stap-1,daarna" {
		t.Errorf("heading ids = %s", got)
	}
	if len(res.Sections) != 4 || res.Sections[0].Text != "Eerst dit." || res.Sections[1].Text != "Tekst met nadruk." || res.Sections[1].Heading != "Één stap" {
		t.Errorf("sections = %+v", res.Sections)
	}
	if res.Words != 11 {
		t.Errorf("words = %d, want 11", res.Words)
	}
}

func TestRel(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"/", "/", "./"},
		{"/", "/dimensies/", "dimensies/"},
		{"/dimensies/", "/dimensies/", "./"},
		{"/dimensies/x/", "/dimensies/y/", "../y/"},
		{"/dimensies/x/", "/", "../../"},
		{"/dimensies/x/", "/css/handboek.css", "../../css/handboek.css"},
		{"/a/b/c/", "/a/d/", "../../d/"},
		{"/404.html", "/dimensies/", "dimensies/"},
		{"/a/b/", "/a/b/c.png", "c.png"},
		{"/a/b/", "/a/bc/", "../bc/"},
		{"/a/bc/", "/a/b/", "../b/"},
		{"/a/b/", "/a/", "../"},
		{"/a/", "/a/b/c/", "b/c/"},
		{"/a/b/", "/a/b", "../b"},
		{"/a/b/", "/", "../../"},
		{"/a/b/index.html", "/a/c/", "../c/"},
	}
	for _, tt := range tests {
		if got := Rel(tt.from, tt.to); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// relBySplit is the plain version of Rel, splitting both paths into parts:
// Rel must give the same answers.
func relBySplit(from, to string) string {
	fromDir := from
	if !strings.HasSuffix(fromDir, "/") {
		fromDir = strings.TrimSuffix(path.Dir(fromDir), "/") + "/"
	}
	fromParts := strings.Split(strings.Trim(fromDir, "/"), "/")
	if fromDir == "/" {
		fromParts = nil
	}
	toParts := strings.Split(strings.TrimPrefix(to, "/"), "/")
	i := 0
	for i < len(fromParts) && i < len(toParts)-1 && fromParts[i] == toParts[i] {
		i++
	}
	out := strings.Repeat("../", len(fromParts)-i) + strings.Join(toParts[i:], "/")
	if out == "" {
		return "./"
	}
	return out
}

func TestRelMatchesSplitting(t *testing.T) {
	parts := []string{"a", "b", "ab", "x.html", "index.html", ""}
	var paths []string
	for _, p := range parts {
		for _, q := range parts {
			for _, r := range parts {
				paths = append(paths, "/"+p+"/"+q+"/"+r, "/"+p+"/"+q+"/"+r+"/", "/"+p, "/"+p+"/")
			}
		}
	}
	for _, from := range paths {
		if strings.Contains(from, "//") {
			continue // site paths never have empty parts
		}
		for _, to := range paths {
			if strings.Contains(to, "//") {
				continue
			}
			if got, want := Rel(from, to), relBySplit(from, to); got != want {
				t.Fatalf("Rel(%q, %q) = %q, want %q", from, to, got, want)
			}
		}
	}
}

func TestSqueezeIsJoinedFields(t *testing.T) {
	for _, in := range []string{"", "   ", "een", "  een  twee\n\tdrie ", "creëren\u00a0ideeën", "a\u2003b\u3000 c", "ç€ 😀  x", "\xff broken \xfe"} {
		got, n := squeeze([]byte(in))
		want := strings.Fields(in)
		if got != strings.Join(want, " ") || n != len(want) {
			t.Errorf("squeeze(%q) = %q, %d; want %q, %d", in, got, n, strings.Join(want, " "), len(want))
		}
	}
}

func BenchmarkSqueeze(b *testing.B) {
	text := []byte(strings.Repeat("De leidinggevende  creëren\tideeën\n samen met het team. ", 200))
	for b.Loop() {
		squeeze(text)
	}
	b.SetBytes(int64(len(text)))
}

// Headings with the same text get numbered IDs; making them must stay
// linear in their number (5,000 took 10 s when each one counted up from 1).
func BenchmarkDuplicateHeadings(b *testing.B) {
	for _, n := range []int{1000, 5000, 10000} {
		body := []byte(strings.Repeat("## Stap\n\nTekst.\n\n", n))
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			r := New(Options{})
			for b.Loop() {
				if _, err := r.Markdown(body, Page{File: "a.md", URL: "/a/", FirstLine: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestDuplicateHeadingsGetNumberedIDs(t *testing.T) {
	r := New(Options{})
	res, err := r.Markdown([]byte("## Stap\n## Stap\n## Stap 1\n## Stap\n## Stap 2\n## Één stap\n## \n## !!\n"), Page{File: "a.md", URL: "/a/", FirstLine: 1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Headings {
		got = append(got, h.ID)
	}
	want := "stap stap-1 stap-1-1 stap-2 stap-2-1 een-stap sectie sectie-1"
	if strings.Join(got, " ") != want {
		t.Errorf("IDs %q, want %q", strings.Join(got, " "), want)
	}
}

// A page over its budget fails with ErrTimeout instead of holding up the
// build; within it, a page renders as without one.
func TestTimeoutFailsThePage(t *testing.T) {
	body := []byte(strings.Repeat("## Stap\n\n*Tekst* [link](/a/).\n\n", 20000))
	pg := Page{File: "a.md", URL: "/a/", FirstLine: 5}
	_, err := New(Options{Timeout: time.Millisecond}).Markdown(body, pg)
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "took too long (over 1ms)") {
		t.Errorf("Markdown = %v, want ErrTimeout", err)
	}
	with, err := New(Options{Timeout: time.Minute}).Markdown(body[:1000], pg)
	if err != nil {
		t.Fatal(err)
	}
	without, _ := New(Options{}).Markdown(body[:1000], pg)
	if with.HTML != without.HTML || len(with.Headings) != len(without.Headings) {
		t.Error("a page renders differently with a timeout")
	}
}
