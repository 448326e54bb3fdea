// Package archetype writes a new content page from an archetype: a template
// in archetypes/<kind>.md of the site, of its theme, or of the built-in
// default theme, in that order (Hugo's lookup order). The new page gets the
// next free card number in its section and a file name made from its title.
// Every required field is filled with a prompt that starts with "VUL IN", so
// the site still builds and `handboek check` lists what is left to write.
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

// ErrExists is returned when the page's file is already there.
var ErrExists = errors.New("already exists")

// Create writes the new page and returns its path relative to Source
// ("content/dimensies/nieuwe-dimensie.md").
func Create(opts Options) (string, error) {
	if _, ok := Kinds[opts.Kind]; !ok {
		return "", fmt.Errorf("unknown kind %q (one of dimensie, spaak, praktijk, artikel)", opts.Kind)
	}
	title := strings.TrimSpace(opts.Title)
	name := slug.Make(title)
	if name == "" {
		return "", fmt.Errorf("title %q has no letters or digits to make a file name from", opts.Title)
	}
	// Like `hugo new`, only inside a site: a mistyped -s must not scatter a
	// content/ folder over the disk.
	if !isSite(opts.Source) {
		return "", fmt.Errorf("%s is not a handbook site: it has no %s and no content/ folder (run handboek new inside a site, or pass -s SITE)", opts.Source, config.FileName)
	}
	var diags diag.List
	cfg := config.Load(os.DirFS(opts.Source), &diags)
	// Problems in other pages are `check`'s business; a page that does not
	// load simply does not count for the number.
	set := content.Load(os.DirFS(filepath.Join(opts.Source, "content")), content.Options{Drafts: true}, &diag.List{})
	section, number := placeFor(set, opts.Kind)
	rel := path.Join("content", section, name+".md")
	if other := set.ByKey[path.Join(section, name)]; other != nil && other.Path() != rel {
		return "", fmt.Errorf("%s would have the URL of %s, which %w; choose another title", rel, other.Path(), ErrExists)
	}

	tplFS, tplName, err := find(opts.Source, cfg.Theme, opts.Kind)
	if err != nil {
		return "", err
	}
	src, err := fs.ReadFile(tplFS, "archetypes/"+opts.Kind+".md")
	if err != nil {
		return "", err
	}
	tpl, err := template.New(tplName).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return "", fmt.Errorf("archetype %v", err)
	}
	var out bytes.Buffer
	if err := tpl.Execute(&out, map[string]any{"Title": yamlString(title), "Number": number, "Kind": opts.Kind, "Section": section}); err != nil {
		return "", fmt.Errorf("archetype %v", err)
	}

	file := filepath.Join(opts.Source, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return "", err
	}
	// O_EXCL: never overwrite, even if the file appeared since the check.
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s: %w; choose another title or edit that file", rel, ErrExists)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(out.Bytes()); err != nil {
		f.Close()
		os.Remove(file)
		return "", err
	}
	return rel, f.Close()
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

// find looks the archetype up in the site, its theme and the built-in theme.
func find(source, theme, kind string) (fs.FS, string, error) {
	name := "archetypes/" + kind + ".md"
	var looked []string
	for _, l := range sitefs.Layers(source, theme) {
		if _, err := fs.Stat(l.FS, name); err == nil {
			return l.FS, path.Join(l.Dir, name), nil
		}
		looked = append(looked, l.Dir)
	}
	return nil, "", fmt.Errorf("no archetype %s (looked in %s)", name, strings.Join(looked, ", "))
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
