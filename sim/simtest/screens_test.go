package simtest_test

import (
	"encoding/json"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

const (
	screenQuery = `query($id: ID!, $p: [BackendScreenParamInputType]) { backendScreen(screenId: $id, params: $p) { __typename ... on GenericBackendScreen { name screenData } } }`
	screenEvent = `mutation($id: ID!, $p: [BackendScreenParamInputType]) { backendScreenEvent(input: {eventId: $id, params: $p}) { action { __typename
		... on ScreenActionType { screenId allowBack params { key value } } ... on CloseActionType { accessibilityLabel } } } }`
)

func params(kv ...string) []any {
	out := []any{}
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, map[string]any{"key": kv[i], "value": kv[i+1]})
	}
	return out
}

// screenItems decodes a GenericBackendScreen's screenData into its items.
func screenItems(t *testing.T, screen any) []map[string]any {
	t.Helper()
	var data struct{ Items []map[string]any }
	if err := json.Unmarshal([]byte(simtest.Get(screen, "screenData").(string)), &data); err != nil {
		t.Fatalf("screenData: %v", err)
	}
	return data.Items
}

// TestOctoplusIsJoinedFromItsScreen walks Octopus's app from the Octoplus sign-up
// screen: its Join button triggers the registered event, which signs the account up and
// opens the welcome screen, after which the sign-up screen says so and joining again is
// refused; screens and events refuse unknown ids and parameters with the documented
// codes.
func TestOctoplusIsJoinedFromItsScreen(t *testing.T) {
	srv, c := octopus(t, func(w *sim.World) { w.Account("A-7B3E9D12").LoyaltyPointsUserID = "" })
	query := mustQuery(t, c)
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")

	ids := query(`{ backendScreenIds backendScreenEventIds }`, nil)
	if got, _ := json.Marshal(ids); string(got) != `{"backendScreenEventIds":["join-octoplus","join-saving-sessions"],"backendScreenIds":["octoplus-sign-up","octoplus-welcome","saving-sessions-sign-up"]}` {
		t.Errorf("registered %s", got)
	}
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		query  string
		vars   map[string]any
		code   string
	}{
		{"no such screen", c, screenQuery, map[string]any{"id": "home", "p": params("accountNumber", "A-7B3E9D12")}, "KT-CT-8001"},
		{"a parameter the screen does not take", c, screenQuery, map[string]any{"id": "octoplus-sign-up", "p": params("accountNumber", "A-7B3E9D12", "colour", "red")}, "KT-CT-8005"},
		{"a parameter sent twice", c, screenQuery, map[string]any{"id": "octoplus-sign-up", "p": params("accountNumber", "A-7B3E9D12", "accountNumber", "A-C90DC431")}, "KT-CT-8006"},
		{"no account", c, screenQuery, map[string]any{"id": "octoplus-sign-up"}, "KT-CT-8008"},
		{"another's account", other, screenQuery, map[string]any{"id": "octoplus-sign-up", "p": params("accountNumber", "A-7B3E9D12")}, "KT-CT-8008"},
		{"no such event", c, screenEvent, map[string]any{"id": "win-lottery", "p": params("accountNumber", "A-7B3E9D12")}, "KT-CT-8002"},
		{"an event's missing parameter", c, screenEvent, map[string]any{"id": "join-octoplus"}, "KT-CT-8007"},
		{"a parameter the event does not take", c, screenEvent, map[string]any{"id": "join-octoplus", "p": params("accountNumber", "A-7B3E9D12", "mpan", "1")}, "KT-CT-8007"},
		{"joining for another's account", other, screenEvent, map[string]any{"id": "join-octoplus", "p": params("accountNumber", "A-7B3E9D12")}, "KT-CT-1111"},
		{"an account signed up", c, screenEvent, map[string]any{"id": "join-octoplus", "p": params("accountNumber", "A-C90DC431")}, "KT-GB-9310"},
		{"a supply with no smart meter", c, screenEvent, map[string]any{"id": "join-saving-sessions", "p": params("accountNumber", "A-7B3E9D12", "mpan", "1013004420117")}, "KT-CT-8004"},
	} {
		if out := tc.client.Query(tc.query, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}

	signUp := simtest.Get(query(screenQuery, map[string]any{"id": "octoplus-sign-up", "p": params("accountNumber", "A-7B3E9D12")}), "backendScreen")
	if simtest.Get(signUp, "__typename") != "GenericBackendScreen" || simtest.Get(signUp, "name") != "Join Octoplus" {
		t.Fatalf("the sign-up screen %v", signUp)
	}
	join := screenItems(t, signUp)[2]["buttonAction"].(map[string]any)
	if join["typename"] != "BackendScreenEventActionType" || join["eventId"] != "join-octoplus" {
		t.Fatalf("its Join button does %v", join)
	}
	var p []any
	for _, kv := range join["params"].([]any) {
		p = append(p, kv)
	}
	action := simtest.Get(query(screenEvent, map[string]any{"id": join["eventId"], "p": p}), "backendScreenEvent", "action")
	if simtest.Get(action, "__typename") != "ScreenActionType" || simtest.Get(action, "screenId") != "octoplus-welcome" || simtest.Get(action, "allowBack") != false ||
		simtest.Get(action, "params", 0, "value") != "A-7B3E9D12" {
		t.Errorf("joining answered %v", action)
	}
	if got := simtest.Get(query(`{ octoplusAccountInfo(accountNumber: "A-7B3E9D12") { isOctoplusEnrolled isLoyaltyPointsUser } }`, nil), "octoplusAccountInfo"); simtest.Get(got, "isOctoplusEnrolled") != true || simtest.Get(got, "isLoyaltyPointsUser") != true {
		t.Errorf("after joining, octoplusAccountInfo %v", got)
	}
	welcome := screenItems(t, simtest.Get(query(screenQuery, map[string]any{"id": "octoplus-welcome", "p": params("accountNumber", "A-7B3E9D12")}), "backendScreen"))
	if welcome[1]["typename"] != "TextType" || welcome[1]["value"] == "" {
		t.Errorf("the welcome screen %v", welcome)
	}
	if got := screenItems(t, simtest.Get(query(screenQuery, map[string]any{"id": "octoplus-sign-up", "p": params("accountNumber", "A-7B3E9D12")}), "backendScreen"))[1]["value"]; got != "Account A-7B3E9D12 is signed up to Octoplus." {
		t.Errorf("the sign-up screen now says %v", got)
	}
	if out := c.Query(screenEvent, map[string]any{"id": "join-octoplus", "p": params("accountNumber", "A-7B3E9D12")}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-9310" {
		t.Errorf("joined twice: %+v", out.Errors)
	}
}

// TestSavingSessionsAreJoinedByEvent signs an account up to Saving Sessions with the
// event of the embedded contract's backendScreenEvent, which closes the screen; the
// account is then signed up with its smart import supply, and another supply is
// refused.
func TestSavingSessionsAreJoinedByEvent(t *testing.T) {
	_, c := vendorServer(t)
	action := simtest.Get(mustQuery(t, c)(screenEvent, map[string]any{"id": "join-saving-sessions", "p": params("accountNumber", "A-7B3E9D12")}), "backendScreenEvent", "action")
	if simtest.Get(action, "__typename") != "CloseActionType" || simtest.Get(action, "accessibilityLabel") != "Close" {
		t.Errorf("joining answered %v", action)
	}
	out := c.Query(screenEvent, map[string]any{"id": "join-saving-sessions", "p": params("accountNumber", "A-C90DC431", "mpan", "1000007345180")})
	if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-8004" {
		t.Fatalf("another account's supply: %+v", out.Errors)
	}
	if out := c.Query(screenEvent, map[string]any{"id": "join-saving-sessions", "p": params("accountNumber", "A-7B3E9D12")}); len(out.Errors) != 0 {
		t.Errorf("joining again with the same supply: %+v", out.Errors)
	}
}
