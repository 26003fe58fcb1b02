package sim_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

func TestObtainKrakenTokenModes(t *testing.T) {
	s := newSim(t, 1)
	const m = `mutation($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token refreshToken refreshExpiresIn payload } }`
	cases := []struct {
		name  string
		input map[string]any
		code  string
	}{
		{"email", map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"}, ""},
		{"wrong password", map[string]any{"email": "demo@krakensim.dev", "password": "nope"}, "KT-CT-1138"},
		{"no mode", map[string]any{}, "KT-CT-1137"},
		{"email only", map[string]any{"email": "demo@krakensim.dev"}, "KT-CT-1136"},
		{"bad refresh", map[string]any{"refreshToken": "nope"}, "KT-CT-1135"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := do(t, s.API(), m, map[string]any{"input": tc.input}, nil)
			code, _ := simtest.Get(out, "errors", 0, "extensions", "errorCode").(string)
			if code != tc.code {
				t.Fatalf("errorCode = %q, want %q: %v", code, tc.code, out)
			}
			if tc.code == "" {
				if sub := simtest.Get(out, "data", "obtainKrakenToken", "payload", "sub"); sub != "kraken|account-user:3235447" {
					t.Errorf("sub = %v", sub)
				}
			}
		})
	}
}
