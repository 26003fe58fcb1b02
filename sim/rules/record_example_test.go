package rules_test

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/krakensim/krakensim/sim/rules"
)

// RouteParam reads a {name} segment's value from a path, as a rule's path: matches it.
func ExampleRouteParam() {
	fmt.Println(rules.RouteParam("/v1/accounts/{account_number}/", "/v1/accounts/A-C90DC431/", "account_number"))
	fmt.Println(rules.RouteParam("/v1/accounts/{account_number}/", "/v1/accounts/A-C90DC431/", "number"))
	// Output:
	// A-C90DC431 true
	//  false
}

// UnsignedJWT is the token a recording replays: its claims in order, no signature.
func ExampleUnsignedJWT() {
	tok := rules.UnsignedJWT("sub", "kraken|account-user:1", "exp", int64(1724158972))
	parts := strings.Split(tok, ".")
	header, _ := base64.RawURLEncoding.DecodeString(parts[0])
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	fmt.Println(string(header), string(payload), parts[2] == "")
	// Output:
	// {"alg":"none","typ":"JWT"} {"sub":"kraken|account-user:1","exp":1724158972} true
}

// SHA256 is what a sha256 matcher holds: a recording matches a failed sign-in's
// password so without writing it.
func ExampleSHA256() {
	fmt.Println(rules.SHA256("wrong-password")[:16])
	// Output:
	// 6786324d71483a9d
}
