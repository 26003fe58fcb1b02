package server_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/server"
)

// viewerIn sends a viewer query in a session, signed in as demo, and returns the body.
func viewerIn(t *testing.T, base, session string) string {
	t.Helper()
	post := func(body, token string) string {
		req, _ := http.NewRequest(http.MethodPost, base+server.APIPath, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(sim.SessionHeader, session)
		if token != "" {
			req.Header.Set("Authorization", "JWT "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	out := post(`{"query":"mutation { obtainKrakenToken(input: {email: \"demo@krakensim.dev\", password: \"krakensim\"}) { token } }"}`, "")
	_, tok, _ := strings.Cut(out, `"token":"`)
	tok, _, _ = strings.Cut(tok, `"`)
	return post(`{"query":"{ viewer { preferredName } }"}`, tok)
}

// TestUploadsForASessionAreItsOwn is the report that an upload for one session
// replaced, and its delete removed, another session's scenario of the same name.
func TestUploadsForASessionAreItsOwn(t *testing.T) {
	base := newAdminServer(t, server.Config{})
	scen := base + server.AdminPrefix + "scenarios"
	a := "name: checkout-errors\nrules:\n  - when: {field: viewer}\n    then: {error: KT-CT-1111}\n"
	b := "name: checkout-errors\nrules:\n  - when: {field: viewer}\n    then: {data: {preferredName: Worker B}}\n"
	if status, detail := send(t, "POST", scen+"?activate=true&session=wa", a); status != 201 {
		t.Fatalf("upload for wa: %d %s", status, detail)
	}
	if status, detail := send(t, "POST", scen+"?activate=true&session=wb", b); status != 201 {
		t.Fatalf("upload for wb: %d %s", status, detail)
	}
	if got := viewerIn(t, base, "wa"); !strings.Contains(got, "KT-CT-1111") {
		t.Errorf("wa after wb's upload: %s", got)
	}
	if got := viewerIn(t, base, "wb"); !strings.Contains(got, "Worker B") {
		t.Errorf("wb: %s", got)
	}
	if got := viewerIn(t, base, "wc"); !strings.Contains(got, `"preferredName":"Jamie"`) {
		t.Errorf("a session without uploads: %s", got)
	}
	if status, detail := send(t, "DELETE", scen+"/checkout-errors", ""); status != 404 || !strings.Contains(detail, "was not uploaded") {
		t.Errorf("delete without a session: %d %s, want 404", status, detail)
	}
	if status, detail := send(t, "DELETE", scen+"/checkout-errors?session=wb", ""); status != 204 {
		t.Fatalf("wb's delete: %d %s", status, detail)
	}
	if got := viewerIn(t, base, "wa"); !strings.Contains(got, "KT-CT-1111") {
		t.Errorf("wa after wb's delete: %s", got)
	}
	if got := viewerIn(t, base, "wb"); !strings.Contains(got, `"preferredName":"Jamie"`) {
		t.Errorf("wb after its delete: %s", got)
	}
	if status, detail := send(t, "POST", base+server.AdminPrefix+"sessions/wa/reset", ""); status != 200 {
		t.Fatalf("reset: %d %s", status, detail)
	}
	if status, detail := send(t, "POST", scen+"/checkout-errors/activate?session=wa", ""); status != 404 {
		t.Errorf("activating wa's upload after its reset: %d %s, want 404", status, detail)
	}
	if status, _ := send(t, "GET", scen+"?session=ghost", ""); status != 404 {
		t.Errorf("scenarios of an unknown session: %d, want 404", status)
	}
}

// TestUploadPositionsNameTheUpload: each upload's rules are placed in a file named
// after its scenario (or ?name=), so that two uploads' rules, each on line 3, are told
// apart in the journal, the scenario list and the problems of a refused upload.
func TestUploadPositionsNameTheUpload(t *testing.T) {
	base := newAdminServer(t, server.Config{})
	scen := base + server.AdminPrefix + "scenarios"
	raw := func(method, url, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, url, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/yaml")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, tc := range []struct{ query, body, want string }{
		{"?activate=true&session=pa", "name: checkout-errors\nrules:\n  - when: {field: viewer}\n    then: {error: KT-CT-1111}\n", "upload/checkout-errors.yaml:3:5"},
		{"?activate=true&session=pb", "name: viewer-down\nrules:\n  - when: {field: viewer}\n    then: {status: 503}\n", "upload/viewer-down.yaml:3:5"},
		{"?activate=true&session=pc&name=mine.yaml", "name: viewer-down\nrules:\n  - when: {field: viewer}\n    then: {status: 503}\n", "mine.yaml:3:5"},
	} {
		if status, detail := raw("POST", scen+tc.query, tc.body); status != 201 || !strings.Contains(detail, `"source": "`+strings.TrimSuffix(tc.want, ":3:5")+`"`) {
			t.Fatalf("upload %s: %d %s", tc.query, status, detail)
		}
		session := strings.TrimPrefix(strings.Split(tc.query, "&")[1], "session=")
		viewerIn(t, base, session)
		_, journal := raw("GET", base+server.AdminPrefix+"sessions/"+session+"/requests?field=viewer", "")
		if !strings.Contains(journal, `"pos": "`+tc.want+`"`) {
			t.Errorf("%s: the journal does not place the rule at %s: %.600s", session, tc.want, journal)
		}
	}
	status, detail := raw("POST", scen+"?session=pd", "name: typo\nrules:\n  - when: {feild: viewer}\n    then: {error: KT-CT-1111}\n")
	if status != 400 || !strings.Contains(detail, "upload/typo.yaml:3:12") || !strings.Contains(detail, `"warnings": []`) {
		t.Errorf("a refused upload: %d %s, want its problem at upload/typo.yaml:3:12 and a list of warnings", status, detail)
	}
}

// TestSessionUploadsAreFreed uploads more scenarios for sessions than the bound keeps,
// each session reset or deleted after its test: reset and delete free its uploads.
func TestSessionUploadsAreFreed(t *testing.T) {
	base := newAdminServer(t, server.Config{}, func(c *sim.Config) { c.MaxUploadedScenarios = 3 })
	scen := base + server.AdminPrefix + "scenarios"
	for i := range 10 {
		id := fmt.Sprintf("s%d", i)
		if status, detail := send(t, "POST", scen+"?activate=true&session="+id, scenarioNamed("s-test-"+id)); status != 201 {
			t.Fatalf("upload %d: %d %s", i, status, detail)
		}
		end := "POST"
		path := base + server.AdminPrefix + "sessions/" + id
		if i%2 == 0 {
			path += "/reset"
		} else {
			end = "DELETE"
		}
		if status, detail := send(t, end, path, ""); status >= 300 {
			t.Fatalf("%s %s: %d %s", end, path, status, detail)
		}
	}
	send(t, "POST", scen, scenarioNamed("global"))
	send(t, "POST", scen+"?session=x", scenarioNamed("mine"))
	send(t, "POST", scen+"?session=y", scenarioNamed("mine"))
	status, detail := send(t, "POST", scen+"?session=z", scenarioNamed("mine"))
	if status != 409 || !strings.Contains(detail, "at most 3 uploaded scenarios (of every session together)") {
		t.Errorf("past the bound: %d %s, want 409", status, detail)
	}
	if status, detail := send(t, "POST", scen+"?session=y", scenarioNamed("mine")); status != 201 {
		t.Errorf("replacing a session's upload at the bound: %d %s", status, detail)
	}
	send(t, "DELETE", base+server.AdminPrefix+"sessions/x", "")
	if status, detail := send(t, "POST", scen+"?session=z", scenarioNamed("mine")); status != 201 {
		t.Errorf("after a session's delete: %d %s", status, detail)
	}
}
