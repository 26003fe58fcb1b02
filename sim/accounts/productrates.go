package accounts

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// agreementProduct is the product an agreement is on, with the rates its tariff charges
// (Product.paginatedRates on an Australian tenant, the deprecated productRates, and
// SupplyProductType.rates), the
// market it supplies.
func agreementProduct(w *env, ag sim.Agreement, electricity bool) obj {
	p := productMap(w, ag.ProductCode)
	p["marketName"] = ausMarket(electricity)
	p["paginatedRates"] = sim.Lazy(func(args map[string]any) (any, error) {
		return connection(w, tariffRates(w, ag, electricity, args), args)
	})
	p["productRates"] = sim.Lazy(func(map[string]any) (any, error) { return tariffRates(w, ag, electricity, nil), nil })
	p["rates"] = sim.Lazy(func(map[string]any) (any, error) { return applicableRateNodes(w, ag, electricity, nil), nil })
	// A product the state names exists, has no add-ons and is in no loyalty scheme.
	p["error"], p["loyalty"], p["addonRates"] = nil, nil, []any{}
	return p
}

// ausMarket is the Australian market a supply of the fuel is in.
func ausMarket(electricity bool) string {
	return market("AU", electricity)
}

// territories are the ISO 3166 alpha-3 codes Kraken's market names begin with, by the
// alpha-2 code of the country a property is in.
var territories = map[string]string{
	"AU": "AUS", "GB": "GBR", "JP": "JPN", "DE": "DEU", "FR": "FRA", "ES": "ESP", "IT": "ITA", "US": "USA", "NZ": "NZL",
}

// market is the market a supply of the fuel in country (alpha-2) is in, named as Kraken
// names markets, territory first (AUS_ELECTRICITY, FRA_GAS, JPN_ELECTRICITY).
func market(country string, electricity bool) string {
	t := territories[country]
	if t == "" {
		t = "GBR"
	}
	if electricity {
		return t + "_ELECTRICITY"
	}
	return t + "_GAS"
}

// marketOf is the market of a supply of the fuel at property p, by its country; at
// none, or one with no country, the tenant's.
func marketOf(w *env, p *sim.Property, electricity bool) string {
	country := fake.Country(w.zone)
	if p != nil && p.Address.CountryCode != "" {
		country = p.Address.CountryCode
	}
	return market(country, electricity)
}

// knownMarket says whether name is a market a supply can be in: a territory's
// electricity or gas.
func knownMarket(name string) bool {
	t, fuel, ok := strings.Cut(name, "_")
	return ok && (fuel == "ELECTRICITY" || fuel == "GAS") && slices.Contains(slices.Collect(maps.Values(territories)), t)
}

// tariffRates are the rates an agreement's tariff charges, as RateInterface values: its
// daily supply charge and its usage rates (peak and off-peak for a two-rate tariff), in
// cents per day and per kWh, or per MJ of gas, for the agreement's term. ratesActiveAt
// and onlyActiveRates keep those in force on a day, or today.
func tariffRates(w *env, ag sim.Agreement, electricity bool, args map[string]any) []any {
	day := ""
	if at, ok := args["ratesActiveAt"].(string); ok && at != "" {
		day = at
	} else if only, _ := args["onlyActiveRates"].(bool); only {
		day = w.today()
	}
	if day != "" && (day < ag.ValidFrom || ag.ValidTo != "" && day >= ag.ValidTo) {
		return []any{}
	}
	typename, usage, perUnit := "GasRateType", "MEGAJOULES_CONSUMPTION", 1/mjPerKWh
	if electricity {
		typename, usage, perUnit = "ElectricityRateType", "KWH_CONSUMPTION", 1
	}
	currency := fake.Currency(w.zone)
	tax := w.tariffTax(ag.TariffCode)
	// A variable tariff's rates for each year of its term, as they stepped on 1 July.
	agFrom, agTo := dateAsTime(ag.ValidFrom, w.zone), dateAsTime(ag.ValidTo, w.zone)
	start, _ := dayStart(ag.ValidFrom, w.zone)
	end, _ := dayStart(ag.ValidTo, w.zone)
	var out []any
	for k, sp := range priceSpans(ag.TariffCode, electricity, w.zone, w.now, start, end) {
		if d, ok := dayStart(day[:min(len(day), 10)], w.zone); ok && (d.Before(sp.from) || !sp.to.IsZero() && !d.Before(sp.to)) {
			continue
		}
		prices := sp.prices.taxedAt(tax)
		from, to := agFrom, agTo
		if k > 0 {
			from = dateTime(sp.from, w.zone)
		}
		if !sp.to.IsZero() && (end.IsZero() || sp.to.Before(end)) {
			to = dateTime(sp.to, w.zone)
		}
		id := func(n string) string {
			if k == 0 {
				return ag.ID + "-" + n
			}
			return ag.ID + "-" + strconv.Itoa(k) + "-" + n
		}
		rate := func(n, band, unit, description string, timeOfDay any, price float64) obj {
			ex := math.Round(price*10000) / 10000
			return obj{
				"__typename": typename, "id": id(n), "currency": currency,
				"pricePerUnit": decimal(ex), "rateExcludingTax": ex, // a Decimal is written as a string "rateIncludingTax": math.Round(prices.taxed(price)*10000) / 10000,
				"bandCategory": band, "bandSubcategory": nil, "unitType": unit, "rateDescription": description,
				"validFrom": from, "validTo": to, "stepStart": nil, "stepEnd": nil, "timeOfDay": timeOfDay,
				"isControlledLoad": false, "isForExcessDemand": false, "isSolar": false,
			}
		}
		out = append(out, rate("1", "STANDING_CHARGE", "DAYS_ON_SUPPLY", "Daily supply charge", nil, prices.standing))
		if prices.twoRate {
			out = append(out,
				rate("2", "CONSUMPTION_CHARGE", usage, "Peak usage", "PEAK", prices.day*perUnit),
				rate("3", "CONSUMPTION_CHARGE", usage, "Off-peak usage", "OFF_PEAK", prices.night*perUnit))
			continue
		}
		out = append(out, rate("2", "CONSUMPTION_CHARGE", usage, "Usage", nil, prices.unit*perUnit))
	}
	return out
}

