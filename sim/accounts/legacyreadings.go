package accounts

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// createElectricityMeterReading adds the readings of a meter of the viewer's accounts,
// named by its MPAN and serial number, as Octopus's earlier API does: what is wrong with
// the input comes back field by field in readingErrors, and then nothing is added.
func createElectricityMeterReading(_ context.Context, c *sim.Call) (any, error) {
	return legacyReading(c, "mpan", true)
}

// createGasMeterReading is createElectricityMeterReading for a gas meter by its MPRN.
func createGasMeterReading(_ context.Context, c *sim.Call) (any, error) {
	return legacyReading(c, "mprn", false)
}

// serializerErrors gathers a mutation's serializer errors, field by field (a legacy
// reading's readingErrors, a Warm Home Discount application's errors, a quote's).
type serializerErrors []any

func (e *serializerErrors) add(field, code, message string) {
	*e = append(*e, obj{"__typename": "SerializerFieldErrorsType", "field": field,
		"errors": []any{obj{"__typename": "SerializerErrorType", "code": code, "message": message}}})
}

// legacyValue is one register's reading as the legacy mutations give it.
type legacyValue struct {
	register string
	value    float64
}

func legacyReading(c *sim.Call, keyArg string, electricity bool) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	var errs serializerErrors
	key, serial := strings.TrimSpace(c.StringArg(keyArg)), strings.TrimSpace(c.StringArg("serialNumber"))
	number, meterID, found := "", "", false
	var home *sim.Property
	if key == "" {
		errs.add(keyArg, "required", "This field is required.")
	} else {
		number, meterID, home, found = viewersMeter(w, u, electricity, key, serial)
		switch {
		case number == "":
			errs.add(keyArg, "does_not_exist", fmt.Sprintf("None of your accounts is supplied through %s %s.", strings.ToUpper(keyArg), key))
		case !found && serial == "":
			errs.add("serialNumber", "required", fmt.Sprintf("%s %s has more than one meter: give the meter's serial number.", strings.ToUpper(keyArg), key))
		case !found:
			errs.add("serialNumber", "does_not_exist", fmt.Sprintf("%s %s has no meter with serial number %s.", strings.ToUpper(keyArg), key, serial))
		}
	}
	registers := []string{"1"}
	if found && electricity {
		registers = registersOf(w, w.Account(number), meterID)
	}
	values := legacyValues(c, meterID, registers, electricity, &errs)
	// A reading is recorded on its date (at its midnight) and judged as read then; one of
	// today is judged as read now, as its register's expectedReadingRanges advertises.
	zone, now := c.Session.Zone(), c.Session.Now()
	at := now.In(zone)
	at = time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, zone)
	judged := now
	if v, given := c.Field.Args["readAt"]; given && v != nil {
		d, ok := parseDate(v)
		t, _ := time.ParseInLocation(time.DateOnly, d, zone)
		switch {
		case !ok:
			errs.add("readAt", "invalid", "Enter the date of the reading as YYYY-MM-DD.")
		case t.After(now):
			errs.add("readAt", "invalid", "The reading date must not be in the future.")
		case t.Before(at):
			at, judged = t, t
		}
	}
	if day := at.Format(time.DateOnly); len(errs) == 0 && !heldOn(home, day) { // the account supplied the meter then
		errs.add(keyArg, "does_not_exist", fmt.Sprintf("None of your accounts is supplied through %s %s on %s.", strings.ToUpper(keyArg), key, day))
	}
	if len(errs) > 0 { // a meter not found is one of them
		return obj{"readingErrors": []any(errs), "id": nil}, nil
	}
	meter := meterOf(w, w.Account(number), meterID)
	a := c.Session.World().MutableAccount(number)
	_, readings := meterReadings(a, meterID)
	for i, v := range values {
		count, ok := meter.counted(judged, v.register, v.value)
		if !ok {
			errs.add("reading", "invalid", fmt.Sprintf("The reading %s has more digits than the meter's register, %d.", strconv.FormatFloat(v.value, 'f', -1, 64), registerDigits))
		} else if prev := previousReading(meter.reads, judged, v.register); prev != nil && count < prev.Value {
			errs.add("reading", "invalid", fmt.Sprintf("The reading %s is lower than the meter's previous one, %s on %s.",
				strconv.FormatFloat(v.value, 'f', -1, 64), strconv.FormatFloat(dials(prev.Value), 'f', -1, 64), prev.ReadAt.In(zone).Format(time.DateOnly)))
		} else if why := meter.held(judged, v.register, count); why != "" {
			errs.add("reading", "invalid", fmt.Sprintf("The reading %s %s; it would be held.", strconv.FormatFloat(v.value, 'f', -1, 64), why))
		}
		values[i].value = count
	}
	if len(errs) > 0 {
		return obj{"readingErrors": []any(errs), "id": nil}, nil
	}
	id := ""
	for _, v := range values {
		_, id = addReading(meterID, readings, sim.MeterReading{ReadAt: at.UTC(), Register: v.register, Value: v.value, Source: "CUSTOMER"})
	}
	return obj{"readingErrors": []any{}, "id": id}, nil
}

