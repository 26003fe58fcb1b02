package simtest_test

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

const (
	initializeUser    = `mutation($i: BaseInitializeUserInput!) { initializeUser(input: $i) { isNewUser userNumber } }`
	initializeAccount = `mutation($i: BaseInitializeAccountInput!) { initializeAccount(input: $i) { isNewAccount accountNumber } }`
	enroll            = `mutation($i: EnrollmentInput!) { enrollment(input: $i) { message enrollmentProcesses { ... on JoinSupplierProcessType { number status stage currentProcessData { salesChannel } supplyPoints { edges { node { externalIdentifier } } } } } } }`
)

// robin is the customer a sign-up names, edited.
func robin(edit func(map[string]any)) map[string]any {
	m := map[string]any{"givenName": "Robin", "familyName": "Switcher", "email": "robin@example.com", "mobile": "0412345678"}
	if edit != nil {
		edit(m)
	}
	return m
}

// robinsSale is the account a sign-up prepares for a user, edited.
func robinsSale(user string, edit func(map[string]any)) map[string]any {
	m := map[string]any{"userNumber": user, "brandCode": "ORIGIN", "billingName": "Robin Switcher",
		"billingAddress": map[string]any{"line1": "12 Wattle Street", "line2": "Fitzroy VIC", "postalCode": "3065"},
		"salesInfo":      map[string]any{"salesChannel": "PHONE", "referralCode": "jamie-otter-431"},
		"preferredSsd":   "2026-12-20", "chosenPaymentDay": 10,
		"supplyPointInfoList": []any{
			map[string]any{"supplyPointInfo": map[string]any{"marketName": "AUS_ELECTRICITY", "externalIdentifier": "6305123456"}},
			map[string]any{"supplyPointInfo": map[string]any{"marketName": "AUS_GAS", "externalIdentifier": "5310000012"}},
		}}
	if edit != nil {
		edit(m)
	}
	return m
}

