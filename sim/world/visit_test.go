package world

import (
	"testing"
	"time"
)

// visitSDL has an engineer's appointments, each on a date in a slot of the day.
const visitSDL = `
scalar Date
scalar Time
scalar DateTime
type Query { appointments(postcode: String!): [ActiveAppointmentType] availableSmets2InstallationTimeslots(postcode: String!): [Smets2InstallationTimeslotType] }
type Smets2InstallationTimeslotType { appointmentDate: Date! startTime: Time! endTime: Time! }
type ActiveAppointmentType { id: ID! status: AppointmentStatus appointmentDate: Date! timeSlotStart: Time timeSlotEnd: Time createdAt: DateTime! }
enum AppointmentStatus { BOOKED COMPLETED ABORTED }
`

// TestVisitsAreInWorkingHours books engineers' visits on weekdays from 08:00 to 18:00, in
// the slot its date's span is, booked before they happen.
func TestVisitsAreInWorkingHours(t *testing.T) {
	w := newSDLWorld(t, visitSDL, Options{})
	n := 0
	for _, pc := range []string{"NR3 1AB", "SW1A 1AA", "M1 1AE", "EH1 1YZ", "CF10 1EP", "BS1 4DJ"} {
		out := w.ask(`query($p: String!) { appointments(postcode: $p) { status appointmentDate timeSlotStart timeSlotEnd createdAt } }`, map[string]any{"p": pc})
		for _, it := range out["appointments"].([]any) {
			a := it.(map[string]any)
			day, err := time.Parse(time.DateOnly, a["appointmentDate"].(string))
			if err != nil {
				t.Fatal(err)
			}
			from, err1 := time.Parse(time.TimeOnly, a["timeSlotStart"].(string))
			to, err2 := time.Parse(time.TimeOnly, a["timeSlotEnd"].(string))
			made, err3 := time.Parse(time.RFC3339, a["createdAt"].(string))
			if err1 != nil || err2 != nil || err3 != nil {
				t.Fatalf("%v: %v %v %v", a, err1, err2, err3)
			}
			start := day.Add(from.Sub(from.Truncate(24 * time.Hour)))
			if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday || from.Hour() < 8 || !from.Before(to) || to.Hour()*60+to.Minute() > 18*60 {
				t.Errorf("%s: %v on a %s", pc, a, wd)
			}
			if a["status"] != "ABORTED" && made.After(start) {
				t.Errorf("%s: %v booked after it began", pc, a)
			}
			n++
		}
	}
	if n < 10 {
		t.Errorf("%d appointments, too few to tell", n)
	}
	var slots []any
	for _, pc := range []string{"NR3 1AB", "SW1A 1AA", "M1 1AE", "EH1 1YZ"} {
		slots = append(slots, w.ask(`query($p: String!) { availableSmets2InstallationTimeslots(postcode: $p) { appointmentDate startTime endTime } }`, map[string]any{"p": pc})["availableSmets2InstallationTimeslots"].([]any)...)
	}
	for _, it := range slots {
		s := it.(map[string]any)
		day, err := time.Parse(time.DateOnly, s["appointmentDate"].(string))
		if err != nil {
			t.Fatal(err)
		}
		at, _ := time.Parse(time.TimeOnly, s["startTime"].(string))
		if wd := day.Weekday(); !day.Add(at.Sub(at.Truncate(24*time.Hour))).After(testNow) || wd == time.Saturday || wd == time.Sunday || s["startTime"].(string) < "08:00:00" || s["endTime"].(string) > "18:00:00" || s["startTime"].(string) >= s["endTime"].(string) {
			t.Errorf("a slot to book: %v on a %s", s, wd)
		}
	}
	if len(slots) == 0 {
		t.Error("no slots to book")
	}
}
