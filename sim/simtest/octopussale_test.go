package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusPrepareAccountKeepsTheSale: an Octopus sign-up's preferred supply start day
// is one updateSsd would accept (working days from tomorrow to four weeks on; others
// KT-CT-10316 naming preferredSsd), and what it sends is read back where a client looks:
// the account's estimated, earliest and latest supply start days, how it was sold (its
// application: channel, subchannel, date of sale; its urn), and, once the customer sets
// up a direct debit, the schedule on the payment day chosen from the supply start day;
// updateSsd moves both.
func TestOctopusPrepareAccountKeepsTheSale(t *testing.T) {
	srv, c := octopus(t)
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	const prepare = `mutation($i: PrepareAccountInput!) { prepareAccount(input: $i) { accountNumber userId } }`
	sale := func(email string, edit func(map[string]any)) map[string]any {
		m := map[string]any{"brandCode": "OCTOPUS_ENERGY", "billingName": "Ada Lovelace",
			"billingAddress":  map[string]any{"line1": "97 Market Terrace", "line2": "London", "postalCode": "SE1 9SG"},
			"customerDetails": map[string]any{"givenName": "Ada", "familyName": "Lovelace", "email": email},
			"salesInfo":       map[string]any{"salesChannel": "PRICE_COMPARISON", "salesSubchannel": "uswitch", "urn": "URN-77"},
			"preferredSsd":    "2026-12-22", "chosenPaymentDay": 5, "dateOfSale": "2026-12-01"}
		if edit != nil {
			edit(m)
		}
		return map[string]any{"i": m}
	}
	for _, tc := range []struct{ name, day string }{
		{"today", "2026-12-02"},
		{"a Saturday", "2026-12-05"},
		{"Christmas Day", "2026-12-25"},
		{"past four weeks", "2027-01-15"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := org.Query(prepare, sale("refused@example.com", func(m map[string]any) { m["preferredSsd"] = tc.day }))
			if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-10316" {
				t.Errorf("preferredSsd %s: %+v, want refused", tc.day, out.Errors)
			}
		})
	}
	made := simtest.Get(mustQuery(t, org)(prepare, sale("ada@example.com", nil)), "prepareAccount").(map[string]any)
	number := made["accountNumber"].(string)
	ada := srv.ClientIn(t, c.Session)
	for _, m := range c.Messages() {
		if m.To == "ada@example.com" && m.Data["token"] != "" {
			mustQuery(t, ada)(`mutation($u: String!, $t: String!) { resetPassword(input: {userId: $u, token: $t, password: "lighthouse-9"}) { errors { field } } }`,
				map[string]any{"u": made["userId"], "t": m.Data["token"]})
		}
	}
	ada.SignIn("ada@example.com", "lighthouse-9")
	read := func() string {
		a := simtest.Get(mustQuery(t, ada)(`query($n: String!) { account(accountNumber: $n) { status currentEstimatedSsd earliestPossibleSsd latestPossibleSsd urn
			applications(first: 1) { edges { node { status salesChannel salesSubchannel dateOfSale coolingOffEndDate } } }
			paymentSchedules(first: 3) { edges { node { paymentDay validFrom scheduleType } } } } }`, map[string]any{"n": number}), "account")
		app := simtest.Get(a, "applications", "edges", 0, "node")
		return fmt.Sprint(simtest.Get(a, "status"), " ", simtest.Get(a, "currentEstimatedSsd"), " ", simtest.Get(a, "earliestPossibleSsd"), " ", simtest.Get(a, "latestPossibleSsd"), " ",
			simtest.Get(a, "urn"), " ", simtest.Get(app, "status"), " ", simtest.Get(app, "salesChannel"), " ", simtest.Get(app, "salesSubchannel"), " ",
			simtest.Get(app, "dateOfSale"), " ", simtest.Get(app, "coolingOffEndDate"), " ", simtest.Get(a, "paymentSchedules", "edges"))
	}
	if got, want := read(), "INCOMPLETE 2026-12-22 2026-12-03 2026-12-30 URN-77 CURRENT PRICE_COMPARISON uswitch 2026-12-01 2026-12-15 []"; got != want {
		t.Errorf("prepared:\n got %s\nwant %s", got, want)
	}
	ledger := simtest.Get(mustQuery(t, ada)(`query($n: String!) { account(accountNumber: $n) { ledgers { id } } }`, map[string]any{"n": number}), "account", "ledgers", 0, "id")
	mustQuery(t, ada)(`mutation($n: String!, $l: ID!) { setUpDirectDebitInstruction(input: {accountNumber: $n, ledgerId: $l, validFrom: "2026-12-02T09:00:00Z",
		bankDetails: {accountHolder: "Ada Lovelace", accountNumber: "12345678", bankCode: "040004"}}) { paymentInstruction { status } } }`,
		map[string]any{"n": number, "l": ledger})
	if got, want := read(), "INCOMPLETE 2026-12-22 2026-12-03 2026-12-30 URN-77 CURRENT PRICE_COMPARISON uswitch 2026-12-01 2026-12-15 [map[node:map[paymentDay:5 scheduleType:DIRECT_DEBIT validFrom:2026-12-22]]]"; got != want {
		t.Errorf("with a direct debit:\n got %s\nwant %s", got, want)
	}
	const ssd = `mutation($n: String!, $d: Date!) { updateSsd(input: {accountNumber: $n, desiredSsd: $d}) { ssdUpdated estimatedSsd } }`
	if got := graphqlCode(t, ada, ssd, map[string]any{"n": number, "d": "2026-12-26"}); got != "KT-GB-4101" {
		t.Errorf("updateSsd to Boxing Day: %q, want KT-GB-4101", got)
	}
	mustQuery(t, ada)(ssd, map[string]any{"n": number, "d": "2026-12-29"})
	if got, want := read(), "INCOMPLETE 2026-12-29 2026-12-03 2026-12-30 URN-77 CURRENT PRICE_COMPARISON uswitch 2026-12-01 2026-12-15 [map[node:map[paymentDay:5 scheduleType:DIRECT_DEBIT validFrom:2026-12-29]]]"; got != want {
		t.Errorf("moved to the 29th:\n got %s\nwant %s", got, want)
	}
}
