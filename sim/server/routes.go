package server

import (
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/gorilla/mux"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/checkout"
	"github.com/krakensim/krakensim/sim/documents"
	"github.com/krakensim/krakensim/sim/uploads"
)

// GraphQL endpoint paths, as Kraken spells them.
const (
	APIPath     = sim.APIPath
	AuthPath    = sim.AuthPath
	BackendPath = sim.BackendPath
)

// HealthPath is the readiness check: 200 {"status":"ok"} once the server serves.
const HealthPath = "/__krakensim/health"

// routes builds the handler: the paths without variables (the GraphQL endpoints, the
// health check, the data-import routes) answer from a map at once, and the router
// that answers every other path is built on another goroutine, which the first
// request for such a path waits for. Each GraphQL endpoint also answers its path
// without the trailing slash, directly rather than by redirect, since clients
// commonly replay a redirected POST as a GET.
func (s *Server) routes() http.Handler {
	exact := &exactRoutes{paths: map[string]http.Handler{}, ready: make(chan struct{})}
	graphql := map[string]http.Handler{}
	endpoints := map[string]Executor{APIPath: s.cfg.API, AuthPath: s.cfg.Auth}
	if s.cfg.Backend != nil {
		endpoints[BackendPath] = s.cfg.Backend
	}
	for path, exec := range endpoints {
		gh := &graphqlHandler{path: path, exec: exec, maxBody: s.cfg.MaxBodyBytes, sim: s.cfg.Sim, page: s.serveIDE}
		if c, ok := exec.(queryCache); ok {
			gh.sharedQuery, gh.inputName = c.CachedQuery, c.InputName
		}
		var h http.Handler = gh
		graphql[path], graphql[strings.TrimSuffix(path, "/")] = h, h
	}
	if s.cfg.Backend != nil {
		for _, p := range []string{APIPath, strings.TrimSuffix(APIPath, "/")} {
			graphql[p] = byHost{site: graphql[p], backend: graphql[BackendPath]}
		}
	}
	maps.Copy(exact.paths, graphql)
	exact.paths[HealthPath] = http.HandlerFunc(s.health)
	var rest []*restHandler
	if s.cfg.Sim != nil {
		seen := map[string]bool{}
		for _, route := range s.cfg.Sim.Routes() {
			if seen[route.Pattern] {
				continue
			}
			seen[route.Pattern] = true
			h := &restHandler{sim: s.cfg.Sim, route: route.Pattern, maxBody: s.cfg.MaxBodyBytes, params: mux.Vars, get: route.Method == http.MethodGet}
			rest = append(rest, h)
			if !strings.Contains(route.Pattern, "{") {
				lit := *h
				lit.params = noParams // what the router gives a path without variables
				exact.paths[route.Pattern] = &lit
				if bare := strings.TrimSuffix(route.Pattern, "/"); bare != route.Pattern && route.Method == http.MethodGet {
					exact.paths[bare] = &lit
				}
			}
		}
	}
	// Compiling the router's patterns is a few milliseconds of a start that the
	// first GraphQL request need not wait for.
	go func() {
		exact.router = s.router(graphql, rest)
		close(exact.ready)
	}()
	return exact
}

// router builds the router of every path: the GraphQL endpoints and REST routes
// given, the admin API, metrics, the IDE's assets and the schemas.
func (s *Server) router(graphql map[string]http.Handler, rest []*restHandler) *mux.Router {
	r := mux.NewRouter()
	r.SkipClean(true) // answer odd paths with a 404, never a redirect
	r.NotFoundHandler = http.HandlerFunc(notFound)
	for _, path := range slices.Sorted(maps.Keys(graphql)) {
		r.Handle(path, graphql[path])
	}
	r.HandleFunc(HealthPath, s.health)
	r.Handle(MetricsPath, s.metrics.handler)
	r.PathPrefix(IDEAssetsPath).HandlerFunc(serveAsset)
	r.Handle(SchemasPath+"{name}", methods{http.MethodGet: withVar("name", s.serveSchema)})
	if s.cfg.Sim == nil {
		return r
	}

	r.Handle(checkout.Path+"{token}", methods{http.MethodGet: withVar("token", s.checkout), http.MethodPost: withVar("token", s.checkout)})
	r.Handle(uploads.Path, methods{http.MethodPost: s.storeUpload})
	r.PathPrefix(uploads.Path).Handler(methods{http.MethodGet: s.fetchUpload, http.MethodHead: s.fetchUpload})
	r.PathPrefix(documents.Path).Handler(methods{http.MethodGet: s.fetchDocument, http.MethodHead: s.fetchDocument})

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
		"sessions/{id}/messages":    {http.MethodGet: withVar("id", s.messages)},
		"sessions/{id}/checkouts":   {http.MethodGet: withVar("id", s.checkouts)},
		"sessions/{id}/masquerade":  {http.MethodPost: withVar("id", s.masquerade)},
		"coverage":                  {http.MethodGet: s.coverage, http.MethodDelete: s.coverage},
		"possible-errors":           {http.MethodGet: s.possibleErrors},
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

	for _, h := range rest {
		r.Handle(h.route, h)
		// A GET whose path lacks the trailing slash is answered as Django answers it
		// once APPEND_SLASH has redirected it, without the redirect (clients such as
		// Home Assistant's Octopus integration leave the slash off).
		if bare := strings.TrimSuffix(h.route, "/"); bare != h.route && h.get {
			r.Handle(bare, h)
		}
	}
	// Any other path may still be answered by a scenario's REST rule.
	r.NotFoundHandler = &restHandler{sim: s.cfg.Sim, maxBody: s.cfg.MaxBodyBytes}
	return r
}

func noParams(*http.Request) map[string]string { return map[string]string{} }

// byHost answers the API path for the backend host's name (api.backend.…, as a client
// pointed at Octopus's backend sends) from the backend's endpoint, else from the site's.
type byHost struct{ site, backend http.Handler }

func (b byHost) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if backendHost(r.Host) {
		b.backend.ServeHTTP(w, r)
		return
	}
	b.site.ServeHTTP(w, r)
}

// backendHost reports whether a Host header names a backend host: its first two labels
// are api and backend, in any case.
func backendHost(host string) bool {
	const prefix = "api.backend."
	return len(host) > len(prefix) && strings.EqualFold(host[:len(prefix)], prefix)
}

// exactRoutes answers the paths that take no variables (the GraphQL endpoints, the
// health check, the data-import routes) from a map, as the router would, without its
// per-request matching and context copies; every other path goes to the router once
// ready is closed.
type exactRoutes struct {
	paths  map[string]http.Handler
	router *mux.Router // set before ready is closed
	ready  chan struct{}
}

func (e *exactRoutes) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h, ok := e.paths[r.URL.Path]; ok {
		h.ServeHTTP(w, r)
		return
	}
	<-e.ready
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
