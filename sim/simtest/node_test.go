package simtest_test

import (
	"encoding/base64"
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestNodeAppliesTheAccountsPermission resolves node(id:) as the account path does: a
// meter or agreement of one's own account answers, another's is refused with
// Unauthorized (or, anonymously, the missing header's error) and no data, and an id
// graphene cannot read or whose type the schema lacks fails with graphene's words.
func TestNodeAppliesTheAccountsPermission(t *testing.T) {
	srv, demo := octopus(t)
	other := srv.ClientIn(t, demo.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	anonymous := srv.ClientIn(t, demo.Session)
	meterOf := func(c *simtest.Client, account string) map[string]any {
		t.Helper()
		out := c.Query(`query($a: String!) { account(accountNumber: $a) { properties { electricityMeterPoints { meters { nodeId serialNumber }
			agreements { id tariff { ... on TariffType { tariffCode } } } } } } }`, map[string]any{"a": account})
		point := simtest.Get(out.Data, "account", "properties", 0, "electricityMeterPoints", 0)
		if point == nil {
			t.Fatalf("%s: no meter point: %+v", account, out.Errors)
		}
		return point.(map[string]any)
	}
	global := func(typ, id string) string { return base64.StdEncoding.EncodeToString([]byte(typ + ":" + id)) }
	own, sams := meterOf(demo, "A-C90DC431"), meterOf(other, "A-0F4A2B19")
	ownAgreement := simtest.Get(own, "agreements", 0).(map[string]any)
	const query = `query($id: ID!) { node(id: $id) { __typename ... on ElectricityMeterType { serialNumber }
		... on RestrictedElectricityAgreement { tariffCode } } }`
	cases := []struct {
		name    string
		who     *simtest.Client
		id      any
		field   string // the node's field to read
		want    any
		code    string
		message string
	}{
		{"own meter", demo, simtest.Get(own, "meters", 0, "nodeId"), "serialNumber", simtest.Get(own, "meters", 0, "serialNumber"), "", ""},
		{"own restricted agreement", demo, global("RestrictedElectricityAgreement", fmt.Sprint(int(ownAgreement["id"].(float64)))), "tariffCode", simtest.Get(ownAgreement, "tariff", "tariffCode"), "", ""},
		{"another's meter", demo, simtest.Get(sams, "meters", 0, "nodeId"), "", nil, "KT-CT-1111", "Unauthorized."},
		{"another's agreement", other, global("RestrictedElectricityAgreement", fmt.Sprint(int(ownAgreement["id"].(float64)))), "", nil, "KT-CT-1111", "Unauthorized."},
		{"a meter, anonymously", anonymous, simtest.Get(sams, "meters", 0, "nodeId"), "", nil, "KT-CT-1112", "'Authorization' header not provided."},
		{"not base64", demo, "garbage", "", nil, "", `Unable to parse global ID "garbage". Make sure it is a base64 encoded string in the format: "TypeName:id". Exception message: Invalid Global ID`},
		{"plain type and id", demo, "ElectricityMeterType:1", "", nil, "", `Unable to parse global ID "ElectricityMeterType:1". Make sure it is a base64 encoded string in the format: "TypeName:id". Exception message: Invalid Global ID`},
		{"unknown type", demo, global("Foo", "1"), "", nil, "", `Relay Node "Foo" not found in schema`},
		{"not a node", demo, global("AccountType", "A-C90DC431"), "", nil, "", `ObjectType "AccountType" does not implement the "Node" interface.`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := tc.who.Query(query, map[string]any{"id": tc.id})
			node := out.Data["node"]
			if tc.message == "" {
				if len(out.Errors) > 0 || tc.want == nil || simtest.Get(node, tc.field) != tc.want {
					t.Errorf("node(id: %v) answered %v %+v, want %s %v", tc.id, node, out.Errors, tc.field, tc.want)
				}
				return
			}
			if node != nil || len(out.Errors) != 1 || out.Errors[0].Code() != tc.code || out.Errors[0].Message != tc.message {
				t.Errorf("node(id: %v) answered %v %+v, want no data and %s %q", tc.id, node, out.Errors, tc.code, tc.message)
			}
		})
	}
}