// capitalNetworks are the electricity networks of the states' capitals (Sydney's Ausgrid,
// Melbourne's CitiPower…), which price a product at a postcode of their state when no
// NMI names the network.
var capitalNetworks = map[string]string{
	"NSW": "AUSGRID", "ACT": "EVOENERGY", "VIC": "CITIPOWER", "QLD": "ENERGEX", "SA": "SAPN", "TAS": "TASNETWORKS",
}

// originProduct answers Origin's product(code:): the product of the catalogue or of the
// accounts' agreements with that code, named as those agreements name it, its rates those
// of its tariff on the network an NMI or MIRN belongs to, else the network of the
// postcode's state capital (none without either); KT-AU-9510 for a code of no product.
func originProduct(_ context.Context, c *sim.Call) (any, error) {
	code := strings.TrimSpace(c.StringArg("code"))
	w := newEnv(c)
	if !knownProduct(w, code) {
		return nil, c.Error("KT-AU-9510")
	}
	p := productMap(w, code)
	p["marketName"], p["isStandingOffer"], p["error"], p["loyalty"], p["addonRates"] = ausMarket(true), false, nil, nil, []any{}
	rates := func(args map[string]any) []any {
		electricity, network := true, ""
		if n, ok := fake.NetworkOf(strings.TrimSpace(str(args, "nmi"))); ok && !n.Gas {
			network = n.ID
		} else if n, ok := fake.NetworkOf(strings.TrimSpace(str(args, "mirn"))); ok && n.Gas {
			electricity, network = false, n.ID
		} else {
			network = capitalNetworks[fake.PostcodeState(str(args, "postcode"))]
		}
		prefix := fuelPrefix(electricity) + "1R-"
		if network == "" || !productSupplies(code, prefix) {
			return []any{}
		}
		ag := sim.Agreement{ID: fmt.Sprint(p["id"]), ProductCode: code, TariffCode: prefix + code + "-" + network,
			ValidFrom: productLaunch(w, code).Format(time.DateOnly)}
		return tariffRates(w, ag, electricity, args)
	}
	p["paginatedRates"] = sim.Lazy(func(args map[string]any) (any, error) { return connection(w, rates(args), args) })
	p["productRates"] = sim.Lazy(func(map[string]any) (any, error) { return []any{}, nil })
	return p, nil
}

// availableProducts answers Origin's availableProducts(marketName:): the catalogue's
// products on sale today that supply the market's fuel (AUS_ELECTRICITY, AUS_GAS);
// KT-CT-4930 for another market.
func availableProducts(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	market := strings.TrimSpace(c.StringArg("marketName"))
	var prefix string
	switch market {
	case ausMarket(true):
		prefix = "E-1R-"
	case ausMarket(false):
		prefix = "G-1R-"
	default:
		return nil, c.Error("KT-CT-4930")
	}
	out := []any{}
	for _, code := range onSaleProducts() {
		p := productMap(w, code)
		if p["isAvailable"] != true || !productSupplies(code, prefix) {
			continue
		}
		p["__typename"], p["brandCode"], p["marketName"] = "SupplyProductType", w.brand(), market
		out = append(out, p)
	}
	return out, nil
}
