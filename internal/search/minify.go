package search

import (
	"github.com/evanw/esbuild/pkg/api"
)

// MinifyJS shrinks the client script with esbuild (names, whitespace,
// syntax): a first query downloads it, so its size counts. On a syntax error
// it returns the source unchanged.
func MinifyJS(src []byte) []byte {
	res := api.Transform(string(src), api.TransformOptions{
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8,
		Target:            api.ES2018,
	})
	if len(res.Errors) > 0 {
		return src
	}
	return res.Code
}
