package accounts

import (
	"maps"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// Entities finds accounts, properties, meter points and meters in a session's state by
// their keys, for the lookups no resolver answers (node(id:) with a meter's nodeId, a
// tenant's meter point lookups), answering them as the resolvers do.
func Entities() map[string]sim.EntityFinder {
	return map[string]sim.EntityFinder{
		"AccountType": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			if a := w.Account(value); a != nil && field == "number" {
				return foundAccountMap(w, a), true
			}
			return nil, false
		},
		"AccountUserType": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			if u := w.User(value); u != nil && field == "id" {
				c := &userCtx{w: w, u: u, held: &heldEntities{}}
				c.held.self = userFields.build(c, nil)
				return c.held.self, true
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
			a, mp := findPoint(w, electricityPoints, func(mp *sim.ElectricityMeterPoint) (string, bool) {
				return keyOf(field, map[string]string{"id": mp.ID, "mpan": mp.Identifier(), "nmi": mp.NMI})
			}, value)
			if mp == nil {
				return nil, false
			}
			return electricityPoint(w, a, mp), true
		},
		"GasMeterPointType": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			a, mp := findPoint(w, gasPoints, func(mp *sim.GasMeterPoint) (string, bool) {
				return keyOf(field, map[string]string{"id": mp.ID, "mprn": mp.Identifier(), "mirn": mp.MIRN})
			}, value)
			if mp == nil {
				return nil, false
			}
			return gasPoint(w, a, mp), true
		},
		"ElectricityMeterType": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			a, mp, m := findMeter(w, electricityPoints, func(mp *sim.ElectricityMeterPoint) []sim.ElectricityMeter { return mp.Meters },
				func(m *sim.ElectricityMeter) (string, bool) {
					return keyOf(field, map[string]string{"id": m.ID, "serialNumber": m.SerialNumber})
				}, value)
			if m == nil {
				return nil, false
			}
			return electricityMeter(w, a, mp, m, electricityPoint(w, a, mp)), true
		},
		"GasMeterType": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			a, mp, m := findMeter(w, gasPoints, func(mp *sim.GasMeterPoint) []sim.GasMeter { return mp.Meters },
				func(m *sim.GasMeter) (string, bool) {
					return keyOf(field, map[string]string{"id": m.ID, "serialNumber": m.SerialNumber})
				}, value)
			if m == nil {
				return nil, false
			}
			return gasMeter(w, a, mp, m, gasPoint(w, a, mp)), true
		},
		"RestrictedElectricityAgreement": restrictedAgreement(true),
		"RestrictedGasAgreement":         restrictedAgreement(false),
		"EmailEventType":                 sentEventOf("EmailEventType", false),
		"PrintEventType":                 sentEventOf("PrintEventType", false),
		"PrintMessageType":               sentEventOf("PrintEventType", true),
		"AccountFileAttachment": func(s *sim.Session, field, value string) (map[string]any, bool) {
			w := sessionEnv(s)
			if _, f := attachmentByID(w, value); f != nil && field == "id" {
				m := attachmentMap(w, f)
				m["__typename"] = "AccountFileAttachment"
				return m, true
			}
			return nil, false
		},
	}
}

// sentEventOf finds a statement's sending of the type typ by its id, as the account's
// events list it, or its letter when message.
func sentEventOf(typ string, message bool) sim.EntityFinder {
	return func(s *sim.Session, field, value string) (map[string]any, bool) {
		_, ev := eventByID(sessionEnv(s), value)
		if ev == nil || ev["__typename"] != typ || field != "id" {
			return nil, false
		}
		if message {
			m := maps.Clone(ev["message"].(obj))
			m["__typename"] = "PrintMessageType"
			return m, true
		}
		return ev, true
	}
}

// attachmentByID finds a file attachment of the world by its id, and its account.
func attachmentByID(w *env, id string) (*sim.Account, *sim.FileAttachment) {
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for i := range a.FileAttachments {
			if a.FileAttachments[i].ID == id {
				return a, &a.FileAttachments[i]
			}
		}
	}
	return nil, nil
}

// restrictedAgreement finds an agreement of the fuel by its id, as renewAgreement
// answers it.
func restrictedAgreement(electricity bool) sim.EntityFinder {
	return func(s *sim.Session, field, value string) (map[string]any, bool) {
		_, ag, elec := agreementByID(sessionEnv(s), value)
		if ag == nil || elec != electricity || field != "id" {
			return nil, false
		}
		zone := s.Zone()
		return obj{
			"__typename": restrictedAgreementType(electricity),
			"id":         world.GlobalID(restrictedAgreementType(electricity), ag.ID),
			"validFrom":  dateAsTime(ag.ValidFrom, zone), "validTo": dateAsTime(ag.ValidTo, zone), "tariffCode": ag.TariffCode,
		}, true
	}
}

