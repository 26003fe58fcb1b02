package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/krakensim/krakensim/internal/jsonvalue"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// Media types of GraphQL over HTTP. Every GraphQL answer is application/json, whatever
// the request's Accept, as Kraken's GraphQL view (graphene-django's) answers.
const (
	mediaJSON    = "application/json"
	mediaHTML    = "text/html"
	mediaGraphQL = "application/graphql"               // a POST body that is the query itself
	mediaForm    = "application/x-www-form-urlencoded" // a POST body of form fields
	mediaMulti   = "multipart/form-data"               // a POST body of form fields as parts
)

// msgNoQuery is Kraken's view's answer to a request without a query, or with an empty one.
const msgNoQuery = "Must provide query string."

// Error codes of transport-level errors; they are krakensim's own, not Kraken's
// KT-CT registry, since Kraken never sees such requests as GraphQL.
const (
	codeBadRequest       = "KRAKENSIM-HTTP-400"
	codeNotFound         = "KRAKENSIM-HTTP-404"
	codeMethodNotAllowed = "KRAKENSIM-HTTP-405"
	codeTooLarge         = "KRAKENSIM-HTTP-413"
	codeUnsupportedMedia = "KRAKENSIM-HTTP-415"
	codeInternal         = "KRAKENSIM-HTTP-500"
)

// httpError is a request the transport refuses before any GraphQL work.
type httpError struct {
	status int
	msg    string
	allow  string // Allow header for 405
	// body is what was read of the request's body, for its journal entry.
	body []byte
}

func (e *httpError) Error() string { return e.msg }

func errorf(status int, format string, args ...any) *httpError {
	return &httpError{status: status, msg: fmt.Sprintf(format, args...)}
}

// graphqlHandler serves one GraphQL endpoint.
type graphqlHandler struct {
	path    string
	exec    Executor
	maxBody int64
	// sim records the requests in its journal, when set.
	sim  *sim.Simulator
	page func(w http.ResponseWriter, path string) // the IDE a browser gets
	// sharedQuery returns the text of a prepared document equal to q, and inputName
	// the schema's string for an input field named b, when the executor keeps them
	// (queryCache), so that a request does not copy them; made once, as each request
	// would allocate a method value.
	sharedQuery, inputName func(b []byte) (string, bool)
}

func (h *graphqlHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	page := r.Method == http.MethodGet && !r.URL.Query().Has("query") && prefersHTML(r.Header.Values("Accept"))
	if !page {
		if tw, tr := startTrace(h.sim, w, r); tw != nil {
			defer tw.finish()
			w, r = tw, tr
		}
	}
	h.serve(w, r)
}

func (h *graphqlHandler) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		e := errorf(http.StatusMethodNotAllowed, "method %s is not allowed on %s; use GET (queries) or POST", r.Method, h.path)
		e.allow = "GET, POST, OPTIONS"
		writeError(w, mediaJSON, e)
		return
	}
	if r.Method == http.MethodGet && !r.URL.Query().Has("query") && prefersHTML(r.Header["Accept"]) {
		h.page(w, h.path)
		return
	}
	if h.exec == nil {
		writeError(w, mediaJSON, errorf(http.StatusNotFound, "%s: no GraphQL executor is configured for this endpoint", h.path))
		return
	}

	var req *graphql.Request
	var herr *httpError
	if r.Method == http.MethodGet {
		req, herr = parseGET(r.URL.RawQuery)
	} else {
		req, herr = h.parsePOST(w, r)
	}
	if herr == nil && req.Query == "" {
		herr = errorf(http.StatusBadRequest, msgNoQuery)
	}
	if herr != nil {
		noteRefusal(w, h.path, req, herr.body)
		writeError(w, mediaJSON, herr)
		return
	}
	if req.OperationName == "null" { // as Kraken's view reads it: no name given
		req.OperationName = ""
	}
	setOperation(w, req.OperationName)
	if r.Method == http.MethodGet {
		if op := operationKind(req.Query, req.OperationName); op != "" && op != ast.Query {
			e := errorf(http.StatusMethodNotAllowed, "GET can only run query operations; send this %s with POST", op)
			e.allow = "POST"
			noteRefusal(w, h.path, req, nil)
			writeError(w, mediaJSON, e)
			return
		}
	}
	req.Header = map[string][]string(r.Header)
	req.RemoteAddr = r.RemoteAddr
	req.Host, req.Secure = r.Host, r.TLS != nil

	var resp *graphql.Response
	var out *sim.Outcome
	if srv, ok := h.exec.(outcomeServer); ok {
		resp, out = srv.Serve(traceContext(w, r), req)
	} else {
		resp = h.exec.Execute(traceContext(w, r), req)
	}
	if resp == nil {
		writeError(w, mediaJSON, errorf(http.StatusInternalServerError, "%s: the executor returned no response", h.path))
		return
	}
	bp := responseBuffers.Get().(*[]byte)
	body, err := resp.AppendJSON((*bp)[:0])
	if err != nil {
		writeError(w, mediaJSON, errorf(http.StatusInternalServerError, "%s: encoding the response: %v", h.path, err))
		return
	}
	status := http.StatusOK
	if resp.Invalid {
		// A document that fails to parse or validate is a bad request, as Kraken's GraphQL
		// view answers it (clients that read Kraken live note the 400); anything else,
		// errors of resolvers and of Kraken's limits included, is a 200.
		status = http.StatusBadRequest
	}
	if out == nil {
		writeBody(w, mediaJSON, status, body)
		if cap(body) <= 64<<10 { // net/http has copied it; a large answer's buffer is not kept
			*bp = body[:0]
			responseBuffers.Put(bp)
		}
		return
	}
	h.writeOutcome(w, r, status, body, out)
}

