package sim

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// IDs hands out numeric ids above those a world already uses, by kind: "user",
// "ledger", "property", "meterPoint", "meter", "agreement", "quotedProduct".
type IDs map[string]int

// idFloors is the least id handed out of each kind.
var idFloors = map[string]int{
	"user": 3300000, "ledger": 6200000, "property": 2300000,
	"meterPoint": 1900000, "meter": 3100000, "agreement": 9200000, "quotedProduct": 7400000,
}

// IDs returns the ids w uses, to hand out new ones from.
func (w *World) IDs() IDs {
	s := IDs{}
	for _, u := range w.Users {
		if u == nil {
			continue
		}
		s.see("user", u.ID)
		for _, q := range u.PropertyQuotes {
			for _, qp := range q.Products {
				s.see("quotedProduct", qp.ID)
			}
		}
	}
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for _, l := range a.Ledgers {
			s.see("ledger", l.ID)
		}
		for i := range a.Properties {
			a.Properties[i].EachID(func(kind string, id *string) { s.see(kind, *id) })
		}
		for _, q := range a.EnergyQuotes {
			for _, qp := range q.Products {
				s.see("quotedProduct", qp.ID)
			}
		}
	}
	return s
}

func (s IDs) see(kind, id string) {
	if v, err := strconv.Atoi(id); err == nil && v >= s[kind] {
		s[kind] = v + 1
	}
}

// Next hands out an id of kind that the world does not use.
func (s IDs) Next(kind string) string {
	if floor := idFloors[kind]; s[kind] < floor {
		s[kind] = floor
	}
	id := s[kind]
	s[kind]++
	return strconv.Itoa(id)
}

// EachID calls visit with the kind and the id of a property, then of each of its
// meter points, their meters and their agreements, electricity before gas.
func (p *Property) EachID(visit func(kind string, id *string)) {
	visit("property", &p.ID)
	for j := range p.ElectricityMeterPoints {
		mp := &p.ElectricityMeterPoints[j]
		visit("meterPoint", &mp.ID)
		for k := range mp.Meters {
			visit("meter", &mp.Meters[k].ID)
		}
		for k := range mp.Agreements {
			visit("agreement", &mp.Agreements[k].ID)
		}
	}
	for j := range p.GasMeterPoints {
		mp := &p.GasMeterPoints[j]
		visit("meterPoint", &mp.ID)
		for k := range mp.Meters {
			visit("meter", &mp.Meters[k].ID)
		}
		for k := range mp.Agreements {
			visit("agreement", &mp.Agreements[k].ID)
		}
	}
}

// NewAccountNumber is an A-XXXXXXXX number no account of w has, the same for the same
// parts in the same world.
func (w *World) NewAccountNumber(parts ...string) string {
	n := hash32(parts...)
	for {
		num := fmt.Sprintf("A-%08X", n)
		if w.Account(num) == nil {
			return num
		}
		n++
	}
}

// LedgerNumber is the number of an account's i-th ledger when the platform makes it.
func LedgerNumber(account string, i int) string {
	return fmt.Sprintf("L-%08X", hash32(account, strconv.Itoa(i)))
}

func hash32(parts ...string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(strings.Join(parts, "\x00")))
	return h.Sum32()
}