// TestOriginSignUpSwitchesTheSupplies: a sign-up site, signed in as an organisation,
// prepares Robin and an account at their address naming two supplies, the same ones
// when asked again; refusals are as documented; enrollment switches the supplies from
// the day asked for, paid by direct debit on the payment day and rewarded for the
// referral; Robin, signed in, reads the switch and reverses it once it has started.
func TestOriginSignUpSwitchesTheSupplies(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	user := simtest.Get(mustQuery(t, org)(initializeUser, map[string]any{"i": map[string]any{"customerDetails": robin(nil), "brandCode": "ORIGIN"}}), "initializeUser")
	number, _ := simtest.Get(user, "userNumber").(string)
	if simtest.Get(user, "isNewUser") != true || number == "" {
		t.Fatalf("initializeUser %v", user)
	}
	again := simtest.Get(mustQuery(t, org)(initializeUser, map[string]any{"i": map[string]any{"customerDetails": robin(nil), "brandCode": "ORIGIN"}}), "initializeUser")
	if simtest.Get(again, "isNewUser") != false || simtest.Get(again, "userNumber") != number {
		t.Errorf("initializing Robin again: %v", again)
	}
	account := simtest.Get(mustQuery(t, org)(initializeAccount, map[string]any{"i": robinsSale(number, nil)}), "initializeAccount")
	accountNumber, _ := simtest.Get(account, "accountNumber").(string)
	if simtest.Get(account, "isNewAccount") != true || accountNumber == "" {
		t.Fatalf("initializeAccount %v", account)
	}
	if again := simtest.Get(mustQuery(t, org)(initializeAccount, map[string]any{"i": robinsSale(number, nil)}), "initializeAccount"); simtest.Get(again, "isNewAccount") != false || simtest.Get(again, "accountNumber") != accountNumber {
		t.Errorf("initializing the account again: %v", again)
	}
	sale := func(edit func(map[string]any)) map[string]any { return map[string]any{"i": robinsSale(number, edit)} }
	point := func(market, id string) func(map[string]any) {
		return func(m map[string]any) {
			m["supplyPointInfoList"] = []any{map[string]any{"supplyPointInfo": map[string]any{"marketName": market, "externalIdentifier": id}}}
		}
	}
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		query  string
		vars   map[string]any
		code   string
	}{
		{"another's names for an address", org, initializeUser, map[string]any{"i": map[string]any{"brandCode": "ORIGIN", "customerDetails": robin(func(m map[string]any) { m["givenName"] = "Rob" })}}, "KT-CT-10329"},
		{"no address", org, initializeUser, map[string]any{"i": map[string]any{"brandCode": "ORIGIN", "customerDetails": robin(func(m map[string]any) { m["email"] = "robin@" })}}, "KT-CT-10328"},
		{"a customer making a user", c, initializeUser, map[string]any{"i": map[string]any{"brandCode": "ORIGIN", "customerDetails": robin(func(m map[string]any) { m["email"] = "sam@example.com" })}}, "KT-CT-1111"},
		{"a customer preparing another's account", c, initializeAccount, sale(nil), "KT-CT-1111"},
		{"no such user", org, initializeAccount, map[string]any{"i": robinsSale("9999999", nil)}, "KT-CT-10325"},
		{"another brand", org, initializeAccount, sale(func(m map[string]any) { m["brandCode"] = "OCTOPUS_ENERGY" }), "KT-CT-10325"},
		{"a British postcode", org, initializeAccount, sale(func(m map[string]any) {
			m["billingAddress"] = map[string]any{"line1": "1 High Street", "postalCode": "NR3 1AB"}
		}), "KT-CT-10325"},
		{"no NMI", org, initializeAccount, sale(point("AUS_ELECTRICITY", "12")), "KT-CT-10325"},
		{"a water market", org, initializeAccount, sale(point("WATER", "6305123456")), "KT-CT-10325"},
		{"a payment day of 30", org, initializeAccount, sale(func(m map[string]any) { m["chosenPaymentDay"] = 30 }), "KT-CT-10325"},
		{"21 supply points", org, initializeAccount, sale(func(m map[string]any) {
			var list []any
			for i := range 21 {
				list = append(list, map[string]any{"supplyPointInfo": map[string]any{"marketName": "AUS_ELECTRICITY", "externalIdentifier": fmt.Sprintf("63051234%02d", i)}})
			}
			m["supplyPointInfoList"] = list
		}), "KT-CT-10325"},
		{"a day gone", org, initializeAccount, sale(func(m map[string]any) { m["preferredSsd"] = "2026-11-30" }), "KT-CT-10325"},
		{"no account", org, enroll, map[string]any{"i": map[string]any{"accountNumber": "A-00000000"}}, "KT-CT-4501"},
		{"another's account", c, enroll, map[string]any{"i": map[string]any{"accountNumber": accountNumber}}, "KT-CT-4501"},
		{"an account never prepared", org, enroll, map[string]any{"i": map[string]any{"accountNumber": "A-C90DC431"}}, "KT-CT-10313"},
		{"bad bank details", org, enroll, map[string]any{"i": map[string]any{"accountNumber": accountNumber, "bankDetails": map[string]any{"accountHolder": "Robin Switcher", "accountNumber": "12", "bankCode": "062000"}}}, "KT-CT-1602"},
	} {
		if got := graphqlCode(t, tc.client, tc.query, tc.vars); got != tc.code {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.code)
		}
	}
	// A second address naming the demo household's NMI, which is ours already.
	ours := simtest.Get(mustQuery(t, org)(initializeAccount, sale(func(m map[string]any) {
		point("AUS_ELECTRICITY", "4102004420")(m)
		m["billingAddress"] = map[string]any{"line1": "3 Banksia Road", "postalCode": "2042"}
	})), "initializeAccount", "accountNumber")
	if got := graphqlCode(t, org, enroll, map[string]any{"i": map[string]any{"accountNumber": ours}}); got != "KT-CT-10314" {
		t.Errorf("a supply on supply with us: %q", got)
	}

	begun := simtest.Get(mustQuery(t, org)(enroll, map[string]any{"i": map[string]any{"accountNumber": accountNumber,
		"bankDetails": map[string]any{"accountHolder": "Robin Switcher", "accountNumber": "123456789", "bankCode": "062000"}}}), "enrollment")
	process := simtest.Get(begun, "enrollmentProcesses", 0)
	if simtest.Get(begun, "message") != "The account "+accountNumber+" is switching from 2026-12-20." || simtest.Get(process, "status") != "IN_PROGRESS" ||
		simtest.Get(process, "currentProcessData", "salesChannel") != "PHONE" || len(simtest.Get(process, "supplyPoints", "edges").([]any)) != 2 {
		t.Errorf("enrolled %v", begun)
	}
	if got := graphqlCode(t, org, enroll, map[string]any{"i": map[string]any{"accountNumber": accountNumber}}); got != "KT-CT-10313" {
		t.Errorf("enrolling twice: %q", got)
	}

	key := simtest.Get(mustQuery(t, org)(`mutation { generatePreSignedToken(email: "robin@example.com", numberOfDaysAllowed: 30, scope: SUBMIT_METER_READINGS) { token } }`, nil), "generatePreSignedToken", "token")
	robinClient, _ := signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
	read := func() map[string]any {
		return simtest.Get(mustQuery(t, robinClient)(`query($n: String!) { account(accountNumber: $n) { status balance
			paymentSchedules(first: 3) { edges { node { paymentDay validFrom } } }
			properties { address meterPoints { __typename ... on MeterPointType { identifier supplyStatus } agreements { validFrom validTo product { code } } } } } }`,
			map[string]any{"n": accountNumber}), "account").(map[string]any)
	}
	a := read()
	mps := simtest.Get(a, "properties", 0, "meterPoints")
	if got := spaced(simtest.Get(a, "status"), simtest.Get(a, "balance"), simtest.Get(mps, 0, "identifier"), simtest.Get(mps, 0, "supplyStatus"),
		simtest.Get(mps, 0, "agreements", 0, "validFrom"), simtest.Get(mps, 0, "agreements", 0, "product", "code"),
		simtest.Get(mps, 1, "__typename"), simtest.Get(a, "paymentSchedules", "edges", 0, "node", "paymentDay"), simtest.Get(a, "paymentSchedules", "edges", 0, "node", "validFrom")); got !=
		"PENDING 0 6305123456 GAINING 2026-12-20T00:00:00+11:00 VAR-22-11-01 GasMeterPointType 10 2026-12-20" {
		t.Errorf("Robin's account: %s", got)
	}
	const reverse = `mutation($n: String!) { reverseEnrollment(input: {number: $n, reversalReason: "changed my mind"}) { message enrollmentProcess { ... on JoinSupplierProcessType { status stage } } } }`
	jsp := simtest.Get(process, "number")
	if got := graphqlCode(t, robinClient, reverse, map[string]any{"n": jsp}); got != "KT-CT-10350" {
		t.Errorf("reversing before the switch starts: %q", got)
	}
	if got := graphqlCode(t, c, reverse, map[string]any{"n": jsp}); got != "KT-CT-10318" {
		t.Errorf("another reversing it: %q", got)
	}
	robinClient.AdvanceClock(20 * 24 * time.Hour) // 22 December
	robinClient, _ = signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
	reversed := simtest.Get(mustQuery(t, robinClient)(reverse, map[string]any{"n": jsp}), "reverseEnrollment")
	if simtest.Get(reversed, "enrollmentProcess", "status") != "REVERSED" || simtest.Get(reversed, "enrollmentProcess", "stage") != "REVERSED" {
		t.Errorf("reversed %v", reversed)
	}
	if got := graphqlCode(t, robinClient, reverse, map[string]any{"n": jsp}); got != "KT-CT-10349" {
		t.Errorf("reversing twice: %q", got)
	}
	mps = simtest.Get(read(), "properties", 0, "meterPoints")
	if got := spaced(simtest.Get(mps, 0, "agreements", 0, "validTo"), simtest.Get(mps, 1, "agreements", 0, "validTo")); got != "2026-12-23T00:00:00+11:00 2026-12-23T00:00:00+11:00" {
		t.Errorf("the supplies' agreements after the reversal: %s", got)
	}
	// Supplied for two days, the account stays active after its agreements end.
	robinClient.AdvanceClock(3 * 24 * time.Hour)
	robinClient, _ = signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
	if got := simtest.Get(read(), "status"); got != "ACTIVE" {
		t.Errorf("three days after the reversal the account is %v, want ACTIVE (it was supplied)", got)
	}
}

