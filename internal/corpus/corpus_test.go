package corpus

import (
	"bytes"
	"strings"
	"testing"
)

func TestFilesAreDeterministicAndShaped(t *testing.T) {
	a, b := Files(250, 1), Files(250, 1)
	if len(a) != len(b) || len(a) != 250+3+2 { // pages, 3 sections, home, config
		t.Fatalf("got %d and %d files", len(a), len(b))
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			t.Fatalf("%s differs between two runs with the same seed", k)
		}
	}
	page := string(a[PagePath(0)])
	words := len(strings.Fields(page[strings.Index(page[3:], "---")+6:]))
	if words < 600 || words > 1100 {
		t.Errorf("page body has %d words, want 600-900 plus markup", words)
	}
	if !strings.Contains(page, "kind: dimensie") || !strings.Contains(page, "](/sectie-") {
		t.Errorf("page lacks kind or internal links:\n%s", page[:400])
	}
}
