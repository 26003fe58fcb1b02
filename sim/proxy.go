package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"strings"
	"sync"

	"github.com/krakensim/krakensim/sim/graphql"
)

// Upstream forwards a call that nothing in the simulator answers to a real Kraken.
type Upstream interface {
	Forward(ctx context.Context, req *UpstreamRequest) *UpstreamReply
}

// UpstreamRequest is a call as it is sent upstream.
type UpstreamRequest struct {
	Method string
	Path   string
	Query  map[string][]string
	Header map[string][]string
	Body   []byte
}

// UpstreamReply is what came back from upstream, or why nothing did.
type UpstreamReply struct {
	Status int
	Header map[string][]string
	Body   []byte
	// Err is set when no answer came (connection refused, timeout); Status and Body
	// are then krakensim's own answer (502 or 504) and empty here until filled.
	Err error
	// Timeout says Err is the --proxy-timeout running out.
	Timeout bool
}

// BasedUpstream is an Upstream that says its URL (scheme, host and any path prefix),
// so that the links to it in its answers can be pointed at krakensim.
type BasedUpstream interface {
	Upstream
	Base() string
}

// relink points an upstream answer's links at krakensim: each JSON string that begins
// with the upstream's URL (a page's next and previous, a links[].href), and a Location
// header, begin with origin (krakensim's, as the client reached it) instead, so that a
// client paging on stays on krakensim, as a replay of the recording does. The reply
// itself is left as it came, for the recording (which writes such links as
// {{ origin }}).
func (p *Proxy) relink(body []byte, header map[string][]string, origin string) ([]byte, map[string][]string) {
	u, ok := p.Upstream.(BasedUpstream)
	if !ok || origin == "" {
		return body, header
	}
	base := strings.TrimSuffix(u.Base(), "/")
	if base == "" {
		return body, header
	}
	body = relinkJSON(body, base, origin)
	body = relinkJSON(body, strings.ReplaceAll(base, "/", `\/`), strings.ReplaceAll(origin, "/", `\/`))
	if loc := header["Location"]; len(loc) > 0 {
		if rest, ok := linkRest(loc[0], base); ok {
			header = maps.Clone(header)
			header["Location"] = []string{origin + rest}
		}
	}
	return body, header
}

