package server_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/record"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

var fullName = lazyre.New(`"full_name":"[^"]*"`)

// TestRecordReplay records calls through a krakensim proxying another krakensim,
// serves the recording, and checks the replay answers as the upstream did: each
// product its own, a page's next link on the replaying server, a recorded 400 for a
// client's unknown body field, a sign-in whose token is live at replay and a wrong
// password's failure; a call the recording lacks says its token is a recording's.
func TestRecordReplay(t *testing.T) {
	up := simtest.NewServer(t)
	dir := t.TempDir()
	rec, err := record.New(record.Options{Dir: dir, Upstream: up.URL, Source: up.URL})
	if err != nil {
		t.Fatal(err)
	}
	upstream, err := server.NewUpstream(up.URL, 0)
	if err != nil {
		t.Fatal(err)
	}
	proxy := simtest.NewServer(t, simtest.WithConfig(func(c *sim.Config) { c.Proxy = sim.Proxy{Upstream: upstream, Recorder: rec} }))

	signIn := func(c *simtest.Client, password string) map[string]any {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"operationName": "SignIn",
			"query":     `mutation SignIn($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token refreshExpiresIn payload } }`,
			"variables": map[string]any{"input": map[string]any{"email": "demo@krakensim.dev", "password": password}}})
		_, b := c.Do("POST", sim.APIPath, body)
		var out map[string]any
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("sign-in answered %s", b)
		}
		return out
	}
	calls := []struct{ method, path, body string }{
		{"GET", "/v1/products/AGILE-24-10-01/", ""},
		{"GET", "/v1/products/VAR-22-11-01/", ""},
		{"GET", "/v1/products/?page_size=1", ""},
		{"POST", "/v1/data-import/notes/create/", `{"external_account_number":"EXTERNAL-1234","body":"hello"}`},
	}
	recording := proxy.ClientIn(t, "rec")
	recording.Header = http.Header{"Authorization": {"Token krakensim-import-key"}}
	want := map[string]string{}
	for _, c := range calls {
		status, b := recording.Do(c.method, c.path, []byte(c.body))
		want[c.path] = string(b)
		if c.method == "POST" && status != http.StatusBadRequest {
			t.Fatalf("%s answered %d %s, want 400", c.path, status, b)
		}
	}
	// The recording's client pages on through the recording krakensim, not upstream.
	var recorded struct{ Next string }
	if err := json.Unmarshal([]byte(want["/v1/products/?page_size=1"]), &recorded); err != nil || !strings.HasPrefix(recorded.Next, proxy.URL+"/v1/products/?") {
		t.Errorf("next while recording %q, want a link to %s", recorded.Next, proxy.URL)
	}
	recording.Header = nil
	good, bad := signIn(recording, "krakensim"), signIn(recording, "wrong-password")
	if simtest.Get(good, "data", "obtainKrakenToken", "token") == nil || bad["errors"] == nil {
		t.Fatalf("upstream sign-ins: %v / %v", good, bad)
	}

	rec.Close() // the recording's files are complete once it closes
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		if b, _ := os.ReadFile(filepath.Join(dir, f.Name())); strings.Contains(string(b), up.URL+"/v1/") {
			t.Errorf("%s links to the upstream %s rather than {{ origin }}", f.Name(), up.URL)
		}
	}
	scs, err := scenarios.LoadPaths(dir)
	if err != nil {
		t.Fatalf("the recording does not load: %v", err)
	}
	c, err := scenarios.DefaultContract()
	if err != nil {
		t.Fatal(err)
	}
	if errs := scenarios.Lint(scs, c).Errors(); len(errs) > 0 {
		t.Fatalf("the recording does not lint: %v", errs)
	}
	replay := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) {
		for _, sc := range scs {
			cfg.Scenarios = append(cfg.Scenarios, sc)
			cfg.ActiveScenarios = append(cfg.ActiveScenarios, sc.Name)
		}
	}))
	client := replay.ClientIn(t, "replay")
	client.Header = http.Header{"Authorization": {"Token krakensim-import-key"}}
	// In the opposite order, so that call order cannot give the right answers.
	for i := len(calls) - 1; i >= 0; i-- {
		cl := calls[i]
		_, b := client.Do(cl.method, cl.path, []byte(cl.body))
		// full_name holds "fullname", a personal key's fragment, so it is a fake.
		got := fullName().ReplaceAllString(string(b), `"full_name":"…"`)
		w := fullName().ReplaceAllString(strings.ReplaceAll(want[cl.path], proxy.URL, replay.URL), `"full_name":"…"`)
		var gv, wv any
		if err := json.Unmarshal([]byte(got), &gv); err != nil || json.Unmarshal([]byte(w), &wv) != nil || !reflect.DeepEqual(gv, wv) {
			t.Errorf("replayed %s %s:\n%s\nwant\n%s", cl.method, cl.path, got, w)
		}
	}
	var page struct{ Next string }
	_, b := client.Do("GET", "/v1/products/?page_size=1", nil)
	if err := json.Unmarshal(b, &page); err != nil || !strings.HasPrefix(page.Next, replay.URL+"/v1/products/?") {
		t.Errorf("replayed next %q, want a link to %s", page.Next, replay.URL)
	}

	client.Header = nil
	client.AdvanceClock(2 * time.Hour) // a replay later than the recording
	out := signIn(client, "wrong-password")
	if out["errors"] == nil {
		t.Errorf("a wrong password replayed %v, want the recorded failure", out)
	}
	out = signIn(client, "krakensim")
	tok, _ := simtest.Get(out, "data", "obtainKrakenToken", "token").(string)
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("replayed token %q (%v)", tok, out)
	}
	raw, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var claims map[string]any
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatalf("replayed token payload %s: %v", raw, err)
	}
	exp, _ := claims["exp"].(float64)
	if now := float64(time.Now().Add(2 * time.Hour).Unix()); exp < now+3000 || exp > now+3700 {
		t.Errorf("replayed exp %v, want about an hour after the replay's now %v", exp, now)
	}
	for _, k := range []string{"sub", "gty", "iss", "tokenUse", "origIat"} {
		if v, ok := claims[k]; !ok || strings.HasPrefix(fmt.Sprint(v), "REDACTED") {
			t.Errorf("replayed claim %s = %v, want the recorded one", k, v)
		}
	}
	if got, _ := simtest.Get(out, "data", "obtainKrakenToken", "payload", "exp").(float64); got != exp {
		t.Errorf("replayed payload.exp %v, want the token's %v", got, exp)
	}

	client.Token = tok
	r := client.Query(`query Other { viewer { id } }`, nil)
	if len(r.Errors) == 0 || !strings.Contains(fmt.Sprint(r.Errors[0].Extensions["krakensimReason"]), "a recording replays") {
		t.Errorf("an unrecorded call with the replayed token: %+v, want a reason naming the recording", r.Errors)
	}
}
