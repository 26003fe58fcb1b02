package world

import (
	"fmt"
	"testing"
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
