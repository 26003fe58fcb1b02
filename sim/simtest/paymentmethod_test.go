package simtest_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// shopRates are the unit rates before VAT REST publishes for the shop's tariff, by
// payment method, in force at t (RFC 3339).
func shopRates(t *testing.T, srv *simtest.Server, session, at string) map[string]float64 {
	t.Helper()
	_, body := rest(t, srv, session, "", "/v1/products/BUS-VAR-23-04-01/electricity-tariffs/E-1R-BUS-VAR-23-04-01-G/standard-unit-rates/")
	when, _ := time.Parse(time.RFC3339, at)
	out := map[string]float64{}
	for _, r := range simtest.Get(body, "results").([]any) {
		from, _ := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(r, "valid_from")))
		to, err := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(r, "valid_to")))
		if !when.Before(from) && (err != nil || when.Before(to)) {
			out[fmt.Sprint(simtest.Get(r, "payment_method"))] = number(t, simtest.Get(r, "value_exc_vat"))
		}
	}
	if out["DIRECT_DEBIT"] <= 0 || out["NON_DIRECT_DEBIT"] <= out["DIRECT_DEBIT"] {
		t.Fatalf("REST's rates for the shop's tariff at %s: %v", at, out)
	}
	return out
}

// TestOctopusBankTransferReadingsCostTheNonDirectDebitPrice: the shop pays by bank
// transfer, so an hour of its use costs its kWh at the NON_DIRECT_DEBIT unit rate REST
// publishes, as its statements charge it, and its smart tariff comparison prices its
// year dearer than the same shop paying by direct debit does (unit rates 5%, standing
// charges 11.5%); a small business's gas on a business product is taxed as its
// statements tax it (5%), not at the product's 20%.
func TestOctopusBankTransferReadingsCostTheNonDirectDebitPrice(t *testing.T) {
	srv, c := octopus(t)
	rates := shopRates(t, srv, c.Session, "2026-11-20T12:00:00Z")
	c.SignIn("business@krakensim.dev", "krakensim")
	const hour = `query($a: String!, $f: [UtilityFiltersInput!]) { account(accountNumber: $a) { properties { measurements(first: 1,
		startAt: "2026-11-20T12:00:00Z", endAt: "2026-11-20T13:00:00Z", utilityFilters: $f) { edges { node { value
		metaData { statistics { type costExclTax { estimatedAmount } costInclTax { estimatedAmount } } } } } } } } }`
	elec := []any{map[string]any{"electricityFilters": map[string]any{"readingFrequencyType": "HOUR_INTERVAL"}}}
	node := simtest.Get(mustQuery(t, c)(hour, map[string]any{"a": "A-B1A2C3D4", "f": elec}), "account", "properties", 0, "measurements", "edges", 0, "node")
	kwh, cost := number(t, simtest.Get(node, "value")), number(t, simtest.Get(node, "metaData", "statistics", 0, "costExclTax", "estimatedAmount"))
	if want := kwh * rates["NON_DIRECT_DEBIT"]; kwh <= 0 || math.Abs(cost-want) > 0.0005*rates["NON_DIRECT_DEBIT"]+1e-5 {
		t.Errorf("the shop's hour of %v kWh cost %vp, want %vp at %vp/kWh (by direct debit %vp)", kwh, cost, want, rates["NON_DIRECT_DEBIT"], kwh*rates["DIRECT_DEBIT"])
	}

	const compare = `{ smartTariffComparison(mpan: "1600155283015") { currentCost } }`
	receipt := number(t, simtest.Get(mustQuery(t, c)(compare, nil), "smartTariffComparison", "currentCost"))
	_, dd := octopus(t, func(w *sim.World) { w.Account("A-B1A2C3D4").PaymentSchedules[0].ScheduleType = "DIRECT_DEBIT" })
	dd.SignIn("business@krakensim.dev", "krakensim")
	debit := number(t, simtest.Get(mustQuery(t, dd)(compare, nil), "smartTariffComparison", "currentCost"))
	if debit <= 0 || receipt < debit*1.05-0.01 || receipt > debit*1.115+0.01 {
		t.Errorf("the shop's year costs £%v paid by bank transfer, £%v by direct debit: want 5%% to 11.5%% dearer", receipt, debit)
	}

	_, biz := octopus(t, func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.AccountType = "BUSINESS"
		ag := &a.Properties[0].GasMeterPoints[0].Agreements[1]
		ag.TariffCode, ag.ProductCode = "G-1R-BUS-VAR-23-04-01-A", "BUS-VAR-23-04-01"
	})
	gas := []any{map[string]any{"gasFilters": map[string]any{"readingFrequencyType": "HOUR_INTERVAL"}}}
	stat := simtest.Get(mustQuery(t, biz)(hour, map[string]any{"a": "A-C90DC431", "f": gas}), "account", "properties", 0, "measurements", "edges", 0, "node", "metaData", "statistics", 0)
	excl, incl := number(t, simtest.Get(stat, "costExclTax", "estimatedAmount")), number(t, simtest.Get(stat, "costInclTax", "estimatedAmount"))
	if excl <= 0 || math.Abs(incl-excl*1.05) > 1e-4 {
		t.Errorf("a small business's gas hour: %v before tax, %v with it; want 5%%", excl, incl)
	}
}

