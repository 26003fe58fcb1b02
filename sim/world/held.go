package world

import (
	"strings"

	"github.com/krakensim/krakensim/sim/graphql"
)

// What a made-up object under a state object names of its owner (a service order's
// meter point under an account) is one of the owner's own: the state object tells the
// entities it holds, and the world picks among them by the object's key.

// HoldsKey is the key, in a state object's map, of its Holder; no GraphQL field can
// have it.
const HoldsKey = "\x00holds"

// Holder is a state object that holds entities a made-up object under it may name.
type Holder interface {
	// Held are the entities it holds (an account's properties, meter points and
	// ledgers), as the state answers them, each with its __typename.
	Held() []map[string]any
}

// heldBy is the Holder of the state object a field's object sits under: its parent, or
// what its made-up parent inherited; nil for none.
func (g *Generator) heldBy(f *graphql.Field) Holder {
	src, _ := f.Source.(map[string]any)
	if mt, ok := src[metaKey].(*meta); ok {
		return mt.owner
	}
	h, _ := src[HoldsKey].(Holder)
	return h
}

// held is the owner's entity a field names: one of those of the field's types, picked
// by the field's key; false when the owner holds none (the world makes one up).
func (g *Generator) held(h Holder, fr *fieldRole, key uint64) (map[string]any, bool) {
	var fit []map[string]any
	for _, e := range h.Held() {
		t, _ := e["__typename"].(string)
		for _, c := range fr.candidates {
			// A state type the tenant lacks is its longest type it ends with, as the
			// executor answers it: ElectricityMeterPointType is Origin's MeterPointType.
			if t == c || g.schema.Types[t] == nil && strings.HasSuffix(t, c) {
				fit = append(fit, e)
				break
			}
		}
	}
	if len(fit) == 0 {
		return nil, false
	}
	return fit[key%uint64(len(fit))], true
}
