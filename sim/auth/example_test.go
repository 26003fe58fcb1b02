package auth_test

import (
	"fmt"
	"time"

	"github.com/krakensim/krakensim/sim/auth"
)

// keys is a one-user Credentials, standing in for the simulator's fixtures.
type keys struct{}

func (keys) ByEmail(email string) (auth.Principal, string, bool) {
	if email == "ada@example.com" {
		return auth.Principal{UserID: "1001", Email: email}, "s3cret-pass", true
	}
	return auth.Principal{}, "", false
}
func (keys) ByAPIKey(string) (auth.Principal, bool)                { return auth.Principal{}, false }
func (keys) ByPreSignedKey(string) (auth.Principal, bool)          { return auth.Principal{}, false }
func (keys) ByOrganizationSecretKey(string) (auth.Principal, bool) { return auth.Principal{}, false }

func Example() {
	clock := auth.NewFrozenClock(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
	issuer := auth.NewIssuer([]byte("session secret"), auth.DefaultIssuer, clock)

	tok, f := issuer.Obtain(auth.ObtainInput{Email: "ada@example.com", Password: "s3cret-pass"}, keys{})
	if f != nil {
		fmt.Println(f.Code)
		return
	}
	fmt.Println(tok.Payload()["sub"], tok.Payload()["gty"], tok.Payload()["exp"].(int64)-tok.Payload()["iat"].(int64))

	claims, _ := issuer.Authenticate("JWT " + tok.Token)
	fmt.Println("user", claims.UserID, "may read account of 1001:", claims.Authorize("", "1001") == nil)
	fmt.Println("may read account of 2002:", claims.Authorize("", "2002").Code)

	clock.Advance(61 * time.Minute)
	_, f = issuer.Authenticate(tok.Token)
	fmt.Println("an hour on:", f.Code)

	fresh, _ := issuer.Obtain(auth.ObtainInput{RefreshToken: tok.RefreshToken}, nil)
	fmt.Println("refreshed, origIat kept:", fresh.Payload()["origIat"] == tok.Payload()["origIat"])

	clock.Advance(7 * 24 * time.Hour)
	_, f = issuer.Obtain(auth.ObtainInput{RefreshToken: tok.RefreshToken}, nil)
	fmt.Println("a week on:", f.Code)

	_, f = issuer.Authenticate("")
	fmt.Println("no header:", f.Code)
	// Output:
	// kraken|account-user:1001 EMAIL-AND-PASSWORD 3600
	// user 1001 may read account of 1001: true
	// may read account of 2002: KT-CT-1111
	// an hour on: KT-CT-1124
	// refreshed, origIat kept: true
	// a week on: KT-CT-1134
	// no header: KT-CT-1112
}

// A session's store keeps its newest refresh tokens: signing in beyond its bound forgets
// the oldest, which then fails like a token never issued.
func ExampleNewBoundedRefreshStore() {
	clock := auth.NewFrozenClock(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
	issuer := auth.NewIssuer([]byte("session secret"), auth.DefaultIssuer, clock).WithStore(auth.NewBoundedRefreshStore(2))
	var refresh []string
	for range 3 {
		tok, _ := issuer.Obtain(auth.ObtainInput{Email: "ada@example.com", Password: "s3cret-pass"}, keys{})
		refresh = append(refresh, tok.RefreshToken)
	}
	fmt.Println("kept:", issuer.Store().Len())
	_, f := issuer.Obtain(auth.ObtainInput{RefreshToken: refresh[0]}, nil)
	fmt.Println("oldest:", f.Code)
	_, f = issuer.Obtain(auth.ObtainInput{RefreshToken: refresh[2]}, nil)
	fmt.Println("newest refreshes:", f == nil)
	// Output:
	// kept: 2
	// oldest: KT-CT-1135
	// newest refreshes: true
}
