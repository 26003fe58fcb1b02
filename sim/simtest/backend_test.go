package simtest_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// backend is current's server with Octopus's backend host served beside it
// (testdata/octopus-backend.graphql at server.BackendPath), over the same world.
func backend(t *testing.T) (*simtest.Server, *simtest.Client) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "octopus-backend.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	sdl, err := schema.Load(&ast.Source{Name: "octopus-backend.graphql", Input: string(b)})
	if err != nil {
		t.Fatal(err)
	}
	return currentWith(t, nil, nil, func(cfg *sim.Config) {
		cfg.Backend, cfg.BackendFields = sdl, schema.NewCatalog(sdl).FieldDocs()
	})
}

// octoCLIQuery is rogerhutchings/octo-cli's Saving Sessions query, as it sends it to the
// backend host.
const octoCLIQuery = `query($a: String!) { savingSessions {
	events(includeDev: false) { id code startAt endAt eventType capacityStatus targetRegion { regionId } }
	account(accountNumber: $a) { signedUpMeterPoint { regionId } hasJoinedCampaign joinedEvents { eventId startAt endAt eventType } } } }`

const backendJoin = `mutation($a: String!, $code: String!) { joinSavingSessionsEvent(input: {accountNumber: $a, eventCode: $code}) { joinedEventCodes } }`

// dualFuel is the demo dual-fuel household, signed up to Saving Sessions.
const dualFuel = "A-C90DC431"