// writeOutcome sends a GraphQL answer the way a scenario scripted it: late, with
// another status, or broken.
func (h *graphqlHandler) writeOutcome(w http.ResponseWriter, r *http.Request, status int, body []byte, out *sim.Outcome) {
	if !wait(r.Context(), out.Delay) {
		return
	}
	header := map[string][]string{"Content-Type": valueJSON}
	if out.Status != 0 {
		status, body = out.Status, out.Body
		if body == nil {
			body = errorJSON(status, fmt.Sprintf("%s: scripted HTTP %d %s", h.path, status, http.StatusText(status)))
		}
	}
	for k, vs := range out.Header {
		header[http.CanonicalHeaderKey(k)] = vs
	}
	if writeFault(w, r, out.Fault, status, header, body) {
		return
	}
	copyHeader(w, header)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// responseBuffers hold answers while they are written.
var responseBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// Header values every answer carries, shared read-only rather than made per request
// (net/http only reads them, and Header.Add appends to a copy).
var (
	valueJSON    = []string{mediaJSON + "; charset=utf-8"}
	valueNoSniff = []string{"nosniff"}
	valueNoStore = []string{"no-store"}
)

func writeBody(w http.ResponseWriter, media string, status int, body []byte) {
	h := w.Header()
	switch media {
	case mediaJSON:
		h["Content-Type"] = valueJSON
	default:
		h.Set("Content-Type", media+"; charset=utf-8")
	}
	h["X-Content-Type-Options"] = valueNoSniff
	h["Cache-Control"] = valueNoStore
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// errorBody is the JSON of a transport error: a GraphQL response without data.
type errorBody struct {
	Errors []*graphql.Error `json:"errors"`
}

func writeError(w http.ResponseWriter, media string, e *httpError) {
	noteMessage(w, e.msg)
	if e.allow != "" {
		w.Header().Set("Allow", e.allow)
	}
	writeBody(w, media, e.status, errorJSON(e.status, e.msg))
}

// errorJSON renders a transport error in Kraken's error shape: the code names the status
// (KRAKENSIM-HTTP-429) and the type its kind, as Kraken types the like GraphQL errors: 401,
// 403 and 429 AUTHORIZATION (KT-CT-1199 is), 502, 503 and 504 SERVICE_AVAILABILITY, other
// 5xx APPLICATION, 404 NOT_FOUND, other 4xx VALIDATION.
func errorJSON(status int, msg string) []byte {
	typ, code := "VALIDATION", fmt.Sprintf("KRAKENSIM-HTTP-%d", status)
	switch {
	case status == http.StatusUnauthorized, status == http.StatusForbidden, status == http.StatusTooManyRequests:
		typ = "AUTHORIZATION"
	case status == http.StatusBadGateway, status == http.StatusServiceUnavailable, status == http.StatusGatewayTimeout:
		typ = "SERVICE_AVAILABILITY"
	case status >= 500:
		typ = "APPLICATION"
	}
	switch status {
	case http.StatusBadRequest:
		code = codeBadRequest
	case http.StatusNotFound:
		typ, code = "NOT_FOUND", codeNotFound
	case http.StatusMethodNotAllowed:
		code = codeMethodNotAllowed
	case http.StatusRequestEntityTooLarge:
		code = codeTooLarge
	case http.StatusUnsupportedMediaType:
		code = codeUnsupportedMedia
	case http.StatusInternalServerError:
		typ, code = "APPLICATION", codeInternal
	}
	b, err := json.Marshal(errorBody{Errors: []*graphql.Error{{
		Message: msg,
		Extensions: map[string]any{
			"errorType":        typ,
			"errorCode":        code,
			"errorDescription": http.StatusText(status) + ": " + msg,
		},
	}}})
	if err != nil { // strings and a map of strings always encode
		return []byte(`{"errors":[{"message":"internal error"}]}`)
	}
	return b
}

// prefersHTML reports whether a browser asked for a page: text/html accepted at
// least as strongly as application/json.
func prefersHTML(accept []string) bool {
	ranges := parseAccept(accept)
	qh, spec, _ := matchAccept(ranges, mediaHTML)
	if qh <= 0 || spec == 0 {
		return false
	}
	qj, _, _ := matchAccept(ranges, mediaJSON)
	return qh >= qj
}

type mediaRange struct {
	typ, sub string
	q        float64
}

func parseAccept(values []string) []mediaRange {
	var out []mediaRange
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			mt, params, err := mime.ParseMediaType(part)
			if err != nil {
				continue
			}
			typ, sub, ok := strings.Cut(mt, "/")
			if !ok {
				continue
			}
			q := 1.0
			if qs, ok := params["q"]; ok {
				if _, err := fmt.Sscanf(qs, "%g", &q); err != nil || q < 0 || q > 1 {
					continue
				}
			}
			out = append(out, mediaRange{typ: typ, sub: sub, q: q})
		}
	}
	return out
}

