package world

import (
	"strings"
	"testing"
	"time"
)

// TestStateLifetime: the times the world makes up beside a state object fall in the
// Lifetime its map gives: a supply that lasts has no end date, one that ended ends then,
// and its start and last change lie within it.
func TestStateLifetime(t *testing.T) {
	const sdl = `type Query { meterPoint(id: ID!): MeterPointType }
type MeterPointType { id: ID! supplyStartDate: Date supplyEndDate: Date statusUpdatedAt: DateTime }
scalar Date
scalar DateTime`
	start := time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC)
	ended := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	lifetimes := map[string]Lifetime{"on": {Start: start}, "ended": {Start: start, End: ended}}
	w := newSDLWorld(t, sdl, Options{State: func(_ *Env, typ, field, value string) (map[string]any, bool) {
		lt, ok := lifetimes[value]
		return map[string]any{"id": value, LifetimeKey: lt}, ok && typ == "MeterPointType" && field == "id"
	}})
	for _, tc := range []struct {
		id         string
		start, end any
		last       time.Time
	}{
		{"on", "2020-04-01", nil, testNow},
		{"ended", "2020-04-01", "2024-06-01", ended},
	} {
		data := w.ask(`query($id: ID!) { meterPoint(id: $id) { supplyStartDate supplyEndDate statusUpdatedAt } }`, map[string]any{"id": tc.id})
		mp := data["meterPoint"].(map[string]any)
		if mp["supplyStartDate"] != tc.start || mp["supplyEndDate"] != tc.end {
			t.Errorf("%s: supply %v to %v, want %v to %v", tc.id, mp["supplyStartDate"], mp["supplyEndDate"], tc.start, tc.end)
		}
		at, err := time.Parse(time.RFC3339, mp["statusUpdatedAt"].(string))
		if err != nil || at.Before(start) || at.After(tc.last) {
			t.Errorf("%s: status updated at %v, outside %v to %v", tc.id, mp["statusUpdatedAt"], start, tc.last)
		}
	}
}

// TestAnnualStatementsAreYears: an annual statement spans a calendar year, one after
// another back from last year's, and a list of them under a state account stops at the
// year the account began.
func TestAnnualStatementsAreYears(t *testing.T) {
	const sdl = `type Query { account(number: String!): Account }
type Account { number: String! annualStatements(first: Int): [AnnualStatementType] bills(first: Int): [StatementType] }
type AnnualStatementType { periodStartsAt: DateTime! periodEndsAt: DateTime! }
type StatementType { fromDate: Date toDate: Date }
scalar Date
scalar DateTime`
	created := time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC)
	w := newSDLWorld(t, sdl, Options{State: func(_ *Env, typ, field, value string) (map[string]any, bool) {
		return map[string]any{"number": value, LifetimeKey: Lifetime{Start: created}}, value == "A-1"
	}})
	data := w.ask(`{ account(number: "A-1") { annualStatements(first: 12) { periodStartsAt periodEndsAt } bills(first: 3) { fromDate toDate } } }`, nil)
	acct := data["account"].(map[string]any)
	var got []string
	for _, s := range acct["annualStatements"].([]any) {
		s := s.(map[string]any)
		got = append(got, s["periodStartsAt"].(string)[:10]+" "+s["periodEndsAt"].(string)[:10])
	}
	// testNow is in December 2026: the last whole year is 2025; the account began in 2024.
	want := []string{"2025-01-01 2026-01-01", "2024-01-01 2025-01-01"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("annual statements %v, want %v", got, want)
	}
	bills := acct["bills"].([]any)
	if len(bills) == 0 {
		t.Fatal("no bills")
	}
	if b := bills[0].(map[string]any); b["fromDate"] != "2026-11-01" || b["toDate"] != "2026-11-30" {
		t.Errorf("the last bill runs %v to %v, want a month: 2026-11-01 to 2026-11-30", b["fromDate"], b["toDate"])
	}
}

// TestPeriodStart: a calendar period of one, three or twelve months starts on its
// month's, quarter's or year's first day.
func TestPeriodStart(t *testing.T) {
	at := time.Date(2026, 11, 17, 15, 0, 0, 0, time.UTC)
	for months, want := range map[int]string{1: "2026-11-01", 3: "2026-10-01", 12: "2026-01-01"} {
		if got := periodStart(at, months).Format(time.DateOnly); got != want {
			t.Errorf("periodStart(%d) = %s, want %s", months, got, want)
		}
	}
}

// TestActiveListsHoldWhatIsUnderWay: a list named for what is active holds what has
// begun and not ended (no expiry passed), as one named for what is current does.
func TestActiveListsHoldWhatIsUnderWay(t *testing.T) {
	s := newSessionOf(t, `type Query { activeCampaignOffers(accountNumber: String!): [Campaign] campaigns: [Campaign] }
type Campaign { slug: String startDate: Date expiryDate: Date }
scalar Date`, 0)
	today := testNow.Format(time.DateOnly)
	offers := s.do(`{ activeCampaignOffers(accountNumber: "A-1") { slug startDate expiryDate } }`, "activeCampaignOffers").([]any)
	if len(offers) == 0 {
		t.Fatal("no active offers to check")
	}
	for _, c := range offers {
		m := c.(map[string]any)
		if start, _ := m["startDate"].(string); start > today {
			t.Errorf("an active offer %v starts on %s, after today", m["slug"], start)
		}
		if end, ok := m["expiryDate"].(string); ok && end < today {
			t.Errorf("an active offer %v expired on %s", m["slug"], end)
		}
	}
}
