package simtest_test

import (
	"context"
	"fmt"
	"net/url"

	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/simtest"
)

// exampleT stands in for the *testing.T a real test has.
type exampleT struct{ cleanups []func() }

func (*exampleT) Helper()                      {}
func (*exampleT) Fatal(args ...any)            { panic(fmt.Sprint(args...)) }
func (*exampleT) Fatalf(f string, args ...any) { panic(fmt.Sprintf(f, args...)) }
func (t *exampleT) Cleanup(f func())           { t.cleanups = append(t.cleanups, f) }
func (*exampleT) Name() string                 { return "Example" }
func (t *exampleT) done() {
	for _, f := range t.cleanups {
		f()
	}
}

func ExampleNewServer() {
	t := &exampleT{}
	defer t.done()

	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	out := c.Query(`{ viewer { email } }`, nil)
	fmt.Println(simtest.Get(out.Data, "viewer", "email"))

	c.UseScenarios("payment-schedule-errors")
	out = c.Query(`mutation { createAccountPaymentSchedule(input: {accountNumber: "A-FA11ED01", ledgerNumber: "L-1", paymentDay: 3}) { schedule { id } } }`, nil)
	fmt.Println(out.Errors[0].Code())
	// Output:
	// demo@krakensim.dev
	// KT-CT-3942
}

func ExampleServer_Requests() {
	t := &exampleT{}
	defer t.done()

	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	c.Query(`{ viewer { email } }`, nil)

	for _, e := range srv.Requests(c.Session, journal.Filter{}) {
		fmt.Println(e.Seq, e.OperationType, e.Fields[0].Name, e.Outcome.Status, e.RequestHeaders()["Authorization"])
	}
	// Output:
	// 2 query viewer 200 [JWT [redacted]]
	// 1 mutation obtainKrakenToken 200 []
}

func ExampleServer_Verify() {
	t := &exampleT{}
	defer t.done()

	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")

	res, err := srv.Verify(c.Session, `
when:
  field: obtainKrakenToken
  variables: {input.email: someone@example.com}
exactly: 1
`)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Holds, res.Count)
	for _, m := range res.NearMisses {
		fmt.Println(m.Field, m.Differences[0])
	}
	// Output:
	// false 0
	// obtainKrakenToken variable input.email: want equals "someone@example.com", got "demo@krakensim.dev"
}

func ExampleServer_Coverage() {
	t := &exampleT{}
	defer t.done()

	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	c.Query(`mutation { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: "wrong"}) { token } }`, nil)

	for _, op := range c.Coverage().Operations {
		if op.Name == "obtainKrakenToken" && op.Endpoint == "/v1/graphql/" {
			fmt.Println(op.Calls, op.Outcomes, op.NeverProduced[0])
		}
	}
	// Output:
	// 2 [{KT-CT-1138 1} {data 1}] KT-CT-1135
}

func ExampleServer_Messages() {
	t := &exampleT{}
	defer t.done()

	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.Query(`mutation { requestPasswordReset(input: {email: "demo@krakensim.dev"}) { email } }`, nil)
	m := srv.Messages(c.Session)[0]
	fmt.Println(m.To, m.Subject)

	out := c.Query(`mutation($u: String!, $t: String!) { resetUserPassword(input: {userId: $u, token: $t, newPassword: "tide-pool-42"}) { userId } }`,
		map[string]any{"u": m.Data["userId"], "t": m.Data["token"]})
	fmt.Println(simtest.Get(out.Data, "resetUserPassword", "userId"))
	c.SignIn("demo@krakensim.dev", "tide-pool-42")
	fmt.Println(c.Token != "")
	// Output:
	// demo@krakensim.dev Reset your password
	// 3235447
	// true
}

// A hosted card payment is paid on the test vendor's page, and the ledger has it.
func ExampleClient_Pay() {
	t := &exampleT{}
	defer t.done()

	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	out := c.Query(`mutation { initiateHostedStandalonePayment(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", amount: 1500,
		description: "Top up", collectionMethod: CARD, returnUrlSuccess: "https://app.example/paid"}) { payment { url } } }`, nil)
	page := simtest.Get(out.Data, "initiateHostedStandalonePayment", "payment", "url").(string)
	status, location := c.Pay(page, url.Values{"cardNumber": {"4242 4242 4242 4242"}, "expMonth": {"12"}, "expYear": {"2099"}})
	fmt.Println(status, location)
	k := c.Checkouts()[0]
	fmt.Println(k.Status, k.Amount, k.Card.Last4)
	// Output:
	// 303 https://app.example/paid
	// SUCCEEDED 1500 4242
}

// A support user's masquerade token, issued as the admin API does, acts as the customer.
func ExampleServer_Sim_masquerade() {
	t := &exampleT{}
	defer t.done()

	srv := simtest.NewServer(t)
	c := srv.Client(t)
	tok, err := srv.Sim.IssueMasqueradeToken(context.Background(), c.Session, "3235447")
	if err != nil {
		fmt.Println(err)
		return
	}
	out := c.Query(`mutation($t: String!) { masqueradeAuthentication(masqueradeToken: $t, userId: "3235447") { token } }`, map[string]any{"t": tok.Token})
	c.Token = simtest.Get(out.Data, "masqueradeAuthentication", "token").(string)
	fmt.Println(simtest.Get(c.Query(`{ viewer { email } }`, nil).Data, "viewer", "email"))
	// Output:
	// demo@krakensim.dev
}

// Two people act on one session's world: what one changes, the other reads.
func ExampleServer_ClientIn() {
	t := &exampleT{}
	defer t.done()

	srv := simtest.NewServer(t)
	demo := srv.Client(t)
	demo.SignIn("demo@krakensim.dev", "krakensim")
	demo.Query(`mutation { updateUser(input: {givenName: "Jay"}) { viewer { givenName } } }`, nil)
	robin := srv.ClientIn(t, demo.Session)
	robin.SignIn("robin@krakensim.dev", "krakensim")
	out := robin.Query(`{ account(accountNumber: "A-C90DC431") { users { givenName } } }`, nil)
	fmt.Println(simtest.Get(out.Data, "account", "users", 0, "givenName"))
	// Output:
	// Jay
}

func ExampleWithSchema() {
	// A tenant's SDL (here a tiny one; read yours from a file). Its timezone
	// defaults say where the tenant is, and so which fixtures it gets.
	const sdl = `type Query { "The time. The possible errors that can be raised are: - KT-CT-1111: Unauthorized." now(timezone: String = "Australia/Sydney"): String }`
	srv, err := simtest.Start(simtest.WithSchema("tenant.graphql", sdl))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ov, _ := srv.Sim.WorldOverview("example")
	rep := srv.Coverage()
	fmt.Println(len(rep.Operations) > 0, rep.Operations[0].Name, ov.Accounts[0].Number != "")
	// Output:
	// true now true
}
