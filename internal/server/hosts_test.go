package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Only Host names of this server are answered: a page on evil.example
// that rebinds its name to 127.0.0.1 gets 403, not the handbook.
func TestAllowHostsRefusesOtherNames(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "handboek") })
	tests := []struct {
		bind  string
		allow []string
		host  string
		want  int
	}{
		{"127.0.0.1", nil, "127.0.0.1:1313", 200},
		{"127.0.0.1", nil, "localhost:1313", 200},
		{"127.0.0.1", nil, "LOCALHOST.:1313", 200},
		{"127.0.0.1", nil, "[::1]:1313", 200},
		{"127.0.0.1", nil, "handboek.localhost:1313", 200},
		{"127.0.0.1", nil, "localhost", 200},
		{"127.0.0.1", nil, "evil.example:1313", 403},
		{"127.0.0.1", nil, "evil.example", 403},
		{"127.0.0.1", nil, "localhost.evil.example:1313", 403},
		{"127.0.0.1", nil, "192.168.1.5:1313", 403},
		{"127.0.0.1", []string{"handboek.intern"}, "handboek.intern:1313", 200},
		{"127.0.0.1", []string{"handboek.intern:8080"}, "HANDBOEK.INTERN", 200},
		{"127.0.0.1", []string{"handboek.intern"}, "evil.example:1313", 403},
		{"192.168.1.5", nil, "192.168.1.5:1313", 200},
		{"192.168.1.5", nil, "10.0.0.1:1313", 403},
		{"devbox.lan", nil, "devbox.lan:1313", 200},
		{"0.0.0.0", nil, "192.168.1.5:1313", 200},
		{"0.0.0.0", nil, "[fe80::1]:1313", 200},
		{"0.0.0.0", nil, "devbox.lan:1313", 403},
		{"::", nil, "10.0.0.1", 200},
		{"0.0.0.0", []string{"*"}, "tunnel.example", 200},
	}
	for _, tt := range tests {
		h := AllowHosts(ok, tt.bind, tt.allow)
		r := httptest.NewRequest("GET", "/dimensies/", nil)
		r.Host = tt.host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != tt.want {
			t.Errorf("--bind %s --allow-host %v, Host %s: %d, want %d", tt.bind, tt.allow, tt.host, w.Code, tt.want)
		}
		body := w.Body.String()
		if tt.want == 403 && (strings.Contains(body, "handboek\n") || !strings.Contains(body, "--allow-host "+hostname(tt.host)) || w.Header().Get("Content-Type") != "text/plain; charset=utf-8") {
			t.Errorf("Host %s: 403 body %q does not say what to do", tt.host, body)
		}
	}
}

// The 403 page shows the Host it refused as text, never as markup.
func TestAllowHostsRefusalIsPlainText(t *testing.T) {
	h := AllowHosts(http.NotFoundHandler(), "127.0.0.1", nil)
	r := httptest.NewRequest("GET", "/", nil)
	r.Host = "<script>alert(1)</script>"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 403 || w.Header().Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("%d %v", w.Code, w.Header())
	}
}
