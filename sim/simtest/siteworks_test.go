package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusBooksASmartMeterInstallation books a smart meter installation at the
// demo home on Octopus, its electricity meter made a traditional one: slots on working
// days from tomorrow, the same the property offers, less a day booked; refused as
// documented for another's home, a slot not offered and a second booking that day. The
// booking is listed at the home's postcode until it is cancelled. A home whose meters
// are all smart is offered none.
func TestOctopusBooksASmartMeterInstallation(t *testing.T) {
	srv, c := octopus(t, func(w *sim.World) {
		w.Account("A-C90DC431").Properties[0].ElectricityMeterPoints[0].Meters[0].IsDigital = false
	})
	query := mustQuery(t, c)
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	const (
		slots   = `query($p: ID!) { siteworksAppointmentSlots(propertyId: $p, slotDuration: AM_PM) { expectedJobDurationMinutes slots { appointmentDate startTime endTime } } }`
		offered = `{ account(accountNumber: "A-C90DC431") { properties { availableSmets2InstallationTimeslots { appointmentDate startTime } } } }`
		book    = `mutation($p: ID!, $d: Date!, $s: Time!, $e: Time!) { confirmSiteworksAppointmentSlot(input: {propertyId: $p, appointmentDate: $d, startTime: $s, endTime: $e}) { siteworksAppointment { id status appointmentDate timeSlotStart } } }`
		listed  = `{ siteworksAppointments(postcode: "nr3 1ab", statuses: [BOOKED]) { edges { node { activeAppointment { id } property { id } } } } }`
	)
	s := simtest.Get(query(slots, map[string]any{"p": "2214531"}), "siteworksAppointmentSlots")
	first := simtest.Get(s, "slots", 0)
	// 2 December 2026 is a Wednesday: the first slot is Thursday morning's, none at the weekend.
	if simtest.Get(first, "appointmentDate") != "2026-12-03" || simtest.Get(first, "startTime") != "08:00:00" || simtest.Get(first, "endTime") != "12:00:00" {
		t.Errorf("the first slot %v", first)
	}
	for _, x := range simtest.Get(s, "slots").([]any) {
		if d := simtest.Get(x, "appointmentDate"); d == "2026-12-05" || d == "2026-12-06" {
			t.Errorf("a slot at the weekend: %v", x)
		}
	}
	if got := simtest.Get(query(offered, nil), "account", "properties", 0, "availableSmets2InstallationTimeslots", 0, "appointmentDate"); got != "2026-12-03" {
		t.Errorf("the property offers %v first", got)
	}
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		code   string
	}{
		{"another's home", other, map[string]any{"p": "2214531", "d": "2026-12-03", "s": "08:00:00", "e": "12:00:00"}, "KT-GB-4219"},
		{"a slot not offered", c, map[string]any{"p": "2214531", "d": "2026-12-05", "s": "08:00:00", "e": "12:00:00"}, "KT-GB-4211"},
	} {
		if out := tc.client.Query(book, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	ap := simtest.Get(query(book, map[string]any{"p": "2214531", "d": "2026-12-03", "s": "08:00:00", "e": "12:00:00"}), "confirmSiteworksAppointmentSlot", "siteworksAppointment")
	if simtest.Get(ap, "status") != "BOOKED" || simtest.Get(ap, "timeSlotStart") != "08:00:00" {
		t.Errorf("booked %v", ap)
	}
	if out := c.Query(book, map[string]any{"p": "2214531", "d": "2026-12-03", "s": "12:00:00", "e": "16:00:00"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-4229" {
		t.Errorf("a second booking that day: %+v", out.Errors)
	}
	if got := simtest.Get(query(slots, map[string]any{"p": "2214531"}), "siteworksAppointmentSlots", "slots", 0, "appointmentDate"); got != "2026-12-04" {
		t.Errorf("after booking the 3rd, the first slot is on %v", got)
	}
	if edges := simtest.Get(query(listed, nil), "siteworksAppointments", "edges").([]any); len(edges) != 1 || simtest.Get(edges[0], "node", "activeAppointment", "id") != simtest.Get(ap, "id") {
		t.Errorf("listed %v", edges)
	}
	cancelled := simtest.Get(query(`mutation($id: ID) { cancelSiteworksAppointment(input: {appointmentId: $id}) { siteworksAppointment { status } } }`, map[string]any{"id": simtest.Get(ap, "id")}),
		"cancelSiteworksAppointment", "siteworksAppointment", "status")
	if cancelled != "CANCELLED" {
		t.Errorf("cancelled %v", cancelled)
	}
	if edges := simtest.Get(query(listed, nil), "siteworksAppointments", "edges").([]any); len(edges) != 0 {
		t.Errorf("booked once cancelled: %v", edges)
	}
	if got := simtest.Get(query(slots, map[string]any{"p": "2214532"}), "siteworksAppointmentSlots", "slots").([]any); len(got) != 0 {
		t.Errorf("an all-smart home is offered %v", got)
	}
}
