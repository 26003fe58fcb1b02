package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusValidatesWhatIsTyped checks emails and phone numbers on Octopus: an address
// on a reserved domain reaches no one, and one a user has is not free when uniqueness is
// asked for.
func TestOctopusValidatesWhatIsTyped(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	for _, tc := range []struct {
		email  string
		unique bool
		want   bool
	}{
		{"jane@gmail.com", false, true},
		{"jane@gmail.com", true, true},
		{"Demo@KrakenSim.dev", false, true},
		{"Demo@KrakenSim.dev", true, false},
		{"jane@example.com", false, false},
		{"jane@mail.example.org", false, false},
		{"newcomer@blackhole.krakensim.invalid", false, false},
		{"not an address", false, false},
		{"jane@localhost", false, false},
	} {
		got := simtest.Get(query(`mutation($e: String!, $u: Boolean) { validateEmail(input: {email: $e, checkUniqueness: $u}) { isValid } }`,
			map[string]any{"e": tc.email, "u": tc.unique}), "validateEmail", "isValid")
		if got != tc.want {
			t.Errorf("%s (unique %v): %v, want %v", tc.email, tc.unique, got, tc.want)
		}
	}
	for number, want := range map[string]bool{"07700 900123": true, "+44 7700 900123": true, "12345": false, "call me": false} {
		if got := simtest.Get(query(`mutation($p: String!) { validatePhone(input: {phoneNumber: $p}) { isValid } }`, map[string]any{"p": number}), "validatePhone", "isValid"); got != want {
			t.Errorf("%s: %v, want %v", number, got, want)
		}
	}
}
