package scaffold_test

import (
	"strings"
	"testing"

	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/check"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/scaffold"
)

// Every skeleton builds, and what check finds in it is only what is left
// to write: notes, each a prompt in the skeleton's language.
func TestSkeletonBuildsAndChecksWithOnlyWhatIsLeftToWrite(t *testing.T) {
	for _, lang := range scaffold.Languages {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			res, err := scaffold.Init(scaffold.Options{Dir: dir, Template: scaffold.TemplateLeeg, Language: lang, BaseURL: "https://intranet.example/"})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Kept) != 0 || len(res.Written) != 13 {
				t.Errorf("written %v, kept %v", res.Written, res.Kept)
			}
			var diags diag.List
			out := build.Compile(build.Options{Source: dir}, &diags)
			if diags.Len() > 0 {
				t.Fatalf("build:\n%s", diags.String())
			}
			check.Run(out, check.Options{}, &diags)
			prompt := map[string]string{"nl": "VUL IN", "en": "FILL IN"}[lang]
			prompts := map[string]bool{}
			for _, d := range diags.All() {
				if d.Severity != diag.Note || !strings.Contains(d.Msg, "left to write: ") || !strings.Contains(d.Msg, prompt) {
					t.Errorf("not a prompt in %s: %v", lang, d)
				}
				prompts[d.Pos.File] = true
			}
			// The home page, the four sections and an example of each kind
			// all have something to write.
			if len(prompts) != 10 {
				t.Errorf("prompts in %d files, want 10: %v", len(prompts), prompts)
			}
			for _, p := range out.Content.Pages {
				if p.Kind != "section" && p.Kind != "home" && p.Kind != "pagina" && !strings.HasPrefix(p.Title, map[string]string{"nl": "Voorbeeld: ", "en": "Example: "}[lang]) {
					t.Errorf("%s: title %q is not marked as an example", p.Path(), p.Title)
				}
			}
		})
	}
}
