package search_test

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/handboek/handboek/internal/browser/browsertest"
	"github.com/handboek/handboek/internal/search"
	"github.com/handboek/handboek/themes"
)

// analyzerJS runs the shipped search client's analyzer in node, outside a
// page: the script stops before it touches the page when there is no body.
const analyzerJS = `
const vm = require("vm"), fs = require("fs"), readline = require("readline");
const ctx = { window: {}, document: {}, location: { protocol: "file:" } };
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), ctx);
const api = ctx.window.handboekSearch;
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const words = JSON.parse(line);
  process.stdout.write(JSON.stringify(words.map((w) => api.term(w))) + "\n");
});
`

// nodeAnalyzer is one node process answering terms for lists of words.
type nodeAnalyzer struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Scanner
}

func startNodeAnalyzer(tb testing.TB) *nodeAnalyzer {
	tb.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv(browsertest.EnvRequire) != "" {
			tb.Fatalf("node is needed for the analyzer parity fuzz target (make deps): %v", err)
		}
		tb.Skip("no node here (make deps installs it)")
	}
	_, minified := themes.SearchClient()
	script := filepath.Join(tb.TempDir(), "search.min.js")
	if err := os.WriteFile(script, minified, 0o644); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(node, "-e", analyzerJS, script)
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		in.Close()
		cmd.Wait()
	})
	sc := bufio.NewScanner(out)
	sc.Buffer(nil, 1<<24)
	return &nodeAnalyzer{cmd: cmd, in: in, out: sc}
}

func (n *nodeAnalyzer) terms(tb testing.TB, words []string) []string {
	line, _ := json.Marshal(words)
	if _, err := n.in.Write(append(line, '\n')); err != nil {
		tb.Fatal(err)
	}
	answer := make(chan bool, 1)
	go func() { answer <- n.out.Scan() }()
	select {
	case ok := <-answer:
		if !ok {
			tb.Fatalf("node stopped: %v", n.out.Err())
		}
	case <-time.After(10 * time.Second):
		n.cmd.Process.Kill()
		tb.Fatalf("the client took over 10 s for the terms of %q", words)
	}
	var terms []string
	if err := json.Unmarshal(n.out.Bytes(), &terms); err != nil {
		tb.Fatal(err)
	}
	return terms
}

// FuzzAnalyzerGoMatchesJS: every word the index makes (Go) must get the
// same term from the search client (JavaScript), or a reader's query for
// it finds nothing. The seeds are in testdata/fuzz/FuzzAnalyzerGoMatchesJS.
func FuzzAnalyzerGoMatchesJS(f *testing.F) {
	for _, s := range []string{"creëren ideeën", "Geëxporteerd naïef café's", "knieën zeeën", "straße Ærø", "ĲS wĳzen œuvre Færøer"} {
		f.Add(s)
	}
	node := startNodeAnalyzer(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // pages are valid UTF-8 (content refuses others)
		}
		words := search.Words(text)
		if len(words) == 0 {
			return
		}
		got := node.terms(t, words)
		if len(got) != len(words) {
			t.Fatalf("node gave %d terms for %d words", len(got), len(words))
		}
		for i, w := range words {
			if want := search.Term(w); got[i] != want {
				t.Errorf("term(%q): JavaScript %q, Go %q", w, got[i], want)
			}
		}
	})
}
