package record_test

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/record"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func newRecorder(t testing.TB, dir string, failures bool) *record.Recorder {
	t.Helper()
	rec, err := record.New(record.Options{Dir: dir, Failures: failures, Key: []byte("golden"), Source: "https://kraken.example", Upstream: "https://kraken.example/v1/graphql/",
		Now: func() time.Time { return time.Unix(1724155372, 0) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rec.Close)
	return rec
}

func reply(status int, body string) *sim.UpstreamReply {
	return &sim.UpstreamReply{Status: status, Header: map[string][]string{"Content-Type": {"application/json"}}, Body: []byte(body)}
}

// TestGolden records a set of exchanges and compares each file written with
// testdata/<file>.golden (go test ./sim/record -update rewrites them).
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	rec := newRecorder(t, dir, true)
	signIn := func(email string, body string) {
		rec.RecordGraphQL(&sim.GraphQLExchange{
			Endpoint: sim.APIPath, Operation: "mutation", OperationName: "SignIn",
			Fields: []sim.ProxiedField{{Name: "obtainKrakenToken", Args: map[string]any{"input": map[string]any{"email": email, "password": "hunter2"}}}},
			Reply:  reply(200, body),
		})
	}
	signIn("ann@real.example", `{"data":{"obtainKrakenToken":{"token":"eyJreal.token.1","refreshToken":"r-1"}}}`)
	signIn("ann@real.example", `{"data":{"obtainKrakenToken":{"token":"eyJreal.token.1","refreshToken":"r-1"}}}`)
	// A JWT: its claims kept (email faked), its times relative to the replay's now, its
	// signature gone; payload's times too.
	jwt := "eyJhbGciOiJIUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"kraken|account-user:1","gty":"EMAIL-AND-PASSWORD",`+
		`"email":"ann@real.example","tokenUse":"access","iss":"https://kraken.example/v1/graphql/","iat":1724155372,"exp":1724158972,"origIat":1724154772}`)) + ".c2ln"
	signIn("ann@real.example", `{"data":{"obtainKrakenToken":{"token":"`+jwt+`","refreshToken":"r-2","refreshExpiresIn":1724760172,`+
		`"payload":{"sub":"kraken|account-user:1","tokenUse":"access","exp":1724158972,"origIat":1724154772}}}}`)
	signIn("ann@real.example", `{"data":null,"errors":[{"message":"Invalid data.","path":["obtainKrakenToken"],"extensions":{"errorCode":"KT-CT-1138"}}]}`)
	account := func(number string, body string, status int) {
		rec.RecordGraphQL(&sim.GraphQLExchange{
			Endpoint: sim.APIPath, Operation: "query", OperationName: "Account", Authorized: true,
			Fields: []sim.ProxiedField{{Name: "account", Args: map[string]any{"accountNumber": number}}},
			Reply:  reply(status, body),
		})
	}
	account("A-1", `{"data":{"account":{"number":"A-1","balance":1250,"billingName":"Ann Real","billingEmail":"ann@real.example","address":{"postcode":"SW1A 1AA","line1":"10 Real Street"},"note":"{{ not a template }}"}}}`, 200)
	account("A-2", `{"data":{"account":{"number":"A-2","balance":-3.5}}}`, 200)
	account("A-2", `{"errors":[{"message":"busy"}]}`, 503)
	rec.RecordGraphQL(&sim.GraphQLExchange{
		Endpoint: sim.APIPath, Operation: "query", Authorized: true,
		Fields: []sim.ProxiedField{{Name: "viewer"}, {Name: "viewer"}, {Name: "account", Args: map[string]any{"accountNumber": "A-1"}}},
		Reply:  reply(200, `{"data":{"viewer":{"givenName":"Ann","mobile":"+44 7000 000001"},"account":{"number":"A-1"}}}`),
	})
	rest := func(body string, status int, respBody string) {
		rec.RecordREST(&sim.RESTExchange{
			Request: &sim.HTTPRequest{Method: "POST", Path: "/v1/data-import/notes/create/", Route: "/v1/data-import/notes/create/",
				Header: map[string][]string{"Authorization": {"Token real-api-key"}}, Body: []byte(body)},
			Reply: reply(status, respBody),
		})
	}
	rest(`{"import_supplier":"S","external_account_number":"E-1","notes":[{"body":"hi"}]}`, 201, `[{"body":"hi","status":"NOTE_CREATION_SUCCESS"}]`)
	rest(`{"import_supplier":"S","external_account_number":"E-1","notes":[{"body":"hi"}]}`, 201, `[{"body":"hi","status":"NOTE_ALREADY_EXISTS"}]`)
	rest(`{"import_supplier":"S","external_account_number":"E-1","notes":[]}`, 400, `{"notes":["This list may not be empty."]}`)
	// A client's field the OpenAPI document lacks: the 400 it got is recorded, and
	// the recording still loads (lint warns).
	rest(`{"external_account_number":"EXTERNAL-1234","body":"hello"}`, 400, `{"import_supplier":["This field is required."]}`)
	// Each account and product answers its own; links to the upstream lead to the
	// replaying krakensim.
	for _, number := range []string{"A-1", "A-2"} {
		rec.RecordREST(&sim.RESTExchange{
			Request: &sim.HTTPRequest{Method: "GET", Path: "/v1/accounts/" + number + "/", Route: "/v1/accounts/{account_number}/",
				Header: map[string][]string{"Authorization": {"Basic c2tfbGl2ZV94Og=="}}},
			Reply: reply(200, `{"number":"`+number+`","properties":[]}`),
		})
	}
	rec.RecordREST(&sim.RESTExchange{
		Request: &sim.HTTPRequest{Method: "GET", Path: "/v1/products/", Route: "/v1/products/", Query: map[string][]string{"page_size": {"1"}}},
		Reply: reply(200, `{"count":2,"next":"https://kraken.example/v1/products/?page=2&page_size=1","previous":null,`+
			`"results":[{"code":"AGILE-24-10-01","links":[{"href":"https://kraken.example/v1/products/AGILE-24-10-01/","rel":"self"}],"brand":"https://kraken.example.org/"}]}`),
	})
	rec.RecordREST(&sim.RESTExchange{
		Request: &sim.HTTPRequest{Method: "GET", Path: "/v1/data-import/account-transfer-status/S/E-1/",
			Route: "/v1/data-import/account-transfer-status/{import_supplier_code}/{external_account_number}/",
			Query: map[string][]string{"api_key": {"qk-123"}, "page": {"2"}}},
		Reply: &sim.UpstreamReply{Status: 200, Header: map[string][]string{"Content-Type": {"text/plain"}}, Body: []byte("plain {{ text }}")},
	})

	rec.Flush()
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(files) != 7 {
		t.Errorf("%d files, want 7: %v", len(files), files)
	}
	for _, f := range files {
		got, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"hunter2", "eyJreal", "r-1", "ann@real", "Ann Real", "SW1A", "10 Real Street", "real-api-key", "qk-123", "7000 000001"} {
			if strings.Contains(string(got), secret) {
				t.Errorf("%s holds %q", filepath.Base(f), secret)
			}
		}
		golden := filepath.Join("testdata", filepath.Base(f)+".golden")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./sim/record -update)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", filepath.Base(f), golden, got, want)
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
	for _, p := range scenarios.Lint(scs, c) {
		if p.Severity == scenarios.SeverityWarning && (strings.Contains(p.Error(), "query parameters the OpenAPI document lists") ||
			strings.Contains(p.Error(), `has no field "body"`)) {
			continue // a recording keeps the query and body a client sent, listed or not
		}
		t.Errorf("lint: %v", p)
	}
}