// viewersMeter finds the meter of the viewer's accounts with the MPAN or MPRN key and,
// when given, the serial number: the account's number ("" when no point of theirs has
// the key; of one that changed hands between them, the one supplying it today), the
// meter's id, the home the account holds it at, and whether one meter was found.
func viewersMeter(w *env, u *sim.User, electricity bool, key, serial string) (number, meterID string, home *sim.Property, found bool) {
	mine := slices.DeleteFunc(slices.Clone(w.Accounts), func(a *sim.Account) bool { return !slices.Contains(u.AccountNumbers, a.Number) })
	var a *sim.Account
	var ids, serials []string
	if electricity {
		var mp *sim.ElectricityMeterPoint
		if a, home, mp = findPointIn(mine, w.today(), electricityPoints, func(mp *sim.ElectricityMeterPoint) (string, bool) { return mp.MPAN, true }, key); mp != nil {
			for _, m := range mp.Meters {
				ids, serials = append(ids, m.ID), append(serials, m.SerialNumber)
			}
		}
	} else {
		var mp *sim.GasMeterPoint
		if a, home, mp = findPointIn(mine, w.today(), gasPoints, func(mp *sim.GasMeterPoint) (string, bool) { return mp.MPRN, true }, key); mp != nil {
			for _, m := range mp.Meters {
				ids, serials = append(ids, m.ID), append(serials, m.SerialNumber)
			}
		}
	}
	switch {
	case len(ids) == 0:
		return "", "", nil, false
	case serial == "" && len(ids) == 1:
		return a.Number, ids[0], home, true
	case serial != "":
		if i := slices.Index(serials, serial); i >= 0 {
			return a.Number, ids[i], home, true
		}
	}
	return a.Number, "", home, false
}

// legacyValues reads the register values given: an electricity meter's readings list
// (a register's identifier or id, which a meter of one register may leave out, and a
// whole reading each) of its registers, a gas meter's one reading.
func legacyValues(c *sim.Call, meterID string, registers []string, electricity bool, errs *serializerErrors) []legacyValue {
	if !electricity {
		v, ok := number(c.Field.Args["reading"])
		if !ok || v < 0 {
			errs.add("reading", "invalid", "Enter the reading as a whole number of at least 0.")
			return nil
		}
		return []legacyValue{{"1", v}}
	}
	items, _ := c.Field.Args["readings"].([]any)
	var out []legacyValue
	for i, it := range items {
		m, _ := it.(map[string]any)
		register, code, why := namedRegister(meterID, registers, str(m, "registerId"))
		v, ok := number(m["reading"])
		switch {
		case code != "":
			errs.add("readings", code, fmt.Sprintf("Reading %d: %s.", i+1, why))
		case !ok || v < 0:
			errs.add("readings", "invalid", fmt.Sprintf("Reading %d: enter the reading as a whole number of at least 0.", i+1))
		case slices.ContainsFunc(out, func(x legacyValue) bool { return x.register == register }):
			errs.add("readings", "invalid", fmt.Sprintf("Reading %d: register %s is read twice.", i+1, register))
		default:
			out = append(out, legacyValue{register, v})
		}
	}
	if len(items) == 0 {
		errs.add("readings", "required", "Give a reading of each of the meter's registers.")
	}
	return out
}

// registerList says which registers a meter has, by identifier and id.
func registerList(meterID string, registers []string) string {
	if len(registers) == 1 {
		return fmt.Sprintf("its one register is %s (id %s%s)", registers[0], meterID, registers[0])
	}
	named := make([]string, len(registers))
	for i, r := range registers {
		named[i] = fmt.Sprintf("%s (id %s%s)", r, meterID, r)
	}
	return "its registers are " + strings.Join(named, " and ")
}

// previousReading is the latest reading of the register at or before at, or nil.
func previousReading(rs []sim.MeterReading, at time.Time, register string) *sim.MeterReading {
	var prev *sim.MeterReading
	for i := range rs {
		r := &rs[i]
		if cmpRegister(r.Register) == register && !r.ReadAt.After(at) && (prev == nil || r.ReadAt.After(prev.ReadAt)) {
			prev = r
		}
	}
	return prev
}

func cmpRegister(r string) string {
	if r == "" {
		return "1"
	}
	return r
}

// addReading puts r among a meter's readings in time order, after any read at the same
// time, and returns its position and id. It gives each reading there the id its place
// made before, and r the next, so that no reading's id changes when one is put before it.
// The same reading sent again (a client retrying: its time, register and value) is the
// one there already.
func addReading(meterID string, rs *[]sim.MeterReading, r sim.MeterReading) (int, string) {
	for i := range *rs {
		if (*rs)[i].ID == "" {
			(*rs)[i].ID = readingID(meterID, i)
		}
	}
	if i := slices.IndexFunc(*rs, func(x sim.MeterReading) bool {
		return x.ReadAt.Equal(r.ReadAt) && cmpRegister(x.Register) == cmpRegister(r.Register) && x.Value == r.Value
	}); i >= 0 {
		return i, (*rs)[i].ID
	}
	r.ID, r.Given = readingID(meterID, len(*rs)), true
	pos, _ := slices.BinarySearchFunc(*rs, r.ReadAt, func(x sim.MeterReading, t time.Time) int {
		if x.ReadAt.After(t) {
			return 1
		}
		return -1
	})
	*rs = slices.Insert(*rs, pos, r)
	return pos, r.ID
}
