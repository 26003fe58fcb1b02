package simtest_test

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginVerifiesAnEmail sends the demo user a verification link on Origin and
// verifies the address with its token; another token, or the link a day late, verifies
// nothing.
func TestOriginVerifiesAnEmail(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const (
		send   = `mutation($e: String!) { sendVerificationEmail(input: {email: $e}) { verificationStatus } }`
		verify = `mutation($t: String!) { verifyEmail(input: {token: $t}) { isVerified } }`
	)
	if got := simtest.Get(query(send, map[string]any{"e": "not an address"}), "sendVerificationEmail", "verificationStatus"); got != false {
		t.Errorf("sent to no address: %v", got)
	}
	if got := simtest.Get(query(send, map[string]any{"e": "jamie@home.example.net.au"}), "sendVerificationEmail", "verificationStatus"); got != true {
		t.Fatalf("sent: %v", got)
	}
	msgs := c.Messages()
	token := msgs[len(msgs)-1].Data["token"]
	if msgs[len(msgs)-1].To != "jamie@home.example.net.au" || token == "" {
		t.Fatalf("the email %+v", msgs[len(msgs)-1])
	}
	for tok, want := range map[string]bool{"nope": false, token: true} {
		if got := simtest.Get(query(verify, map[string]any{"t": tok}), "verifyEmail", "isVerified"); got != want {
			t.Errorf("token %q: %v, want %v", tok, got, want)
		}
	}
	query(send, map[string]any{"e": "jamie@home.example.net.au"})
	msgs = c.Messages()
	late := msgs[len(msgs)-1].Data["token"]
	c.AdvanceClock(25 * time.Hour)
	c.Token = simtest.Get(query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
	if got := simtest.Get(query(verify, map[string]any{"t": late}), "verifyEmail", "isVerified"); got != false {
		t.Errorf("a day late: %v", got)
	}
}
