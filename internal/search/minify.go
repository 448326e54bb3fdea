package search

import (
	"fmt"

	"github.com/evanw/esbuild/pkg/api"
)

// JSError is a problem esbuild found in a script, at Line and Col (both
// 1-based, Col in bytes).
type JSError struct {
	Line, Col int
	Msg       string
}

func (e JSError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// MinifyJS shrinks the client script with esbuild (names, whitespace,
// syntax): a first query downloads it, so its size counts. A script esbuild
// cannot parse gives no output and every error it found: shipped as it is,
// it would fail in the reader's browser, so the build reports it.
func MinifyJS(src []byte) ([]byte, []JSError) {
	res := api.Transform(string(src), api.TransformOptions{
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8,
		Target:            api.ES2018,
	})
	if len(res.Errors) == 0 {
		return res.Code, nil
	}
	errs := make([]JSError, len(res.Errors))
	for i, m := range res.Errors {
		errs[i] = JSError{Msg: m.Text}
		if l := m.Location; l != nil {
			errs[i].Line, errs[i].Col = l.Line, l.Column+1
		}
	}
	return nil, errs
}
