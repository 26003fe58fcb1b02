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
	return r
}

func notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, mediaJSON, errorf(http.StatusNotFound,
		"no route for %s %s; GraphQL is served at %s and %s", r.Method, r.URL.Path, APIPath, AuthPath))
}
