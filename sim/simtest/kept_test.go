package simtest_test

import (
	"reflect"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// keptChange is a change to what a kept answer reads: a mutation, or the clock set to at;
// moves tells whether the answer must read differently after it.
type keptChange struct {
	name, mutation, at string
	moves              bool
}

// followsChanges reads read as the demo user in c's session, its clock set to start,
// twice (the same answer), then again after each change: it moves as the change says,
// and reads as a fresh session that made the same changes and reads it once, as an
// answer kept from an earlier read must not hide. It returns the first answer.
func followsChanges(t *testing.T, srv *simtest.Server, c *simtest.Client, start, read string, changes []keptChange) map[string]any {
	t.Helper()
	apply := func(c *simtest.Client, change int) {
		if ch := changes[change]; ch.mutation != "" {
			mustQuery(t, c)(ch.mutation, nil)
		} else {
			setClock(t, c, ch.at)
			c.SignIn("demo@krakensim.dev", "krakensim")
		}
	}
	setClock(t, c, start)
	c.SignIn("demo@krakensim.dev", "krakensim")
	first := mustQuery(t, c)(read, nil)
	if again := mustQuery(t, c)(read, nil); !reflect.DeepEqual(again, first) {
		t.Fatalf("read twice: %v, then %v", first, again)
	}
	last := first
	for i, change := range changes {
		apply(c, i)
		got := mustQuery(t, c)(read, nil)
		if moved := !reflect.DeepEqual(got, last); moved != change.moves {
			t.Errorf("after %s the answer reads %v, before %v (moved: %v)", change.name, got, last, moved)
		}
		fresh := srv.Client(t)
		setClock(t, fresh, start)
		fresh.SignIn("demo@krakensim.dev", "krakensim")
		for k := range i + 1 {
			apply(fresh, k)
		}
		if want := mustQuery(t, fresh)(read, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("after %s the answer reads %v; a session that read it once reads %v", change.name, got, want)
		}
		last = got
	}
	return first
}
