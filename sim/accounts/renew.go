package accounts

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// A renewal moves a meter point to a new tariff from a day on: the agreement in force
// that day ends the day before the new one starts, an agreement that has not begun by
// then is replaced, and the meter point's agreements list the new one from then on.
// When the new agreement ends (a fixed term's end, or the end a renewal gives it) and
// no agreement follows, the supply rolls onto the default variable product that day.

// renewAgreementForMeterPoint puts the meter point with the MPAN or MPRN mpxn on
// tariffCode from validFromDate (to validToDate, else for a fixed product's term, else
// open-ended) and answers the new
// agreement as the fuel's field; the other fuel's is null. The tariff must be for the
// meter point's fuel.
func renewAgreementForMeterPoint(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	refuse := func(field, msg string) (any, error) {
		return nil, c.ValidationError("KT-GB-4112", msg, "input", field)
	}
	mpxn := strings.TrimSpace(str(in, "mpxn"))
	w := c.Session.World()
	owner, electricity := (*sim.Account)(nil), true
	if a, mp := w.ElectricityMeterPoint(mpxn); mp != nil {
		owner = a
	} else if a, mp := w.GasMeterPoint(mpxn); mp != nil {
		owner, electricity = a, false
	}
	if owner == nil {
		return refuse("mpxn", "No meter point has the MPAN or MPRN "+mpxn+".")
	}
	if !u.CanAccess(owner.Number) {
		return nil, c.Error(codeUnauthorized)
	}
	code := strings.TrimSpace(str(in, "tariffCode"))
	product, ok := tariffProduct(code, electricity)
	if !ok {
		return refuse("tariffCode", "The tariff code "+code+" is not a "+fuelOf(electricity)+" tariff code (such as "+fuelPrefix(electricity)+"VAR-22-11-01-A).")
	}
	from, ok := parseDate(in["validFromDate"])
	if !ok {
		return refuse("validFromDate", "Enter the start date as YYYY-MM-DD.")
	}
	to := ""
	if v, given := strPtr(in, "validToDate"); given {
		if to, ok = parseDate(v); !ok || to <= from {
			return refuse("validToDate", "The end date must be a date (YYYY-MM-DD) after the start date.")
		}
	} else if months, fixed := termMonths(product); fixed {
		to = addMonths(from, months)
	}
	a := w.MutableAccount(owner.Number)
	ags := meterPointAgreementsOf(a, mpxn, electricity)
	if n := len(*ags); n > 0 {
		if _, region := tariffShape((*ags)[n-1].TariffCode); region != "" && !strings.HasSuffix(code, "-"+region) {
			return refuse("tariffCode", "The meter point is in region "+region+"; the tariff code "+code+" is not.")
		}
	}
	ids := w.IDs()
	ag := sim.Agreement{ID: ids.Next("agreement"), TariffCode: code, ProductCode: product, ValidFrom: from, ValidTo: to, AgreedAt: c.Session.Now().UTC()}
	if begun := renewed(*ags, ag, today(c)); begun != nil {
		return refuse("validFromDate", "The agreement "+begun.ID+" began on "+begun.ValidFrom+", on or after "+from+"; a renewal cannot replace an agreement that has begun.")
	}
	*ags = renew(ids, *ags, ag, variableProduct(newEnv(c), a.AccountType == "BUSINESS"))
	zone := c.Session.Zone()
	agreement := obj{
		"id":        world.GlobalID(restrictedAgreementType(electricity), ag.ID),
		"validFrom": dateAsTime(ag.ValidFrom, zone), "validTo": dateAsTime(ag.ValidTo, zone), "tariffCode": ag.TariffCode,
	}
	if electricity {
		return obj{"electricityAgreement": agreement, "gasAgreement": nil}, nil
	}
	return obj{"electricityAgreement": nil, "gasAgreement": agreement}, nil
}

