package strictyaml

import (
	"reflect"
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

type challenge struct {
	Question    string `yaml:"question"`
	Explanation string `yaml:"explanation"`
}

type colors struct {
	Primary string `yaml:"primary"`
}

type shared struct {
	Weight int `yaml:"weight"`
}

type page struct {
	Title      string      `yaml:"title"`
	Number     int         `yaml:"number"`
	Tags       []string    `yaml:"tags"`
	Challenges []challenge `yaml:"challenges"`
	Colors     *colors     `yaml:"colors"`
	Internal   string      `yaml:"-"`
	Draft      bool        // no tag: the key is the lowercase name
	shared     `yaml:",inline"`
}

// known is what an unknown key's message lists for page.
const known = "(known keys: challenges, colors, draft, number, tags, title, weight)"

// Every problem is reported at its line in the file: the YAML starts on
// line 2, after the opening ---, so line 1 of the YAML is line 2.
func TestDecodeReportsEachProblemAtItsLine(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // diagnostics, in order
		invalid    bool
	}{
		{name: "valid", yaml: "title: Visie\nnumber: 3\ntags: [a, b]\nweight: 2\ndraft: true\n"},
		{name: "empty", yaml: ""},
		{
			name: "unknown key",
			yaml: "title: Visie\nsumary: Kort\n",
			want: []string{`x.md:3:1: unknown key "sumary" ` + known},
		},
		{
			name: "unknown key in a list of mappings",
			yaml: "challenges:\n  - question: Hoe?\n    explanaton: Zo.\n",
			want: []string{`x.md:4:5: unknown key "challenges.explanaton" (known keys: explanation, question)`},
		},
		{
			name: "unknown key in a nested mapping, through a pointer",
			yaml: "colors:\n  primary: '#123456'\n  secondary: '#654321'\n",
			want: []string{`x.md:4:3: unknown key "colors.secondary" (known keys: primary)`},
		},
		{
			name: "a key the struct hides with -",
			yaml: "internal: x\n",
			want: []string{`x.md:2:1: unknown key "internal" ` + known},
		},
		{
			name:    "syntax error the scanner finds",
			yaml:    "title: Visie\n\tnumber: 3\n",
			want:    []string{"x.md:3: invalid YAML: found a tab character that violates indentation"},
			invalid: true,
		},
		{
			name:    "syntax error the parser finds (yaml.v3 counts its lines from 0)",
			yaml:    "title: Visie\ntags: [a, b\nnumber: 3\n",
			want:    []string{"x.md:3: invalid YAML: did not find expected ',' or ']'"},
			invalid: true,
		},
		{
			name:    "not a mapping",
			yaml:    "- a\n- b\n",
			want:    []string{"x.md:2: expected key: value pairs, found a list"},
			invalid: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			var p page
			doc := Decode([]byte(tt.yaml), &p, "x.md", 1, &diags)
			var got []string
			for _, d := range diags.All() {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if doc.Invalid != tt.invalid {
				t.Errorf("Invalid = %v, want %v", doc.Invalid, tt.invalid)
			}
		})
	}
}

func TestDecodeFillsTheStruct(t *testing.T) {
	var diags diag.List
	var p page
	Decode([]byte("title: Visie\nnumber: 3\ntags: [a, b]\nchallenges:\n  - question: Hoe?\n    explanation: Zo.\ncolors: {primary: '#123456'}\nweight: 2\ndraft: true\n"), &p, "x.md", 1, &diags)
	want := page{Title: "Visie", Number: 3, Tags: []string{"a", "b"}, Challenges: []challenge{{"Hoe?", "Zo."}}, Colors: &colors{"#123456"}, Draft: true, shared: shared{Weight: 2}}
	if diags.Len() != 0 || !reflect.DeepEqual(p, want) {
		t.Errorf("decoded %+v (%s), want %+v", p, diags.String(), want)
	}
}

// A Doc answers where a key or a list item was, for problems found later
// (a related page that does not exist, a one-way relation).
func TestDocPositions(t *testing.T) {
	var diags diag.List
	var p page
	doc := Decode([]byte("title: Visie\ntags:\n  - een\n  - twee\nnumber: 3\n"), &p, "content/x.md", 1, &diags)
	tests := []struct {
		name string
		got  diag.Pos
		want string
	}{
		{"document", doc.Pos(), "content/x.md:2"},
		{"key", doc.KeyPos("number"), "content/x.md:6:1"},
		{"absent key: the document", doc.KeyPos("weight"), "content/x.md:2"},
		{"list item", doc.ItemPos("tags", 1), "content/x.md:5:5"},
		{"item past the end: its key", doc.ItemPos("tags", 5), "content/x.md:3:1"},
		{"item of a key that is no list: the key", doc.ItemPos("title", 0), "content/x.md:2:1"},
	}
	for _, tt := range tests {
		if tt.got.String() != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, tt.got, tt.want)
		}
	}
	if !doc.Has("tags") || doc.Has("weight") {
		t.Errorf("Has(tags) = %v, Has(weight) = %v; want true, false", doc.Has("tags"), doc.Has("weight"))
	}
}
