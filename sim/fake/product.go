package fake

import (
	"slices"
	"strings"
)

// saltProduct keeps the stream of Product apart from those of Leaf, ListLen and Pick.
const saltProduct = 0x3c6ef372fe94f82b

// Product returns a make and a model that belong together, for the device object key
// names: a vehicle, a charge point, a heat pump… as kind or parentType says. Both
// fields of one object get them from one call each, with the same answer.
func (f *Faker) Product(key uint64, parentType, kind string) (string, string) {
	ps := productsFor(kind, parentType)
	p := ps[mix64(f.leafSeed^saltProduct^key)%uint64(len(ps))]
	return p.make, p.model
}

// ModelOf returns a model of make for the device object key names, and false when the
// Faker knows no model of make.
func (f *Faker) ModelOf(key uint64, parentType, kind, make string) (string, bool) {
	models := f.Models(parentType, kind, make)
	if len(models) == 0 {
		return "", false
	}
	return models[mix64(f.leafSeed^saltProduct^key)%uint64(len(models))], true
}

// MakeOf returns the make of model, and false when the Faker does not know it.
func (f *Faker) MakeOf(parentType, kind, model string) (string, bool) {
	for _, p := range productsFor(kind, parentType) {
		if strings.EqualFold(p.model, model) {
			return p.make, true
		}
	}
	return "", false
}

// Makes returns the distinct makes of the devices parentType and kind name, in a
// stable order that key rotates: a catalog's entries.
func (f *Faker) Makes(key uint64, parentType, kind string) []string {
	var out []string
	for _, p := range productsFor(kind, parentType) {
		if !slices.Contains(out, p.make) {
			out = append(out, p.make)
		}
	}
	n := int(mix64(f.leafSeed^saltProduct^key) % uint64(len(out)))
	return append(out[n:], out[:n]...)
}

// Models returns the models of make among the devices parentType and kind name; none
// when the Faker does not know make.
func (f *Faker) Models(parentType, kind, make string) []string {
	var out []string
	for _, p := range productsFor(kind, parentType) {
		if strings.EqualFold(p.make, make) {
			out = append(out, p.model)
		}
	}
	return out
}

// Spec is what a device's maker states of a model: what a catalog lists of it and a
// registered device of that model answers.
type Spec struct {
	// CapacityKWh is a vehicle's or a home battery's usable capacity.
	CapacityKWh float64
	// PowerKW is the rated power: a charge point's output, a vehicle's on-board charger,
	// a heat pump's heat output, a battery's or an inverter's AC power.
	PowerKW float64
	// InputKW is the most electrical power a heat pump draws; a device that does not
	// turn one energy into another draws its PowerKW.
	InputKW float64
	// Amps is a charge point's supply current.
	Amps int
	// Since and Until are the first and last years the model was on sale; Until is 0
	// while it still is.
	Since, Until int
	// Coupling is a home battery's: AC or DC.
	Coupling string
	// Providers are the third parties that give a supplier control of the model.
	Providers []string
}

// SpecOf returns what the maker states of make's model among the devices parentType
// and kind name, and false when the Faker does not know that model; make may be empty.
func (f *Faker) SpecOf(parentType, kind, make, model string) (Spec, bool) {
	return ModelSpec(parentType, kind, make, model)
}

// ModelSpec is SpecOf for callers without a Faker: the models are every market's.
func ModelSpec(parentType, kind, make, model string) (Spec, bool) {
	for _, p := range productsFor(kind, parentType) {
		if strings.EqualFold(p.model, model) && (make == "" || strings.EqualFold(p.make, make)) {
			return p.spec, true
		}
	}
	return Spec{}, false
}
