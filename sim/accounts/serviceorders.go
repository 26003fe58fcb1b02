package accounts

import (
	"slices"
	"strconv"

	"github.com/krakensim/krakensim/sim"
)

// Service orders (Origin's): a move out asks the network for a final read of each supply
// it ends on the day (an electricity SPECIAL_READ, subtype FINAL_READ; a gas special
// read, FINAL_READ), a move in for a read of each electricity supply it takes on
// (SPECIAL_READ, MOVE_IN); each REQUESTED until its day, COMPLETED from then. Undoing a
// move out withdraws its final reads, and moving its day moves them. An account's
// serviceOrders lists its homes'.

const serviceOrderFloor = 8800001

// raiseReads asks for a read of subtype on date of each of the property's supplies of
// the fuels named.
func raiseReads(w *sim.World, p *sim.Property, subtype, date string, fuels ...string) {
	n, _ := strconv.Atoi(nextID(serviceOrderFloor, func(yield func(string) bool) {
		for _, a := range w.Accounts {
			if a == nil {
				continue
			}
			for i := range a.Properties {
				for _, so := range a.Properties[i].ServiceOrders {
					if !yield(so.ID) {
						return
					}
				}
			}
		}
		for _, so := range p.ServiceOrders { // a home not yet in the world
			if !yield(so.ID) {
				return
			}
		}
	}))
	raise := func(so sim.ServiceOrder) {
		so.ID, so.ScheduledDate = strconv.Itoa(n), date
		n++
		p.ServiceOrders = append(p.ServiceOrders, so)
	}
	if slices.Contains(fuels, "ELECTRICITY") {
		for _, mp := range p.ElectricityMeterPoints {
			raise(sim.ServiceOrder{MeterPointID: mp.ID, Type: "SPECIAL_READ", Subtype: subtype})
		}
	}
	if slices.Contains(fuels, "GAS") && subtype == "FINAL_READ" {
		for _, mp := range p.GasMeterPoints {
			raise(sim.ServiceOrder{MeterPointID: mp.ID, Gas: true, Type: "FINAL_READ"})
		}
	}
}

// withdrawFinalReads drops the property's final reads due on date.
func withdrawFinalReads(p *sim.Property, date string) {
	p.ServiceOrders = slices.DeleteFunc(slices.Clone(p.ServiceOrders), func(so sim.ServiceOrder) bool {
		return so.ScheduledDate == date && (so.Subtype == "FINAL_READ" || so.Gas && so.Type == "FINAL_READ")
	})
}

// serviceOrderList answers an account's serviceOrders: its homes' orders.
func serviceOrderList(w *env, a *sim.Account) []any {
	out := []any{}
	for i := range a.Properties {
		p := &a.Properties[i]
		for _, so := range p.ServiceOrders {
			status := "REQUESTED"
			if so.ScheduledDate <= w.today() {
				status = "COMPLETED"
			}
			n, _ := strconv.Atoi(so.ID)
			m := obj{"__typename": "ElectricityServiceOrderType", "orderNumber": "SO-" + so.ID, "serviceOrder": n, "status": status,
				"responseCode": nil, "scheduledDate": so.ScheduledDate, "type": so.Type, "subtype": orNil(so.Subtype), "deEnergisationReason": nil,
				"chargeRecords": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) })}
			if so.Gas {
				m["__typename"] = "GasSpecialReadType"
				delete(m, "subtype")
				delete(m, "deEnergisationReason")
				if k := slices.IndexFunc(p.GasMeterPoints, func(mp sim.GasMeterPoint) bool { return mp.ID == so.MeterPointID }); k >= 0 {
					m["meterPoint"] = gasPoint(w, a, &p.GasMeterPoints[k])
				}
			} else if k := slices.IndexFunc(p.ElectricityMeterPoints, func(mp sim.ElectricityMeterPoint) bool { return mp.ID == so.MeterPointID }); k >= 0 {
				m["meterPoint"] = electricityPoint(w, a, &p.ElectricityMeterPoints[k])
			}
			out = append(out, m)
		}
	}
	return out
}