// TestOctopusPrepareAccount: on Octopus a sign-up prepares the customer and an account
// in one call, INCOMPLETE until switched, and sends the customer a link to set a
// password; a customer's details that name another's address are refused.
func TestOctopusPrepareAccount(t *testing.T) {
	srv, c := octopus(t)
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	const prepare = `mutation($i: PrepareAccountInput!) { prepareAccount(input: $i) { isNewAccount accountNumber isNewUser userId } }`
	in := func(email, given string) map[string]any {
		return map[string]any{"i": map[string]any{"brandCode": "OCTOPUS_ENERGY", "billingName": "Sam Newcomer",
			"billingAddress":  map[string]any{"line1": "7 Elm Row", "postalCode": "LS6 2QT"},
			"customerDetails": map[string]any{"givenName": given, "familyName": "Newcomer", "email": email},
			"salesInfo":       map[string]any{"salesChannel": "DIRECT"}}}
	}
	got := simtest.Get(mustQuery(t, org)(prepare, in("sam@example.com", "Sam")), "prepareAccount")
	number, _ := simtest.Get(got, "accountNumber").(string)
	if simtest.Get(got, "isNewAccount") != true || simtest.Get(got, "isNewUser") != true || !strings.HasPrefix(number, "A-") {
		t.Fatalf("prepared %v", got)
	}
	if again := simtest.Get(mustQuery(t, org)(prepare, in("sam@example.com", "Sam")), "prepareAccount"); simtest.Get(again, "accountNumber") != number || simtest.Get(again, "isNewUser") != false {
		t.Errorf("preparing again: %v", again)
	}
	// Octopus documents only KT-CT-10303 here, which Kraken's registry types
	// SERVICE_AVAILABILITY ("not enabled"): no documented code fits a taken address, so
	// the refusal answers with its own.
	if code := graphqlCode(t, org, prepare, in("demo@krakensim.dev", "Sam")); code != "KT-CT-10322" {
		t.Errorf("another's address: %q", code)
	}
	var welcome bool
	for _, m := range c.Messages() {
		welcome = welcome || m.To == "sam@example.com" && m.Data["accountNumber"] == number && m.Data["token"] != ""
	}
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	if a := sess.World().Account(number); !welcome || a == nil || a.Status != "INCOMPLETE" || a.BillingAddress.Postcode != "LS6 2QT" {
		t.Errorf("the prepared account %+v, welcomed %v", a, welcome)
	}
}

// enrollRobin signs Robin up on Origin through an organisation (initializeUser,
// initializeAccount, enrollment with bank details) and returns his account's number.
func enrollRobin(t *testing.T, srv *simtest.Server, c *simtest.Client) string {
	t.Helper()
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	user := simtest.Get(mustQuery(t, org)(initializeUser, map[string]any{"i": map[string]any{"customerDetails": robin(nil), "brandCode": "ORIGIN"}}), "initializeUser", "userNumber")
	number := simtest.Get(mustQuery(t, org)(initializeAccount, map[string]any{"i": robinsSale(user.(string), nil)}), "initializeAccount", "accountNumber").(string)
	mustQuery(t, org)(enroll, map[string]any{"i": map[string]any{"accountNumber": number,
		"bankDetails": map[string]any{"accountHolder": "Robin Switcher", "accountNumber": "123456789", "bankCode": "062000"}}})
	return number
}

