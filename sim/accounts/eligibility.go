package accounts

import (
	"context"
	"strconv"

	"github.com/krakensim/krakensim/sim"
)

// What an account or its home qualifies for, as Octopus's dashboard asks on opening:
// the Warm Home Discount, a smart meter installation, the Fan Club, Octoplus's screens.
// Each follows from the account's own addresses, meters and agreements.

// warmHomeDiscount is eligibilityForWarmHomeDiscount: whether an account may apply to
// its supplier for the Warm Home Discount in the Scottish Broader Group, which only a
// home in Scotland can (in England and Wales the government finds who qualifies); an
// active domestic account with a property in Scotland's GSP groups (_N, _P).
func warmHomeDiscount(a *sim.Account) obj {
	reason := ""
	switch {
	case a.AccountType != "" && a.AccountType != "DOMESTIC":
		reason = "Only a domestic account can apply for the Warm Home Discount."
	case a.Status != "ACTIVE":
		reason = "The account is not supplied yet."
	case !inScotland(a):
		reason = "The Scottish Broader Group is open to homes in Scotland only."
	}
	if reason != "" {
		return obj{"isEligible": false, "rejectionReason": reason}
	}
	return obj{"isEligible": true, "rejectionReason": nil}
}

// warmHomeDiscountHistory is an account's warmHomeDiscount: its applications to the
// Scottish Broader Group and the discounts credited, most recent first; state records
// neither (who receives the benefits that qualify is not known), so both are empty.
func warmHomeDiscountHistory(w *env) obj {
	empty := sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) })
	return obj{"applications": empty, "records": empty}
}

// inScotland is whether one of a's properties lies in Scotland's GSP groups.
func inScotland(a *sim.Account) bool {
	for _, p := range a.Properties {
		if g := gspOf(p.Address.Postcode); g == "N" || g == "P" {
			return true
		}
	}
	return false
}

// smets2InstallationAllowed is whether a smart meter may be fitted at a property: not
// where every meter in place is smart already (nor where none is in place).
func smets2InstallationAllowed(w *env, p *sim.Property) bool {
	today := w.today()
	for i := range p.ElectricityMeterPoints {
		mp := &p.ElectricityMeterPoints[i]
		if k := electricityMeterInPlace(mp, today); k >= 0 && !mp.Meters[k].IsDigital {
			return true
		}
	}
	for i := range p.GasMeterPoints {
		mp := &p.GasMeterPoints[i]
		if k := gasMeterInPlace(mp, today); k >= 0 && !mp.Meters[k].IsDigital {
			return true
		}
	}
	return false
}

// fanClubStatus answers fanClubStatus(accountNumber:, propertyId:), the Fan Club
// discounts of homes near a fan (a wind turbine) on a Fan Club tariff: none for an
// account state holds, whose agreements are on no Fan Club product (a scenario scripts
// one). A property is read through the account that holds it, neither as the viewer's.
func fanClubStatus(_ context.Context, c *sim.Call) (any, error) {
	number := c.StringArg("accountNumber")
	id, byProperty := integer(c.Field.Args, "propertyId")
	switch {
	case number == "" && byProperty:
		if a, _ := c.Session.World().Property(strconv.Itoa(id)); a != nil {
			number = a.Number
		}
	case number == "": // the viewer's homes
		_, _, err := c.Viewer()
		return []any{}, err
	}
	if _, _, err := readable(c, number, "", ""); err != nil {
		return nil, err
	}
	return []any{}, nil
}

// octoplusFeatureFlags answers octoplusFeatureFlags: Octoplus, its points, rewards and
// offers are shown, as the simulator answers them (octoplusAccountInfo, octoPoints,
// loyaltyPointLedgers, rewards, Saving Sessions).
func octoplusFeatureFlags(_ context.Context, _ *sim.Call) (any, error) {
	out := obj{}
	for _, f := range []string{"OctopointsV2", "Octoplus", "Rewards", "OctoplusRewards", "PartnerRewards",
		"OctoplusPartnerOffers", "OctoplusShoptopusOffers", "OctoplusRelatedOffers", "OctoplusPartnerOfferList"} {
		out["shouldClientDisplay"+f] = true
	}
	return out, nil
}
