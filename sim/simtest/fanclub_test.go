package simtest_test

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

const enrollFanClub = `mutation($n: String!, $c: [String]!, $capped: [String]) {
  enrollFanClubAccount(input: {accountNumber: $n, catchments: $c, cappedCatchments: $capped, email: "demo@krakensim.dev"}) { enrollmentOutput { status } } }`

// TestOctopusFanClubEligibility checks that enrollFanClubAccount answers why a home may
// not join, and joins none of them.
func TestOctopusFanClubEligibility(t *testing.T) {
	srv, c := octopus(t, func(w *sim.World) { w.Fans[0].Catchments = append(w.Fans[0].Catchments, "CB1") })
	business := srv.ClientIn(t, c.Session)
	business.SignIn("business@krakensim.dev", "krakensim")
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		want   string
	}{
		{"a catchment the client does not list", c, map[string]any{"n": "A-C90DC431", "c": []any{"LA1"}}, "INVALID_CATCHMENT"},
		{"a catchment at its cap", c, map[string]any{"n": "A-C90DC431", "c": []any{"NR3"}, "capped": []any{"nr3"}}, "CAPPED_CATCHMENT"},
		{"a home on Intelligent Octopus Go", c, map[string]any{"n": "A-7B3E9D12", "c": []any{"CB1"}}, "HAS_SMART_TARIFF"},
		{"a business", business, map[string]any{"n": "A-B1A2C3D4", "c": []any{"M5"}}, "BUSINESS_ACCOUNT"},
	} {
		got := simtest.Get(mustQuery(t, tc.client)(enrollFanClub, tc.vars), "enrollFanClubAccount", "enrollmentOutput", "status")
		if got != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, got, tc.want)
		}
	}
	status := mustQuery(t, c)(`{ fanClubStatus(accountNumber: "A-C90DC431") { discountSource } flat: fanClubStatus(accountNumber: "A-7B3E9D12") { discountSource } }`, nil)
	if n := len(status["fanClubStatus"].([]any)) + len(status["flat"].([]any)); n != 0 {
		t.Errorf("an ineligible home joined: %v", status)
	}
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	if got := graphqlCode(t, other, enrollFanClub, map[string]any{"n": "A-C90DC431", "c": []any{"NR3"}}); got != "KT-CT-4177" {
		t.Errorf("another's account: %q, want KT-CT-4177", got)
	}
}

// TestOctopusFanClubDiscountsTheRate checks that a home that joins a Fan Club is put on
// its fan's product from the next day, that fanClubStatus reports the fan, and that the
// tariff's rates are its unit rate less the discounts the status reports.
func TestOctopusFanClubDiscountsTheRate(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	vars := map[string]any{"n": "A-C90DC431", "c": []any{"NR1", "NR3"}}
	if got := simtest.Get(q(enrollFanClub, vars), "enrollFanClubAccount", "enrollmentOutput", "status"); got != "ELIGIBLE" {
		t.Fatalf("the demo house: %v", got)
	}
	if got := graphqlCode(t, c, enrollFanClub, vars); got != "KT-CT-8104" {
		t.Errorf("joining again: %q, want KT-CT-8104", got)
	}
	ags := q(`{ account(accountNumber: "A-C90DC431") { electricityAgreements { validFrom validTo tariff { __typename ... on HalfHourlyTariff { productCode tariffCode } } } } }`, nil)
	var on []string
	for _, ag := range simtest.Get(ags, "account", "electricityAgreements").([]any) {
		m := ag.(map[string]any)
		if tf := m["tariff"].(map[string]any); tf["productCode"] == "FAN-CLUB-NR-24-11-01" {
			on = append(on, m["validFrom"].(string)+" "+tf["tariffCode"].(string))
		}
	}
	if len(on) != 1 || on[0] != "2026-12-03T00:00:00+00:00 E-1R-FAN-CLUB-NR-24-11-01-A" {
		t.Fatalf("the Fan Club agreements: %v", on)
	}
	c.AdvanceClock(39 * time.Hour) // midnight after 3 December
	c.SignIn("demo@krakensim.dev", "krakensim")
	st := q(`{ fanClubStatus(accountNumber: "A-C90DC431") { discountSource accountNumbers propertyIds thresholds { discount }
	  current { startAt } historic { startAt discount } forecast { data { validTime } } } }`, nil)
	list := st["fanClubStatus"].([]any)
	if len(list) != 1 {
		t.Fatalf("fanClubStatus: %v", st)
	}
	fan := list[0].(map[string]any)
	if fan["discountSource"] != "#1 Fan: Norwich - Whitlingham Farm" || simtest.Get(fan, "accountNumbers", 0) != "A-C90DC431" ||
		simtest.Get(fan, "propertyIds", 0) != float64(2214531) || simtest.Get(fan, "current", "startAt") != "2026-12-04T00:00:00+00:00" {
		t.Errorf("the fan: %v", fan)
	}
	if n := len(fan["forecast"].(map[string]any)["data"].([]any)); n != 48 {
		t.Errorf("%d forecast hours, want 48", n)
	}
	discounts := map[string]float64{}
	for _, h := range fan["historic"].([]any) {
		m := h.(map[string]any)
		d, _ := strconv.ParseFloat(m["discount"].(string), 64)
		discounts[m["startAt"].(string)] = d
	}
	rates := q(`{ applicableRates(accountNumber: "A-C90DC431", mpxn: "1013004420117", startAt: "2026-12-03T00:00:00Z", endAt: "2026-12-04T00:00:00Z", first: 100) {
	  edges { node { value validFrom validTo } } } }`, nil)
	var base []float64
	seen := map[float64]bool{}
	eachNode(rates["applicableRates"].(map[string]any), func(n map[string]any) {
		from, _ := time.Parse(time.RFC3339, n["validFrom"].(string))
		to, _ := time.Parse(time.RFC3339, n["validTo"].(string))
		v, _ := strconv.ParseFloat(n["value"].(string), 64)
		for t0 := from; t0.Before(to); t0 = t0.Add(30 * time.Minute) {
			d, ok := discounts[t0.Format("2006-01-02T15:04:05+00:00")]
			if !ok {
				t.Fatalf("no discount reported for the half hour from %s", t0)
			}
			seen[d] = true
			base = append(base, v/(1-d))
		}
	})
	if len(base) != 48 || len(seen) < 2 {
		t.Fatalf("%d half hours priced, discounts %v", len(base), seen)
	}
	for _, b := range base {
		if math.Abs(b-base[0]) > 0.05 {
			t.Fatalf("the rates are not one unit rate less the fan's discounts: %v", base)
		}
	}
}
