package world

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/krakensim/krakensim/sim/fake"
)

// An export meter's register counts what a household's solar array sends to the grid:
// nothing at night, most around solar noon (noon of the household's standard time, as
// the sun keeps it), in a window that widens from under eight hours at midwinter to
// about fifteen at midsummer; a year's export is about 470 kWh for each kW of the
// array's peak in Britain (half what it generates there) and half its array's yield
// where the sun is stronger, several times more a day in summer than in winter, and a day's weather
// (and the day's before it) makes it a tenth to nearly twice its season's. A day's export is drawn in a
// sine-squared curve across its window, so its half hours add up to the day, and every
// day's total is the difference of a closed form, so that reading it allocates nothing
// and costs the same on any day. An array whose home's use is known (Meter.HomeUse)
// instead exports each half hour what it makes then (twice that curve's) beyond what
// the home uses then, its days summed once into a running total.

const (
	// solarPerKW is the mean export in kWh a half hour for each kW of peak in Britain:
	// about 470 kWh a year, half of the 940 or so its array generates.
	solarPerKW = 470.0 / 365.2425 / 48
	// britishYield is the kWh a year a kW of peak generates in Britain.
	britishYield = 940.0
	// solarSeason is the part of its mean a day's export rises above it at midsummer
	// and falls below it at midwinter.
	solarSeason = 0.75
	// solarWeather is the part of its season's export a day's weather may add or take.
	solarWeather = 0.45
	// solarHalfWindow and solarWindowSwing are the hours either side of noon the
	// array exports in, on average, and how many more at midsummer (fewer at midwinter).
	solarHalfWindow, solarWindowSwing = 5.6, 1.8
	// solarImportMargin is the hours at either end of the array's window whose
	// output is too weak to meet the home's use.
	solarImportMargin = 2.6
	// solsticeAfterPeak is the days from the household's coldest day to its longest.
	solsticeAfterPeak = 157
)

// solarAt is an export register in kWh at the start of slot k: the days before it, and
// its day's curve so far.
func (r meterReg) solarAt(k int64) float64 {
	day, j := (k+r.home.shift)/48, (k+r.home.shift)%48
	if j < 0 {
		day, j = day-1, j+48
	}
	base := 100 + 2000*unit(fake.Mix64(r.series^0x510e527fade682d1))
	if r.surplus != nil {
		switch {
		case day < surplusFirst:
			day, j = surplusFirst, 0
		case day > surplusLast:
			day, j = surplusLast, 0
		}
		// Summed as the running total sums its days, so that a night reads none.
		return r.offset + base + (r.surplus.before(day) + r.surplusOn(day, int(j), r.surplus.key.use))
	}
	c0, c1 := r.solarBefore(day), r.solarBefore(day+1)
	return r.offset + base + c0 + (c1-c0)*r.sunShare(day, float64(j)/2)
}

// surplusOn is what an array that exports what its home does not use sends out on a day
// before its half hour n: each half hour's yield (twice the export a half-yield array's
// day curve gives it, at most its peak for the half hour, where its inverter clips)
// beyond the home's use in it at mean half hour use (its season's, drawn over its day as
// dayCumulative is, as the clocks keep it); none where the home uses it all.
func (r meterReg) surplusOn(day int64, n int, use float64) float64 {
	yield := 2 * (r.solarBefore(day+1) - r.solarBefore(day))
	x := float64(day)
	uses := 48 * use * (useDays(x+1, r.home) - useDays(x, r.home))
	cum := &clockDays[rotOf(r.aheadOn(day))]
	sent, s0 := 0.0, 0.0
	for j := range n {
		s1 := r.sunShare(day, float64(j+1)/2)
		if s1 > s0 {
			sent += max(min(yield*(s1-s0), r.solar/2)-uses*(cum[j+1]-cum[j])/48, 0)
		}
		s0 = s1
	}
	return sent
}

// useDays is a household's electricity use before day x in mean days, as meterReg.days
// draws an import register's.
func useDays(x float64, h household) float64 {
	return x + ElectricitySeason/seasonRate*(math.Sin(seasonRate*(x-h.peak))-h.sinPeak)
}

// surplusKey is what an array's exports beyond its home's use depend on: its series,
// peak kW and mean export at half its yield, the home's mean use a half hour and its
// household.
type surplusKey struct {
	series        uint64
	kw, mean, use float64
	home          household
}

// surplusFirst and surplusLast are the first and last days from registerOrigin's an
// array's running total reaches: before the first it has exported nothing, after the
// last nothing more.
const surplusFirst, surplusLast = -20 * 366, 100 * 366

// surplusSums is a running total of an array's daily exports beyond its home's use from
// surplusFirst on, grown as far as it has been read, so that reading a day already
// reached allocates nothing and costs the same on any day.
type surplusSums struct {
	key surplusKey
	mu  sync.Mutex
	// cum holds the total before each day from surplusFirst on.
	cum atomic.Pointer[[]float64]
}

// surpluses are the running totals made so far, by surplusKey, up to maxSurpluses of
// them (arrays come from sign-ups too); surplusesHeld counts them.
var (
	surpluses     sync.Map
	surplusesHeld atomic.Int64
)

// maxSurpluses is how many arrays' running totals are kept; an array past them has its
// total summed for each read.
const maxSurpluses = 1024

