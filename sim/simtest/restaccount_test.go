package simtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// restAccountQuery is what REST-only clients read of an account, asked of GraphQL.
const restAccountQuery = `query($n: String!) { account(accountNumber: $n) { properties { id
	electricityMeterPoints { mpan meters { serialNumber } agreements(includeInactive: true) { validFrom validTo tariff { ... on TariffType { tariffCode } } } }
	gasMeterPoints { mprn meters { serialNumber } agreements(includeInactive: true) { validFrom validTo tariff { tariffCode } } } } } }`

// withExport gives the demo household a solar export supply on Outgoing Octopus, its
// agreements stored newest first.
func withExport(w *sim.World) {
	for _, a := range w.Accounts {
		if a.Number == "A-C90DC431" {
			p := &a.Properties[0]
			p.ElectricityMeterPoints = append(p.ElectricityMeterPoints, sim.ElectricityMeterPoint{
				ID: "1873599", MPAN: "1050000000009", Status: "ON_SUPPLY", ProfileClass: 8, GSPGroupID: "_A",
				Meters: []sim.ElectricityMeter{{ID: "3010099", SerialNumber: "19L3471092", MeterType: "S2A", IsDigital: true, ActiveFrom: "2025-06-01"}},
				Agreements: []sim.Agreement{
					{ID: "9100099", TariffCode: "E-1R-OUTGOING-VAR-24-10-26-A", ProductCode: "OUTGOING-VAR-24-10-26", ValidFrom: "2025-11-01"},
					{ID: "9100098", TariffCode: "E-1R-OUTGOING-FIX-12M-19-05-13-A", ProductCode: "OUTGOING-FIX-12M-19-05-13", ValidFrom: "2025-06-01", ValidTo: "2025-11-01"},
				},
			})
		}
	}
}

// sameInstant reports whether a REST and a GraphQL date-time are the same instant, or
// both null.
func sameInstant(rest, graph any) bool {
	if rest == nil || graph == nil {
		return rest == nil && graph == nil
	}
	r, e1 := time.Parse(time.RFC3339, fmt.Sprint(rest))
	g, e2 := time.Parse(time.RFC3339, fmt.Sprint(graph))
	return e1 == nil && e2 == nil && r.Equal(g)
}

// TestOctopusRESTAccountAgreesWithGraphQL: GET /v1/accounts/{number}/ lists what
// GraphQL's account does of each of the key's user's accounts (every property, meter
// point, meter serial number and agreement, the agreements by valid_from) and marks
// the export supply alone as one.
func TestOctopusRESTAccountAgreesWithGraphQL(t *testing.T) {
	srv, c := octopus(t, withExport)
	const demoKey = "sk_live_krakensimdemo3235447"
	for _, tc := range []struct {
		number  string
		exports []string
	}{
		{"A-C90DC431", []string{"1050000000009"}},
		{"A-7B3E9D12", nil},
	} {
		t.Run(tc.number, func(t *testing.T) {
			status, body := rest(t, srv, c.Session, demoKey, "/v1/accounts/"+tc.number+"/")
			graph := simtest.Get(mustQuery(t, c)(restAccountQuery, map[string]any{"n": tc.number}), "account", "properties").([]any)
			props, _ := body["properties"].([]any)
			if status != 200 || body["number"] != tc.number || len(props) != len(graph) || len(props) == 0 {
				t.Fatalf("%d %v; GraphQL's properties %v", status, body, graph)
			}
			var exports []string
			for i, p := range props {
				if id, _ := simtest.Get(p, "id").(float64); strconv.FormatFloat(id, 'f', -1, 64) != simtest.Get(graph[i], "id") {
					t.Errorf("property %d: REST id %v, GraphQL %v", i, simtest.Get(p, "id"), simtest.Get(graph[i], "id"))
				}
				for _, fuel := range []struct{ rest, graph, key string }{
					{"electricity_meter_points", "electricityMeterPoints", "mpan"},
					{"gas_meter_points", "gasMeterPoints", "mprn"},
				} {
					points, _ := simtest.Get(p, fuel.rest).([]any)
					want, _ := simtest.Get(graph[i], fuel.graph).([]any)
					if len(points) != len(want) {
						t.Fatalf("%s: REST %v, GraphQL %v", fuel.rest, points, want)
					}
					for j, mp := range points {
						id := simtest.Get(mp, fuel.key)
						if id != simtest.Get(want[j], fuel.key) {
							t.Errorf("%s %d: REST %v, GraphQL %v", fuel.rest, j, id, simtest.Get(want[j], fuel.key))
						}
						if simtest.Get(mp, "is_export") == true {
							exports = append(exports, fmt.Sprint(id))
						}
						var serials, wantSerials []string
						for _, m := range simtest.Get(mp, "meters").([]any) {
							serials = append(serials, fmt.Sprint(simtest.Get(m, "serial_number")))
						}
						for _, m := range simtest.Get(want[j], "meters").([]any) {
							wantSerials = append(wantSerials, fmt.Sprint(simtest.Get(m, "serialNumber")))
						}
						if !slices.Equal(serials, wantSerials) {
							t.Errorf("%v's meters: REST %v, GraphQL %v", id, serials, wantSerials)
						}
						ags := simtest.Get(mp, "agreements").([]any)
						wantAgs := slices.Clone(simtest.Get(want[j], "agreements").([]any))
						slices.SortStableFunc(wantAgs, func(x, y any) int {
							return strings.Compare(fmt.Sprint(simtest.Get(x, "validFrom")), fmt.Sprint(simtest.Get(y, "validFrom")))
						})
						if len(ags) != len(wantAgs) || len(ags) == 0 {
							t.Fatalf("%v's agreements: REST %v, GraphQL %v", id, ags, wantAgs)
						}
						for k, ag := range ags {
							g := wantAgs[k]
							if simtest.Get(ag, "tariff_code") != simtest.Get(g, "tariff", "tariffCode") ||
								!sameInstant(simtest.Get(ag, "valid_from"), simtest.Get(g, "validFrom")) || !sameInstant(simtest.Get(ag, "valid_to"), simtest.Get(g, "validTo")) {
								t.Errorf("%v's agreement %d: REST %v, GraphQL %v", id, k, ag, g)
							}
						}
					}
				}
			}
			if !slices.Equal(exports, tc.exports) {
				t.Errorf("export supplies %v, want %v", exports, tc.exports)
			}
		})
	}
}

