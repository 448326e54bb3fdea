// Package config loads handboek.yaml, the site configuration at the source root,
// into a typed Config. Unknown keys and bad values are diagnostics with their
// line; absent keys keep the defaults of Default().
//
// search.synonyms lists groups of words or phrases that mean the same to a
// reader of this site, one YAML list per group:
//
//	search:
//	  synonyms:
//	    - [onboarding, inwerken, nieuwe medewerker]
//	    - [manager, leidinggevende]
//
// A query with any entry of a group also finds the pages of the others (a
// phrase: the pages where its words follow one another), ranked a little
// below the pages with the word itself. Entries are matched by stem like every query word,
// so "medewerker" stands for "medewerkers" too. A group needs two or more
// entries, each with a letter or digit, none twice; every problem is
// reported with its line.
package config

import (
	"errors"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/strictyaml"
)

// FileName is the site configuration file at the source root.
const FileName = "handboek.yaml"

// Config is the whole site configuration.
type Config struct {
	Title        string     `yaml:"title"`
	Description  string     `yaml:"description"`
	Language     string     `yaml:"language"`
	BaseURL      string     `yaml:"baseURL"`
	Theme        string     `yaml:"theme"`
	Organisation string     `yaml:"organisation"`
	Logo         string     `yaml:"logo"`
	Colors       Colors     `yaml:"colors"`
	Menu         []MenuItem `yaml:"menu"`
	Markup       Markup     `yaml:"markup"`
	Output       Output     `yaml:"output"`
	Search       Search     `yaml:"search"`
}

// Colors become CSS custom properties, so a site can carry its house style
// without overriding the stylesheet.
type Colors struct {
	Primary string `yaml:"primary"`
	Accent  string `yaml:"accent"`
}

// MenuItem is one entry of the main navigation. URL is a site path such as
// "/dimensies/" or an absolute http(s) URL.
type MenuItem struct {
	Name   string `yaml:"name"`
	URL    string `yaml:"url"`
	Weight int    `yaml:"weight"`
}

// Markup controls Markdown rendering.
type Markup struct {
	// Unsafe passes raw HTML in Markdown through; by default it is escaped so
	// that it shows as text.
	Unsafe bool `yaml:"unsafe"`
	// Timeout is how long one page's Markdown may take to render ("5s"):
	// a page over it fails the build with its path, instead of hanging it.
	// 0 is no limit.
	Timeout time.Duration `yaml:"timeout"`
}

// Output switches optional outputs on or off.
type Output struct {
	Sitemap bool `yaml:"sitemap"`
	Robots  bool `yaml:"robots"`
	Tags    bool `yaml:"tags"`
	// Search makes the search index, the search page and the search box.
	Search bool `yaml:"search"`
	// Keep names files and folders in the output folder that handboek did
	// not write and that every build keeps (dotfiles and CNAME are kept
	// anyway): paths relative to the output folder, each part may be a
	// pattern ("downloads/*.pdf"). See package publish.
	Keep []string `yaml:"keep"`
}

// Search tunes the site search.
type Search struct {
	// Synonyms are groups of words or phrases that readers use for the
	// same thing, such as [onboarding, inwerken, nieuwe medewerker]: a
	// query with one of them also finds the pages with the others. A
	// phrase of several words matches where its words follow one another
	// (stop words between them aside). They
	// are matched as the search matches any word, by stem (medewerker
	// also stands for medewerkers), so a group needs no word forms.
	Synonyms [][]string `yaml:"synonyms"`
}

// Default is the configuration a site starts from. It has no title: the
// title is the one key a site must set (validate reports it missing).
func Default() Config {
	return Config{
		Language: "nl",
		BaseURL:  "/",
		Theme:    "default",
		Colors:   Colors{Primary: "#1f5f8b", Accent: "#b4520f"},
		Markup:   Markup{Timeout: 5 * time.Second},
		Output:   Output{Sitemap: true, Robots: true, Tags: true, Search: true},
	}
}

var (
	colorRe = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)
	langRe  = regexp.MustCompile(`^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$`)
	themeRe = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

// Load reads FileName from fsys (the source root) and validates it.
// A missing file is an error: it usually means -s points at the wrong folder.
func Load(fsys fs.FS, diags *diag.List) Config {
	cfg := Default()
	data, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(diag.Pos{File: FileName}, "no %s in the source folder: is -s right? handboek init starts a new handbook", FileName)
		} else {
			diags.Errorf(diag.Pos{File: FileName}, "%v", err)
		}
		return cfg
	}
	return Parse(data, diags)
}

// Parse decodes and validates configuration bytes.
func Parse(data []byte, diags *diag.List) Config {
	cfg := Default()
	doc := strictyaml.Decode(data, &cfg, FileName, 0, diags)
	validate(&cfg, doc, diags)
	return cfg
}

