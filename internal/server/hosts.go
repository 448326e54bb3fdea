package server

import (
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
)

// AllowHosts answers only requests whose Host names this server: a web
// page elsewhere can otherwise read the dev server by DNS rebinding (its
// own name, resolved to 127.0.0.1 a second time). Allowed are localhost
// (and its sub-domains, which browsers resolve to loopback), the loopback
// addresses, bind itself, and the names in allow; when bind is every
// interface (0.0.0.0, ::), any IP address too, as no DNS name is needed to
// reach one. "*" in allow lets every Host in (behind a proxy or tunnel
// with changing names). Any other Host gets 403 with what to do.
func AllowHosts(next http.Handler, bind string, allow []string) http.Handler {
	if slices.Contains(allow, "*") {
		return next
	}
	names := []string{"localhost", "127.0.0.1", "::1"}
	for _, n := range append([]string{bind}, allow...) {
		if n = hostname(n); n != "" {
			names = append(names, n)
		}
	}
	anyIP := false
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		anyIP = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := hostname(r.Host)
		switch {
		case r.Host == "", // HTTP/1.0 without a Host: no browser sends that
			slices.Contains(names, host),
			strings.HasSuffix(host, ".localhost"),
			anyIP && net.ParseIP(host) != nil:
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, "403 Forbidden: handboek serve does not answer requests for host %q.\n\n"+
			"It answers localhost, 127.0.0.1, [::1], the address given with --bind, and\n"+
			"names given with --allow-host, so that no other web site can read it through\n"+
			"its own name (DNS rebinding). To open the site as %s, restart it with\n\n"+
			"    handboek serve --bind 0.0.0.0 --allow-host %s\n", host, host, host)
	})
}

// hostname is the lower-case host of a Host header or flag value, without
// port, brackets or a trailing dot.
func hostname(hostport string) string {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.ToLower(strings.TrimSuffix(h, "."))
}
