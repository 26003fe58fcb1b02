package simtest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusSmartTariffOnboarding enrols the flat's electricity onto Intelligent Octopus
// Go on Octopus from the 10th: the enrolment is in progress until then and completed
// from it, when the supply's agreement is on the product; tariffs that are not smart,
// one the home may not have, terms not accepted and a second enrolment are refused. An
// export is applied for and waits for its MPAN.
func TestOctopusSmartTariffOnboarding(t *testing.T) {
	_, c := octopus(t)
	const (
		start = `mutation($n: String!, $p: String!, $ok: Boolean!) { startOnboardingProcess(input: {accountNumber: $n, productCode: $p, targetAgreementChangeDate: "2026-12-10", termsAndConditions: {version: "2.1", accepted: $ok}}) {
			onboardingProcess { product { code } meterPoint { mpan } } productEnrolment { id status } } }`
		list    = `{ productEnrolments(accountNumber: "A-7B3E9D12") { id status product { code } stages { name status } } }`
		current = `{ account(accountNumber: "A-7B3E9D12") { electricityAgreements(active: true) { tariff { ... on TariffType { productCode } } } } }`
		export  = `mutation { startExportOnboardingProcess(input: {accountNumber: "A-7B3E9D12", productCode: "OUTGOING-VAR-24-10-26", technologyType: SOLAR, fitStatus: NONE, dnoStatus: NOTIFIED, termsAndConditionsAccepted: true}) {
			productEnrolment { status stages { name status } } } }`
	)
	vars := func(n, p string, ok bool) map[string]any { return map[string]any{"n": n, "p": p, "ok": ok} }
	for _, tc := range []struct {
		name string
		vars map[string]any
	}{
		{"a tariff that is not smart", vars("A-7B3E9D12", "VAR-22-11-01", true)},
		{"Intelligent Go for a home with no car", vars("A-C90DC431", "INTELLI-VAR-24-10-29", true)},
		{"terms not accepted", vars("A-7B3E9D12", "INTELLI-VAR-24-10-29", false)},
	} {
		if got := graphqlCode(t, c, start, tc.vars); got != "KT-GB-4102" {
			t.Errorf("%s: %q, want KT-GB-4102", tc.name, got)
		}
	}
	r := c.Query(start, vars("A-7B3E9D12", "INTELLI-VAR-24-10-29", true))
	if got := fmt.Sprint(simtest.Get(r.Data, "startOnboardingProcess", "onboardingProcess")); got != "map[meterPoint:map[mpan:1000007345180] product:map[code:INTELLI-VAR-24-10-29]]" {
		t.Fatalf("onboarding: %+v", r)
	}
	if got := graphqlCode(t, c, start, vars("A-7B3E9D12", "GO-VAR-22-10-14", true)); got != "KT-GB-4102" {
		t.Errorf("a second enrolment: %q", got)
	}
	id := simtest.Get(r.Data, "startOnboardingProcess", "productEnrolment", "id")
	if got := fmt.Sprint(simtest.Get(c.Query(list, nil).Data, "productEnrolments")); got != fmt.Sprintf("[map[id:%v product:map[code:INTELLI-VAR-24-10-29] stages:[map[name:Terms and conditions status:COMPLETED] map[name:Agreement change status:PENDING]] status:IN_PROGRESS]]", id) {
		t.Errorf("before the 10th: %s", got)
	}
	c.AdvanceClock(8 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	if got := simtest.Get(c.Query(list, nil).Data, "productEnrolments", 0, "status"); got != "COMPLETED" {
		t.Errorf("on the 10th: %v", got)
	}
	if got := fmt.Sprint(simtest.Get(c.Query(current, nil).Data, "account", "electricityAgreements")); got != "[map[tariff:map[productCode:INTELLI-VAR-24-10-29]]]" {
		t.Errorf("the flat's agreement on the 10th: %s", got)
	}
	if got := fmt.Sprint(simtest.Get(c.Query(export, nil).Data, "startExportOnboardingProcess", "productEnrolment")); got != "map[stages:[map[name:Terms and conditions status:COMPLETED] map[name:Export MPAN status:IN_PROGRESS]] status:IN_PROGRESS]" {
		t.Errorf("the export: %s", got)
	}
}

// TestOctopusOnboardingWaitsForTerms enrols the demo household onto Agile without its
// terms: the enrolment waits, the supply unchanged, until acceptTermsAndConditions
// accepts them, which changes the supply from the target day; accepting again answers
// the version accepted, and another account's enrolment is not the viewer's.
func TestOctopusOnboardingWaitsForTerms(t *testing.T) {
	_, c := octopus(t)
	const (
		start  = `mutation { startOnboardingProcess(input: {accountNumber: "A-C90DC431", productCode: "AGILE-24-10-01", targetAgreementChangeDate: "2026-12-07"}) { productEnrolment { id status stages { name status } } } }`
		accept = `mutation($id: ID!, $minor: Int!) { acceptTermsAndConditions(input: {accountNumber: "A-C90DC431", enrolmentId: $id, termsVersion: {versionMajor: 3, versionMinor: $minor}}) { acceptedVersion } }`
		agile  = `{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: false) { validFrom tariff { ... on TariffType { productCode } } } } }`
	)
	r := c.Query(start, nil)
	e := simtest.Get(r.Data, "startOnboardingProcess", "productEnrolment")
	if got := fmt.Sprint(simtest.Get(e, "stages")); got != "[map[name:Terms and conditions status:PENDING] map[name:Agreement change status:PENDING]]" {
		t.Fatalf("without terms: %+v", r)
	}
	before := fmt.Sprint(simtest.Get(c.Query(agile, nil).Data, "account", "electricityAgreements"))
	if strings.Contains(before, "AGILE") {
		t.Errorf("the supply changed before the terms were accepted: %s", before)
	}
	id := simtest.Get(e, "id")
	if got := graphqlCode(t, c, accept, map[string]any{"id": "1", "minor": 0}); got == "" {
		t.Errorf("accepting no enrolment: no error")
	}
	if got := simtest.Get(c.Query(accept, map[string]any{"id": id, "minor": 2}).Data, "acceptTermsAndConditions", "acceptedVersion"); got != "3.2" {
		t.Errorf("accepted %v", got)
	}
	if got := simtest.Get(c.Query(accept, map[string]any{"id": id, "minor": 4}).Data, "acceptTermsAndConditions", "acceptedVersion"); got != "3.2" {
		t.Errorf("accepting again: %v", got)
	}
	after := fmt.Sprint(simtest.Get(c.Query(agile, nil).Data, "account", "electricityAgreements"))
	if !strings.Contains(after, "map[tariff:map[productCode:AGILE-24-10-01] validFrom:2026-12-07T00:00:00+00:00]") {
		t.Errorf("after the terms: %s", after)
	}
}

// TestOctopusOnboardingStartsOnItsTargetDay: a target day of today ("today or later")
// puts the supply on the new tariff from today's midnight, as tariff switchers verify
// it; no target, or one in the past (which is ignored), from tomorrow.
func TestOctopusOnboardingStartsOnItsTargetDay(t *testing.T) {
	for _, tc := range []struct{ name, target, want string }{
		{"today", `, targetAgreementChangeDate: "2026-12-02"`, "2026-12-02T00:00:00+00:00"},
		{"no target", ``, "2026-12-03T00:00:00+00:00"},
		{"yesterday", `, targetAgreementChangeDate: "2026-12-01"`, "2026-12-03T00:00:00+00:00"},
	} {
		_, c := octopus(t)
		r := c.Query(`mutation { startOnboardingProcess(input: {accountNumber: "A-C90DC431", productCode: "AGILE-24-10-01"`+tc.target+`}) { productEnrolment { id } } }`, nil)
		id := simtest.Get(r.Data, "startOnboardingProcess", "productEnrolment", "id")
		if id == nil {
			t.Fatalf("%s: %+v", tc.name, r)
		}
		c.Query(`mutation($id: ID!) { acceptTermsAndConditions(input: {accountNumber: "A-C90DC431", enrolmentId: $id, termsVersion: {versionMajor: 3, versionMinor: 2}}) { acceptedVersion } }`, map[string]any{"id": id})
		active := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { validFrom tariff { ... on TariffType { productCode } } } } }`, nil)
		got := fmt.Sprint(simtest.Get(active, "account", "electricityAgreements"))
		if tc.want == "2026-12-02T00:00:00+00:00" && got != "[map[tariff:map[productCode:AGILE-24-10-01] validFrom:"+tc.want+"]]" {
			t.Errorf("%s: in force today %s; want Agile from %s", tc.name, got, tc.want)
		}
		all := fmt.Sprint(simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { electricityAgreements { validFrom tariff { ... on TariffType { productCode } } } } }`, nil), "account", "electricityAgreements"))
		if !strings.Contains(all, "map[tariff:map[productCode:AGILE-24-10-01] validFrom:"+tc.want+"]") {
			t.Errorf("%s: %s; want Agile from %s", tc.name, all, tc.want)
		}
	}
}