// TestOctopusPaymentMethodChangeLeavesPastStatements: the shop, paying by bank transfer,
// sets up a monthly direct debit, which begins on 1 January 2027; November's statement
// is the same after the change as before it, December's still charges the
// NON_DIRECT_DEBIT unit rate, and January's the DIRECT_DEBIT one.
func TestOctopusPaymentMethodChangeLeavesPastStatements(t *testing.T) {
	srv, c := octopus(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	const bills = `{ account(accountNumber: "A-B1A2C3D4") { bills(first: 3) { edges { node { id fromDate ... on StatementType {
		totalCharges { netTotal grossTotal } transactions(first: 5) { edges { node { ... on Charge { consumption { quantity usageCost supplyCharge } } } } } } } } } } }`
	before := simtest.Get(mustQuery(t, c)(bills, nil), "account", "bills", "edges", 0, "node")
	if simtest.Get(before, "fromDate") != "2026-11-01" {
		t.Fatalf("the shop's latest statement: %v", before)
	}
	set := mustQuery(t, c)(`mutation { createPaymentSchedule(input: {accountNumber: "A-B1A2C3D4", paymentAmount: 40000, paymentDay: 12}) { paymentSchedule { validFrom } } }`, nil)
	if got := simtest.Get(set, "createPaymentSchedule", "paymentSchedule", "validFrom"); got != "2027-01-01" {
		t.Fatalf("the shop's direct debit begins %v, want 2027-01-01", got)
	}
	after := simtest.Get(mustQuery(t, c)(bills, nil), "account", "bills", "edges", 0, "node")
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("November's statement changed with the payment method:\n%v\nwas\n%v", after, before)
	}
	advance(c, 63*24*time.Hour) // to 3 February 2027
	c.SignIn("business@krakensim.dev", "krakensim")
	edges := simtest.Get(mustQuery(t, c)(bills, nil), "account", "bills", "edges").([]any)
	for _, tc := range []struct {
		from, method, at string
	}{
		{"2027-01-01", "DIRECT_DEBIT", "2027-01-15T00:00:00Z"},
		{"2026-12-01", "NON_DIRECT_DEBIT", "2026-12-15T00:00:00Z"},
		{"2026-11-01", "NON_DIRECT_DEBIT", "2026-11-15T00:00:00Z"},
	} {
		var use any
		for _, e := range edges {
			if simtest.Get(e, "node", "fromDate") == tc.from {
				use = simtest.Get(e, "node", "transactions", "edges", 0, "node", "consumption")
			}
		}
		kwh, cost := number(t, simtest.Get(use, "quantity")), number(t, simtest.Get(use, "usageCost"))
		if rate := shopRates(t, srv, c.Session, tc.at)[tc.method]; kwh <= 0 || math.Abs(cost/kwh-rate) > 0.001 {
			t.Errorf("the statement from %s charged %v kWh %vp (%vp/kWh), want the %s rate %vp", tc.from, kwh, cost, cost/kwh, tc.method, rate)
		}
	}
}

// TestOctopusRequoteIsPaidByDirectDebitUnlessAsked: requote's paymentMethod defaults to
// DIRECTDEBIT in the SDL, so the shop, paying by bank transfer, is quoted its tariff's
// direct debit price unless it asks ONRECEIPT; quoteAccountOnProducts, which has no
// paymentMethod, prices it as the shop pays; each label names the method it prices.
func TestOctopusRequoteIsPaidByDirectDebitUnlessAsked(t *testing.T) {
	_, c := octopus(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	q := mustQuery(t, c)
	const requote = `mutation { requote(input: {accountNumber: "A-B1A2C3D4", propertyId: "2214534"%s}) {
		quote { paymentMethod quotedProducts { electricityTariffInformationLabel { ... on TariffInformationLabelStandard { paymentMethod unitRate } } } } } }`
	label := func(method string) string {
		quote := simtest.Get(q(fmt.Sprintf(requote, method), nil), "requote", "quote")
		til := simtest.Get(quote, "quotedProducts", 0, "electricityTariffInformationLabel")
		return fmt.Sprint(simtest.Get(quote, "paymentMethod"), " ", simtest.Get(til, "paymentMethod"), " ", simtest.Get(til, "unitRate"))
	}
	unasked, null, debit, receipt := label(""), label(", paymentMethod: null"), label(", paymentMethod: DIRECTDEBIT"), label(", paymentMethod: ONRECEIPT")
	// Q4 2026's rates with VAT at 5%: 24.9p by direct debit, 26.145p otherwise.
	if unasked != debit || null != debit || debit != "DIRECTDEBIT DIRECT_DEBIT 26.145" || receipt != "ONRECEIPT PAY_ON_RECEIPT 27.45225" {
		t.Errorf("requote without a method %q, with null %q, by direct debit %q, on receipt %q", unasked, null, debit, receipt)
	}
	named := q(`mutation { quoteAccountOnProducts(input: {accountNumber: "A-B1A2C3D4", electricityMeterPointsInput: [{mpan: "1600155283015",
		productsInput: [{code: "BUS-VAR-23-04-01"}]}]}) { quoteRequest { electricitySupplyPoints { quotedProducts {
		electricityTariffInformationLabel { ... on ProductTariffInformationLabelStandard { paymentMethod unitRate } } } } } } }`, nil)
	til := simtest.Get(named, "quoteAccountOnProducts", "quoteRequest", "electricitySupplyPoints", 0, "quotedProducts", 0, "electricityTariffInformationLabel")
	if got := fmt.Sprint(simtest.Get(til, "paymentMethod"), " ", simtest.Get(til, "unitRate")); got != "PAY_ON_RECEIPT 27.45225" {
		t.Errorf("quoteAccountOnProducts labels the shop's supply %q, want PAY_ON_RECEIPT at its bank transfer price", got)
	}
}
