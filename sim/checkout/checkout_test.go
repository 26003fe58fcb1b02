package checkout_test

import (
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/checkout"
)

func TestReadCard(t *testing.T) {
	for _, tc := range []struct {
		number                  string
		network, last4, decline string
		bad                     bool
	}{
		{number: "4242 4242 4242 4242", network: "VISA", last4: "4242"},
		{number: "4000-0566-5566-5556", network: "VISA", last4: "5556"},
		{number: "5555555555554444", network: "MASTERCARD", last4: "4444"},
		{number: "2223003122003222", network: "MASTERCARD", last4: "3222"},
		{number: "378282246310005", network: "AMEX", last4: "0005"},
		{number: "6011111111111117", network: "", last4: "1117"},
		{number: "4000000000000002", network: "VISA", last4: "0002", decline: "card_declined"},
		{number: "4000 0000 0000 9995", network: "VISA", last4: "9995", decline: "insufficient_funds"},
		{number: "4000000000000069", network: "VISA", last4: "0069", decline: "expired_card"},
		{number: "4242424242424241", bad: true},
		{number: "4242", bad: true},
		{number: "4242 4242 4242 424x", bad: true},
		{number: "", bad: true},
		{number: strings.Repeat("4", 20), bad: true},
	} {
		c, err := checkout.ReadCard(tc.number)
		if tc.bad {
			if err == nil {
				t.Errorf("%q: read as %+v, want an error", tc.number, c)
			}
			continue
		}
		if err != nil || c.Network != tc.network || c.Last4 != tc.last4 || c.Decline != tc.decline || (c.Decline != "") != (c.Message != "") {
			t.Errorf("%q: %+v %v, want %s %s %q", tc.number, c, err, tc.network, tc.last4, tc.decline)
		}
	}
}

func TestSignerChecksTokens(t *testing.T) {
	s := checkout.NewSigner([]byte("secret"))
	token := s.Token("my session.1", "abc123")
	session, id, err := s.Check(token)
	if err != nil || session != "my session.1" || id != "abc123" {
		t.Fatalf("checked back as %q %q %v", session, id, err)
	}
	other := checkout.NewSigner([]byte("another secret"))
	for name, bad := range map[string]string{
		"cut short":       token[:len(token)-1],
		"another's key":   other.Token("my session.1", "abc123"),
		"no id":           s.Token("my session.1", ""),
		"another session": strings.Replace(token, token[:strings.IndexByte(token, '.')], "b3RoZXI", 1),
		"too long":        s.Token(strings.Repeat("s", checkout.MaxToken), "abc"),
		"empty":           "",
	} {
		if session, id, err := s.Check(bad); err == nil {
			t.Errorf("%s: checked as %q %q", name, session, id)
		}
	}
}

func FuzzCheck(f *testing.F) {
	s := checkout.NewSigner([]byte("secret"))
	f.Add(s.Token("default", "0123456789abcdef"))
	f.Add("a.b.c")
	f.Add("..")
	f.Fuzz(func(t *testing.T, token string) {
		session, id, err := s.Check(token)
		if err == nil && s.Token(session, id) != token {
			t.Errorf("%q checked as %q %q, which signs as %q", token, session, id, s.Token(session, id))
		}
	})
}

func FuzzReadCard(f *testing.F) {
	for _, n := range []string{"4242 4242 4242 4242", "4000-0000-0000-0002", "378282246310005", "x"} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, number string) {
		c, err := checkout.ReadCard(number)
		if err == nil && (len(c.Last4) != 4 || !strings.HasSuffix(strings.NewReplacer(" ", "", "-", "").Replace(number), c.Last4)) {
			t.Errorf("%q read as %+v", number, c)
		}
	})
}
