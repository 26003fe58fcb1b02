package record_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/record"
)

// A Recorder is the simulator's Proxy.Recorder: each proxied exchange it is given is
// written to a scenario file that replays it, with secrets and personal values out.
func ExampleNew() {
	dir, _ := os.MkdirTemp("", "recorded")
	defer os.RemoveAll(dir)
	rec, err := record.New(record.Options{Dir: dir, Key: []byte("example")})
	if err != nil {
		panic(err)
	}
	// In a server: sim.Config{Proxy: sim.Proxy{Upstream: up, Recorder: rec}}.
	rec.RecordGraphQL(&sim.GraphQLExchange{
		Endpoint: sim.APIPath, Operation: "mutation", OperationName: "SignIn",
		Fields: []sim.ProxiedField{{Name: "obtainKrakenToken", Args: map[string]any{
			"input": map[string]any{"email": "ann@example.org", "password": "hunter2"}}}},
		Reply: &sim.UpstreamReply{Status: 200, Body: []byte(`{"data":{"obtainKrakenToken":{"token":"eyJ.real.jwt"}}}`)},
	})
	rec.Close() // at the end of a recording: every exchange is in its file
	b, _ := os.ReadFile(filepath.Join(dir, "SignIn.yaml"))
	text := string(b)
	fmt.Println(strings.Contains(text, "hunter2"), strings.Contains(text, "eyJ.real.jwt"), strings.Contains(text, "ann@example.org"))
	fmt.Println(strings.Contains(text, "input.password:\n          exists: true"))
	// Output:
	// false false false
	// true
}
