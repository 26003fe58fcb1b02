package simtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginSignUpKeepsTheAddresssState: an Origin sign-up names supplies of the state
// its postcode is in: an NMI of another state's network, a British MPAN given as an
// NMI, electricity in Western Australia or the Northern Territory (outside the National
// Electricity Market) and an address naming another state than its postcode's are
// refused (KT-CT-10325, prepareAccount's KT-CT-10316); the accounts made keep the
// suburb and the state, the postcode's when the address names none.
func TestOriginSignUpKeepsTheAddresssState(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	user, _ := simtest.Get(mustQuery(t, org)(initializeUser, map[string]any{"i": map[string]any{"customerDetails": robin(nil), "brandCode": "ORIGIN"}}), "initializeUser", "userNumber").(string)
	sale := func(line1, line2, postcode, market, id string) map[string]any {
		return map[string]any{"i": robinsSale(user, func(m map[string]any) {
			m["billingAddress"] = map[string]any{"line1": line1, "line2": line2, "postalCode": postcode}
			m["supplyPointInfoList"] = []any{map[string]any{"supplyPointInfo": map[string]any{"marketName": market, "externalIdentifier": id}}}
		})}
	}
	for _, tc := range []struct {
		name                               string
		line1, line2, postcode, market, id string
	}{
		{"a New South Wales NMI in Queensland", "2 Test Street", "Fortitude Valley", "4006", "AUS_ELECTRICITY", "4102000029"},
		{"a British MPAN", "3 George Street", "Sydney", "2000", "AUS_ELECTRICITY", "1013004420117"},
		{"electricity in Perth", "1 Hay Street", "Perth", "6000", "AUS_ELECTRICITY", "8001000011"},
		{"electricity in Darwin", "1 Smith Street", "Darwin", "0800", "AUS_ELECTRICITY", "2500000011"},
		{"an address in another state than its postcode", "4 Ann Street", "Fortitude Valley NSW", "4006", "AUS_ELECTRICITY", "3114000001"},
	} {
		if got := graphqlCode(t, org, initializeAccount, sale(tc.line1, tc.line2, tc.postcode, tc.market, tc.id)); got != "KT-CT-10325" {
			t.Errorf("%s: %q, want KT-CT-10325", tc.name, got)
		}
	}
	const prepare = `mutation($i: PrepareAccountInput!) { prepareAccount(input: $i) { accountNumber } }`
	if got := graphqlCode(t, org, prepare, map[string]any{"i": map[string]any{"brandCode": "ORIGIN", "billingName": "Sam Newcomer",
		"billingAddress":      map[string]any{"line1": "2 Test Street, Fortitude Valley", "postalCode": "4006"},
		"customerDetails":     map[string]any{"givenName": "Sam", "familyName": "Newcomer", "email": "sam@example.com", "mobile": "0491570157"},
		"salesInfo":           map[string]any{"salesChannel": "DIRECT"},
		"supplyPointInfoList": []any{map[string]any{"supplyPointInfo": map[string]any{"marketName": "AUS_ELECTRICITY", "externalIdentifier": "4102000029"}}},
	}}); got != "KT-CT-10316" {
		t.Errorf("prepareAccount with a New South Wales NMI in Queensland: %q, want KT-CT-10316", got)
	}

	signUp := func(line1, line2, postcode, nmi string) string {
		number, _ := simtest.Get(mustQuery(t, org)(initializeAccount, sale(line1, line2, postcode, "AUS_ELECTRICITY", nmi)), "initializeAccount", "accountNumber").(string)
		mustQuery(t, org)(enroll, map[string]any{"i": map[string]any{"accountNumber": number}})
		return number
	}
	valley, sydney, fitzroy := signUp("1 Test Street, Fortitude Valley", "", "4006", "3114000001"), signUp("1 George Street", "", "2000", "4102000011"), signUp("12 Wattle Street", "Fitzroy VIC 3065", "3065", "6102000011")
	key := simtest.Get(mustQuery(t, org)(`mutation { generatePreSignedToken(email: "robin@example.com", numberOfDaysAllowed: 30, scope: SUBMIT_METER_READINGS) { token } }`, nil), "generatePreSignedToken", "token")
	robinClient, _ := signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
	for number, want := range map[string]string{
		valley:  "1 Test Street, Fortitude Valley QLD 4006 | 1 Test Street, Fortitude Valley QLD 4006 | Fortitude Valley QLD 4006",
		sydney:  "1 George Street, NSW 2000 | 1 George Street, NSW 2000 |  NSW 2000",
		fitzroy: "12 Wattle Street, Fitzroy VIC 3065 | 12 Wattle Street, Fitzroy VIC 3065 | Fitzroy VIC 3065",
	} {
		a := simtest.Get(mustQuery(t, robinClient)(`query($n: String!) { account(accountNumber: $n) { billingAddress
			properties { address richAddress { locality administrativeArea postalCode } } } }`, map[string]any{"n": number}), "account")
		rich := simtest.Get(a, "properties", 0, "richAddress")
		if got := fmt.Sprintf("%v | %v | %v %v %v", simtest.Get(a, "billingAddress"), simtest.Get(a, "properties", 0, "address"),
			simtest.Get(rich, "locality"), simtest.Get(rich, "administrativeArea"), simtest.Get(rich, "postalCode")); got != want {
			t.Errorf("%s: %s; want %s", number, got, want)
		}
	}
}

