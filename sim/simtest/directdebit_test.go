package simtest_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestVariableDirectDebitCollectsWhatTheStatementLeaves switches the demo household
// from its fixed £110 (Origin: $240) on the 15th to a variable direct debit from 1
// February, in a session begun on 15 January, the fixed debit's collection day: the
// variable debit's first collection, of January's statement, is what each ledger owes
// once it is issued, the fixed debit of 15 January counted (nothing on a ledger in
// credit); once it is collected, a ledger that owed owes nothing and holds nothing.
func TestVariableDirectDebitCollectsWhatTheStatementLeaves(t *testing.T) {
	begun := time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, switchTo, collectedOn string
		client                      func(t *testing.T) *simtest.Client
		signIn                      func(c *simtest.Client)
	}{
		{
			name:        "embedded contract",
			switchTo:    `mutation { createDirectDebitPaymentSchedule(input: {accountNumber: "A-C90DC431", paymentDay: 20, validFrom: "2026-02-01"}) { paymentSchedule { isVariablePaymentAmount } } }`,
			collectedOn: "2026-02-20",
			client: func(t *testing.T) *simtest.Client {
				return simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) { cfg.ClockStart = begun })).Client(t)
			},
			signIn: func(c *simtest.Client) { c.SignIn("demo@krakensim.dev", "krakensim") },
		},
		{
			name:        "Origin",
			switchTo:    `mutation { switchAccountToVariablePaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", targetChangeDate: "2026-02-01"}) { schedule { id } } }`,
			collectedOn: "2026-02-16", // the 15th is a Sunday
			client: func(t *testing.T) *simtest.Client {
				_, c := layered(t, "origin-schema.graphql", nil, nil, func(cfg *sim.Config) { cfg.ClockStart = begun })
				return c
			},
			signIn: func(c *simtest.Client) {
				c.Token = ""
				out := c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil)
				c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.client(t)
			tc.signIn(c)
			query := mustQuery(t, c)
			query(tc.switchTo, nil)
			const read = `{ account(accountNumber: "A-C90DC431") { balance ledgers { balance }
				payments(first: 10) { edges { node { amount paymentDate status transactionType } } } } }`
			c.AdvanceClock(time.Date(2026, 2, 10, 12, 0, 0, 0, time.UTC).Sub(begun))
			tc.signIn(c)
			before := query(read, nil)
			var owed []float64
			held := 0.0
			for _, l := range simtest.Get(before, "account", "ledgers").([]any) {
				if b := simtest.Get(l, "balance").(float64); b < 0 {
					owed = append(owed, -b)
				} else {
					held += b
				}
			}
			var scheduled []float64
			for _, e := range simtest.Get(before, "account", "payments", "edges").([]any) {
				if n := simtest.Get(e, "node"); simtest.Get(n, "paymentDate") == tc.collectedOn && simtest.Get(n, "status") == "SCHEDULED" {
					scheduled = append(scheduled, simtest.Get(n, "amount").(float64))
				}
			}
			slices.Sort(owed)
			slices.Sort(scheduled)
			if fmt.Sprint(scheduled) != fmt.Sprint(owed) {
				t.Errorf("on 10 February, scheduled for %s: %v; the ledgers owe %v (balance %v)", tc.collectedOn, scheduled, owed, simtest.Get(before, "account", "balance"))
			}
			c.AdvanceClock(time.Date(2026, 2, 25, 12, 0, 0, 0, time.UTC).Sub(time.Date(2026, 2, 10, 12, 0, 0, 0, time.UTC)))
			tc.signIn(c)
			if got := simtest.Get(query(read, nil), "account", "balance"); got != held {
				t.Errorf("on 25 February the balance is %v, want %v: what the ledgers in credit held", got, held)
			}
		})
	}
}

