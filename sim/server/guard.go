package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// AdminHeader marks a request to the admin API as sent by a tool rather than by a web
// page: a page cannot send it cross-origin without a CORS preflight.
const AdminHeader = "X-Krakensim-Admin"

// adminGuard protects the admin API (all of it but the health check) from other
// sites: a Host that is not this server (DNS rebinding), a missing or wrong admin
// token, and writes a web page could send without a preflight or from a foreign
// Origin.
func (s *Server) adminGuard(next http.Handler) http.Handler {
	hosts := map[string]bool{}
	for _, h := range s.cfg.AllowedHosts {
		hosts[normalHost(h)] = true
	}
	origins := map[string]bool{}
	for _, o := range s.cfg.AllowedOrigins {
		if o = strings.ToLower(strings.TrimRight(strings.TrimSpace(o), "/")); o != "*" {
			origins[o] = true
		}
	}
	var token [sha256.Size]byte
	if s.cfg.AdminToken != "" {
		token = sha256.Sum256([]byte(s.cfg.AdminToken))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r, hosts) {
			writeDetail(w, http.StatusMisdirectedRequest, fmt.Sprintf(
				"Host %q is not this server: the admin API answers localhost, 127.0.0.1, [::1] and the address it listens on; allow other names with --allowed-host", r.Host))
			return
		}
		if s.cfg.AdminToken != "" {
			got, ok := bearer(r.Header.Get("Authorization"))
			sum := sha256.Sum256([]byte(got))
			if !ok || subtle.ConstantTimeCompare(sum[:], token[:]) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="krakensim admin"`)
				detail := "the admin API needs the header Authorization: Bearer <the --admin-token>"
				if ok {
					detail = "wrong admin token; send Authorization: Bearer <the --admin-token>"
				}
				writeDetail(w, http.StatusUnauthorized, detail)
				return
			}
		}
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" && !originAllowed(origin, r, origins) {
			writeDetail(w, http.StatusForbidden, fmt.Sprintf(
				"Origin %q may not write to the admin API: only the server's own origin and --cors-origin origins may", origin))
			return
		}
		if r.Method == http.MethodPost && simpleRequest(r) {
			writeDetail(w, http.StatusUnsupportedMediaType, fmt.Sprintf(
				"admin writes need Content-Type: application/json or application/yaml, or an %s header, so that no web page can send them without a CORS preflight; got Content-Type %q",
				AdminHeader, r.Header.Get("Content-Type")))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// simpleRequest reports whether a browser could have sent r cross-origin without a
// preflight: no JSON or YAML content type and none of the headers that need one.
func simpleRequest(r *http.Request) bool {
	for _, h := range []string{AdminHeader, "Authorization", "X-Krakensim-Session"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return true
	}
	switch media {
	case "application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml":
		return false
	}
	return !strings.HasSuffix(media, "+json") && !strings.HasSuffix(media, "+yaml")
}

// hostAllowed reports whether the request's Host names this server: a loopback name
// or address, the address the connection came in on, or an allowed host.
func hostAllowed(r *http.Request, allowed map[string]bool) bool {
	if r.Host == "" || allowed["*"] {
		return true
	}
	h := normalHost(r.Host)
	if h == "localhost" || allowed[h] {
		return true
	}
	ip := net.ParseIP(h)
	if ip == nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	if la, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if host, _, err := net.SplitHostPort(la.String()); err == nil {
			return ip.Equal(net.ParseIP(host))
		}
	}
	return false
}

// normalHost lowercases a host and drops its port and brackets.
func normalHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.TrimSuffix(strings.Trim(h, "[]"), ".")
}

// originAllowed reports whether an Origin is the server's own or an allowed one.
func originAllowed(origin string, r *http.Request, allowed map[string]bool) bool {
	origin = strings.ToLower(strings.TrimRight(origin, "/"))
	if allowed[origin] {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// bearer returns the token of an "Authorization: Bearer" header.
func bearer(h string) (string, bool) {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(tok), true
}