// renewAgreementsForAccount renews agreements of an account, each named by its id, to
// a product from changeOn (today when not given, at most 90 days ahead), on the same
// kind of tariff in the same region; a fixed product's agreement ends after its term.
// It answers the account.
func renewAgreementsForAccount(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	type renewal struct {
		field, id, product string
		electricity        bool
	}
	var renewals []renewal
	for _, l := range []renewal{{field: "electricityAgreements", electricity: true}, {field: "gasAgreements"}} {
		items, _ := in[l.field].([]any)
		for _, it := range items {
			m, _ := it.(map[string]any)
			l.id, l.product = strings.TrimSpace(str(m, "agreementId")), strings.TrimSpace(str(m, "productCode"))
			renewals = append(renewals, l)
		}
	}
	if len(renewals) == 0 {
		return nil, c.Error("KT-GB-4113")
	}
	refuse := func(field, msg string) (any, error) {
		return nil, c.ValidationError("KT-GB-4126", msg, "input", field)
	}
	day := today(c)
	on := day
	if v, given := strPtr(in, "changeOn"); given {
		d, ok := parseDate(v)
		switch {
		case !ok:
			return refuse("changeOn", "Enter the change date as YYYY-MM-DD.")
		case d < day:
			return refuse("changeOn", "The change date "+d+" is in the past.")
		case d > addDays(day, 90):
			return refuse("changeOn", "The change date "+d+" is more than 90 days ahead.")
		}
		on = d
	}
	ids := c.Session.World().IDs()
	// Every renewal is checked before any is made, so that a refused input changes nothing.
	type change struct {
		ags *[]sim.Agreement
		ag  sim.Agreement
	}
	changes := make([]change, 0, len(renewals))
	for _, r := range renewals {
		ags, old := accountAgreement(a, r.id, r.electricity)
		if old == nil || !agreementActive(*old, day) {
			return refuse(r.field, "The account has no active "+fuelOf(r.electricity)+" agreement "+r.id+".")
		}
		prefix, region := tariffShape(old.TariffCode)
		if !productSupplies(r.product, prefix) {
			return refuse(r.field, "The product "+r.product+" has no "+strings.TrimSuffix(prefix, "-")+" tariff.")
		}
		ag := agreementOn(ids, prefix, region, r.product, on, c.Session.Now())
		if begun := renewed(*ags, ag, day); begun != nil {
			return refuse(r.field, "The agreement "+begun.ID+" has begun on the change date.")
		}
		changes = append(changes, change{ags, ag})
	}
	variable := variableProduct(newEnv(c), a.AccountType == "BUSINESS")
	for _, ch := range changes {
		*ch.ags = renew(ids, *ch.ags, ch.ag, variable)
	}
	return obj{"account": accountMap(newEnv(c), a)}, nil
}

// agreementOn is a new agreement on product from a day on, made at agreed, on its tariff
// of prefix's kind (E-1R-, E-2R-, G-1R-) in region; a fixed product's runs its term.
func agreementOn(ids sim.IDs, prefix, region, product, from string, agreed time.Time) sim.Agreement {
	ag := sim.Agreement{ID: ids.Next("agreement"), ProductCode: product, TariffCode: prefix + product + "-" + region, ValidFrom: from, AgreedAt: agreed.UTC()}
	if months, fixed := termMonths(product); fixed {
		ag.ValidTo = addMonths(from, months)
	}
	return ag
}

// renewed is the agreement of ags that ag would replace but that has begun by today;
// nil when ag replaces none that has.
func renewed(ags []sim.Agreement, ag sim.Agreement, today string) *sim.Agreement {
	for i, old := range ags {
		if old.ValidFrom >= ag.ValidFrom && old.ValidFrom <= today && (ag.ValidTo == "" || old.ValidFrom < ag.ValidTo) {
			return &ags[i]
		}
	}
	return nil
}

// renew is ags with ag in force from its start: the agreement in force that day ends
// then, and those that would begin within ag's term are dropped; an end of ag's that no
// agreement follows rolls the supply onto variable (rollOver).
func renew(ids sim.IDs, ags []sim.Agreement, ag sim.Agreement, variable string) []sim.Agreement {
	out := make([]sim.Agreement, 0, len(ags)+1)
	for _, old := range ags {
		switch {
		case old.ValidFrom >= ag.ValidFrom && (ag.ValidTo == "" || old.ValidFrom < ag.ValidTo):
			continue
		case old.ValidFrom < ag.ValidFrom && (old.ValidTo == "" || old.ValidTo > ag.ValidFrom):
			old.ValidTo = ag.ValidFrom
		}
		out = append(out, old)
	}
	return rollOver(ids, append(out, ag), ag, variable)
}

