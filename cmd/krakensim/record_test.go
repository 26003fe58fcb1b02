package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/syncbuf"
)

// serveUntil runs serve with args on a free port until stop is called.
func serveUntil(t *testing.T, args ...string) (base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncbuf.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0", "--no-watch"}, args...), func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	}()
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve %v: %v\n%s", args, err, errOut.String())
			}
		}
	}
	t.Cleanup(stop)
	ready := regexp.MustCompile(`Admin API:\s+(http://127\.0\.0\.1:\d+)/__krakensim/`)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := ready.FindStringSubmatch(out.String()); m != nil {
			return m[1], stop
		}
		select {
		case err := <-done:
			stopped = true
			t.Fatalf("serve ended early: %v\n%s", err, errOut.String())
		default:
		}
	}
	t.Fatalf("serve did not start:\n%s\n%s", out.String(), errOut.String())
	return "", nil
}

// answer is one HTTP answer, its body decoded.
type answer struct {
	Status int
	Body   any
	// Raw is the body as sent.
	Raw []byte
}

func call(t *testing.T, method, url, body string, header map[string]string) answer {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	a := answer{Status: resp.StatusCode, Raw: b}
	if err := json.Unmarshal(b, &a.Body); err != nil {
		t.Fatalf("%s %s: HTTP %d, not JSON: %s", method, url, resp.StatusCode, b)
	}
	return a
}

func gql(query string, vars map[string]any, opName string) string {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars, "operationName": opName})
	return string(b)
}

const (
	signInOp = `mutation SignIn($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token refreshToken } }`
	viewerOp = `query Viewer { viewer { givenName familyName email mobile accounts { number } } }`
	updateOp = `mutation Pronouns($input: UpdateUserInput!) { updateUser(input: $input) { viewer { pronouns } } }`
	// The upstream runs payment-schedule-errors, which fails this account with KT-CT-3942.
	scheduleOp = `mutation Schedule($input: CreateAccountPaymentScheduleInput!) { createAccountPaymentSchedule(input: $input) { schedule { paymentDay } } }`
	noteBody   = `{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","notes":[{"body":"Recorded note.","is_pinned":true}]}`
	importKey  = "Token krakensim-import-key"
)

