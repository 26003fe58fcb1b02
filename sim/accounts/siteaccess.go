package accounts

import (
	"context"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// maxHazards is how many hazards a meter point's site records (KT-AU-5610 beyond).
const maxHazards = 5

// updateElecMeterPointAccessDetails replaces what a meter reader is told of an
// electricity supply's site (Origin's): its access instructions ("" removes them) and
// its hazards (HazardType names, then hazardDetails in words; an empty list removes
// them), which the meter point's accessDetails and hazards answer. KT-CT-4011 for an NMI
// no supply has, KT-CT-6420 for another's, KT-AU-7810 for neither given.
func updateElecMeterPointAccessDetails(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	nmi := strings.TrimSpace(str(in, "meterPointNmi"))
	w := c.Session.World()
	var held *sim.Account
	pi, mi := -1, -1
	for a := range heldBy(w, u) { // the viewer's home when a supply moved between accounts
		for i := range a.Properties {
			if j := slices.IndexFunc(a.Properties[i].ElectricityMeterPoints, func(mp sim.ElectricityMeterPoint) bool { return mp.Identifier() == nmi }); j >= 0 && held == nil {
				held, pi, mi = a, i, j
			}
		}
	}
	if held == nil {
		if a, _ := w.ElectricityMeterPoint(nmi); a != nil {
			return nil, c.Error("KT-CT-6420")
		}
		return nil, c.ValidationError("KT-CT-4011", "No supply has the NMI "+nmi+".", "input", "meterPointNmi")
	}
	mp := &held.Properties[pi].ElectricityMeterPoints[mi]
	access, told, tooMany := toldAccess(siteAccessOf(mp, held.Properties[pi].PropertyType), in)
	switch {
	case !told:
		return nil, c.ValidationError("KT-AU-7810", "Give accessDetails, hazards or hazardDetails.", "input")
	case tooMany:
		return nil, c.ValidationError("KT-AU-5610", "A site records at most 5 hazards.", "input", "hazards")
	}
	a := w.MutableAccount(held.Number)
	mp = &a.Properties[pi].ElectricityMeterPoints[mi]
	mp.Access = &access
	e := newEnv(c)
	return obj{"meterPoint": electricityPoint(e, a, mp)}, nil
}

// siteAccessOf is what a meter reader is told of a supply's site: as last told, else
// what the property's kind makes it.
func siteAccessOf(mp *sim.ElectricityMeterPoint, propertyType string) sim.SiteAccess {
	if mp.Access != nil {
		return *mp.Access
	}
	return sim.SiteAccess{Details: accessNotes(propertyType)}
}

// toldAccess is access with what in tells of it: accessDetails replaces the
// instructions ("" removes them), hazards and hazardDetails the hazards (an empty list
// removes them); told is false when in tells nothing, tooMany when the hazards exceed
// maxHazards.
func toldAccess(access sim.SiteAccess, in map[string]any) (next sim.SiteAccess, told, tooMany bool) {
	details, hasDetails := in["accessDetails"].(string)
	list, hasHazards := in["hazards"].([]any)
	other := strings.TrimSpace(str(in, "hazardDetails"))
	if hasDetails {
		access.Details = sim.Clip(strings.TrimSpace(details), 500)
	}
	if hasHazards || other != "" {
		var hazards []string
		for _, v := range list {
			if h, ok := v.(string); ok && !slices.Contains(hazards, h) {
				hazards = append(hazards, h)
			}
		}
		if other != "" {
			hazards = append(hazards, sim.Clip(other, 200))
		}
		access.Hazards = hazards
	}
	return access, hasDetails || hasHazards || other != "", len(access.Hazards) > maxHazards
}