// TestFailuresSkipped checks a failed answer is not written unless asked.
func TestFailuresSkipped(t *testing.T) {
	for _, tc := range []struct {
		name     string
		reply    *sim.UpstreamReply
		failures bool
		files    int
	}{
		{"5xx", reply(502, `{}`), false, 0},
		{"5xx asked", reply(502, `{}`), true, 1},
		{"no answer", &sim.UpstreamReply{Err: os.ErrDeadlineExceeded, Status: 504, Body: []byte(`{"detail":"late"}`)}, false, 0},
		{"no answer asked", &sim.UpstreamReply{Err: os.ErrDeadlineExceeded, Status: 504, Body: []byte(`{"detail":"late"}`)}, true, 1},
		{"4xx", reply(400, `{"detail":"bad"}`), false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rec := newRecorder(t, dir, tc.failures)
			rec.RecordREST(&sim.RESTExchange{Request: &sim.HTTPRequest{Method: "POST", Path: "/x/", Body: []byte(`{}`)}, Reply: tc.reply})
			rec.Flush()
			files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
			if len(files) != tc.files {
				t.Errorf("%d files, want %d", len(files), tc.files)
			}
		})
	}
}

// FuzzRecordREST records arbitrary request and answer bodies: the file written always
// parses as a scenario file and never holds the request's password.
func FuzzRecordREST(f *testing.F) {
	f.Add([]byte(`{"password":"pw-XYZ","a":[1,{"b":null}]}`), []byte(`{"token":"pw-XYZ","x":"{{ y }}"}`))
	f.Add([]byte(`not json`), []byte(`[1, 2.5e300, "é", {"": {}}]`))
	f.Add([]byte(`{"a.b":{"c":[]}}`), []byte("\x00\xff"))
	f.Fuzz(func(t *testing.T, reqBody, respBody []byte) {
		dir := t.TempDir()
		rec := newRecorder(t, dir, true)
		rec.RecordREST(&sim.RESTExchange{
			Request: &sim.HTTPRequest{Method: "POST", Path: "/v1/data-import/notes/create/", Route: "/v1/data-import/notes/create/", Body: reqBody},
			Reply:   reply(200, string(respBody)),
		})
		rec.Flush()
		if _, err := scenarios.LoadPaths(dir); err != nil {
			t.Fatalf("the recording does not parse: %v", err)
		}
	})
}

