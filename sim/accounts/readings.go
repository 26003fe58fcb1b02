package accounts

import (
	"context"
	"slices"

	"github.com/krakensim/krakensim/sim"
)

// electricityMeterReadings and gasMeterReadings answer a meter's readings by the meter's
// id or serial number, as the meter's own readings list them: newest first, of the
// event types asked for, read within the window asked for (Origin's startAt, endAt).
func electricityMeterReadings(_ context.Context, c *sim.Call) (any, error) {
	return readingsOfMeter(c, true)
}

func gasMeterReadings(_ context.Context, c *sim.Call) (any, error) { return readingsOfMeter(c, false) }

func readingsOfMeter(c *sim.Call, electricity bool) (any, error) {
	w := newEnv(c)
	accounts, err := namedOrViewers(c, w)
	if err != nil {
		return nil, err
	}
	id := c.StringArg("meterId")
	byIDOrSerial := func(meterID, serial string) (string, bool) { return id, meterID == id || serial == id }
	var owner *sim.Account
	var meterID string
	var rs []sim.MeterReading
	var gas *sim.GasMeter
	var names map[string]string
	typename := "GasMeterReadingType"
	if electricity {
		typename = "ElectricityMeterReadingType"
		a, mp, m := findMeter(w, electricityPoints, func(mp *sim.ElectricityMeterPoint) []sim.ElectricityMeter { return mp.Meters },
			func(m *sim.ElectricityMeter) (string, bool) { return byIDOrSerial(m.ID, m.SerialNumber) }, id)
		if m != nil {
			owner, meterID, rs, names = a, m.ID, electricityReads(w, a, mp, m), dayNightNames(w, mp)
		}
	} else {
		a, mp, m := findMeter(w, gasPoints, func(mp *sim.GasMeterPoint) []sim.GasMeter { return mp.Meters },
			func(m *sim.GasMeter) (string, bool) { return byIDOrSerial(m.ID, m.SerialNumber) }, id)
		if m != nil {
			owner, meterID, rs, gas = a, m.ID, gasReads(w, a, mp, m), m
		}
	}
	if !slices.Contains(accounts, owner) {
		rs = nil // a meter of an account the call does not read
	}
	return readingConnection(w, meterID, rs, typename, names, gas, c.Field.Args)
}

// readingEvent is the MeterReadingEventType of a reading's source.
func readingEvent(source string) string {
	if source == "SMART" {
		return "SMART_METER"
	}
	return source
}

// namedOrViewers are the account the call's accountNumber names, when the viewer may
// read it, or every account of the viewer's when it names none.
func namedOrViewers(c *sim.Call, w *env) ([]*sim.Account, error) {
	if n := c.StringArg("accountNumber"); n != "" {
		_, a, err := readable(c, n, "", "")
		if err != nil {
			return nil, err
		}
		return []*sim.Account{a}, nil
	}
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	var out []*sim.Account
	for _, n := range u.AccountNumbers {
		if a := w.Account(n); a != nil {
			out = append(out, a)
		}
	}
	return out, nil
}
