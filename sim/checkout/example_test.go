package checkout_test

import (
	"fmt"

	"github.com/krakensim/krakensim/sim/checkout"
)

// A hosted page's link names its session and checkout, signed.
func ExampleSigner_Link() {
	s := checkout.NewSigner([]byte("secret"))
	link := s.Link("http://127.0.0.1:8080", "my-test", "58da0f17474b6333")
	session, id, err := s.Check(link[len("http://127.0.0.1:8080"+checkout.Path):])
	fmt.Println(session, id, err)
	// Output: my-test 58da0f17474b6333 <nil>
}

// Stripe's test cards decline as they do there.
func ExampleReadCard() {
	c, _ := checkout.ReadCard("4000 0000 0000 9995")
	fmt.Println(c.Network, c.Last4, c.Decline)
	// Output: VISA 9995 insufficient_funds
}
