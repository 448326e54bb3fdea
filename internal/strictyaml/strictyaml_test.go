package strictyaml

import (
	"strings"
	"testing"

	"github.com/handboek/handboek/internal/diag"
)

type card struct {
	Title  string `yaml:"title"`
	Number int    `yaml:"number"`
	Output struct {
		Keep []string `yaml:"keep"`
	} `yaml:"output"`
	Items []struct {
		Q string `yaml:"q"`
	} `yaml:"items"`
}

func TestDecodeReportsEachProblemOnceAtItsLine(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // every diagnostic, in order
		check      func(t *testing.T, c card)
	}{
		{"a key twice keeps the first, and says so once",
			"title: Een\nnumber: 3\ntitle: Twee\n",
			[]string{`f.md:4:1: key "title" appears twice (first on line 2); remove one of them`},
			func(t *testing.T, c card) {
				if c.Title != "Een" || c.Number != 3 {
					t.Errorf("decoded %+v, want the first title and the number", c)
				}
			}},
		{"a nested key twice",
			"items:\n  - q: a\n    q: b\n",
			[]string{`f.md:4:5: key "items.q" appears twice (first on line 3); remove one of them`}, nil},
		{"a fraction for a whole number",
			"number: 7.9\n",
			[]string{`f.md:2:9: number must be a whole number, not 7.9`}, nil},
		{"a whole number",
			"number: 7\n",
			nil, func(t *testing.T, c card) {
				if c.Number != 7 {
					t.Errorf("number = %d", c.Number)
				}
			}},
		{"text for a number",
			"number: zeven\n",
			[]string{"f.md:2: cannot unmarshal text `zeven` into int"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c card
			diags := &diag.List{}
			Decode([]byte(tt.yaml), &c, "f.md", 1, diags)
			var got []string
			for _, d := range diags.All() {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics\n  %q\nwant\n  %q", got, tt.want)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

func TestNestedKeysHavePositions(t *testing.T) {
	var c card
	doc := Decode([]byte("title: T\noutput:\n  keep:\n    - a\n    - b\n"), &c, "handboek.yaml", 0, &diag.List{})
	if got := doc.ItemPos("output.keep", 1).String(); got != "handboek.yaml:5:7" {
		t.Errorf("ItemPos(output.keep, 1) = %s, want handboek.yaml:5:7", got)
	}
	if got := doc.KeyPos("output").String(); got != "handboek.yaml:2:1" {
		t.Errorf("KeyPos(output) = %s", got)
	}
}