// matchAccept returns the q of the most specific range matching media (2 exact,
// 1 type/*, 0 */*), that specificity and the range's index; q is 0 when none match.
func matchAccept(ranges []mediaRange, media string) (q float64, spec, idx int) {
	typ, sub, _ := strings.Cut(media, "/")
	spec = -1
	for i, r := range ranges {
		s := -1
		switch {
		case r.typ == typ && r.sub == sub:
			s = 2
		case r.typ == typ && r.sub == "*":
			s = 1
		case r.typ == "*" && r.sub == "*":
			s = 0
		}
		if s > spec {
			q, spec, idx = r.q, s, i
		}
	}
	return q, spec, idx
}

// parseGET reads the request parameters from a URL query string.
func parseGET(rawQuery string) (*graphql.Request, *httpError) {
	return decodeParams("URL query string", rawQuery)
}

// decodeParams reads the request parameters from URL-encoded text: a GET's query string
// or a form body, where says which.
func decodeParams(where, encoded string) (*graphql.Request, *httpError) {
	vals, err := url.ParseQuery(encoded)
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "%s: %v", where, err)
	}
	return formParams(vals)
}

// formParams reads the request parameters from form values. Of a parameter given more
// than once the last counts, as Django's QueryDict reads it for Kraken's view.
func formParams(vals url.Values) (*graphql.Request, *httpError) {
	req := &graphql.Request{Query: lastValue(vals, "query"), OperationName: lastValue(vals, "operationName")}
	for _, p := range []struct {
		name string
		dst  *map[string]any
	}{{"variables", &req.Variables}, {"extensions", &req.Extensions}} {
		s := lastValue(vals, p.name)
		if s == "" {
			continue
		}
		text := []byte(s)
		m, herr := decodeObject(p.name, text)
		if herr != nil {
			return nil, herr
		}
		*p.dst = m
		if p.name == "variables" && m != nil {
			req.VariablesText = slices.Clip(text)
		}
	}
	return req, nil
}

// lastValue is the last value of the form parameter k, or "".
func lastValue(vals url.Values, k string) string {
	if vs := vals[k]; len(vs) > 0 {
		return vs[len(vs)-1]
	}
	return ""
}

