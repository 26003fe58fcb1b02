package accounts

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// What an account or its home qualifies for, as Octopus's dashboard asks on opening:
// the Warm Home Discount, a smart meter installation, the Fan Club, Octoplus's screens.
// Each follows from the account's own addresses, meters and agreements.

// warmHomeDiscount is eligibilityForWarmHomeDiscount: whether an account may apply to
// its supplier for the Warm Home Discount in the Scottish Broader Group, which only a
// home in Scotland can (in England and Wales the government finds who qualifies); an
// active domestic account with a property in Scotland's GSP groups (_N, _P).
func warmHomeDiscount(w *env, a *sim.Account) obj {
	reason := ""
	switch {
	case a.AccountType != "" && a.AccountType != "DOMESTIC":
		reason = "Only a domestic account can apply for the Warm Home Discount."
	case statusOf(w, a) != "ACTIVE":
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
// Scottish Broader Group, most recent first, and the discounts credited, which state
// records none of (who receives the benefits that qualify is not known).
func warmHomeDiscountHistory(w *env, a *sim.Account) obj {
	return obj{
		"applications": sim.Lazy(func(args map[string]any) (any, error) {
			nodes := make([]any, 0, len(a.WarmHomeDiscountApplications))
			for _, app := range slices.Backward(a.WarmHomeDiscountApplications) {
				nodes = append(nodes, obj{
					"qualifyingCriteria": orNil(app.QualifyingCriteria), "qualifyingComponent": orNil(app.QualifyingComponent),
					"yearEnding": app.YearEnding, "taxYear": taxYear(app.YearEnding), "status": app.Status,
					"rejectionReason": orNil(app.RejectionReason), "updatedAt": app.CreatedAt.In(w.zone).Format(time.DateOnly),
				})
			}
			return connection(w, nodes, args)
		}),
		"records": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) }),
	}
}

// schemeYearEnding is the year the Warm Home Discount's scheme year under way at now
// ends in: scheme years run from April to March.
func schemeYearEnding(w *env) int {
	t := w.now.In(w.zone)
	if t.Month() >= time.April {
		return t.Year() + 1
	}
	return t.Year()
}

// taxYear is the tax year a scheme year ending in yearEnding is, as HMRC writes one
// ("2026/27").
func taxYear(yearEnding int) string {
	return fmt.Sprintf("%d/%02d", yearEnding-1, yearEnding%100)
}

// broaderGroupRejection is why an application of a's to the Scottish Broader Group is
// rejected (BroaderGroupRejectionReason); "" when it may be considered.
func broaderGroupRejection(w *env, a *sim.Account) string {
	switch {
	case a.AccountType != "" && a.AccountType != "DOMESTIC":
		return "BUSINESS_ACCOUNT"
	case statusOf(w, a) != "ACTIVE":
		return "NO_LONGER_ON_SUPPLY"
	case !inScotland(a):
		return "NOT_IN_SCOTLAND"
	}
	return ""
}

