package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/handboek/handboek/internal/browser"
	"github.com/handboek/handboek/internal/browser/browsertest"
	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
)

// TestReadmeCommands runs the README's commands in order, as a new user
// types them, in an empty folder, and holds every output the README shows
// right after a block of commands to what they print. Left out: make and go
// (they need the repository or the network), and serve, which runs until
// stopped (serve_test.go and the server's tests cover it); printing cards
// needs Chromium and runs where it is found. The error examples shown on
// their own are asserted by bad_input.txtar and guidance.txtar. The
// README's configuration and front matter examples must load without a
// problem, and its deployment snippets (YAML, XML) must parse.
func TestReadmeCommands(t *testing.T) {
	blocks := readmeBlocks(t)
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	_, noBrowser := browser.Find("")
	printCards := !testing.Short() && (noBrowser == nil || os.Getenv(browsertest.EnvRequire) != "" || os.Getenv("CI") != "")
	found, ran := 0, 0
	for i, b := range blocks {
		switch b.lang {
		case "sh":
			var out bytes.Buffer
			for _, line := range b.lines {
				args := shellWords(line)
				if len(args) == 0 {
					continue
				}
				switch {
				case args[0] == "cd" && len(args) == 2:
					if err := os.Chdir(args[1]); err != nil {
						t.Fatalf("README.md:%d: %s: %v", b.line, line, err)
					}
					continue
				case args[0] != "handboek":
					continue
				}
				found++
				switch {
				case args[1] == "serve":
					continue
				case (args[1] == "cards" || hasArg(args, "--cards")) && !printCards:
					t.Logf("README.md:%d: %s: left out without Chromium or in -short", b.line, strings.Join(args, " "))
					continue
				}
				ran++
				if code := Run(context.Background(), args[1:], Streams{Out: &out, Err: &out}); code != ExitOK {
					t.Fatalf("README.md:%d: %s exited %d:\n%s", b.line, line, code, out.String())
				}
			}
			if i+1 < len(blocks) && blocks[i+1].lang == "text" {
				matchOutput(t, blocks[i+1], out.String())
			}
		case "yaml":
			checkYAML(t, b)
		case "xml":
			dec := xml.NewDecoder(strings.NewReader(b.text()))
			for {
				if _, err := dec.Token(); errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					t.Errorf("README.md:%d: the XML does not parse: %v", b.line, err)
					break
				}
			}
		case "markdown":
			checkFrontMatter(t, b, filepath.Join(repo, "content"))
		}
	}
	// The README shows nine commands to run; far fewer means this test lost
	// track of them (a changed fence, a renamed block).
	if found < 8 || ran < 5 {
		t.Errorf("found %d of the README's commands and ran %d", found, ran)
	}
}

type readmeBlock struct {
	lang  string
	line  int // of the opening fence
	lines []string
}

func (b readmeBlock) text() string { return strings.Join(b.lines, "\n") + "\n" }

// readmeBlocks returns the README's fenced code blocks in order.
func readmeBlocks(t *testing.T) []readmeBlock {
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var blocks []readmeBlock
	var cur *readmeBlock
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &readmeBlock{lang: strings.TrimPrefix(line, "```"), line: n}
		case cur != nil && line == "```":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, line)
		}
	}
	return blocks
}

var numberRe = regexp.MustCompile(`[0-9]+(?:[.,][0-9]+)*`)

// matchOutput finds each line of the block in out, in order. Numbers are
// free: times, sizes and counts change with the machine and the content.
func matchOutput(t *testing.T, b readmeBlock, out string) {
	t.Helper()
	got := strings.Split(out, "\n")
	at := 0
	for _, want := range b.lines {
		if strings.TrimSpace(want) == "" {
			continue
		}
		var re strings.Builder
		last := 0
		for _, m := range numberRe.FindAllStringIndex(want, -1) {
			re.WriteString(regexp.QuoteMeta(want[last:m[0]]))
			re.WriteString(`[0-9][0-9.,]*`)
			last = m[1]
		}
		re.WriteString(regexp.QuoteMeta(want[last:]))
		line := regexp.MustCompile("^" + re.String() + "$")
		for at < len(got) && !line.MatchString(strings.TrimRight(got[at], " ")) {
			at++
		}
		if at == len(got) {
			t.Errorf("README.md:%d: the output shown has %q, but the commands printed:\n%s", b.line, want, out)
			return
		}
		at++
	}
}

// checkYAML parses a YAML example; the one with a title is handboek.yaml
// and must load without a problem.
func checkYAML(t *testing.T, b readmeBlock) {
	var v any
	if err := yaml.Unmarshal([]byte(b.text()), &v); err != nil {
		t.Errorf("README.md:%d: the YAML does not parse: %v", b.line, err)
		return
	}
	if !strings.HasPrefix(b.lines[0], "title:") {
		return
	}
	var diags diag.List
	config.Parse([]byte(b.text()), &diags)
	if diags.Len() > 0 {
		t.Errorf("README.md:%d: the handboek.yaml example:\n%s", b.line, diags.String())
	}
}

// checkFrontMatter loads the front matter example as a card, beside the
// default handbook's pages it names as related, which must exist.
func checkFrontMatter(t *testing.T, b readmeBlock, contentDir string) {
	fsys := fstest.MapFS{
		"_index.md":             {Data: []byte("---\ntitle: Thuis\n---\n")},
		"dimensies/_index.md":   {Data: []byte("---\ntitle: Dimensies\n---\n")},
		"dimensies/feedback.md": {Data: []byte(b.text())},
	}
	var fm struct {
		Related []string `yaml:"related"`
	}
	front, _, _ := strings.Cut(strings.TrimPrefix(b.text(), "---\n"), "\n---\n")
	if err := yaml.Unmarshal([]byte(front), &fm); err != nil || len(fm.Related) == 0 {
		t.Fatalf("README.md:%d: no related pages in the front matter example (%v)", b.line, err)
	}
	for _, key := range fm.Related {
		data, err := os.ReadFile(filepath.Join(contentDir, filepath.FromSlash(key)+".md"))
		if err != nil {
			t.Errorf("README.md:%d: related %s is no page of the default handbook: %v", b.line, key, err)
			continue
		}
		section, _, _ := strings.Cut(key, "/")
		fsys[key+".md"] = &fstest.MapFile{Data: data}
		fsys[section+"/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + section + "\n---\n")}
	}
	var diags diag.List
	set := content.Load(fsys, content.Options{}, &diags)
	// The real related page names pages of its own, which are not here.
	for _, d := range diags.All() {
		if d.Pos.File == "content/dimensies/feedback.md" {
			t.Errorf("README.md:%d: the front matter example: %v", b.line, d)
		}
	}
	if set.ByKey["dimensies/feedback"] == nil {
		t.Errorf("README.md:%d: the front matter example did not load", b.line)
	}
}

func hasArg(args []string, arg string) bool {
	for _, a := range args {
		if a == arg {
			return true
		}
	}
	return false
}

// shellWords splits a command line as a shell would for the README's
// commands: words, "double" and 'single' quotes, and a # comment.
func shellWords(line string) []string {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"' || c == '\'':
			end := strings.IndexByte(line[i+1:], c)
			if end < 0 {
				end = len(line) - i - 1
			}
			w.WriteString(line[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '#' && !inWord:
			return words
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}
