package accounts

import (
	"context"
	"fmt"
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
	var acct, pointID, meterID string
	var values []legacyValue
	var times []time.Time
	for i, it := range items {
		m, _ := it.(map[string]any)
		register := idString(m["registerId"])
		n, p, meter := viewersRegister(w, u, register)
		switch {
		case meter == "":
			return selfReadError("MissingAccountForRegisterValidationErrorType", fmt.Sprintf("Register %s is not on a meter of your accounts.", register)), nil
		case pointID != "" && p != pointID:
			return selfReadError("MultipleMeterpointsValidationErrorType", "Readings must all be of registers of one meter point."), nil
		}
		acct, pointID, meterID = n, p, meter
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
		values, times = append(values, legacyValue{"1", v}), append(times, at)
	}
	a := c.Session.World().MutableAccount(acct)
	_, readings := meterReadings(a, meterID)
	for i, v := range values {
		if prev := previousReading(*readings, times[i], "1"); prev != nil && v.value < prev.Value {
			return selfReadError("UnableToValidateReadingType", fmt.Sprintf("Reading %d, %s, is lower than the meter's previous reading, %s.",
				i+1, strconv.FormatFloat(v.value, 'f', -1, 64), strconv.FormatFloat(prev.Value, 'f', -1, 64))), nil
		}
	}
	out := make([]any, 0, len(values))
	for i, v := range values {
		r := sim.MeterReading{ReadAt: times[i], Register: "1", Value: v.value, Source: "CUSTOMER"}
		pos, id := addReading(meterID, readings, r)
		r.ID = id
		out = append(out, readingMap(meterID, pos, r, "ElectricityAccumulationMeterReadingType", w.zone))
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
		meterID string
		r       sim.MeterReading
	}
	var reads []gasRead
	for i, m := range items {
		id := idString(m["meterId"])
		meterID, readings := meterReadings(a, id)
		if readings == nil || !isGasMeter(a, meterID) {
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
		if prev := previousReading(*readings, at, "1"); prev != nil && v < prev.Value {
			return selfReadError("ReadingCreationErrorType", fmt.Sprintf("Reading %d is lower than the meter's previous reading, %s.", i+1, strconv.FormatFloat(prev.Value, 'f', -1, 64))), nil
		}
		reads = append(reads, gasRead{meterID, sim.MeterReading{ReadAt: at, Register: "1", Value: v, Source: "CUSTOMER"}})
	}
	out := make([]any, 0, len(reads))
	for _, g := range reads {
		_, readings := meterReadings(a, g.meterID)
		pos, id := addReading(g.meterID, readings, g.r)
		g.r.ID = id
		m := readingMap(g.meterID, pos, g.r, "GasMeterReadingType", w.zone)
		m["meter"] = gasMeterOf(w, a, g.meterID)
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

// idString is an ID or Int argument as a string ("" for none).
func idString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case nil:
		return ""
	}
	if f, ok := number(v); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return ""
}

// viewersRegister finds the electricity register with the id among the viewer's
// accounts' meters (a meter's id and the register's identifier, 30100011): the account's
// number, the meter point's id and the meter's id, or "" for none.
func viewersRegister(w *env, u *sim.User, register string) (number, pointID, meterID string) {
	for _, n := range u.AccountNumbers {
		a := w.Account(n)
		if a == nil {
			continue
		}
		for _, p := range a.Properties {
			for _, mp := range p.ElectricityMeterPoints {
				for _, m := range mp.Meters {
					if register != "" && register == m.ID+"1" {
						return a.Number, mp.ID, m.ID
					}
				}
			}
		}
	}
	return "", "", ""
}

// isGasMeter reports whether the account's meter with the id is a gas meter.
func isGasMeter(a *sim.Account, id string) bool {
	for _, p := range a.Properties {
		for _, mp := range p.GasMeterPoints {
			for _, m := range mp.Meters {
				if m.ID == id {
					return true
				}
			}
		}
	}
	return false
}

// gasMeterOf is the account's gas meter with the id, as the resolvers answer it.
func gasMeterOf(w *env, a *sim.Account, id string) obj {
	for i := range a.Properties {
		for j := range a.Properties[i].GasMeterPoints {
			mp := &a.Properties[i].GasMeterPoints[j]
			for k := range mp.Meters {
				if mp.Meters[k].ID == id {
					return gasMeter(w, a, &mp.Meters[k], gasPoint(w, a, mp))
				}
			}
		}
	}
	return nil
}
