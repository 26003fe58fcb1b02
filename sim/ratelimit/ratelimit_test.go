package ratelimit

import (
	"fmt"
	"testing"
	"time"
)

func TestParsePolicy(t *testing.T) {
	cases := []struct {
		in      string
		want    Policy
		wantErr bool
	}{
		{"off", Policy{}, false},
		{"", Policy{}, false},
		{"kraken", Policy{Kraken: true}, false},
		{" Kraken ", Policy{Kraken: true}, false},
		{"500", Policy{Points: 500}, false},
		{"50_000", Policy{Points: 50000}, false},
		{"0", Policy{}, true},
		{"-3", Policy{}, true},
		{"lots", Policy{}, true},
		{"99999999999999999999", Policy{}, true},
	}
	for _, tc := range cases {
		got, err := ParsePolicy(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("ParsePolicy(%q) = %+v, %v; want %+v (error %v)", tc.in, got, err, tc.want, tc.wantErr)
		}
		if err == nil {
			if back, _ := ParsePolicy(got.String()); back != got {
				t.Errorf("%q does not round-trip through String: %q", tc.in, got.String())
			}
		}
	}
}

func TestPolicyLimit(t *testing.T) {
	cases := []struct {
		p    Policy
		kind string
		want int
	}{
		{Policy{Kraken: true}, AccountUser, 50000},
		{Policy{Kraken: true}, Organization, 100000},
		{Policy{Kraken: true}, OAuthApp, 300000},
		{Policy{Kraken: true}, Anonymous, 50000},
		{Policy{Points: 7}, Organization, 7},
		{Policy{}, AccountUser, 0},
	}
	for _, tc := range cases {
		if got := tc.p.Limit(tc.kind); got != tc.want {
			t.Errorf("%v.Limit(%s) = %d, want %d", tc.p, tc.kind, got, tc.want)
		}
	}
}

func TestSpendUntilBlockedThenReset(t *testing.T) {
	var l Limiter
	t0 := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	steps := []struct {
		at      time.Duration
		cost    int
		ok      bool
		used    int
		remain  int
		blocked bool
	}{
		{0, 4, true, 4, 6, false},
		{time.Minute, 5, true, 9, 1, false},
		{2 * time.Minute, 3, true, 12, 0, true}, // within the allowance when it started
		{3 * time.Minute, 1, false, 12, 0, true},
		{59 * time.Minute, 1, false, 12, 0, true},
		{60 * time.Minute, 2, true, 2, 8, false}, // a new window
	}
	for i, s := range steps {
		st, ok := l.Spend("user:1", 10, s.cost, t0.Add(s.at))
		if ok != s.ok || st.Used != s.used || st.Remaining != s.remain || st.Blocked != s.blocked || st.Limit != 10 {
			t.Errorf("step %d: %+v ok=%v; want used %d remaining %d blocked %v ok %v", i, st, ok, s.used, s.remain, s.blocked, s.ok)
		}
	}
	if st := l.Peek("user:1", 10, t0.Add(61*time.Minute)); !st.Reset.Equal(t0.Add(2 * time.Hour)) {
		t.Errorf("reset %v, want %v", st.Reset, t0.Add(2*time.Hour))
	}
	if st := l.Peek("user:2", 10, t0); st.Used != 0 || st.Remaining != 10 || !st.Reset.IsZero() {
		t.Errorf("an unseen viewer: %+v", st)
	}
	if _, ok := l.Spend("user:3", 0, 1000, t0); !ok {
		t.Error("limit 0 refused a request")
	}
	l.Reset()
	if st := l.Peek("user:1", 10, t0.Add(61*time.Minute)); st.Used != 0 {
		t.Errorf("after Reset: %+v", st)
	}
}

func TestLimiterBounded(t *testing.T) {
	var l Limiter
	t0 := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < maxViewers+50; i++ {
		l.Spend(string(rune('a'+i%26))+time.Duration(i).String(), 10, 1, t0.Add(time.Duration(i)*time.Millisecond))
	}
	if len(l.windows) > maxViewers {
		t.Errorf("%d windows kept, want at most %d", len(l.windows), maxViewers)
	}
}

func FuzzParsePolicy(f *testing.F) {
	for _, s := range []string{"off", "kraken", "500", "-1", "1e9", "0x10", "9999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePolicy(s)
		if err != nil {
			return
		}
		if p.Points < 0 || p.Points > maxPoints {
			t.Fatalf("%q parsed to %d points", s, p.Points)
		}
		if back, err := ParsePolicy(p.String()); err != nil || back != p {
			t.Fatalf("%q: String %q does not parse back: %v", s, p.String(), err)
		}
	})
}

func ExamplePolicy_Limit() {
	p, _ := ParsePolicy("kraken")
	fmt.Println(p.Limit(AccountUser), p.Limit(Organization), p.Limit(OAuthApp))
	// Output: 50000 100000 300000
}
