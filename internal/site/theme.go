package site

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/sitefs"
)

// Theme is the parsed templates, strings and static files of a site.
type Theme struct {
	layers    []sitefs.Layer
	templates map[string]*template.Template // by main layout path
	// base is the base layout and the partials, parsed once for every main
	// layout to clone (nil when they failed to parse).
	base     *template.Template
	baseDone bool
	strings  map[string]string
	// Static lists every static file, the first layer that has it winning.
	Static []StaticFile
}

// StaticFile is a file copied as-is into the output.
type StaticFile struct {
	Path  string // output path, "css/handboek.css"
	FS    fs.FS
	FSRel string // path inside FS
	Dir   string // the layer, for messages ("themes/x", "(built-in theme default)")
}

// find returns the first layer holding name and the name for diagnostics.
func (t *Theme) find(name string) (fs.FS, string, bool) {
	for _, l := range t.layers {
		if st, err := fs.Stat(l.FS, name); err == nil && !st.IsDir() {
			return l.FS, path.Join(l.Dir, name), true
		}
	}
	return nil, "", false
}

// ReadFile returns a theme file ("layouts/cards/cards.css") from the first
// layer that has it, with its name for diagnostics.
func (t *Theme) ReadFile(name string) ([]byte, string, error) {
	fsys, display, ok := t.find(name)
	if !ok {
		return nil, name, fmt.Errorf("%s not found (looked in %s)", name, t.layerNames())
	}
	data, err := fs.ReadFile(fsys, name)
	return data, display, err
}

