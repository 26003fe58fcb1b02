package simtest_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// billedAnswers ask, of each of the demo person's accounts, what billing answers: its
// balances, its bills and their charges, its transactions, and its electricity's cost
// by the month over the last two years.
var billedAnswers = []string{
	`{ viewer { accounts { number balance } } }`,
	`query($a: String!) { account(accountNumber: $a) { balance ledgers { number balance }
		bills(first: 30) { edges { node { id billType fromDate toDate ... on StatementType { openingBalance closingBalance
			totalCharges { netTotal taxTotal grossTotal } totalCredits { grossTotal } } } } } } }`,
	`query($a: String!) { account(accountNumber: $a) { transactions(first: 100) { edges { node { id postedDate amount
		... on Charge { consumption { startDate endDate quantity } } } } } } }`,
	`query($a: String!, $s: Date!, $e: Date!) { account(accountNumber: $a) { properties { measurements(first: 30, startOn: $s, endOn: $e,
		utilityFilters: [{electricityFilters: {readingFrequencyType: MONTH_INTERVAL, readingDirection: CONSUMPTION}}]) {
		edges { node { value ... on IntervalMeasurementType { startAt } metaData { statistics { type costExclTax { estimatedAmount } } } } } } } } }`,
}

// TestBillingKeptAcrossClockMoves walks one session's clock on a month at a time,
// reading all that billing answers of the demo person's two accounts at each step,
// while changes reach months already billed by ways the session's memo does not see
// (the clock passing a meter exchange, a new agreement and a reading the world held
// from the start; the car's control, asked by mutations, which the entity store
// keeps; Saving Sessions' cuts, read back seasons from now's) and by ways it does (a
// reading and an agreement dated months back, written as the walk goes): at each of
// many months the answers are those of a session taken there afresh, the same
// changes made at the same months, nothing read before. The kept costs must be told
// apart by what the memo does not see, or the walk's answers are stale.
func TestBillingKeptAcrossClockMoves(t *testing.T) {
	srv, c := current(t)
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	start := sess.Now()
	day := func(m int) string { return start.AddDate(0, m, 0).Format(time.DateOnly) }
	midnight := func(m int) time.Time { return start.AddDate(0, m, 0).Truncate(24 * time.Hour) }
	elec := func(w *sim.World, number string) *sim.ElectricityMeterPoint {
		return &w.MutableAccount(number).Properties[0].ElectricityMeterPoints[0]
	}
	// Made in the world at the start, dated in months the walk passes: the clock
	// reaching them is no change of the world.
	ahead := func(w *sim.World) {
		mp := elec(w, "A-C90DC431")
		mp.Agreements[len(mp.Agreements)-1].ValidTo = day(7)
		mp.Agreements = append(mp.Agreements, sim.Agreement{ID: "9100098", TariffCode: "E-1R-AGILE-24-10-01-A", ProductCode: "AGILE-24-10-01", ValidFrom: day(7)})
		m := &mp.Meters[len(mp.Meters)-1]
		m.Readings = append(m.Readings, sim.MeterReading{ReadAt: midnight(5), Register: "1", Value: 24000, Source: "CUSTOMER"})
		mp = elec(w, "A-7B3E9D12")
		old := &mp.Meters[len(mp.Meters)-1]
		old.ActiveTo = day(11)
		old.Readings = append(old.Readings, sim.MeterReading{ReadAt: midnight(11), Register: "1", Value: 31000, Source: "CUSTOMER"})
		mp.Meters = append(mp.Meters, sim.ElectricityMeter{ID: "9900001", SerialNumber: "22K0099001", MeterType: "S2AD", IsDigital: true, ActiveFrom: day(11),
			Readings: []sim.MeterReading{{ReadAt: midnight(11), Register: "1", Value: 10, Source: "SMART"}, {ReadAt: midnight(14), Register: "1", Value: 900, Source: "SMART"}}})
	}
	// Made as the walk reaches their month: mutations of the car's control, and
	// writes of the world dated in months already billed.
	mutations := map[int][]string{
		4: {`mutation { suspendControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`},
		6: {`mutation { resumeControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`},
		9: {`mutation { triggerBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`},
		16: {`mutation { setVehicleChargePreferences(input: {accountNumber: "A-7B3E9D12", weekdayTargetSoc: 90,
			weekdayTargetTime: "07:00", weekendTargetSoc: 80, weekendTargetTime: "08:00"}) { krakenflexDevice { krakenflexDeviceId } } }`},
	}
	writes := map[int]func(w *sim.World){
		3: func(w *sim.World) { // a smart reading of two months before
			m := &elec(w, "A-C90DC431").Meters[0]
			m.Readings = append(m.Readings, sim.MeterReading{ReadAt: midnight(1), Register: "1", Value: 20500, Source: "SMART"})
		},
		19: func(w *sim.World) { // the car's tariff changed three months before
			mp := elec(w, "A-7B3E9D12")
			mp.Agreements[len(mp.Agreements)-1].ValidTo = day(16)
			mp.Agreements = append(mp.Agreements, sim.Agreement{ID: "9100099", TariffCode: "E-1R-FIX-12M-25-01-01-A", ProductCode: "FIX-12M-25-01-01", ValidFrom: day(16)})
		},
	}
	// step moves the session of client c to month m, making that month's changes,
	// and answers billedAnswers when read.
	step := func(c *simtest.Client, m int, read bool) string {
		s, err := srv.Sim.Session(c.Session)
		if err != nil {
			t.Fatal(err)
		}
		if m == 0 {
			ahead(s.World())
		}
		s.Clock().Set(start.AddDate(0, m, 0))
		if f := writes[m]; f != nil {
			f(s.World())
		}
		c.SignIn("demo@krakensim.dev", "krakensim")
		for _, q := range mutations[m] {
			if out := c.Query(q, nil); len(out.Errors) > 0 {
				t.Fatalf("month %d: %s: %+v", m, q, out.Errors)
			}
		}
		if !read {
			return ""
		}
		var answers strings.Builder
		for _, a := range []string{"A-C90DC431", "A-7B3E9D12"} {
			for _, q := range billedAnswers {
				out := c.Query(q, map[string]any{"a": a, "s": day(m - 24), "e": day(m)})
				if len(out.Errors) > 0 {
					t.Fatalf("month %d, %s: %+v", m, a, out.Errors)
				}
				b, _ := json.Marshal(out.Data)
				answers.Write(b)
			}
		}
		return answers.String()
	}
	// The walk ends with a leap of nine years, past which Saving Sessions' cuts of
	// the first months are no longer read back.
	const months, leap = 30, 30 + 9*12
	answers := map[int]string{}
	for m := 0; m <= months; m++ {
		answers[m] = step(c, m, true)
	}
	answers[leap] = step(c, leap, true)
	for _, m := range []int{2, 3, 5, 6, 8, 10, 12, 15, 17, 20, 24, 30, leap} {
		fresh := srv.Client(t)
		for k := 0; k < m; k++ {
			if k == 0 || writes[k] != nil || mutations[k] != nil {
				step(fresh, k, false)
			}
		}
		if want := step(fresh, m, true); answers[m] != want {
			t.Errorf("month %d, walked there, differs from taken there afresh:\n%s", m, firstDifference(answers[m], want))
		}
	}
	// The answers are worth comparing: what they bill moves with the clock.
	if answers[months] == answers[months-1] || answers[leap] == answers[months] || !strings.Contains(answers[months], `"billType"`) || !strings.Contains(answers[months], `"quantity"`) {
		t.Errorf("the answers did not move or do not bill: %.400s", answers[months])
	}
}

// firstDifference shows where two answers part, with some of each around it.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-300, 0)
	return fmt.Sprintf("walked:  ...%.600s\nafresh:  ...%.600s", got[from:], want[from:])
}