// paramsFromURL sets the parameters a POST's URL query string gives over its body's, as
// Kraken's view reads the URL first: each of query, variables and operationName given
// there (the last of each, when repeated), and not empty, wins.
func paramsFromURL(req *graphql.Request, rawQuery string) *httpError {
	if rawQuery == "" {
		return nil
	}
	vals, _ := url.ParseQuery(rawQuery) // a POST's URL may carry anything; what parses counts
	if s := lastValue(vals, "variables"); s != "" {
		m, herr := decodeObject("variables", []byte(s))
		if herr != nil {
			return herr
		}
		req.Variables, req.VariablesText = m, nil
		if m != nil {
			req.VariablesText = slices.Clip([]byte(s))
		}
	}
	if s := lastValue(vals, "operationName"); s != "" {
		req.OperationName = s
	}
	if s := lastValue(vals, "query"); s != "" {
		req.Query = s
	}
	return nil
}

// decodeObject decodes a parameter given as JSON text (in a URL, a form, or variables
// sent as a string) that must hold a JSON object or null; a value Python counts as
// false (null, [], 0, false, "") is none, as Kraken's view passes it on.
func decodeObject(name string, b []byte) (map[string]any, *httpError) {
	if !utf8.Valid(b) {
		return nil, errorf(http.StatusBadRequest, "%s: not valid UTF-8", name)
	}
	if !jsonvalue.Valid(b) {
		return nil, errorf(http.StatusBadRequest, "%s: invalid JSON%s", name, describeJSONError(b, json.Unmarshal(b, new(struct{}))))
	}
	switch m := jsonvalue.Decode(b).(type) {
	case map[string]any:
		return m, nil
	case nil:
		return nil, nil
	default:
		if falsy(m) {
			return nil, nil
		}
	}
	return nil, errorf(http.StatusBadRequest, "%s: must be a JSON object or null, got %s", name, jsonKind(b))
}

// falsy reports whether Python counts the decoded JSON value v as false.
func falsy(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case string:
		return v == ""
	case json.Number:
		f, err := v.Float64()
		return err == nil && f == 0
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

// parsePOST reads the request parameters of a POST as Kraken's view does: from a JSON
// body, a form body (URL-encoded or multipart) or an application/graphql body (the
// query itself), and from the URL's query string, which wins over the body. A body of
// any other type, or of none, is not read: the URL alone gives the parameters.
func (h *graphqlHandler) parsePOST(w http.ResponseWriter, r *http.Request) (*graphql.Request, *httpError) {
	ct := first(r.Header, "Content-Type")
	media := contentMedia(ct)
	if media == "" {
		req := &graphql.Request{}
		return req, paramsFromURL(req, r.URL.RawQuery)
	}
	if herr := checkContentType(ct, r.Header); herr != nil {
		return nil, herr
	}
	if r.ContentLength > h.maxBody {
		return nil, errorf(http.StatusRequestEntityTooLarge, "body: %d bytes is over the %d-byte limit", r.ContentLength, h.maxBody)
	}
	b, err := readBody(http.MaxBytesReader(w, r.Body, h.maxBody), r.ContentLength)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			herr := errorf(http.StatusRequestEntityTooLarge, "body: over the %d-byte limit", h.maxBody)
			herr.body = b
			return nil, herr
		}
		herr := errorf(http.StatusBadRequest, "body: reading failed after %d bytes: %v", len(b), err)
		herr.body = b
		return nil, herr
	}
	var req *graphql.Request
	var herr *httpError
	switch media {
	case mediaGraphQL:
		req, herr = decodeGraphQLBody(b, h.sharedQuery)
	case mediaForm:
		req, herr = decodeParams("body", string(b))
	case mediaMulti:
		req, herr = decodeMultipart(ct, b)
	default:
		req, herr = decodeBody(b, h.sharedQuery, h.inputName)
	}
	if herr != nil {
		herr.body = b
		return nil, herr
	}
	if herr := paramsFromURL(req, r.URL.RawQuery); herr != nil {
		herr.body = b
		return nil, herr
	}
	return req, nil
}

// contentMedia returns the media type of a POST body Kraken's view reads, named as its
// get_content_type names it (the Content-Type up to any ';', lower-cased), or "" for a
// body it does not read.
func contentMedia(ct string) string {
	switch ct {
	case mediaJSON, mediaJSON + "; charset=utf-8", mediaJSON + ";charset=utf-8", mediaJSON + "; charset=UTF-8":
		return mediaJSON
	}
	mt, _, _ := strings.Cut(ct, ";")
	switch mt = strings.ToLower(mt); mt {
	case mediaJSON, mediaGraphQL, mediaForm, mediaMulti:
		return mt
	}
	return ""
}

