// Package workdays says on which days a tenant's banks work: not at weekends, and not
// on the bank holidays of the country its time zone is in.
package workdays

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/ecb"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/jp"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/us"
)

// Calendar is the working days of one tenant's banks.
type Calendar struct {
	days *cal.BusinessCalendar
}

// calendars are the Calendars made so far, by zone name.
var calendars sync.Map

// For is the Calendar of the banks where loc is: England and Wales's bank holidays
// (Bacs) for Europe/London, an Australian state's for its capital's zone, the euro's
// settlement holidays (TARGET) for the euro area's zones, Japan's, New Zealand's and
// the United States' federal ones; weekends alone elsewhere.
func For(loc *time.Location) *Calendar {
	name := "UTC"
	if loc != nil {
		name = loc.String()
	}
	if c, ok := calendars.Load(name); ok {
		return c.(*Calendar)
	}
	bc := cal.NewBusinessCalendar()
	bc.Cacheable = true
	bc.AddHoliday(holidaysOf(name)...)
	c, _ := calendars.LoadOrStore(name, &Calendar{days: bc})
	return c.(*Calendar)
}

// holidaysOf are the bank holidays of the zone name's country (or state).
func holidaysOf(name string) []*cal.Holiday {
	switch {
	case name == "Europe/London":
		return gb.Holidays
	case strings.HasPrefix(name, "Australia/"):
		return australian[strings.TrimPrefix(name, "Australia/")]
	case euro[name]:
		return ecb.Holidays
	case name == "Asia/Tokyo":
		return jp.Holidays
	case name == "Pacific/Auckland":
		return nz.Holidays
	case strings.HasPrefix(name, "America/") && unitedStates[strings.TrimPrefix(name, "America/")]:
		return us.Holidays
	}
	return nil
}

// australian are each Australian zone's state holidays.
var australian = map[string][]*cal.Holiday{
	"Sydney": au.HolidaysNSW, "ACT": au.HolidaysACT, "Canberra": au.HolidaysACT, "NSW": au.HolidaysNSW,
	"Melbourne": au.HolidaysVIC, "Victoria": au.HolidaysVIC, "Brisbane": au.HolidaysQLD,
	"Queensland": au.HolidaysQLD, "Adelaide": au.HolidaysSA, "South": au.HolidaysSA,
	"Perth": au.HolidaysWA, "West": au.HolidaysWA, "Hobart": au.HolidaysTAS, "Tasmania": au.HolidaysTAS,
	"Darwin": au.HolidaysNT, "North": au.HolidaysNT,
}

// euro are the euro area's zones, whose direct debits settle on TARGET's days.
var euro = map[string]bool{
	"Europe/Berlin": true, "Europe/Madrid": true, "Europe/Paris": true, "Europe/Rome": true,
	"Europe/Dublin": true, "Europe/Amsterdam": true, "Europe/Brussels": true, "Europe/Vienna": true,
	"Europe/Lisbon": true, "Europe/Helsinki": true, "Atlantic/Canary": true,
}

// unitedStates are the zones of the United States among America/'s.
var unitedStates = map[string]bool{
	"New_York": true, "Chicago": true, "Denver": true, "Los_Angeles": true, "Phoenix": true,
	"Anchorage": true, "Detroit": true,
}

// Works reports whether banks work on d's date.
func (c *Calendar) Works(d time.Time) bool { return c.days.IsWorkday(d) }

// Next is d, or the first day after it on which banks work.
func (c *Calendar) Next(d time.Time) time.Time {
	for i := 0; i < 14 && !c.days.IsWorkday(d); i++ {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// Holiday is the name of the bank holiday on d's date ("Boxing Day (substitute day)"
// for one kept on a day after its own), "" when it is none.
func (c *Calendar) Holiday(d time.Time) string {
	actual, observed, h := c.days.IsHoliday(d)
	switch {
	case !observed || h == nil:
		return ""
	case !actual:
		return h.Name + " (substitute day)"
	}
	return h.Name
}

// australianStates are each Australian state's and territory's public holidays, by its
// code.
var australianStates = map[string][]*cal.Holiday{
	"ACT": au.HolidaysACT, "NSW": au.HolidaysNSW, "NT": au.HolidaysNT, "QLD": au.HolidaysQLD,
	"SA": au.HolidaysSA, "TAS": au.HolidaysTAS, "VIC": au.HolidaysVIC, "WA": au.HolidaysWA,
}

// maxHolidayYears bounds the years AustralianHolidays reads.
const maxHolidayYears = 50

// AustralianHolidays are the public holidays (YYYY-MM-DD) of the Australian state or
// territory named by its code (VIC) from from to to, both included, ascending: each on
// its day and on the day kept instead, as the state's calendar, which its banks keep,
// has them; for state "", those every state keeps (Australia-wide); none for another.
func AustralianHolidays(state string, from, to string) []string {
	states := []string{state}
	if state == "" {
		states = []string{"ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA"}
	}
	first, err1 := time.Parse(time.DateOnly, from)
	last, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil || last.Before(first) {
		return []string{}
	}
	count := map[string]int{}
	for _, s := range states {
		days := map[string]bool{}
		for y := first.Year(); y <= min(last.Year(), first.Year()+maxHolidayYears); y++ {
			for _, h := range australianStates[s] {
				actual, observed := h.Calc(y)
				for _, d := range []time.Time{actual, observed} {
					if day := d.Format(time.DateOnly); !d.IsZero() && day >= from && day <= to {
						days[day] = true
					}
				}
			}
		}
		for d := range days {
			count[d]++
		}
	}
	out := []string{}
	for d, n := range count {
		if n == len(states) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}
