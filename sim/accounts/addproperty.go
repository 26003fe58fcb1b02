package accounts

import (
	"context"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// Properties an operations team adds (Origin's addProperty: a home with no supply yet,
// KT-CT-6629 for an address that is not one or one the account has) and readdresses
// (updatePropertyAddress: KT-CT-6638 for an address that is not one, KT-CT-6622 for a
// property the viewer does not hold). An address with no country is in the tenant's.

// propertyAddress reads an address input, in the tenant's country when it names none.
func propertyAddress(c *sim.Call, in map[string]any) (sim.Address, string, string) {
	v, _ := in["address"].(map[string]any)
	ad := billingAddress(v)
	if str(v, "country") == "" {
		ad.CountryCode = fake.Country(c.Session.Zone())
	}
	for i := range ad.Lines {
		ad.Lines[i] = sim.Clip(ad.Lines[i], 200)
	}
	ad.Postcode = sim.Clip(ad.Postcode, 20)
	field, msg := addressProblem(ad)
	if strings.TrimSpace(str(v, "streetAddress")) == "" {
		field, msg = "streetAddress", "Give the street address."
	}
	if field == "" && ad.CountryCode == "AU" && (len(ad.Postcode) != 4 || strings.Trim(ad.Postcode, "0123456789") != "") {
		field, msg = "postalCode", "An Australian postcode is four digits."
	}
	return ad, field, msg
}

// addProperty adds a home to the account.
func addProperty(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-6623", "")
	if err != nil {
		return nil, err
	}
	ad, field, msg := propertyAddress(c, in)
	if field == "" && slices.ContainsFunc(a.Properties, func(p sim.Property) bool {
		return samePostcode(p.Address.Postcode, ad.Postcode) && len(p.Address.Lines) > 0 && sameWords(p.Address.Lines[0], ad.Lines[0])
	}) {
		field, msg = "streetAddress", "The account has a property at "+ad.Lines[0]+" already."
	}
	if field != "" {
		return nil, c.ValidationError("KT-CT-6629", msg, "input", "address", field)
	}
	p := sim.Property{ID: c.Session.World().IDs().Next("property"), Address: ad}
	a.Properties = append(a.Properties, p)
	return obj{"property": propertyMap(newEnv(c), a, &a.Properties[len(a.Properties)-1])}, nil
}

// updatePropertyAddress gives one of the viewer's properties a new address.
func updatePropertyAddress(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	p, err := ownedProperty(c, str(in, "propertyId"), "KT-CT-6622")
	if err != nil {
		return nil, err
	}
	ad, field, msg := propertyAddress(c, in)
	if field != "" {
		return nil, c.ValidationError("KT-CT-6638", msg, "input", "address", field)
	}
	p.Address = ad
	a, _ := c.Session.World().Property(p.ID)
	return obj{"property": propertyMap(newEnv(c), a, p)}, nil
}
