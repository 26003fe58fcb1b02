package simtest_test

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// signInWith gives c the token obtainKrakenToken answers for input.
func signInWith(t *testing.T, c *simtest.Client, input map[string]any) {
	t.Helper()
	out := c.Query(`mutation($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }`, map[string]any{"input": input})
	tok, _ := simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
	if tok == "" {
		t.Fatalf("sign-in with %v: %+v", input, out.Errors)
	}
	c.Token = tok
}

// TestPaymentScheduleIDsRiseWithTime: the world's payment schedules are numbered in the
// order they began, across every account, as Kraken's sequence hands them out (so the
// highest id of an account is its current schedule); a schedule made at run time is
// numbered above all of them.
func TestPaymentScheduleIDsRiseWithTime(t *testing.T) {
	holders := []struct{ account, email, key string }{
		{"A-C90DC431", "demo@krakensim.dev", "sk_live_krakensimdemo3235447"},
		{"A-7B3E9D12", "demo@krakensim.dev", "sk_live_krakensimdemo3235447"},
		{"A-0F4A2B19", "other@krakensim.dev", "sk_live_krakensimother3235449"},
		{"A-B1A2C3D4", "business@krakensim.dev", "sk_live_krakensimbusiness3235450"},
		{"A-5E3C1B77", "heatpump@krakensim.dev", "sk_live_krakensimheatpump3235452"},
		{"A-6D4F2E88", "solar@krakensim.dev", "sk_live_krakensimsolar3235454"},
	}
	for _, file := range []string{"octopus-schema.graphql", "origin-schema.graphql"} {
		t.Run(file, func(t *testing.T) {
			c := simtest.NewServer(t).Client(t)
			if file == "origin-schema.graphql" {
				_, c = tenant(t, file)
			}
			type schedule struct {
				id   int
				from string
			}
			var all []schedule
			for _, h := range holders {
				if file == "origin-schema.graphql" {
					signInWith(t, c, map[string]any{"APIKey": h.key})
				} else {
					c.SignIn(h.email, "krakensim")
				}
				edges := simtest.Get(mustQuery(t, c)(`query($a: String!) { account(accountNumber: $a) { paymentSchedules(first: 20) { edges { node { id validFrom } } } } }`,
					map[string]any{"a": h.account}), "account", "paymentSchedules", "edges").([]any)
				latest := schedule{}
				for _, e := range edges {
					id := simtest.Get(e, "node", "id").(string)
					if strings.Contains(id, "R") { // a review billing made of the schedule id names
						continue
					}
					n, err := strconv.Atoi(id)
					if err != nil {
						t.Fatalf("%s: schedule id %q is not a number", h.account, id)
					}
					s := schedule{n, simtest.Get(e, "node", "validFrom").(string)}
					all = append(all, s)
					if s.from > latest.from {
						latest = s
					}
				}
				if len(edges) == 0 {
					t.Fatalf("%s lists no payment schedule", h.account)
				}
				for _, s := range all[len(all)-len(edges):] {
					if s.id > latest.id {
						t.Errorf("%s: schedule %d (from %s) has a higher id than the current %d (from %s)", h.account, s.id, s.from, latest.id, latest.from)
					}
				}
			}
			slices.SortFunc(all, func(x, y schedule) int { return cmp.Or(strings.Compare(x.from, y.from), x.id-y.id) })
			for i := 1; i < len(all); i++ {
				if all[i].id < all[i-1].id {
					t.Errorf("schedule %d begins %s, after %d (%s), yet has a lower id", all[i].id, all[i].from, all[i-1].id, all[i-1].from)
				}
			}
			highest := slices.MaxFunc(all, func(x, y schedule) int { return x.id - y.id }).id
			if file == "origin-schema.graphql" {
				signInWith(t, c, map[string]any{"APIKey": "sk_live_krakensimdemo3235447"})
			} else {
				c.SignIn("demo@krakensim.dev", "krakensim")
			}
			payload := "paymentSchedule { id }"
			if file == "origin-schema.graphql" {
				payload = "schedule { id }"
			}
			up := mustQuery(t, c)(`mutation { updatePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: "81721",
				updatedParameters: {validFrom: "2026-12-20", scheduleType: DIRECT_DEBIT, paymentAmount: 9000, paymentDay: 20}}) { `+payload+` } }`, nil)
			made := fmt.Sprint(simtest.Get(up, "updatePaymentSchedule", strings.Fields(payload)[0], "id"))
			if n, err := strconv.Atoi(made); err != nil || n <= highest {
				t.Errorf("a schedule made now has id %s, want one above the world's %d", made, highest)
			}
		})
	}
}