// TestDirectDebitChangeSparesTheCollectionSubmitted raises the demo household's £110
// direct debit (on the 15th, electricity ledger) to £150 on three days: on the
// collection day itself, the Friday before Monday 16 February's (Sunday the 15th's),
// both within the three working days Bacs is sent a collection ahead, and ten days
// ahead of one. A collection already sent keeps £110 and the old schedule runs to it,
// the new one beginning the day after (on a new payment day, the month after); one ahead
// of the notice is £150.
func TestDirectDebitChangeSparesTheCollectionSubmitted(t *testing.T) {
	const (
		change   = `mutation($day: Int) { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentAmount: 15000, paymentDay: $day}) { schedule { validFrom } } }`
		accounts = `{ account(accountNumber: "A-C90DC431") { paymentSchedules(first: 5) { edges { node { id validTo } } }
			payments(first: 10) { edges { node { amount paymentDate status transactionType } } } } }`
	)
	for _, tc := range []struct {
		name              string
		day               int // the new payment day, 0 for the 15th
		at                time.Time
		from, oldTo       string // the new schedule's first day, the old one's last
		on                string // the collection at stake
		amount, afterward float64
	}{
		{"on the collection day", 0, time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC), "2026-01-16", "2026-01-15", "2026-01-15", 11000, 15000},
		{"the working day before", 0, time.Date(2026, 2, 13, 9, 0, 0, 0, time.UTC), "2026-02-16", "2026-02-15", "2026-02-16", 11000, 15000},
		{"ten days ahead", 0, time.Date(2026, 2, 5, 9, 0, 0, 0, time.UTC), "2026-02-05", "2026-02-04", "2026-02-16", 15000, 15000},
		{"to the 20th on the collection day", 20, time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC), "2026-02-01", "2026-01-31", "2026-01-15", 11000, 15000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) { cfg.ClockStart = tc.at })).Client(t)
			c.SignIn("demo@krakensim.dev", "krakensim")
			query := mustQuery(t, c)
			vars := map[string]any{}
			if tc.day > 0 {
				vars["day"] = tc.day
			}
			if got := simtest.Get(query(change, vars), "createAccountPaymentSchedule", "schedule", "validFrom"); got != tc.from {
				t.Errorf("the new schedule begins %v, want %s", got, tc.from)
			}
			collected := func(day string) []float64 {
				var out []float64
				for _, e := range simtest.Get(query(accounts, nil), "account", "payments", "edges").([]any) {
					if n := simtest.Get(e, "node"); simtest.Get(n, "paymentDate") == day && simtest.Get(n, "transactionType") == "DD_REGULAR_COLLECTION" {
						out = append(out, simtest.Get(n, "amount").(float64))
					}
				}
				return out
			}
			for _, e := range simtest.Get(query(accounts, nil), "account", "paymentSchedules", "edges").([]any) {
				if simtest.Get(e, "node", "id") == "81721" && simtest.Get(e, "node", "validTo") != tc.oldTo {
					t.Errorf("the old schedule ends %v, want %s", simtest.Get(e, "node", "validTo"), tc.oldTo)
				}
			}
			on, _ := time.Parse(time.DateOnly, tc.on)
			c.AdvanceClock(on.Add(33 * time.Hour).Sub(tc.at)) // the day after, when it has cleared
			c.SignIn("demo@krakensim.dev", "krakensim")
			if got := collected(tc.on); fmt.Sprint(got) != fmt.Sprint([]float64{tc.amount}) {
				t.Errorf("collected on %s: %v, want %v", tc.on, got, tc.amount)
			}
			next := on.AddDate(0, 1, 0)
			if tc.day > 0 {
				next = time.Date(next.Year(), next.Month(), tc.day, 0, 0, 0, 0, time.UTC)
			}
			if next.Weekday() == time.Sunday {
				next = next.AddDate(0, 0, 1)
			}
			c.AdvanceClock(next.Sub(on))
			c.SignIn("demo@krakensim.dev", "krakensim")
			if got := collected(next.Format(time.DateOnly)); fmt.Sprint(got) != fmt.Sprint([]float64{tc.afterward}) {
				t.Errorf("collected on %s: %v, want %v", next.Format(time.DateOnly), got, tc.afterward)
			}
		})
	}
}