// TestOctopusRESTAccountAsClientsReadIt: the demo household as REST clients parse it:
// local midnights with their offset (Z in winter), null for what is open-ended, the
// address in lines, town and county, each meter's register, the annual consumptions.
func TestOctopusRESTAccountAsClientsReadIt(t *testing.T) {
	srv, c := octopus(t)
	_, body := rest(t, srv, c.Session, "sk_live_krakensimdemo3235447", "/v1/accounts/A-C90DC431/")
	elec, gas := []any{"properties", 0, "electricity_meter_points", 0}, []any{"properties", 0, "gas_meter_points", 0}
	for _, tc := range []struct {
		path []any
		want any
	}{
		{[]any{"properties", 0, "id"}, 2214531.0},
		{[]any{"properties", 0, "moved_in_at"}, "2019-10-01T00:00:00+01:00"},
		{[]any{"properties", 0, "moved_out_at"}, nil},
		{[]any{"properties", 0, "address_line_1"}, "41 Octopus Lane"},
		{[]any{"properties", 0, "address_line_2"}, ""},
		{[]any{"properties", 0, "town"}, "Norwich"},
		{[]any{"properties", 0, "county"}, "Norfolk"},
		{[]any{"properties", 0, "postcode"}, "NR3 1AB"},
		{append(elec, "mpan"), "1013004420117"},
		{append(elec, "profile_class"), 1.0},
		{append(elec, "is_export"), false},
		{append(elec, "meters", 0, "serial_number"), "19L3471092"},
		{append(elec, "meters", 0, "registers", 0, "identifier"), "1"},
		{append(elec, "meters", 0, "registers", 0, "rate"), "STANDARD"},
		{append(elec, "meters", 0, "registers", 0, "is_settlement_register"), true},
		{append(elec, "agreements", 0, "tariff_code"), "E-1R-VAR-19-04-12-A"},
		{append(elec, "agreements", 0, "valid_from"), "2019-10-01T00:00:00+01:00"},
		{append(elec, "agreements", 0, "valid_to"), "2024-01-01T00:00:00Z"},
		{append(elec, "agreements", 1, "valid_to"), nil},
		{append(gas, "mprn"), "3406086401"},
		{append(gas, "meters", 0, "serial_number"), "E6S13452871961"},
		{append(gas, "agreements", 1, "tariff_code"), "G-1R-VAR-22-11-01-A"},
	} {
		if got := simtest.Get(body, tc.path...); got != tc.want {
			t.Errorf("%v: %#v, want %#v", tc.path, got, tc.want)
		}
	}
	for _, path := range [][]any{append(elec, "consumption_standard"), append(gas, "consumption_standard")} {
		if n, _ := simtest.Get(body, path...).(float64); n < 500 || n != float64(int(n)) {
			t.Errorf("%v: %v, not a whole number of kWh a year", path, simtest.Get(body, path...))
		}
	}
	if _, has := simtest.Get(body, gas...).(map[string]any)["registers"]; has {
		t.Errorf("a gas meter point lists registers: %v", simtest.Get(body, gas...))
	}
}