// TestTransactionIDsAreTheWorlds: credits and charges posted in one session, on two of
// the demo user's accounts and on another user's, and a transaction imported after
// them, are numbered from one sequence: no two share an id, each is above the last and
// above the fixtures' own, and each account lists its own under the id it was given.
func TestTransactionIDsAreTheWorlds(t *testing.T) {
	srv, demo := octopus(t)
	sam := srv.ClientIn(t, demo.Session)
	sam.SignIn("other@krakensim.dev", "krakensim")
	const credit = `mutation($a: String!, $l: ID!) { postCredit(input: {accountNumber: $a, netAmount: 1000, taxAmount: 50, reason: "GENERAL_CREDIT", ledgerId: $l, displayNote: "Sorry"}) { credit { id } } }`
	const charge = `mutation($a: String!) { createAccountCharge(input: {accountNumber: $a, grossAmount: 2100, reason: "VOUCHER_PURCHASE", displayNote: "Voucher"}) { accountCharge { id } } }`
	posts := []struct {
		c       *simtest.Client
		query   string
		account string
		ledger  string
		path    []any
	}{
		{demo, credit, "A-C90DC431", "6100001", []any{"postCredit", "credit", "id"}},
		{demo, credit, "A-7B3E9D12", "6100003", []any{"postCredit", "credit", "id"}},
		{sam, credit, "A-0F4A2B19", "6100004", []any{"postCredit", "credit", "id"}},
		{demo, charge, "A-7B3E9D12", "", []any{"createAccountCharge", "accountCharge", "id"}},
		{sam, charge, "A-0F4A2B19", "", []any{"createAccountCharge", "accountCharge", "id"}},
	}
	last := 1 // the fixtures' transaction 1 on A-C90DC431
	made := map[string][]string{}
	for _, p := range posts {
		vars := map[string]any{"a": p.account}
		if p.ledger != "" {
			vars["l"] = p.ledger
		}
		id := fmt.Sprint(simtest.Get(mustQuery(t, p.c)(p.query, vars), p.path...))
		n, err := strconv.Atoi(id)
		if err != nil || n <= last {
			t.Errorf("%s on %s: id %s, want a number above %d", p.path[0], p.account, id, last)
		}
		last = max(last, n)
		made[p.account] = append(made[p.account], id)
	}
	importer := srv.ClientIn(t, demo.Session)
	importer.Header = http.Header{"Authorization": {"Token krakensim-import-key"}}
	if code, body := importer.Do("POST", "/v1/data-import/transactions/create/", []byte(`{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-5678",
		"transactions": [{"type": "CREDIT", "transaction_id": "2", "amount": "1.00", "reason": "GOODWILL", "transaction_date": "2026-12-02"}]}`)); code != 201 {
		t.Fatalf("importing a transaction: %d %s", code, body)
	}
	for account, ids := range made {
		c := demo
		if account == "A-0F4A2B19" {
			c = sam
		}
		edges := simtest.Get(mustQuery(t, c)(`query($a: String!) { account(accountNumber: $a) { transactions(first: 20) { edges { node { id } } } } }`,
			map[string]any{"a": account}), "account", "transactions", "edges").([]any)
		listed := map[string]bool{}
		for _, e := range edges {
			listed[fmt.Sprint(simtest.Get(e, "node", "id"))] = true
		}
		for _, id := range ids {
			if !listed[id] {
				t.Errorf("%s does not list its transaction %s", account, id)
			}
			delete(listed, id)
		}
		if account != "A-0F4A2B19" {
			continue
		}
		var imported []string
		for id := range listed {
			if n, err := strconv.Atoi(id); err == nil && n > last {
				imported = append(imported, id)
			}
		}
		if want := []string{strconv.Itoa(last + 1)}; !slices.Equal(imported, want) {
			t.Errorf("the imported transaction's id: %v, want %v", imported, want)
		}
	}
}

// TestStatementIDsStayOnceShown: a statement imported through the data-import API, even
// under a statement_id a bill already has, is numbered above every bill shown, the open
// one's included; no bill shown changes its id, then or once the clock has moved on and
// the open statement has closed, and the months billed after number on past the import.
func TestStatementIDsStayOnceShown(t *testing.T) {
	srv, demo := octopus(t)
	const list = `{ account(accountNumber: "A-C90DC431") { bills(first: 100, includeOpenStatements: true) { edges { node { id fromDate } } } } }`
	shown := func() map[string]string {
		t.Helper()
		byMonth := map[string]string{}
		seen := map[string]bool{}
		for _, e := range simtest.Get(mustQuery(t, demo)(list, nil), "account", "bills", "edges").([]any) {
			id, from := simtest.Get(e, "node", "id").(string), simtest.Get(e, "node", "fromDate").(string)
			if seen[id] {
				t.Errorf("two bills have id %s", id)
			}
			seen[id], byMonth[from] = true, id
		}
		return byMonth
	}
	before := shown()
	open, _ := strconv.Atoi(before["2026-12-01"])
	if open == 0 {
		t.Fatalf("no open statement from 2026-12-01: %v", before)
	}
	importer := srv.ClientIn(t, demo.Session)
	importer.Header = http.Header{"Authorization": {"Token krakensim-import-key"}}
	if code, body := importer.Do("POST", "/v1/data-import/historical-statements/create/", []byte(`{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234",
		"statements": [{"statement_id": "`+before["2026-11-01"]+`", "bill_period_from_date": "2019-06-01", "bill_period_to_date": "2019-06-30", "issued_date": "2019-07-02", "statement_path": "statements/june-2019.pdf"}]}`)); code != 201 {
		t.Fatalf("importing a statement: %d %s", code, body)
	}
	after := shown()
	if got, want := after["2019-06-01"], strconv.Itoa(open+1); got != want {
		t.Errorf("the imported statement's id %q, want %s, above the open statement's %d", got, want, open)
	}
	for month, id := range before {
		if after[month] != id {
			t.Errorf("after the import the bill from %s is %s, was %s", month, after[month], id)
		}
	}
	setClock(t, demo, "2027-02-10T09:00:00Z")
	demo.SignIn("demo@krakensim.dev", "krakensim")
	later := shown()
	for month, id := range after {
		if later[month] != id {
			t.Errorf("two months on the bill from %s is %s, was %s", month, later[month], id)
		}
	}
	if got, want := later["2027-01-01"], strconv.Itoa(open+2); got != want {
		t.Errorf("January 2027's statement is %s, want %s, after the import's", got, want)
	}
}