// rollOver is ags, in order of start, with the supply rolled onto the variable product
// from the end of ag (one of ags) when no agreement of ags is in force that day: a new
// agreement from ids on variable's tariff of ag's kind and region (the default
// product's where variable has none), made when ag was, until the next agreement
// begins, as a GB supplier must at a fixed term's end and as A-0F4A2B19's agreements of
// 2026 show. Every agreement a supply is given that ends goes through it, so that no
// supply is left with none in force after a term.
func rollOver(ids sim.IDs, ags []sim.Agreement, ag sim.Agreement, variable string) []sim.Agreement {
	out := ags
	if ag.ValidTo != "" && !slices.ContainsFunc(ags, func(o sim.Agreement) bool { return o.InForce(ag.ValidTo) }) {
		electricity := strings.HasPrefix(ag.TariffCode, "E-")
		next, ok := newcomerAgreement(ids, []sim.Agreement{ag}, electricity, variable, "", ag.ValidTo, ag.AgreedAt)
		if !ok {
			next, ok = newcomerAgreement(ids, []sim.Agreement{ag}, electricity, defaultProduct, "", ag.ValidTo, ag.AgreedAt)
		}
		if ok {
			for _, o := range ags {
				if o.ValidFrom > next.ValidFrom && (next.ValidTo == "" || o.ValidFrom < next.ValidTo) {
					next.ValidTo = o.ValidFrom
				}
			}
			out = append(slices.Clone(ags), next)
		}
	}
	slices.SortStableFunc(out, func(x, y sim.Agreement) int { return strings.Compare(x.ValidFrom, y.ValidFrom) })
	return out
}

// rollsOver reports whether next is the rollover that follows prev's end (rollOver's,
// made with it), not yet begun by today: the system's to move with prev's end, not
// an agreement a client made.
func rollsOver(prev, next sim.Agreement, today string) bool {
	return prev.ValidTo != "" && next.ValidFrom == prev.ValidTo && next.ValidFrom > today && next.AgreedAt.Equal(prev.AgreedAt) && productName(next.ProductCode) == "Flexible"
}

// variableProduct is the product a supply rolls onto at the end of a term: the variable
// business product the tenant sells businesses for a business's (business products
// for businesses, as quotes and sign-ups offer them), the default product for a home's.
func variableProduct(e *env, business bool) string {
	if business {
		return cmp.Or(businessFlexible(e), defaultProduct)
	}
	return defaultProduct
}

// meterPointAgreementsOf is the agreements of a's meter point with the MPAN or MPRN
// mpxn, to change.
func meterPointAgreementsOf(a *sim.Account, mpxn string, electricity bool) *[]sim.Agreement {
	for i := range a.Properties {
		p := &a.Properties[i]
		if electricity {
			for j := range p.ElectricityMeterPoints {
				if p.ElectricityMeterPoints[j].Identifier() == mpxn {
					return &p.ElectricityMeterPoints[j].Agreements
				}
			}
			continue
		}
		for j := range p.GasMeterPoints {
			if p.GasMeterPoints[j].Identifier() == mpxn {
				return &p.GasMeterPoints[j].Agreements
			}
		}
	}
	return &[]sim.Agreement{}
}

// accountAgreement finds a's agreement of the fuel with id, with its meter point's
// agreements to change; nil when it has none.
func accountAgreement(a *sim.Account, id string, electricity bool) (*[]sim.Agreement, *sim.Agreement) {
	var found *[]sim.Agreement
	var at int
	eachAgreementList(a, func(ags *[]sim.Agreement, e bool) {
		for i := range *ags {
			if found == nil && e == electricity && (*ags)[i].ID == id {
				found, at = ags, i
			}
		}
	})
	if found == nil {
		return nil, nil
	}
	return found, &(*found)[at]
}

