// Package workdays says on which days a tenant's banks work: not at weekends, and not
// on the bank holidays of the country its time zone is in.
package workdays

import (
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
