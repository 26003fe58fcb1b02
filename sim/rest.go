package sim

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/rules"
)

// HTTPRequest is a REST call as the simulator sees it, without net/http.
type HTTPRequest struct {
	Method string
	// Path is the URL path as sent.
	Path string
	// Route is the pattern of the route that matched ("/v1/data-import/notes/create/"),
	// empty when none did; Params holds its {name} segments.
	Route  string
	Params map[string]string
	Query  map[string][]string
	// Header has canonical keys.
	Header map[string][]string
	Body   []byte
	// Host is the host the request was sent to, and Secure whether over TLS.
	Host   string
	Secure bool
}

// HeaderValue returns the first value of the named header, or "".
func (r *HTTPRequest) HeaderValue(name string) string {
	return anyHeaderValue(r.Header, name)
}

// HTTPResponse is a REST answer, and what to do to the connection around it.
type HTTPResponse struct {
	Status int
	Header map[string][]string
	Body   []byte
	Transport
	// processed is set on a scripted answer whose call runs before it answers (the
	// answer's processed).
	processed bool
}

// Transport is what a scripted answer does to the HTTP exchange besides its content.
type Transport struct {
	// Delay holds the answer back.
	Delay time.Duration
	// Fault replaces a well-formed answer with a broken one.
	Fault rules.Fault
}

// RESTHandler answers one REST call; the session is locked for its duration.
type RESTHandler func(ctx context.Context, s *Session, req *HTTPRequest) *HTTPResponse

// Route is one REST endpoint: a method and a path pattern with {name} segments.
type Route struct {
	Method  string
	Pattern string
	// Name says what the endpoint does, for listings.
	Name   string
	Handle RESTHandler
	// Statuses are the HTTP statuses the contract documents, for coverage.
	Statuses []int
	key      string // "METHOD pattern"
}

// Routes lists the REST endpoints, in the order configured.
func (s *Simulator) Routes() []Route { return append([]Route(nil), s.routeList...) }

// ServeREST answers a REST call in the session its X-Krakensim-Session header names:
// a scripted answer when an active scenario matches, else the route's handler; nil
// when neither answers (no such route).
func (s *Simulator) ServeREST(ctx context.Context, req *HTTPRequest) *HTTPResponse {
	ctx, cancel := s.withDeadline(ctx)
	defer cancel()
	sess, err := s.acquire(ctx, headerValue(req.Header, SessionHeader))
	if err != nil { // errors.As's target escapes: made only for an error
		var busy *SessionBusyError
		if errors.As(err, &busy) {
			TraceFrom(ctx).busyREST(s, req)
			resp := JSONResponse(429, map[string]any{"detail": busy.Error()})
			resp.Header["Retry-After"] = []string{"1"}
			return resp
		}
		return JSONResponse(400, map[string]any{"detail": SessionHeader + ": " + err.Error()})
	}
	defer s.release(sess)
	trace := TraceFrom(ctx)
	trace.startREST(sess, req)
	resp := s.serveREST(ctx, sess, req)
	trace.finishREST(resp)
	return resp
}

func (s *Simulator) serveREST(ctx context.Context, sess *Session, req *HTTPRequest) *HTTPResponse {
	if resp := forcedOnREST(req); resp != nil {
		return resp
	}
	named, err := s.requestScenarios(sess, req.Header)
	if err != nil {
		return JSONResponse(400, map[string]any{"detail": err.Error()})
	}
	scripted := s.scriptedREST(ctx, sess, req, named)
	if scripted != nil && (scripted.Status != 0 || scripted.Fault != rules.FaultNone) && !scripted.processed {
		return scripted // the call never reached the endpoint
	}
	if s.proxy.Upstream != nil {
		resp := s.proxyREST(ctx, req)
		if scripted != nil && scripted.Status != 0 {
			return scripted
		}
		if scripted != nil {
			resp.Transport = scripted.Transport
		}
		return resp
	}
	resp := s.routeREST(ctx, sess, req)
	if resp != nil && scripted != nil && scripted.Status != 0 {
		return scripted // processed: the endpoint ran, and the scripted answer replaces its
	}
	if resp == nil && scripted != nil {
		return JSONResponse(404, map[string]any{"detail": "Not found."})
	}
	if resp != nil && scripted != nil {
		resp.Transport = scripted.Transport
		for k, v := range scripted.Header {
			if resp.Header == nil {
				resp.Header = map[string][]string{}
			}
			resp.Header[k] = v
		}
	}
	return resp
}

// forcedOnREST refuses X-Krakensim-Error on a REST route, which it cannot honour: the
// header forces a documented Kraken error code on a GraphQL root field, and a REST
// route answers an HTTP status with a body of its own instead. The 400 says how to
// make the route fail. Nil without the header (or with only empty values).
func forcedOnREST(req *HTTPRequest) *HTTPResponse {
	var given []string
	for _, v := range req.Header[HeaderForceError] {
		if v = strings.TrimSpace(v); v != "" {
			given = append(given, v)
		}
	}
	if len(given) == 0 {
		return nil
	}
	route := req.Method + " " + req.Route
	if req.Route == "" {
		route = req.Method + " " + req.Path
	}
	return JSONResponse(400, map[string]any{
		"detail": fmt.Sprintf("%s: %q is not applied to REST routes: the header forces a documented Kraken error code on a GraphQL root field, "+
			"and %s answers HTTP statuses with bodies of its own, not error codes; to make it fail, activate a scenario rule "+
			"such as {when: {http: %q}, then: {status: 404}} (with a body of your own, or DRF's {\"detail\": …} for the status), "+
			"or send this request without the header", HeaderForceError, strings.Join(given, ","), route, route),
		"code": CodeBadRequestHeader,
	})
}

// routeREST answers a REST call with its route's handler.
func (s *Simulator) routeREST(ctx context.Context, sess *Session, req *HTTPRequest) *HTTPResponse {
	var key [128]byte // the map is read by the bytes, without a string made of them
	route := s.routes[string(append(append(append(key[:0], req.Method...), ' '), req.Route...))]
	if route == nil {
		if methods := s.routeMethods(req.Route); len(methods) > 0 {
			resp := JSONResponse(405, map[string]any{"detail": fmt.Sprintf("Method %q not allowed.", req.Method)})
			resp.Header["Allow"] = []string{strings.Join(methods, ", ")}
			return resp
		}
		return nil
	}
	resp := route.Handle(ctx, sess, req)
	if resp == nil {
		return JSONResponse(500, map[string]any{"detail": "the handler gave no answer"})
	}
	return resp
}

// JSONResponse is a REST answer with a JSON body.
func JSONResponse(status int, body any) *HTTPResponse {
	b, err := graphql.AppendValue(make([]byte, 0, 256), body)
	if err != nil {
		status, b = 500, []byte(`{"detail":"the answer could not be encoded"}`)
	}
	return &HTTPResponse{
		Status: status,
		Header: map[string][]string{"Content-Type": contentJSON},
		Body:   b,
	}
}

// contentJSON is JSONResponse's Content-Type, shared by every answer: headers are only
// read or replaced, and its capacity is its length, so an append copies it.
var contentJSON = []string{"application/json"}

// routeMethods lists the methods configured for a route pattern.
func (s *Simulator) routeMethods(pattern string) []string {
	var out []string
	for _, r := range s.routeList {
		if r.Pattern == pattern && pattern != "" {
			out = append(out, r.Method)
		}
	}
	return out
}