// TestScheduledCollectionIDsAreAmendable: a payment schedule's direct debits have ids
// amendPayment's paymentId (an Int) takes, each above the month's before; a collection
// keeps its id in another session read on another day and after other accounts, and
// today's, still pending, is amended by it and cleared at its new amount and date.
func TestScheduledCollectionIDsAreAmendable(t *testing.T) {
	srv, demo := octopus(t)
	collections := func(c *simtest.Client) map[string]string {
		t.Helper()
		byDate := map[string]string{}
		last := 0
		edges := simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { payments(first: 100) { edges { node { id paymentDate transactionType } } } } }`, nil),
			"account", "payments", "edges").([]any)
		for i := len(edges) - 1; i >= 0; i-- { // oldest first
			id, date := fmt.Sprint(simtest.Get(edges[i], "node", "id")), simtest.Get(edges[i], "node", "paymentDate").(string)
			if strings.HasPrefix(id, "55010") || simtest.Get(edges[i], "node", "transactionType") != "DD_REGULAR_COLLECTION" {
				continue // the fixtures' own payments
			}
			n, err := strconv.ParseInt(id, 10, 64)
			if err != nil || n > 1<<31-1 || n <= int64(last) {
				t.Errorf("the collection of %s has id %s, want an Int above the one before (%d)", date, id, last)
			}
			last, byDate[date] = int(n), id
		}
		return byDate
	}
	setClock(t, demo, "2027-09-15T09:00:00Z")
	demo.SignIn("demo@krakensim.dev", "krakensim")
	shown := collections(demo)
	id := shown["2027-09-15"]
	if id == "" || shown["2027-08-16"] == "" {
		t.Fatalf("no collections on 15 September and 16 August 2027: %v", shown)
	}
	other := srv.Client(t)
	setClock(t, other, "2027-10-20T09:00:00Z")
	other.SignIn("demo@krakensim.dev", "krakensim")
	mustQuery(t, other)(`{ account(accountNumber: "A-7B3E9D12") { payments(first: 5) { edges { node { id } } } } }`, nil)
	for date, want := range collections(other) {
		if was, ok := shown[date]; ok && was != want {
			t.Errorf("the collection of %s is %s in a session a month on, %s before", date, want, was)
		}
	}
	n, _ := strconv.Atoi(id)
	amended := mustQuery(t, demo)(`mutation($id: Int!) { amendPayment(input: {accountNumber: "A-C90DC431", paymentId: $id, amount: 9000, paymentDate: "2027-09-20"}) { payment { id amount paymentDate status } } }`,
		map[string]any{"id": n})
	p := simtest.Get(amended, "amendPayment", "payment")
	if got := fmt.Sprintf("%v %v %v %v", simtest.Get(p, "id"), simtest.Get(p, "amount"), simtest.Get(p, "paymentDate"), simtest.Get(p, "status")); got != id+" 9000 2027-09-20 SCHEDULED" {
		t.Errorf("amendPayment answers %s, want %s 9000 2027-09-20 SCHEDULED", got, id)
	}
	setClock(t, demo, "2027-09-22T09:00:00Z")
	demo.SignIn("demo@krakensim.dev", "krakensim")
	var found []string
	for _, e := range simtest.Get(mustQuery(t, demo)(`{ account(accountNumber: "A-C90DC431") { payments(first: 10) { edges { node { id amount paymentDate status } } } } }`, nil), "account", "payments", "edges").([]any) {
		if node := e.(map[string]any)["node"].(map[string]any); fmt.Sprint(node["id"]) == id || node["paymentDate"] == "2027-09-15" {
			found = append(found, fmt.Sprint(node["id"], " ", node["amount"], " ", node["paymentDate"], " ", node["status"]))
		}
	}
	if want := []string{id + " 9000 2027-09-20 CLEARED"}; !slices.Equal(found, want) {
		t.Errorf("after the amendment the payments list %v, want %v", found, want)
	}
}
