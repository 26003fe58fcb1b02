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

// createElectricitySelfMeterReads adds a customer's own readings of registers of a meter
// of the viewer's accounts, as Origin's app sends them (a register id, a value and when
// it was read); what is wrong comes back as the payload's error, and then nothing is
// added.
func createElectricitySelfMeterReads(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	items, _ := c.Field.Args["readings"].([]any)
	if len(items) == 0 {
		return selfReadError("MissingReadingsValidationErrorType", "Give at least one reading."), nil
	}
	var owner *sim.Account
	var point *sim.ElectricityMeterPoint
	var meter *sim.ElectricityMeter
	var reads []sim.MeterReading
	for i, it := range items {
		m, _ := it.(map[string]any)
		register := strings.TrimSpace(str(m, "registerId"))
		a, mp, rm := findMeter(w, electricityPoints, func(mp *sim.ElectricityMeterPoint) []sim.ElectricityMeter { return mp.Meters },
			func(m *sim.ElectricityMeter) (string, bool) { return m.ID + "1", true }, register) // a meter's id and its one register's
		switch {
		case rm == nil || !slices.Contains(u.AccountNumbers, a.Number):
			return selfReadError("MissingAccountForRegisterValidationErrorType", fmt.Sprintf("Register %s is not on a meter of your accounts.", register)), nil
		case point != nil && mp.ID != point.ID:
			return selfReadError("MultipleMeterpointsValidationErrorType", "Readings must all be of registers of one meter point."), nil
		}
		owner, point, meter = a, mp, rm
		at, ok := selfReadTime(m["readAt"])
		if !ok {
			return selfReadError("InvalidTimezoneReadAtDateValidationErrorType", fmt.Sprintf("Reading %d: give readAt as a date-time with its offset, such as 2026-11-30T08:00:00+11:00.", i+1)), nil
		}
		if at.After(c.Session.Now()) {
			return selfReadError("UnableToValidateReadingType", fmt.Sprintf("Reading %d is dated in the future.", i+1)), nil
		}
		v, ok := number(m["value"])
		if !ok || v < 0 {
			return selfReadError("UnableToValidateReadingType", fmt.Sprintf("Reading %d: the value must be a number of at least 0.", i+1)), nil
		}
		reads = append(reads, sim.MeterReading{ReadAt: at, Register: "1", Value: v, Source: "CUSTOMER"})
	}
	view := meterOf(w, owner, meter.ID)
	_, readings := meterReadings(c.Session.World().MutableAccount(owner.Number), meter.ID)
	for i, r := range reads {
		count, ok := view.counted(r.ReadAt, "1", r.Value)
		if !ok {
			return selfReadError("UnableToValidateReadingType", fmt.Sprintf("Reading %d, %s, has more digits than the register, %d.", i+1, strconv.FormatFloat(r.Value, 'f', -1, 64), registerDigits)), nil
		}
		if prev := previousReading(view.reads, r.ReadAt, "1"); prev != nil && count < prev.Value {
			return selfReadError("UnableToValidateReadingType", fmt.Sprintf("Reading %d, %s, is lower than the meter's previous reading, %s.",
				i+1, strconv.FormatFloat(r.Value, 'f', -1, 64), strconv.FormatFloat(dials(prev.Value), 'f', -1, 64))), nil
		}
		if why := view.held(r.ReadAt, "1", count); why != "" {
			return selfReadError("UnableToValidateReadingType", fmt.Sprintf("Reading %d, %s, %s; it would be held.", i+1, strconv.FormatFloat(r.Value, 'f', -1, 64), why)), nil
		}
		reads[i].Value = count
	}
	out := make([]any, 0, len(reads))
	for _, r := range reads {
		pos, id := addReading(meter.ID, readings, r)
		r.ID = id
		out = append(out, readingMap(meter.ID, pos, r, "ElectricityAccumulationMeterReadingType", w.zone))
	}
	return obj{"readings": out, "error": nil}, nil
}

// createGasSelfMeterReads adds a customer's own readings of gas meters of the account
// the input names, by each meter's id; what is wrong comes back as the payload's error.
func createGasSelfMeterReads(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	items := list(in, "readings")
	if len(items) == 0 {
		return selfReadError("ReadingCreationErrorType", "Give at least one reading."), nil
	}
	type gasRead struct {
		point *sim.GasMeterPoint
		meter *sim.GasMeter
		r     sim.MeterReading
	}
	var reads []gasRead
	for i, m := range items {
		id := strings.TrimSpace(str(m, "meterId"))
		owner, mp, meter := findMeter(w, gasPoints, func(mp *sim.GasMeterPoint) []sim.GasMeter { return mp.Meters },
			func(m *sim.GasMeter) (string, bool) { return id, m.ID == id || m.SerialNumber == id }, id)
		if meter == nil || owner.Number != a.Number {
			return selfReadError("ReadingCreationErrorType", fmt.Sprintf("Reading %d: the account has no gas meter %s.", i+1, id)), nil
		}
		at, ok := selfReadTime(m["readAt"])
		v, okv := number(m["value"])
		switch {
		case !ok:
			return selfReadError("ReadingCreationErrorType", fmt.Sprintf("Reading %d: give readAt as a date-time with its offset.", i+1)), nil
		case at.After(c.Session.Now()):
			return selfReadError("ReadingCreationErrorType", fmt.Sprintf("Reading %d is dated in the future.", i+1)), nil
		case !okv || v < 0:
			return selfReadError("ReadingCreationErrorType", fmt.Sprintf("Reading %d: the value must be a number of at least 0.", i+1)), nil
		}
		view := meterOf(w, owner, meter.ID)
		v, okv = view.counted(at, "1", v)
		if !okv {
			return selfReadError("ReadingCreationErrorType", fmt.Sprintf("Reading %d has more digits than the meter's register, %d.", i+1, registerDigits)), nil
		}
		if prev := previousReading(view.reads, at, "1"); prev != nil && v < prev.Value {
			return selfReadError("ReadingCreationErrorType", fmt.Sprintf("Reading %d is lower than the meter's previous reading, %s.", i+1, strconv.FormatFloat(dials(prev.Value), 'f', -1, 64))), nil
		}
		if why := view.held(at, "1", v); why != "" {
			return selfReadError("ReadingCreationErrorType", fmt.Sprintf("Reading %d %s; it would be held.", i+1, why)), nil
		}
		reads = append(reads, gasRead{mp, meter, sim.MeterReading{ReadAt: at, Register: "1", Value: v, Source: "CUSTOMER"}})
	}
	out := make([]any, 0, len(reads))
	for _, g := range reads {
		pos, id := addReading(g.meter.ID, &g.meter.Readings, g.r)
		g.r.ID = id
		m := readingMap(g.meter.ID, pos, g.r, "GasMeterReadingType", w.zone)
		australianGasReadingOf(w, a, g.point, g.meter, m)
		m["meter"] = gasMeter(w, a, g.point, g.meter, gasPoint(w, a, g.point))
		out = append(out, m)
	}
	return obj{"readings": out, "error": nil}, nil
}

// selfReadError is a self-read payload that reports the error of the type named.
func selfReadError(typename, message string) obj {
	return obj{"readings": nil, "error": obj{"__typename": typename, "message": message}}
}

// selfReadTime reads a self-read's readAt: a date-time with its offset, as Origin asks.
func selfReadTime(v any) (time.Time, bool) {
	s, _ := v.(string)
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	return t.UTC(), err == nil
}