// surplusOf is the running total of key's array.
func surplusOf(key surplusKey) *surplusSums {
	if s, ok := surpluses.Load(key); ok {
		return s.(*surplusSums)
	}
	s := &surplusSums{key: key}
	s.cum.Store(&[]float64{0})
	if surplusesHeld.Add(1) > maxSurpluses {
		return s
	}
	actual, _ := surpluses.LoadOrStore(key, s)
	return actual.(*surplusSums)
}

// before is the array's export before day (from surplusFirst to surplusLast).
func (s *surplusSums) before(day int64) float64 {
	i := day - surplusFirst
	if cum := *s.cum.Load(); i < int64(len(cum)) {
		return cum[i]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cum := *s.cum.Load()
	r := meterReg{series: s.key.series, solar: s.key.kw, mean: s.key.mean, home: s.key.home}
	for x := surplusFirst + int64(len(cum)) - 1; x < day; x++ {
		cum = append(cum, cum[len(cum)-1]+r.surplusOn(x, 48, s.key.use))
	}
	s.cum.Store(&cum)
	return cum[i]
}

// solarDays is the export before day x in mean days: one a day, more around midsummer.
func (r meterReg) solarDays(x float64) float64 {
	summer := r.home.peak + solsticeAfterPeak
	return x + solarSeason/seasonRate*(math.Sin(seasonRate*(x-summer))-math.Sin(-seasonRate*summer))
}

// solarSeasonal is the export a day's season gives it in kWh, before its weather.
func (r meterReg) solarSeasonal(day int64) float64 {
	x := float64(day)
	return 48 * r.mean * (r.solarDays(x+1) - r.solarDays(x))
}

// solarBefore is the export in kWh before day: its seasons', and a share of its own
// season's that its weather moves from one side of its midnight to the other.
func (r meterReg) solarBefore(day int64) float64 {
	w := unit(fake.Mix64(r.series^uint64(day)*0xbf58476d1ce4e5b9)) - 0.5
	return 48*r.mean*r.solarDays(float64(day)) + 2*solarWeather*w*r.solarSeasonal(day)
}

// sunShare is the part of a day's export sent before hour h of its standard time: a
// sine-squared curve over the window either side of noon the season gives it.
func (r meterReg) sunShare(day int64, h float64) float64 {
	half := r.sunHours(day)
	u := (h - (12 - half)) / (2 * half)
	switch {
	case u <= 0:
		return 0
	case u >= 1:
		return 1
	}
	return u - math.Sin(2*math.Pi*u)/(2*math.Pi)
}

// sunHours is the hours either side of noon (of the household's standard time) its
// array exports in on a day.
func (r meterReg) sunHours(day int64) float64 {
	summer := r.home.peak + solsticeAfterPeak
	return solarHalfWindow + solarWindowSwing*math.Cos(seasonRate*(float64(day)+0.5-summer))
}

// sunlitOn is a sunlit day shape's hours on a day: the middle of its array's window,
// where the array meets most of the home's use, in whole half hours either side of
// noon; its share of the day's use is op's for op's hours, in proportion to its own.
func (r meterReg) sunlitOn(day int64, op OffPeak) OffPeak {
	n := max(int(math.Round(2*(r.sunHours(day)-solarImportMargin))), 1)
	span := time.Duration(n) * slot
	share := op.Share * float64(2*span) / float64(op.To-op.From)
	return OffPeak{From: 12*time.Hour - span, To: 12*time.Hour + span, Share: share, Sun: true}
}

// australianYield is the kWh a day a kW of peak generates, averaged over a year, in each
// Australian state's capital, as the Clean Energy Council states it for a well-made array.
var australianYield = map[string]float64{
	"NSW": 3.9, "ACT": 4.3, "VIC": 3.6, "QLD": 4.2, "SA": 4.2, "WA": 4.4, "TAS": 3.5, "NT": 4.4,
}

// SolarYield is the kWh a year a kW of peak generates at a home in the country (an ISO
// code) and postcode given: an Australian home's by its state's capital; 0 (Britain's)
// elsewhere, or for a postcode no state has.
func SolarYield(country, postcode string) float64 {
	if country != "AU" {
		return 0
	}
	return australianYield[australianState(postcode)] * 365.2425
}

// australianState is the state or territory an Australian postcode lies in; "" for none.
func australianState(postcode string) string {
	n, err := strconv.Atoi(postcode)
	switch {
	case err != nil || len(postcode) != 4:
		return ""
	case n >= 800 && n < 1000:
		return "NT"
	case n >= 200 && n < 300, n >= 2600 && n <= 2618, n >= 2900 && n <= 2920:
		return "ACT"
	case n >= 1000 && n < 3000:
		return "NSW"
	case n >= 3000 && n < 4000, n >= 8000 && n < 9000:
		return "VIC"
	case n >= 4000 && n < 5000, n >= 9000:
		return "QLD"
	case n >= 5000 && n < 6000:
		return "SA"
	case n >= 6000 && n < 7000:
		return "WA"
	case n >= 7000 && n < 8000:
		return "TAS"
	}
	return ""
}

// solarKW is the peak of an array whose inverter's maker states none.
const solarKW = 4.0

// SolarKW is the peak power in kW of the solar array behind the household's devices:
// that of its inverters, as their makers state them (an array is sized to its
// inverter), else a 4 kW array's.
func SolarKW(devices []Device) float64 {
	kw := 0.0
	for _, d := range devices {
		if spec, ok := fake.ModelSpec(d.Type, "inverter", d.Make, d.Model); ok && strings.Contains(strings.ToLower(d.Type), "inverter") {
			kw += spec.PowerKW
		}
	}
	if kw == 0 {
		return solarKW
	}
	return kw
}
