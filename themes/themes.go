// Package themes embeds the default theme into the binary, so `handboek build`
// works for a site that has no themes/ folder of its own.
package themes

import (
	"embed"
	"io/fs"
)

// all: keeps the _default layout folder, which embed skips otherwise. The
// theme's images/ (README pictures) stay out of the binary.
//
//go:embed all:default/layouts all:default/static all:default/i18n all:default/archetypes default/generated
var embedded embed.FS

// Default returns the default theme's files (layouts/, static/, i18n/, ...).
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the path is fixed at compile time
	}
	return sub
}

// SearchClient is the default theme's search script and its minified form,
// made ahead by `go test ./internal/search -update` (a test keeps the two in
// step): a build ships the minified bytes without running the minifier
// when a site uses the script unchanged.
func SearchClient() (source, minified []byte) {
	source, err := embedded.ReadFile("default/static/js/search.js")
	if err != nil {
		panic(err) // the path is fixed at compile time
	}
	minified, err = embedded.ReadFile("default/generated/search.min.js")
	if err != nil {
		panic(err)
	}
	return source, minified
}