func validate(cfg *Config, doc *strictyaml.Doc, diags *diag.List) {
	switch {
	case doc.Invalid:
		// The YAML error says it all; "title is missing" would only add noise.
	case doc.Empty():
		diags.Errorf(doc.Pos(), "%s is empty: it needs at least the handbook's title, such as title: Ons handboek", FileName)
	case !doc.Has("title"):
		diags.Errorf(doc.Pos(), "title is missing: add the handbook's title, such as title: Ons handboek")
	case strings.TrimSpace(cfg.Title) == "":
		diags.Errorf(doc.KeyPos("title"), "title must not be empty")
	}
	if !langRe.MatchString(cfg.Language) {
		diags.Errorf(doc.KeyPos("language"), "language %q is not a language code such as nl or en", cfg.Language)
	}
	if !themeRe.MatchString(cfg.Theme) {
		diags.Errorf(doc.KeyPos("theme"), "theme %q must be a folder name under themes/", cfg.Theme)
	}
	for _, c := range []struct{ key, val string }{{"primary", cfg.Colors.Primary}, {"accent", cfg.Colors.Accent}} {
		if !colorRe.MatchString(c.val) {
			diags.Errorf(doc.KeyPos("colors"), "colors.%s %q must be a hex colour such as #1f5f8b", c.key, c.val)
		}
	}
	if u, err := NormalizeBaseURL(cfg.BaseURL); err != nil {
		diags.Errorf(doc.KeyPos("baseURL"), "%v", err)
	} else {
		cfg.BaseURL = u
	}
	if strings.Contains(cfg.Logo, "..") || strings.HasPrefix(cfg.Logo, "//") || strings.Contains(cfg.Logo, "://") {
		diags.Errorf(doc.KeyPos("logo"), "logo %q must be a path inside static/", cfg.Logo)
	}
	validateSynonyms(cfg.Search.Synonyms, doc, diags)
	if t := cfg.Markup.Timeout; t < 0 || t > 0 && t < 100*time.Millisecond {
		diags.Errorf(doc.KeyPos("markup.timeout"), "markup.timeout %v is too short: write a duration such as 10s (or 0 for no limit)", t)
	}
	for i, k := range cfg.Output.Keep {
		if err := checkKeep(k); err != "" {
			diags.Errorf(doc.ItemPos("output.keep", i), "output.keep %q %s", k, err)
		}
	}
	for i, m := range cfg.Menu {
		if m.Name == "" || m.URL == "" {
			diags.Errorf(doc.ItemPos("menu", i), "menu entry needs both name and url")
		}
		if !strings.HasPrefix(m.URL, "/") && !strings.HasPrefix(m.URL, "http://") && !strings.HasPrefix(m.URL, "https://") {
			diags.Errorf(doc.ItemPos("menu", i), "menu url %q must be a site path starting with / or an http(s) URL", m.URL)
		}
	}
}

// validateSynonyms checks each group of search.synonyms: two or more
// entries, each with a word to search for, none twice.
func validateSynonyms(groups [][]string, doc *strictyaml.Doc, diags *diag.List) {
	const key = "search.synonyms"
	for i, g := range groups {
		if len(g) < 2 {
			diags.Errorf(doc.ItemPos(key, i), "%s: a group needs two or more words or phrases, found %d", key, len(g))
		}
		seen := map[string]bool{}
		for j, e := range g {
			norm := strings.Join(strings.Fields(strings.ToLower(e)), " ")
			switch {
			case strings.IndexFunc(e, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0:
				diags.Errorf(doc.ItemPos(key, i, j), "%s: %q has no word to search for", key, e)
			case seen[norm]:
				diags.Errorf(doc.ItemPos(key, i, j), "%s: %q is twice in one group", key, e)
			}
			seen[norm] = true
		}
	}
}

// NormalizeBaseURL accepts "/" , "/sub/path/" or an absolute http(s) URL and
// returns it with exactly one trailing slash.
func NormalizeBaseURL(s string) (string, error) {
	if s == "" {
		s = "/"
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", errors.New("baseURL " + strings.TrimPrefix(err.Error(), "parse "))
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" || u.Scheme != "" && u.Host == "" {
		return "", errors.New("baseURL " + s + " must be an http(s) URL such as https://intranet.example/handboek/ or a path such as /handboek/")
	}
	if u.Scheme == "" && !strings.HasPrefix(u.Path, "/") {
		return "", errors.New("baseURL " + s + " must start with http://, https:// or /")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", errors.New("baseURL " + s + " must not have a query or fragment")
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}

// IsAbsolute reports whether the base URL includes scheme and host, which a
// sitemap needs.
func (c Config) IsAbsolute() bool {
	return strings.HasPrefix(c.BaseURL, "http://") || strings.HasPrefix(c.BaseURL, "https://")
}

// BasePath is the path part of BaseURL, e.g. "/handboek/".
func (c Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// checkKeep says what is wrong with an output.keep entry, or "".
func checkKeep(k string) string {
	clean := strings.Trim(strings.TrimPrefix(k, "./"), "/")
	switch {
	case strings.TrimSpace(k) == "" || clean == "" || clean == ".":
		return "names nothing: give a file or folder in the output folder"
	case strings.HasPrefix(k, "/") || strings.Contains(k, "\\"):
		return "must be a path relative to the output folder, such as downloads/report.pdf"
	}
	for _, part := range strings.Split(clean, "/") {
		if part == ".." || part == "." || part == "" {
			return "must stay inside the output folder, without . or .. parts"
		}
		if _, err := path.Match(part, ""); err != nil {
			return "is not a valid pattern (" + err.Error() + ")"
		}
	}
	return ""
}
