package simtest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/simtest"
)

// vendorServer is the embedded contract's server, its clock frozen at 09:00 UTC on
// 2 December 2026, with a client signed in as the demo user.
func vendorServer(t *testing.T) (*simtest.Server, *simtest.Client) {
	srv := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) { cfg.ClockStart = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC) }))
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	return srv, c
}

func card(number string) url.Values {
	return url.Values{"cardNumber": {number}, "expMonth": {"12"}, "expYear": {"2028"}, "action": {"pay"}}
}

const hostedPayment = `mutation($n: String!, $l: String, $id: ID, $a: Int!) { initiateHostedStandalonePayment(input: {accountNumber: $n, ledgerNumber: $l, ledgerId: $id, amount: $a, description: "Top up", collectionMethod: CARD,
	returnUrlSuccess: "http://localhost:3000/paid", returnUrlFailure: "http://localhost:3000/failed", returnUrlCancel: "http://localhost:3000/cancelled", returnUrlExpired: "http://localhost:3000/expired"}) { payment { retrievalToken url } } }`

const demoLedger = `{ account(accountNumber: "A-C90DC431") { ledgers { number balance } payments(first: 1) { edges { node { id amount status paymentDate reference transactionType } } } transactions(first: 1) { edges { node { __typename amounts { net } postedDate } } } } }`

