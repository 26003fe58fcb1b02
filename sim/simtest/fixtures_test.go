package simtest_test

import (
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestCheckFixtures writes to a shared account through a read lookup, as a resolver
// that skips MutableAccount would: CheckFixtures names the entity; changing the
// session's own copy is fine.
func TestCheckFixtures(t *testing.T) {
	srv, err := simtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	sess, err := srv.Sim.Session("check-fixtures")
	if err != nil {
		t.Fatal(err)
	}
	sess.World().MutableAccount("A-C90DC431").Balance = -42
	if err := srv.CheckFixtures(); err != nil {
		t.Fatalf("a change to the session's copy: %v", err)
	}
	other, err := srv.Sim.Session("check-fixtures-other")
	if err != nil {
		t.Fatal(err)
	}
	a := other.World().Account("A-C90DC431")
	balance := a.Balance
	a.Balance = -43
	err = srv.CheckFixtures()
	a.Balance = balance
	if err == nil || !strings.Contains(err.Error(), "Accounts[") {
		t.Fatalf("a write to the shared fixtures: error %v, want one naming the account", err)
	}
}
