package sim

import (
	"reflect"
	"testing"
)

// TestApproxSize checks the estimate on values of known size, and that shared and
// cyclic pointers are counted once.
func TestApproxSize(t *testing.T) {
	type node struct {
		Name string
		Next *node
	}
	cyclic := &node{Name: "abcd"}
	cyclic.Next = cyclic
	shared := &node{Name: "xy"}
	tests := []struct {
		name string
		v    any
		want int
	}{
		{"string", "hello", 16 + 5},
		{"slice", []int64{1, 2, 3}, 24 + 3*8},
		{"strings", []string{"ab", "c"}, 24 + 2*16 + 3},
		{"cycle", cyclic, 8 + 24 + 4},
		{"shared twice", []*node{shared, shared}, 24 + 2*8 + 24 + 2},
		{"nil map", map[string]int(nil), 8},
	}
	for _, tt := range tests {
		if got := approxSize(reflect.ValueOf(tt.v)); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
	if got := approxSize(reflect.ValueOf(map[string]string{"k": "vvv"})); got < 4 {
		t.Errorf("map: %d", got)
	}
}

// TestAccountBytesIncremental checks that an account measured a few transactions at a
// time (some amended after posting, some taken back) is estimated as a walk of the
// whole account would be.
func TestAccountBytesIncremental(t *testing.T) {
	w := (&World{Accounts: []*Account{{Number: "A-1", Transactions: []Transaction{{ID: "1", Note: "fixture"}}}}}).Fork()
	whole := func(a *Account) int { return approxSize(reflect.ValueOf(a).Elem()) + 16 }
	steps := []struct {
		name   string
		change func(a *Account)
	}{
		{"copied", func(*Account) {}},
		{"posted", func(a *Account) {
			a.Transactions = append(a.Transactions, Transaction{ID: w.NextTransactionID(), Note: "one"}, Transaction{ID: w.NextTransactionID()})
		}},
		{"last amended", func(a *Account) { a.Transactions[len(a.Transactions)-1].Note = "a longer note than before" }},
		{"last taken back", func(a *Account) { a.Transactions = a.Transactions[:len(a.Transactions)-1] }},
		{"middle taken back, one posted", func(a *Account) {
			a.Transactions = append(a.Transactions[:1], Transaction{ID: w.NextTransactionID(), Reason: "GENERAL_CHARGE"})
		}},
		{"unchanged", func(*Account) {}},
	}
	for _, s := range steps {
		a := w.MutableAccount("A-1")
		s.change(a)
		w.Bytes()
		if got, want := w.cow.mine[a], whole(a); got != want {
			t.Errorf("%s: %d bytes, a whole walk %d", s.name, got, want)
		}
	}
}
