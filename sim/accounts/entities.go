package accounts

import "github.com/krakensim/krakensim/sim"

// Entities finds accounts, properties, meter points and meters in a session's state by
// their keys, for the lookups no resolver answers (node(id:) with a meter's nodeId, a
// tenant's meter point lookups), answering them as the resolvers do.
func Entities() map[string]sim.EntityFinder {
	return map[string]sim.EntityFinder{
		"AccountType": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			if a := w.Account(value); a != nil && field == "number" {
				return accountMap(w, a), true
			}
			return nil, false
		},
		"PropertyType": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			if a, p := w.Property(value); p != nil && field == "id" {
				return propertyMap(w, a, p), true
			}
			return nil, false
		},
		"ElectricityMeterPointType": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			a, mp := findElectricityPoint(w, field, value)
			if mp == nil {
				return nil, false
			}
			return electricityPoint(w, a, mp), true
		},
		"GasMeterPointType": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			a, mp := findGasPoint(w, field, value)
			if mp == nil {
				return nil, false
			}
			return gasPoint(w, a, mp), true
		},
		"ElectricityMeterType": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			for _, a := range w.Accounts {
				for i := range a.Properties {
					for j := range a.Properties[i].ElectricityMeterPoints {
						mp := &a.Properties[i].ElectricityMeterPoints[j]
						for k := range mp.Meters {
							if m := &mp.Meters[k]; meterKey(field, m.ID, m.SerialNumber) == value {
								return electricityMeter(w, a, mp, m, electricityPoint(w, a, mp)), true
							}
						}
					}
				}
			}
			return nil, false
		},
		"GasMeterType": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			for _, a := range w.Accounts {
				for i := range a.Properties {
					for j := range a.Properties[i].GasMeterPoints {
						mp := &a.Properties[i].GasMeterPoints[j]
						for k := range mp.Meters {
							if m := &mp.Meters[k]; meterKey(field, m.ID, m.SerialNumber) == value {
								return gasMeter(w, a, m, gasPoint(w, a, mp)), true
							}
						}
					}
				}
			}
			return nil, false
		},
	}
}

// sessionEnv is the resolvers' view of a session outside a resolver call.
func sessionEnv(s *sim.Session) *env {
	return &env{World: s.World(), now: s.Now(), maxPage: s.MaxPageSize()}
}

// meterKey is a meter's value of a key field: its id or its serial number.
func meterKey(field, id, serial string) string {
	switch field {
	case "id":
		return id
	case "serialNumber":
		return serial
	}
	return "\x00"
}

func findElectricityPoint(w *env, field, value string) (*sim.Account, *sim.ElectricityMeterPoint) {
	if field == "mpan" {
		return w.ElectricityMeterPoint(value)
	}
	for _, a := range w.Accounts {
		for i := range a.Properties {
			for j := range a.Properties[i].ElectricityMeterPoints {
				if mp := &a.Properties[i].ElectricityMeterPoints[j]; field == "id" && mp.ID == value {
					return a, mp
				}
			}
		}
	}
	return nil, nil
}

func findGasPoint(w *env, field, value string) (*sim.Account, *sim.GasMeterPoint) {
	if field == "mprn" {
		return w.GasMeterPoint(value)
	}
	for _, a := range w.Accounts {
		for i := range a.Properties {
			for j := range a.Properties[i].GasMeterPoints {
				if mp := &a.Properties[i].GasMeterPoints[j]; field == "id" && mp.ID == value {
					return a, mp
				}
			}
		}
	}
	return nil, nil
}
