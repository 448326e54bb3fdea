package server

import (
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"testing"
)

// FuzzCleanPath: whatever path a request has, what cleanPath accepts is a
// plain name inside the site (fs.ValidPath: no "..", no leading slash, no
// empty or dot parts) with no backslash or NUL, and it is what the request
// asked for: the request's path, less the base, with index.html for a
// folder.
func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{"/", "/a/b.txt", "/../go.mod", "/%2e%2e/x", "/a%2fb", "/..%5cx", "/a//b", "/%00", "/handboek/dimensies/", "/handboek", "//x", "/a/./b", "/é/ü.html", "/a?q=1#f"} {
		f.Add(s, "/handboek/")
		f.Add(s, "/")
	}
	f.Fuzz(func(t *testing.T, raw, base string) {
		u, err := url.ParseRequestURI(raw)
		if err != nil {
			return // the server never sees it
		}
		r := &http.Request{Method: "GET", URL: u}
		name, ok := cleanPath(r, base)
		if !ok {
			return
		}
		if !fs.ValidPath(name) || name == "." || strings.ContainsAny(name, "\\\x00") || path.Clean(name) != name {
			t.Fatalf("cleanPath(%q, base %q) = %q: not a plain name inside the site", raw, base, name)
		}
		want := strings.TrimPrefix(u.Path, "/")
		if base != "" && base != "/" && strings.HasPrefix(u.Path, base) {
			want = strings.TrimPrefix(u.Path, base)
		}
		if want == "" || strings.HasSuffix(want, "/") {
			want += "index.html"
		}
		if name != want {
			t.Fatalf("cleanPath(%q, base %q) = %q, want %q", raw, base, name, want)
		}
	})
}
