package accounts

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// What a supply may switch to: availableProductsForMeterPoint lists the products on
// offer to each meter point asked for, and meterPointProductEligibility says why one
// is not, by the rule the best offer uses (a household's meter and devices).

// supplyOffer is what an account's meter point asked for by its MPAN or MPRN offers: its
// product then, the shape of its tariff, and its household; false when the account has
// no such meter point.
type supplyOffer struct {
	own, prefix string
	home        household
}

func offerOf(w *env, a *sim.Account, mpxn, day string) (supplyOffer, bool) {
	of := func(id string, ags []sim.Agreement, electricity bool) supplyOffer {
		o := supplyOffer{prefix: "E-1R-"}
		if !electricity {
			o.prefix = "G-1R-"
		}
		if ag, ok := activeAgreement(ags, day); ok {
			o.own = ag.ProductCode
			if p, _ := tariffShape(ag.TariffCode); p != "" {
				o.prefix = p
			}
		}
		_, smart, _ := supplyRegister(w, a, id, electricity)
		o.home = householdOf(a, smart)
		return o
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			if mp := &p.ElectricityMeterPoints[j]; mp.Identifier() == mpxn {
				return of(mp.ID, mp.Agreements, true), true
			}
		}
		for j := range p.GasMeterPoints {
			if mp := &p.GasMeterPoints[j]; mp.Identifier() == mpxn {
				return of(mp.ID, mp.Agreements, false), true
			}
		}
	}
	return supplyOffer{}, false
}

// onOffer reports whether a product had launched by day; a code that names no launch
// date is always on offer.
func onOffer(w *env, code, day string) bool {
	t, ok := launched(code, w.zone)
	return !ok || t.Format(time.DateOnly) <= day
}

// availableProductsForMeterPoint answers availableProductsForMeterPoint(accountNumber:,
// mpxns:, availableAt:): for each of the account's meter points asked for, in the order
// asked, the products on offer to it then, its own first.
func availableProductsForMeterPoint(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	day := w.dayOf(c.Field.Args["availableAt"])
	mpxns, _ := c.Field.Args["mpxns"].([]any)
	out := []any{}
	for _, v := range mpxns {
		mpxn, _ := v.(string)
		o, ok := offerOf(w, a, mpxn, day)
		if !ok {
			continue
		}
		products := []any{}
		for _, code := range offerCodes(o.own, o.prefix, o.home) {
			if code != "" && onOffer(w, code, day) {
				products = append(products, productMap(w, code))
			}
		}
		out = append(out, obj{"mpxn": mpxn, "products": products})
	}
	return out, nil
}

// meterPointProductEligibility answers meterPointProductEligibility(accountNumber:,
// mpxn:, productCode:): eligible when the product is on offer to the meter point's
// household today, or is already its product; else the reason it is not.
func meterPointProductEligibility(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	day := w.today()
	code := c.StringArg("productCode")
	o, ok := offerOf(w, a, c.StringArg("mpxn"), day)
	reason := func(code, why string) any {
		return obj{"isEligible": false, "ineligibilityReason": obj{"code": code, "description": why}}
	}
	switch name := productName(code); {
	case !ok:
		return reason("METER_POINT_NOT_FOUND", "The account has no meter point with this MPAN or MPRN."), nil
	case code == o.own:
		return obj{"isEligible": true, "ineligibilityReason": nil}, nil
	case !slices.Contains(onSaleProducts(), code) || !onOffer(w, code, day):
		return reason("PRODUCT_NOT_AVAILABLE", "The product is not on offer."), nil
	case o.home.offers(code, o.prefix):
		return obj{"isEligible": true, "ineligibilityReason": nil}, nil
	case businessProduct(code) && !o.home.business:
		return reason("BUSINESS_PRODUCT", "The product is for business accounts."), nil
	case !businessProduct(code) && o.home.business:
		return reason("DOMESTIC_PRODUCT", "The product is for domestic accounts; a business is offered business products."), nil
	case name == "Outgoing":
		return reason("EXPORT_PRODUCT", "The product pays for exported energy; it is not a supply tariff."), nil
	case o.prefix == "G-1R-":
		return reason("WRONG_FUEL", "The product is for electricity supplies only."), nil
	case !o.home.smart:
		return reason("NO_SMART_METER", "The product needs a smart meter sending half-hourly readings."), nil
	case name == "Cosy":
		return reason("NO_HEAT_PUMP", "The product is for households with a heat pump."), nil
	default:
		return reason("NO_ELECTRIC_VEHICLE", "The product is for households with an electric vehicle or charger."), nil
	}
}

// followOnProduct answers followOnProduct(accountNumber:, electricityAgreementId:,
// gasAgreementId:, validAt:): what a fixed-term agreement in force then (the one named,
// or the account's first) rolls onto when its term ends, offered from the renewal
// notice (49 days before), with the products on offer to renew onto; null when the
// agreement has no term to end, as a variable one runs on.
func followOnProduct(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	day := w.dayOf(c.Field.Args["validAt"])
	named := c.StringArg("electricityAgreementId") + c.StringArg("gasAgreementId")
	var found *sim.Agreement
	var o supplyOffer
	for i := range a.Properties {
		p := &a.Properties[i]
		check := func(mpxn string, ags []sim.Agreement) {
			for j := range ags {
				ag := &ags[j]
				if found != nil || named != "" && ag.ID != named || named == "" && !agreementActive(*ag, day) {
					continue
				}
				if _, fixed := termMonths(ag.ProductCode); fixed {
					found = ag
					o, _ = offerOf(w, a, mpxn, day)
				}
			}
		}
		for j := range p.ElectricityMeterPoints {
			check(p.ElectricityMeterPoints[j].Identifier(), p.ElectricityMeterPoints[j].Agreements)
		}
		for j := range p.GasMeterPoints {
			check(p.GasMeterPoints[j].Identifier(), p.GasMeterPoints[j].Agreements)
		}
	}
	if found == nil {
		return nil, nil
	}
	end := found.ValidTo
	if end == "" {
		months, _ := termMonths(found.ProductCode)
		if t, ok := dayStart(found.ValidFrom, w.zone); ok {
			end = t.AddDate(0, months, 0).Format(time.DateOnly)
		}
	}
	renewals := []any{}
	for _, code := range offerCodes("", o.prefix, o.home) {
		if code != "" && onOffer(w, code, end) {
			renewals = append(renewals, obj{"slug": strings.ToLower(code), "product": productMap(w, code)})
		}
	}
	method := map[any]string{"DIRECT_DEBIT": "DIRECT_DEBIT", "CARD": "CREDIT_CARD"}[activePaymentMethod(w, a)]
	return obj{
		"activeFrom": dateAsTime(end, w.zone), "activeTo": nil, "accountType": cmp.Or(a.AccountType, "DOMESTIC"),
		"paymentMethod": cmp.Or(method, "PAY_ON_RECEIPT"), "renewalProducts": renewals,
		"createdAt": dateAsTime(addDays(end, -49), w.zone),
	}, nil
}
