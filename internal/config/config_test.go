package config

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/handboek/handboek/internal/diag"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		check   func(t *testing.T, c Config)
		wantErr []string // substrings of diagnostics, in sorted order
	}{
		{
			name: "defaults fill what is absent",
			yaml: "title: Mijn handboek\n",
			check: func(t *testing.T, c Config) {
				if c.Language != "nl" || c.Theme != "default" || c.BaseURL != "/" || !c.Output.Sitemap {
					t.Errorf("defaults not applied: %+v", c)
				}
			},
		},
		{
			name: "base URL gains a trailing slash",
			yaml: "title: x\nbaseURL: https://intranet.example/handboek\n",
			check: func(t *testing.T, c Config) {
				if c.BaseURL != "https://intranet.example/handboek/" || c.BasePath() != "/handboek/" || !c.IsAbsolute() {
					t.Errorf("baseURL = %q, path %q", c.BaseURL, c.BasePath())
				}
			},
		},
		{
			name: "output switches can be turned off",
			yaml: "title: x\noutput:\n  sitemap: false\n",
			check: func(t *testing.T, c Config) {
				if c.Output.Sitemap || !c.Output.Robots {
					t.Errorf("output = %+v", c.Output)
				}
			},
		},
		{
			name:    "unknown keys are errors with their line, nested ones too",
			yaml:    "title: x\ncolours:\n  primary: red\nmarkup:\n  unsafe: true\n  safe: false\n",
			wantErr: []string{`handboek.yaml:2:1: unknown key "colours"`, `handboek.yaml:6:3: unknown key "markup.safe"`},
		},
		{
			name:    "bad values are reported",
			yaml:    "title: \"\"\nlanguage: Nederlands\ncolors:\n  primary: red\nbaseURL: ftp://x/\n",
			wantErr: []string{"handboek.yaml:1:1: title must not be empty", `handboek.yaml:2:1: language "Nederlands"`, `handboek.yaml:3:1: colors.primary "red"`, "handboek.yaml:5:1: baseURL ftp://x/"},
		},
		{
			name:    "type errors carry the line",
			yaml:    "title: x\nmarkup:\n  unsafe: misschien\n",
			wantErr: []string{"handboek.yaml:3: cannot unmarshal text `misschien` into bool"},
		},
		{
			name:    "syntax errors carry the line",
			yaml:    "title: x\nmenu: [\n",
			wantErr: []string{"handboek.yaml:3: invalid YAML"},
		},
		{
			name:    "a missing title is an error on the first line",
			yaml:    "# Ons handboek\nlanguage: en\n",
			wantErr: []string{"handboek.yaml:1: title is missing: add the handbook's title, such as title: Ons handboek"},
		},
		{
			name:    "an empty file needs a title too",
			yaml:    "\n# nog leeg\n",
			wantErr: []string{"handboek.yaml:1: handboek.yaml is empty: it needs at least the handbook's title"},
		},
		{
			name:    "invalid YAML is not also a missing title",
			yaml:    "language: [\n",
			wantErr: []string{"handboek.yaml:2: invalid YAML"},
		},
		{
			name: "a page's render budget is a duration, 5s unless set",
			yaml: "title: x\nmarkup:\n  timeout: 1m30s\n",
			check: func(t *testing.T, c Config) {
				if c.Markup.Timeout != 90*time.Second || Default().Markup.Timeout != 5*time.Second {
					t.Errorf("timeout = %v, default %v", c.Markup.Timeout, Default().Markup.Timeout)
				}
			},
		},
		{
			name: "search synonyms are groups of words and phrases",
			yaml: "title: x\nsearch:\n  synonyms:\n    - [onboarding, inwerken, nieuwe medewerker]\n    - - OKR\n      - doelen\n",
			check: func(t *testing.T, c Config) {
				want := [][]string{{"onboarding", "inwerken", "nieuwe medewerker"}, {"OKR", "doelen"}}
				if fmt.Sprint(c.Search.Synonyms) != fmt.Sprint(want) {
					t.Errorf("synonyms = %q, want %q", c.Search.Synonyms, want)
				}
			},
		},
		{
			name: "bad synonym groups are reported at their line and column",
			yaml: "title: x\nsearch:\n  synonyms:\n    - [alleen]\n    - [cursus, \"--\", training]\n    - - coach\n      - Coach\n",
			wantErr: []string{
				"handboek.yaml:4:7: search.synonyms: a group needs two or more words or phrases, found 1",
				`handboek.yaml:5:16: search.synonyms: "--" has no word to search for`,
				`handboek.yaml:7:9: search.synonyms: "Coach" is twice in one group`,
			},
		},
		{
			name:    "synonyms must be lists of lists",
			yaml:    "title: x\nsearch:\n  synonyms: [cursus, training]\n",
			wantErr: []string{"handboek.yaml:3: cannot unmarshal text `cursus` into []string", "handboek.yaml:3: cannot unmarshal text `training` into []string"},
		},
		{
			name:    "a render budget too short to be meant is refused",
			yaml:    "title: x\nmarkup:\n  timeout: 5ms\n",
			wantErr: []string{"handboek.yaml:3:3: markup.timeout 5ms is too short: write a duration such as 10s (or 0 for no limit)"},
		},
		{
			name:    "a render budget without a unit is refused",
			yaml:    "title: x\nmarkup:\n  timeout: 5\n",
			wantErr: []string{"handboek.yaml:3: cannot unmarshal number `5` into time.Duration"},
		},
		{
			name: "output.keep names paths inside the output",
			yaml: "title: x\noutput:\n  keep: [CNAME, downloads/*.pdf, /etc/x, ../x, \"a/[b\", \"\"]\n",
			wantErr: []string{
				`handboek.yaml:3:34: output.keep "/etc/x" must be a path relative to the output folder`,
				`handboek.yaml:3:42: output.keep "../x" must stay inside the output folder`,
				`handboek.yaml:3:48: output.keep "a/[b" is not a valid pattern (syntax error in pattern)`,
				`handboek.yaml:3:56: output.keep "" names nothing`,
			},
		},
		{
			name:    "menu entries need a site path or http URL",
			yaml:    "title: x\nmenu:\n  - name: Kaarten\n    url: kaarten\n",
			wantErr: []string{`handboek.yaml:3:5: menu url "kaarten"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			c := Parse([]byte(tt.yaml), &diags)
			got := diags.All()
			if len(got) != len(tt.wantErr) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(tt.wantErr), diags.String())
			}
			for i, want := range tt.wantErr {
				if !strings.Contains(got[i].String(), want) {
					t.Errorf("diagnostic %d = %q, want it to contain %q", i, got[i], want)
				}
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}
