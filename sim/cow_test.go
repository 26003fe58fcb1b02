package sim_test

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/krakensim/krakensim/sim"
)

// TestForkSharesUntilChanged checks that a fork hands out the shared entities for
// reading, copies an entity (deeply) the first time it is handed out for changing, and
// hands the same copy out afterwards.
func TestForkSharesUntilChanged(t *testing.T) {
	w := testWorld()
	f := w.Fork()
	if f.Account("A-C90DC431") != w.Account("A-C90DC431") || f.User("3235447") != w.User("3235447") {
		t.Fatal("a fork's reads do not share the original's entities")
	}
	a := f.MutableAccount("A-C90DC431")
	if a == w.Account("A-C90DC431") {
		t.Fatal("MutableAccount handed out the shared account")
	}
	if f.MutableAccount("A-C90DC431") != a || f.Account("A-C90DC431") != a {
		t.Fatal("the fork does not keep its copy")
	}
	if f.MutableAccount("A-FFFFFFFF") != nil || f.MutableUser("0") != nil {
		t.Fatal("an unknown entity is not nil")
	}
	if f.Accounts[1] != w.Accounts[1] {
		t.Fatal("copying one account copied another")
	}
	if w.Clone().MutableAccount("A-C90DC431") == nil {
		t.Fatal("a world that is not a fork hands out nothing")
	}

	// Adding first moves the list to the fork's own array; a later copy replaces the
	// entry there, not in the original's list.
	g := w.Fork()
	shared := w.Accounts[0]
	g.AddAccount(&sim.Account{Number: "A-0000000F"})
	g.MutableAccount(shared.Number).Balance = -7
	if w.Accounts[0] != shared || shared.Balance == -7 || g.Account(shared.Number).Balance != -7 {
		t.Fatal("a copy after an add reached the original's list")
	}
}

// TestForkChangesLeaveOriginal changes a fork through every Mutable accessor and Add
// method, at every depth: the original keeps its values.
func TestForkChangesLeaveOriginal(t *testing.T) {
	w := testWorld()
	want := testWorld()
	f := w.Fork()
	u := f.MutableUser("3235447")
	u.Email = "changed@example.com"
	u.AccountNumbers[0] = "A-00000000"
	u.PreSignedKeys = u.PreSignedKeys[:0]
	f.MutableUserByEmail("changed@example.com").LoyaltyPoints = 7
	f.AddUser(&sim.User{ID: "1"})
	a := f.MutableAccount("A-C90DC431")
	a.Balance = -1
	a.BillingAddress.Lines[0] = "changed"
	a.Properties[0].ElectricityMeterPoints[0].Meters[0].Readings[0].Value = 99
	a.Ledgers[0].Balance = 0
	a.Notes[0].DocumentPaths[0] = "b.pdf"
	a.Notes = append(a.Notes, sim.Note{Body: "new"})
	_, p := f.MutableProperty(a.Properties[0].ID)
	p.NumberOfOccupants = 9
	f.AddAccount(&sim.Account{Number: "A-0000000F"})
	f.MutableImportSupplier(w.ImportSuppliers[0].Code).APIKeys[0] = "other"
	f.MutableReferralClaimCode(w.ReferralClaimCodes[0].Code).Redeemed = true
	q := f.MutableGoodsQuote(w.GoodsQuotes[0].ID)
	q.Products[0].NumberOfUnits = 5
	q.SharedWith = append(q.SharedWith, "x@example.com")
	f.AddGoodsQuote(&sim.GoodsQuote{ID: "999"})
	if !reflect.DeepEqual(w, want) {
		t.Fatal("changing the fork changed the original")
	}
	if f.User("1") == nil || f.Account("A-0000000F") == nil || f.GoodsQuote("999") == nil {
		t.Fatal("added entities are missing from the fork")
	}
	if got := f.Account("A-C90DC431").Properties[0].NumberOfOccupants; got != 9 {
		t.Fatalf("the property change is not on the fork's account: %d", got)
	}
}

// TestForkBytes checks that a fork's size estimate starts small and grows with what it
// copies and what it adds to its copies.
func TestForkBytes(t *testing.T) {
	w := testWorld()
	f := w.Fork()
	empty := f.Bytes()
	if whole := w.Bytes(); empty >= whole {
		t.Fatalf("an unchanged fork estimates %d bytes, the whole world %d", empty, whole)
	}
	a := f.MutableAccount("A-C90DC431")
	copied := f.Bytes()
	if copied <= empty {
		t.Fatalf("copying an account did not grow the estimate: %d → %d", empty, copied)
	}
	a.Notes = append(a.Notes, sim.Note{Body: string(make([]byte, 10000))})
	f.MutableAccount("A-C90DC431")
	if grown := f.Bytes(); grown < copied+10000 {
		t.Fatalf("a 10,000-byte note grew the estimate from %d to %d", copied, grown)
	}
}

