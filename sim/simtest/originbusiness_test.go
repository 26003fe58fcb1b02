package simtest_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginMultiSiteChargeItemisesEachSite reads the Origin business's latest
// electricity charge, of its shop's NMI and its workshop's: a use and a supply line for
// each, naming its NMI, each site's supply charged at the daily rate over the
// statement's 31 days (not both sites' as one price), and the lines adding up to the
// charge.
func TestOriginMultiSiteChargeItemisesEachSite(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	biz, _ := signInAs(t, srv, c, `{APIKey: "sk_live_krakensimbusiness3235450"}`)
	data := mustQuery(t, biz)(`{ account(accountNumber: "A-B1A2C3D4") { transactions(fromDate: "2026-08-19", toDate: "2026-08-19") { edges { node {
		__typename amounts { net } ... on Charge { title
		lineItems { numberOfUnits pricePerUnit netAmount }
		breakdownItems { supplyPointIdentifier numberOfUnits netAmount } } } } } } }`, nil)
	num := func(v any) float64 { f, _ := strconv.ParseFloat(fmt.Sprint(v), 64); return f }
	var charge any
	for _, e := range simtest.Get(data, "account", "transactions", "edges").([]any) {
		if n := simtest.Get(e, "node"); simtest.Get(n, "__typename") == "Charge" {
			charge = n
		}
	}
	if charge == nil {
		t.Fatalf("no charge posted on 19 August: %v", data)
	}
	lines, _ := simtest.Get(charge, "lineItems").([]any)
	breakdown, _ := simtest.Get(charge, "breakdownItems").([]any)
	if len(lines) != 4 || len(breakdown) != 4 {
		t.Fatalf("%d line items and %d breakdown items, want use and supply for each of two NMIs: %v", len(lines), len(breakdown), breakdown)
	}
	want := []string{"6102155283", "6001155318", "6102155283", "6001155318"}
	var sum float64
	for i, li := range lines {
		sum += num(simtest.Get(li, "netAmount"))
		if got := simtest.Get(breakdown, i, "supplyPointIdentifier"); got != want[i] {
			t.Errorf("breakdown item %d names supply point %v, want %s", i, got, want[i])
		}
		if i >= 2 && (simtest.Get(li, "numberOfUnits") != "31.0" || simtest.Get(li, "pricePerUnit") != "96.18") {
			t.Errorf("supply line %d: %v days at %v, want 31.0 at the daily rate 96.18", i, simtest.Get(li, "numberOfUnits"), simtest.Get(li, "pricePerUnit"))
		}
	}
	if net := num(simtest.Get(charge, "amounts", "net")); sum != net || net != 44203 {
		t.Errorf("line items add up to %v, the charge's net is %v (want 44203)", sum, net)
	}
}
