package server

import (
	"net/http"
	"sort"
	"strings"

	"github.com/gorilla/mux"

	"github.com/krakensim/krakensim/sim"
)

// GraphQL endpoint paths, as Kraken spells them.
const (
	APIPath  = sim.APIPath
	AuthPath = sim.AuthPath
)

// HealthPath is the readiness check: 200 {"status":"ok"} once the server serves.
const HealthPath = "/__krakensim/health"

// routes builds the router. Each GraphQL endpoint also answers its path without
// the trailing slash, directly rather than by redirect, since clients commonly
// replay a redirected POST as a GET.
func (s *Server) routes() http.Handler {
	r := mux.NewRouter()
	exact := exactRoutes{router: r, paths: map[string]http.Handler{}}
	r.SkipClean(true) // answer odd paths with a 404, never a redirect
	r.NotFoundHandler = http.HandlerFunc(notFound)
	for _, ep := range []struct {
		path string
		exec Executor
	}{{APIPath, s.cfg.API}, {AuthPath, s.cfg.Auth}} {
		h := &graphqlHandler{path: ep.path, exec: ep.exec, maxBody: s.cfg.MaxBodyBytes, sim: s.cfg.Sim, page: s.serveIDE}
		r.Handle(ep.path, h)
		r.Handle(strings.TrimSuffix(ep.path, "/"), h)
		exact.paths[ep.path], exact.paths[strings.TrimSuffix(ep.path, "/")] = h, h
	}
	r.HandleFunc(HealthPath, s.health)
	r.Handle(MetricsPath, s.metrics.handler)
	r.PathPrefix(IDEAssetsPath).HandlerFunc(serveAsset)
	r.Handle(SchemasPath+"{name}", methods{http.MethodGet: withVar("name", s.serveSchema)})
	if s.cfg.Sim == nil {
		return exact
	}

	admin := map[string]methods{
		"":                    {http.MethodGet: s.adminIndex},
		"world":               {http.MethodGet: s.world},
		"sessions":            {http.MethodGet: s.listSessions},
		"sessions/{id}":       {http.MethodGet: withVar("id", s.getSession), http.MethodDelete: withVar("id", s.deleteSession)},
		"sessions/{id}/reset": {http.MethodPost: withVar("id", s.resetSession)},
		"sessions/{id}/requests": {
			http.MethodGet: withVar("id", s.listRequests), http.MethodDelete: withVar("id", s.clearRequests),
		},
		"sessions/{id}/verify":      {http.MethodPost: withVar("id", s.verify)},
		"sessions/{id}/unmatched":   {http.MethodGet: withVar("id", s.unmatched)},
		"coverage":                  {http.MethodGet: s.coverage, http.MethodDelete: s.coverage},
		"sessions/{id}/rate-limit":  {http.MethodGet: withVar("id", s.sessionRateLimit), http.MethodPost: withVar("id", s.sessionRateLimit)},
		"reset":                     {http.MethodPost: s.resetAll},
		"clock":                     {http.MethodGet: s.clock, http.MethodPost: s.clock},
		"clock/advance":             {http.MethodPost: s.clock},
		"scenarios":                 {http.MethodGet: s.listScenarios, http.MethodPost: s.uploadScenarios},
		"scenarios/reset":           {http.MethodPost: s.resetScenarios},
		"scenarios/{name}":          {http.MethodDelete: withVar("name", s.deleteUpload)},
		"scenarios/{name}/activate": {http.MethodPost: withVar("name", s.activateScenario)},
		"scenarios/{name}/deactivate": {
			http.MethodPost: withVar("name", s.deactivateScenario),
		},
	}
	// Literal paths first, so that scenarios/reset is not taken for scenarios/{name}.
	paths := make([]string, 0, len(admin))
	for path := range admin {
		paths = append(paths, path)
	}
	sort.Slice(paths, func(i, j int) bool {
		vi, vj := strings.Contains(paths[i], "{"), strings.Contains(paths[j], "{")
		if vi != vj {
			return vj
		}
		return paths[i] < paths[j]
	})
	for _, path := range paths {
		r.Handle(AdminPrefix+path, s.adminGuard(admin[path]))
	}
	r.PathPrefix(AdminPrefix).Handler(s.adminGuard(http.HandlerFunc(adminNotFound)))

	seen := map[string]bool{}
	for _, route := range s.cfg.Sim.Routes() {
		if seen[route.Pattern] {
			continue
		}
		seen[route.Pattern] = true
		h := &restHandler{sim: s.cfg.Sim, route: route.Pattern, maxBody: s.cfg.MaxBodyBytes, params: mux.Vars}
		r.Handle(route.Pattern, h)
		if !strings.Contains(route.Pattern, "{") {
			lit := *h
			lit.params = noParams // what the router gives a path without variables
			exact.paths[route.Pattern] = &lit
		}
	}
	// Any other path may still be answered by a scenario's REST rule.
	r.NotFoundHandler = &restHandler{sim: s.cfg.Sim, maxBody: s.cfg.MaxBodyBytes}
	return exact
}

func noParams(*http.Request) map[string]string { return map[string]string{} }

// exactRoutes answers the paths that take no variables (the GraphQL endpoints, the
// data-import routes) from a map, as the router would, without its per-request
// matching and context copies; every other path goes to the router.
type exactRoutes struct {
	router *mux.Router
	paths  map[string]http.Handler
}

func (e exactRoutes) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h, ok := e.paths[r.URL.Path]; ok {
		h.ServeHTTP(w, r)
		return
	}
	e.router.ServeHTTP(w, r)
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

// methods dispatches an admin path by method, answering 405 with Allow otherwise.
type methods map[string]http.HandlerFunc

func (m methods) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h, ok := m[r.Method]; ok {
		h(w, r)
		return
	}
	allow := make([]string, 0, len(m))
	for k := range m {
		allow = append(allow, k)
	}
	sort.Strings(allow)
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeDetail(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed on "+r.URL.Path+"; use "+strings.Join(allow, " or "))
}
