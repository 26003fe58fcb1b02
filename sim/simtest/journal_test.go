package simtest_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/simtest"
)

// fatalT records a Fatal instead of stopping the test.
type fatalT struct {
	*testing.T
	msg string
}

func (f *fatalT) Fatal(args ...any) { f.msg = fmt.Sprint(args...) }

func (f *fatalT) Fatalf(format string, args ...any) { f.msg = fmt.Sprintf(format, args...) }

func TestClientVerify(t *testing.T) {
	srv := simtest.NewServer(t)
	ft := &fatalT{T: t}
	c := srv.Client(ft)
	c.SignIn("demo@krakensim.dev", "krakensim")
	c.Query(`{ viewer { email } }`, nil)

	if res := c.Verify("when: {field: viewer}\nexactly: 1"); ft.msg != "" || res.Count != 1 {
		t.Fatalf("a holding pattern failed: %q %+v", ft.msg, res)
	}
	c.Verify("when: {field: obtainKrakenToken, variables: {input.email: ann@example.com}}")
	for _, want := range []string{"want at least 1 matching requests, got 0", "near miss: request 1", `variable input.email: want equals "ann@example.com", got "demo@krakensim.dev"`} {
		if !strings.Contains(ft.msg, want) {
			t.Errorf("failure lacks %q:\n%s", want, ft.msg)
		}
	}
	ft.msg = ""
	c.Verify("when: {feild: viewer}")
	if !strings.Contains(ft.msg, `unknown key "feild"`) {
		t.Errorf("bad pattern: %q", ft.msg)
	}
	// A misspelt field or variables path, and a session that never started, fail
	// rather than letting exactly: 0 hold.
	for _, tc := range []struct{ session, pattern, want string }{
		{c.Session, "when: {field: createAccountPaymentSchedul}\nexactly: 0", `unknown root field "createAccountPaymentSchedul": no query or mutation of the API site or the authentication server has that name (did you mean "createAccountPaymentSchedule"?)`},
		{c.Session, "when: {field: createAccountPaymentSchedule, variables: {input.acountNumber: A-FA11ED01}}\nexactly: 0", `has no field "acountNumber" (did you mean "accountNumber"?)`},
		{"no-such-session", "when: {field: viewer}\nexactly: 0", `no session "no-such-session"`},
	} {
		res, err := srv.Verify(tc.session, tc.pattern)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Verify(%q, %q) = %+v, %v; want an error naming %q", tc.session, tc.pattern, res, err, tc.want)
		}
	}
	ft.msg = ""
	c.Verify("when: {field: viewr}\nexactly: 0")
	if !strings.Contains(ft.msg, `did you mean "viewer"?`) {
		t.Errorf("misspelt field: %q", ft.msg)
	}
	if got := c.Requests(journal.Filter{Field: "viewer"}); len(got) != 1 || got[0].Seq != 2 {
		t.Errorf("Requests = %v", got)
	}
	signIn := c.Requests(journal.Filter{Field: "obtainKrakenToken"})
	if len(signIn) != 1 {
		t.Fatalf("sign-in entries: %v", signIn)
	}
	if input, _ := signIn[0].Variables["input"].(map[string]any); input["email"] != "demo@krakensim.dev" {
		t.Errorf("the sign-in entry's Variables = %v, want input.email demo@krakensim.dev", signIn[0].Variables)
	}
	if got := srv.Requests("no-such-session", journal.Filter{}); got != nil {
		t.Errorf("unknown session: %v", got)
	}
	if rep := srv.Coverage(); rep.Summary.Called < 2 {
		t.Errorf("server coverage called %d", rep.Summary.Called)
	}
}

// TestVerifyJournalLetRequestsGo: a journal that let requests go, or is off, never
// lets a count hold that those requests could break, and the failure says why.
func TestVerifyJournalLetRequestsGo(t *testing.T) {
	for _, tc := range []struct {
		name        string
		journalSize int
		queries     int
		pattern     string
		want        []string // in the failure; none: the pattern holds
	}{
		{"journal off: a call made", -1, 1, "when: {field: viewer}\nexactly: 0",
			[]string{"want exactly 0 matching requests, got 0 of the requests the journal holds; it let 2 go", "whether it holds is undetermined", "ClearRequests"}},
		{"journal off: at least one", -1, 1, "when: {field: viewer}",
			[]string{"got 0 of the requests the journal holds; it let 2 go", "undetermined"}},
		{"journal off: at most 1", -1, 3, "when: {field: viewer}\natMost: 1",
			[]string{"it let 4 go", "undetermined"}},
		{"full journal", 2, 4, "when: {field: obtainKrakenToken}\nexactly: 0",
			[]string{"got 0 of the requests the journal holds; it let 3 go", "undetermined"}},
		{"full journal: more matched than allowed", 2, 4, "when: {field: viewer}\natMost: 1",
			[]string{"want at most 1 matching requests, got 2", "it let 3 go", "it fails whatever they were"}},
		{"full journal: holds whatever went", 2, 4, "when: {field: viewer}\natLeast: 2", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) { cfg.JournalSize = tc.journalSize }))
			ft := &fatalT{T: t}
			c := srv.Client(ft)
			c.SignIn("demo@krakensim.dev", "krakensim")
			for range tc.queries {
				c.Query(`{ viewer { id } }`, nil)
			}
			c.Verify(tc.pattern)
			if len(tc.want) == 0 && ft.msg != "" {
				t.Errorf("failed: %s", ft.msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(ft.msg, w) {
					t.Errorf("failure lacks %q:\n%s", w, ft.msg)
				}
			}
		})
	}
	srv := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) { cfg.NoRecord = true }))
	c := srv.Client(t)
	c.Query(`{ __typename }`, nil)
	if res, err := srv.Verify(c.Session, "when: {field: viewer}\nexactly: 0"); !errors.Is(err, sim.ErrNotRecording) {
		t.Errorf("with recording off, Verify = %+v, %v; want ErrNotRecording", res, err)
	}
}

// TestClientSessionFromAnyTestName: a test's name may hold characters a session id
// may not, or be long; its client still gets a session of its own.
func TestClientSessionFromAnyTestName(t *testing.T) {
	srv := simtest.NewServer(t)
	for _, name := range []string{"plain", "a, b (c) #1 ünï=\"q\"", strings.Repeat("long/", 40) + "end"} {
		t.Run(name, func(t *testing.T) {
			c := srv.Client(t)
			if err := sim.ValidSessionID(c.Session); err != nil {
				t.Fatal(err)
			}
			if out := c.Query(`{ __typename }`, nil); len(out.Errors) != 0 || out.Data["__typename"] != "Query" {
				t.Errorf("query in session %q = %+v", c.Session, out)
			}
			if got := c.Requests(journal.Filter{}); len(got) != 1 {
				t.Errorf("session %q journals %d requests, want 1", c.Session, len(got))
			}
			if !strings.HasSuffix(c.Session, "end-"+c.Session[strings.LastIndex(c.Session, "-")+1:]) && strings.HasSuffix(name, "end") {
				t.Errorf("a long name's session %q lost its end", c.Session)
			}
		})
	}
}