// decodeGraphQLBody reads an application/graphql body: the query itself.
func decodeGraphQLBody(b []byte, share func([]byte) (string, bool)) (*graphql.Request, *httpError) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		off := invalidUTF8Offset(b)
		return nil, errorf(http.StatusBadRequest, "body: invalid UTF-8 at offset %d (%s)", off, lineCol(b, off))
	}
	if share != nil {
		if q, ok := share(b); ok {
			return &graphql.Request{Query: q}, nil
		}
	}
	return &graphql.Request{Query: string(b)}, nil
}

// decodeMultipart reads a multipart/form-data body as Django reads it for Kraken's view:
// the parts without a file name are form fields; files are ignored.
func decodeMultipart(ct string, b []byte) (*graphql.Request, *httpError) {
	_, params, err := mime.ParseMediaType(ct)
	if err != nil || params["boundary"] == "" {
		return nil, errorf(http.StatusBadRequest, "Content-Type: %s needs a boundary parameter", mediaMulti)
	}
	vals := url.Values{}
	if len(b) == 0 {
		return formParams(vals)
	}
	mr := multipart.NewReader(bytes.NewReader(b), params["boundary"])
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) { // the end, or no boundary at all: Django reads no more fields
			break
		}
		if err != nil {
			return nil, errorf(http.StatusBadRequest, "body: malformed multipart form: %v", err)
		}
		name := p.FormName()
		switch {
		case p.FileName() != "":
			continue
		case name != "query" && name != "variables" && name != "operationName" && name != "extensions":
			continue
		}
		v, err := io.ReadAll(p) // bounded by the body, which is
		if err != nil {
			return nil, errorf(http.StatusBadRequest, "body: malformed multipart form: field %q: %v", name, err)
		}
		vals[name] = append(vals[name], string(v))
	}
	return formParams(vals)
}

// readBody reads a request body whole, into a buffer of the declared length when
// there is one, so that the usual body is read without growing its buffer.
func readBody(r io.Reader, declared int64) ([]byte, error) {
	if declared <= 0 || declared > 1<<20 {
		return io.ReadAll(r)
	}
	b := make([]byte, 0, declared+1) // the spare byte lets the read that meets EOF fit
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// checkContentType refuses a body Kraken's view reads that krakensim cannot: one in
// another charset than UTF-8, or compressed.
func checkContentType(ct string, h http.Header) *httpError {
	if strings.Contains(ct, "charset") {
		if _, params, err := mime.ParseMediaType(ct); err == nil {
			if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
				return errorf(http.StatusUnsupportedMediaType, "Content-Type: charset %q is not supported; send UTF-8", cs)
			}
		}
	}
	if ce := first(h, "Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		return errorf(http.StatusUnsupportedMediaType, "Content-Encoding: %s is not supported; send the body uncompressed", ce)
	}
	return nil
}

