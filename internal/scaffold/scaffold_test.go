package scaffold

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/diag"
)

// The handboek template's handboek.yaml is the repository's own, with only
// the title and baseURL set for the organisation: the two cannot drift.
func TestHandboekConfigIsTheRepositorysWithTitleAndBaseURL(t *testing.T) {
	repo, err := os.ReadFile("../../" + config.FileName)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Files(Options{Title: "Handboek Gemeente Voorbeeld", BaseURL: "https://intranet.example/handboek"})
	if err != nil {
		t.Fatal(err)
	}
	got := file(t, files, config.FileName)

	var d1, d2 diag.List
	want, have := config.Parse(repo, &d1), config.Parse(got, &d2)
	if d1.Len()+d2.Len() > 0 {
		t.Fatalf("diagnostics:\n%s%s", d1.String(), d2.String())
	}
	if have.Title != "Handboek Gemeente Voorbeeld" || have.BaseURL != "https://intranet.example/handboek/" {
		t.Errorf("title %q, baseURL %q", have.Title, have.BaseURL)
	}
	have.Title, have.BaseURL = want.Title, want.BaseURL
	if !reflect.DeepEqual(have, want) {
		t.Errorf("settings drifted from the repository's handboek.yaml:\n got %+v\nwant %+v", have, want)
	}
	// Line for line too, so its comments stay the repository's.
	wl, gl := strings.Split(string(repo), "\n"), strings.Split(string(got), "\n")
	if len(wl) != len(gl) {
		t.Fatalf("%d lines, the repository's has %d", len(gl), len(wl))
	}
	for i := range wl {
		if wl[i] != gl[i] && !strings.HasPrefix(wl[i], "title:") && !strings.HasPrefix(wl[i], "baseURL:") {
			t.Errorf("line %d: %q, the repository's is %q", i+1, gl[i], wl[i])
		}
	}
}

// Without --baseURL a new site has a path, so no sitemap (and no sitemap
// with the repository's example address).
func TestDefaultBaseURLIsARootPath(t *testing.T) {
	for _, tmpl := range Templates {
		files, err := Files(Options{Template: tmpl})
		if err != nil {
			t.Fatal(err)
		}
		var d diag.List
		if c := config.Parse(file(t, files, config.FileName), &d); c.BaseURL != "/" || d.Len() > 0 {
			t.Errorf("%s: baseURL %q, %s", tmpl, c.BaseURL, d.String())
		}
	}
}

func TestInitRefusesAFolderThatIsNotEmpty(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "notities.txt"), "eerst")
	if _, err := Init(Options{Dir: dir, Template: TemplateLeeg}); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("err = %v, want ErrNotEmpty", err)
	}
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		t.Error("wrote into a folder that is not empty")
	}
	// A repository made first is a normal start.
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Init(Options{Dir: repo, Template: TemplateLeeg}); err != nil {
		t.Errorf("a folder with only .git: %v", err)
	}
}

func TestForceKeepsEveryExistingFile(t *testing.T) {
	dir := t.TempDir()
	own := filepath.Join(dir, "content", "dimensies", "voorbeeld.md")
	write(t, own, "van ons")
	write(t, filepath.Join(dir, config.FileName), "title: Van ons\n")
	res, err := Init(Options{Dir: dir, Template: TemplateLeeg, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"content/dimensies/voorbeeld.md", config.FileName}; !reflect.DeepEqual(res.Kept, want) {
		t.Errorf("kept %v, want %v", res.Kept, want)
	}
	if data, _ := os.ReadFile(own); string(data) != "van ons" {
		t.Errorf("an existing file was overwritten: %q", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "spaken", "voorbeeld.md")); err != nil {
		t.Errorf("a missing file was not added: %v", err)
	}
}

func TestValidateNamesTheBadValue(t *testing.T) {
	tests := []struct {
		opts Options
		want string
	}{
		{Options{Template: "leg"}, `unknown template "leg" (one of handboek, leeg)`},
		{Options{Template: TemplateLeeg, Language: "de"}, `unknown language "de" (one of nl, en)`},
		{Options{Language: "en"}, "the handboek template is the Dutch default handbook"},
		{Options{Title: "twee\nregels"}, "the title must be one line"},
		{Options{Title: "  "}, "the title must not be empty"},
		{Options{BaseURL: "intranet/handboek"}, "must start with http://, https:// or /"},
	}
	for _, tt := range tests {
		err := Validate(tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want %q", tt.opts, err, tt.want)
		}
	}
	if err := Validate(Options{Template: TemplateLeeg, Language: "en", Title: "Ja", BaseURL: "/handbook/"}); err != nil {
		t.Errorf("good options: %v", err)
	}
}

// A title YAML would read as something else is quoted.
func TestSetKeysQuotesWhatYAMLWouldMisread(t *testing.T) {
	src := []byte("# titel\ntitle: Oud\nbaseURL: /\nsubtitle: x\n")
	for title, line := range map[string]string{
		"Ons handboek": "title: Ons handboek",
		"true":         `title: "true"`,
		"#1 handboek":  `title: '#1 handboek'`,
		"Leren: zo":    `title: 'Leren: zo'`,
	} {
		got, err := setKeys(src, map[string]string{"title": title})
		if err != nil {
			t.Fatal(err)
		}
		if want := "# titel\n" + line + "\nbaseURL: /\nsubtitle: x\n"; string(got) != want {
			t.Errorf("%q: got %q, want %q", title, got, want)
		}
		var d diag.List
		if c := config.Parse(got, &d); c.Title != title {
			t.Errorf("%q reads back as %q", title, c.Title)
		}
	}
	if _, err := setKeys(src, map[string]string{"colors": "x"}); err == nil {
		t.Error("a missing key was not reported")
	}
}

func TestSectionIndex(t *testing.T) {
	if got := SectionIndex("en", "spaken"); !bytes.Contains(got, []byte("title: Spokes\n")) {
		t.Errorf("en spaken:\n%s", got)
	}
	if got := SectionIndex("nl", "dimensies"); !bytes.Contains(got, []byte("title: Dimensies\n")) {
		t.Errorf("nl dimensies:\n%s", got)
	}
	if got, want := string(SectionIndex("nl", "eigen-kaarten")), "---\ntitle: Eigen kaarten\n---\nVUL IN: een inleiding op deze sectie voor je lezers.\n"; got != want {
		t.Errorf("another section: %q, want %q", got, want)
	}
}

func file(t *testing.T, files []File, name string) []byte {
	t.Helper()
	for _, f := range files {
		if f.Path == name {
			return f.Data
		}
	}
	t.Fatalf("no %s among the files", name)
	return nil
}

func write(t *testing.T, file, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
