package benchsuite

import (
	"os"
	"path/filepath"
)

// hugoLayouts is a minimal Hugo theme doing the work our default theme does
// per page: head, menu of sections, breadcrumbs, card fields, content, table
// of contents, section navigation, related cards, previous/next, tags. It
// makes the Hugo column of the table a comparison of equal output.
var hugoLayouts = map[string]string{
	"_default/baseof.html": `<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}"><link rel="stylesheet" href="{{ "css/handboek.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a><nav><ul>
{{ $cur := . }}{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}"{{ if $cur.IsDescendant . }} aria-current="true"{{ end }}>{{ .Title }}</a></li>{{ end }}
</ul></nav></header>
<nav><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ .Site.Title }}</footer></body></html>`,
	"_default/single.html": `{{ define "main" }}<article><header><p>{{ .Params.kind }} {{ .Params.number }}</p><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p></header>
<section><ol>{{ range .Params.challenges }}<li><strong>{{ .question }}</strong> {{ .explanation }}</li>{{ end }}</ol></section>
<section><ul>{{ range .Params.suggestions }}<li>{{ . }}</li>{{ end }}</ul></section>
<div>{{ .Content }}</div><aside>{{ .TableOfContents }}
<nav><h2><a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></h2><ol>{{ $p := . }}{{ range .CurrentSection.RegularPages }}<li><a href="{{ .RelPermalink }}"{{ if eq . $p }} aria-current="page"{{ end }}>{{ .Params.number }} {{ .Title }}</a></li>{{ end }}</ol></nav></aside>
<section><ul>{{ range .Params.related }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Params.kind }} {{ .Title }}</a></li>{{ end }}{{ end }}</ul></section>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></article>{{ end }}`,
	"_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.number }} {{ .Title }} {{ .Params.summary }}</a></li>{{ end }}</ul>{{ end }}`,
}

const hugoConfig = `baseURL = "https://bench.example/"
title = "Benchmarkhandboek"
languageCode = "nl"
disableKinds = ["RSS"]
enableRobotsTXT = true
[taxonomies]
  tag = "tags"
[markup.goldmark.extensions]
  typographer = true
[markup.goldmark.parser.attribute]
  block = false
`

// HugoSite writes a Hugo site into dir that reads the corpus content in src.
func HugoSite(src, dir string) error {
	for name, body := range hugoLayouts {
		p := filepath.Join(dir, "layouts", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	abs, err := filepath.Abs(filepath.Join(src, "content"))
	if err != nil {
		return err
	}
	// contentDir must come before the first [table] to be a top-level key.
	return os.WriteFile(filepath.Join(dir, "hugo.toml"), []byte("contentDir = \""+abs+"\"\n"+hugoConfig), 0o644)
}