// first is Header.Get for a name already in canonical form, without canonicalizing it
// again on every request.
func first(h http.Header, canonical string) string {
	if v := h[canonical]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// bodyError is the error of a body key's value, with where in the body that value is.
type bodyError struct {
	err *httpError
	at  int
}

// decodeBody decodes a POST body strictly: one JSON object, each known parameter of the
// right type. Unknown keys are ignored, as the specification reserves them for future
// use and Kraken ignores them. Of a key given more than once the last counts, as
// Python's json reads it for Kraken's view. Variables may also come as a JSON string of
// an object, which Kraken's view decodes; a query or variables Python counts as false
// (null, "", 0, false, [], {}) is none, as Kraken's view reads them. share and keys,
// when not nil, give the strings a query and the variables' keys may share.
func decodeBody(b []byte, share, keys func([]byte) (string, bool)) (*graphql.Request, *httpError) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, errorf(http.StatusBadRequest, `body: empty; send a JSON object such as {"query":"{ __typename }"}`)
	}
	if !utf8.Valid(b) {
		off := invalidUTF8Offset(b)
		return nil, errorf(http.StatusBadRequest, "body: invalid UTF-8 at offset %d (%s)", off, lineCol(b, off))
	}
	if !jsonvalue.Valid(b) {
		return nil, errorf(http.StatusBadRequest, "body: invalid JSON%s", describeJSONError(b, json.Unmarshal(b, new(struct{}))))
	}
	s := jsonvalue.NewReader(b)
	s.ShareKeys(keys)
	s.Space()
	if s.Peek() != '{' {
		return nil, errorf(http.StatusBadRequest, "body: must be a JSON object, got %s", jsonKind(bytes.TrimSpace(b)))
	}
	s.Next()
	req := &graphql.Request{}
	// bad holds the error of each known key's last value, in the order Key lists them.
	var bad [4]bodyError
	for s.More('}') {
		key := s.Key("query", "variables", "operationName", "extensions")
		s.Space()
		s.Next() // ':'
		s.Space()
		at := s.Offset()
		kind := jsonKind(b[at:])
		wrong := func(want string) *httpError {
			return errorf(http.StatusBadRequest, "%s: must be %s, got %s (at offset %d, %s)", key, want, kind, at, lineCol(b, at))
		}
		var herr *httpError
		switch key {
		case "query":
			req.Query = ""
			switch {
			case kind == "string":
				req.Query = s.TextShared(share)
			case !falsy(s.Value()):
				herr = wrong("a string")
			}
			bad[0] = bodyError{herr, at}
		case "operationName":
			req.OperationName = ""
			switch kind {
			case "null":
				s.Skip()
			case "string":
				req.OperationName = s.Text()
			default:
				s.Skip()
				herr = wrong("a string or null")
			}
			bad[2] = bodyError{herr, at}
		case "variables", "extensions":
			var m map[string]any
			var text []byte
			switch {
			case kind == "null":
				s.Skip()
			case kind == "object":
				m, _ = s.Value().(map[string]any)
				text = b[at:s.Offset():s.Offset()]
			case kind == "string" && key == "variables":
				if t := []byte(s.Text()); len(t) > 0 {
					if m, herr = decodeObject("variables", t); herr != nil {
						herr.msg += fmt.Sprintf(" (in the string given as variables at offset %d, %s)", at, lineCol(b, at))
					} else if m != nil {
						text = slices.Clip(t)
					}
				}
			case key == "variables":
				if !falsy(s.Value()) {
					herr = wrong("an object, a JSON string of one, or null")
				}
			default:
				s.Skip()
				herr = wrong("an object or null")
			}
			if key == "variables" {
				req.Variables, req.VariablesText = m, text
				bad[1] = bodyError{herr, at}
			} else {
				req.Extensions = m
				bad[3] = bodyError{herr, at}
			}
		default:
			s.Skip()
		}
	}
	var earliest *bodyError
	for i := range bad {
		if e := &bad[i]; e.err != nil && (earliest == nil || e.at < earliest.at) {
			earliest = e
		}
	}
	if earliest != nil {
		return nil, earliest.err
	}
	return req, nil
}

// jsonKind names the kind of the JSON value that raw starts with.
func jsonKind(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// describeJSONError renders a decoding error with its offset and line:column.
func describeJSONError(b []byte, err error) string {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se) && strings.HasPrefix(se.Error(), "unexpected end"):
		return fmt.Sprintf(" at offset %d (%s): unexpected end of input", len(b), lineCol(b, len(b)))
	case errors.As(err, &se):
		off := int(se.Offset) - 1 // Unmarshal's Offset counts the offending byte
		off = max(0, min(off, len(b)-1))
		return fmt.Sprintf(" at offset %d (%s): %s", off, lineCol(b, off), se.Error())
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Sprintf(" at offset %d (%s): unexpected end of input", len(b), lineCol(b, len(b)))
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf(" at offset %d (%s): %s", te.Offset, lineCol(b, int(te.Offset)), te.Error())
	}
	return ": " + err.Error()
}

// lineCol renders a byte offset as "line L, column C" (1-based, columns in runes).
func lineCol(b []byte, off int) string {
	if off > len(b) {
		off = len(b)
	}
	if off < 0 {
		off = 0
	}
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if b[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return fmt.Sprintf("line %d, column %d", line, utf8.RuneCount(b[start:off])+1)
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// operationKind returns the kind of operation a document would run, or "" when it
// cannot tell (the executor then reports the problem).
func operationKind(query, operationName string) ast.Operation {
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil || doc == nil {
		return ""
	}
	if operationName == "" {
		if len(doc.Operations) == 1 {
			return doc.Operations[0].Operation
		}
		return ""
	}
	if op := doc.Operations.ForName(operationName); op != nil {
		return op.Operation
	}
	return ""
}
