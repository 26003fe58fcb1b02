package simtest_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestBillingKeptAcrossClockMoves walks one session's clock on a month at a time,
// reading the demo person's balances, bills and transactions at each step, while a
// reading, a payment and a tariff change, some of months already billed, land on the way: at each of several months its
// answers are those of a session taken there afresh (the same changes made, nothing
// read before), so what billing keeps from one month to the next never shows.
func TestBillingKeptAcrossClockMoves(t *testing.T) {
	if testing.Short() {
		t.Skip("walks six years of months")
	}
	const q = `{ viewer { accounts { number balance } }
		account(accountNumber: "A-C90DC431") { balance ledgers { number balance }
			bills(first: 4) { edges { node { id ... on StatementType { closingBalance totalCharges { grossTotal } } } } }
			transactions(first: 40) { edges { node { id postedDate amount } } } } }`
	day := func(start time.Time, m int) string { return start.AddDate(0, m, 0).Format(time.DateOnly) }
	// changes are what lands in the world, by the month it lands in.
	changes := map[int]func(w *sim.World, start time.Time){
		3: func(w *sim.World, start time.Time) { // a smart reading of two months before
			mp := &w.MutableAccount("A-C90DC431").Properties[0].ElectricityMeterPoints[0]
			mp.Meters[0].Readings = append(mp.Meters[0].Readings, sim.MeterReading{
				ReadAt: start.AddDate(0, 1, 0).Truncate(24 * time.Hour), Register: "1", Value: 20500, Source: "SMART"})
		},
		14: func(w *sim.World, start time.Time) { // a payment cleared
			a := w.MutableAccount("A-C90DC431")
			a.Payments = append(a.Payments, sim.Payment{ID: "5509001", LedgerNumber: "L-6B2F0A1C", Amount: 25000,
				PaymentDate: day(start, 14), Reference: "CARD-KEPT-1", Status: "CLEARED", TransactionType: "CARD_PAYMENT", OneOff: true})
		},
		27: func(w *sim.World, start time.Time) { // the electricity tariff changed three months before
			mp := &w.MutableAccount("A-C90DC431").Properties[0].ElectricityMeterPoints[0]
			from := day(start, 24)
			mp.Agreements[len(mp.Agreements)-1].ValidTo = from
			mp.Agreements = append(mp.Agreements, sim.Agreement{ID: "9100099", TariffCode: "E-1R-FIX-12M-25-01-01-A", ProductCode: "FIX-12M-25-01-01", ValidFrom: from})
		},
		50: func(w *sim.World, start time.Time) { // another smart reading, of six months before
			mp := &w.MutableAccount("A-C90DC431").Properties[0].ElectricityMeterPoints[0]
			mp.Meters[0].Readings = append(mp.Meters[0].Readings, sim.MeterReading{
				ReadAt: start.AddDate(0, 44, 0).Truncate(24 * time.Hour), Register: "1", Value: 33000, Source: "SMART"})
		},
	}
	checks := map[int]bool{2: true, 3: true, 15: true, 28: true, 51: true, 72: true}
	// read answers q at month m of a session whose clock stands at start, making the
	// changes up to m first, from month from on.
	read := func(srv *simtest.Server, c *simtest.Client, start time.Time, from, m int) string {
		sess, err := srv.Sim.Session(c.Session)
		if err != nil {
			t.Fatal(err)
		}
		for k := from; k <= m; k++ {
			if f := changes[k]; f != nil {
				f(sess.World(), start)
			}
		}
		sess.Clock().Set(start.AddDate(0, m, 0))
		c.SignIn("demo@krakensim.dev", "krakensim")
		out := c.Query(q, nil)
		if len(out.Errors) > 0 {
			t.Fatalf("month %d: %+v", m, out.Errors)
		}
		b, _ := json.Marshal(out.Data)
		return string(b)
	}
	srv, c := tenant(t, "octopus-schema.graphql")
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	start := sess.Now()
	var last string
	for m := 1; m <= 72; m++ {
		got := read(srv, c, start, m, m)
		if !checks[m] {
			continue
		}
		fresh := srv.Client(t)
		fresh.SignIn("demo@krakensim.dev", "krakensim") // the session begins at start
		if want := read(srv, fresh, start, 1, m); got != want {
			t.Errorf("month %d, walked there:\n%s\ntaken there afresh:\n%s", m, got, want)
		}
		if got == last {
			t.Errorf("month %d: the answers did not move from the last month checked: %s", m, got)
		}
		last = got
	}
}
