package accounts_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/krakensim/krakensim/sim"
)

// TestMutationsLeaveFixturesAlone runs every change-then-read flow's mutation, and the
// credential changes, each in a session of its own: the session sees its change, while
// the fixtures the sessions share and another session still hold the fixtures' values.
func TestMutationsLeaveFixturesAlone(t *testing.T) {
	other := signIn(t, "demo@krakensim.dev")
	type step struct{ name, setup, mutation string }
	steps := []step{
		{"updatePassword", "", `mutation { updatePassword(input: {oldPassword: "krakensim", newPassword: "correct-horse-9", newPasswordConfirmed: "correct-horse-9"}) { viewer { id } } }`},
		{"updateEmailAndPassword", "", `mutation { updateEmailAndPassword(input: {email: "renamed@example.com", password: "battery-staple-7"}) { success } }`},
	}
	for _, f := range flows {
		steps = append(steps, step{f.name, f.setup, f.mutation})
	}
	for _, st := range steps {
		c := signIn(t, "demo@krakensim.dev")
		if st.setup != "" {
			c.do(st.setup, nil)
		}
		c.do(st.mutation, nil)
		if diff := worldDiff(pristine, sessionWorld(t, c.s, c.session)); diff == "" {
			t.Errorf("%s changed nothing in its session; the check proves nothing", st.name)
		}
		if diff := worldDiff(pristine, sharedFixtures); diff != "" {
			t.Fatalf("%s changed the fixtures the sessions share: %s", st.name, diff)
		}
	}
	if diff := worldDiff(pristine, sessionWorld(t, other.s, other.session)); diff != "" {
		t.Errorf("another session sees the mutations: %s", diff)
	}
}

// sessionWorld is a deep copy of a session's world as it stands between requests.
func sessionWorld(tb testing.TB, s *sim.Simulator, id string) *sim.World {
	tb.Helper()
	sess, err := s.Session(id)
	if err != nil {
		tb.Fatal(err)
	}
	return sess.World().Clone()
}

// worldDiff names the first entity that differs between two worlds, or "".
func worldDiff(want, got *sim.World) string {
	wv, gv := reflect.ValueOf(want).Elem(), reflect.ValueOf(got).Elem()
	for i := range wv.NumField() {
		if !wv.Type().Field(i).IsExported() {
			continue
		}
		name := wv.Type().Field(i).Name
		wl, gl := wv.Field(i), gv.Field(i)
		if wl.Len() != gl.Len() {
			return fmt.Sprintf("%s: %d entries, want %d", name, gl.Len(), wl.Len())
		}
		for j := range wl.Len() {
			if !reflect.DeepEqual(wl.Index(j).Interface(), gl.Index(j).Interface()) {
				return fmt.Sprintf("%s[%d]: %+v, want %+v", name, j, gl.Index(j).Elem().Interface(), wl.Index(j).Elem().Interface())
			}
		}
	}
	return ""
}