// flow runs the recorded flow against base and returns every answer.
func flow(t *testing.T, base string) []answer {
	t.Helper()
	api := base + "/v1/graphql/"
	var out []answer
	signIn := call(t, "POST", api, gql(signInOp, map[string]any{"input": map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"}}, "SignIn"), nil)
	out = append(out, signIn)
	tok, _ := dig(signIn.Body, "data", "obtainKrakenToken", "token").(string)
	if tok == "" {
		t.Fatalf("sign-in gave no token: %v", signIn.Body)
	}
	auth := map[string]string{"Authorization": "JWT " + tok}
	out = append(out, call(t, "POST", api, gql(viewerOp, nil, "Viewer"), auth))
	out = append(out, call(t, "POST", api, gql(updateOp, map[string]any{"input": map[string]any{"pronouns": "they/them"}}, "Pronouns"), auth))
	out = append(out, call(t, "POST", api, gql(scheduleOp, map[string]any{"input": map[string]any{
		"accountNumber": "A-FA11ED01", "ledgerNumber": "L-1", "paymentDay": 5, "paymentAmount": 1000}}, "Schedule"), auth))
	imp := map[string]string{"Authorization": importKey}
	out = append(out, call(t, "POST", base+"/v1/data-import/notes/create/", noteBody, imp))
	out = append(out, call(t, "POST", base+"/v1/data-import/notes/create/", noteBody, imp))
	return out
}

func dig(v any, path ...string) any {
	for _, k := range path {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

// TestRecordAndReplay records a flow proxied to a second krakensim, stops both, and
// replays it from the recording alone: every answer comes back the same, but for
// secrets and personal values, which the files hold only as fakes.
func TestRecordAndReplay(t *testing.T) {
	dir := t.TempDir()
	upstream, stopUpstream := serveUntil(t, "--scenario", "payment-schedule-errors")
	proxy, stopProxy := serveUntil(t, "--proxy-to", upstream, "--record", dir)

	recorded := flow(t, proxy)
	// A forced error is answered by the proxy itself, and not recorded.
	forced := call(t, "POST", proxy+"/v1/graphql/", gql(viewerOp, nil, "ForcedViewer"), map[string]string{"X-Krakensim-Error": "KT-CT-1112"})
	if code := dig(forced.Body, "errors"); code == nil {
		t.Errorf("forced error: %v", forced.Body)
	}
	stopProxy()
	stopUpstream()

	if got := errCode(recorded[3]); got != "KT-CT-3942" {
		t.Errorf("schedule through the proxy: errorCode %q, want KT-CT-3942 from upstream: %v", got, recorded[3].Body)
	}
	if a, b := recorded[4], recorded[5]; a.Status != 201 || !strings.Contains(fmtJSON(b.Body), "NOTE_ALREADY_EXISTS") {
		t.Errorf("notes through the proxy: %d %v then %v, want 201 then NOTE_ALREADY_EXISTS", a.Status, a.Body, b.Body)
	}

	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	want := "Pronouns.yaml Schedule.yaml SignIn.yaml Viewer.yaml post-v1-data-import-notes-create.yaml"
	if strings.Join(names, " ") != want {
		t.Errorf("recorded files %v, want %s", names, want)
	}
	tok, _ := dig(recorded[0].Body, "data", "obtainKrakenToken", "token").(string)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, secret := range []string{tok, "demo@krakensim.dev", "krakensim-import-key", "password: krakensim", "Jamie", "Carter"} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s holds %q", filepath.Base(f), secret)
			}
		}
	}

	if b, _ := os.ReadFile(filepath.Join(dir, "post-v1-data-import-notes-create.yaml")); !bytes.Contains(b, []byte("times: 1")) {
		t.Errorf("the notes answers are not a sequence:\n%s", b)
	}

	var lintOut, lintErr bytes.Buffer
	if err := run(context.Background(), []string{"lint", dir}, func(string) string { return "" }, strings.NewReader(""), &lintOut, &lintErr); err != nil {
		t.Errorf("lint of the recording: %v\n%s%s", err, lintOut.String(), lintErr.String())
	}

	if os.Getenv("RECORD_DUMP") != "" {
		for _, f := range files {
			b, _ := os.ReadFile(f)
			t.Logf("%s:\n%s", f, b)
		}
	}
	replay, _ := serveUntil(t, "--scenarios", dir)
	replayed := flow(t, replay)
	for i := range recorded {
		if recorded[i].Status != replayed[i].Status {
			t.Errorf("answer %d: status %d replayed as %d", i, recorded[i].Status, replayed[i].Status)
		}
		sameButRedacted(t, "answer "+string(rune('0'+i)), "", recorded[i].Body, replayed[i].Body)
		if a, b := keyOrder(recorded[i].Raw), keyOrder(replayed[i].Raw); !slices.Equal(a, b) {
			t.Errorf("answer %d: keys %q replayed as %q", i, a, b)
		}
	}
	// A replayed token lives as long from the replay as the recorded one did from the
	// recording, which was moments before: its exp is the recorded one's or a little later.
	a, _ := jwtClaim(t, recorded[0], "exp").(float64)
	if b, _ := jwtClaim(t, replayed[0], "exp").(float64); a == 0 || b < a || b > a+60 {
		t.Errorf("replayed token's exp %v, want the recorded %v or up to a minute later", b, a)
	}
	if b, _ := os.ReadFile(files[0]); !bytes.HasPrefix(b, []byte("# yaml-language-server: $schema="+proxy+"/__krakensim/schemas/scenario.json\n")) {
		t.Errorf("%s does not name the recorder's schema URL %s:\n%s", files[0], proxy, b)
	}
}

// keyOrder lists a JSON text's object keys in the order written.
func keyOrder(b []byte) []string {
	var keys []string
	dec := json.NewDecoder(bytes.NewReader(b))
	inObject := []bool{}
	expectKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				inObject = append(inObject, true)
				expectKey = true
				continue
			case '[':
				inObject = append(inObject, false)
			default:
				inObject = inObject[:len(inObject)-1]
			}
		case string:
			if expectKey {
				keys = append(keys, v)
				expectKey = false
				continue
			}
		}
		expectKey = len(inObject) > 0 && inObject[len(inObject)-1]
	}
}

// jwtClaim decodes a claim of the sign-in answer's token.
func jwtClaim(t *testing.T, a answer, claim string) any {
	tok, _ := dig(a.Body, "data", "obtainKrakenToken", "token").(string)
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Errorf("token %q is not a JWT", tok)
		return nil
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	var claims map[string]any
	if err != nil || json.Unmarshal(b, &claims) != nil {
		t.Errorf("token %q: payload %s: %v", tok, b, err)
	}
	return claims[claim]
}

func fmtJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func errCode(a answer) string {
	errs, _ := dig(a.Body, "errors").([]any)
	if len(errs) == 0 {
		return ""
	}
	c, _ := dig(errs[0], "extensions", "errorCode").(string)
	return c
}

// redactedKey says whether a key's value is replaced on disk.
var redactedKey = regexp.MustCompile(`(?i)token|password|email|name|mobile|phone`)