// pendingReferral is the id of Robin's account's one reward, which must be the pending
// referral its sale's code made.
func pendingReferral(t *testing.T, robin *simtest.Client, number string) int {
	t.Helper()
	rewards := simtest.Get(mustQuery(t, robin)(`query($n: String!) { account(accountNumber: $n) { rewards { id schemeType paymentStatus rewardAmount } } }`, map[string]any{"n": number}), "account", "rewards").([]any)
	if len(rewards) != 1 || fmt.Sprint(simtest.Get(rewards[0], "schemeType"), " ", simtest.Get(rewards[0], "paymentStatus"), " ", simtest.Get(rewards[0], "rewardAmount")) != "REFERRAL_REWARD Pending 5000" {
		t.Fatalf("the enrolled account's rewards %v, want its referral's, pending", rewards)
	}
	id, err := strconv.Atoi(simtest.Get(rewards[0], "id").(string))
	if err != nil {
		t.Fatalf("reward id %v", simtest.Get(rewards[0], "id"))
	}
	return id
}

// TestOriginEnrolmentReferralWaitsToBeSettled: Robin's sale names the demo account's
// referral code. Enrolled, neither account is paid: the reward is pending, on both
// sides, under one id. Paid out by the organisation, both are credited it; cancelled,
// a switch's pending reward is cancelled with it and its direct debit stops; reversed
// once its supplies have started, the reward is cancelled too and never paid, however
// far the clock moves.
func TestOriginEnrolmentReferralWaitsToBeSettled(t *testing.T) {
	const (
		payout = `mutation($a: String!, $id: Int!) { payoutReferralForAccount(input: {accountNumber: $a, referralId: $id}) { payoutResult { accountCreditAmount } } }`
		settle = `mutation($id: Int!, $s: ReferralStatus!) { updateAccountReferralStatus(input: {referralId: $id, status: $s}) { accountReferral { paymentStatus } } }`
		cancel = `mutation($n: String) { cancelEnrollment(input: {number: $n}) { message } }`
		undo   = `mutation($n: String!) { reverseEnrollment(input: {number: $n}) { message } }`
		sides  = `query($n: String!) { account(accountNumber: $n) { balance status referrals(first: 5) { edges { node { id referredUserName paymentStatus } } }
			directDebitInstructions(first: 5) { edges { node { status } } } paymentSchedules(first: 5) { edges { node { validFrom validTo } } } } }`
	)
	for _, settled := range []string{"paid out", "cancelled", "reversed"} {
		t.Run(settled, func(t *testing.T) {
			srv, demo := tenant(t, "origin-schema.graphql")
			org, _ := signInAs(t, srv, demo, `{organizationSecretKey: "krakensim-organization-secret"}`)
			before := simtest.Get(mustQuery(t, demo)(sides, map[string]any{"n": "A-C90DC431"}), "account", "balance").(float64)
			number := enrollRobin(t, srv, demo)
			robin := robinIn(t, srv, demo)
			read := func(n string) map[string]any {
				c := map[bool]*simtest.Client{true: robin, false: demo}[n == number]
				return simtest.Get(mustQuery(t, c)(sides, map[string]any{"n": n}), "account").(map[string]any)
			}
			id := pendingReferral(t, robin, number)
			referrer := read("A-C90DC431")
			var row []string
			for _, e := range simtest.Get(referrer, "referrals", "edges").([]any) {
				if simtest.Get(e, "node", "referredUserName") == "Robin Switcher" {
					row = append(row, fmt.Sprint(simtest.Get(e, "node", "id"), " ", simtest.Get(e, "node", "paymentStatus")))
				}
			}
			if want := []string{strconv.Itoa(id) + " Pending"}; !slices.Equal(row, want) || referrer["balance"] != before || read(number)["balance"] != 0.0 {
				t.Errorf("once enrolled: the referrer's referral %v (want %v), balances %v (was %v) and %v (want unpaid)", row, want, referrer["balance"], before, read(number)["balance"])
			}
			if settled == "paid out" {
				if got := simtest.Get(mustQuery(t, org)(payout, map[string]any{"a": number, "id": id}), "payoutReferralForAccount", "payoutResult", "accountCreditAmount"); got != 5000.0 {
					t.Errorf("paid out %v", got)
				}
				if got := spaced(read(number)["balance"], read("A-C90DC431")["balance"]); got != spaced(5000.0, before+5000) {
					t.Errorf("balances once paid out %s", got)
				}
				if got := graphqlCode(t, org, payout, map[string]any{"a": number, "id": id}); got != "KT-CT-6730" {
					t.Errorf("paying out twice: %q", got)
				}
				return
			}
			if settled == "reversed" {
				robin.AdvanceClock(20 * 24 * time.Hour) // 22 December: supplied since the 20th
				robin = robinIn(t, srv, robin)
				mustQuery(t, robin)(undo, map[string]any{"n": "JSP-" + strings.TrimPrefix(number, "A-")})
				robin.AdvanceClock(40 * 24 * time.Hour)
				robin, demo = robinIn(t, srv, robin), srv.ClientIn(t, robin.Session)
				signInAtAuth(t, demo, "demo@krakensim.dev")
				org, _ = signInAs(t, srv, robin, `{organizationSecretKey: "krakensim-organization-secret"}`)
				rewards := simtest.Get(mustQuery(t, robin)(`query($n: String!) { account(accountNumber: $n) { rewards { id paymentStatus } } }`, map[string]any{"n": number}), "account", "rewards")
				if got := fmt.Sprint(rewards); got != fmt.Sprintf("[map[id:%d paymentStatus:Cancelled]]", id) {
					t.Errorf("the reversed switch's reward: %s, want it cancelled", got)
				}
				if got := graphqlCode(t, org, payout, map[string]any{"a": number, "id": id}); got != "KT-CT-6730" {
					t.Errorf("paying out the reversed switch's reward: %q, want KT-CT-6730", got)
				}
				if got := graphqlCode(t, org, settle, map[string]any{"id": id, "s": "PAID"}); got != "KT-CT-6732" {
					t.Errorf("settling the reversed switch's reward: %q, want KT-CT-6732", got)
				}
				for _, e := range simtest.Get(read("A-C90DC431"), "referrals", "edges").([]any) {
					if simtest.Get(e, "node", "referredUserName") == "Robin Switcher" && simtest.Get(e, "node", "paymentStatus") != "Cancelled" {
						t.Errorf("the referrer's row for the reversed switch: %v", e)
					}
				}
				return
			}
			if a := read(number); len(simtest.Get(a, "paymentSchedules", "edges").([]any)) != 1 || simtest.Get(a, "directDebitInstructions", "edges", 0, "node", "status") != "ACTIVE" {
				t.Errorf("enrolled with bank details: %v", a)
			}
			mustQuery(t, robin)(cancel, map[string]any{"n": "JSP-" + strings.TrimPrefix(number, "A-")})
			a := read(number)
			if got := spaced(a["status"], a["balance"], simtest.Get(a, "directDebitInstructions", "edges", 0, "node", "status"), len(simtest.Get(a, "paymentSchedules", "edges").([]any))); got != "WITHDRAWN 0 CANCELLED 0" {
				t.Errorf("once cancelled: %s, want WITHDRAWN 0 CANCELLED 0 (no mandate, no schedule)", got)
			}
			if got := graphqlCode(t, org, settle, map[string]any{"id": id, "s": "PAID"}); got != "KT-CT-6732" {
				t.Errorf("settling the cancelled reward: %q, want KT-CT-6732", got)
			}
			if got := graphqlCode(t, org, payout, map[string]any{"a": number, "id": id}); got != "KT-CT-6730" {
				t.Errorf("paying out the cancelled reward: %q, want KT-CT-6730", got)
			}
			if got := read("A-C90DC431")["balance"]; got != before {
				t.Errorf("the referrer's balance %v, want %v", got, before)
			}
		})
	}
}

