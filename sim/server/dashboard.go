package server

import (
	_ "embed"
	"net/http"
	"strings"
)

//go:embed dashboard.html
var dashboardHTML string

// serveDashboard answers a browser's GET of the admin prefix with the dashboard page.
func (s *Server) serveDashboard(w http.ResponseWriter) {
	page := strings.ReplaceAll(dashboardHTML, "{{ADMIN}}", AdminPrefix)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(page))
}