// createWarmHomeDiscountApplication applies for the Warm Home Discount's Scottish
// Broader Group by a qualifying benefit and component, for the scheme year under way:
// pending, or rejected at once for what the account is (not in Scotland, not domestic,
// not supplied) or an open application already; a missing criterion is reported in
// errors and nothing is made.
func createWarmHomeDiscountApplication(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := owned(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	in, _ := c.Arg("applicationInputs").(map[string]any)
	var errs serializerErrors
	for _, field := range []string{"qualifyingCriteria", "qualifyingComponent"} {
		if str(in, field) == "" {
			errs.add(field, "KT-CT-4321", "An applicant must meet one of the "+field+" options.")
		}
	}
	if len(errs) > 0 {
		return obj{"id": nil, "errors": []any(errs)}, nil
	}
	w := newEnv(c)
	app := sim.WarmHomeDiscountApplication{
		ID:                 fmt.Sprintf("%s-WHD-%d", a.Number, len(a.WarmHomeDiscountApplications)+1),
		QualifyingCriteria: str(in, "qualifyingCriteria"), QualifyingComponent: str(in, "qualifyingComponent"),
		Status: "PENDING", RejectionReason: broaderGroupRejection(w, a), YearEnding: schemeYearEnding(w), CreatedAt: w.now.UTC(),
	}
	for _, o := range a.WarmHomeDiscountApplications {
		if app.RejectionReason == "" && o.YearEnding == app.YearEnding && (o.Status == "PENDING" || strings.HasPrefix(o.Status, "AWAITING")) {
			app.RejectionReason = "HAS_OPEN_APPLICATION"
		}
	}
	if app.RejectionReason != "" {
		app.Status = "REJECTED"
	}
	a.WarmHomeDiscountApplications = append(a.WarmHomeDiscountApplications, app)
	return obj{"id": app.ID, "errors": []any{}}, nil
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

// fanClubStatus answers fanClubStatus(accountNumber:, propertyId:): the Fan Club of the
// account's home (of the property's, or of the viewer's homes with neither), its
// turbine's discounts; none for an account in no Fan Club. A property is read through
// the account that holds it, neither as the viewer's.
func fanClubStatus(_ context.Context, c *sim.Call) (any, error) {
	number := c.StringArg("accountNumber")
	id, byProperty := integer(c.Field.Args, "propertyId")
	w := c.Session.World()
	var accounts []*sim.Account
	switch {
	case number == "" && byProperty:
		if a, _ := w.Property(strconv.Itoa(id)); a != nil {
			number = a.Number
		}
	case number == "": // the viewer's homes
		u, _, err := c.Viewer()
		if err != nil {
			return nil, err
		}
		for _, n := range u.AccountNumbers {
			if a := w.Account(n); a != nil {
				accounts = append(accounts, a)
			}
		}
	}
	if number != "" {
		_, a, err := readable(c, number, "", "")
		if err != nil {
			return nil, err
		}
		accounts = append(accounts, a)
	}
	out := []any{}
	for _, a := range accounts {
		if a.FanClub == nil || byProperty && a.FanClub.PropertyID != strconv.Itoa(id) {
			continue
		}
		if fan := fanBySource(w, a.FanClub.Source); fan != nil {
			out = append(out, fanStatus(newEnv(c), fan, a))
		}
	}
	return out, nil
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

// activeCampaignOffers answers activeCampaignOffers(accountNumber:): the campaigns the
// state puts the account in (the offers it was made, not the programmes it joined,
// such as Octoplus) that have begun and not expired by today; none for an account in
// none.
func activeCampaignOffers(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	out := []any{}
	for _, slug := range a.Campaigns {
		if m, open := openCampaign(w, slug); open {
			out = append(out, m)
		}
	}
	return out, nil
}

// openCampaign is a campaign's map and whether it has begun and not expired today.
func openCampaign(w *env, slug string) (obj, bool) {
	m, today := campaignMap(w, slug), w.today()
	if from, ok := m["startDate"].(string); ok && from > today {
		return m, false
	}
	if to, ok := m["expiryDate"].(string); ok && to < today {
		return m, false
	}
	return m, true
}

// quoteCampaignOffer quotes one of the account's homes for a campaign it is in that is
// open today, on the products on offer to it, kept as its quotes are for a switch:
// KT-GB-6813 for a home not the account's or a campaign it is not in or that is not
// open.
func quoteCampaignOffer(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	id := strconv.Itoa(intOr(in, "propertyId", 0))
	p := accountProperty(a, id)
	slug := strings.TrimSpace(str(in, "campaignSlug"))
	switch _, open := openCampaign(w, slug); {
	case p == nil:
		return nil, c.ValidationError("KT-GB-6813", "The account has no property "+id+".", "input", "propertyId")
	case !slices.Contains(a.Campaigns, slug) || !open:
		return nil, c.ValidationError("KT-GB-6813", "The account is in no campaign "+slug+" open today.", "input", "campaignSlug")
	}
	quote, err := quoteProperty(c, w, a, p, w.today(), "DIRECTDEBIT", "")
	if err != nil {
		return nil, c.ValidationError("KT-GB-6813", "The home has no supply to quote.", "input", "propertyId")
	}
	return obj{"quoteCode": quote["code"]}, nil
}

// eligibleDeviceTypes answers eligibleDeviceTypes(accountNumber:): the kinds of device an
// account may register for smart control, which reads its home's smart meter: a car or
// charger, a battery, a solar inverter, a heat pump (not beside one Octopus's own
// controller runs) and a thermostat, and storage heaters on a two-rate tariff; none for
// an account not on supply, a business's, or a home without a smart electricity meter.
func eligibleDeviceTypes(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	out := []any{}
	mp := smartControlHome(w, a)
	if mp == nil {
		return out, nil
	}
	out = append(out, "ELECTRIC_VEHICLES", "BATTERIES", "INVERTERS")
	if octopusController(a) == nil {
		out = append(out, "HEAT_PUMPS")
	}
	out = append(out, "THERMOSTATS")
	if ag, ok := activeAgreement(mp.Agreements, w.today()); ok && twoRates(ag.TariffCode) && !smartCharged(ag.TariffCode) {
		out = append(out, "STORAGE_HEATERS")
	}
	return out, nil
}

// smartControlHome is the supply of the account's home whose smart meter lets devices
// there be registered for smart control; nil for an account not on supply, a
// business's, or a home without a smart electricity meter.
func smartControlHome(w *env, a *sim.Account) *sim.ElectricityMeterPoint {
	mp, k := homeMeter(w, a)
	if statusOf(w, a) != "ACTIVE" || a.AccountType == "BUSINESS" || mp == nil || smetsGeneration(mp.Meters[k].MeterType) == "" {
		return nil
	}
	return mp
}

// accountIoEligibility answers accountIoEligibility(accountNumber:): whether the account
// may register devices with Intelligent Octopus, which eligibleDeviceTypes lists them
// for: a domestic account on supply whose home has a smart electricity meter.
func accountIoEligibility(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	return obj{"isEligibleForIo": smartControlHome(newEnv(c), a) != nil}, nil
}
