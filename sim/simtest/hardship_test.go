package simtest_test

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginHardshipAgreement puts the demo account in hardship on Origin from today,
// emailing its billing address, and ends it by update: refused as documented for
// another's account, days that end before they start, and days that meet the open
// agreement's; the account and its user are in hardship while it is in force.
func TestOriginHardshipAgreement(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const (
		create = `mutation($a: String!, $start: Date!, $end: Date) { createHardshipAgreement(input: {accountId: $a, hardshipType: REDUCED_INCOME, hardshipDetails: "Hours cut", startDate: $start, endDate: $end, sendComms: true}) {
			newHardshipAgreement { id hardshipType startDate endDate } } }`
		update = `mutation($id: ID!, $end: Date) { updateHardshipAgreement(input: {id: $id, endDate: $end, exitReason: CUSTOMER_REQUEST}) { updatedHardshipAgreement { id endDate exitReason } } }`
		read   = `{ viewer { isInHardship } account(accountNumber: "A-C90DC431") { isInHardship activeHardshipAgreements { id hardshipType } } }`
	)
	other := srv.ClientIn(t, c.Session)
	other.Token = simtest.Get(other.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		code   string
	}{
		{"another's account", other, map[string]any{"a": "A-C90DC431", "start": "2026-12-02"}, "KT-CT-12901"},
		{"an end before the start", c, map[string]any{"a": "A-C90DC431", "start": "2026-12-02", "end": "2026-12-01"}, "KT-CT-10950"},
	} {
		if out := tc.client.Query(create, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	if got := query(read, nil); simtest.Get(got, "account", "isInHardship") != false || simtest.Get(got, "viewer", "isInHardship") != false {
		t.Errorf("before: %v", got)
	}
	h := simtest.Get(query(create, map[string]any{"a": "A-C90DC431", "start": "2026-12-02"}), "createHardshipAgreement", "newHardshipAgreement")
	if simtest.Get(h, "hardshipType") != "REDUCED_INCOME" || simtest.Get(h, "endDate") != nil {
		t.Errorf("created %v", h)
	}
	got := query(read, nil)
	if simtest.Get(got, "account", "isInHardship") != true || simtest.Get(got, "viewer", "isInHardship") != true || simtest.Get(got, "account", "activeHardshipAgreements", 0, "id") != simtest.Get(h, "id") {
		t.Errorf("in hardship: %v", got)
	}
	if msgs := c.Messages(); len(msgs) != 1 || msgs[0].Data["hardshipAgreementId"] != simtest.Get(h, "id") {
		t.Errorf("emailed %+v", msgs)
	}
	if out := c.Query(create, map[string]any{"a": "A-C90DC431", "start": "2027-01-01"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-11612" {
		t.Errorf("overlapping the open one: %+v", out.Errors)
	}
	if out := c.Query(update, map[string]any{"id": "1", "end": "2026-12-31"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-11611" {
		t.Errorf("no such agreement: %+v", out.Errors)
	}
	ended := simtest.Get(query(update, map[string]any{"id": simtest.Get(h, "id"), "end": "2026-12-02"}), "updateHardshipAgreement", "updatedHardshipAgreement")
	if simtest.Get(ended, "endDate") != "2026-12-02" || simtest.Get(ended, "exitReason") != "CUSTOMER_REQUEST" {
		t.Errorf("ended %v", ended)
	}
	if out := c.Query(update, map[string]any{"id": simtest.Get(h, "id"), "end": "2026-11-30"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-10950" {
		t.Errorf("ending before it starts: %+v", out.Errors)
	}
	c.AdvanceClock(24 * time.Hour)
	c.Token = simtest.Get(query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
	if got := query(read, nil); simtest.Get(got, "account", "isInHardship") != false || len(simtest.Get(got, "account", "activeHardshipAgreements").([]any)) != 0 {
		t.Errorf("the day after it ended: %v", got)
	}
}
