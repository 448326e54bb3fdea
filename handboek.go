// Package handboek carries the default handbook, the site this repository
// builds (its handboek.yaml and content/), inside the binary, so that
// `handboek init` can start an organisation's own handbook from it on any
// machine. The default theme travels the same way, in package themes.
//
// The embed sits here, at the module root, because embed cannot reach a
// parent folder and the site is two things side by side: a Go file inside
// content/ would be a file of the handbook (published, copied by init).
package handboek

import (
	"embed"
	"io/fs"
)

// all: keeps the _index.md files, which embed leaves out otherwise.
//
//go:embed handboek.yaml all:content
var site embed.FS

// Site returns the default handbook: handboek.yaml and content/.
func Site() fs.FS { return site }
