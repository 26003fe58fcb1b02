package sim_test

import (
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
)

// TestSessionIDs checks which session names open a session, and that a known name
// gives the same session back while an unknown bad one is refused every time.
func TestSessionIDs(t *testing.T) {
	s, err := sim.New(sim.Config{API: mustLoad("type Query { a: Int }"), Auth: mustLoad("type Query { a: Int }")})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id, err string
	}{
		{"", ""}, {"qa-1_x.y:z", ""}, {strings.Repeat("a", 128), ""},
		{strings.Repeat("a", 129), "1 to 128 characters"}, {"a b", `character ' ' at 1`},
		{"é", "is not allowed"}, {"a/b", "is not allowed"},
	} {
		for range 2 {
			sess, err := s.Session(tc.id)
			switch {
			case tc.err == "" && (err != nil || sess == nil):
				t.Errorf("Session(%q): %v", tc.id, err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("Session(%q): %v, want an error saying %q", tc.id, err, tc.err)
			}
		}
	}
	a, _ := s.Session("qa-1_x.y:z")
	b, _ := s.Session("qa-1_x.y:z")
	def, _ := s.Session("")
	if a != b || a == def || def.ID != sim.DefaultSessionID {
		t.Errorf("sessions: %p %p default %p (%s)", a, b, def, def.ID)
	}
}