// TestChangedPaymentDayCollectsOnceAMonth moves the demo household's £110 direct debit
// off the 15th: on Monday 18 January 2027, after the Friday's collection, to the 28th,
// which ten working days' notice (1 February) puts past January's 28th, so the new day
// first collects February's (Monday 1 March, the 28th a Sunday); and on 2 December 2026,
// booked from the 20th, which keeps its start but collects from January, December's
// collection on the 15th taken by the schedule it replaces. No month collects twice.
func TestChangedPaymentDayCollectsOnceAMonth(t *testing.T) {
	const payments = `{ account(accountNumber: "A-C90DC431") { payments(first: 20) { edges { node { amount paymentDate transactionType } } } } }`
	for _, tc := range []struct {
		name, change, path string // path: the mutation's field and its schedule's
		at, until          time.Time
		from               string         // the new schedule's first day
		want               map[string]int // collections by month, from the session's month to until
	}{
		{"to the 28th after the 15th", `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentDay: 28}) { schedule { validFrom } } }`,
			"createAccountPaymentSchedule.schedule", time.Date(2027, 1, 18, 9, 0, 0, 0, time.UTC), time.Date(2027, 3, 3, 12, 0, 0, 0, time.UTC),
			"2027-02-01", map[string]int{"2027-01": 1, "2027-02": 0, "2027-03": 1}},
		{"booked from the 20th", `mutation { updatePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: "81721", updatedParameters: {validFrom: "2026-12-20", paymentDay: 20, paymentAmount: 11000, scheduleType: DIRECT_DEBIT, paymentFrequency: Monthly}}) { paymentSchedule { validFrom } } }`,
			"updatePaymentSchedule.paymentSchedule", time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC), time.Date(2027, 1, 22, 12, 0, 0, 0, time.UTC),
			"2026-12-20", map[string]int{"2026-12": 1, "2027-01": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) { cfg.ClockStart = tc.at })).Client(t)
			c.SignIn("demo@krakensim.dev", "krakensim")
			field, schedule, _ := strings.Cut(tc.path, ".")
			if got := simtest.Get(mustQuery(t, c)(tc.change, nil), field, schedule, "validFrom"); got != tc.from {
				t.Errorf("the new schedule begins %v, want %s", got, tc.from)
			}
			c.AdvanceClock(tc.until.Sub(tc.at))
			c.SignIn("demo@krakensim.dev", "krakensim")
			got := map[string]int{}
			var days []string
			for _, e := range simtest.Get(mustQuery(t, c)(payments, nil), "account", "payments", "edges").([]any) {
				n := simtest.Get(e, "node")
				if d := simtest.Get(n, "paymentDate").(string); simtest.Get(n, "transactionType") == "DD_REGULAR_COLLECTION" && d >= tc.at.Format("2006-01") {
					got[d[:7]]++
					days = append(days, d)
				}
			}
			for month, want := range tc.want {
				if got[month] != want {
					t.Errorf("collections in %s: %d, want %d (all %v)", month, got[month], want, days)
				}
			}
		})
	}
}

