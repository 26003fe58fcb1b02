package sim_test

import (
	"errors"
	"fmt"

	"github.com/krakensim/krakensim/sim"
)

func ExampleSimulator_WorldOverview() {
	s, _ := sim.New(sim.Config{
		API:  mustLoad("type Query { a: Int }"),
		Auth: mustLoad("type Query { a: Int }"),
		World: &sim.World{
			Users:    []*sim.User{{ID: "1", Email: "ada@example.com", Password: "secret", GivenName: "Ada", FamilyName: "Byron", AccountNumbers: []string{"A-00000001"}}},
			Accounts: []*sim.Account{{Number: "A-00000001", Status: "ACTIVE", BillingName: "Ada Byron", Balance: 1250}},
		},
	})
	w, _ := s.WorldOverview("qa")
	u, a := w.Users[0], w.Accounts[0]
	fmt.Println(w.Session, u.Email, u.Name, u.Password, u.Accounts)
	fmt.Println(a.Number, a.Status, a.Balance)
	fmt.Println(s.SignInHint())
	// Output:
	// qa ada@example.com Ada Byron secret [A-00000001]
	// A-00000001 ACTIVE 1250
	// ada@example.com secret
}

func ExampleSimulator_PeekWorld() {
	s, _ := sim.New(sim.Config{
		API:   mustLoad("type Query { a: Int }"),
		Auth:  mustLoad("type Query { a: Int }"),
		World: &sim.World{Users: []*sim.User{{ID: "1", Email: "ada@example.com", Password: "secret"}}},
	})
	w, err := s.PeekWorld("") // the default session, as it would begin
	fmt.Println(w.Session, w.Users[0].Email, err, s.LiveSessions())
	_, err = s.PeekWorld("qa")
	fmt.Println(errors.Is(err, sim.ErrNoSession), s.LiveSessions())
	// Output:
	// default ada@example.com <nil> 0
	// true 0
}