// TestConsistentFakes checks one real value gets one fake across files and keys of the
// same kind, and different values different fakes.
func TestConsistentFakes(t *testing.T) {
	dir := t.TempDir()
	rec := newRecorder(t, dir, false)
	for i, body := range []string{
		`{"data":{"viewer":{"email":"ann@real.example","mobile":"07000 000001"}}}`,
		`{"data":{"account":{"billingEmail":"ann@real.example","users":[{"email":"bob@real.example"}]}}}`,
	} {
		rec.RecordGraphQL(&sim.GraphQLExchange{Endpoint: sim.APIPath, Operation: "query", OperationName: fmt.Sprint("Op", i),
			Fields: []sim.ProxiedField{{Name: "viewer"}}, Reply: reply(200, body)})
	}
	rec.Flush()
	fakes := regexp.MustCompile(`person-[0-9a-f]{8}@example\.com`)
	a, _ := os.ReadFile(filepath.Join(dir, "Op0.yaml"))
	b, _ := os.ReadFile(filepath.Join(dir, "Op1.yaml"))
	fa, fb := fakes.FindAllString(string(a), -1), fakes.FindAllString(string(b), -1)
	if len(fa) != 1 || len(fb) != 2 {
		t.Fatalf("fakes %v and %v, want 1 and 2:\n%s\n%s", fa, fb, a, b)
	}
	if fa[0] != fb[0] {
		t.Errorf("ann's email became %s in one file and %s in the other", fa[0], fb[0])
	}
	if fb[0] == fb[1] {
		t.Errorf("ann and bob both became %s", fb[0])
	}
}

