package world

import (
	"fmt"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
)

// createsSDL has mutations that make things a tenant's lists hold: an account's
// complaints (a connection at the root) and the viewer's cards (a list).
const createsSDL = `
type Query {
  viewer: User
  complaints(accountNumber: String!, first: Int, after: String): ComplaintConnection
  complaint(id: ID!): Complaint
}
type Mutation {
  createComplaint(input: CreateComplaintInput!): CreateComplaint
  addCard(input: AddCardInput!): AddCard
  removeComplaint(id: ID!): RemoveComplaint
}
type User { id: ID! cards: [Card] expiredCards: [Card] }
type ComplaintConnection { edges: [ComplaintEdge] pageInfo: PageInfo totalCount: Int }
type ComplaintEdge { node: Complaint cursor: String }
type PageInfo { hasNextPage: Boolean! endCursor: String }
type Complaint { id: ID! type: String summary: String creationDate: Date resolutionDate: Date }
scalar Date
input CreateComplaintInput { accountNumber: String! type: String! summary: String }
type CreateComplaint { complaint: Complaint ok: Boolean }
input AddCardInput { cardType: CardType! cardNumber: String! issueDate: Date }
enum CardType { PENSION HEALTH }
type Card { id: ID! number: String cardType: CardType cardIssueDate: Date }
type AddCard { card: Card }
type RemoveComplaint { complaint: Complaint }
`

// ids are the ids of a list's items, or of a connection's nodes.
func ids(v any) []any {
	var out []any
	switch x := v.(type) {
	case []any:
		for _, it := range x {
			out = append(out, it.(map[string]any)["id"])
		}
	case map[string]any:
		for _, e := range x["edges"].([]any) {
			out = append(out, e.(map[string]any)["node"].(map[string]any)["id"])
		}
	}
	return out
}

func TestMutationsMakeWhatListsHold(t *testing.T) {
	s := newSessionOf(t, createsSDL, 0)
	complaints := func(account string) []any {
		return ids(s.do(`{ complaints(accountNumber: "`+account+`", first: 50) { edges { node { id } } } }`, "complaints"))
	}
	before := complaints("A-1")
	c := s.do(`mutation { createComplaint(input: {accountNumber: "A-1", type: "BILLING", summary: "Bill was estimated"}) { complaint { id type summary creationDate resolutionDate } } }`,
		"createComplaint", "complaint").(map[string]any)
	id := c["id"]
	if got := fmt.Sprint(c["type"], "|", c["summary"], "|", c["creationDate"], "|", c["resolutionDate"]); got != "BILLING|Bill was estimated|2026-12-02|<nil>" {
		t.Errorf("the complaint made: %s", got)
	}
	after := complaints("A-1")
	if len(after) != len(before)+1 || after[0] != id {
		t.Errorf("A-1's complaints %v, then %v after making %v", before, after, id)
	}
	for _, other := range complaints("A-2") {
		if other == id {
			t.Errorf("A-2's complaints hold A-1's new one")
		}
	}
	if got := s.do(fmt.Sprintf(`{ complaint(id: %q) { type } }`, id), "complaint"); fmt.Sprint(got) != "map[type:BILLING]" {
		t.Errorf("complaint(id: %v) does not find the complaint made", id)
	}

	card := s.do(`mutation { addCard(input: {cardType: HEALTH, cardNumber: "204567891K", issueDate: "2025-03-14"}) { card { id number cardType cardIssueDate } } }`, "addCard", "card").(map[string]any)
	if got := fmt.Sprint(card["number"], card["cardType"], card["cardIssueDate"]); got != "204567891KHEALTH2025-03-14" {
		t.Errorf("the card made: %v", card)
	}
	cards := ids(s.do(`{ viewer { cards { id } } }`, "viewer", "cards"))
	if len(cards) == 0 || cards[0] != card["id"] {
		t.Errorf("the viewer's cards %v, want %v first", cards, card["id"])
	}
	for _, id := range ids(s.do(`{ viewer { expiredCards { id } } }`, "viewer", "expiredCards")) {
		if id == card["id"] {
			t.Errorf("the card just made is among the viewer's expired cards")
		}
	}

	s.do(fmt.Sprintf(`mutation { removeComplaint(id: %q) { complaint { id } } }`, id))
	if got := complaints("A-1"); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("A-1's complaints after removing the one made: %v, want %v", got, before)
	}
	if fresh := newSessionOf(t, createsSDL, 0); fmt.Sprint(ids(fresh.do(`{ viewer { cards { id } } }`, "viewer", "cards"))) == fmt.Sprint(cards) {
		t.Error("another session holds the card made")
	}
}

