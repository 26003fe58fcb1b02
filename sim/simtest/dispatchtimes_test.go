package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// pythonTime is how Kraken's Python writes a UTC datetime as a string (str).
const pythonTime = "2006-01-02 15:04:05-07:00"

// TestOctopusDispatchStringsArePythons: the deprecated startDt and endDt that start and
// end replaced are the strings Kraken's Python made of them ("2024-02-25 02:00:00+00:00",
// as an integration's captured answer shows and its strptime reads), the same instants.
func TestOctopusDispatchStringsArePythons(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	q(`mutation { triggerBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`, nil)
	data := q(`{ plannedDispatches(accountNumber: "A-7B3E9D12") { start end startDt endDt }
		completedDispatches(accountNumber: "A-7B3E9D12") { start end startDt endDt } }`, nil)
	seen := 0
	for _, list := range []string{"plannedDispatches", "completedDispatches"} {
		items, _ := data[list].([]any)
		for _, it := range items {
			for _, pair := range [][2]string{{"start", "startDt"}, {"end", "endDt"}} {
				typed, err1 := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(it, pair[0])))
				old := fmt.Sprint(simtest.Get(it, pair[1]))
				str, err2 := time.Parse(pythonTime, old)
				if err1 != nil || err2 != nil || !typed.Equal(str) || old != typed.UTC().Format(pythonTime) {
					t.Errorf("%s: %s %v, %s %q; want the same instant as %q", list, pair[0], simtest.Get(it, pair[0]), pair[1], old, typed.UTC().Format(pythonTime))
				}
			}
			seen++
		}
	}
	if seen == 0 {
		t.Fatalf("no dispatch after a boost: %v", data)
	}
}
