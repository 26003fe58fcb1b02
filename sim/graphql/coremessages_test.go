package graphql

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// coreCase is one document of testdata/coremessages/messages.json with the errors
// graphql-core 3.2 reports for it.
type coreCase struct {
	Name      string         `json:"name"`
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables"`
	Errors    []struct {
		Message   string   `json:"message"`
		Locations [][2]int `json:"locations"`
	} `json:"errors"`
}

// TestGraphQLCoreMessages checks that parse, validation and variable errors read as
// graphql-core 3.2's, which Kraken's GraphQL view returns, and point at the same places
// (line and column, 1-based, in Unicode code points). The golden is written by
// testdata/coremessages/gen.py; -update runs it (it needs python3 with graphql-core 3.2).
func TestGraphQLCoreMessages(t *testing.T) {
	dir := filepath.Join("testdata", "coremessages")
	if *update {
		cmd := exec.Command("python3", filepath.Join(dir, "gen.py"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("gen.py: %v\n%s", err, out)
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, "messages.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := bytes.Cut(raw, []byte("\n")) // the first line says how it was made
	var cases []coreCase
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // variables' numbers as the server reads them, exactly as sent
	if err := dec.Decode(&cases); err != nil {
		t.Fatal(err)
	}
	e := newTestExecutor(t, Options{Hook: worldHook})
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			vars := c.Variables
			if vars == nil {
				vars = map[string]any{}
			}
			resp := e.Execute(context.Background(), &Request{Query: c.Query, Variables: vars})
			var got, want []string
			for _, ge := range resp.Errors {
				got = append(got, ge.Message)
			}
			for _, we := range c.Errors {
				want = append(want, we.Message)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s\n got: %q\nwant: %q", c.Query, got, want)
				return
			}
			for i, we := range c.Errors {
				var got [][2]int
				for _, l := range resp.Errors[i].Locations {
					got = append(got, [2]int{l.Line, l.Column})
				}
				if !slices.Equal(got, we.Locations) {
					t.Errorf("%s\n%q at %v, want %v", c.Query, we.Message, got, we.Locations)
				}
			}
		})
	}
}
