package world

import (
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestDeprecatedFieldsFollowTheirSuccessors: a deprecated field whose reason names its
// successor answers what the successor does, on made-up objects and on state's; one
// that states another unit, or names a field of another type, stays its own.
func TestDeprecatedFieldsFollowTheirSuccessors(t *testing.T) {
	const sdl = `type Query { users: [User] user(id: ID!): User }
type User {
  id: ID!
  givenName: String
  firstName: String @deprecated(reason: "The 'firstName' field is deprecated.\n\nUse 'givenName' instead.")
  status: UserStatus
  statusText: String @deprecated(reason: "Please use the ` + "`status`" + ` field instead.")
  rssi: Int
  rssiPercentage: Int @deprecated(reason: "Use rssi instead.")
  age: Int @deprecated(reason: "Use givenName instead.")
}
enum UserStatus { ACTIVE DORMANT }`
	w := newSDLWorld(t, sdl, Options{State: func(_ *Env, typ, field, value string) (map[string]any, bool) {
		return map[string]any{"id": value, "givenName": "Jamie"}, value == "state"
	}})
	data := w.ask(`{ users { givenName firstName status statusText } user(id: "state") { firstName } }`, nil)
	users := data["users"].([]any)
	if len(users) == 0 {
		t.Fatal("no users")
	}
	for i, u := range users {
		u := u.(map[string]any)
		if u["firstName"] != u["givenName"] || u["statusText"] != u["status"] {
			t.Errorf("user %d: %v", i, u)
		}
	}
	if got := data["user"].(map[string]any)["firstName"]; got != "Jamie" {
		t.Errorf("the state user's firstName is %v, want its givenName Jamie", got)
	}
	schema, err := gqlparser.LoadSchema(&ast.Source{Input: sdl})
	if err != nil {
		t.Fatal(err)
	}
	def := schema.Types["User"]
	for _, name := range []string{"rssiPercentage", "age"} {
		if got := successor(schema, def, def.Fields.ForName(name)); got != "" {
			t.Errorf("%s follows %s", name, got)
		}
	}
}

// TestSuccessorsAnswerWhatTheOldNameStates: a state object that states a field under
// its deprecated name (status) answers its successor (supplyStatus) with it, when the
// value is one of the successor's; a value it cannot take is left to the world.
func TestSuccessorsAnswerWhatTheOldNameStates(t *testing.T) {
	const sdl = `type Query { meterPoint(id: ID!): MeterPoint }
type MeterPoint {
  id: ID!
  status: String @deprecated(reason: "The 'status' field is deprecated.  Use supplyStatus instead.")
  supplyStatus: KrakenStatus
}
enum KrakenStatus { OFF_SUPPLY ON_SUPPLY GAINING LOSING LOST }`
	states := map[string]string{"losing": "LOSING", "odd": "PENDING_SOMETHING"}
	w := newSDLWorld(t, sdl, Options{State: func(_ *Env, typ, field, value string) (map[string]any, bool) {
		s, ok := states[value]
		return map[string]any{"id": value, "status": s}, ok
	}})
	for id, want := range map[string]string{"losing": "LOSING", "odd": ""} {
		got := w.ask(`query($id: ID!) { meterPoint(id: $id) { status supplyStatus } }`, map[string]any{"id": id})["meterPoint"].(map[string]any)
		if want != "" && got["supplyStatus"] != want || want == "" && got["supplyStatus"] == states[id] {
			t.Errorf("meter point %s stating %s: supplyStatus %v", id, states[id], got["supplyStatus"])
		}
		if got["status"] != states[id] {
			t.Errorf("meter point %s: status %v, want what it states", id, got["status"])
		}
	}
}