// TestOriginSignUpSupplyStarts: Robin's switch, enrolled on 2 December for the 20th,
// registers until then (GAINING, not on supply, the join process in progress, at the
// registration's stage, not awaiting terms) and its registrations complete on the
// 20th, its terms never accepted: on supply, the process completed, and the account
// billed from then on.
func TestOriginSignUpSupplyStarts(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	number := enrollRobin(t, srv, c)
	read := func() string {
		org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
		key := simtest.Get(mustQuery(t, org)(`mutation { generatePreSignedToken(email: "robin@example.com", numberOfDaysAllowed: 30, scope: SUBMIT_METER_READINGS) { token } }`, nil), "generatePreSignedToken", "token")
		robin, _ := signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
		out := mustQuery(t, robin)(`query($n: String!) { account(accountNumber: $n) { status
			properties { meterPoints { ... on MeterPointType { supplyStatus isOnSupply enrolment { status } } ... on GasMeterPointType { supplyStatus isOnSupply } } }
			bills(first: 3) { edges { node { toDate } } } }
			lifecycleProcesses(accountNumber: $n) { ... on LifecycleProcessesType { joinSupplierProcesses { edges { node { status stage } } } } } }`, map[string]any{"n": number})
		return fmt.Sprint(simtest.Get(out, "account", "status"), " ", simtest.Get(out, "account", "properties", 0, "meterPoints"), " ",
			simtest.Get(out, "lifecycleProcesses", "joinSupplierProcesses", "edges", 0, "node", "status"), " ",
			simtest.Get(out, "lifecycleProcesses", "joinSupplierProcesses", "edges", 0, "node", "stage"), " ", len(simtest.Get(out, "account", "bills", "edges").([]any)))
	}
	for _, tc := range []struct {
		days int
		want string
	}{
		{0, "PENDING [map[enrolment:map[status:REQUESTED] isOnSupply:false supplyStatus:GAINING] map[isOnSupply:false supplyStatus:GAINING]] IN_PROGRESS REGISTRATION_IN_PROGRESS 0"},
		{17, "PENDING [map[enrolment:map[status:REQUESTED] isOnSupply:false supplyStatus:GAINING] map[isOnSupply:false supplyStatus:GAINING]] IN_PROGRESS REGISTRATION_IN_PROGRESS 0"}, // the 19th
		{1, "ACTIVE [map[enrolment:<nil> isOnSupply:true supplyStatus:ON_SUPPLY] map[isOnSupply:true supplyStatus:ON_SUPPLY]] COMPLETED COMPLETED 0"},                                  // the 20th
		{63, "ACTIVE [map[enrolment:<nil> isOnSupply:true supplyStatus:ON_SUPPLY] map[isOnSupply:true supplyStatus:ON_SUPPLY]] COMPLETED COMPLETED 2"},                                 // 21 February
	} {
		c.AdvanceClock(time.Duration(tc.days) * 24 * time.Hour)
		if got := read(); got != tc.want {
			t.Errorf("%d days on: %s, want %s", tc.days, got, tc.want)
		}
	}
}

