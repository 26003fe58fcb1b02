package accounts

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Booking a smart meter installation (Octopus's siteworks): a home whose meters are not
// all smart is offered slots on the working days of the next two weeks, from tomorrow
// (or the day asked, if later), two hours or a morning or afternoon long, less those
// booked there (siteworksAppointmentSlots; a property's
// availableSmets2InstallationTimeslots are the same). confirmSiteworksAppointmentSlot
// books one: KT-GB-4219 for a property the viewer does not hold, KT-GB-4220 for one no
// active account supplies, KT-GB-4211 for a slot not offered, KT-GB-4229 for a day
// already booked there. A booking is BOOKED until its day, COMPLETED after, unless
// cancelSiteworksAppointment cancels it first; siteworksAppointments lists the viewer's
// at a postcode by status. The installer's reference and ids are krakensim's own.

const (
	slotDays = 14
	// installMinutes is how long fitting one smart meter takes.
	installMinutes = 90
	installAgent   = "KRAKENSIM-SMS"
)

// slotTimes are a day's slots of each length, start and end.
var slotTimes = map[string][][2]string{
	"TWO_HOUR": {{"08:00:00", "10:00:00"}, {"10:00:00", "12:00:00"}, {"12:00:00", "14:00:00"}, {"14:00:00", "16:00:00"}},
	"AM_PM":    {{"08:00:00", "12:00:00"}, {"12:00:00", "16:00:00"}},
}

type slot struct{ date, start, end string }

// installSlots are the slots a property is offered from a day: none when its meters
// are all smart.
func installSlots(w *env, a *sim.Account, p *sim.Property, from, duration string) []slot {
	if !smets2InstallationAllowed(w, p) {
		return nil
	}
	times := slotTimes[duration]
	if times == nil {
		times = slotTimes["TWO_HOUR"]
	}
	first := addDays(w.today(), 1)
	if from > first {
		first = from
	}
	start, err := time.Parse(time.DateOnly, first)
	if err != nil {
		return nil
	}
	var out []slot
	days := w.days()
	for d := 0; d < slotDays; d++ {
		day := start.AddDate(0, 0, d)
		if !days.Works(day) {
			continue
		}
		date := day.Format(time.DateOnly)
		if slices.ContainsFunc(a.Appointments, func(ap sim.Appointment) bool { return ap.PropertyID == p.ID && ap.Date == date && !ap.Cancelled }) {
			continue
		}
		for _, t := range times {
			out = append(out, slot{date, t[0], t[1]})
		}
	}
	return out
}

// slotMap is a SiteworksAppointmentSlotType or a Smets2InstallationTimeslotType.
func slotMap(p *sim.Property, s slot) obj {
	return obj{
		"appointmentDate": s.date, "startTime": s.start, "endTime": s.end, "agentReference": installAgent,
		"siteId": hashUUID("site", p.ID), "slotId": hashUUID("slot", p.ID, s.date, s.start, s.end),
		"calculationId": hashUUID("calculation", p.ID, s.date), "promiseId": nil,
	}
}

// meterCount is how many meters a property has in place today.
func meterCount(w *env, p *sim.Property) int {
	n := 0
	for i := range p.ElectricityMeterPoints {
		if electricityMeterInPlace(&p.ElectricityMeterPoints[i], w.today()) >= 0 {
			n++
		}
	}
	for i := range p.GasMeterPoints {
		if gasMeterInPlace(&p.GasMeterPoints[i], w.today()) >= 0 {
			n++
		}
	}
	return max(n, 1)
}

// viewersProperty is the viewer's property id and the account holding it; nil for one
// the viewer does not hold.
func viewersProperty(c *sim.Call, id string) (*sim.Account, *sim.Property, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, nil, err
	}
	a, p := c.Session.World().Property(id)
	if p == nil || !u.CanAccess(a.Number) {
		return nil, nil, nil
	}
	return a, p, nil
}

// siteworksAppointmentSlots answers the slots a property is offered.
func siteworksAppointmentSlots(_ context.Context, c *sim.Call) (any, error) {
	a, p, err := viewersProperty(c, c.StringArg("propertyId"))
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, c.Error(c.UnauthorizedCode())
	}
	w := newEnv(c)
	from, _ := parseDate(c.Arg("fromDate"))
	slots := []any{}
	for _, s := range installSlots(w, a, p, from, c.StringArg("slotDuration")) {
		slots = append(slots, slotMap(p, s))
	}
	return obj{"calculationId": hashUUID("calculation", p.ID, w.today()), "slots": slots, "expectedJobDurationMinutes": installMinutes * meterCount(w, p)}, nil
}

