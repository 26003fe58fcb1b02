package simtest_test

import (
	"encoding/base64"
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

const (
	resetRequest = `mutation($e: String!) { requestPasswordReset(input: {email: $e}) { email } }`
	resetUser    = `mutation($u: String!, $t: String!, $p: String!) { resetUserPassword(input: {userId: $u, token: $t, newPassword: $p}) { userId } }`
)

// TestPasswordResetIsTheEmailed resets a password with the token the reset email
// carries: refused for an address no one has, a token not the user's latest, a
// password that breaks the policy (with its code) and a token used or expired.
func TestPasswordResetIsTheEmailed(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	if out := c.Query(resetRequest, map[string]any{"e": "nobody@example.com"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1133" || len(c.Messages()) != 0 {
		t.Errorf("an unknown address: %+v, %d sent", out.Errors, len(c.Messages()))
	}
	c.Query(resetRequest, map[string]any{"e": "demo@krakensim.dev"})
	first := c.Messages()[0].Data["token"]
	c.Query(resetRequest, map[string]any{"e": "demo@krakensim.dev"})
	m := c.Messages()[0]
	if m.To != "demo@krakensim.dev" || m.Data["userId"] != "3235447" || m.Data["token"] == first || len(c.Messages()) != 2 {
		t.Fatalf("messages %+v", c.Messages())
	}
	token := m.Data["token"]
	refusals := []struct {
		name, user, token, password, code, reason string
	}{
		{"an earlier token", "3235447", first, "tide-pool-42", "KT-CT-4125", ""},
		{"another user's id", "3235448", token, "tide-pool-42", "KT-CT-4125", ""},
		{"too short", "3235447", token, "tide", "KT-CT-5450", "password_too_short"},
		{"the current one", "3235447", token, "krakensim", "KT-CT-5450", "password_matches_current"},
		{"the email's name", "3235447", token, "my-demo-pass", "KT-CT-5450", "password_contains_part_of_email_address"},
	}
	for _, tc := range refusals {
		out := c.Query(resetUser, map[string]any{"u": tc.user, "t": tc.token, "p": tc.password})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
			continue
		}
		if got := simtest.Get(out.Errors[0].Extensions, "validationErrors", 0, "code"); tc.reason != "" && got != tc.reason {
			t.Errorf("%s: code %v, want %s", tc.name, got, tc.reason)
		}
	}
	legacy := c.Query(`mutation($t: String!) { resetUserPassword(input: {userId: "3235447", token: $t, newPassword: "tide"}) { passwordUpdated failureCodes } }`, map[string]any{"t": token})
	if len(legacy.Errors) != 0 || simtest.Get(legacy.Data, "resetUserPassword", "passwordUpdated") != false ||
		simtest.Get(legacy.Data, "resetUserPassword", "failureCodes", 0) != "password_too_short" {
		t.Errorf("asking the deprecated fields: %+v %v", legacy.Errors, legacy.Data)
	}
	if out := c.Query(resetUser, map[string]any{"u": "3235447", "t": token, "p": "tide-pool-42"}); simtest.Get(out.Data, "resetUserPassword", "userId") != "3235447" {
		t.Fatalf("reset: %+v", out.Errors)
	}
	if out := c.Query(resetUser, map[string]any{"u": "3235447", "t": token, "p": "tide-pool-43"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-4125" {
		t.Errorf("the token used again: %+v", out.Errors)
	}
	if out := c.Query(`mutation { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: "krakensim"}) { token } }`, nil); len(out.Errors) != 1 {
		t.Errorf("the old password still signs in")
	}
	c.SignIn("demo@krakensim.dev", "tide-pool-42")

	c.Query(resetRequest, map[string]any{"e": "demo@krakensim.dev"})
	late := c.Messages()[0].Data["token"]
	c.AdvanceClock(72 * time.Hour)
	if out := c.Query(resetUser, map[string]any{"u": "3235447", "t": late, "p": "tide-pool-44"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-4125" {
		t.Errorf("a token three days old: %+v", out.Errors)
	}
}

// TestResetPasswordReportsInItsErrors resets through the older mutation, which lists a
// refused password in its errors.
func TestResetPasswordReportsInItsErrors(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.Query(resetRequest, map[string]any{"e": "robin@krakensim.dev"})
	m := c.Messages()[0]
	const reset = `mutation($u: String!, $t: String!, $p: String!) { resetPassword(input: {userId: $u, token: $t, password: $p}) { errors { field errors { ... on SerializerErrorType { message } } } } }`
	out := c.Query(reset, map[string]any{"u": m.Data["userId"], "t": m.Data["token"], "p": "12345678"})
	if simtest.Get(out.Data, "resetPassword", "errors", 0, "field") != "password" || simtest.Get(out.Data, "resetPassword", "errors", 0, "errors", 0, "message") != "This password is entirely numeric." {
		t.Errorf("a numeric password: %+v %v", out.Errors, out.Data)
	}
	out = c.Query(reset, map[string]any{"u": m.Data["userId"], "t": m.Data["token"], "p": "lighthouse-9"})
	if errs, _ := simtest.Get(out.Data, "resetPassword", "errors").([]any); len(out.Errors) != 0 || errs == nil || len(errs) != 0 {
		t.Fatalf("reset: %+v %v", out.Errors, out.Data)
	}
	c.SignIn("robin@krakensim.dev", "lighthouse-9")
}

// TestPreSignedTokenEmailSignsIn emails a sign-in key, which signs its user in; an
// address no one has is told the same and sent nothing.
func TestPreSignedTokenEmailSignsIn(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	const send = `mutation($e: String!) { sendPreSignedTokenEmail(input: {email: $e}) { status } }`
	if out := c.Query(send, map[string]any{"e": "not-an-address"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-4122" {
		t.Errorf("no address: %+v", out.Errors)
	}
	if out := c.Query(send, map[string]any{"e": "nobody@example.com"}); simtest.Get(out.Data, "sendPreSignedTokenEmail", "status") != "SENT" || len(c.Messages()) != 0 {
		t.Errorf("an unknown address: %v, %d sent", out.Data, len(c.Messages()))
	}
	c.Query(send, map[string]any{"e": "demo@krakensim.dev"})
	key := c.Messages()[0].Data["preSignedKey"]
	const obtain = `mutation($k: String!) { obtainKrakenToken(input: {preSignedKey: $k}) { token } }`
	out := c.Query(obtain, map[string]any{"k": key})
	c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
	if c.Token == "" {
		t.Fatalf("the emailed key: %+v", out.Errors)
	}
	if got := simtest.Get(c.Query(`{ viewer { email } }`, nil).Data, "viewer", "email"); got != "demo@krakensim.dev" {
		t.Errorf("the key signed in %v", got)
	}
	c.Query(send, map[string]any{"e": "demo@krakensim.dev"})
	withdrawn := c.Messages()[0].Data["preSignedKey"]
	const invalidate = `mutation($k: String!) { invalidatePreSignedToken(input: {token: $k}) { token { key scope isValid } } }`
	got := simtest.Get(mustQuery(t, c)(invalidate, map[string]any{"k": withdrawn}), "invalidatePreSignedToken", "token")
	if simtest.Get(got, "key") != withdrawn || simtest.Get(got, "scope") != "SUBMIT_METER_READINGS" || simtest.Get(got, "isValid") != false {
		t.Errorf("withdrawn %v", got)
	}
	c.AdvanceClock(61 * time.Minute)
	for name, k := range map[string]string{"withdrawn": withdrawn, "an hour on": key} {
		if out := c.Query(obtain, map[string]any{"k": k}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1139" {
			t.Errorf("signing in with the key %s: %+v", name, out.Errors)
		}
	}
}

// TestDoubleOptInIsTheEmailed asks to confirm a consent and confirms it with the token
// the message carries: refused as documented for input that names no one customer, an
// unknown consent or address, and a token not sent, expired or already confirmed.
func TestDoubleOptInIsTheEmailed(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	const request = `mutation($in: DoubleOptInInput) { requestDoubleOptIn(input: $in) { consent { code value } } }`
	const confirm = `mutation($t: String!) { confirmDoubleOptIn(input: {token: $t}) { consent { code value } } }`
	refusals := []struct {
		name string
		in   map[string]any
		code string
	}{
		{"no one", map[string]any{"consentTypeCode": "MARKETING_EMAIL", "ipAddress": "203.0.113.9"}, "KT-CT-9019"},
		{"two", map[string]any{"accountNumber": "A-C90DC431", "emailAddress": "demo@krakensim.dev", "consentTypeCode": "MARKETING_EMAIL", "ipAddress": "203.0.113.9"}, "KT-CT-9019"},
		{"no such account", map[string]any{"accountNumber": "A-00000000", "consentTypeCode": "MARKETING_EMAIL", "ipAddress": "203.0.113.9"}, "KT-CT-9018"},
		{"no such consent", map[string]any{"accountNumber": "A-C90DC431", "consentTypeCode": "NO_SUCH_CONSENT", "ipAddress": "203.0.113.9"}, "KT-CT-9017"},
		{"no IP address", map[string]any{"accountNumber": "A-C90DC431", "consentTypeCode": "MARKETING_EMAIL", "ipAddress": "localhost"}, "KT-CT-9019"},
	}
	for _, tc := range refusals {
		if out := c.Query(request, map[string]any{"in": tc.in}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	if n := len(c.Messages()); n != 0 {
		t.Errorf("%d messages sent for refused requests", n)
	}
	out := c.Query(request, map[string]any{"in": map[string]any{"accountNumber": "A-C90DC431", "consentTypeCode": "MARKETING_SMS", "ipAddress": "2001:db8::1"}})
	if got := simtest.Get(out.Data, "requestDoubleOptIn", "consent", "value"); got != "PENDING" {
		t.Fatalf("requested: %v %+v", got, out.Errors)
	}
	m := c.Messages()[0]
	if m.To != "demo@krakensim.dev" || m.Data["consentTypeCode"] != "MARKETING_SMS" {
		t.Errorf("message %+v", m)
	}
	if out := c.Query(confirm, map[string]any{"t": "not-a-token"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-9021" {
		t.Errorf("a token not sent: %+v", out.Errors)
	}
	if got := simtest.Get(c.Query(confirm, map[string]any{"t": m.Data["token"]}).Data, "confirmDoubleOptIn", "consent", "value"); got != "ACCEPTED" {
		t.Errorf("confirmed: %v", got)
	}
	const read = `{ account(accountNumber: "A-C90DC431") { consents { code value } } }`
	var value any
	for _, cs := range simtest.Get(c.Query(read, nil).Data, "account", "consents").([]any) {
		if simtest.Get(cs, "code") == "MARKETING_SMS" {
			value = simtest.Get(cs, "value")
		}
	}
	if value != "ACCEPTED" {
		t.Errorf("the account's consent is %v", value)
	}
	if out := c.Query(confirm, map[string]any{"t": m.Data["token"]}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-9022" {
		t.Errorf("confirmed twice: %+v", out.Errors)
	}
	c.Query(request, map[string]any{"in": map[string]any{"emailAddress": "demo@krakensim.dev", "consentTypeCode": "MARKETING_EMAIL", "ipAddress": "203.0.113.9"}})
	late := c.Messages()[0].Data["token"]
	c.AdvanceClock(7 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	if out := c.Query(confirm, map[string]any{"t": late}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-9020" {
		t.Errorf("a week late: %+v", out.Errors)
	}
}

// TestForceReauthenticationWithdrawsTheTokens withdraws the viewer's token and refresh
// token, not another user's, and a sign-in after it works, on the frozen clock too.
func TestForceReauthenticationWithdrawsTheTokens(t *testing.T) {
	_, c := octopus(t)
	const obtain = `mutation($in: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $in) { token refreshToken } }`
	out := c.Query(obtain, map[string]any{"in": map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"}})
	c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
	refresh := simtest.Get(out.Data, "obtainKrakenToken", "refreshToken")
	other := c.Query(obtain, map[string]any{"in": map[string]any{"email": "other@krakensim.dev", "password": "krakensim"}})
	otherToken, _ := simtest.Get(other.Data, "obtainKrakenToken", "token").(string)

	done := c.Query(`mutation { forceReauthentication(input: {includeThirdParties: true}) { tokensInvalidated effectiveAt } }`, nil)
	if simtest.Get(done.Data, "forceReauthentication", "tokensInvalidated") != true || simtest.Get(done.Data, "forceReauthentication", "effectiveAt") != "2026-12-02T09:00:00+00:00" {
		t.Fatalf("forced: %v %+v", done.Data, done.Errors)
	}
	if out := c.Query(`{ viewer { email } }`, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1143" {
		t.Errorf("the withdrawn token: %+v", out.Errors)
	}
	c.Token = ""
	if out := c.Query(obtain, map[string]any{"in": map[string]any{"refreshToken": refresh}}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1135" {
		t.Errorf("the withdrawn refresh token: %+v", out.Errors)
	}
	c.Token = otherToken
	if got := simtest.Get(c.Query(`{ viewer { email } }`, nil).Data, "viewer", "email"); got != "other@krakensim.dev" {
		t.Errorf("another user's token: %v", got)
	}
	c.SignIn("demo@krakensim.dev", "krakensim")
	if got := simtest.Get(c.Query(`{ viewer { email } }`, nil).Data, "viewer", "email"); got != "demo@krakensim.dev" {
		t.Errorf("signed in again: %v", got)
	}
}

// TestPrintedBillIsPostedToTheBillingAddress asks for an issued bill on paper: a letter
// to the billing address; the open statement, not yet issued, and a bill the account
// does not have are refused as documented.
func TestPrintedBillIsPostedToTheBillingAddress(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	statements := simtest.Get(c.Query(`{ account(accountNumber: "A-C90DC431") { ledgers { statements(first: 1) { edges { node { id } } } } } }`, nil).Data,
		"account", "ledgers", 0, "statements", "edges", 0, "node", "id")
	latest := int(number(t, statements))
	const print = `mutation($id: ID!) { requestPrintedBill(input: {accountNumber: "A-C90DC431", billingDocumentId: $id}) { success } }`
	for id, code := range map[int]string{latest + 1: "KT-CT-9705", 999999: "KT-CT-3824"} {
		if out := c.Query(print, map[string]any{"id": id}); len(out.Errors) != 1 || out.Errors[0].Code() != code {
			t.Errorf("bill %d: %+v, want %s", id, out.Errors, code)
		}
	}
	if len(c.Messages()) != 0 {
		t.Errorf("refused requests sent %v", c.Messages())
	}
	if out := c.Query(print, map[string]any{"id": latest}); simtest.Get(out.Data, "requestPrintedBill", "success") != true {
		t.Fatalf("the latest bill: %+v", out.Errors)
	}
	m := c.Messages()[0]
	if m.To != "Jamie Carter, 41 Octopus Lane, Norwich, Norfolk, NR3 1AB" || m.Data["billingDocumentId"] != strconv.Itoa(latest) {
		t.Errorf("letter %+v", m)
	}
}

// TestGoodsQuoteFollowUpAndShareAreSent shares a goods quote and schedules a reminder of
// it: each a message to its recipient, the reminder a day later; refused for a quote
// no one has, or not the account's, and for a recipient with no way or two to reach.
func TestGoodsQuoteFollowUpAndShareAreSent(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	const follow = `mutation($q: String!, $n: String, $r: Recipient!) { scheduleQuoteFollowUp(input: {quoteCode: $q, accountNumber: $n, recipient: $r}) { success } }`
	refusals := []struct {
		name, quote, number string
		recipient           map[string]any
		code                string
	}{
		{"no such quote", "GQ-00000000-1", "", map[string]any{"email": "ada@example.com"}, "KT-CT-4619"},
		{"another account's", "GQ-C90DC431-101", "A-7B3E9D12", map[string]any{"email": "ada@example.com"}, "KT-CT-4619"},
		{"no way to reach", "GQ-C90DC431-101", "", map[string]any{"givenName": "Ada"}, "KT-CT-4632"},
		{"two ways", "GQ-C90DC431-101", "", map[string]any{"email": "ada@example.com", "mobile": "07700 900001"}, "KT-CT-4632"},
		{"not a number", "GQ-C90DC431-101", "", map[string]any{"mobile": "call me"}, "KT-CT-4632"},
	}
	for _, tc := range refusals {
		vars := map[string]any{"q": tc.quote, "r": tc.recipient}
		if tc.number != "" {
			vars["n"] = tc.number
		}
		if out := c.Query(follow, vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	out := c.Query(follow, map[string]any{"q": "GQ-C90DC431-101", "n": "A-C90DC431", "r": map[string]any{"givenName": "Ada", "mobile": "07700 900001"}})
	if simtest.Get(out.Data, "scheduleQuoteFollowUp", "success") != true {
		t.Fatalf("scheduled: %+v", out.Errors)
	}
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	m := c.Messages()[0]
	if m.To != "07700 900001" || m.Data["quoteCode"] != "GQ-C90DC431-101" || m.SentAt.Sub(sess.Now()) < 23*time.Hour {
		t.Errorf("follow-up %+v", m)
	}
	c.Query(`mutation { shareGoodsQuote(input: {quoteCode: "GQ-C90DC431-101", email: "friend@example.com"}) { share { id } } }`, nil)
	if m := c.Messages()[0]; m.To != "friend@example.com" || m.Data["quoteCode"] != "GQ-C90DC431-101" {
		t.Errorf("share %+v", m)
	}
}

// TestVerifyIdentityIsTheAccounts verifies who a customer is from what their bill says:
// the account's user and supply address, spacing and case aside; any detail wrong, or a
// family name and address that fit no one or more than one user, is KT-CT-1145.
func TestVerifyIdentityIsTheAccounts(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	const verify = `mutation($in: VerifyIdentityInput!) { verifyIdentity(input: $in) { token } }`
	const fallback = `mutation($in: VerifyIdentityFallbackInput!) { verifyIdentityFallback(input: $in) { token } }`
	tests := []struct {
		name, query, field string
		in                 map[string]any
		ok                 bool
	}{
		{"the bill's details", verify, "verifyIdentity", map[string]any{"accountNumber": "A-C90DC431", "fullName": "jamie  CARTER", "firstLineOfAddress": "41, Octopus Lane", "postcode": "nr31ab"}, true},
		{"another name", verify, "verifyIdentity", map[string]any{"accountNumber": "A-C90DC431", "fullName": "Morgan Lee", "firstLineOfAddress": "41 Octopus Lane", "postcode": "NR3 1AB"}, false},
		{"another address", verify, "verifyIdentity", map[string]any{"accountNumber": "A-C90DC431", "fullName": "Jamie Carter", "firstLineOfAddress": "22 Heath Terrace", "postcode": "LS6 2QT"}, false},
		{"no such account", verify, "verifyIdentity", map[string]any{"accountNumber": "A-00000000", "fullName": "Jamie Carter", "firstLineOfAddress": "41 Octopus Lane", "postcode": "NR3 1AB"}, false},
		{"the fallback's details", fallback, "verifyIdentityFallback", map[string]any{"familyName": "Lee", "firstLineOfAddress": "22 Heath Terrace", "postcode": "LS6 2QT"}, true},
		{"no one there", fallback, "verifyIdentityFallback", map[string]any{"familyName": "Carter", "firstLineOfAddress": "22 Heath Terrace", "postcode": "LS6 2QT"}, false},
	}
	for _, tc := range tests {
		out := c.Query(tc.query, map[string]any{"in": tc.in})
		token, _ := simtest.Get(out.Data, tc.field, "token").(string)
		if tc.ok && (len(out.Errors) != 0 || len(token) < 20) || !tc.ok && (len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1145") {
			t.Errorf("%s: %v %+v", tc.name, out.Data, out.Errors)
		}
	}
}

// TestVerifyIdentityTokenSetsThePlaceholderEmail follows the verify-identity journey of
// a newcomer with no email: the token is a pre-signed key of scope
// UPDATE_BLACKHOLE_EMAIL, which is no Authorization header itself, signs in to a token
// that sets the placeholder email and is refused elsewhere, and expires after an hour.
func TestVerifyIdentityTokenSetsThePlaceholderEmail(t *testing.T) {
	srv, c := vendorServer(t)
	mustQuery(t, c)(`mutation { forceMoveIn(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveInDate: "2026-12-20", givenName: "Sam", familyName: "Newcomer"}) { account { number } } }`, nil)
	number := c.Messages()[0].Data["accountNumber"]
	const verify = `mutation($n: String!) { verifyIdentity(input: {accountNumber: $n, fullName: "Sam Newcomer", firstLineOfAddress: "41 Octopus Lane", postcode: "NR3 1AB"}) { token } }`
	anon := srv.ClientIn(t, c.Session)
	token, _ := simtest.Get(mustQuery(t, anon)(verify, map[string]any{"n": number}), "verifyIdentity", "token").(string)
	raw := srv.ClientIn(t, c.Session)
	raw.Token = token
	if out := raw.Query(`{ viewer { email } }`, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1143" {
		t.Errorf("the token as a header: %+v", out.Errors)
	}
	const obtain = `mutation($k: String!) { obtainKrakenToken(input: {preSignedKey: $k}) { token payload } }`
	signIn := mustQuery(t, anon)(obtain, map[string]any{"k": token})
	sam := srv.ClientIn(t, c.Session)
	sam.Token, _ = simtest.Get(signIn, "obtainKrakenToken", "token").(string)
	if got := simtest.Get(signIn, "obtainKrakenToken", "payload", "scope"); got != "UPDATE_BLACKHOLE_EMAIL" {
		t.Errorf("the token's scope %v", got)
	}
	for _, tc := range []struct{ query, code string }{
		{`{ viewer { email } }`, "KT-CT-1111"},
		{`{ account(accountNumber: "` + number + `") { number } }`, "KT-CT-4177"},
	} {
		if out := sam.Query(tc.query, nil); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s with the scoped token: %+v, want %s", tc.query, out.Errors, tc.code)
		}
	}
	// Nor may REST read the account with it.
	byREST := srv.ClientIn(t, c.Session)
	byREST.Header.Set("Authorization", "JWT "+sam.Token)
	if status, body := byREST.Do("GET", "/v1/accounts/"+number+"/", nil); status != 403 {
		t.Errorf("REST with the scoped token: %d %s, want 403", status, body)
	}
	const update = `mutation($n: String!) { updateBlackholeEmail(input: {accountNumber: $n, email: "sam@example.com"}) { blackholeEmailAccountUser { email hasBlackholeEmail } } }`
	got := simtest.Get(mustQuery(t, sam)(update, map[string]any{"n": number}), "updateBlackholeEmail", "blackholeEmailAccountUser")
	if simtest.Get(got, "email") != "sam@example.com" || simtest.Get(got, "hasBlackholeEmail") != false {
		t.Errorf("updated %v", got)
	}
	demo, _ := simtest.Get(mustQuery(t, anon)(`mutation { verifyIdentity(input: {accountNumber: "A-C90DC431", fullName: "Jamie Carter", firstLineOfAddress: "41 Octopus Lane", postcode: "NR3 1AB"}) { token } }`, nil), "verifyIdentity", "token").(string)
	c.AdvanceClock(61 * time.Minute)
	if out := anon.Query(obtain, map[string]any{"k": demo}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1139" {
		t.Errorf("signing in an hour on: %+v", out.Errors)
	}
}

// TestOriginPasswordResetTokenValidity checks a reset link as a reset page does before
// showing its form: valid only for the user's latest reset (by the id in the link or
// base64 encoded), until it is used or its three days are over.
func TestOriginPasswordResetTokenValidity(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const valid = `query($u: String!, $t: String!) { isPasswordResetTokenValid(userId: $u, token: $t) }`
	check := func(name, user, token string, want bool) {
		t.Helper()
		if got := simtest.Get(query(valid, map[string]any{"u": user, "t": token}), "isPasswordResetTokenValid"); got != want {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
	check("no reset asked for", "3235449", "zzz", false)
	query(resetRequest, map[string]any{"e": "other@krakensim.dev"})
	token := c.Messages()[0].Data["token"]
	check("the emailed token", "3235449", token, true)
	check("the user id base64 encoded", base64.StdEncoding.EncodeToString([]byte("3235449")), token, true)
	check("the user id as Django's links carry it", base64.RawURLEncoding.EncodeToString([]byte("3235449")), token, true)
	check("another token", "3235449", "zzz", false)
	check("another user", "3235447", token, false)
	c.AdvanceClock(73 * time.Hour)
	check("three days on", "3235449", token, false)
	query(resetRequest, map[string]any{"e": "other@krakensim.dev"})
	token = c.Messages()[0].Data["token"]
	query(resetUser, map[string]any{"u": "3235449", "t": token, "p": "Zebra-Lamp-77"})
	check("once used", "3235449", token, false)
}

// TestPasswordResetDiesWithThePasswordOrEmail refuses a reset link once the password or
// the email it was sent for has changed, as Django's reset tokens (which digest both)
// stop working: isPasswordResetTokenValid answers false and resetUserPassword is
// KT-CT-4125, and the changed password still signs in.
func TestPasswordResetDiesWithThePasswordOrEmail(t *testing.T) {
	const valid = `query($u: String!, $t: String!) { isPasswordResetTokenValid(userId: $u, token: $t) }`
	for _, tc := range []struct{ name, change, signIn, password string }{
		{"the password", `mutation { updatePassword(input: {oldPassword: "krakensim", newPassword: "Tr1cky-Horse-99", newPasswordConfirmed: "Tr1cky-Horse-99"}) { viewer { id } } }`, "demo@krakensim.dev", "Tr1cky-Horse-99"},
		{"the email", `mutation { updateUser(input: {email: "new.addr@example.org"}) { viewer { id } } }`, "new.addr@example.org", "krakensim"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := octopus(t)
			c.Query(resetRequest, map[string]any{"e": "demo@krakensim.dev"})
			token := c.Messages()[0].Data["token"]
			if got := mustQuery(t, c)(valid, map[string]any{"u": "3235447", "t": token})["isPasswordResetTokenValid"]; got != true {
				t.Fatalf("a fresh token: %v", got)
			}
			mustQuery(t, c)(tc.change, nil)
			if got := mustQuery(t, c)(valid, map[string]any{"u": "3235447", "t": token})["isPasswordResetTokenValid"]; got != false {
				t.Errorf("after the change the token is valid: %v", got)
			}
			if out := c.Query(`mutation($u: String!, $t: String!, $p: String!) { resetUserPassword(input: {userId: $u, token: $t, newPassword: $p}) { __typename } }`,
				map[string]any{"u": "3235447", "t": token, "p": "Other-Pass-77"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-4125" {
				t.Errorf("reset after the change: %+v %v", out.Errors, out.Data)
			}
			c.SignIn(tc.signIn, tc.password)
		})
	}
}