// TestOriginSignUpFirstStatementFromSupplyStart: Robin's account, made on 2 December
// for a switch on the 20th, has its first statement from the 20th, the day its supply
// started, a month on from then, each fuel's standing charge for the days supplied
// alone.
func TestOriginSignUpFirstStatementFromSupplyStart(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	number := enrollRobin(t, srv, c)
	c.AdvanceClock(52 * 24 * time.Hour) // 23 January 2027
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	key := simtest.Get(mustQuery(t, org)(`mutation { generatePreSignedToken(email: "robin@example.com", numberOfDaysAllowed: 30, scope: SUBMIT_METER_READINGS) { token } }`, nil), "generatePreSignedToken", "token")
	r, _ := signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
	out := mustQuery(t, r)(`query($n: String!) { account(accountNumber: $n) { bills(first: 3) { edges { node { fromDate toDate ... on StatementType {
		transactions(first: 10) { edges { node { __typename title ... on Charge { consumption { startDate endDate } lineItems { numberOfUnits periodStartAt } } } } } } } } } } }`, map[string]any{"n": number})
	bills := simtest.Get(out, "account", "bills", "edges").([]any)
	if len(bills) != 1 {
		t.Fatalf("%d statements by 23 January, want the first: %v", len(bills), bills)
	}
	s := simtest.Get(bills[0], "node")
	if from, to := simtest.Get(s, "fromDate"), simtest.Get(s, "toDate"); from != "2026-12-20" || to != "2027-01-19" {
		t.Errorf("the first statement runs %v to %v, want 2026-12-20 to 2027-01-19", from, to)
	}
	var fuels []string
	for _, e := range simtest.Get(s, "transactions", "edges").([]any) {
		tx := simtest.Get(e, "node")
		if simtest.Get(tx, "__typename") != "Charge" {
			continue
		}
		fuels = append(fuels, simtest.Get(tx, "title").(string))
		if got := fmt.Sprint(simtest.Get(tx, "consumption")); got != "map[endDate:2027-01-19 startDate:2026-12-20]" {
			t.Errorf("%s charged for %s", simtest.Get(tx, "title"), got)
		}
		// Its use's items, then its standing charge's, one of each for each price.
		items, days := simtest.Get(tx, "lineItems").([]any), 0.0
		for _, item := range items[len(items)/2:] {
			n, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(item, "numberOfUnits")), 64)
			days += n
		}
		if days != 31 {
			t.Errorf("%s's standing charge for %v days, want the 31 supplied", simtest.Get(tx, "title"), days)
		}
	}
	if slices.Sort(fuels); fmt.Sprint(fuels) != "[Electricity Gas]" {
		t.Errorf("the first statement charges %v", fuels)
	}
}