// TestOriginSignUpChecksAEMOsBlocks: an Origin sign-up's NMI must lie in a block AEMO
// allocates to an electricity distributor, and its MIRN in the gas block of the
// postcode's state (52 New South Wales and the ACT, 53 Victoria, 54 Queensland, 55 South
// Australia); others are refused with the NMI check's KT-CT-10325. The fixture homes'
// supplies lie in their states' blocks: Brunswick's NMI on CitiPower's network, Fortitude
// Valley's MIRN in Queensland's block.
func TestOriginSignUpChecksAEMOsBlocks(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	user, _ := simtest.Get(mustQuery(t, org)(initializeUser, map[string]any{"i": map[string]any{"customerDetails": robin(nil), "brandCode": "ORIGIN"}}), "initializeUser", "userNumber").(string)
	sale := func(line1, postcode, market, id string) map[string]any {
		return map[string]any{"i": robinsSale(user, func(m map[string]any) {
			m["billingAddress"] = map[string]any{"line1": line1, "postalCode": postcode}
			m["supplyPointInfoList"] = []any{map[string]any{"supplyPointInfo": map[string]any{"marketName": market, "externalIdentifier": id}}}
		})}
	}
	for _, tc := range []struct {
		name, line1, postcode, market, id, want string
	}{
		{"a Victorian MIRN in Sydney", "1 George Street", "2000", "AUS_GAS", "5310000012", "KT-CT-10325"},
		{"a South Australian MIRN in Brisbane", "1 Ann Street", "4006", "AUS_GAS", "5500000012", "KT-CT-10325"},
		{"a New South Wales MIRN in Adelaide", "1 King William Street", "5000", "AUS_GAS", "5240000012", "KT-CT-10325"},
		{"a MIRN in no state's block", "1 George Street", "2000", "AUS_GAS", "5900000012", "KT-CT-10325"},
		{"a MIRN of letters", "1 Collins Street", "3000", "AUS_GAS", "53A0000012", "KT-CT-10325"},
		{"an NMI in no distributor's block", "1 George Street", "2000", "AUS_ELECTRICITY", "4999000011", "KT-CT-10325"},
		{"a MIRN given as an NMI", "1 George Street", "2000", "AUS_ELECTRICITY", "5240000011", "KT-CT-10325"},
		{"an exempt network's NMI in Hobart", "1 Elizabeth Street", "7000", "AUS_ELECTRICITY", "7102000011", "KT-CT-10325"},
		{"a Canberra MIRN in the New South Wales and ACT block", "1 London Circuit", "2601", "AUS_GAS", "5250000012", ""},
		{"a Brisbane MIRN", "2 Ann Street", "4006", "AUS_GAS", "5400000012", ""},
		{"a Hobart NMI of TasNetworks", "2 Elizabeth Street", "7000", "AUS_ELECTRICITY", "8000000011", ""},
		{"an Ausgrid NMI of letters", "2 George Street", "2000", "AUS_ELECTRICITY", "NCCC000011", ""},
	} {
		if got := graphqlCode(t, org, initializeAccount, sale(tc.line1, tc.postcode, tc.market, tc.id)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}

	supplies := func(email, account string) string {
		key := simtest.Get(mustQuery(t, org)(`mutation($e: String!) { generatePreSignedToken(email: $e, numberOfDaysAllowed: 1, scope: SUBMIT_METER_READINGS) { token } }`,
			map[string]any{"e": email}), "generatePreSignedToken", "token")
		client, _ := signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
		data := mustQuery(t, client)(`query($n: String!) { account(accountNumber: $n) { properties { meterPoints { identifier
			... on MeterPointType { jurisdiction lnsp { id } } ... on GasMeterPointType { distributor { shortName } } } } } }`, map[string]any{"n": account})
		return fmt.Sprint(simtest.Get(data, "account", "properties", 0, "meterPoints"))
	}
	if got := supplies("heatpump@krakensim.dev", "A-5E3C1B77"); got != "[map[identifier:6102042918 jurisdiction:VIC lnsp:map[id:CITIPOWER]]]" {
		t.Errorf("the Brunswick home's supply: %s", got)
	}
	if got := supplies("new@krakensim.dev", "A-9D8E7F60"); !strings.Contains(got, "identifier:5400883020") {
		t.Errorf("the Fortitude Valley home's supplies: %s", got)
	}
}