// sameButRedacted checks that replayed equals recorded, except that text under a
// redacted key differs from the real value.
func sameButRedacted(t *testing.T, where, key string, recorded, replayed any) {
	t.Helper()
	switch r := recorded.(type) {
	case map[string]any:
		p, ok := replayed.(map[string]any)
		if !ok || len(p) != len(r) {
			t.Errorf("%s.%s: recorded %v, replayed %v", where, key, recorded, replayed)
			return
		}
		for k, v := range r {
			sameButRedacted(t, where+"."+k, k, v, p[k])
		}
	case []any:
		p, ok := replayed.([]any)
		if !ok || len(p) != len(r) {
			t.Errorf("%s: recorded %v, replayed %v", where, recorded, replayed)
			return
		}
		for i := range r {
			sameButRedacted(t, where, key, r[i], p[i])
		}
	case string:
		if redactedKey.MatchString(key) && r != "" {
			if replayed == r {
				t.Errorf("%s: %q replayed as it was; want a fake", where, r)
			}
			return
		}
		if replayed != r {
			t.Errorf("%s: recorded %q, replayed %v", where, r, replayed)
		}
	default:
		if replayed != recorded {
			t.Errorf("%s: recorded %v, replayed %v", where, recorded, replayed)
		}
	}
}

// TestProxyFailures checks upstream failures are answered as they came (or as a clear
// Kraken-style error when nothing came), and recorded only with --record-failures.
func TestProxyFailures(t *testing.T) {
	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	t.Cleanup(hang.Close)
	t.Cleanup(func() { close(release) }) // runs first: the handlers end, then Close
	unavailable := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(503)
		_, _ = w.Write([]byte(`{"detail":"down for maintenance"}`))
	}))
	t.Cleanup(unavailable.Close)
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	for _, tc := range []struct {
		name, upstream string
		record         bool
		status         int
		code, detail   string
	}{
		{name: "connection refused", upstream: closedURL, status: 502, code: "KRAKENSIM-UPSTREAM", detail: "could not reach"},
		{name: "timeout", upstream: hang.URL, status: 504, code: "KRAKENSIM-UPSTREAM", detail: "--proxy-timeout"},
		{name: "5xx", upstream: unavailable.URL, status: 503, detail: "down for maintenance"},
		{name: "5xx recorded", upstream: unavailable.URL, record: true, status: 503, detail: "down for maintenance"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"--proxy-to", tc.upstream, "--proxy-timeout", "300ms", "--record", dir}
			if tc.record {
				args = append(args, "--record-failures")
			}
			base, stop := serveUntil(t, args...)
			gq := call(t, "POST", base+"/v1/graphql/", gql(viewerOp, nil, "Viewer"), nil)
			rest := call(t, "POST", base+"/v1/data-import/notes/create/", noteBody, nil)
			// The server still answers after the failures.
			health := call(t, "GET", base+"/__krakensim/health", "", nil)
			stop()
			if gq.Status != tc.status || rest.Status != tc.status {
				t.Errorf("statuses %d (GraphQL), %d (REST); want %d", gq.Status, rest.Status, tc.status)
			}
			if tc.code != "" && errCode(gq) != tc.code {
				t.Errorf("GraphQL errorCode %q, want %s: %v", errCode(gq), tc.code, gq.Body)
			}
			if !strings.Contains(fmtJSON(gq.Body), tc.detail) || !strings.Contains(fmtJSON(rest.Body), tc.detail) {
				t.Errorf("answers do not say %q: %v / %v", tc.detail, gq.Body, rest.Body)
			}
			if health.Status != 200 {
				t.Errorf("health after the failures: %d", health.Status)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
			if want := map[bool]int{false: 0, true: 2}[tc.record]; len(files) != want {
				t.Errorf("%d files recorded, want %d: %v", len(files), want, files)
			}
			if tc.record {
				b, _ := os.ReadFile(filepath.Join(dir, "Viewer.yaml"))
				if !bytes.Contains(b, []byte("status: 503")) || !bytes.Contains(b, []byte(`Retry-After: "7"`)) {
					t.Errorf("Viewer.yaml does not hold the 503 with Retry-After:\n%s", b)
				}
			}
		})
	}
}

// TestHealthCommand runs the container's health check against a server, then
// against a port nothing listens on.
func TestHealthCommand(t *testing.T) {
	base, stop := serveUntil(t)
	addr := strings.TrimPrefix(base, "http://")
	_, port, _ := strings.Cut(addr, ":")
	for _, tc := range []struct {
		name string
		addr string
		code int
		out  string
	}{
		{"serving", addr, 0, `"status":"ok"`},
		{"wildcard host asked on loopback", "0.0.0.0:" + port, 0, `"status":"ok"`},
		{"bad address", "nonsense", 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), []string{"health", "--addr", tc.addr}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
			if code := exitCode(err, &errOut); code != tc.code || !strings.Contains(out.String(), tc.out) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, out.String(), errOut.String(), tc.code, tc.out)
			}
		})
	}
	stop()
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"health", "--addr", addr}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	if code := exitCode(err, &errOut); code != 1 {
		t.Errorf("health with the server stopped: exit %d, stderr %q; want 1", code, errOut.String())
	}
}
