package server

import (
	_ "embed"
	"html"
	"net/http"
	"strings"
)

//go:embed playground.html
var playgroundHTML string

// servePlayground answers a browser's GET with a small offline query page.
func servePlayground(w http.ResponseWriter, path string) {
	page := strings.ReplaceAll(playgroundHTML, "{{PATH}}", html.EscapeString(path))
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Accept")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(page))
}