// TestOriginSignUpBilled: Robin's switch, on supply from 20 December, is billed from
// then on its fuels' ledgers, the ones the account lists (its main ledger, holding the
// referral reward the organisation paid out, became its electricity ledger): each statement charges both fuels,
// each ledger's balance is what its transactions add up to, and the variable direct
// debit on the 10th collects what each statement left owing.
func TestOriginSignUpBilled(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	number := enrollRobin(t, srv, c)
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	mustQuery(t, org)(`mutation($a: String!, $id: Int!) { payoutReferralForAccount(input: {accountNumber: $a, referralId: $id}) { payoutResult { accountCreditAmount } } }`,
		map[string]any{"a": number, "id": pendingReferral(t, robinIn(t, srv, c), number)})
	c.AdvanceClock(99 * 24 * time.Hour) // 11 March 2027
	org, _ = signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	key := simtest.Get(mustQuery(t, org)(`mutation { generatePreSignedToken(email: "robin@example.com", numberOfDaysAllowed: 30, scope: SUBMIT_METER_READINGS) { token } }`, nil), "generatePreSignedToken", "token")
	r, _ := signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
	out := mustQuery(t, r)(`query($n: String!) { account(accountNumber: $n) { balance
		ledgers { number ledgerType balance transactions(first: 50) { edges { node { __typename amount title postedDate hasStatement isIssued } } } }
		payments(first: 10) { edges { node { amount status paymentDate } } }
		bills(first: 3) { edges { node { fromDate toDate ... on StatementType { totalCharges { grossTotal }
			transactions(first: 10) { edges { node { __typename title amount ... on Charge { lineItems { periodStartAt } } } } } } } } } } }`, map[string]any{"n": number})
	account := simtest.Get(out, "account").(map[string]any)

	ledgers := map[string]string{} // type by number
	charged := map[string]int{}    // charges by ledger type
	sum := 0
	for _, l := range account["ledgers"].([]any) {
		l := l.(map[string]any)
		ledgers[l["number"].(string)] = l["ledgerType"].(string)
		net := 0
		for _, e := range simtest.Get(l, "transactions", "edges").([]any) {
			tx := e.(map[string]any)["node"].(map[string]any)
			amount := int(tx["amount"].(float64))
			if tx["postedDate"].(string) < "2026-12-20" && (tx["hasStatement"] != false || tx["isIssued"] != false) { // the reward, before any statement's period
				t.Errorf("%s of %s: hasStatement %v, isIssued %v, with no statement covering it", tx["__typename"], tx["postedDate"], tx["hasStatement"], tx["isIssued"])
			}
			if tx["__typename"] == "Charge" {
				net -= amount
				charged[l["ledgerType"].(string)] += amount
			} else {
				net += amount
			}
		}
		if got := int(l["balance"].(float64)); got != net {
			t.Errorf("ledger %s (%s): balance %d, its transactions add up to %d", l["number"], l["ledgerType"], got, net)
		}
		sum += net
	}
	if types := slices.Sorted(maps.Values(ledgers)); fmt.Sprint(types) != "[ELECTRICITY_LEDGER GAS_LEDGER]" {
		t.Errorf("ledgers %v, want an electricity and a gas ledger", ledgers)
	}
	if charged["ELECTRICITY_LEDGER"] <= 0 || charged["GAS_LEDGER"] <= 0 {
		t.Errorf("charges by ledger %v, want both fuels charged", charged)
	}
	if got := int(account["balance"].(float64)); got != sum {
		t.Errorf("balance %d, the ledgers' transactions add up to %d", got, sum)
	}

	bills := simtest.Get(account, "bills", "edges").([]any)
	if len(bills) != 2 {
		t.Fatalf("%d statements, want 2: %v", len(bills), bills)
	}
	billed := 0
	for i, want := range []struct{ from, to, start string }{
		{"2027-01-20", "2027-02-19", "2027-01-20T00:00:00+11:00"},
		{"2026-12-20", "2027-01-19", "2026-12-20T00:00:00+11:00"}, // from the supply start
	} {
		s := bills[i].(map[string]any)["node"].(map[string]any)
		if s["fromDate"] != want.from || s["toDate"] != want.to {
			t.Errorf("statement %d: %s to %s, want %s to %s", i, s["fromDate"], s["toDate"], want.from, want.to)
		}
		fuels, charges := []string{}, 0
		for _, e := range simtest.Get(s, "transactions", "edges").([]any) {
			tx := e.(map[string]any)["node"].(map[string]any)
			if tx["__typename"] != "Charge" {
				continue
			}
			fuels = append(fuels, tx["title"].(string))
			charges += int(tx["amount"].(float64))
			if got := simtest.Get(tx, "lineItems", 0, "periodStartAt"); got != want.start {
				t.Errorf("statement %s: %s charged from %v, want %s", want.from, tx["title"], got, want.start)
			}
		}
		slices.Sort(fuels)
		total := int(simtest.Get(s, "totalCharges", "grossTotal").(float64))
		if fmt.Sprint(fuels) != "[Electricity Gas]" || charges <= 0 || total != charges {
			t.Errorf("statement %s: charges %v of %d, total %d; want both fuels, adding up to the total", want.from, fuels, charges, total)
		}
		billed += total
	}
	if billed != charged["ELECTRICITY_LEDGER"]+charged["GAS_LEDGER"] {
		t.Errorf("statements charge %d, the ledgers %d", billed, charged["ELECTRICITY_LEDGER"]+charged["GAS_LEDGER"])
	}

	// The reward (5000) pays for what it covers; the direct debit collects the rest.
	collected := 0
	for _, e := range simtest.Get(account, "payments", "edges").([]any) {
		p := e.(map[string]any)["node"].(map[string]any)
		if d := p["paymentDate"].(string); d != "2027-02-10" && d != "2027-03-10" {
			t.Errorf("payment on %s, want the 10th's", d)
		}
		collected += int(p["amount"].(float64))
	}
	if want := billed - 5000; collected != want {
		t.Errorf("collected %d, want %d", collected, want)
	}
	if sum != 0 {
		t.Errorf("balance %d, want 0 once the direct debit collected the statements", sum)
	}
}

// robinIn signs Robin in with a pre-signed key an organisation makes him.
func robinIn(t *testing.T, srv *simtest.Server, c *simtest.Client) *simtest.Client {
	t.Helper()
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	key := simtest.Get(mustQuery(t, org)(`mutation { generatePreSignedToken(email: "robin@example.com", numberOfDaysAllowed: 30, scope: SUBMIT_METER_READINGS) { token } }`, nil), "generatePreSignedToken", "token")
	robin, _ := signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
	return robin
}

