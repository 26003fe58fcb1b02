package accounts

import (
	"context"

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
	var meterID string
	var rs []sim.MeterReading
	typename := "GasMeterReadingType"
	if electricity {
		typename = "ElectricityMeterReadingType"
	}
	for _, a := range accounts {
		for i := range a.Properties {
			p := &a.Properties[i]
			if electricity {
				for _, mp := range p.ElectricityMeterPoints {
					for _, m := range mp.Meters {
						if m.ID == id || m.SerialNumber == id {
							meterID, rs = m.ID, m.Readings
						}
					}
				}
				continue
			}
			for _, mp := range p.GasMeterPoints {
				for _, m := range mp.Meters {
					if m.ID == id || m.SerialNumber == id {
						meterID, rs = m.ID, m.Readings
					}
				}
			}
		}
	}
	events := stringSet(c.Field.Args["eventTypes"])
	from, hasFrom := parseTime(c.Field.Args["startAt"], w.zone)
	to, hasTo := parseTime(c.Field.Args["endAt"], w.zone)
	nodes := []any{}
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		if events != nil && !events[readingEvent(r.Source)] || hasFrom && r.ReadAt.Before(from) || hasTo && !r.ReadAt.Before(to) {
			continue
		}
		nodes = append(nodes, readingMap(meterID, i, r, typename, w.zone))
	}
	return connection(w, nodes, c.Field.Args)
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
