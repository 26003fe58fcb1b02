package server

import (
	"context"
	"net"
	"net/http"
	"slices"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/rules"
)

// outcomeServer is an Executor that also says what a scripted answer does to the HTTP
// exchange (satisfied by *sim.Endpoint).
type outcomeServer interface {
	Serve(ctx context.Context, req *graphql.Request) (*graphql.Response, *sim.Outcome)
}

// queryCache is an Executor that keeps prepared documents' texts for requests to share
// (satisfied by *sim.Endpoint).
type queryCache interface {
	CachedQuery(q []byte) (string, bool)
	InputName(b []byte) (string, bool)
}

// wait holds the answer back for d, or until the client goes away; it reports whether
// the client is still there.
func wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// writeFault breaks the exchange as f asks and reports whether it did; status, header
// and body are what a well-formed answer would have been.
func writeFault(w http.ResponseWriter, r *http.Request, f rules.Fault, status int, header map[string][]string, body []byte) bool {
	commitFault(w, r, f, status)
	switch f {
	case rules.FaultReset:
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			// HTTP/2 and recorders cannot be hijacked; abort the stream instead.
			panic(http.ErrAbortHandler)
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // send RST rather than FIN
		}
		_ = conn.Close()
		return true
	case rules.FaultHang:
		<-r.Context().Done()
		return true
	case rules.FaultMalformed:
		copyHeader(w, header)
		if len(body) < 2 {
			body = []byte(`{"data":`)
		} else {
			body = body[:len(body)/2]
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
		return true
	case rules.FaultEmpty:
		copyHeader(w, header)
		w.Header().Del("Content-Type")
		w.WriteHeader(status)
		return true
	}
	return false
}

func copyHeader(w http.ResponseWriter, header map[string][]string) {
	h := w.Header()
	for k, vs := range header {
		k = http.CanonicalHeaderKey(k)
		if len(vs) == 0 {
			delete(h, k)
			continue
		}
		h[k] = slices.Clip(vs) // net/http only reads them; an Add would append to a copy
	}
}