// TestNamesWithoutWords answers fields, arguments and mutations named only with
// underscores, which have no words to read.
func TestNamesWithoutWords(t *testing.T) {
	const sdl = `
type Query { _(_: ID): [Thing] thing(id: ID!): Thing }
type Mutation { _(input: In!): Out create_(input: In!): Out }
input In { _: String accountNumber: String }
type Out { _: Thing ok: Boolean }
type Thing { id: ID! _: String _1: Int }
`
	s := newSessionOf(t, sdl, 0)
	s.do(`{ _(_: "1") { id _ _1 } }`)
	s.do(`mutation { _(input: {_: "a", accountNumber: "A-1"}) { _ { id _ } ok } create_(input: {_: "b"}) { _ { id } } }`)
}

// chargeSDL makes account charges that no list holds, as Octopus's createAccountCharge
// does.
const chargeSDL = `
scalar BigInt
type Query { account(accountNumber: String!): Account }
type Account { number: String! balance: Int }
type Mutation { createAccountCharge(input: CreateAccountChargeInput!): CreateAccountCharge }
input CreateAccountChargeInput { accountNumber: String! grossAmount: Int! reason: String! note: String }
type CreateAccountCharge { accountCharge: AccountChargeType }
type AccountChargeType { id: ID netAmount: BigInt grossAmount: BigInt salesTaxAmount: BigInt reason: String note: String }
`

// TestEachCreateMakesItsOwn makes two charges on one account: each is a charge of its own,
// holding what its input gives and the net and tax of its gross amount.
func TestEachCreateMakesItsOwn(t *testing.T) {
	s := newSessionOf(t, chargeSDL, 0)
	charge := func(gross int, note string) map[string]any {
		return s.do(fmt.Sprintf(`mutation { createAccountCharge(input: {accountNumber: "A-1", grossAmount: %d, reason: "GENERAL_CHARGE", note: %q}) {
			accountCharge { id netAmount grossAmount salesTaxAmount reason note } } }`, gross, note), "createAccountCharge", "accountCharge").(map[string]any)
	}
	one, two := charge(525, "first"), charge(1050, "second")
	if one["id"] == two["id"] {
		t.Errorf("two charges, one id: %v and %v", one, two)
	}
	for _, c := range []struct {
		got             map[string]any
		gross, net, tax float64
		note            string
	}{{one, 525, 500, 25, "first"}, {two, 1050, 1000, 50, "second"}} {
		if c.got["grossAmount"] != c.gross || c.got["netAmount"] != c.net || c.got["salesTaxAmount"] != c.tax || c.got["reason"] != "GENERAL_CHARGE" || c.got["note"] != c.note {
			t.Errorf("a charge of %v: %v", c.gross, c.got)
		}
	}
}

// heldAccount is a state account for tests: it holds itself.
type heldAccount struct{ m map[string]any }

func (h *heldAccount) Held() []map[string]any { return []map[string]any{h.m} }