// relinkJSON replaces base by origin at the start of each JSON string of body that
// begins with a link under base; body itself is not changed.
func relinkJSON(body []byte, base, origin string) []byte {
	quoted := []byte(`"` + base)
	if !bytes.Contains(body, quoted) {
		return body
	}
	out := make([]byte, 0, len(body))
	for {
		i := bytes.Index(body, quoted)
		if i < 0 {
			return append(out, body...)
		}
		next := body[i+len(quoted):]
		if len(next) > 0 && strings.IndexByte(`/?#"\`, next[0]) >= 0 {
			out = append(append(append(out, body[:i]...), '"'), origin...)
		} else {
			out = append(out, body[:i+len(quoted)]...)
		}
		body = next
	}
}

// linkRest is what follows base in a link under it.
func linkRest(link, base string) (string, bool) {
	rest, ok := strings.CutPrefix(link, base)
	if !ok || rest != "" && !strings.ContainsRune("/?#", rune(rest[0])) {
		return "", false
	}
	return rest, true
}

// Failed reports whether the call got no answer or a 5xx one.
func (r *UpstreamReply) Failed() bool { return r.Err != nil || r.Status >= 500 }

// Recorder keeps what upstream answered, to replay it later.
type Recorder interface {
	RecordGraphQL(x *GraphQLExchange)
	RecordREST(x *RESTExchange)
}

// GraphQLExchange is one proxied GraphQL operation, seen from one of its root fields.
type GraphQLExchange struct {
	// Endpoint is APIPath or AuthPath.
	Endpoint      string
	Operation     string // "query" or "mutation"
	OperationName string
	// Fields are the operation's root fields with their coerced arguments.
	Fields []ProxiedField
	// Authorized says the request carried an Authorization header.
	Authorized bool
	Reply      *UpstreamReply
}

// ProxiedField is a root field of a proxied operation.
type ProxiedField struct {
	Name string
	Args map[string]any
}

// RESTExchange is one proxied REST call.
type RESTExchange struct {
	Request *HTTPRequest
	Reply   *UpstreamReply
}

// Proxy sends what no scenario or forced error answers upstream, and may record it.
type Proxy struct {
	Upstream Upstream
	// Recorder, when set, is given every proxied exchange.
	Recorder Recorder
}

// CodeUpstreamFailed is the errorCode krakensim answers with when upstream gave no answer.
const CodeUpstreamFailed = "KRAKENSIM-UPSTREAM"

// proxyState is a GraphQL exchange's dealings with upstream.
type proxyState struct {
	once   sync.Once
	reply  *UpstreamReply
	data   map[string]any
	errs   []*graphql.Error
	fields []ProxiedField
	op     string
	local  int
}

// proxied answers a root field from upstream, forwarding the whole operation once.
func (x *exchange) proxied(ctx context.Context, f *graphql.Field) (any, error) {
	p := &x.proxy
	p.once.Do(func() {
		body, err := json.Marshal(map[string]any{
			"query": x.req.Query, "operationName": x.req.OperationName,
			"variables": x.req.Variables, "extensions": x.req.Extensions,
		})
		if err != nil {
			p.reply = &UpstreamReply{Err: err}
		} else {
			p.reply = x.endpoint.sim.proxy.Upstream.Forward(ctx, &UpstreamRequest{
				Method: "POST", Path: x.endpoint.path, Header: forwardHeader(x.req.Header), Body: body,
			})
		}
		if p.reply.Err != nil {
			fillFailure(p.reply, graphQLFailure)
		}
		var doc struct {
			Data   map[string]any   `json:"data"`
			Errors []*graphql.Error `json:"errors"`
		}
		if p.reply.Status == 200 && json.Unmarshal(p.reply.Body, &doc) == nil {
			p.data, p.errs = doc.Data, doc.Errors
		}
	})
	p.op = string(f.Operation)
	p.fields = append(p.fields, ProxiedField{Name: f.Name, Args: f.Args})
	key := f.Alias
	if key == "" {
		key = f.Name
	}
	var errs []error
	for _, e := range p.errs {
		if len(e.Path) > 0 && e.Path[0] == key {
			errs = append(errs, e)
		}
	}
	return p.data[key], errors.Join(errs...)
}

// finishProxy records a proxied operation, or answers locally when some root field
// was answered by the simulator (then proxied fields keep their upstream values).
func (x *exchange) finishProxy() {
	p := &x.proxy
	if p.reply == nil {
		return
	}
	if p.local == 0 || p.reply.Status != 200 {
		out := &Outcome{Status: p.reply.Status}
		out.Body, out.Header = x.endpoint.sim.proxy.relink(p.reply.Body, p.reply.Header, Origin(x.req.Host, x.req.Secure, x.req.Header))
		if x.outcome != nil {
			out.Transport = x.outcome.Transport // a scenario's delay or fault still applies
		}
		x.outcome = out
	}
	if p.local > 0 {
		return
	}
	rec := x.endpoint.sim.proxy.Recorder
	if rec == nil {
		return
	}
	rec.RecordGraphQL(&GraphQLExchange{
		Endpoint: x.endpoint.path, Operation: p.op, OperationName: x.opName,
		Fields: p.fields, Authorized: headerValue(x.req.Header, "Authorization") != "", Reply: p.reply,
	})
}

// proxyREST forwards a REST call upstream and records it.
func (s *Simulator) proxyREST(ctx context.Context, req *HTTPRequest) *HTTPResponse {
	reply := s.proxy.Upstream.Forward(ctx, &UpstreamRequest{
		Method: req.Method, Path: req.Path, Query: req.Query, Header: forwardHeader(req.Header), Body: req.Body,
	})
	if reply.Err != nil {
		fillFailure(reply, restFailure)
	}
	if s.proxy.Recorder != nil {
		s.proxy.Recorder.RecordREST(&RESTExchange{Request: req, Reply: reply})
	}
	body, header := s.proxy.relink(reply.Body, reply.Header, Origin(req.Host, req.Secure, req.Header))
	return &HTTPResponse{Status: reply.Status, Header: header, Body: body}
}

func graphQLFailure(msg string) any {
	return map[string]any{"data": nil, "errors": []any{map[string]any{
		"message": msg,
		"extensions": map[string]any{
			"errorType": "SERVICE_UNAVAILABLE", "errorCode": CodeUpstreamFailed, "errorDescription": msg,
		},
	}}}
}

func restFailure(msg string) any { return map[string]any{"detail": msg} }

// ErrRequestEnded is wrapped by an Upstream's Err when the call stopped because the
// request itself ended (its --request-timeout passed, or its client went away), not
// because the upstream was slower than --proxy-timeout; the error's text says which.
var ErrRequestEnded = errors.New("the request ended before the upstream Kraken answered")

// fillFailure gives a reply that got no answer krakensim's own: 504 on a timeout,
// else 502, with a body that says what happened.
func fillFailure(r *UpstreamReply, body func(string) any) {
	r.Status = 502
	msg := "krakensim could not reach the upstream Kraken: " + r.Err.Error()
	switch {
	case errors.Is(r.Err, ErrRequestEnded):
		r.Status = 504
		msg = r.Err.Error()
	case r.Timeout:
		r.Status = 504
		msg = "the upstream Kraken did not answer within --proxy-timeout: " + r.Err.Error()
	}
	b, _ := json.Marshal(body(msg))
	r.Header = map[string][]string{"Content-Type": {"application/json"}}
	r.Body = b
}

// forwardHeader drops the headers that only mean something to krakensim or to this
// connection.
func forwardHeader(h map[string][]string) map[string][]string {
	out := make(map[string][]string, len(h))
	for k, v := range h {
		switch ck := canonicalHeader(k); {
		case len(ck) > 12 && ck[:12] == "X-Krakensim-":
		case ck == "Host", ck == "Content-Length", ck == "Connection", ck == "Accept-Encoding",
			ck == "Keep-Alive", ck == "Te", ck == "Trailer", ck == "Transfer-Encoding", ck == "Upgrade",
			ck == "Proxy-Authorization", ck == "Proxy-Connection":
		default:
			out[ck] = append([]string(nil), v...)
		}
	}
	if _, ok := out["Content-Type"]; !ok {
		out["Content-Type"] = []string{"application/json"}
	}
	return out
}