// TestForkConcurrent forks one world from many goroutines and changes each fork; under
// -race it proves sessions sharing the fixtures do not write to them.
func TestForkConcurrent(t *testing.T) {
	w := testWorld()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 50 {
				f := w.Fork()
				_ = f.Account("A-C90DC431").Balance
				a := f.MutableAccount("A-C90DC431")
				a.Balance = i*1000 + j
				a.Ledgers[0].Balance = j
				u := f.MutableUser("3235447")
				u.AccountNumbers = append(u.AccountNumbers, "A-FFFFFFFF")
				a.Properties[0].ElectricityMeterPoints[0].Meters[0].Readings[0].Value = float64(j)
				f.AddAccount(&sim.Account{Number: "A-0000000F"})
				if got := f.Account("A-C90DC431").Balance; got != i*1000+j {
					t.Errorf("fork balance %d, want %d", got, i*1000+j)
				}
				_ = f.Bytes()
			}
		})
	}
	wg.Wait()
	if !reflect.DeepEqual(w, testWorld()) {
		t.Fatal("concurrent forks changed the original")
	}
}

// A session's world is a Fork of the fixtures: reads share their entities, and a change
// goes to a copy that only the fork sees.
func ExampleWorld_Fork() {
	fixtures := &sim.World{Accounts: []*sim.Account{{Number: "A-C90DC431", Balance: 4230}}}
	session := fixtures.Fork()
	fmt.Println("shared before a change:", session.Account("A-C90DC431") == fixtures.Account("A-C90DC431"))

	session.MutableAccount("A-C90DC431").Balance -= 1000
	fmt.Println("session balance:", session.Account("A-C90DC431").Balance)
	fmt.Println("fixtures balance:", fixtures.Account("A-C90DC431").Balance)
	// Output:
	// shared before a change: true
	// session balance: 3230
	// fixtures balance: 4230
}

// TestAddMessageBoundsWhatItKeeps numbers messages, keeps the last MaxMessages, and cuts
// what a request put in one to its bounds, at a character boundary.
func TestAddMessageBoundsWhatItKeeps(t *testing.T) {
	w := (&sim.World{}).Fork()
	long := strings.Repeat("é", 5000)
	for range sim.MaxMessages + 5 {
		w.AddMessage(&sim.Message{To: long, Subject: "s", Body: long, Data: map[string]string{"token": long}})
	}
	first, last := w.Messages[0], w.Messages[len(w.Messages)-1]
	if len(w.Messages) != sim.MaxMessages || first.ID != "6" || last.ID != "205" {
		t.Fatalf("kept %d, %s to %s", len(w.Messages), first.ID, last.ID)
	}
	for name, v := range map[string]string{"to": last.To, "body": last.Body, "data": last.Data["token"]} {
		if !utf8.ValidString(v) || !strings.HasSuffix(v, "…") || len(v) > 4096 {
			t.Errorf("%s: %d bytes, valid %v", name, len(v), utf8.ValidString(v))
		}
	}
	if len(last.To) > 320 || len(last.Data["token"]) > 512 {
		t.Errorf("to %d bytes, data %d", len(last.To), len(last.Data["token"]))
	}
}

// TestNextTransactionIDNeverReused checks that transaction ids go on from the highest
// of the fixtures' and are never handed out twice, even when a transaction is taken back.
func TestNextTransactionIDNeverReused(t *testing.T) {
	f := testWorld().Fork()
	a := f.MutableAccount("A-C90DC431")
	highest := 0
	for _, acc := range testWorld().Accounts {
		for _, tx := range acc.Transactions {
			if v, err := strconv.Atoi(tx.ID); err == nil && v > highest {
				highest = v
			}
		}
	}
	first := f.NextTransactionID()
	a.Transactions = append(a.Transactions, sim.Transaction{ID: first})
	a.Transactions = a.Transactions[:len(a.Transactions)-1]
	if second := f.NextTransactionID(); first != strconv.Itoa(highest+1) || second != strconv.Itoa(highest+2) {
		t.Errorf("ids %s then %s after the fixtures' highest %d", first, second, highest)
	}
}
