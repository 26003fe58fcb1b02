package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/server"
)

// TestUploadRefusesHostileTemplates is issue 11's report that templates failing at
// request time passed upload: what their text shows is now refused with its position.
func TestUploadRefusesHostileTemplates(t *testing.T) {
	cfg, err := platform.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	load := func(name string, b []byte) ([]*rules.Scenario, []string, error) {
		scs, err := scenarios.Parse(name, b)
		return scs, nil, err
	}
	ts := httptest.NewServer(server.New(server.Config{Sim: s, LoadScenarios: load}))
	t.Cleanup(ts.Close)
	for _, tc := range []struct{ body, want string }{
		{"{{ call .Now }}", "t.yaml:4:30: bad template: line 1:4: call is not available"},
		{`{{ define "a" }}{{ template "a" . }}{{ end }}{{ template "a" . }}`, `t.yaml:4:30: bad template: line 1:29: template "a" calls itself`},
		{"{{ range 100000000 }}{{ end }}", "t.yaml:4:30: bad template: line 1:10: range 100000000: the limit is 10000 iterations"},
	} {
		y := "name: t\nrules:\n  - when: {field: viewer}\n    then: {data: {givenName: '" + tc.body + "'}}\n"
		req, _ := http.NewRequest(http.MethodPost, ts.URL+server.AdminPrefix+"scenarios?name=t.yaml&activate=true", strings.NewReader(y))
		req.Header.Set("Content-Type", "application/yaml")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var out struct{ Problems []string }
		_ = json.Unmarshal(b, &out)
		if resp.StatusCode != http.StatusBadRequest || len(out.Problems) != 1 || !strings.Contains(out.Problems[0], tc.want) {
			t.Errorf("upload of %s: %d %s, want 400 with %q", tc.body, resp.StatusCode, b, tc.want)
		}
	}
}
