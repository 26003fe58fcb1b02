package server

import (
	_ "embed"
	"encoding/json"
	"html"
	"net/http"
	"strings"
)

//go:embed ide.html
var ideHTML string

// ideConfig is what the IDE page tells its script: where to send queries, where to
// sign in, where its assets and the admin API are, and a sign-in to start from.
type ideConfig struct {
	Endpoint     string            `json:"endpoint"`
	AuthEndpoint string            `json:"authEndpoint"`
	Assets       string            `json:"assets"`
	Admin        string            `json:"admin"`
	DefaultQuery string            `json:"defaultQuery"`
	SignIn       map[string]string `json:"signIn,omitempty"`
}

const defaultIDEQuery = `# Welcome to krakensim's GraphiQL.
#
# Ctrl+Space completes, Ctrl+Enter runs, Shift+Ctrl+P prettifies.
# The Kraken panel (left) signs you in, picks a session and forces documented errors;
# the docs explorer lists each field's error codes.

query Viewer {
  viewer {
    email
    givenName
    accounts {
      number
      balance
    }
  }
}
`

// serveIDE answers a browser's GET of a GraphQL endpoint with GraphiQL.
func (s *Server) serveIDE(w http.ResponseWriter, path string) {
	cfg := ideConfig{Endpoint: path, AuthEndpoint: AuthPath, Assets: IDEAssetsPath, Admin: AdminPrefix, DefaultQuery: defaultIDEQuery}
	if path == AuthPath {
		cfg.DefaultQuery = "# The authentication server: obtainKrakenToken and MFA devices.\n"
	}
	if s.cfg.Sim != nil {
		if email, password := s.cfg.Sim.SignInHint(); email != "" {
			cfg.SignIn = map[string]string{"email": email, "password": password}
		}
	}
	js, _ := json.Marshal(cfg) // escapes <, > and &, so it cannot end the script element
	page := strings.NewReplacer(
		"{{PATH}}", html.EscapeString(path),
		"{{ASSETS}}", IDEAssetsPath,
		"{{VERSION}}", ideAssets().version,
		"{{CONFIG}}", string(js),
	).Replace(ideHTML)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Accept")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(page))
}
