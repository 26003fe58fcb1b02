package simtest_test

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestMadeUpNumbersAreOfTheirKind: a made-up commit SHA is 40 hex digits, and a made-up
// Australian business's number an ACN whose check digit is ASIC's.
func TestMadeUpNumbersAreOfTheirKind(t *testing.T) {
	_, c := octopus(t)
	sha, _ := simtest.Get(mustQuery(t, c)(`{ krakenVersion { SHA } }`, nil), "krakenVersion", "SHA").(string)
	if !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(sha) {
		t.Errorf("krakenVersion.SHA %q is not a commit hash", sha)
	}
	_, o := tenant(t, "origin-schema.graphql")
	n, _ := simtest.Get(mustQuery(t, o)(`{ business { number } }`, nil), "business", "number").(string)
	if len(n) != 9 {
		t.Fatalf("business number %q is not an ACN", n)
	}
	sum := 0
	for i := range 8 {
		d, _ := strconv.Atoi(n[i : i+1])
		sum += d * (8 - i)
	}
	if check := (10 - sum%10) % 10; strconv.Itoa(check) != n[8:] {
		t.Errorf("ACN %s: check digit %s, want %d", n, n[8:], check)
	}
}
