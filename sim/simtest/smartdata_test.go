package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusSmartMeterDataPreferencesAreKept sets how often the demo household's smart
// meters are read: the choice and the consent (with the time it changed) are read back;
// from then on no half hour of its meters is collected (its measurements and costOfUsage
// have none, its days remain, and the half hours before stay), until it chooses
// half-hourly again; a household on Cosy, priced each half hour, and Sam's, with no smart
// meter, may not choose, and another session keeps the default.
func TestOctopusSmartMeterDataPreferencesAreKept(t *testing.T) {
	_, c := octopus(t)
	const prefs = `{ smartMeterDataPreferences(accountNumber: "A-C90DC431") { readingFrequency readingsAnalysisConsentProvided readingsAnalysisConsentUpdatedDatetime } }`
	const set = `mutation($a: String!, $f: SmartMeterReadingFrequencyChoices!, $x: Boolean) { updateSmartMeterDataPreferences(input: {accountNumber: $a, readingFrequency: $f, allowReadingsAnalysis: $x}) {
		preferencesUpdated smartMeterDataPreferences { readingFrequency readingsAnalysisConsentProvided readingsAnalysisConsentUpdatedDatetime } } }`
	const day = `query($from: DateTime!, $to: DateTime!) { account(accountNumber: "A-C90DC431") { properties {
		hh: measurements(first: 60, utilityFilters: [{electricityFilters: {readingFrequencyType: RAW_INTERVAL}}], startAt: $from, endAt: $to) { edges { node { value } } }
		days: measurements(first: 3, utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}], startAt: $from, endAt: $to) { edges { node { value } } } } }
		costOfUsage(accountNumber: "A-C90DC431", grouping: HALF_HOUR, startAt: $from) { details(grouping: HALF_HOUR, first: 48) { edges { node { startAt usageKwh } } } } }`
	read := func(c *simtest.Client, from, to string) string {
		t.Helper()
		got := mustQuery(t, c)(day, map[string]any{"from": from, "to": to})
		p := simtest.Get(got, "account", "properties", 0)
		costed := 0
		for _, e := range simtest.Get(got, "costOfUsage", "details", "edges").([]any) {
			if at, _ := simtest.Get(e, "node", "startAt").(string); simtest.Get(e, "node", "usageKwh") != nil && day0(t, at).Before(day0(t, to)) {
				costed++
			}
		}
		return fmt.Sprintf("%d half hours, %d days, %d costed", len(simtest.Get(p, "hh", "edges").([]any)), len(simtest.Get(p, "days", "edges").([]any)), costed)
	}
	if got := fmt.Sprint(mustQuery(t, c)(prefs, nil)["smartMeterDataPreferences"]); got != "map[readingFrequency:HALF_HOURLY readingsAnalysisConsentProvided:true readingsAnalysisConsentUpdatedDatetime:2019-10-01T00:00:00+01:00]" {
		t.Errorf("by default: %s", got)
	}
	got := mustQuery(t, c)(set, map[string]any{"a": "A-C90DC431", "f": "DAILY", "x": false})
	want := "map[readingFrequency:DAILY readingsAnalysisConsentProvided:false readingsAnalysisConsentUpdatedDatetime:2026-12-02T09:00:00+00:00]"
	if s := fmt.Sprint(simtest.Get(got, "updateSmartMeterDataPreferences", "smartMeterDataPreferences")); s != want {
		t.Errorf("the payload: %s, want %s", s, want)
	}
	c.AdvanceClock(48 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	if s := fmt.Sprint(mustQuery(t, c)(prefs, nil)["smartMeterDataPreferences"]); s != want {
		t.Errorf("read back: %s, want %s", s, want)
	}
	for _, tc := range []struct{ from, to, want string }{
		{"2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", "48 half hours, 1 days, 48 costed"},
		{"2026-12-03T00:00:00Z", "2026-12-04T00:00:00Z", "0 half hours, 1 days, 0 costed"},
	} {
		if got := read(c, tc.from, tc.to); got != tc.want {
			t.Errorf("daily reads from 2 December, %s to %s: %s, want %s", tc.from, tc.to, got, tc.want)
		}
	}
	mustQuery(t, c)(set, map[string]any{"a": "A-C90DC431", "f": "HALF_HOURLY"})
	c.AdvanceClock(24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	if got := fmt.Sprint(simtest.Get(mustQuery(t, c)(prefs, nil), "smartMeterDataPreferences", "readingsAnalysisConsentProvided")); got != "false" {
		t.Errorf("the consent after a change of frequency alone: %s", got)
	}
	// The half hour in progress when the choice changed is read as it began.
	for _, tc := range []struct{ from, to, want string }{
		{"2026-12-03T00:00:00Z", "2026-12-04T00:00:00Z", "0 half hours, 1 days, 0 costed"},
		{"2026-12-04T09:00:00Z", "2026-12-05T00:00:00Z", "29 half hours, 1 days, 29 costed"},
	} {
		if got := read(c, tc.from, tc.to); got != tc.want {
			t.Errorf("half-hourly again from 4 December 09:00, %s to %s: %s, want %s", tc.from, tc.to, got, tc.want)
		}
	}
	for _, tc := range []struct{ who, account string }{{"heatpump@krakensim.dev", heatPumpAccount}, {"other@krakensim.dev", "A-0F4A2B19"}} {
		c.SignIn(tc.who, "krakensim")
		r := c.Query(set, map[string]any{"a": tc.account, "f": "MONTHLY"})
		if len(r.Errors) != 1 || r.Errors[0].Code() != "KT-GB-4015" {
			t.Errorf("%s monthly: %+v", tc.account, r.Errors)
		}
	}
	_, fresh := octopus(t)
	if got := fmt.Sprint(simtest.Get(mustQuery(t, fresh)(prefs, nil), "smartMeterDataPreferences", "readingFrequency")); got != "HALF_HOURLY" {
		t.Errorf("another session: %s", got)
	}
}

// day0 is the instant an RFC 3339 time names.
func day0(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestOctopusConsumptionDataIsAskedOfOnesOwnMeter: requestConsumptionData gives a
// reference for the viewer's own smart electricity meter; another's, a gas meter's and a
// span that ends before it starts are refused as documented.
func TestOctopusConsumptionDataIsAskedOfOnesOwnMeter(t *testing.T) {
	srv, c := octopus(t)
	m := simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters { smartImportElectricityMeter { deviceId } } }
		gasMeterPoints { meters { smartGasMeter { deviceId } } } } } }`, nil), "account", "properties", 0)
	elec, _ := simtest.Get(m, "electricityMeterPoints", 0, "meters", 0, "smartImportElectricityMeter", "deviceId").(string)
	gas, _ := simtest.Get(m, "gasMeterPoints", 0, "meters", 0, "smartGasMeter", "deviceId").(string)
	if elec == "" || gas == "" {
		t.Fatalf("the demo household's smart meters %v", m)
	}
	const ask = `mutation($d: String!, $from: DateTime, $to: DateTime) { requestConsumptionData(input: {deviceId: $d, startAt: $from, endAt: $to}) { requestReference } }`
	ref, _ := simtest.Get(mustQuery(t, c)(ask, map[string]any{"d": elec, "from": "2026-12-01T00:00:00Z", "to": "2026-12-02T00:00:00Z"}), "requestConsumptionData", "requestReference").(string)
	if len(ref) != 16 {
		t.Errorf("the reference %q", ref)
	}
	sam := srv.ClientIn(t, c.Session)
	sam.SignIn("other@krakensim.dev", "krakensim")
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		code   string
	}{
		{"another's meter", sam, map[string]any{"d": elec}, "KT-GB-4033"},
		{"a gas meter", c, map[string]any{"d": gas}, "KT-GB-4033"},
		{"a span backwards", c, map[string]any{"d": elec, "from": "2026-12-02T00:00:00Z", "to": "2026-12-01T00:00:00Z"}, "KT-GB-4034"},
	} {
		if got := graphqlCode(t, tc.client, ask, tc.vars); got != tc.code {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.code)
		}
	}
}