// TestPersonalFieldsOption checks the personal keys can be extended.
func TestPersonalFieldsOption(t *testing.T) {
	for _, tc := range []struct {
		name     string
		personal []string
		kept     bool
	}{
		{"defaults keep pronouns", nil, true},
		{"pronouns added", append(append([]string(nil), record.PersonalFields...), "Pro_nouns"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rec, err := record.New(record.Options{Dir: dir, Key: []byte("k"), PersonalFields: tc.personal})
			if err != nil {
				t.Fatal(err)
			}
			rec.RecordGraphQL(&sim.GraphQLExchange{Endpoint: sim.APIPath, Operation: "query", OperationName: "Me",
				Fields: []sim.ProxiedField{{Name: "viewer"}},
				Reply:  reply(200, `{"data":{"viewer":{"pronouns":"she/her","email":"a@b.example"}}}`)})
			rec.Close()
			b, _ := os.ReadFile(filepath.Join(dir, "Me.yaml"))
			if kept := strings.Contains(string(b), "she/her"); kept != tc.kept || strings.Contains(string(b), "a@b.example") {
				t.Errorf("pronouns kept: %v, want %v; the email must go:\n%s", kept, tc.kept, b)
			}
		})
	}
}

// TestAddsToExistingRecording records in two runs into one folder: the second adds
// to the first's files and never loses them; a file it cannot read is left alone.
func TestAddsToExistingRecording(t *testing.T) {
	dir := t.TempDir()
	account := func(rec *record.Recorder, number, body string) {
		rec.RecordGraphQL(&sim.GraphQLExchange{Endpoint: sim.APIPath, Operation: "query", OperationName: "Account", Authorized: true,
			Fields: []sim.ProxiedField{{Name: "account", Args: map[string]any{"accountNumber": number}}}, Reply: reply(200, body)})
	}
	first := newRecorder(t, dir, false)
	account(first, "A-1", `{"data":{"account":{"number":"A-1","balance":1}}}`)
	account(first, "A-1", `{"data":{"account":{"number":"A-1","balance":1}}}`)
	account(first, "A-1", `{"data":{"account":{"number":"A-1","balance":2}}}`)
	account(first, "A-2", `{"data":{"account":{"number":"A-2","billingEmail":"x@real.example"}}}`)
	first.Close()
	before, _ := os.ReadFile(filepath.Join(dir, "Account.yaml"))

	second := newRecorder(t, dir, false)
	account(second, "A-1", `{"data":{"account":{"number":"A-1","balance":2}}}`)
	account(second, "A-3", `{"data":{"account":{"number":"A-3"}}}`)
	second.Close()
	after, _ := os.ReadFile(filepath.Join(dir, "Account.yaml"))
	scs, err := scenarios.LoadPaths(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(scs) != 1 || len(scs[0].Rules) != 3 {
		t.Fatalf("after two runs: %d scenarios, want 1 with 3 rules:\n%s", len(scs), after)
	}
	// A-1's sequence: balance 1 twice, then 2 for every later call (now three of them).
	var a1 []int
	for _, a := range scs[0].Rules[0].Then {
		a1 = append(a1, a.Times)
	}
	if !strings.Contains(string(after), "times: 2") || len(scs[0].Rules[0].Then) != 2 {
		t.Errorf("A-1's sequence was not extended (times %v):\n%s", a1, after)
	}
	if !strings.Contains(string(after), "A-2") || !strings.Contains(string(after), "A-3") {
		t.Errorf("a rule went missing:\n--- before\n%s\n--- after\n%s", before, after)
	}

	if err := os.WriteFile(filepath.Join(dir, "Broken.yaml"), []byte("name: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var warned []error
	third, err := record.New(record.Options{Dir: dir, Key: []byte("k"), OnError: func(err error) { warned = append(warned, err) }})
	if err != nil {
		t.Fatal(err)
	}
	third.RecordGraphQL(&sim.GraphQLExchange{Endpoint: sim.APIPath, Operation: "query", OperationName: "Broken",
		Fields: []sim.ProxiedField{{Name: "viewer"}}, Reply: reply(200, `{"data":{"viewer":null}}`)})
	third.Close()
	if b, _ := os.ReadFile(filepath.Join(dir, "Broken.yaml")); string(b) != "name: [\n" {
		t.Errorf("the unreadable file was overwritten: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "Broken-2.yaml")); err != nil || len(warned) != 1 {
		t.Errorf("no Broken-2.yaml (%v), warnings %v", err, warned)
	}
}

// FuzzExistingFile records into a folder whose file for the operation holds anything:
// the recorder never panics, and whatever it writes parses as a scenario file.
func FuzzExistingFile(f *testing.F) {
	f.Add([]byte("# Written by krakensim serve --record\nname: recorded-Op\nrules:\n  - when: {field: viewer}\n    then: [{status: 200, times: 3}, {status: 500}]\n"))
	f.Add([]byte("name: x\nrules: [{when: 1, then: {times: -5}}]\n"))
	f.Add([]byte("- not a mapping\n"))
	f.Add([]byte("name: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, existing []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "Op.yaml"), existing, 0o644); err != nil {
			t.Fatal(err)
		}
		rec, err := record.New(record.Options{Dir: dir, Key: []byte("k"), OnError: func(error) {}})
		if err != nil {
			t.Fatal(err)
		}
		rec.RecordGraphQL(&sim.GraphQLExchange{Endpoint: sim.APIPath, Operation: "query", OperationName: "Op",
			Fields: []sim.ProxiedField{{Name: "viewer"}}, Reply: reply(200, `{"data":{"viewer":null}}`)})
		rec.Close()
		written := filepath.Join(dir, "Op.yaml")
		if b, _ := os.ReadFile(written); string(b) == string(existing) {
			written = filepath.Join(dir, "Op-2.yaml")
		}
		b, err := os.ReadFile(written)
		if err != nil {
			t.Fatalf("nothing written: %v", err)
		}
		// A file the recorder did not write is never added to, so what it writes is its own.
		if _, err := scenarios.Parse("Op.yaml", b); err != nil && !strings.Contains(string(existing), "# Written by krakensim serve --record") {
			t.Fatalf("the written file does not parse: %v\n%s", err, b)
		}
	})
}

// TestRecordsWhileWriting records from many goroutines while the writer writes: once
// closed, the file holds every call, each goroutine's answers in the order it got them.
func TestRecordsWhileWriting(t *testing.T) {
	dir := t.TempDir()
	rec := newRecorder(t, dir, false)
	const workers, calls = 8, 40
	done := make(chan struct{})
	for w := range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range calls {
				rec.RecordGraphQL(&sim.GraphQLExchange{Endpoint: sim.APIPath, Operation: "mutation", OperationName: "Credit", Authorized: true,
					Fields: []sim.ProxiedField{{Name: "createAccountCredit", Args: map[string]any{"worker": w}}},
					Reply:  reply(200, fmt.Sprintf(`{"data":{"createAccountCredit":{"id":"%d"}}}`, i))})
				if i == calls/2 {
					rec.Flush()
					if _, err := scenarios.LoadPaths(dir); err != nil {
						t.Errorf("the file read while recording does not load: %v", err)
					}
				}
			}
		}()
	}
	for range workers {
		<-done
	}
	rec.Close()
	scs, err := scenarios.LoadPaths(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(scs) != 1 || len(scs[0].Rules) != workers {
		t.Fatalf("%d scenarios, want 1 with %d rules", len(scs), workers)
	}
	for _, rl := range scs[0].Rules {
		if len(rl.Then) != calls {
			t.Fatalf("a rule has %d answers, want %d", len(rl.Then), calls)
		}
		for i, a := range rl.Then {
			if id := bodyID(a.Body); id != fmt.Sprint(i) {
				t.Fatalf("answer %d has id %q: the answers are out of order", i, id)
			}
		}
	}
}

var idPattern = regexp.MustCompile(`"id":"([0-9]+)"`)

// bodyID is the id an answer's body holds.
func bodyID(body any) string {
	b, _ := json.Marshal(body)
	if m := idPattern.FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return string(b)
}
