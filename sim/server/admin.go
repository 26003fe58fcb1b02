package server

import (
	"encoding/json"
	"net/http"
)

// health answers the readiness check.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		e := errorf(http.StatusMethodNotAllowed, "method %s is not allowed on %s; use GET", r.Method, HealthPath)
		e.allow = "GET, HEAD"
		writeError(w, mediaJSON, e)
		return
	}
	version := s.cfg.Version
	if version == "" {
		version = "dev"
	}
	body, _ := json.Marshal(struct {
		Status  string `json:"status"`
		Version string `json:"version"`
	}{"ok", version})
	writeBody(w, mediaJSON, http.StatusOK, body)
}
