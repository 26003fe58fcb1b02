package simtest_test

import (
	"fmt"

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
