package world

import (
	"slices"

	"github.com/krakensim/krakensim/sim/graphql"
)

// A root list of an owner's things that one of the owner's devices names
// (flexPlannedDispatches(deviceId:), which took over from plannedDispatches(accountNumber:))
// lists what the owner's list does: the device's owner is found from state, and the list
// answers as that owner's, the same charges, boosts and suspensions.

// deviceScoped is the role a root list answers as when its one owner argument names a
// device (deviceId): its own, with the device list's owner arguments; nil for a list of
// another kind, or a schema without a device list.
func (r *Roles) deviceScoped(fr *fieldRole) *fieldRole {
	return r.scoped.get(fr, func() *fieldRole {
		dl := r.devices()
		if dl == nil || len(fr.owner) != 1 || !slices.Equal(words(fr.owner[0]), []string{"device", "id"}) || slices.Equal(fr.owner, dl.role.owner) {
			return nil
		}
		own := *fr
		own.owner = dl.role.owner
		return &own
	})
}

// byOwner is f asked for by the owner of the device it names, with s, the role
// deviceScoped gives it: the device's owner's arguments in place of the device's; ok is
// false when state has no such device.
func (g *Generator) byOwner(env *Env, f *graphql.Field, fr, s *fieldRole) (*graphql.Field, bool) {
	id, _ := f.Args[fr.owner[0]].(string)
	d, ok := g.declaredDevice(env, "", id)
	if !ok || d.Owner == "" || len(s.owner) != 1 {
		return nil, false
	}
	own := *f
	own.Args = make(map[string]any, len(f.Args))
	for k, v := range f.Args {
		if k != fr.owner[0] {
			own.Args[k] = v
		}
	}
	own.Args[s.owner[0]] = d.Owner
	return &own, true
}

// metersDevice reports whether id names a meter's device state knows (a smart meter),
// rather than one a household registered for smart control.
func (g *Generator) metersDevice(env *Env, id any) bool {
	s, _ := id.(string)
	if g.opts.Meter == nil || s == "" {
		return false
	}
	_, ok := g.opts.Meter(env, s)
	return ok
}
