package simtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestPropertiesSearchMatchesTheTerm searches the demo user's homes: each once, best
// match first, none for a term no home's address, postcode or meter point holds.
func TestPropertiesSearchMatchesTheTerm(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	for _, tc := range []struct{ term, want string }{
		{"NR3 1AB", "[2214531:100]"},
		{"nr31ab", "[2214531:100]"},
		{"mill road norwich", "[2214532:66.67 2214531:33.33]"},
		{"1013004420117", "[2214531:100]"},
		{"Nowhere 99", "[]"},
		{"", "[]"},
	} {
		data := q(`query($s: String!) { propertiesSearch(searchTerm: $s) { score property { id } } propertySearch(searchTerm: $s) { id } }`, map[string]any{"s": tc.term})
		var got, ids, wantIDs []string
		for _, r := range simtest.Get(data, "propertiesSearch").([]any) {
			got = append(got, fmt.Sprint(simtest.Get(r, "property", "id"), ":", simtest.Get(r, "score")))
			wantIDs = append(wantIDs, fmt.Sprint(simtest.Get(r, "property", "id")))
		}
		for _, p := range simtest.Get(data, "propertySearch").([]any) {
			ids = append(ids, fmt.Sprint(simtest.Get(p, "id")))
		}
		if s := "[" + strings.Join(got, " ") + "]"; s != tc.want {
			t.Errorf("propertiesSearch(%q) = %s, want %s", tc.term, s, tc.want)
		}
		if fmt.Sprint(ids) != fmt.Sprint(wantIDs) {
			t.Errorf("propertySearch(%q) = %v, propertiesSearch found %v", tc.term, ids, wantIDs)
		}
	}
}
