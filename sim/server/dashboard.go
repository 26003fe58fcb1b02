package server

import (
	_ "embed"
	"net/http"
	"strings"
	"sync"
)

//go:embed dashboard.html
var dashboardHTML string

// dashboardPage is the dashboard as served, with its gzip form made on first use.
var dashboardPage = sync.OnceValue(func() *asset {
	page := strings.ReplaceAll(dashboardHTML, "{{ADMIN}}", AdminPrefix)
	return &asset{name: "dashboard.html", ctype: "text/html; charset=utf-8", raw: []byte(page)}
})

// serveDashboard answers a browser's GET of the admin prefix with the dashboard page.
func (s *Server) serveDashboard(w http.ResponseWriter, r *http.Request) {
	page := dashboardPage()
	h := w.Header()
	h.Set("Content-Type", page.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'")
	h.Add("Vary", "Accept-Encoding")
	body := page.raw
	if acceptsGzip(r.Header.Values("Accept-Encoding")) {
		body = page.gzipped()
		h.Set("Content-Encoding", "gzip")
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}