// TestOriginSignUpMetered: Robin's switch brings its supplies' meters with its
// registrations' completion on 20 December: none before, then a smart electricity meter
// with its register "1" and a gas meter, read every day from the supply start; his
// predicted bill and estimated use answer, he sends a reading of the register, and his
// first statement charges the electricity his meter read.
func TestOriginSignUpMetered(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	number := enrollRobin(t, srv, c)
	const meters = `query($n: String!) { account(accountNumber: $n) { properties { meterPoints {
		... on MeterPointType { identifier meters { id serialNumber installationType activeFrom registers { id identifier } } predictedBill { costInCents predictedBillError { __typename } } }
		... on GasMeterPointType { identifier meters { serialNumber activeFrom } } } } } }`
	points := func() any {
		return simtest.Get(mustQuery(t, robinIn(t, srv, c))(meters, map[string]any{"n": number}), "account", "properties", 0, "meterPoints")
	}
	before := points()
	if got := spaced(simtest.Get(before, 0, "meters"), simtest.Get(before, 1, "meters")); got != "[] []" {
		t.Errorf("meters while the switch registers: %s, want none", got)
	}
	c.AdvanceClock(52 * 24 * time.Hour) // 23 January 2027
	after := points()
	elec, gas := simtest.Get(after, 0, "meters", 0), simtest.Get(after, 1, "meters", 0)
	serial, _ := simtest.Get(elec, "serialNumber").(string)
	if len(serial) != 10 || simtest.Get(elec, "installationType") != "COMMS4D" || simtest.Get(elec, "activeFrom") != "2026-12-20T00:00:00+11:00" ||
		simtest.Get(elec, "registers", 0, "identifier") != "1" || simtest.Get(gas, "activeFrom") != "2026-12-20T00:00:00+11:00" || simtest.Get(gas, "serialNumber") == "" {
		t.Fatalf("meters on supply: %v", after)
	}
	if bill := simtest.Get(after, 0, "predictedBill"); simtest.Get(bill, "predictedBillError") != nil || simtest.Get(bill, "costInCents") == nil {
		t.Errorf("predicted bill %v", bill)
	}
	robin := robinIn(t, srv, c)
	out := mustQuery(t, robin)(`query($n: String!) {
		supplyPoint(externalIdentifier: "6305123456", marketName: "AUS_ELECTRICITY") { readings(startAt: "2026-12-01T00:00:00+11:00", endAt: "2027-01-23T00:00:00+11:00",
			timezone: "Australia/Melbourne", readingType: INTERVAL, timeGranularity: DAY) { importReadings(first: 100) { edges { node { value intervalStart } } } } }
		account(accountNumber: $n) { estimatedUsageAndCost { electricityEstimation { dailyEstimation { usageEnergy } } }
			bills(first: 1) { edges { node { fromDate toDate ... on StatementType { transactions(first: 10) { edges { node { title ... on Charge { lineItems { numberOfUnits } } } } } } } } } } }`,
		map[string]any{"n": number})
	days := simtest.Get(out, "supplyPoint", "readings", "importReadings", "edges").([]any)
	if len(days) != 34 || simtest.Get(days, 0, "node", "intervalStart") != "2026-12-20T00:00:00+11:00" {
		t.Fatalf("%d days read, the first %v; want 34 from 20 December", len(days), simtest.Get(days, 0, "node"))
	}
	billed, used := 0.0, 0.0 // what the first statement's period, 20 December to 19 January, read; what the days to 22 January did
	for i, d := range days[:33] {
		v, _ := strconv.ParseFloat(simtest.Get(d, "node", "value").(string), 64)
		if v <= 0 {
			t.Errorf("a day read %v", d)
		}
		if i < 31 {
			billed += v
		}
		used += v
	}
	if got := simtest.Get(out, "account", "estimatedUsageAndCost", "electricityEstimation", "dailyEstimation", "usageEnergy"); got == nil || got == 0.0 {
		t.Errorf("no estimated use: %v", simtest.Get(out, "account", "estimatedUsageAndCost"))
	}
	for _, e := range simtest.Get(out, "account", "bills", "edges", 0, "node", "transactions", "edges").([]any) {
		if simtest.Get(e, "node", "title") == "Electricity" {
			if got, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(e, "node", "lineItems", 0, "numberOfUnits")), 64); math.Abs(got-billed) > 0.01 {
				t.Errorf("the first statement charges %v kWh of electricity, the meter read %.3f", got, billed)
			}
		}
	}
	register, _ := strconv.Atoi(simtest.Get(elec, "registers", 0, "id").(string))
	read := mustQuery(t, robin)(`mutation($r: Int!, $v: String!) { createElectricitySelfMeterReads(readings: [{registerId: $r, value: $v, readAt: "2027-01-22T00:00:00+11:00"}]) {
		readings { ... on ElectricityAccumulationMeterReadingType { value } } error { __typename } } }`, map[string]any{"r": register, "v": strconv.FormatFloat(used, 'f', 1, 64)})
	if got := simtest.Get(read, "createElectricitySelfMeterReads"); simtest.Get(got, "error") != nil || len(simtest.Get(got, "readings").([]any)) != 1 {
		t.Errorf("Robin's reading of register %d: %v", register, got)
	}
}
