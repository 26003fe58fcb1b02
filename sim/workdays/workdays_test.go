package workdays_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/workdays"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestNext(t *testing.T) {
	for _, tc := range []struct {
		zone, day, next, holiday string
	}{
		{"Europe/London", "2026-12-24", "2026-12-24", ""},
		{"Europe/London", "2026-12-25", "2026-12-29", "Christmas Day"},
		{"Europe/London", "2026-12-28", "2026-12-29", "Boxing Day (substitute day)"}, // Saturday's, on the Monday
		{"Europe/London", "2027-01-01", "2027-01-04", "New Year's Day"},
		{"Europe/London", "2027-03-26", "2027-03-30", "Good Friday"},
		{"Europe/London", "2026-08-31", "2026-09-01", "Summer Bank Holiday"},
		{"Europe/London", "2026-11-14", "2026-11-16", ""}, // a Saturday
		{"Australia/Melbourne", "2027-01-26", "2027-01-27", "Australia Day"},
		{"Australia/Melbourne", "2026-11-03", "2026-11-04", "Melbourne Cup"},
		{"Australia/Sydney", "2026-11-03", "2026-11-03", ""},
		{"Europe/Berlin", "2026-12-25", "2026-12-28", "Christmas Day"},
		{"UTC", "2026-12-25", "2026-12-25", ""},
	} {
		t.Run(tc.zone+"/"+tc.day, func(t *testing.T) {
			loc := zone(t, tc.zone)
			d, err := time.ParseInLocation(time.DateOnly, tc.day, loc)
			if err != nil {
				t.Fatal(err)
			}
			c := workdays.For(loc)
			if got := c.Next(d).Format(time.DateOnly); got != tc.next {
				t.Errorf("Next(%s) = %s, want %s", tc.day, got, tc.next)
			}
			if got := c.Holiday(d); got != tc.holiday {
				t.Errorf("Holiday(%s) = %q, want %q", tc.day, got, tc.holiday)
			}
			if c.Works(d) != (tc.next == tc.day) {
				t.Errorf("Works(%s) = %v", tc.day, c.Works(d))
			}
		})
	}
}

func TestForKeepsOneCalendarAZone(t *testing.T) {
	if workdays.For(zone(t, "Europe/London")) != workdays.For(zone(t, "Europe/London")) {
		t.Error("two calendars for one zone")
	}
	if workdays.For(nil).Works(time.Date(2026, 12, 25, 0, 0, 0, 0, time.UTC)) != true {
		t.Error("no zone: Christmas Day, a Friday, is not a working day")
	}
}

func ExampleCalendar_Next() {
	london, _ := time.LoadLocation("Europe/London")
	days := workdays.For(london)
	christmas := time.Date(2026, 12, 25, 0, 0, 0, 0, london)
	fmt.Println(days.Holiday(christmas), "→", days.Next(christmas).Format("Mon 2 Jan"))
	// Output: Christmas Day → Tue 29 Dec
}
