// Package archetype writes a new content page from an archetype: a template
// in archetypes/<kind>.md of the site, of its theme, or of the built-in
// default theme, in that order (Hugo's lookup order). The new page gets the
// next free card number in its section and a file name made from its title.
// Every required field is filled with a prompt that starts with "VUL IN"
// ("FILL IN" in the English archetypes, archetypes/<kind>.en.md, which a
// site in English gets), so the site still builds and `handboek check`
// lists what is left to write. A section without an _index.md gets the
// skeleton's (package scaffold) too: without one, no page lists the card.
package archetype

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/scaffold"
	"github.com/handboek/handboek/internal/sitefs"
	"github.com/handboek/handboek/internal/slug"
)

// Kinds are the kinds `handboek new` makes, with the section a kind goes to
// when the site has no page of that kind yet.
var Kinds = map[string]string{
	content.KindDimensie: "dimensies",
	content.KindSpaak:    "spaken",
	content.KindPraktijk: "leiders-als-trainers",
	content.KindArtikel:  "artikelen",
}

// Options say what to create.
type Options struct {
	Source string
	Kind   string
	Title  string
}

// Result is what Create wrote, as paths relative to Source.
type Result struct {
	// Page is the new page ("content/dimensies/nieuwe-dimensie.md").
	Page string
	// Index is the section's _index.md when Create wrote it too, because
	// the section had none: without it no page lists the new one.
	Index string
}

// ErrExists is returned when the page's file is already there.
var ErrExists = errors.New("already exists")

// Create writes the new page, and its section's _index.md when missing.
func Create(opts Options) (Result, error) {
	var res Result
	if _, ok := Kinds[opts.Kind]; !ok {
		return res, fmt.Errorf("unknown kind %q (one of dimensie, spaak, praktijk, artikel)", opts.Kind)
	}
	title := strings.TrimSpace(opts.Title)
	name := slug.Make(title)
	if name == "" {
		return res, fmt.Errorf("title %q has no letters or digits to make a file name from", opts.Title)
	}
	// Like `hugo new`, only inside a site: a mistyped -s must not scatter a
	// content/ folder over the disk.
	if !isSite(opts.Source) {
		return res, fmt.Errorf("%s is not a handbook site: it has no %s and no content/ folder (start one with handboek init, or pass -s SITE)", opts.Source, config.FileName)
	}
	var diags diag.List
	cfg := config.Load(os.DirFS(opts.Source), &diags)
	// Problems in other pages are `check`'s business; a page that does not
	// load simply does not count for the number.
	set := content.Load(os.DirFS(filepath.Join(opts.Source, "content")), content.Options{Drafts: true}, &diag.List{})
	section, number := placeFor(set, opts.Kind)
	rel := path.Join("content", section, name+".md")
	if other := set.ByKey[path.Join(section, name)]; other != nil && other.Path() != rel {
		return res, fmt.Errorf("%s would have the URL of %s, which %w; choose another title", rel, other.Path(), ErrExists)
	}

	tplFS, file, tplName, err := find(opts.Source, cfg.Theme, opts.Kind, cfg.Language)
	if err != nil {
		return res, err
	}
	src, err := fs.ReadFile(tplFS, file)
	if err != nil {
		return res, err
	}
	tpl, err := template.New(tplName).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return res, fmt.Errorf("archetype %v", err)
	}
	var out bytes.Buffer
	if err := tpl.Execute(&out, map[string]any{"Title": yamlString(title), "Number": number, "Kind": opts.Kind, "Section": section}); err != nil {
		return res, fmt.Errorf("archetype %v", err)
	}

	if err := scaffold.WriteNew(filepath.Join(opts.Source, filepath.FromSlash(rel)), out.Bytes()); errors.Is(err, fs.ErrExist) {
		return res, fmt.Errorf("%s: %w; choose another title or edit that file", rel, ErrExists)
	} else if err != nil {
		return res, err
	}
	res.Page = rel
	// A section without _index.md has no page that lists its cards, and
	// nothing links to them; the skeleton's index says what goes there.
	index := path.Join("content", section, "_index.md")
	if err := scaffold.WriteNew(filepath.Join(opts.Source, filepath.FromSlash(index)), scaffold.SectionIndex(cfg.Language, section)); err == nil {
		res.Index = index
	} else if !errors.Is(err, fs.ErrExist) {
		return res, fmt.Errorf("%s: %v; the page is written, but its section needs an _index.md to list it", index, err)
	}
	return res, nil
}

// placeFor picks the section where pages of kind live (the one with most of
// them), and the next free number there.
func placeFor(set *content.Set, kind string) (string, int) {
	count := map[string]int{}
	for _, p := range set.Pages {
		if p.Kind == kind && p.Section != "" {
			count[p.Section]++
		}
	}
	section := Kinds[kind]
	for s, n := range count {
		if n > count[section] || n == count[section] && s < section {
			section = s
		}
	}
	next := 1
	for _, p := range set.Pages {
		if p.Section == section && p.Number >= next {
			next = p.Number + 1
		}
	}
	return section, next
}

// find looks the archetype up in the site, its theme and the built-in
// theme, and returns the layer, the file's name there and its name for
// messages (with the layer's folder). In each layer a
// site's language has its own archetype first (archetypes/dimensie.en.md),
// so an English site gets English prompts; the site's own archetype still
// wins over the theme's of its language.
func find(source, theme, kind, language string) (fs.FS, string, string, error) {
	names := []string{"archetypes/" + kind + ".md"}
	if language != "" && language != "nl" {
		names = []string{"archetypes/" + kind + "." + language + ".md", names[0]}
	}
	var looked []string
	for _, l := range sitefs.Layers(source, theme) {
		for _, name := range names {
			if _, err := fs.Stat(l.FS, name); err == nil {
				return l.FS, name, path.Join(l.Dir, name), nil
			}
		}
		looked = append(looked, l.Dir)
	}
	return nil, "", "", fmt.Errorf("no archetype %s (looked in %s)", names[len(names)-1], strings.Join(looked, ", "))
}

// yamlString quotes s for YAML; a JSON string is a valid YAML scalar.
func yamlString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSpace(b.String())
}

// isSite reports whether dir holds a site config or a content folder.
func isSite(dir string) bool {
	if st, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil && !st.IsDir() {
		return true
	}
	st, err := os.Stat(filepath.Join(dir, "content"))
	return err == nil && st.IsDir()
}
