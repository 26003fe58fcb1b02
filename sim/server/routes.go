package server

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"
)

// GraphQL endpoint paths, as Kraken spells them.
const (
	APIPath  = "/v1/graphql/"
	AuthPath = "/graphql/"
)

// HealthPath is the readiness check: 200 {"status":"ok"} once the server serves.
const HealthPath = "/__krakensim/health"

// routes builds the router. Each GraphQL endpoint also answers its path without
// the trailing slash, directly rather than by redirect, since clients commonly
// replay a redirected POST as a GET.
func (s *Server) routes() http.Handler {
	r := mux.NewRouter()
	r.SkipClean(true) // answer odd paths with a 404, never a redirect
	r.NotFoundHandler = http.HandlerFunc(notFound)
	for _, ep := range []struct {
		path string
		exec Executor
	}{{APIPath, s.cfg.API}, {AuthPath, s.cfg.Auth}} {
		h := &graphqlHandler{path: ep.path, exec: ep.exec, maxBody: s.cfg.MaxBodyBytes}
		r.Handle(ep.path, h)
		r.Handle(strings.TrimSuffix(ep.path, "/"), h)
	}
	r.HandleFunc(HealthPath, s.health)
	if s.cfg.Sim == nil {
		return r
	}

	a := r.PathPrefix(AdminPrefix).Subrouter()
	a.HandleFunc("/", s.adminIndex).Methods(http.MethodGet)
	a.HandleFunc("/sessions", s.listSessions).Methods(http.MethodGet)
	a.HandleFunc("/sessions/{id}", withVar("id", s.getSession)).Methods(http.MethodGet)
	a.HandleFunc("/sessions/{id}", withVar("id", s.deleteSession)).Methods(http.MethodDelete)
	a.HandleFunc("/sessions/{id}/reset", withVar("id", s.resetSession)).Methods(http.MethodPost)
	a.HandleFunc("/reset", s.resetAll).Methods(http.MethodPost)
	a.HandleFunc("/clock", s.clock).Methods(http.MethodGet, http.MethodPost)
	a.HandleFunc("/clock/advance", s.clock).Methods(http.MethodPost)
	a.HandleFunc("/scenarios", s.listScenarios).Methods(http.MethodGet)
	a.HandleFunc("/scenarios", s.uploadScenarios).Methods(http.MethodPost)
	a.HandleFunc("/scenarios/reset", s.resetScenarios).Methods(http.MethodPost)
	a.HandleFunc("/scenarios/{name}/activate", withVar("name", s.activateScenario)).Methods(http.MethodPost)
	a.HandleFunc("/scenarios/{name}/deactivate", withVar("name", s.deactivateScenario)).Methods(http.MethodPost)
	a.NotFoundHandler = http.HandlerFunc(adminNotFound)
	a.MethodNotAllowedHandler = http.HandlerFunc(adminMethodNotAllowed)
	r.MethodNotAllowedHandler = a.MethodNotAllowedHandler

	seen := map[string]bool{}
	for _, route := range s.cfg.Sim.Routes() {
		if seen[route.Pattern] {
			continue
		}
		seen[route.Pattern] = true
		r.Handle(route.Pattern, &restHandler{sim: s.cfg.Sim, route: route.Pattern, maxBody: s.cfg.MaxBodyBytes, params: mux.Vars})
	}
	// Any other path may still be answered by a scenario's REST rule.
	r.NotFoundHandler = &restHandler{sim: s.cfg.Sim, maxBody: s.cfg.MaxBodyBytes}
	return r
}

// withVar passes a path variable to an admin handler.
func withVar(name string, h func(http.ResponseWriter, *http.Request, string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { h(w, r, mux.Vars(r)[name]) }
}

func notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, mediaJSON, errorf(http.StatusNotFound,
		"no route for %s %s; GraphQL is served at %s and %s", r.Method, r.URL.Path, APIPath, AuthPath))
}

func adminNotFound(w http.ResponseWriter, r *http.Request) {
	writeDetail(w, http.StatusNotFound, "no admin route "+r.Method+" "+r.URL.Path+"; GET "+AdminPrefix+" lists them")
}

func adminMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	writeDetail(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed on "+r.URL.Path+"; GET "+AdminPrefix+" lists the admin routes")
}
