// Package scaffold writes a new handbook site: what `handboek init` makes.
//
// Two templates: "handboek", the complete default handbook carried in the
// binary (package handboek at the module root), with its handboek.yaml
// set up for the organisation; and "leeg", a skeleton in Dutch or English
// (skeleton/<language>/): the home page, the four sections each with an
// _index.md whose front matter comments tell the author what goes there,
// and one example page per kind. Every text still to write holds a prompt
// (VUL IN, or FILL IN in English), so the skeleton builds as it is and
// `handboek check` lists what is left. Both templates add a .gitignore and
// a short guide for the site's authors (LEESMIJ.md, or README.md).
//
// Init writes only into an empty folder, or with Force into any folder,
// and then it never replaces a file: each is created exclusively, and a
// file that is there already is kept and reported.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/handboek/handboek"
	"github.com/handboek/handboek/internal/config"
	"github.com/handboek/handboek/internal/content"
)

// The templates Init knows.
const (
	TemplateHandboek = "handboek"
	TemplateLeeg     = "leeg"
)

// Templates and Languages are the accepted values, in the order help shows.
var (
	Templates = []string{TemplateHandboek, TemplateLeeg}
	Languages = []string{"nl", "en"}
)

// Options say what to write where.
type Options struct {
	// Dir is the site folder; it is made when missing.
	Dir string
	// Template is TemplateHandboek (when empty) or TemplateLeeg.
	Template string
	// Title is the site title; empty keeps the template's.
	Title string
	// Language is nl (when empty) or en; the handboek template is Dutch.
	Language string
	// BaseURL is the site's address; empty is "/" (no sitemap).
	BaseURL string
	// Force writes into a folder that is not empty, keeping every file
	// that is already there.
	Force bool
}

// File is one file of a new site; Path is relative to the site folder.
type File struct {
	Path string
	Data []byte
}

// Result says what Init did.
type Result struct {
	// Written and Kept are slash paths relative to Dir, sorted: the files
	// made, and those that existed already and were left alone (Force).
	Written, Kept []string
	// Guide is the authors' guide among them: LEESMIJ.md or README.md.
	Guide string
}

// ErrNotEmpty is returned for a folder that holds files, without Force.
var ErrNotEmpty = errors.New("is not empty")

//go:embed all:skeleton
var skeleton embed.FS

// Validate checks the options a user gives on the command line; an error
// is a usage error, reported before anything is written.
func Validate(opts Options) error {
	t := opts.template()
	if t != TemplateHandboek && t != TemplateLeeg {
		return fmt.Errorf("unknown template %q (one of %s)", t, strings.Join(Templates, ", "))
	}
	lang := opts.language()
	if lang != "nl" && lang != "en" {
		return fmt.Errorf("unknown language %q (one of %s)", lang, strings.Join(Languages, ", "))
	}
	if t == TemplateHandboek && lang != "nl" {
		return fmt.Errorf("the %s template is the Dutch default handbook; for a site in English use --template %s --language en", TemplateHandboek, TemplateLeeg)
	}
	if strings.ContainsAny(opts.Title, "\r\n") {
		return errors.New("the title must be one line")
	}
	if opts.Title != "" && strings.TrimSpace(opts.Title) == "" {
		return errors.New("the title must not be empty")
	}
	if _, err := config.NormalizeBaseURL(opts.BaseURL); err != nil {
		return err
	}
	return nil
}

func (o Options) template() string {
	if o.Template == "" {
		return TemplateHandboek
	}
	return o.Template
}

func (o Options) language() string {
	if o.Language == "" {
		return "nl"
	}
	return o.Language
}

// Files returns the new site's files, sorted by path.
func Files(opts Options) ([]File, error) {
	if err := Validate(opts); err != nil {
		return nil, err
	}
	baseURL, _ := config.NormalizeBaseURL(opts.BaseURL)
	lang := opts.language()
	var files []File
	if opts.template() == TemplateHandboek {
		site := handboek.Site()
		cfg, err := fs.ReadFile(site, config.FileName)
		if err != nil {
			return nil, err
		}
		if cfg, err = setKeys(cfg, map[string]string{"title": strings.TrimSpace(opts.Title), "baseURL": baseURL}); err != nil {
			return nil, err
		}
		files = append(files, File{Path: config.FileName, Data: cfg})
		content, err := copyTree(site, "content", "content")
		if err != nil {
			return nil, err
		}
		files = append(files, content...)
		guide, err := skeletonTree(path.Join("skeleton", lang, guideName(lang)), guideName(lang), opts, baseURL)
		if err != nil {
			return nil, err
		}
		files = append(files, guide...)
	} else {
		tree, err := skeletonTree(path.Join("skeleton", lang), "", opts, baseURL)
		if err != nil {
			return nil, err
		}
		files = append(files, tree...)
	}
	ignore, err := skeleton.ReadFile("skeleton/gitignore")
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: ".gitignore", Data: ignore})
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// Init writes a new site into opts.Dir.
func Init(opts Options) (*Result, error) {
	files, err := Files(opts)
	if err != nil {
		return nil, err
	}
	if err := checkDir(opts.Dir, opts.Force); err != nil {
		return nil, err
	}
	res := &Result{Guide: guideName(opts.language())}
	for _, f := range files {
		err := WriteNew(filepath.Join(opts.Dir, filepath.FromSlash(f.Path)), f.Data)
		switch {
		case err == nil:
			res.Written = append(res.Written, f.Path)
		case errors.Is(err, fs.ErrExist):
			res.Kept = append(res.Kept, f.Path)
		default:
			return res, err
		}
	}
	return res, nil
}