// Owners finds whom an object of state that node(id:) names belongs to: a user is their
// own, anything else its account's.
func Owners(s *sim.Session, typ, id string) (sim.Owner, bool) {
	w := sessionEnv(s)
	var a *sim.Account
	switch typ {
	case "AccountUserType":
		if u := w.User(id); u != nil {
			return sim.Owner{User: u.ID}, true
		}
	case "AccountType":
		a = w.Account(id)
	case "PropertyType":
		a, _ = w.Property(id)
	case "ElectricityMeterPointType":
		a, _ = findPoint(w, electricityPoints, func(mp *sim.ElectricityMeterPoint) (string, bool) { return mp.ID, true }, id)
	case "GasMeterPointType":
		a, _ = findPoint(w, gasPoints, func(mp *sim.GasMeterPoint) (string, bool) { return mp.ID, true }, id)
	case "ElectricityMeterType":
		a, _, _ = findMeter(w, electricityPoints, func(mp *sim.ElectricityMeterPoint) []sim.ElectricityMeter { return mp.Meters },
			func(m *sim.ElectricityMeter) (string, bool) { return m.ID, true }, id)
	case "GasMeterType":
		a, _, _ = findMeter(w, gasPoints, func(mp *sim.GasMeterPoint) []sim.GasMeter { return mp.Meters },
			func(m *sim.GasMeter) (string, bool) { return m.ID, true }, id)
	case "RestrictedElectricityAgreement", "RestrictedGasAgreement":
		a, _, _ = agreementByID(w, id)
	case "EmailEventType", "PrintEventType", "PrintMessageType":
		a, _ = eventByID(w, id)
	case "AccountFileAttachment":
		a, _ = attachmentByID(w, id)
	}
	if a == nil {
		return sim.Owner{}, false
	}
	return sim.Owner{Account: a.Number}, true
}

// sessionEnv is the resolvers' view of a session outside a resolver call.
func sessionEnv(s *sim.Session) *env {
	return &env{World: s.World(), now: s.Now(), zone: s.Zone(), sess: s, maxPage: s.MaxPageSize()}
}

// keyOf is the value of the key field among keys; a field that is no key matches nothing.
func keyOf(field string, keys map[string]string) (string, bool) {
	v, ok := keys[field]
	return v, ok
}

func electricityPoints(p *sim.Property) []sim.ElectricityMeterPoint { return p.ElectricityMeterPoints }
func gasPoints(p *sim.Property) []sim.GasMeterPoint                 { return p.GasMeterPoints }

// ElectricityMeterPoint is the world's meter point with the MPAN or NMI and its account,
// or nils: of a supply that has changed hands, the account's supplying it today
// (findPoint), not a coming occupier's before its day.
func (w *env) ElectricityMeterPoint(id string) (*sim.Account, *sim.ElectricityMeterPoint) {
	return findPoint(w, electricityPoints, func(mp *sim.ElectricityMeterPoint) (string, bool) { return mp.Identifier(), true }, id)
}

// GasMeterPoint is the world's meter point with the MPRN or MIRN and its account, or
// nils, as ElectricityMeterPoint.
func (w *env) GasMeterPoint(id string) (*sim.Account, *sim.GasMeterPoint) {
	return findPoint(w, gasPoints, func(mp *sim.GasMeterPoint) (string, bool) { return mp.Identifier(), true }, id)
}

// findPoint returns the meter point of the world's accounts whose key is value: of a
// supply that has changed hands, that of the account supplying it today (findPointIn).
func findPoint[P any](w *env, points func(*sim.Property) []P, key func(*P) (string, bool), value string) (*sim.Account, *P) {
	a, _, mp := findPointIn(w.Accounts, w.today(), points, key, value)
	return a, mp
}

// findPointIn returns the meter point among accounts whose key is value, with its
// account and home: that of the home held on day, else of the one moved into latest by
// then, else the first.
func findPointIn[P any](accounts []*sim.Account, day string, points func(*sim.Property) []P, key func(*P) (string, bool), value string) (*sim.Account, *sim.Property, *P) {
	var found *sim.Account
	var home *sim.Property
	var point *P
	for _, a := range accounts {
		for i := range a.Properties {
			p := &a.Properties[i]
			ps := points(p)
			for j := range ps {
				if k, ok := key(&ps[j]); ok && k == value && (home == nil || laterHome(p, home, day)) {
					found, home, point = a, p, &ps[j]
				}
			}
		}
	}
	return found, home, point
}

// laterHome reports whether the home p rather than q supplies a meter point both hold on
// day: p is held then and q not, or neither is and p was moved into later by then.
func laterHome(p, q *sim.Property, day string) bool {
	if heldOn(p, day) || heldOn(q, day) {
		return heldOn(p, day) && !heldOn(q, day)
	}
	return p.OccupiedFrom <= day && p.OccupiedFrom > q.OccupiedFrom
}

// heldOn reports whether the home is its account's on day: moved into by then and not
// yet left.
func heldOn(p *sim.Property, day string) bool {
	return p.OccupiedFrom <= day && (p.OccupiedTo == "" || day <= p.OccupiedTo)
}

// findMeter returns the first meter of the world's meter points whose key is value, with
// its meter point and account.
func findMeter[P, M any](w *env, points func(*sim.Property) []P, meters func(*P) []M, key func(*M) (string, bool), value string) (*sim.Account, *P, *M) {
	a, mp := findPoint(w, points, func(p *P) (string, bool) {
		ms := meters(p)
		for k := range ms {
			if v, ok := key(&ms[k]); ok && v == value {
				return value, true
			}
		}
		return "", false
	}, value)
	if mp == nil {
		return nil, nil, nil
	}
	ms := meters(mp)
	for k := range ms {
		if v, ok := key(&ms[k]); ok && v == value {
			return a, mp, &ms[k]
		}
	}
	return nil, nil, nil
}
