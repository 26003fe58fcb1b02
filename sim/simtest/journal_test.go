package simtest_test

import (
	"fmt"
	"strings"
	"testing"

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