// SectionIndex is the _index.md for a section that lacks one, in the
// site's language: the skeleton's for the four sections of a handbook,
// else a short one titled after the folder.
func SectionIndex(language, section string) []byte {
	lang := "nl"
	if language == "en" || strings.HasPrefix(language, "en-") {
		lang = "en"
	}
	data, err := skeleton.ReadFile(path.Join("skeleton", lang, "content", section, "_index.md"))
	if err == nil {
		return data
	}
	title := strings.ReplaceAll(section, "-", " ")
	if title != "" {
		title = strings.ToUpper(title[:1]) + title[1:]
	}
	prompt := "VUL IN: een inleiding op deze sectie voor je lezers."
	if lang == "en" {
		prompt = "FILL IN: an introduction to this section for your readers."
	}
	return fmt.Appendf(nil, "---\ntitle: %s\n---\n%s\n", yamlScalar(title), prompt)
}

func guideName(lang string) string {
	if lang == "en" {
		return "README.md"
	}
	return "LEESMIJ.md"
}

// checkDir refuses a folder that holds anything but a .git folder (a
// repository made first is a normal start), unless force.
func checkDir(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		if st, serr := os.Stat(dir); serr == nil && !st.IsDir() {
			return fmt.Errorf("%s is a file, not a folder", dir)
		}
		return err
	}
	if force {
		return nil
	}
	var names []string
	for _, e := range entries {
		if e.Name() == ".git" {
			continue
		}
		name := e.Name()
		if e.IsDir() {
			name += "/"
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		return nil
	}
	return fmt.Errorf("%s %w (it holds %s): choose a new folder, or add --force to write the files it lacks and keep every file that is there", dir, ErrNotEmpty, listNames(names, 3))
}

// listNames writes "a, b and c", or "a, b, c and 4 more" past max names.
func listNames(names []string, max int) string {
	if len(names) > max {
		names = append(names[:max:max], fmt.Sprintf("%d more", len(names)-max))
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// WriteNew writes a new file, and the folders it needs, but never replaces
// one: when the file exists, even if it appeared since the caller looked
// (O_EXCL), it writes nothing and returns an error that is fs.ErrExist.
func WriteNew(file string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(file)
		return err
	}
	return f.Close()
}

// copyTree returns the files under dir of fsys as they are, at the same
// paths below to. What the content loader ignores (content.Ignored) stays
// out, should a developer's tree hold any when it is embedded.
func copyTree(fsys fs.FS, dir, to string) ([]File, error) {
	var out []File
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && content.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
		out = append(out, File{Path: path.Join(to, rel), Data: data})
		return nil
	})
	return out, err
}

// skeletonTree reads a file or folder of the skeleton and fills in its
// template fields ({{ .Title }}, {{ yaml .BaseURL }}, and .Skeleton for
// what only the leeg template has).
func skeletonTree(dir, to string, opts Options, baseURL string) ([]File, error) {
	files, err := copyTree(skeleton, dir, to)
	if err != nil {
		return nil, err
	}
	title := strings.TrimSpace(opts.Title)
	if title == "" {
		title = map[string]string{"nl": "Ons handboek", "en": "Our handbook"}[opts.language()]
		if opts.template() == TemplateHandboek {
			title = defaultTitle()
		}
	}
	data := map[string]any{"Title": title, "BaseURL": baseURL, "Skeleton": opts.template() == TemplateLeeg}
	for i, f := range files {
		t, err := template.New(f.Path).Funcs(template.FuncMap{"yaml": yamlScalar}).Option("missingkey=error").Parse(string(f.Data))
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, data); err != nil {
			return nil, err
		}
		files[i].Data = b.Bytes()
	}
	return files, nil
}

// defaultTitle is the default handbook's title, for its authors' guide.
func defaultTitle() string {
	data, err := fs.ReadFile(handboek.Site(), config.FileName)
	if err != nil {
		return ""
	}
	var c struct {
		Title string `yaml:"title"`
	}
	_ = yaml.Unmarshal(data, &c)
	return c.Title
}

// setKeys sets top-level keys of a YAML file to new one-line values,
// keeping every other line (comments included) as it is. An empty value
// keeps the key's line.
func setKeys(src []byte, values map[string]string) ([]byte, error) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	for key, value := range values {
		found := false
		for i, line := range lines {
			if !bytes.HasPrefix(line, []byte(key+":")) {
				continue
			}
			found = true
			if value != "" {
				lines[i] = []byte(key + ": " + yamlScalar(value) + "\n")
			}
		}
		if !found {
			return nil, fmt.Errorf("%s has no top-level key %s", config.FileName, key)
		}
	}
	return bytes.Join(lines, nil), nil
}

// yamlScalar writes s as a YAML scalar, quoted only where YAML needs it
// ("ja", "#1", ": ").
func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}