// tariffProduct is the product code of a tariff code of the fuel
// (E-1R-VAR-22-11-01-A: VAR-22-11-01); false for a code that is not one.
func tariffProduct(code string, electricity bool) (string, bool) {
	prefix, region := tariffShape(code)
	if !strings.HasPrefix(prefix, fuelPrefix(electricity)) || len(region) != 1 || len(code) <= len(prefix)+2 {
		return "", false
	}
	product := code[len(prefix) : len(code)-2]
	return product, productSupplies(product, prefix)
}

// productSupplies says whether a product has tariffs with the prefix (E-1R-, E-2R-,
// G-1R-).
func productSupplies(product, prefix string) bool {
	if product == "" {
		return false
	}
	for _, k := range tariffKinds(product) {
		if k.prefix == prefix {
			return true
		}
	}
	return false
}

func fuelPrefix(electricity bool) string {
	if electricity {
		return "E-"
	}
	return "G-"
}

func fuelOf(electricity bool) string {
	if electricity {
		return "electricity"
	}
	return "gas"
}

func restrictedAgreementType(electricity bool) string {
	if electricity {
		return "RestrictedElectricityAgreement"
	}
	return "RestrictedGasAgreement"
}

// addMonths shifts a YYYY-MM-DD date by n months.
func addMonths(date string, n int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.AddDate(0, n, 0).Format(time.DateOnly)
}

// canRenewTariff is whether an account is eligible for a tariff renewal: an active
// account with a supply on a fixed-term agreement in force, which ends; a supply on a
// variable tariff has no term to renew (Octopus's dashboard answers false for one).
func canRenewTariff(w *env, a *sim.Account) bool {
	if statusOf(w, a) != "ACTIVE" {
		return false
	}
	fixed, today := false, w.today()
	eachAgreements(a, func(ags []sim.Agreement, _ bool) {
		ag, ok := activeAgreement(ags, today)
		fixed = fixed || ok && ag.ValidTo != ""
	})
	return fixed
}

// replaceAgreement puts one of the account's supplies, by MPAN or MPRN, on a product from
// a day to come, at most 90 days ahead (Octopus's): the agreement in force then ends,
// those due later are dropped; KT-GB-4126 for a supply the account does not have or
// with no agreement in force, a
// day past or too far, a product with no tariff for the supply, or an agreement that
// begins that day.
func replaceAgreement(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	refuse := func(field, msg string) (any, error) {
		return nil, c.ValidationError("KT-GB-4126", msg, "input", field)
	}
	w := newEnv(c)
	mpxn := strings.TrimSpace(str(in, "mpxn"))
	sups := supplies(w, a, nil)
	at := slices.IndexFunc(sups, func(s quotedSupply) bool { return s.mpxn == mpxn })
	if at < 0 {
		return refuse("mpxn", "The account has no supply "+mpxn+".")
	}
	s := sups[at]
	day := w.today()
	on, ok := parseDate(in["replaceOnDate"])
	product := strings.TrimSpace(str(in, "newProductCode"))
	switch {
	case !s.active:
		return refuse("mpxn", "The supply "+mpxn+" has no agreement in force.")
	case !ok || on <= day:
		return refuse("replaceOnDate", "Replace the agreement on a day to come.")
	case on > addDays(day, 90):
		return refuse("replaceOnDate", "Replace the agreement at most 90 days ahead.")
	case !productSupplies(product, s.prefix):
		return refuse("newProductCode", "The product "+product+" has no "+strings.TrimSuffix(s.prefix, "-")+" tariff.")
	case renewed(*meterPointAgreementsOf(a, s.mpxn, s.electricity), sim.Agreement{ValidFrom: on}, day) != nil:
		return refuse("replaceOnDate", "An agreement of the supply "+s.mpxn+" begins on "+on+".")
	}
	putOn(c, a, []quotedSupply{s}, product, on)
	return obj{"account": accountMap(w, a)}, nil
}
