package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusAccountNote adds notes to an account on Octopus's SDL: the account lists a
// note from then on, pinned ones first and newest first, dated now; a blank note is
// KT-CT-4180, another's account KT-CT-4123, and neither adds one.
func TestOctopusAccountNote(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const add = `mutation($note: String!, $pinned: Boolean!) { createAccountNote(input: {accountNumber: "A-C90DC431", note: $note, isPinned: $pinned}) {
		account { notes { body isPinned createdAt } } } }`
	q(add, map[string]any{"note": "Customer asked for a paper bill.", "pinned": false})
	data := q(add, map[string]any{"note": "  Vulnerable: call before visiting.  ", "pinned": true})
	want := "[map[body:Vulnerable: call before visiting. createdAt:2026-12-02T09:00:00+00:00 isPinned:true] " +
		"map[body:Customer asked for a paper bill. createdAt:2026-12-02T09:00:00+00:00 isPinned:false]"
	notes := fmt.Sprint(simtest.Get(data, "createAccountNote", "account", "notes"))
	if len(notes) < len(want) || notes[:len(want)] != want {
		t.Errorf("the payload's notes:\n got %s\nwant %s …", notes, want)
	}
	read := func() string {
		return fmt.Sprint(simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { notes { body isPinned createdAt } } }`, nil), "account", "notes"))
	}
	if got := read(); got != notes {
		t.Errorf("the account's notes read afterwards:\n got %s\nwant %s", got, notes)
	}
	for _, tt := range []struct{ name, account, note, code string }{
		{"a blank note", "A-C90DC431", "   ", "KT-CT-4180"},
		{"another's account", "A-0F4A2B19", "Hello", "KT-CT-4123"},
	} {
		out := c.Query(`mutation($a: String!, $n: String!) { createAccountNote(input: {accountNumber: $a, note: $n, isPinned: false}) { account { number } } }`,
			map[string]any{"a": tt.account, "n": tt.note})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tt.code {
			t.Errorf("%s: got %+v, want %s", tt.name, out.Errors, tt.code)
		}
	}
	if got := read(); got != notes {
		t.Errorf("after the refused notes:\n got %s\nwant %s", got, notes)
	}
}