// appointmentStatus is a booking's status today.
func appointmentStatus(ap sim.Appointment, today string) string {
	switch {
	case ap.Cancelled:
		return "CANCELLED"
	case ap.Date < today:
		return "COMPLETED"
	}
	return "BOOKED"
}

func appointmentMap(w *env, ap sim.Appointment) obj {
	return obj{
		"id": ap.ID, "agent": "SMS", "status": appointmentStatus(ap, w.today()), "appointmentDate": ap.Date, "date": ap.Date,
		"timeSlotStart": ap.Start, "timeSlotEnd": ap.End, "createdAt": dateTime(ap.CreatedAt, w.zone),
		"workCategory": "EXCHANGE", "requestId": strings.ToUpper(ap.ID[:8]), "agentReference": installAgent,
	}
}

// confirmSiteworksAppointmentSlot books one of the slots a property is offered.
func confirmSiteworksAppointmentSlot(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	id := str(in, "propertyId")
	held, p, err := viewersProperty(c, id)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, c.ValidationError("KT-GB-4219", "None of your accounts has property "+strconv.Quote(id)+".", "input", "propertyId")
	}
	if held.Status != "ACTIVE" || p.OccupiedTo != "" && p.OccupiedTo < today(c) {
		return nil, c.ValidationError("KT-GB-4220", "No account of yours supplies property "+id+" now.", "input", "propertyId")
	}
	date, _ := parseDate(in["appointmentDate"])
	if slices.ContainsFunc(held.Appointments, func(ap sim.Appointment) bool { return ap.PropertyID == id && ap.Date == date && !ap.Cancelled }) {
		return nil, c.ValidationError("KT-GB-4229", "An installation is booked at property "+id+" on "+date+".", "input", "appointmentDate")
	}
	want := slot{date, normalTime(str(in, "startTime")), normalTime(str(in, "endTime"))}
	offered := false
	for _, d := range []string{"TWO_HOUR", "AM_PM"} {
		offered = offered || slices.Contains(installSlots(newEnv(c), held, p, date, d), want)
	}
	if !offered {
		return nil, c.ValidationError("KT-GB-4211", "Property "+id+" is offered no slot on "+date+" from "+want.start+" to "+want.end+".", "input", "startTime")
	}
	a := c.Session.World().MutableAccount(held.Number)
	ap := sim.Appointment{
		ID: hashUUID("appointment", a.Number, id, date, strconv.Itoa(len(a.Appointments))), PropertyID: id, Date: date,
		Start: want.start, End: want.end, CreatedAt: c.Session.Now().UTC().Truncate(time.Second), Notes: sim.Clip(str(in, "additionalInformation"), 1000),
	}
	a.Appointments = append(a.Appointments, ap)
	return obj{"siteworksAppointment": appointmentMap(newEnv(c), ap)}, nil
}

// normalTime is a Time input as HH:MM:SS.
func normalTime(s string) string {
	if len(s) == len("15:04") {
		return s + ":00"
	}
	return s
}

// cancelSiteworksAppointment cancels one of the viewer's bookings before its day.
func cancelSiteworksAppointment(_ context.Context, c *sim.Call) (any, error) {
	id := str(input(c), "appointmentId")
	held, i, err := viewersEntry(c, func(a *sim.Account) []sim.Appointment { return a.Appointments }, func(ap sim.Appointment) bool { return ap.ID == id })
	switch {
	case err != nil:
		return nil, err
	case held == nil:
		return nil, c.Error(c.UnauthorizedCode())
	}
	a := c.Session.World().MutableAccount(held.Number)
	if appointmentStatus(a.Appointments[i], today(c)) == "BOOKED" {
		a.Appointments[i].Cancelled = true
	}
	return obj{"siteworksAppointment": appointmentMap(newEnv(c), a.Appointments[i])}, nil
}

// siteworksAppointments lists the viewer's bookings at homes with the postcode, of the
// statuses asked for.
func siteworksAppointments(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	postcode := c.StringArg("postcode")
	statuses, _ := c.Arg("statuses").([]any)
	nodes := []any{}
	for a := range heldBy(w.World, u) {
		for _, ap := range slices.Backward(a.Appointments) {
			_, p := w.Property(ap.PropertyID)
			if p == nil || !samePostcode(p.Address.Postcode, postcode) || len(statuses) > 0 && !slices.Contains(statuses, any(appointmentStatus(ap, w.today()))) {
				continue
			}
			nodes = append(nodes, obj{"activeAppointment": appointmentMap(w, ap), "account": accountMap(w, a), "property": propertyMap(w, a, p)})
		}
	}
	return connection(w, nodes, c.Field.Args)
}