// TestVariableDirectDebitChangeSparesTheCollectionSubmitted switches the demo household
// to a variable direct debit on Origin, then on Wednesday 13 January 2027, within three
// working days of its collection of December's statement on Friday the 15th, to a
// fixed £240 on the 15th: that collection, already sent to the bank, is taken as
// announced, and the fixed schedule begins the day after, first collecting in February.
func TestVariableDirectDebitChangeSparesTheCollectionSubmitted(t *testing.T) {
	const (
		variable = `mutation { switchAccountToVariablePaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C"}) { schedule { id } } }`
		fixed    = `mutation { createFixedPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", scheduleType: DIRECT_DEBIT, paymentDay: 15, paymentAmount: 24000}) { paymentSchedule { validFrom } } }`
		payments = `{ account(accountNumber: "A-C90DC431") { payments(first: 20) { edges { node { amount paymentDate status transactionType } } } } }`
	)
	start, at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC), time.Date(2027, 1, 13, 9, 0, 0, 0, time.UTC)
	_, c := tenant(t, "origin-schema.graphql")
	signIn := func() {
		c.Token = ""
		c.Token, _ = simtest.Get(mustQuery(t, c)(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
	}
	mustQuery(t, c)(variable, nil)
	c.AdvanceClock(at.Sub(start))
	signIn()
	collections := func(day string) []float64 {
		var out []float64
		for _, e := range simtest.Get(mustQuery(t, c)(payments, nil), "account", "payments", "edges").([]any) {
			if n := simtest.Get(e, "node"); simtest.Get(n, "transactionType") == "DD_REGULAR_COLLECTION" && simtest.Get(n, "paymentDate") == day {
				out = append(out, simtest.Get(n, "amount").(float64))
			}
		}
		slices.Sort(out)
		return out
	}
	announced := collections("2027-01-15")
	if len(announced) == 0 {
		t.Fatalf("on 13 January nothing is announced for the 15th")
	}
	if got := simtest.Get(mustQuery(t, c)(fixed, nil), "createFixedPaymentSchedule", "paymentSchedule", "validFrom"); got != "2027-01-16" {
		t.Errorf("the fixed schedule begins %v, want 2027-01-16", got)
	}
	c.AdvanceClock(time.Date(2027, 2, 17, 12, 0, 0, 0, time.UTC).Sub(at))
	signIn()
	if got := collections("2027-01-15"); fmt.Sprint(got) != fmt.Sprint(announced) {
		t.Errorf("collected on 15 January: %v, want the variable debit's %v", got, announced)
	}
	if got := collections("2027-02-15"); fmt.Sprint(got) != "[24000]" {
		t.Errorf("collected on 15 February: %v, want the fixed 24000", got)
	}
}

// TestDirectDebitScheduleNeedsAMandate: a pay-as-you-go account that pays by card has no
// direct debit instruction, so createDirectDebitPaymentSchedule refuses it (KT-GB-3931)
// and leaves its schedules as they were; the demo household, with a mandate, is given one.
func TestDirectDebitScheduleNeedsAMandate(t *testing.T) {
	srv := simtest.NewServer(t)
	payg := srv.Client(t)
	payg.SignIn("payg@krakensim.dev", "krakensim")
	const create = `mutation($a: String!, $l: String!) { createDirectDebitPaymentSchedule(input: {accountNumber: $a, ledgerNumber: $l, paymentDay: 12, paymentAmount: 1000}) { paymentSchedule { scheduleType } } }`
	const read = `{ account(accountNumber: "A-3C7D5E91") { paymentSchedules(first: 5) { edges { node { id scheduleType } } } } }`
	before := fmt.Sprint(simtest.Get(mustQuery(t, payg)(read, nil), "account", "paymentSchedules"))
	out := payg.Query(create, map[string]any{"a": "A-3C7D5E91", "l": "L-3C7D5E01"})
	if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-3931" || simtest.Get(out.Data, "createDirectDebitPaymentSchedule") != nil {
		t.Errorf("a direct debit schedule with no mandate: %+v %v, want KT-GB-3931", out.Errors, out.Data)
	}
	if after := fmt.Sprint(simtest.Get(mustQuery(t, payg)(read, nil), "account", "paymentSchedules")); after != before {
		t.Errorf("the refused schedule changed the account's: %s, was %s", after, before)
	}
	demo := srv.Client(t)
	demo.SignIn("demo@krakensim.dev", "krakensim")
	made := mustQuery(t, demo)(create, map[string]any{"a": "A-C90DC431", "l": "L-6B2F0A1C"})
	if got := simtest.Get(made, "createDirectDebitPaymentSchedule", "paymentSchedule", "scheduleType"); got != "DIRECT_DEBIT" {
		t.Errorf("the demo household's new schedule is %v, want DIRECT_DEBIT", got)
	}
}
