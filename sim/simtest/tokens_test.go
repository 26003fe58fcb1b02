package simtest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// signInAs returns a client of c's session signed in with an obtainKrakenToken input.
func signInAs(t *testing.T, srv *simtest.Server, c *simtest.Client, input string) (*simtest.Client, string) {
	t.Helper()
	o := srv.ClientIn(t, c.Session)
	out := o.Query(`mutation { obtainKrakenToken(input: `+input+`) { token refreshToken } }`, nil)
	o.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
	rt, _ := simtest.Get(out.Data, "obtainKrakenToken", "refreshToken").(string)
	if o.Token == "" || rt == "" {
		t.Fatalf("signing in with %s: %+v", input, out.Errors)
	}
	return o, rt
}

const refresh = `mutation($r: String!) { obtainKrakenToken(input: {refreshToken: $r}) { token } }`

// TestOctopusRefreshTokensAreInvalidated signs out on Octopus: a refresh token
// invalidated, by its holder only, no longer refreshes; all of a user's go at once,
// by the user or an organisation; another's are refused as documented.
func TestOctopusRefreshTokensAreInvalidated(t *testing.T) {
	srv, c := octopus(t)
	demo, rt1 := signInAs(t, srv, c, `{email: "demo@krakensim.dev", password: "krakensim"}`)
	_, rt2 := signInAs(t, srv, c, `{APIKey: "sk_live_krakensimdemo3235447"}`)
	other, otherRT := signInAs(t, srv, c, `{email: "other@krakensim.dev", password: "krakensim"}`)
	const invalidate = `mutation($r: String!) { invalidateRefreshToken(input: {refreshToken: $r}) { token { key isValid expiryDt } } }`
	if out := other.Query(invalidate, map[string]any{"r": rt1}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1130" {
		t.Errorf("another's token: %+v", out.Errors)
	}
	got := simtest.Get(mustQuery(t, demo)(invalidate, map[string]any{"r": rt1}), "invalidateRefreshToken", "token")
	if simtest.Get(got, "key") != rt1 || simtest.Get(got, "isValid") != false || simtest.Get(got, "expiryDt") != "2026-12-09T09:00:00+00:00" {
		t.Errorf("invalidated %v", got)
	}
	if out := demo.Query(refresh, map[string]any{"r": rt1}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1135" {
		t.Errorf("refreshing once invalidated: %+v", out.Errors)
	}
	if out := demo.Query(refresh, map[string]any{"r": rt2}); len(out.Errors) != 0 {
		t.Errorf("the user's other token: %+v", out.Errors)
	}
	const forUser = `mutation($e: String!) { invalidateRefreshTokensForUser(input: {email: $e}) { tokens { key isValid } } }`
	if out := demo.Query(forUser, map[string]any{"e": "other@krakensim.dev"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1128" {
		t.Errorf("another user's tokens: %+v", out.Errors)
	}
	tokens := simtest.Get(mustQuery(t, demo)(forUser, map[string]any{"e": "demo@krakensim.dev"}), "invalidateRefreshTokensForUser", "tokens").([]any)
	// The demo client signed in too: its token and rt2 go, rt1 went already.
	if len(tokens) != 2 || simtest.Get(tokens[1], "key") != rt2 || simtest.Get(tokens[0], "key") == rt1 {
		t.Errorf("the user's tokens %v", tokens)
	}
	if out := demo.Query(refresh, map[string]any{"r": rt2}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1135" {
		t.Errorf("refreshing once the user's went: %+v", out.Errors)
	}
	if out := other.Query(refresh, map[string]any{"r": otherRT}); len(out.Errors) != 0 {
		t.Errorf("another user's token after: %+v", out.Errors)
	}
}

// TestOctopusOrganisationTokens: an organisation gets a year's refresh token for a user
// whose access token it holds, and pre-signed keys that sign the user in until their days
// run out and until withdrawn; a user asking for either is refused as documented.
func TestOctopusOrganisationTokens(t *testing.T) {
	srv, c := octopus(t)
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	const longLived = `mutation($k: String!) { obtainLongLivedRefreshToken(input: {krakenToken: $k}) { refreshToken refreshExpiresIn } }`
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		token  string
		code   string
	}{
		{"a user asking", c, c.Token, "KT-CT-1132"},
		{"no Kraken token", org, "not-a-token", "KT-CT-1121"},
		{"an organisation's token", org, org.Token, "KT-CT-1122"},
	} {
		if out := tc.client.Query(longLived, map[string]any{"k": tc.token}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	got := simtest.Get(mustQuery(t, org)(longLived, map[string]any{"k": c.Token}), "obtainLongLivedRefreshToken")
	rt, _ := simtest.Get(got, "refreshToken").(string)
	if exp := number(t, simtest.Get(got, "refreshExpiresIn")); rt == "" || int64(exp) != time.Date(2027, 12, 2, 9, 0, 0, 0, time.UTC).Unix() {
		t.Errorf("long-lived %v", got)
	}
	c.AdvanceClock(30 * 24 * time.Hour)
	if out := c.Query(refresh, map[string]any{"r": rt}); len(out.Errors) != 0 {
		t.Errorf("refreshing a month on: %+v", out.Errors)
	}
	const generate = `mutation($e: String!, $d: Int!) { generatePreSignedToken(email: $e, numberOfDaysAllowed: $d, scope: SUBMIT_METER_READINGS) { token tokenExpiryDatetime scope } }`
	c.SignIn("demo@krakensim.dev", "krakensim")
	org, _ = signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		email  string
		code   string
	}{
		{"a user asking", c, "demo@krakensim.dev", "KT-CT-1131"},
		{"no such user", org, "nobody@krakensim.dev", "KT-CT-1128"},
	} {
		if out := tc.client.Query(generate, map[string]any{"e": tc.email, "d": 7}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	key := simtest.Get(mustQuery(t, org)(generate, map[string]any{"e": "demo@krakensim.dev", "d": 7}), "generatePreSignedToken")
	k, _ := simtest.Get(key, "token").(string)
	if k == "" || simtest.Get(key, "tokenExpiryDatetime") != "2027-01-08T09:00:00+00:00" || simtest.Get(key, "scope") != "SUBMIT_METER_READINGS" {
		t.Fatalf("generated %v", key)
	}
	scoped := func() []sim.ScopedKeyOverview {
		ov, err := srv.Sim.WorldOverview(c.Session)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range ov.Users {
			if u.Email == "demo@krakensim.dev" {
				return u.ScopedKeys
			}
		}
		return nil
	}
	if keys := scoped(); len(keys) != 1 || keys[0].Key != k || keys[0].Scope != "SUBMIT_METER_READINGS" {
		t.Errorf("the world overview's scoped keys %+v", keys)
	}
	signIn := `mutation($k: String!) { obtainKrakenToken(input: {preSignedKey: $k}) { token } }`
	if out := c.Query(signIn, map[string]any{"k": k}); len(out.Errors) != 0 {
		t.Errorf("signing in with the key: %+v", out.Errors)
	}
	withdrawn := simtest.Get(mustQuery(t, org)(`mutation { invalidatePreSignedTokensForUser(input: {email: "demo@krakensim.dev", scope: SUBMIT_METER_READINGS}) { tokens { key scope isValid } } }`, nil),
		"invalidatePreSignedTokensForUser", "tokens").([]any)
	if len(withdrawn) != 1 || simtest.Get(withdrawn[0], "key") != k {
		t.Errorf("withdrawn %v", withdrawn)
	}
	if out := c.Query(signIn, map[string]any{"k": k}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1139" {
		t.Errorf("signing in once withdrawn: %+v", out.Errors)
	}
	if keys := scoped(); len(keys) != 0 {
		t.Errorf("scoped keys once withdrawn %+v", keys)
	}
	k2, _ := simtest.Get(mustQuery(t, org)(generate, map[string]any{"e": "demo@krakensim.dev", "d": 1}), "generatePreSignedToken", "token").(string)
	c.AdvanceClock(25 * time.Hour)
	if out := c.Query(signIn, map[string]any{"k": k2}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1139" {
		t.Errorf("signing in a day after the key's day: %+v", out.Errors)
	}
}

// TestOctopusPreSignedKeysAreWithdrawn withdraws pre-signed keys: a generated key by its
// user or an organisation, answering its scope, not by another user (KT-CT-1129); the
// fixture's key, which has no scope, with all the user's; none signs in after.
func TestOctopusPreSignedKeysAreWithdrawn(t *testing.T) {
	srv, c := octopus(t)
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	other, _ := signInAs(t, srv, c, `{email: "other@krakensim.dev", password: "krakensim"}`)
	const generate = `mutation($s: PreSignedTokenScope!) { generatePreSignedToken(email: "demo@krakensim.dev", numberOfDaysAllowed: 2, scope: $s) { token } }`
	const invalidate = `mutation($k: String!) { invalidatePreSignedToken(input: {token: $k}) { token { key scope isValid } } }`
	const signIn = `mutation($k: String!) { obtainKrakenToken(input: {preSignedKey: $k}) { token } }`
	for _, tc := range []struct {
		scope  string
		client *simtest.Client
	}{{"SUBMIT_METER_READINGS", c}, {"JOIN_CAMPAIGNS", org}} {
		k, _ := simtest.Get(mustQuery(t, org)(generate, map[string]any{"s": tc.scope}), "generatePreSignedToken", "token").(string)
		if out := other.Query(invalidate, map[string]any{"k": k}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1129" {
			t.Errorf("another user withdrawing a %s key: %+v", tc.scope, out.Errors)
		}
		got := simtest.Get(mustQuery(t, tc.client)(invalidate, map[string]any{"k": k}), "invalidatePreSignedToken", "token")
		if simtest.Get(got, "key") != k || simtest.Get(got, "scope") != tc.scope || simtest.Get(got, "isValid") != false {
			t.Errorf("withdrawn %v, want scope %s", got, tc.scope)
		}
		if out := c.Query(signIn, map[string]any{"k": k}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1139" {
			t.Errorf("signing in with a withdrawn %s key: %+v", tc.scope, out.Errors)
		}
	}
	tokens := simtest.Get(mustQuery(t, c)(`mutation { invalidatePreSignedTokensForUser(input: {email: "demo@krakensim.dev"}) { tokens { key scope } } }`, nil),
		"invalidatePreSignedTokensForUser", "tokens").([]any)
	if len(tokens) != 1 || simtest.Get(tokens[0], "key") != "krakensim-presigned-demo" {
		t.Errorf("the user's keys withdrawn %v", tokens)
	}
	if out := c.Query(signIn, map[string]any{"k": "krakensim-presigned-demo"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1139" {
		t.Errorf("signing in with the fixture's key once withdrawn: %+v", out.Errors)
	}
}

// TestOctopusDeletesAndCreates: what Octopus's SDL adds to the seed's mutations changes
// state as its pairs do: a reference deleted is gone (KT-CT-8312 again), metadata
// created once (KT-CT-8414 for a key set), a scheduled payment cancelled is DELETED
// (KT-CT-3955 for one taken), a credit whose parts add up is on the ledger (KT-CT-5314
// otherwise).
func TestOctopusDeletesAndCreates(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	const del = `mutation { deleteAccountReference(input: {accountNumber: "A-C90DC431", namespace: "TENTACLE_ENERGY"}) { accountReference { namespace } } }`
	if got := simtest.Get(query(del, nil), "deleteAccountReference", "accountReference", "namespace"); got != "TENTACLE_ENERGY" {
		t.Errorf("deleted %v", got)
	}
	if refs := simtest.Get(query(`{ account(accountNumber: "A-C90DC431") { references { namespace } } }`, nil), "account", "references").([]any); len(refs) != 0 {
		t.Errorf("references once deleted %v", refs)
	}
	if out := c.Query(del, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-8312" {
		t.Errorf("deleting again: %+v", out.Errors)
	}
	const create = `mutation { createMetadata(input: {identifier: "A-C90DC431", linkedObjectType: ACCOUNT, key: "theme", value: "{\"dark\": true}"}) { metadata { key value } } }`
	query(create, nil)
	if out := c.Query(create, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-8414" {
		t.Errorf("creating again: %+v", out.Errors)
	}
	const collect = `mutation { collectPayment(input: {accountNumber: "A-C90DC431", amount: 2500, paymentDate: "2026-12-20", description: "Top up", idempotencyKey: "k1", ledgerId: "6100001"}) { payment { id } } }`
	id := simtest.Get(query(collect, nil), "collectPayment", "payment", "id")
	const cancel = `mutation($id: ID!) { cancelPayment(input: {accountNumber: "A-C90DC431", paymentId: $id, reason: "Paid by card"}) { payment { id status } } }`
	if got := simtest.Get(query(cancel, map[string]any{"id": id}), "cancelPayment", "payment", "status"); got != "DELETED" {
		t.Errorf("cancelled %v", got)
	}
	for _, tc := range []struct {
		id   any
		code string
	}{{id, "KT-CT-3955"}, {"5501001", "KT-CT-3955"}, {"999", "KT-CT-3924"}} {
		if out := c.Query(cancel, map[string]any{"id": tc.id}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("cancelling %v: %+v, want %s", tc.id, out.Errors, tc.code)
		}
	}
	const credit = `mutation($g: Int!) { createAccountCredit(input: {accountNumber: "A-C90DC431", netAmount: 1000, salesTaxAmount: 50, grossAmount: $g, reason: EXTERNAL_REFERRAL_CREDIT, note: "Referral"}) { accountCredit { id grossAmount reason note } } }`
	if out := c.Query(credit, map[string]any{"g": 1100}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-5314" {
		t.Errorf("parts that do not add up: %+v", out.Errors)
	}
	read := `{ account(accountNumber: "A-C90DC431") { balance } }`
	before := number(t, simtest.Get(query(read, nil), "account", "balance"))
	got := simtest.Get(query(credit, map[string]any{"g": 1050}), "createAccountCredit", "accountCredit")
	if number(t, simtest.Get(got, "grossAmount")) != 1050 || simtest.Get(got, "reason") != "EXTERNAL_REFERRAL_CREDIT" {
		t.Errorf("credited %v", got)
	}
	if after := number(t, simtest.Get(query(read, nil), "account", "balance")); after != before+1050 {
		t.Errorf("balance %v, was %v", after, before)
	}
}

// TestOctopusBalanceTransfer moves credit from the demo account's ledger to the flat's:
// refused as documented for the same account, a ledger not the viewer's, no amount and
// more than the credit; the source is charged and the target credited.
func TestOctopusBalanceTransfer(t *testing.T) {
	srv, c := octopus(t)
	query := mustQuery(t, c)
	const move = `mutation($from: ID!, $fromLedger: ID!, $to: ID!, $toLedger: ID!, $a: Int!) { transferLedgerBalance(input: {sourceAccountLedger: {accountNumber: $from, ledgerId: $fromLedger}, targetAccountLedger: {accountNumber: $to, ledgerId: $toLedger}, amount: $a, note: "Moving credit"}) { balanceTransfer { reason accountCharge { grossAmount } accountCredit { grossAmount } } } }`
	const balances = `{ a: account(accountNumber: "A-C90DC431") { ledgers { id balance } } b: account(accountNumber: "A-7B3E9D12") { ledgers { id balance } } }`
	before := query(balances, nil)
	from, _ := simtest.Get(before, "a", "ledgers", 0, "id").(string)
	to, _ := simtest.Get(before, "b", "ledgers", 0, "id").(string)
	credit := number(t, simtest.Get(before, "a", "ledgers", 0, "balance"))
	if credit <= 0 {
		t.Fatalf("the demo ledger has %v", credit)
	}
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		code   string
	}{
		{"the same account", c, map[string]any{"from": "A-C90DC431", "fromLedger": from, "to": "A-C90DC431", "toLedger": from, "a": 100}, "KT-CT-9701"},
		{"another's ledger", other, map[string]any{"from": "A-C90DC431", "fromLedger": from, "to": "A-0F4A2B19", "toLedger": "6100005", "a": 100}, "KT-CT-3822"},
		{"no amount", c, map[string]any{"from": "A-C90DC431", "fromLedger": from, "to": "A-7B3E9D12", "toLedger": to, "a": 0}, "KT-CT-9704"},
		{"more than the credit", c, map[string]any{"from": "A-C90DC431", "fromLedger": from, "to": "A-7B3E9D12", "toLedger": to, "a": int(credit) + 1}, "KT-CT-9703"},
	} {
		if out := tc.client.Query(move, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	got := simtest.Get(query(move, map[string]any{"from": "A-C90DC431", "fromLedger": from, "to": "A-7B3E9D12", "toLedger": to, "a": 1000}), "transferLedgerBalance", "balanceTransfer")
	if simtest.Get(got, "reason") != "BALANCE_TRANSFER" || number(t, simtest.Get(got, "accountCredit", "grossAmount")) != 1000 {
		t.Errorf("transferred %v", got)
	}
	after := query(balances, nil)
	if a, b := number(t, simtest.Get(after, "a", "ledgers", 0, "balance")), number(t, simtest.Get(after, "b", "ledgers", 0, "balance")); a != credit-1000 ||
		b != number(t, simtest.Get(before, "b", "ledgers", 0, "balance"))+1000 {
		t.Errorf("balances %v and %v after, %v before", a, b, before)
	}
}

// TestOctopusLegacyTokens: the deprecated emailAuthentication and apiKeyAuthentication
// answer one token per user that signs in bare or as "Token <key>" until disableToken
// deletes it; disableToken on an access token withdraws that token alone, and
// forceReauthentication withdraws a legacy one too.
func TestOctopusLegacyTokens(t *testing.T) {
	srv, c := octopus(t)
	const byEmail = `mutation($e: String!, $p: String!) { emailAuthentication(email: $e, password: $p) { token errors { field messages } } }`
	const byKey = `mutation($k: String!) { apiKeyAuthentication(apiKey: $k) { token errors { field messages } } }`
	const disable = `mutation { disableToken { message } }`
	legacy := func(query string, vars map[string]any) string {
		t.Helper()
		tok, _ := simtest.Get(mustQuery(t, srv.ClientIn(t, c.Session))(query, vars), "emailAuthentication", "token").(string)
		if tok == "" {
			tok, _ = simtest.Get(mustQuery(t, srv.ClientIn(t, c.Session))(query, vars), "apiKeyAuthentication", "token").(string)
		}
		return tok
	}
	demo := map[string]any{"e": "demo@krakensim.dev", "p": "krakensim"}
	key := legacy(byEmail, demo)
	if len(key) != 40 || legacy(byEmail, demo) != key || legacy(byKey, map[string]any{"k": "sk_live_krakensimdemo3235447"}) != key {
		t.Fatalf("the demo user's legacy token %q is not one key", key)
	}
	if other := legacy(byEmail, map[string]any{"e": "other@krakensim.dev", "p": "krakensim"}); other == "" || other == key {
		t.Errorf("another user's legacy token %q", other)
	}
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"a wrong password", byEmail, map[string]any{"e": "demo@krakensim.dev", "p": "nope"}},
		{"an unknown address", byEmail, map[string]any{"e": "nobody@krakensim.dev", "p": "krakensim"}},
		{"an unknown key", byKey, map[string]any{"k": "sk_live_nobody"}},
	} {
		out := mustQuery(t, srv.ClientIn(t, c.Session))(tc.query, tc.vars)
		r := simtest.Get(out, "emailAuthentication")
		if r == nil {
			r = simtest.Get(out, "apiKeyAuthentication")
		}
		if r == nil || simtest.Get(r, "token") != nil ||
			simtest.Get(r, "errors", 0, "field") != "nonFieldErrors" || simtest.Get(r, "errors", 0, "messages", 0) != "Unable to log in with provided credentials." {
			t.Errorf("%s: %v", tc.name, r)
		}
	}
	viewer := func(cred string) (string, string) {
		t.Helper()
		o := srv.ClientIn(t, c.Session)
		o.Header.Set("Authorization", cred)
		out := o.Query(`{ viewer { email } }`, nil)
		if len(out.Errors) > 0 {
			return "", out.Errors[0].Code()
		}
		email, _ := simtest.Get(out.Data, "viewer", "email").(string)
		return email, ""
	}
	for _, cred := range []string{key, "Token " + key, "token   " + key} {
		if email, code := viewer(cred); email != "demo@krakensim.dev" {
			t.Errorf("signed in with %q: %q %s", cred, email, code)
		}
	}
	if _, code := viewer("JWT " + key); code != "KT-CT-1143" {
		t.Errorf("a legacy token as a JWT: %q", code)
	}
	elsewhere := srv.Client(t)
	elsewhere.Header.Set("Authorization", key)
	if out := elsewhere.Query(`{ viewer { email } }`, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1143" {
		t.Errorf("the key in another session: %+v", out.Errors)
	}

	holder := srv.ClientIn(t, c.Session)
	holder.Header.Set("Authorization", key)
	if got := simtest.Get(mustQuery(t, holder)(disable, nil), "disableToken", "message"); got != "Token disabled." {
		t.Errorf("disabling: %v", got)
	}
	if _, code := viewer(key); code != "KT-CT-1143" {
		t.Errorf("a disabled legacy token signs in: %q", code)
	}
	if again := legacy(byEmail, demo); again == "" || again == key {
		t.Errorf("signing in after disabling gives %q", again)
	}

	c.AdvanceClock(time.Minute) // tokens signed in the same second are the same token
	first, _ := signInAs(t, srv, c, `{email: "demo@krakensim.dev", password: "krakensim"}`)
	if first.Token == c.Token {
		t.Fatal("two sign-ins a minute apart gave one token")
	}
	if got := simtest.Get(mustQuery(t, first)(disable, nil), "disableToken", "message"); got != "Token disabled." {
		t.Errorf("disabling an access token: %v", got)
	}
	if _, code := viewer(first.Token); code != "KT-CT-1143" {
		t.Errorf("a disabled access token signs in: %q", code)
	}
	if email, code := viewer(c.Token); email != "demo@krakensim.dev" {
		t.Errorf("the user's other access token: %q %s", email, code)
	}
	if out := srv.ClientIn(t, c.Session).Query(disable, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1112" {
		t.Errorf("disabling with no header: %+v", out.Errors)
	}

	key = legacy(byEmail, demo)
	mustQuery(t, c)(`mutation { forceReauthentication(input: {includeThirdParties: false}) { tokensInvalidated } }`, nil)
	if _, code := viewer(key); code != "KT-CT-1143" {
		t.Errorf("a legacy token after forceReauthentication: %q", code)
	}
}

// TestTokenIssIsTheOriginAsked signs in without Config.TokenIssuer: a token's iss is the
// API endpoint of the origin it was obtained at, as a tenant's names its own (the EDF
// viewer posts its later queries to it), and every token the server signed is accepted
// whichever host it reaches, on the API site and the backend host alike.
func TestTokenIssIsTheOriginAsked(t *testing.T) {
	srv, c := backend(t)
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	via := func(host, proto string) *simtest.Client {
		o := srv.ClientIn(t, c.Session)
		if host != "" {
			o.Header.Set("X-Forwarded-Host", host)
		}
		if proto != "" {
			o.Header.Set("X-Forwarded-Proto", proto)
		}
		return o
	}
	tests := []struct{ name, host, proto, iss string }{
		{"as served", "", "", "http://127.0.0.1:" + port + "/v1/graphql/"},
		{"as localhost", "localhost:" + port, "", "http://localhost:" + port + "/v1/graphql/"},
		{"behind a TLS proxy", "api.edfgb-kraken.energy", "https", "https://api.edfgb-kraken.energy/v1/graphql/"},
	}
	for _, tc := range tests {
		out := mustQuery(t, via(tc.host, tc.proto))(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token payload } }`, nil)
		if iss := simtest.Get(out, "obtainKrakenToken", "payload", "iss"); iss != tc.iss {
			t.Errorf("%s: iss %v, want %s", tc.name, iss, tc.iss)
		}
		token := simtest.Get(out, "obtainKrakenToken", "token").(string)
		for _, other := range tests {
			o := via(other.host, other.proto)
			o.Token = token
			if email := simtest.Get(o.Query(`{ viewer { email } }`, nil).Data, "viewer", "email"); email != "demo@krakensim.dev" {
				t.Errorf("a token obtained %s, used %s: viewer %v", tc.name, other.name, email)
			}
		}
		o := srv.ClientIn(t, c.Session)
		o.Token = token
		if out := o.QueryAt(server.BackendPath, `{ wheelOfFortuneSpinsAllowed(accountNumber: "A-C90DC431", fuelType: ELECTRICITY) { __typename } }`, nil); len(out.Errors) > 0 {
			t.Errorf("a token obtained %s, on the backend host: %+v", tc.name, out.Errors)
		}
	}
}

// TestRefreshedTokenCarriesTheUsersEmail refreshes a token after the user changed their
// email: the new token carries the address the user has then.
func TestRefreshedTokenCarriesTheUsersEmail(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	demo, rt := signInAs(t, srv, c, `{email: "demo@krakensim.dev", password: "krakensim"}`)
	mustQuery(t, demo)(`mutation { updateEmailAndPassword(input: {email: "New@Example.com", password: "Zebra-Lamp-77"}) { success } }`, nil)
	out := mustQuery(t, c)(`mutation($r: String!) { obtainKrakenToken(input: {refreshToken: $r}) { payload } }`, map[string]any{"r": rt})
	if got := simtest.Get(out, "obtainKrakenToken", "payload", "email"); got != "New@Example.com" {
		t.Errorf("the refreshed token's email %v", got)
	}
}
