package world

import (
	"fmt"
	"testing"
	"time"
)

// freshSDL has a mutation that opens an account, which a list of the viewer's holds:
// its payments, notes and statements happen in time, its ledgers do not.
const freshSDL = `
scalar DateTime
scalar Date
type Query { viewer: User accounts: [Account] }
type Mutation { createShellAccount(input: CreateShellAccountInput!): CreateShellAccount }
input CreateShellAccountInput { billingName: String! }
type CreateShellAccount { account: Account }
type User { id: ID! accounts: [Account] }
type Account {
  number: String! billingName: String createdAt: DateTime balance: Int
  payments: [Payment] notes: [Note] ledgers: [Ledger]
}
type Payment { id: ID! paymentDate: Date amount: Int }
type Note { id: ID! body: String createdAt: DateTime }
type Ledger { number: String! name: String balance: Int }
`

func TestWhatWasJustMadeHasNoHistory(t *testing.T) {
	s := newSessionOf(t, freshSDL, 0)
	before := s.do(`{ accounts { number balance payments { id } notes { id } } }`, "accounts", 0).(map[string]any)
	if len(before["payments"].([]any)) == 0 || fmt.Sprint(before["balance"]) == "0" {
		t.Fatalf("a made-up account of old has no history to compare with: %v", before)
	}
	made := s.do(`mutation { createShellAccount(input: {billingName: "Ada Lovelace"}) {
		account { number billingName balance payments { id } notes { id } ledgers { number balance } } } }`, "createShellAccount", "account").(map[string]any)
	if got, want := fmt.Sprintln(made["billingName"], made["balance"], made["payments"], made["notes"]), "Ada Lovelace 0 [] []\n"; got != want {
		t.Errorf("the account just opened: got %s, want %s", got, want)
	}
	ledgers, _ := made["ledgers"].([]any)
	if len(ledgers) == 0 {
		t.Fatal("an account opened without ledgers")
	}
	for _, l := range ledgers {
		if b := fmt.Sprint(l.(map[string]any)["balance"]); b != "0" {
			t.Errorf("a ledger of the account just opened has a balance of %v", b)
		}
	}
}

// historySDL has a made-up case with a history of events and notes, each known by when
// it was made alone.
const historySDL = `
scalar DateTime
type Query { apiExceptions(first: Int): APIExceptionConnection openExceptions(first: Int): APIExceptionConnection heldExceptions(first: Int): APIExceptionConnection }
type APIExceptionConnection { edges: [APIExceptionEdge] }
type APIExceptionEdge { node: APIExceptionType }
type APIExceptionType { id: ID! createdAt: DateTime! events: [APIExceptionEventType!]! notes: [APIExceptionNoteType!]! }
type APIExceptionEventType { id: ID! eventType: String! createdAt: DateTime! }
type APIExceptionNoteType { id: ID! body: String! createdAt: DateTime! }
`

// TestHistoryFollowsWhatItIsOf lists what happened to a made-up object newest first, by
// the times a client reads, and after the object was made.
func TestHistoryFollowsWhatItIsOf(t *testing.T) {
	w := newSDLWorld(t, historySDL, Options{})
	const cases = `(first: 12) { edges { node { id createdAt events { createdAt } notes { createdAt } } } }`
	data := w.ask(`{ apiExceptions`+cases+` openExceptions`+cases+` heldExceptions`+cases+` }`, nil)
	var edges []any
	for _, c := range data {
		edges = append(edges, c.(map[string]any)["edges"].([]any)...)
	}
	items := 0
	for _, e := range edges {
		node := e.(map[string]any)["node"].(map[string]any)
		made := node["createdAt"].(string)
		for _, list := range []string{"events", "notes"} {
			var times []time.Time
			for _, it := range node[list].([]any) {
				at, err := time.Parse(time.RFC3339, it.(map[string]any)["createdAt"].(string))
				if err != nil {
					t.Fatal(err)
				}
				times = append(times, at)
			}
			items += len(times)
			began, _ := time.Parse(time.RFC3339, made)
			for i, at := range times {
				if at.Before(began) || at.After(testNow) {
					t.Errorf("case %v made at %s: %s[%d] at %s", node["id"], made, list, i, at)
				}
				if i > 0 && at.After(times[i-1]) {
					t.Errorf("case %v: %s not newest first: %v", node["id"], list, times)
				}
			}
		}
	}
	t.Logf("%d cases, %d events and notes", len(edges), items)
	if items < 20 {
		t.Errorf("%d cases hold %d events and notes, too few to tell", len(edges), items)
	}
}
