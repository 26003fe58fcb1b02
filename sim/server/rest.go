package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/krakensim/krakensim/sim"
)

// restHandler serves the simulator's REST endpoints (and scripted answers on any other
// path): it turns the HTTP request into a sim.HTTPRequest and writes the answer back.
type restHandler struct {
	sim     *sim.Simulator
	route   string // the pattern that matched; empty for the catch-all
	maxBody int64
	params  func(*http.Request) map[string]string
	// get is whether the route is a GET, also answered without its trailing slash.
	get bool
}

func (h *restHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if tw, tr := startTrace(h.sim, w, r); tw != nil {
		defer tw.finish()
		w, r = tw, tr
	}
	if r.ContentLength > h.maxBody {
		writeDetail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("Request body of %d bytes is over the %d-byte limit.", r.ContentLength, h.maxBody))
		return
	}
	body, err := readBody(http.MaxBytesReader(w, r.Body, h.maxBody), r.ContentLength)
	if err != nil {
		var mbe *http.MaxBytesError
		noteRefusal(w, "", nil, body)
		if errors.As(err, &mbe) {
			writeDetail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("Request body is over the %d-byte limit.", h.maxBody))
			return
		}
		writeDetail(w, http.StatusBadRequest, fmt.Sprintf("Reading the request body failed after %d bytes: %v", len(body), err))
		return
	}
	req := &sim.HTTPRequest{
		Method: r.Method,
		Path:   r.URL.Path,
		Route:  h.route,
		Query:  r.URL.Query(),
		Header: r.Header,
		Body:   body,
		Host:   r.Host,
		Secure: r.TLS != nil,
	}
	if h.route != "" && h.params != nil {
		req.Params = h.params(r)
	}
	resp := h.sim.ServeREST(traceContext(w, r), req)
	if resp == nil {
		notFound(w, r)
		return
	}
	if !wait(r.Context(), resp.Delay) {
		return
	}
	status := resp.Status
	if status == 0 {
		status = http.StatusOK
	}
	if writeFault(w, r, resp.Fault, status, resp.Header, resp.Body) {
		return
	}
	copyHeader(w, resp.Header)
	if w.Header().Get("Content-Type") == "" && len(resp.Body) > 0 {
		w.Header()["Content-Type"] = valueJSONPlain
	}
	w.Header()["Cache-Control"] = valueNoStore
	w.WriteHeader(status)
	_, _ = w.Write(resp.Body)
}

// valueJSONPlain is the Content-Type of the data-import answers, as Kraken sends it.
var valueJSONPlain = []string{"application/json"}

// writeDetail sends a Django-REST-Framework style error, as the REST endpoints do.
func writeDetail(w http.ResponseWriter, status int, detail string) {
	noteMessage(w, detail)
	b, _ := json.Marshal(map[string]string{"detail": detail})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