// TestBackendSavingSessions replays the Saving Sessions ("Power Down") clients of
// Octopus's backend host: events with their kind, capacity and target regions, the
// account's region, joins refused as the host refuses them (OE-1308 with its reason,
// OE-1305) and a join the API site's savingSessions reads back.
func TestBackendSavingSessions(t *testing.T) {
	_, c := backend(t)
	read := func() (events []any, account any) {
		t.Helper()
		out := c.QueryAt(server.BackendPath, octoCLIQuery, map[string]any{"a": dualFuel})
		if len(out.Errors) > 0 {
			t.Fatalf("backend savingSessions: %+v", out.Errors)
		}
		events, _ = simtest.Get(out.Data, "savingSessions", "events").([]any)
		return events, simtest.Get(out.Data, "savingSessions", "account")
	}
	events, account := read()
	if len(events) < 50 {
		t.Fatalf("%d events, want every season's since 2022", len(events))
	}
	if got := simtest.Get(account, "signedUpMeterPoint", "regionId"); got != float64(10) {
		t.Errorf("signed-up meter point's region %v, want 10 (its MPAN 1013004420117 is Eastern's)", got)
	}
	targeted := 0
	for _, e := range events {
		if simtest.Get(e, "eventType") != "TURN_DOWN" {
			t.Fatalf("event %v of kind %v, want TURN_DOWN", simtest.Get(e, "code"), simtest.Get(e, "eventType"))
		}
		regions, ok := simtest.Get(e, "targetRegion").([]any)
		if !ok {
			t.Fatalf("event %v: targetRegion %v, want a list", simtest.Get(e, "code"), simtest.Get(e, "targetRegion"))
		}
		if len(regions) > 0 {
			targeted++
			if start := simtest.Get(e, "startAt").(string); start < "2025-11" {
				t.Errorf("event at %s targets regions %v; Saving Sessions were national before the 2025 season", start, regions)
			}
		}
	}
	if targeted == 0 {
		t.Error("no event targets regions")
	}
	joined := map[float64]bool{}
	for _, j := range simtest.Get(account, "joinedEvents").([]any) {
		if simtest.Get(j, "eventType") != "TURN_DOWN" {
			t.Errorf("joined event %v of kind %v", simtest.Get(j, "eventId"), simtest.Get(j, "eventType"))
		}
		joined[simtest.Get(j, "eventId").(float64)] = true
	}
	for _, e := range events {
		regions := simtest.Get(e, "targetRegion").([]any)
		if joined[simtest.Get(e, "id").(float64)] && len(regions) > 0 && !slices.ContainsFunc(regions, func(r any) bool { return simtest.Get(r, "regionId") == float64(10) }) {
			t.Errorf("the account joined event %v, called in regions %v only", simtest.Get(e, "code"), regions)
		}
	}

	// Walk the days until one upcoming event is national and one is called elsewhere.
	var national, elsewhere, started string
	for day := 0; day < 60 && (national == "" || elsewhere == "" || started == ""); day++ {
		events, _ = read()
		national, elsewhere = "", "" // both upcoming on the same day
		for _, e := range events {
			code, _ := simtest.Get(e, "code").(string)
			regions := simtest.Get(e, "targetRegion").([]any)
			upcoming := simtest.Get(e, "capacityStatus") == "AVAILABLE"
			switch {
			case !upcoming && started == "":
				started = code
			case upcoming && len(regions) == 0 && national == "" && !joined[simtest.Get(e, "id").(float64)]:
				national = code
			case upcoming && len(regions) > 0 && elsewhere == "" && !slices.ContainsFunc(regions, func(r any) bool { return simtest.Get(r, "regionId") == float64(10) }):
				elsewhere = code
			}
		}
		if national == "" || elsewhere == "" {
			c.AdvanceClock(24 * time.Hour)
			c.SignIn("demo@krakensim.dev", "krakensim")
		}
	}
	if national == "" || elsewhere == "" || started == "" {
		t.Fatalf("found national %q, elsewhere %q, started %q", national, elsewhere, started)
	}
	for _, tc := range []struct{ code, want, reason string }{
		{elsewhere, "OE-1308", "Account's region is outside of the target regions for this event."},
		{started, "OE-1308", "Account cannot join event after the start of the event."},
		{"NOSUCHEV", "OE-1305", ""},
	} {
		out := c.QueryAt(server.BackendPath, backendJoin, map[string]any{"a": dualFuel, "code": tc.code})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tc.want || out.Errors[0].Extensions["reason"] != nilIfEmpty(tc.reason) {
			t.Errorf("joining %s: %+v, want %s (reason %q)", tc.code, out.Errors, tc.want, tc.reason)
		}
	}
	out := c.QueryAt(server.BackendPath, backendJoin, map[string]any{"a": dualFuel, "code": national})
	if codes, _ := simtest.Get(out.Data, "joinSavingSessionsEvent", "joinedEventCodes").([]any); !slices.Contains(codes, any(national)) {
		t.Fatalf("joining %s answered %+v %+v", national, out.Data, out.Errors)
	}
	site := c.Query(`query($a: String!) { savingSessions { events { id code } account(accountNumber: $a) { joinedEvents { eventId } } } }`, map[string]any{"a": dualFuel})
	var id any
	for _, e := range simtest.Get(site.Data, "savingSessions", "events").([]any) {
		if simtest.Get(e, "code") == national {
			id = simtest.Get(e, "id")
		}
	}
	if !slices.ContainsFunc(simtest.Get(site.Data, "savingSessions", "account", "joinedEvents").([]any), func(j any) bool { return simtest.Get(j, "eventId") == id }) {
		t.Errorf("the API site does not list event %s (id %v), joined on the backend host, among the account's", national, id)
	}

	c.Token = ""
	out = c.QueryAt(server.BackendPath, backendJoin, map[string]any{"a": dualFuel, "code": national})
	if len(out.Errors) != 1 || out.Errors[0].Code() != "OE-0101" {
		t.Errorf("joining without a token: %+v, want OE-0101", out.Errors)
	}
	// The backend's queries document no errors, yet answer its codes as its mutations do.
	out = c.QueryAt(server.BackendPath, octoCLIQuery, map[string]any{"a": dualFuel})
	if len(out.Errors) == 0 || out.Errors[0].Code() != "OE-0101" {
		t.Errorf("savingSessions without a token: %+v, want OE-0101", out.Errors)
	}
	c.Token = "not-a-token"
	out = c.QueryAt(server.BackendPath, octoCLIQuery, map[string]any{"a": dualFuel})
	if len(out.Errors) == 0 || out.Errors[0].Code() != "OE-0102" {
		t.Errorf("savingSessions with a bad token: %+v, want OE-0102", out.Errors)
	}
	if out := c.Query(`{ viewer { id } }`, nil); len(out.Errors) == 0 || out.Errors[0].Code() != "KT-CT-1143" {
		t.Errorf("the API site with a bad token: %+v, want KT-CT-1143 as ever", out.Errors)
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// TestBackendWheelOfFortune replays rogerhutchings/octo-cli's Wheel of Fortune: the
// spins each fuel has left, a spin by fuelType, and the allowance and the API site's
// wheelOfFortuneSpins after it.
func TestBackendWheelOfFortune(t *testing.T) {
	_, c := backend(t)
	allowed := func() (float64, float64) {
		t.Helper()
		out := c.QueryAt(server.BackendPath, `query($a: String!) { electricity: wheelOfFortuneSpinsAllowed(fuelType: ELECTRICITY, accountNumber: $a) { spinsAllowed }
			gas: wheelOfFortuneSpinsAllowed(fuelType: GAS, accountNumber: $a) { spinsAllowed } }`, map[string]any{"a": dualFuel})
		if len(out.Errors) > 0 {
			t.Fatalf("wheelOfFortuneSpinsAllowed: %+v", out.Errors)
		}
		e, _ := simtest.Get(out.Data, "electricity", "spinsAllowed").(float64)
		g, _ := simtest.Get(out.Data, "gas", "spinsAllowed").(float64)
		return e, g
	}
	if e, g := allowed(); e != 1 || g != 1 {
		t.Fatalf("spins allowed %v electricity, %v gas; want one each a month", e, g)
	}
	before := balanceOf(t, c, dualFuel)
	out := c.QueryAt(server.BackendPath, `mutation($a: String!) { spinWheelOfFortune(input: {accountNumber: $a, fuelType: ELECTRICITY}) { prize { value } } }`, map[string]any{"a": dualFuel})
	prize, ok := simtest.Get(out.Data, "spinWheelOfFortune", "prize", "value").(float64)
	if !ok || len(out.Errors) > 0 {
		t.Fatalf("spin: %+v %+v", out.Data, out.Errors)
	}
	if e, g := allowed(); e != 0 || g != 1 {
		t.Errorf("after an electricity spin, %v electricity and %v gas spins left; want 0 and 1", e, g)
	}
	if after := balanceOf(t, c, dualFuel); after-before != prize {
		t.Errorf("balance %v → %v after a prize of %v", before, after, prize)
	}
	site := c.Query(`query($a: String!) { wheelOfFortuneSpins(accountNumber: $a) { electricity { remainingSpinsThisMonth } } }`, map[string]any{"a": dualFuel})
	if got := simtest.Get(site.Data, "wheelOfFortuneSpins", "electricity", "remainingSpinsThisMonth"); got != float64(0) {
		t.Errorf("the API site says %v electricity spins remain after the backend's spin: %+v", got, site.Errors)
	}
}

func balanceOf(t *testing.T, c *simtest.Client, account string) float64 {
	t.Helper()
	out := c.Query(`query($a: String!) { account(accountNumber: $a) { balance } }`, map[string]any{"a": account})
	b, ok := simtest.Get(out.Data, "account", "balance").(float64)
	if !ok {
		t.Fatalf("balance: %+v", out.Errors)
	}
	return b
}

// TestBackendHostName answers a request for the API path to a host named api.backend.…
// from the backend's schema, and the same path to any other host from the site's.
func TestBackendHostName(t *testing.T) {
	srv, c := backend(t)
	for _, tc := range []struct {
		host string
		want string
	}{
		{"api.backend.octopus.energy", "savingSessions"},
		{"API.Backend.localhost:8080", "savingSessions"},
		{"api.octopus.energy", "viewer"},
	} {
		req, err := http.NewRequest(http.MethodPost, srv.URL+server.APIPath, strings.NewReader(`{"query":"{ __schema { queryType { fields { name } } } }"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(sim.SessionHeader, c.Session)
		req.Host = tc.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if has := strings.Contains(string(b), `"viewer"`); has != (tc.want == "viewer") || !strings.Contains(string(b), `"`+tc.want+`"`) {
			t.Errorf("Host %s: answered %.200s, want the schema with %s", tc.host, b, tc.want)
		}
	}
}
