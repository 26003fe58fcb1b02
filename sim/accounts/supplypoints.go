package accounts

import (
	"context"
	"strconv"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// supplyPoints answers supplyPoints(accountNumber:, portfolioNumber:): the supply points of
// the account named, or of every account the viewer may read, as their agreements name
// them: each meter point in its market, by its NMI or MIRN, at its property.
func supplyPoints(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	accounts, err := namedOrViewers(c, w)
	if err != nil {
		return nil, err
	}
	nodes := []any{}
	for _, a := range accounts {
		nodes = append(nodes, accountSupplyPoints(w, a)...)
	}
	return connection(w, nodes, c.Field.Args)
}

// supplyPointOf answers supplyPoint(externalIdentifier:, marketName:): the viewer's
// supply point of that NMI, MIRN, MPAN or MPRN in that market, as supplyPoints lists it;
// KT-CT-4723 for a name that is not a market's (territory first: AUS_ELECTRICITY),
// KT-CT-4719 for an identifier none of the viewer's has in it.
func supplyPointOf(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	accounts, err := namedOrViewers(c, w)
	if err != nil {
		return nil, err
	}
	market := strings.TrimSpace(c.StringArg("marketName"))
	if !knownMarket(market) {
		return nil, c.ValidationError("KT-CT-4723", "The market "+strconv.Quote(market)+" is not a territory's electricity or gas market, such as "+
			marketOf(w, nil, true)+".", "marketName")
	}
	id := strings.TrimSpace(c.StringArg("externalIdentifier"))
	for _, a := range accounts {
		for _, n := range accountSupplyPoints(w, a) {
			if sp := n.(obj); sp["externalIdentifier"] == id && sp["marketName"] == market {
				return sp, nil
			}
		}
	}
	return nil, c.Error("KT-CT-4719")
}

// accountSupplyPoints are the account's meter points as SupplyPointType, by their NMIs,
// MPANs, MIRNs and MPRNs.
func accountSupplyPoints(w *env, a *sim.Account) []any {
	var nodes []any
	for i := range a.Properties {
		nodes = append(nodes, propertySupplyPoints(w, a, &a.Properties[i])...)
	}
	return nodes
}

// propertySupplyPoints are one property's meter points as SupplyPointType.
func propertySupplyPoints(w *env, a *sim.Account, p *sim.Property) []any {
	nodes := []any{}
	for j := range p.ElectricityMeterPoints {
		mp := &p.ElectricityMeterPoints[j]
		sp := supplyPoint(w, a, electricityPoint(w, a, mp), mp.ID, true)
		sp["__typename"], sp["externalIdentifier"] = "SupplyPointType", mp.Identifier()
		nodes = append(nodes, sp)
	}
	for j := range p.GasMeterPoints {
		mp := &p.GasMeterPoints[j]
		sp := supplyPoint(w, a, gasPoint(w, a, mp), mp.ID, false)
		sp["__typename"], sp["externalIdentifier"] = "SupplyPointType", mp.Identifier()
		nodes = append(nodes, sp)
	}
	return nodes
}

// campaigns answers campaigns(accountNumber:): the campaigns the account is in, as its
// own campaigns list them.
func campaigns(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	nodes := accountCampaigns(w, a)
	if c.Field.Definition.Type.Elem != nil {
		return nodes, nil // a tenant that lists them without pages
	}
	return connection(w, nodes, c.Field.Args)
}
