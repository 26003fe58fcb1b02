package simtest_test

import (
	"encoding/base64"
	"fmt"
	"slices"
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

// TestNodeFindsEveryNodeTheWorldServes: the Node objects an account lists, a statement's
// email (EmailEventType), letter (PrintEventType and its PrintMessageType) and a file
// attachment, are found by node(id:) for their owner, with the fields the account lists,
// and refused to anyone else.
func TestNodeFindsEveryNodeTheWorldServes(t *testing.T) {
	srv, demo := octopus(t)
	sam := srv.ClientIn(t, demo.Session)
	sam.SignIn("other@krakensim.dev", "krakensim")
	mustQuery(t, demo)(createAttachment, map[string]any{"name": "MCS certificate.pdf"})
	const listed = `query($a: String!) { account(accountNumber: $a) { fileAttachments { id filename }
		events(first: 1) { edges { node { __typename ... on EmailEventType { id eventType message { subject } }
		... on PrintEventType { id eventType message { id templateCode } } } } } } }`
	demos := mustQuery(t, demo)(listed, map[string]any{"a": "A-C90DC431"})["account"]
	sams := mustQuery(t, sam)(listed, map[string]any{"a": "A-0F4A2B19"})["account"]
	const query = `query($id: ID!) { node(id: $id) { __typename ... on EmailEventType { id eventType message { subject } }
		... on PrintEventType { id eventType message { id templateCode } } ... on PrintMessageType { id templateCode }
		... on AccountFileAttachment { id filename } } }`
	for _, tc := range []struct {
		name     string
		owner    *simtest.Client
		stranger *simtest.Client
		want     any
		typename string
	}{
		{"email", demo, sam, simtest.Get(demos, "events", "edges", 0, "node"), "EmailEventType"},
		{"letter", sam, demo, simtest.Get(sams, "events", "edges", 0, "node"), "PrintEventType"},
		{"letter's message", sam, demo, simtest.Get(sams, "events", "edges", 0, "node", "message"), "PrintMessageType"},
		{"file attachment", demo, sam, simtest.Get(demos, "fileAttachments", 0), "AccountFileAttachment"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, ok := tc.want.(map[string]any)
			if !ok {
				t.Fatalf("the account lists no %s: %v", tc.name, tc.want)
			}
			out := tc.owner.Query(query, map[string]any{"id": want["id"]})
			got, _ := out.Data["node"].(map[string]any)
			if got == nil || got["__typename"] != tc.typename {
				t.Fatalf("node(id: %v) answered its owner %v %+v, want a %s", want["id"], got, out.Errors, tc.typename)
			}
			delete(got, "__typename")
			delete(want, "__typename")
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("node(id: %v) answered %v; the account lists %v", want["id"], got, want)
			}
			if out := tc.stranger.Query(query, map[string]any{"id": want["id"]}); out.Data["node"] != nil || len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1111" {
				t.Errorf("node(id: %v) answered a stranger %v %+v, want KT-CT-1111", want["id"], out.Data["node"], out.Errors)
			}
		})
	}
}

// TestWrongFuelAgreementLookupsAnswerAlike: gasAgreement(id:) of an electricity agreement
// and electricityAgreement(id:) of a gas one answer alike: Unauthorized for another's
// agreement, and for one's own nothing, as for an id no agreement has.
func TestWrongFuelAgreementLookupsAnswerAlike(t *testing.T) {
	_, demo := octopus(t)
	for _, tc := range []struct {
		name, query, code string
	}{
		{"another's electricity agreement as gas", `{ gasAgreement(id: 9100008) { id } }`, "KT-CT-1111"},
		{"another's gas agreement as electricity", `{ electricityAgreement(id: 9100009) { id } }`, "KT-CT-1111"},
		{"one's own electricity agreement as gas", `{ gasAgreement(id: 9100001) { id } }`, ""},
		{"one's own gas agreement as electricity", `{ electricityAgreement(id: 9100002) { id } }`, ""},
		{"no agreement as gas", `{ gasAgreement(id: 99999999) { id } }`, ""},
		{"no agreement as electricity", `{ electricityAgreement(id: 99999999) { id } }`, ""},
	} {
		out := demo.Query(tc.query, nil)
		var node any
		for _, v := range out.Data {
			node = v
		}
		code := ""
		if len(out.Errors) == 1 {
			code = out.Errors[0].Code()
		}
		if node != nil || code != tc.code || len(out.Errors) > 1 {
			t.Errorf("%s: %v %+v, want no agreement and %q", tc.name, node, out.Errors, tc.code)
		}
	}
}

