package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/server"
)

// TestKrakenTransport sends requests as clients of Kraken's GraphQL view (graphene-django's)
// send them to the real simulator over HTTP: every answer is application/json whatever
// Accept says, 400 only for a request or document Kraken refuses, and the bodies Kraken
// reads (variables as a JSON string, application/graphql, a form, multipart or not, a
// query in a POST's URL, operationName "null", a repeated parameter or key) run as Kraken
// runs them; a request without a query, or of a body Kraken does not read, is Kraken's
// "Must provide query string.".
func TestKrakenTransport(t *testing.T) {
	p := newPlatform(t)

	const (
		ctJSON   = "application/json"
		apollo4  = "application/graphql-response+json,application/json;q=0.9"
		typename = `{"data":{"__typename":"Query"}}`
		typeOf   = `query T($n: String!) { __type(name: $n) { name } }`
		typeData = `{"data":{"__type":{"name":"Query"}}}`
	)
	form := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v.Encode()
	}
	// multi builds a multipart/form-data body of fields (name, value pairs, repeats
	// kept) and a file part named query, which Kraken's view does not read as a field.
	multi := func(kv ...string) (contentType, body string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		fw, _ := mw.CreateFormFile("query", "q.graphql")
		_, _ = fw.Write([]byte("{ viewer { email } }"))
		for i := 0; i < len(kv); i += 2 {
			_ = mw.WriteField(kv[i], kv[i+1])
		}
		_ = mw.Close()
		return mw.FormDataContentType(), b.String()
	}
	multiCT, multiBody := multi("query", "{ viewer { email } }", "query", typeOf, "variables", `{"n":"Query"}`, "operationName", "T")
	multiNoQueryCT, multiNoQueryBody := multi("variables", `{"n":"Query"}`)
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := range 300 {
		aliases.WriteString(" a" + strconv.Itoa(i) + ": viewer { email }")
	}
	aliases.WriteString(" }")
	tooComplex, _ := json.Marshal(map[string]string{"query": aliases.String()})

	tests := []struct {
		name             string
		method, target   string // target is the path and query string
		contentType      string
		accept           string
		body             string
		wantStatus       int
		wantBody         string // the exact answer, or "" to check the error
		wantCode, wantIn string // errors[0]'s errorCode (when set) and a part of its message
		wantData         bool   // whether an answer with errors has a data entry
	}{
		// Accept never changes the media type nor the status.
		{"apollo 4 accept", "POST", server.APIPath, ctJSON, apollo4, `{"query":"{ __typename }"}`, 200, typename, "", "", false},
		{"apollo 4 accept, validation error is 400", "POST", server.APIPath, ctJSON, apollo4, `{"query":"{ viewer { emailx } }"}`, 400, "", "", `Cannot query field 'emailx'`, false},
		{"apollo 4 accept, resolver error is 200", "POST", server.APIPath, ctJSON, apollo4, `{"query":"{ viewer { email } }"}`, 200, "", "KT-CT-1112", "", true},
		{"apollo 4 accept, too complex is 200", "POST", server.APIPath, ctJSON, apollo4, string(tooComplex), 200, "", "KT-CT-1188", "Query is too complex.", false},
		{"graphql-response only", "POST", server.APIPath, ctJSON, "application/graphql-response+json", `{"query":"{ __typename }"}`, 200, typename, "", "", false},
		{"old draft media type", "POST", server.APIPath, ctJSON, "application/graphql+json", `{"query":"{ __typename }"}`, 200, typename, "", "", false},
		{"text/plain", "POST", server.APIPath, ctJSON, "text/plain", `{"query":"{ __typename }"}`, 200, typename, "", "", false},
		{"json at q=0", "GET", server.APIPath + "?query=%7B__typename%7D", "", "application/json;q=0", "", 200, typename, "", "", false},
		{"syntax error, any accept", "GET", server.APIPath + "?query=%7B", "", "text/csv", "", 400, "", "", "Expected Name", false},

		// Variables sent as a JSON string are decoded.
		{"variables string", "POST", server.APIPath, ctJSON, "", `{"query":` + strconv.Quote(typeOf) + `,"variables":"{\"n\":\"Query\"}"}`, 200, typeData, "", "", false},
		{"variables string null", "POST", server.APIPath, ctJSON, "", `{"query":"{ __typename }","variables":"null"}`, 200, typename, "", "", false},
		{"variables string empty", "POST", server.APIPath, ctJSON, "", `{"query":"{ __typename }","variables":""}`, 200, typename, "", "", false},
		{"variables string malformed", "POST", server.APIPath, ctJSON, "", `{"query":"{ __typename }","variables":"{\"n\":"}`, 400, "", "KRAKENSIM-HTTP-400", "variables: invalid JSON", false},
		{"variables string of an array", "POST", server.APIPath, ctJSON, "", `{"query":"{ __typename }","variables":"[1]"}`, 400, "", "KRAKENSIM-HTTP-400", "variables: must be a JSON object or null, got array", false},
		{"variables number", "POST", server.APIPath, ctJSON, "", `{"query":"{ __typename }","variables":7}`, 400, "", "KRAKENSIM-HTTP-400", "variables: must be an object, a JSON string of one, or null, got number", false},

		// application/graphql: the body is the query.
		{"application/graphql", "POST", server.APIPath, "application/graphql", "", `{ __typename }`, 200, typename, "", "", false},
		{"application/graphql with charset", "POST", server.AuthPath, "application/graphql; charset=utf-8", "", `{ __typename }`, 200, typename, "", "", false},
		{"application/graphql, variables in the URL", "POST", server.APIPath + "?" + form("variables", `{"n":"Query"}`, "operationName", "T"), "application/graphql", "", typeOf, 200, typeData, "", "", false},
		{"application/graphql empty", "POST", server.APIPath, "application/graphql", "", ``, 400, "", "KRAKENSIM-HTTP-400", "Must provide query string.", false},
		{"application/graphql blank", "POST", server.APIPath, "application/graphql", "", " \n", 400, "", "", "Syntax Error: Unexpected <EOF>.", false},
		{"application/graphql invalid UTF-8", "POST", server.APIPath, "application/graphql", "", "{ \xff }", 400, "", "KRAKENSIM-HTTP-400", "body: invalid UTF-8 at offset 2", false},

		// Form bodies.
		{"form", "POST", server.APIPath, "application/x-www-form-urlencoded", "", form("query", "{ __typename }"), 200, typename, "", "", false},
		{"form with variables and operationName", "POST", server.APIPath, "application/x-www-form-urlencoded", "", form("query", typeOf, "variables", `{"n":"Query"}`, "operationName", "T"), 200, typeData, "", "", false},
		{"form without query", "POST", server.APIPath, "application/x-www-form-urlencoded", "", form("variables", "{}"), 400, "", "KRAKENSIM-HTTP-400", "Must provide query string.", false},
		{"form bad variables", "POST", server.APIPath, "application/x-www-form-urlencoded", "", form("query", "{ __typename }", "variables", "{"), 400, "", "KRAKENSIM-HTTP-400", "variables: invalid JSON", false},
		{"form repeated query, the last counts", "POST", server.APIPath, "application/x-www-form-urlencoded", "", "query=%7Ba%7D&query=%7B__typename%7D", 200, typename, "", "", false},
		{"form bad escape", "POST", server.APIPath, "application/x-www-form-urlencoded", "", "query=%zz", 400, "", "KRAKENSIM-HTTP-400", "body: invalid URL escape", false},
		{"multipart", "POST", server.APIPath, multiCT, "", multiBody, 200, typeData, "", "", false},
		{"multipart without query", "POST", server.APIPath, multiNoQueryCT, "", multiNoQueryBody, 400, "", "KRAKENSIM-HTTP-400", "Must provide query string.", false},
		{"multipart, query in the URL", "POST", server.APIPath + "?query=" + url.QueryEscape(typeOf), multiNoQueryCT, "", multiNoQueryBody, 200, typeData, "", "", false},
		{"multipart truncated", "POST", server.APIPath, multiCT, "", multiBody[:len(multiBody)/2], 400, "", "KRAKENSIM-HTTP-400", "body: malformed multipart form", false},

		// A body Kraken's view does not read, or none, gives no parameters.
		{"no Content-Type", "POST", server.APIPath, "", "", `{"query":"{ __typename }"}`, 400, "", "KRAKENSIM-HTTP-400", "Must provide query string.", false},
		{"no Content-Type, query in the URL", "POST", server.APIPath + "?query=%7B__typename%7D", "", "", `{"query":"{ viewer { email } }"}`, 200, typename, "", "", false},
		{"text/plain", "POST", server.APIPath, "text/plain", "", `{"query":"{ __typename }"}`, 400, "", "KRAKENSIM-HTTP-400", "Must provide query string.", false},

		// A POST's URL gives parameters, over its body's.
		{"query in URL, empty JSON body", "POST", server.APIPath + "?query=%7B__typename%7D", ctJSON, "", `{}`, 200, typename, "", "", false},
		{"query in URL wins", "POST", server.APIPath + "?query=%7B__typename%7D", ctJSON, "", `{"query":"{ viewer { email } }"}`, 200, typename, "", "", false},
		{"variables in URL win", "POST", server.APIPath + "?" + form("variables", `{"n":"Query"}`), ctJSON, "", `{"query":` + strconv.Quote(typeOf) + `,"variables":{"n":"Nope"}}`, 200, typeData, "", "", false},
		{"empty URL query is no query", "POST", server.APIPath + "?query=", ctJSON, "", `{}`, 400, "", "KRAKENSIM-HTTP-400", "Must provide query string.", false},
		{"other URL parameters ignored", "POST", server.APIPath + "?x=%zz&y=1&y=2", ctJSON, "", `{"query":"{ __typename }"}`, 200, typename, "", "", false},
		{"repeated URL query, the last counts", "POST", server.APIPath + "?query=%7Ba%7D&query=%7B__typename%7D", ctJSON, "", `{}`, 200, typename, "", "", false},
		{"GET repeated query, the last counts", "GET", server.APIPath + "?query=%7Ba%7D&query=%7B__typename%7D", "", "", "", 200, typename, "", "", false},
		{"bad variables in URL", "POST", server.APIPath + "?variables=%5B1%5D", ctJSON, "", `{"query":"{ __typename }"}`, 400, "", "KRAKENSIM-HTTP-400", "variables: must be a JSON object or null, got array", false},
		{"empty variables list in URL is none", "POST", server.APIPath + "?variables=%5B%5D", ctJSON, "", `{"query":"{ __typename }"}`, 200, typename, "", "", false},
		{"empty JSON body, no URL query", "POST", server.APIPath, ctJSON, "", `{}`, 400, "", "KRAKENSIM-HTTP-400", "Must provide query string.", false},
		{"empty query", "POST", server.APIPath, ctJSON, "", `{"query":""}`, 400, "", "KRAKENSIM-HTTP-400", "Must provide query string.", false},
		{"GET empty query", "GET", server.APIPath + "?query=", "", "", "", 400, "", "KRAKENSIM-HTTP-400", "Must provide query string.", false},

		// Of a key given twice in a JSON body the last counts, as Python's json reads it.
		{"duplicate query key", "POST", server.APIPath, ctJSON, "", `{"query":"{ viewer { email } }","query":"{ __typename }"}`, 200, typename, "", "", false},
		{"duplicate variables key", "POST", server.APIPath, ctJSON, "", `{"query":` + strconv.Quote(typeOf) + `,"variables":[7],"variables":{"n":"Query"}}`, 200, typeData, "", "", false},

		// operationName "null" is no name.
		{"operationName null string", "POST", server.APIPath, ctJSON, "", `{"query":"query Q { __typename }","operationName":"null"}`, 200, typename, "", "", false},
		{"GET operationName null string", "GET", server.APIPath + "?query=query+Q+%7B__typename%7D&operationName=null", "", "", "", 200, typename, "", "", false},
		{"GET mutation named null is still 405", "GET", server.APIPath + "?query=mutation+%7B__typename%7D&operationName=null", "", "", "", 405, "", "KRAKENSIM-HTTP-405", "send this mutation with POST", false},
		{"operationName null with two operations", "POST", server.APIPath, ctJSON, "", `{"query":"query A { __typename } query B { __typename }","operationName":"null"}`, 400, "", "", "operation", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := http.NewRequest(tt.method, p.url+tt.target, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			if tt.accept != "" {
				r.Header.Set("Accept", tt.accept)
			}
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.wantStatus, body)
			}
			if got := resp.Header.Get("Content-Type"); got != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q, want application/json; charset=utf-8", got)
			}
			if tt.wantBody != "" {
				if string(body) != tt.wantBody {
					t.Errorf("body %s, want %s", body, tt.wantBody)
				}
				return
			}
			var out struct {
				Data   json.RawMessage `json:"data"`
				Errors []struct {
					Message    string         `json:"message"`
					Extensions map[string]any `json:"extensions"`
				} `json:"errors"`
			}
			if err := json.Unmarshal(body, &out); err != nil {
				t.Fatalf("body is not JSON: %v: %s", err, body)
			}
			if len(out.Errors) == 0 {
				t.Fatalf("no errors: %s", body)
			}
			if (out.Data != nil) != tt.wantData {
				t.Errorf("data entry present %v, want %v: %s", out.Data != nil, tt.wantData, body)
			}
			e := out.Errors[0]
			if tt.wantCode != "" && e.Extensions["errorCode"] != tt.wantCode {
				t.Errorf("errorCode %v, want %s: %s", e.Extensions["errorCode"], tt.wantCode, body)
			}
			if !strings.Contains(e.Message, tt.wantIn) {
				t.Errorf("message %q lacks %q", e.Message, tt.wantIn)
			}
		})
	}
}
