package accounts

import (
	"math"
	"strings"
	"time"
)

// Cosy Octopus, Octopus's tariff for homes with a heat pump, prices each day in fixed
// windows of local time: its cheapest rate in three Cosy windows (04:00–07:00,
// 13:00–16:00 and 22:00–00:00), its dearest from 16:00 to 19:00, and a standard rate
// between them. An agreement on it is a HalfHourlyTariff whose unitRates are today's
// windows, and a statement charges each half hour's use at its rate, so that the heat
// it stores in the Cosy windows costs what the meter's half hours say.

// cosyWindows are Cosy's cheap windows, from and to on a day's local clock.
var cosyWindows = [][2]time.Duration{{4 * time.Hour, 7 * time.Hour}, {13 * time.Hour, 16 * time.Hour}, {22 * time.Hour, 24 * time.Hour}}

// Cosy's peak, on a day's local clock, and its rates against its standard unit rate:
// about half in the Cosy windows and two fifths more at peak, as its published rates
// stand to each other.
const (
	cosyPeakFrom, cosyPeakTo = 16 * time.Hour, 19 * time.Hour
	cosyCheap, cosyDear      = 0.5, 1.4
)

// cosy reports whether a tariff is Cosy Octopus's single-register tariff (E-1R-COSY-…).
func cosy(code string) bool {
	return strings.HasPrefix(code, "E-1R-") && productName(code) == "Cosy"
}

// cosyRate is a Cosy tariff's unit rate before tax for the half hour holding t: its
// cheap rate in a Cosy window, its peak rate from 16:00 to 19:00, else its standard
// rate (p.unit), to the hundredth of a penny.
func cosyRate(p tariffPrices, t time.Time, zone *time.Location) float64 {
	local := t.In(zone)
	clock := time.Duration(local.Hour())*time.Hour + time.Duration(local.Minute())*time.Minute
	factor := 1.0
	for _, w := range cosyWindows {
		if clock >= w[0] && clock < w[1] {
			factor = cosyCheap
		}
	}
	if clock >= cosyPeakFrom && clock < cosyPeakTo {
		factor = cosyDear
	}
	return math.Round(p.unit*factor*100) / 100
}

// halfHourPricer is how a tariff priced by the half hour (Agile's, Cosy's, a Fan Club's) prices the
// half hour holding t, before tax; nil for any other tariff.
func halfHourPricer(code string) func(p tariffPrices, t time.Time, zone *time.Location) float64 {
	switch {
	case agile(code):
		return func(p tariffPrices, t time.Time, zone *time.Location) float64 { return agileRate(code, p, t, zone) }
	case cosy(code):
		return cosyRate
	case fanClub(code):
		return fanRate(code)
	}
	return nil
}