// TestOctopusRESTAccountRefusals: the account endpoint wants an API key or a token (401 without
// one or with a key of no one) and answers only the key's user's accounts, any other,
// or none of the number, not found.
func TestOctopusRESTAccountRefusals(t *testing.T) {
	srv, c := octopus(t)
	const demoKey, otherKey = "sk_live_krakensimdemo3235447", "sk_live_krakensimother3235449"
	for _, tc := range []struct {
		name, key, number string
		status            int
		detail            any
	}{
		{"no key", "", "A-C90DC431", 401, "Authentication credentials were not provided."},
		{"a key of no one", "sk_live_nobody", "A-C90DC431", 401, "Invalid API key."},
		{"another's account", demoKey, "A-0F4A2B19", 404, "Not found."},
		{"no such account", demoKey, "A-00000000", 404, "Not found."},
		{"the other user's own", otherKey, "A-0F4A2B19", 200, nil},
		{"the other user asking the demo user's", otherKey, "A-C90DC431", 404, "Not found."},
	} {
		status, body := rest(t, srv, c.Session, tc.key, "/v1/accounts/"+tc.number+"/")
		if status != tc.status || body["detail"] != tc.detail {
			t.Errorf("%s: %d %v, want %d %v", tc.name, status, body, tc.status, tc.detail)
		}
	}
	// A Kraken token is accepted beside an API key, raw or after "JWT" (as E.ON Next's
	// and octopower's clients send it), and refused as DRF's JWT authentication does.
	c.SignIn("demo@krakensim.dev", "krakensim")
	token := c.Token
	for _, tc := range []struct {
		name, header, number string
		status               int
		detail               any
	}{
		{"the raw token", token, "A-C90DC431", 200, nil},
		{"JWT and the token", "JWT " + token, "A-C90DC431", 200, nil},
		{"the token, another's account", "JWT " + token, "A-0F4A2B19", 404, "Not found."},
		{"a token of no server", "JWT eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl", "A-C90DC431", 401, "Error decoding signature."},
		{"a raw token of no server", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl", "A-C90DC431", 401, "Error decoding signature."},
	} {
		cl := srv.ClientIn(t, c.Session)
		cl.Header.Set("Authorization", tc.header)
		status, b := cl.Do(http.MethodGet, "/v1/accounts/"+tc.number+"/", nil)
		var body map[string]any
		if err := json.Unmarshal(b, &body); err != nil || status != tc.status || body["detail"] != tc.detail {
			t.Errorf("%s: %d %s, want %d %v", tc.name, status, b, tc.status, tc.detail)
		}
		if tc.status == 200 && body["number"] != tc.number {
			t.Errorf("%s: account %v, want %s", tc.name, body["number"], tc.number)
		}
	}
	c.AdvanceClock(2 * time.Hour)
	cl := srv.ClientIn(t, c.Session)
	cl.Header.Set("Authorization", "JWT "+token)
	if status, b := cl.Do(http.MethodGet, "/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/", nil); status != 401 || !strings.Contains(string(b), "Signature has expired.") {
		t.Errorf("an expired token: %d %s, want 401 Signature has expired.", status, b)
	}

	// Another scheme than Basic is passed over, as DRF's Basic authentication does.
	for _, tc := range []struct{ header, detail string }{
		{"Bearer " + demoKey, "Authentication credentials were not provided."},
		{"Token " + demoKey, "Authentication credentials were not provided."},
		{"Basic !!!", "Invalid basic header. Credentials not correctly base64 encoded."},
	} {
		cl := srv.ClientIn(t, c.Session)
		cl.Header.Set("Authorization", tc.header)
		status, b := cl.Do(http.MethodGet, "/v1/accounts/A-C90DC431/", nil)
		var body map[string]any
		if err := json.Unmarshal(b, &body); err != nil || status != 401 || body["detail"] != tc.detail {
			t.Errorf("%q: %d %s, want 401 %q", tc.header, status, b, tc.detail)
		}
	}
}
