package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// bigShop makes the business's shop use 120 kWh a day (its smart meter's readings 2.5 kWh
// a half hour apart through October 2026), over HMRC's de minimis 33 kWh, while its
// workshop stays under it; with gas, the shop is supplied the demo household's gas
// point too (796 kWh in November, under gas's 145 kWh a day).
func bigShop(gas bool) func(*sim.World) {
	return func(w *sim.World) {
		shop := &w.Account("A-B1A2C3D4").Properties[0]
		m := &shop.ElectricityMeterPoints[0].Meters[0]
		at := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
		m.Readings = append(m.Readings, sim.MeterReading{ReadAt: at, Value: 10000, Source: "SMART"},
			sim.MeterReading{ReadAt: at.AddDate(0, 0, 30), Value: 10000 + 2.5*48*30, Source: "SMART"})
		if gas {
			shop.GasMeterPoints = append(shop.GasMeterPoints, w.Account("A-C90DC431").Properties[0].GasMeterPoints...)
		}
	}
}

// TestOctopusBusinessSuppliesTaxedApartPostApart reads the transactions of a business
// whose shop is over de minimis and whose workshop is under it, with gas between them:
// each supply's charge of a month is its own (the workshop's electricity the "-2" of the
// ledger's), and so is the bank transfer that pays each, no two transactions sharing an
// id.
func TestOctopusBusinessSuppliesTaxedApartPostApart(t *testing.T) {
	srv, _ := octopus(t, bigShop(true))
	c := srv.Client(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	got := mustQuery(t, c)(`{ account(accountNumber: "A-B1A2C3D4") { transactions(fromDate: "2026-11-01", toDate: "2026-11-30") {
		edges { node { __typename id postedDate amount } } } } }`, nil)
	seen, ids := map[string]bool{}, ""
	for _, e := range simtest.Get(got, "account", "transactions", "edges").([]any) {
		id := fmt.Sprint(simtest.Get(e, "node", "id"))
		if seen[id] {
			t.Errorf("two transactions %s", id)
		}
		seen[id], ids = true, ids+" "+id
	}
	if want := " C20261130E6100006-2 C20261130G6100006 C20261130E6100006 P42026111661000062 P42026111661000061 P42026111661000060"; ids != want {
		t.Errorf("November's transactions:%s, want%s", ids, want)
	}
}
