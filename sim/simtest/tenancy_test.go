package simtest_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// claimedHome moves the demo household out of its home on 2 December 2026 and has Sam
// claim the occupier account supplying it from the 3rd on 9 December, moving in on the
// 5th on Flexible, with a direct debit of a variable amount on the 5th when debit: the
// server, the household's client, Sam's (signed in), the account's number and the
// home's property id.
func claimedHome(t *testing.T, debit bool) (*simtest.Server, *simtest.Client, *simtest.Client, string, string) {
	t.Helper()
	srv, c := octopus(t)
	mustQuery(t, c)(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-02"}) { account { number } } }`, nil)
	number := occupierLetter(t, c).Data["accountNumber"]
	c.AdvanceClock(7 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	found := simtest.Get(mustQuery(t, c)(`query($pc: String!, $s: String!) { occupierAccount(postcode: $pc, shortcode: $s) { propertyId occupyToken } }`,
		map[string]any{"pc": "NR3 1AB", "s": number[6:]}), "occupierAccount")
	id, _ := simtest.Get(found, "propertyId").(float64)
	property := strconv.FormatFloat(id, 'f', -1, 64)
	sam := srv.ClientIn(t, c.Session)
	sam.Token, _ = simtest.Get(found, "occupyToken").(string)
	quote := simtest.Get(mustQuery(t, sam)(`mutation($n: String!, $p: ID!) { requote(input: {accountNumber: $n, propertyId: $p}) { quote { code } } }`,
		map[string]any{"n": number, "p": property}), "requote", "quote")
	in := map[string]any{"accountNumber": number, "propertyId": property, "quoteCode": simtest.Get(quote, "code"), "productCode": "VAR-22-11-01", "paymentDay": 5, "moveInDate": "2026-12-05",
		"users": []any{map[string]any{"givenName": "Sam", "familyName": "Newcomer", "email": "sam@example.com", "mobile": "07700900123", "optedInForMarketing": false}}}
	if debit {
		in["directDebitInstruction"] = map[string]any{"accountNumber": "55779911", "accountHolder": "Sam Newcomer", "sortCode": "200000"}
	}
	mustQuery(t, sam)(`mutation($in: OccupyInput!) { occupy(input: $in) { account { number } } }`, map[string]any{"in": in})
	var welcome map[string]string
	for _, m := range c.Messages() {
		if m.To == "sam@example.com" {
			welcome = m.Data
		}
	}
	mustQuery(t, sam)(`mutation($u: String!, $t: String!) { resetUserPassword(input: {userId: $u, token: $t, newPassword: "a-new-home-2026"}) { __typename } }`,
		map[string]any{"u": welcome["userId"], "t": welcome["token"]})
	sam.SignIn("sam@example.com", "a-new-home-2026")
	return srv, c, sam, number, property
}

// TestAccountMovedOutStaysActive: an account that has moved out of its last home reads
// ACTIVE, as AccountStatus has it for a supply that has ended, whether it was made
// active (the demo household's) or became so on its supply's first day (the occupier
// account Sam claimed).
func TestAccountMovedOutStaysActive(t *testing.T) {
	_, c, sam, number, property := claimedHome(t, true)
	mustQuery(t, sam)(`mutation($n: String!, $p: String!) { performMoveOut(input: {accountNumber: $n, propertyId: $p, moveOutDate: "2026-12-20"}) { account { number } } }`,
		map[string]any{"n": number, "p": property})
	c.AdvanceClock(60 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	sam.SignIn("sam@example.com", "a-new-home-2026")
	const status = `query($n: String!) { account(accountNumber: $n) { status } }`
	for who, client := range map[string]*simtest.Client{number: sam, "A-C90DC431": c} {
		if got := simtest.Get(mustQuery(t, client)(status, map[string]any{"n": who}), "account", "status"); got != "ACTIVE" {
			t.Errorf("%s after its move out: %v, want ACTIVE", who, got)
		}
	}
}

// TestChangeOfTenancySupplyFollowsTheHome: once Sam has claimed the home the demo
// household left, its MPAN is supplied through Sam's account: Sam's reading is taken
// and the household's, sent after its move out, refused; a lookup by MPAN answers for
// Sam's supply; the public REST API reads Sam the meter from the day the account began, and
// the household only until it moved out.
func TestChangeOfTenancySupplyFollowsTheHome(t *testing.T) {
	srv, c, sam, _, _ := claimedHome(t, true)
	const mpan, use = "1013004420117", "/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/?group_by=day"
	expected := simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters { registers { expectedReadingRanges } } } } } }`, nil),
		"account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "registers", 0, "expectedReadingRanges", 0)
	lo, _ := simtest.Get(expected, 0).(float64)
	hi, _ := simtest.Get(expected, 1).(float64)
	if lo == 0 || hi < lo {
		t.Fatalf("the meter's register expects %v", expected)
	}
	const reading = `mutation($v: Int!) { createElectricityMeterReading(mpan: "1013004420117", serialNumber: "19L3471092", readings: [{registerId: "1", reading: $v}]) {
		readingErrors { field errors { ... on SerializerErrorType { code message } } } } }`
	value := map[string]any{"v": int(lo+hi) / 2}
	if got := simtest.Get(mustQuery(t, sam)(reading, value), "createElectricityMeterReading", "readingErrors"); fmt.Sprint(got) != "[]" {
		t.Errorf("Sam's reading: %v", got)
	}
	refused := simtest.Get(mustQuery(t, c)(reading, value), "createElectricityMeterReading", "readingErrors", 0)
	if simtest.Get(refused, "field") != "mpan" || simtest.Get(refused, "errors", 0, "code") != "does_not_exist" {
		t.Errorf("the household's reading after its move out: %v", refused)
	}
	if got := simtest.Get(mustQuery(t, sam)(`{ annualElectricityConsumption(mpan: "`+mpan+`") { supplierEffectiveFromDate } }`, nil), "annualElectricityConsumption", "supplierEffectiveFromDate"); got != "2026-12-03" {
		t.Errorf("the supply by MPAN is supplied from %v, want Sam's start", got)
	}
	days := func(client *simtest.Client) []any {
		t.Helper()
		rc := srv.ClientIn(t, c.Session)
		rc.Header.Set("Authorization", "JWT "+client.Token)
		status, b := rc.Do(http.MethodGet, use, nil)
		var out map[string]any
		if err := json.Unmarshal(b, &out); err != nil || status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", use, status, b)
		}
		rows, _ := out["results"].([]any)
		return rows
	}
	if rows := days(sam); len(rows) != 6 || simtest.Get(rows, 5, "interval_start") != "2026-12-03T00:00:00Z" {
		t.Errorf("Sam reads %d days: %v; want the 6 from 2026-12-03", len(rows), rows)
	}
	if rows := days(c); len(rows) == 0 || simtest.Get(rows, 0, "interval_end") != "2026-12-03T00:00:00Z" {
		t.Errorf("the household reads to %v; want its move out, 2026-12-03", simtest.Get(rows, 0, "interval_end"))
	}
}

// TestChangedHandsMeterPricedByItsHolder: the home's meter is read through the account
// that held the home at each time. Sam, paying by transfer, reads an hour of January
// 2027 at Flexible's NON_DIRECT_DEBIT unit rate the public REST API lists, and a half
// hour of its smart meter's telemetry at the same price; the demo household's hour in
// November, before it moved out, keeps its direct debit's.
func TestChangedHandsMeterPricedByItsHolder(t *testing.T) {
	srv, c, sam, samAccount, _ := claimedHome(t, false)
	setClock(t, sam, "2027-02-01T09:00:00Z")
	sam.SignIn("sam@example.com", "a-new-home-2026")
	c.SignIn("demo@krakensim.dev", "krakensim")
	_, body := rest(t, srv, c.Session, "", "/v1/products/VAR-22-11-01/electricity-tariffs/E-1R-VAR-22-11-01-A/standard-unit-rates/")
	listed := func(method, at string) float64 {
		t.Helper()
		for _, r := range body["results"].([]any) {
			to, _ := simtest.Get(r, "valid_to").(string)
			if simtest.Get(r, "payment_method") == method && simtest.Get(r, "valid_from").(string) <= at && (to == "" || at < to) {
				return number(t, simtest.Get(r, "value_exc_vat"))
			}
		}
		t.Fatalf("no %s rate at %s in %v", method, at, body)
		return 0
	}
	const hour = `query($n: String!, $at: DateTime!, $to: DateTime!) { account(accountNumber: $n) { properties { measurements(first: 1,
		startAt: $at, endAt: $to, utilityFilters: [{electricityFilters: {readingFrequencyType: HOUR_INTERVAL}}]) { edges { node { value
		metaData { statistics { costExclTax { estimatedAmount } } } } } } } } }`
	for _, tc := range []struct {
		who            *simtest.Client
		account, at    string
		paid, whoseWas string
	}{
		{sam, samAccount, "2027-01-20T12:00:00Z", "NON_DIRECT_DEBIT", "Sam's, by transfer"},
		{c, "A-C90DC431", "2026-11-20T12:00:00Z", "DIRECT_DEBIT", "the household's, by direct debit"},
	} {
		from, _ := time.Parse(time.RFC3339, tc.at)
		node := simtest.Get(mustQuery(t, tc.who)(hour, map[string]any{"n": tc.account, "at": tc.at, "to": from.Add(time.Hour).Format(time.RFC3339)}),
			"account", "properties", 0, "measurements", "edges", 0, "node")
		kwh := number(t, simtest.Get(node, "value"))
		if kwh <= 0 {
			t.Fatalf("%s: no use in the hour from %s: %v", tc.account, tc.at, node)
		}
		got, want := number(t, simtest.Get(node, "metaData", "statistics", 0, "costExclTax", "estimatedAmount"))/kwh, listed(tc.paid, tc.at)
		if math.Abs(got-want) > 0.005 {
			t.Errorf("the hour from %s costs %.4fp/kWh, want %.4f, %s unit rate", tc.at, got, want, tc.whoseWas)
		}
	}
	device := simtest.Get(mustQuery(t, sam)(`query($n: String!) { account(accountNumber: $n) { electricityAgreements { meterPoint { meters { smartDevices { deviceId } } } } } }`,
		map[string]any{"n": samAccount}), "account", "electricityAgreements", 0, "meterPoint", "meters", 0, "smartDevices", 0, "deviceId")
	half := simtest.Get(mustQuery(t, sam)(`query($d: String!) { smartMeterTelemetry(deviceId: $d, grouping: HALF_HOURLY, start: "2027-01-20T12:00:00Z", end: "2027-01-20T12:30:00Z") {
		consumptionDelta costDelta } }`, map[string]any{"d": device}), "smartMeterTelemetry", 0)
	if got, want := number(t, simtest.Get(half, "costDelta"))/number(t, simtest.Get(half, "consumptionDelta"))*1000, listed("NON_DIRECT_DEBIT", "2027-01-20T12:00:00Z"); math.Abs(got-want) > 0.01 {
		t.Errorf("Sam's smart meter's half hour costs %.4fp/kWh, want %.4f", got, want)
	}
}

// TestChangedHandsMeasurementsAreTheTenancys reads the home's measurements through each
// account that held it, as REST's consumption does: the demo household's end at its move
// out, Sam's begin when his account's supply did, each day REST's (to its half hours' rounding); paged, a
// window reaching over the change lists only the asker's days, and its count says so;
// the meter's own consumption and Sam's smart meter telemetry keep to the same days.
func TestChangedHandsMeasurementsAreTheTenancys(t *testing.T) {
	srv, c, sam, samAccount, _ := claimedHome(t, true)
	const days = `query($n: String!, $after: String) { account(accountNumber: $n) { properties { measurements(first: 3, after: $after,
		startAt: "2026-11-29T00:00:00Z", endAt: "2026-12-08T00:00:00Z", timezone: "Europe/London",
		utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}]) { totalCount pageInfo { hasNextPage endCursor }
		edges { node { value ... on IntervalMeasurementType { startAt } } } } } } }`
	const use = "/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/?group_by=day&period_from=2026-11-29T00:00:00Z&period_to=2026-12-08T00:00:00Z&order_by=period"
	for _, tc := range []struct {
		who          *simtest.Client
		account      string
		first, last  string
		n, meterDays int // the window's days; the meter's to the last midnight, 9 December
	}{
		{c, "A-C90DC431", "2026-11-29T00:00:00+00:00", "2026-12-02T00:00:00+00:00", 4, 4},
		{sam, samAccount, "2026-12-03T00:00:00+00:00", "2026-12-07T00:00:00+00:00", 5, 6},
	} {
		var got []any
		var after any
		for page := 0; page < 5; page++ {
			conn := simtest.Get(mustQuery(t, tc.who)(days, map[string]any{"n": tc.account, "after": after}), "account", "properties", 0, "measurements")
			if total := simtest.Get(conn, "totalCount"); total != float64(tc.n) {
				t.Errorf("%s: totalCount %v, want %d", tc.account, total, tc.n)
			}
			got = append(got, simtest.Get(conn, "edges").([]any)...)
			if simtest.Get(conn, "pageInfo", "hasNextPage") != true {
				break
			}
			after = simtest.Get(conn, "pageInfo", "endCursor")
		}
		if len(got) != tc.n || simtest.Get(got[0], "node", "startAt") != tc.first || simtest.Get(got[len(got)-1], "node", "startAt") != tc.last {
			t.Errorf("%s reads %d days: %v; want %d, %s to %s", tc.account, len(got), got, tc.n, tc.first, tc.last)
			continue
		}
		rc := srv.ClientIn(t, c.Session)
		rc.Header.Set("Authorization", "JWT "+tc.who.Token)
		status, b := rc.Do(http.MethodGet, use, nil)
		var out map[string]any
		if err := json.Unmarshal(b, &out); err != nil || status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", use, status, b)
		}
		rows, _ := out["results"].([]any)
		if len(rows) != len(got) {
			t.Fatalf("%s: REST reads %d days, GraphQL %d", tc.account, len(rows), len(got))
		}
		for i, r := range rows {
			if g, want := number(t, simtest.Get(got[i], "node", "value")), number(t, simtest.Get(r, "consumption")); math.Abs(g-want) > 0.024 { // REST sums half hours rounded to the Wh
				t.Errorf("%s %v: GraphQL %.3f kWh, REST %.3f", tc.account, simtest.Get(r, "interval_start"), g, want)
			}
		}
		meter := simtest.Get(mustQuery(t, tc.who)(`query($n: String!) { account(accountNumber: $n) { properties { electricityMeterPoints { meters {
			consumption(grouping: DAY, startAt: "2026-11-29T00:00:00Z", first: 20, timezone: "Europe/London") { edges { node { startAt } } } } } } } }`,
			map[string]any{"n": tc.account}), "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any)
		if len(meter) != tc.meterDays || simtest.Get(meter[0], "node", "startAt") != tc.first {
			t.Errorf("%s: its meter's consumption reads %v; want %d days from %s", tc.account, meter, tc.meterDays, tc.first)
		}
	}
	device := simtest.Get(mustQuery(t, sam)(`query($n: String!) { account(accountNumber: $n) { electricityAgreements { meterPoint { meters { smartDevices { deviceId } } } } } }`,
		map[string]any{"n": samAccount}), "account", "electricityAgreements", 0, "meterPoint", "meters", 0, "smartDevices", 0, "deviceId")
	hours := simtest.Get(mustQuery(t, sam)(`query($d: String!) { smartMeterTelemetry(deviceId: $d, grouping: HOURLY, start: "2026-12-02T22:00:00Z", end: "2026-12-03T02:00:00Z") { readAt } }`,
		map[string]any{"d": device}), "smartMeterTelemetry").([]any)
	if len(hours) != 2 || simtest.Get(hours, 0, "readAt") != "2026-12-03T00:00:00+00:00" {
		t.Errorf("Sam's smart meter reads %v; want his 2 hours from 2026-12-03", hours)
	}
}