// TestStateHoldsOnlyWhatWasMade: a state account lists none of what a mutation makes
// (complaints) until one is made for it, while the world still fills its other lists
// (invoices); what the input could have said of the made thing and did not is null.
func TestStateHoldsOnlyWhatWasMade(t *testing.T) {
	const sdl = `type Query { account(number: String!): Account }
type Mutation { createComplaint(input: CreateComplaintInput!): CreateComplaint }
type Account { number: String! complaints: [Complaint] invoices: [Invoice] }
type Complaint { id: ID! type: String subtype: String summary: String creationDate: Date }
type Invoice { id: ID! issuedDate: Date amount: Int }
scalar Date
input CreateComplaintInput { accountNumber: String! type: String! subtype: String summary: String }
type CreateComplaint { complaint: Complaint }`
	s := newSessionWith(t, sdl, Options{State: func(_ *Env, typ, _, number string) (map[string]any, bool) {
		if typ != "Account" {
			return nil, false
		}
		m := map[string]any{"number": number}
		m[HoldsKey] = &heldAccount{m}
		return m, true
	}})
	invoices := 0
	for i := range 8 {
		acct := s.do(fmt.Sprintf(`{ account(number: "A-%d") { complaints { id } invoices { id } } }`, i), "account").(map[string]any)
		invoices += len(acct["invoices"].([]any))
		if got := fmt.Sprint(acct["complaints"]); got != "[]" {
			t.Errorf("A-%d's complaints before any was made: %s", i, got)
		}
	}
	if invoices == 0 {
		t.Error("the state accounts have no invoices: the world filled none of their lists")
	}
	c := s.do(`mutation { createComplaint(input: {accountNumber: "A-1", type: "BILLING"}) { complaint { id type subtype summary } } }`, "createComplaint", "complaint").(map[string]any)
	if got := fmt.Sprint(c["type"], " ", c["subtype"], " ", c["summary"]); got != "BILLING <nil> <nil>" {
		t.Errorf("made with a type only: %s", got)
	}
	if got := ids(s.do(`{ account(number: "A-1") { complaints { id } } }`, "account", "complaints")); fmt.Sprint(got) != fmt.Sprint([]any{c["id"]}) {
		t.Errorf("after making one: %v, want [%v]", got, c["id"])
	}
}

// TestStartMakesWhatItsTypeNames: a mutation that starts something makes it, and a
// payload field named for the last word of its type (wizard, a SetupWizard) is read by
// its type's name.
func TestStartMakesWhatItsTypeNames(t *testing.T) {
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "start.graphql", Input: `
type Query { setupWizards(accountNumber: String!): [DeviceSetupWizard] }
type Mutation { startDeviceSetup(input: StartInput!): StartDeviceSetup stopDeviceSetup(input: StartInput!): StartDeviceSetup }
input StartInput { accountNumber: String! }
type StartDeviceSetup { wizard: DeviceSetupWizard }
type DeviceSetupWizard { id: ID! }`})
	if err != nil {
		t.Fatal(err)
	}
	r := NewRoles(s, fake.New(1))
	for name, want := range map[string]string{"startDeviceSetup": "DeviceSetupWizard", "stopDeviceSetup": ""} {
		got := ""
		if mr := r.mutation(s.Mutation.Fields.ForName(name)); mr != nil && mr.made != nil {
			got = mr.made.typ
		}
		if got != want {
			t.Errorf("%s makes %q, want %q", name, got, want)
		}
	}
}

// TestHappenedAtMapsToWhenItHappened: a making mutation's time of what happened
// (addedAt) is the made object's (occurredAt), where before the object read the
// session's now; other times keep their own names.
func TestHappenedAtMapsToWhenItHappened(t *testing.T) {
	r := NewRoles(gqlparser.MustLoadSchema(&ast.Source{Input: `
type Query { note(id: ID!): Note notes: [Note] }
type Mutation { addNote(input: AddNoteInput!): AddNote }
scalar DateTime
type Note { id: ID! content: String! occurredAt: DateTime! dueAt: DateTime }
input AddNoteInput { content: String! addedAt: DateTime dueAt: DateTime startAt: DateTime }
type AddNote { note: Note }`}), fake.New(1))
	got := r.mutation(r.schema.Mutation.Fields.ForName("addNote")).made.values
	for in, want := range map[string]string{"content": "content", "addedAt": "occurredAt", "dueAt": "dueAt", "startAt": ""} {
		if got[in] != want {
			t.Errorf("input %s sets %q, want %q (all: %v)", in, got[in], want, got)
		}
	}
}