// TestNodeOfAnInkObjectIsItsConversations resolves node(id:) of the made-up Ink objects
// (messages, tags, buckets) a conversation handed out as inkConversation is answered: an
// account's to its users, and to no one else (Unauthorized, or anonymously the missing header's
// error, and no data).
func TestNodeOfAnInkObjectIsItsConversations(t *testing.T) {
	srv, demo := octopus(t)
	robin := srv.ClientIn(t, demo.Session)
	robin.SignIn("robin@krakensim.dev", "krakensim")
	other := srv.ClientIn(t, demo.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	anonymous := srv.ClientIn(t, demo.Session)
	inkIDs := func(args string) []string {
		t.Helper()
		got := mustQuery(t, demo)(`{ inkConversation`+args+` { buckets { id } events(first: 20) { edges { node { ... on InkNewMessage {
			message { ... on InkGenericMessage { id } ... on InkEmail { tags { id } } ... on InkSMS { tags { id } } ... on InkLine { tags { id } }
			... on InkWhatsApp { tags { id } } } } } } } } }`, nil)
		var ids []string
		for _, b := range simtest.Get(got, "inkConversation", "buckets").([]any) {
			ids = append(ids, simtest.Get(b, "id").(string))
		}
		for _, e := range simtest.Get(got, "inkConversation", "events", "edges").([]any) {
			if id, ok := simtest.Get(e, "node", "message", "id").(string); ok {
				ids = append(ids, id)
			}
			tags, _ := simtest.Get(e, "node", "message", "tags").([]any)
			for _, tag := range tags {
				ids = append(ids, simtest.Get(tag, "id").(string))
			}
		}
		if len(ids) == 0 {
			t.Fatalf("inkConversation%s handed out no Ink object with an id: %v", args, got)
		}
		return ids
	}
	// The flat's objects the home's conversation did not hand out too (a tag may be on
	// both).
	own := inkIDs(`(accountNumber: "A-C90DC431")`)
	flat := slices.DeleteFunc(inkIDs(`(accountNumber: "A-7B3E9D12")`), func(id string) bool { return slices.Contains(own, id) })
	if len(flat) == 0 {
		t.Fatal("the flat's conversation handed out only what the demo user's did")
	}
	const query = `query($id: ID!) { node(id: $id) { __typename id } }`
	for _, tc := range []struct {
		name string
		who  *simtest.Client
		ids  []string
		code string // "" for answered
	}{
		{"the home's, to its user", demo, own, ""},
		{"the home's, to Robin who shares it", robin, own, ""},
		{"the home's, to another", other, own, "KT-CT-1111"},
		{"the home's, anonymously", anonymous, own, "KT-CT-1112"},
		{"the flat's, to its user", demo, flat, ""},
		{"the flat's, to Robin who is not its user", robin, flat, "KT-CT-1111"},
		{"the flat's, to another", other, flat, "KT-CT-1111"},
	} {
		for _, id := range tc.ids {
			out := tc.who.Query(query, map[string]any{"id": id})
			switch {
			case tc.code == "" && (len(out.Errors) > 0 || simtest.Get(out.Data, "node", "id") != id):
				t.Errorf("%s %s: %+v %v, want it answered", tc.name, id, out.Errors, out.Data)
			case tc.code != "" && (len(out.Errors) != 1 || out.Errors[0].Code() != tc.code || simtest.Get(out.Data, "node") != nil):
				t.Errorf("%s %s: %+v %v, want %s and no data", tc.name, id, out.Errors, out.Data, tc.code)
			}
		}
	}
}