// TestHostedPaymentPostsToTheLedger pays on the vendor's hosted page: refused as
// documented for a ledger named twice or not at all, another's account and a ledger not
// the account's; a card number to correct keeps the page open, a declined card sends the
// customer to the failure URL and posts nothing, a card taken to the success URL and
// posts the payment to the ledger at once, once; a page left goes to the cancel URL and
// one left a day to the expired URL.
func TestHostedPaymentPostsToTheLedger(t *testing.T) {
	srv, c := vendorServer(t)
	for _, tc := range []struct {
		name string
		vars map[string]any
		code string
	}{
		{"both ledgers", map[string]any{"n": "A-C90DC431", "l": "L-6B2F0A1C", "id": "L-6B2F0A1C", "a": 2500}, "KT-CT-3958"},
		{"no ledger", map[string]any{"n": "A-C90DC431", "a": 2500}, "KT-CT-3958"},
		{"another's account", map[string]any{"n": "A-0F4A2B19", "l": "L-6B2F0A1C", "a": 2500}, "KT-CT-3822"},
		{"not the account's ledger", map[string]any{"n": "A-C90DC431", "l": "L-7B3E9D01", "a": 2500}, "KT-CT-3943"},
	} {
		if out := c.Query(hostedPayment, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	query := mustQuery(t, c)
	before := query(demoLedger, nil)
	balance := number(t, simtest.Get(before, "account", "ledgers", 0, "balance"))
	initiate := func() (token, page string) {
		t.Helper()
		p := simtest.Get(query(hostedPayment, map[string]any{"n": "A-C90DC431", "l": "L-6B2F0A1C", "a": 2500}), "initiateHostedStandalonePayment", "payment")
		token, _ = simtest.Get(p, "retrievalToken").(string)
		page, _ = simtest.Get(p, "url").(string)
		if token == "" || !strings.HasPrefix(page, srv.URL+"/__krakensim/checkout/") {
			t.Fatalf("initiated %v", p)
		}
		return token, page
	}

	_, page := initiate()
	resp, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "<h1>Pay £25.00</h1>") || !strings.Contains(string(body), "account A-C90DC431, ledger L-6B2F0A1C") {
		t.Errorf("the page: %d %s", resp.StatusCode, body)
	}
	if status, to := c.Pay(page, card("4242 4242 4242 4241")); status != http.StatusUnprocessableEntity || to != "" {
		t.Errorf("a mistyped number: %d %q", status, to)
	}
	if status, to := c.Pay(page, card("4000 0000 0000 0002")); status != http.StatusSeeOther || to != "http://localhost:3000/failed" {
		t.Errorf("a declined card: %d %q", status, to)
	}
	if status, to := c.Pay(page, card("4242 4242 4242 4242")); status != http.StatusSeeOther || to != "http://localhost:3000/failed" {
		t.Errorf("paid again once declined: %d %q", status, to)
	}
	if got := c.Checkouts()[0]; got.Status != sim.CheckoutFailed || got.Decline != "card_declined" || got.Result != "" {
		t.Errorf("the declined checkout: %+v", got)
	}
	if got := number(t, simtest.Get(query(demoLedger, nil), "account", "ledgers", 0, "balance")); got != balance {
		t.Errorf("balance %v after a declined card, was %v", got, balance)
	}

	_, page = initiate()
	if status, to := c.Pay(page, card("4242424242424242")); status != http.StatusSeeOther || to != "http://localhost:3000/paid" {
		t.Errorf("a card taken: %d %q", status, to)
	}
	c.Pay(page, card("4242424242424242"))
	after := query(demoLedger, nil)
	if got := number(t, simtest.Get(after, "account", "ledgers", 0, "balance")); got != balance+2500 {
		t.Errorf("balance %v once paid, was %v", got, balance)
	}
	p := simtest.Get(after, "account", "payments", "edges", 0, "node")
	if simtest.Get(p, "id") != c.Checkouts()[0].Result || number(t, simtest.Get(p, "amount")) != 2500 || simtest.Get(p, "status") != "CLEARED" ||
		simtest.Get(p, "paymentDate") != "2026-12-02" || simtest.Get(p, "reference") != "Top up" || simtest.Get(p, "transactionType") != "DEBIT_CARD" {
		t.Errorf("the payment: %v (checkout %+v)", p, c.Checkouts()[0])
	}
	if tx := simtest.Get(after, "account", "transactions", "edges", 0, "node"); simtest.Get(tx, "__typename") != "Payment" || number(t, simtest.Get(tx, "amounts", "net")) != 2500 {
		t.Errorf("the latest transaction: %v", tx)
	}
	paid := c.Requests(journal.Filter{Path: "/__krakensim/checkout/*", Status: http.StatusSeeOther})
	if len(paid) != 4 || fmt.Sprint(paid[0].RequestBody()) != "map[action:pay card:…4242]" || paid[0].Method != http.MethodPost {
		t.Errorf("the journal's payments on the page: %d, the last %v", len(paid), paid[0].RequestBody())
	}
	for _, e := range c.Requests(journal.Filter{Path: "/__krakensim/checkout/*"}) {
		if b, _ := json.Marshal(e); strings.Contains(string(b), "4242424242424242") || strings.Contains(string(b), "4242 4242 4242 4242") {
			t.Errorf("the journal keeps a card number: %s", b)
		}
	}

	_, page = initiate()
	if status, to := c.Pay(page, url.Values{"action": {"cancel"}}); status != http.StatusSeeOther || to != "http://localhost:3000/cancelled" {
		t.Errorf("cancelled: %d %q", status, to)
	}
	_, page = initiate()
	c.AdvanceClock(25 * time.Hour)
	if status, to := c.Pay(page, card("4242424242424242")); status != http.StatusSeeOther || to != "http://localhost:3000/expired" {
		t.Errorf("a day on: %d %q", status, to)
	}
	statuses := []string{}
	for _, k := range c.Checkouts() {
		statuses = append(statuses, k.Status)
	}
	if got := strings.Join(statuses, " "); got != "EXPIRED CANCELLED SUCCEEDED FAILED" {
		t.Errorf("the checkouts, newest first: %s", got)
	}
}

// TestCheckoutLinksAreChecked: a page's link cut short or for another session's
// checkout is not found, and one whose session was reset is gone.
func TestCheckoutLinksAreChecked(t *testing.T) {
	srv, c := vendorServer(t)
	page, _ := simtest.Get(mustQuery(t, c)(hostedPayment, map[string]any{"n": "A-C90DC431", "l": "L-6B2F0A1C", "a": 100}), "initiateHostedStandalonePayment", "payment", "url").(string)
	token := strings.TrimPrefix(page, srv.URL+"/__krakensim/checkout/")
	i := strings.LastIndexByte(token, '.')
	for name, tc := range map[string]struct {
		path   string
		status int
	}{
		"cut short":       {token[:len(token)-3], 404},
		"another session": {"b3RoZXI" + token[strings.IndexByte(token, '.'):], 404},
		"no signature":    {token[:i], 404},
	} {
		if status, _ := c.Pay(srv.URL+"/__krakensim/checkout/"+tc.path, card("4242424242424242")); status != tc.status {
			t.Errorf("%s: %d, want %d", name, status, tc.status)
		}
	}
	if err := srv.Sim.ResetSession(c.Session); err != nil {
		t.Fatal(err)
	}
	if status, _ := c.Pay(page, card("4242424242424242")); status != http.StatusGone {
		t.Errorf("after a reset: %d, want 410", status)
	}
}

// TestEmbeddedCardIsStored sets a card up through an embedded form: the secret is the
// vendor's set-up intent's; once the form completes it, storePaymentInstruction stores
// the card with its network, last digits and expiry, for this account and no other's.
func TestEmbeddedCardIsStored(t *testing.T) {
	srv, c := vendorServer(t)
	query := mustQuery(t, c)
	secret, _ := simtest.Get(query(`mutation { getEmbeddedSecretForNewPaymentInstruction(input: {accountNumber: "A-C90DC431", instructionType: CARD}) { secretKey } }`, nil),
		"getEmbeddedSecretForNewPaymentInstruction", "secretKey").(string)
	if !strings.HasPrefix(secret, "seti_") || !strings.Contains(secret, "_secret_") {
		t.Fatalf("secret %q", secret)
	}
	form := url.Values{"cardNumber": {"5555 5555 5555 4444"}, "expMonth": {"3"}, "expYear": {"29"}}
	if status, to := c.Pay(secret, form); status != http.StatusOK || to != "" {
		t.Errorf("completed: %d %q", status, to)
	}
	ref := c.Checkouts()[0].Result
	if !strings.HasPrefix(ref, "pm_") {
		t.Fatalf("the payment method's reference %q", ref)
	}
	const store = `mutation($n: String!, $r: String!) { storePaymentInstruction(input: {accountNumber: $n, instructionType: CARD, validFrom: "2026-12-02T09:00:00Z", vendorReference: $r}) { paymentInstruction { status vendor cardPaymentNetwork cardExpiryMonth cardExpiryYear maskedAccountIdentifier } } }`
	pi := simtest.Get(query(store, map[string]any{"n": "A-C90DC431", "r": ref}), "storePaymentInstruction", "paymentInstruction")
	if simtest.Get(pi, "cardPaymentNetwork") != "MASTERCARD" || simtest.Get(pi, "maskedAccountIdentifier") != "****4444" ||
		number(t, simtest.Get(pi, "cardExpiryMonth")) != 3 || number(t, simtest.Get(pi, "cardExpiryYear")) != 2029 || simtest.Get(pi, "vendor") != "STRIPE" {
		t.Errorf("stored %v", pi)
	}
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	if out := other.Query(store, map[string]any{"n": "A-0F4A2B19", "r": ref}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-4177" {
		t.Errorf("another's account storing it: %+v", out.Errors)
	}
}

// TestHostedDirectDebitReplacesTheMandate sets a direct debit up on the vendor's page:
// the bank details are checked, and the mandate set up replaces the ledger's active one.
func TestHostedDirectDebitReplacesTheMandate(t *testing.T) {
	_, c := vendorServer(t)
	query := mustQuery(t, c)
	page, _ := simtest.Get(query(`mutation { getHostedUrlForNewPaymentInstruction(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", instructionType: DIRECT_DEBIT, returnUrlSuccess: "https://app.example/dd-done"}) { url } }`, nil),
		"getHostedUrlForNewPaymentInstruction", "url").(string)
	bank := url.Values{"accountHolder": {"Robin Demo"}, "sortCode": {"04-00-0"}, "bankAccount": {"12345678"}}
	if status, _ := c.Pay(page, bank); status != http.StatusUnprocessableEntity {
		t.Errorf("a sort code of five digits: %d", status)
	}
	bank.Set("sortCode", "20-00-00")
	if status, to := c.Pay(page, bank); status != http.StatusSeeOther || to != "https://app.example/dd-done" {
		t.Errorf("set up: %d %q", status, to)
	}
	out := query(`{ account(accountNumber: "A-C90DC431") { directDebitInstructions { edges { node { status sortCode accountHolder maskedAccountIdentifier } } } } }`, nil)
	var active []string
	for _, e := range simtest.Get(out, "account", "directDebitInstructions", "edges").([]any) {
		n := simtest.Get(e, "node")
		if simtest.Get(n, "status") == "ACTIVE" {
			active = append(active, simtest.Get(n, "sortCode").(string)+" "+simtest.Get(n, "maskedAccountIdentifier").(string)+" "+simtest.Get(n, "accountHolder").(string))
		}
	}
	if len(active) != 1 || active[0] != "20-00-00 ****5678 Robin Demo" {
		t.Errorf("active mandates %q", active)
	}
}

// TestEmbeddedPaymentIsCollected initiates a payment for an embedded form: its secret
// is the vendor's payment intent's, and completing it posts it; the amount must be
// positive.
func TestEmbeddedPaymentIsCollected(t *testing.T) {
	_, c := vendorServer(t)
	const initiate = `mutation($a: Int!) { initiateStandalonePayment(input: {accountNumber: "A-C90DC431", amount: $a, description: "Arrears", ledgerId: "L-6B2F0A1C"}) { payment { retrievalToken secretToken } } }`
	if out := c.Query(initiate, map[string]any{"a": 0}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3943" {
		t.Errorf("nothing to pay: %+v", out.Errors)
	}
	query := mustQuery(t, c)
	balance := number(t, simtest.Get(query(demoLedger, nil), "account", "ledgers", 0, "balance"))
	p := simtest.Get(query(initiate, map[string]any{"a": 1234}), "initiateStandalonePayment", "payment")
	token, _ := simtest.Get(p, "retrievalToken").(string)
	if s, _ := simtest.Get(p, "secretToken").(string); !strings.HasPrefix(s, "pi_") || !strings.Contains(s, "_secret_") {
		t.Errorf("secret %q", s)
	}
	if status, _ := c.Pay(token, card("4000 0566 5566 5556")); status != http.StatusOK {
		t.Errorf("paid: %d", status)
	}
	if got := number(t, simtest.Get(query(demoLedger, nil), "account", "ledgers", 0, "balance")); got != balance+1234 {
		t.Errorf("balance %v once paid, was %v", got, balance)
	}
}

// TestOriginCompleteStandalonePayment completes an embedded payment with the vendor's
// token on Origin: cleared, the same again with its idempotency key; a declined card's
// token and a payment not the ledger's are refused as documented.
func TestOriginCompleteStandalonePayment(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	ledger, _ := simtest.Get(query(`{ account(accountNumber: "A-C90DC431") { ledgers { number } } }`, nil), "account", "ledgers", 0, "number").(string)
	const initiate = `mutation { initiateStandalonePayment(input: {accountNumber: "A-C90DC431", amount: 5000, description: "Bill"}) { payment { retrievalToken } } }`
	const complete = `mutation($l: String!, $r: String!, $t: String!, $k: String!) { completeStandalonePayment(input: {accountNumber: "A-C90DC431", ledgerNumber: $l, retrievalToken: $r, completionToken: $t, idempotencyKey: $k}) { payment { status } } }`
	token := simtest.Get(query(initiate, nil), "initiateStandalonePayment", "payment", "retrievalToken")
	for _, tc := range []struct {
		name  string
		token any
		code  string
	}{
		{"unknown payment", "no-such-payment", "KT-CT-3974"},
		{"declined", token, "KT-CT-3975"},
	} {
		out := c.Query(complete, map[string]any{"l": ledger, "r": tc.token, "t": "pm_card_chargeDeclined", "k": tc.name})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	token = simtest.Get(query(initiate, nil), "initiateStandalonePayment", "payment", "retrievalToken")
	for range 2 {
		if got := simtest.Get(query(complete, map[string]any{"l": ledger, "r": token, "t": "pm_card_visa", "k": "bill-1"}), "completeStandalonePayment", "payment", "status"); got != "CLEARED" {
			t.Errorf("completed: %v", got)
		}
	}
	paid := 0
	for _, e := range simtest.Get(query(`{ account(accountNumber: "A-C90DC431") { payments(first: 5) { edges { node { amount reference status } } } } }`, nil), "account", "payments", "edges").([]any) {
		if n := simtest.Get(e, "node"); simtest.Get(n, "reference") == "Bill" && simtest.Get(n, "status") == "CLEARED" {
			paid++
		}
	}
	if paid != 1 {
		t.Errorf("%d payments of the bill, want 1", paid)
	}
}