// Standalone parses layouts that do not use the base layout, such as the
// print templates of the card decks. The first file is the entry point; each
// is named by its path below layouts/ ("cards/front.html"), and extra
// functions are added to the theme's. Errors are recorded with file:line.
func (t *Theme) Standalone(files []string, extra template.FuncMap, diags *diag.List) *template.Template {
	root := template.New(files[0]).Funcs(funcs).Funcs(extra)
	ok := true
	for i, f := range files {
		data, display, err := t.ReadFile("layouts/" + f)
		if err != nil {
			diags.Errorf(diag.Pos{File: display}, "%v", err)
			ok = false
			continue
		}
		tpl := root
		if i > 0 {
			tpl = root.New(f)
		}
		if _, err := tpl.Parse(string(data)); err != nil {
			reportTemplateError(err, f, display, diags)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return root
}

// LoadTheme parses the layouts every page kind needs, reads the strings for
// lang and lists the static files. Errors are recorded with file:line.
func LoadTheme(layers []sitefs.Layer, lang string, diags *diag.List) *Theme {
	t := &Theme{layers: layers, templates: map[string]*template.Template{}}
	t.loadStrings(lang, diags)
	t.listStatic(diags)
	if _, _, ok := t.find("layouts/_default/baseof.html"); !ok {
		diags.Errorf(diag.Pos{File: "layouts/_default/baseof.html"}, "theme has no base layout (looked in %s)", t.layerNames())
		return t
	}
	return t
}

func (t *Theme) layerNames() string {
	var names []string
	for _, l := range t.layers {
		names = append(names, l.Dir)
	}
	return strings.Join(names, ", ")
}

// Template returns the parsed template for the first layout of candidates
// that exists, parsing it together with the base layout and all partials.
func (t *Theme) Template(candidates []string, diags *diag.List) (*template.Template, string) {
	for _, c := range candidates {
		if tpl, ok := t.templates[c]; ok {
			return tpl, c
		}
		if _, _, ok := t.find("layouts/" + c); ok {
			tpl := t.parse(c, diags)
			t.templates[c] = tpl
			return tpl, c
		}
	}
	diags.Errorf(diag.Pos{File: "layouts/" + candidates[0]}, "no layout found (tried %s in %s)", strings.Join(candidates, ", "), t.layerNames())
	t.templates[candidates[0]] = nil
	return nil, candidates[0]
}

// parse returns main parsed into a copy of the base set. Each main layout
// needs the base layout and every partial: they are parsed once and cloned,
// as parsing them again took a tenth of a small site's build.
func (t *Theme) parse(main string, diags *diag.List) *template.Template {
	if !t.baseDone {
		t.baseDone = true
		t.base = t.parseFiles(append([]string{"_default/baseof.html"}, t.partials()...), diags)
	}
	if t.base == nil {
		// Still report the layout's own errors: one build shows them all.
		t.parseInto(template.New("baseof.html").Funcs(funcs), main, diags)
		return nil
	}
	root, err := t.base.Clone()
	if err != nil {
		// Only an executed set cannot be cloned, and the base set never is.
		panic(err)
	}
	if !t.parseInto(root, main, diags) {
		return nil
	}
	return root
}

// parseFiles parses the base layout and the files after it into one set.
func (t *Theme) parseFiles(files []string, diags *diag.List) *template.Template {
	root := template.New("baseof.html").Funcs(funcs)
	ok := true
	for _, f := range files {
		ok = t.parseInto(root, f, diags) && ok
	}
	if !ok {
		return nil
	}
	return root
}

// parseInto parses layout f into root's set; a layout no layer has is
// left out.
func (t *Theme) parseInto(root *template.Template, f string, diags *diag.List) bool {
	fsys, display, ok := t.find("layouts/" + f)
	if !ok {
		return true
	}
	data, err := fs.ReadFile(fsys, "layouts/"+f)
	if err != nil {
		diags.Errorf(diag.Pos{File: display}, "%v", err)
		return false
	}
	tpl := root
	if f != "_default/baseof.html" {
		tpl = root.New(f)
	}
	if _, err := tpl.Parse(string(data)); err != nil {
		reportTemplateError(err, f, display, diags)
		return false
	}
	return true
}

// partials lists layouts/partials/*.html over all layers.
func (t *Theme) partials() []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range t.layers {
		entries, _ := fs.ReadDir(l.FS, "layouts/partials")
		for _, e := range entries {
			name := "partials/" + e.Name()
			if !e.IsDir() && strings.HasSuffix(name, ".html") && !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	sort.Strings(out)
	return out
}

var tplErrRe = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: (.*)`)

// reportTemplateError turns html/template's "template: name:12:3: msg" into a
// diagnostic at the layout file's real path.
func reportTemplateError(err error, name, display string, diags *diag.List) {
	pos, msg := templateErrorPos(err, name, display)
	diags.Errorf(pos, "%s", msg)
}

func templateErrorPos(err error, name, display string) (diag.Pos, string) {
	var te *template.Error
	msg := err.Error()
	if errors.As(err, &te) && te.Name != "" {
		msg = te.Description
	}
	m := tplErrRe.FindStringSubmatch(err.Error())
	if m == nil {
		return diag.Pos{File: display}, msg
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	file := display
	if m[1] != name {
		file = path.Join(path.Dir(strings.TrimSuffix(display, name)), m[1])
	}
	return diag.Pos{File: file, Line: line, Col: col}, m[4]
}

// loadStrings reads i18n/<lang>.yaml from every layer; earlier layers win per key.
func (t *Theme) loadStrings(lang string, diags *diag.List) {
	t.strings = map[string]string{}
	found := false
	for i := len(t.layers) - 1; i >= 0; i-- {
		l := t.layers[i]
		name := "i18n/" + lang + ".yaml"
		data, err := fs.ReadFile(l.FS, name)
		if err != nil {
			continue
		}
		found = true
		var m map[string]string
		if err := yaml.Unmarshal(data, &m); err != nil {
			diags.Errorf(diag.Pos{File: path.Join(l.Dir, name)}, "invalid i18n file: %v", strings.TrimPrefix(err.Error(), "yaml: "))
			continue
		}
		for k, v := range m {
			t.strings[k] = v
		}
	}
	if !found {
		diags.Errorf(diag.Pos{File: "handboek.yaml"}, "language %q has no strings file i18n/%s.yaml (in %s)", lang, lang, t.layerNames())
	}
}

// T looks up a UI string. A missing key shows as the key itself so the page
// still renders; `handboek check` can list them.
func (t *Theme) T(key string) string {
	if s, ok := t.strings[key]; ok {
		return s
	}
	return key
}

func (t *Theme) listStatic(diags *diag.List) {
	seen := map[string]bool{}
	for _, l := range t.layers {
		_ = fs.WalkDir(l.FS, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) {
					diags.Errorf(diag.Pos{File: path.Join(l.Dir, p)}, "%v", err)
				}
				return nil
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				diags.Errorf(diag.Pos{File: path.Join(l.Dir, p)}, "%s", content.DescribeLink(l.FS, p))
				return nil
			}
			out := strings.TrimPrefix(p, "static/")
			if !seen[out] {
				seen[out] = true
				t.Static = append(t.Static, StaticFile{Path: out, FS: l.FS, FSRel: p, Dir: l.Dir})
			}
			return nil
		})
	}
	sort.Slice(t.Static, func(i, j int) bool { return t.Static[i].Path < t.Static[j].Path })
}

// funcs are the functions every layout has, besides html/template's. None
// gives the date or time: a build's output depends on its sources only, so
// two builds of one site are byte for byte the same.
var funcs = template.FuncMap{
	"add":   func(a, b int) int { return a + b },
	"sub":   func(a, b int) int { return a - b },
	"pad2":  func(n int) string { return fmt.Sprintf("%02d", n) },
	"join":  strings.Join,
	"upper": strings.ToUpper,
	// partialCached executes a partial once for all pages it shows the
	// same to (see shared.go).
	"partialCached": partialCached,
}
