package server_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// readmeBlock returns the fenced block that follows the marker comment in README.md.
func readmeBlock(t *testing.T, marker string) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "<!-- example: "+marker+" -->\n")
	if !ok {
		t.Fatalf("README.md has no %q example", marker)
	}
	_, rest, _ = strings.Cut(rest, "\n") // the opening fence
	block, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatalf("README.md's %q example is not closed", marker)
	}
	return block
}

// The README's verification pattern holds for the requests it describes.
func TestREADMEVerifyExample(t *testing.T) {
	pattern := readmeBlock(t, "verify")
	p := newPlatform(t)
	p.send(http.MethodPost, server.APIPath, "default", signInBody("demo@krakensim.dev", "krakensim"), "X-Client", "web")
	p.send(http.MethodPost, server.APIPath, "default", signInBody("ann@example.com", "x"), "X-Client", "web")
	p.send(http.MethodPost, server.APIPath, "default", signInBody("demo@krakensim.dev", "krakensim"))
	status, out := verifyPattern(t, p, "default", pattern)
	if status != http.StatusOK || out["holds"] != true || out["count"] != 1.0 {
		t.Fatalf("status %d: %v", status, out)
	}
	// Twice over, it fails, and the nearest miss is the request without X-Client.
	status, out = verifyPattern(t, p, "default", strings.Replace(pattern, "exactly: 1", "exactly: 2", 1))
	if status != http.StatusOK || out["holds"] != false {
		t.Fatalf("status %d: %v", status, out)
	}
	if got := simtest.Get(out, "nearMisses", 0, "differences", 0, "name"); got != "X-Client" {
		t.Errorf("nearest miss differs by %v, want the X-Client header: %v", got, out["nearMisses"])
	}
}

// The README's verify command, sent with the headers it gives (curl's
// --data-binary sends a form content type otherwise), checks the pattern.
func TestREADMEVerifyCurlExample(t *testing.T) {
	cmd := strings.TrimSpace(readmeBlock(t, "verify-curl"))
	_, rest, _ := strings.Cut(cmd, "localhost:8080")
	path, _, _ := strings.Cut(rest, " ")
	p := newPlatform(t)
	p.send(http.MethodPost, server.APIPath, "default", signInBody("demo@krakensim.dev", "krakensim"), "X-Client", "web")
	req, _ := http.NewRequest(http.MethodPost, p.url+path, strings.NewReader(readmeBlock(t, "verify")))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, h := range regexp.MustCompile(`-H '([^']*)'`).FindAllStringSubmatch(cmd, -1) {
		name, value, _ := strings.Cut(h[1], ": ")
		req.Header.Set(name, value)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK || out["holds"] != true {
		t.Fatalf("%s: status %d: %v %v", cmd, resp.StatusCode, out, err)
	}
}

// The README's list of a session's checkouts answers the checkouts of the session it
// names, each with its page's URL.
func TestREADMECheckoutsExample(t *testing.T) {
	cmd := strings.TrimSpace(readmeBlock(t, "checkouts"))
	_, rest, _ := strings.Cut(cmd, "'localhost:8080")
	path, _, ok := strings.Cut(rest, "'")
	if !ok || !strings.HasPrefix(path, server.AdminPrefix+"sessions/my-test/") {
		t.Fatalf("the example %q", cmd)
	}
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.Session = "my-test"
	c.SignIn("demo@krakensim.dev", "krakensim")
	out := c.Query(`mutation { initiateStandalonePayment(input: {accountNumber: "A-C90DC431", amount: 1000, description: "Top up"}) { payment { retrievalToken } } }`, nil)
	token := simtest.Get(out.Data, "initiateStandalonePayment", "payment", "retrievalToken")
	status, body := c.Do(http.MethodGet, path, nil)
	var list map[string]any
	if err := json.Unmarshal(body, &list); status != http.StatusOK || err != nil {
		t.Fatalf("%s: %d %s", path, status, body)
	}
	page, _ := simtest.Get(list, "checkouts", 0, "page").(string)
	if token == nil || simtest.Get(list, "checkouts", 0, "retrievalToken") != token || simtest.Get(list, "checkouts", 0, "status") != "OPEN" ||
		!strings.HasPrefix(page, srv.URL+"/__krakensim/checkout/") {
		t.Errorf("%s listed %s", path, body)
	}
}

// The README's public REST examples answer pages of results, the consumption to the
// demo user's API key, and the demo household's account with its properties.
func TestREADMEPublicRESTExample(t *testing.T) {
	srv := simtest.NewServer(t)
	for _, line := range strings.Split(strings.TrimSpace(readmeBlock(t, "public-rest")), "\n") {
		c := srv.Client(t)
		if _, rest, ok := strings.Cut(line, " -u "); ok {
			key, _, _ := strings.Cut(rest, ":")
			c.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(key+":")))
		}
		_, rest, _ := strings.Cut(line, "'localhost:8080")
		path, _, ok := strings.Cut(rest, "'")
		if !ok {
			t.Fatalf("the example %q", line)
		}
		status, body := c.Do(http.MethodGet, path, nil)
		var page map[string]any
		if err := json.Unmarshal(body, &page); status != http.StatusOK || err != nil {
			t.Fatalf("%s: %d %s", path, status, body)
		}
		results, _ := page["results"].([]any)
		if strings.HasPrefix(path, "/v1/accounts/") {
			results, _ = page["properties"].([]any)
		}
		if len(results) == 0 {
			t.Errorf("%s answered no results: %s", path, body)
		}
	}
}
