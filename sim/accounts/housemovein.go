package accounts

import (
	"cmp"
	"context"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Moving into a home on Origin's SDL: createQuoteForProperty quotes a home's supplies
// for a move in on a day, each on the products on offer to it, and keeps the quote for
// the viewer; processHouseMove moves the viewer into the home on a day once it is empty
// then (its occupier has moved out), with a new account of theirs supplying the
// supplies its acquisition details name, each on its quoted product (the tenant's
// default when none is named), its meter's access details and hazards as told, billed
// at the home or the postal address given. Refusals are the members of their error
// unions.

// createQuoteForProperty quotes a home's supplies for a move in.
func createQuoteForProperty(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	refuse := func(e obj) (any, error) { return obj{"quoteRequest": nil, "error": e}, nil }
	w := newEnv(c)
	held, p := c.Session.World().Property(str(in, "propertyId"))
	if p == nil {
		return refuse(obj{"__typename": "DoesNotExistErrorType", "field": "propertyId"})
	}
	day := w.today()
	if v, given := in["supplyDate"]; given && v != nil {
		d, ok := parseDate(v)
		if !ok || d < day || d > addDays(day, 90) {
			return refuse(unionError("InvalidSupplyPointDateErrorType", "Quote for a supply date from today to 90 days ahead."))
		}
		day = d
	}
	if moveIn, _ := in["isMoveIn"].(bool); !moveIn {
		return refuse(unionError("OnlyMoveInAllowedWithSupply", "The home's supplies are already with us; quote it for a move in."))
	}
	quote, refusal := quoteHome(c, u, held, p, day, "")
	if refusal != nil {
		return refuse(refusal)
	}
	return obj{"quoteRequest": propertyQuoteMap(w, held, p, quote, day), "error": nil}, nil
}

// quoteHome quotes each supply of a home (only the one with the identifier only, when
// given) on the products on offer to it on day for a move in, and keeps the quote for
// the user; a union error when there is nothing to quote.
func quoteHome(c *sim.Call, u *sim.User, held *sim.Account, p *sim.Property, day, only string) (sim.EnergyQuote, obj) {
	w := newEnv(c)
	var sups []quotedSupply
	for _, s := range supplies(w, held, p) {
		if only == "" || s.mpxn == only {
			sups = append(sups, s)
		}
	}
	if len(sups) == 0 {
		return sim.EnergyQuote{}, unionError("NoSupplyPointsAssociatedWithPropertyErrorType", "Property "+p.ID+" has no supply point.")
	}
	ids := c.Session.World().IDs()
	quote := sim.EnergyQuote{CreatedAt: c.Session.Now().UTC().Truncate(time.Second), PropertyID: p.ID}
	for _, s := range sups {
		for _, code := range s.offered(w, offerCodes(defaultProduct, s.prefix, s.home), day) {
			quote.Products = append(quote.Products, sim.QuotedEnergyProduct{ID: ids.Next("quotedProduct"), ProductCode: code, MeterPoints: []string{s.mpxn}})
		}
	}
	if len(quote.Products) == 0 {
		return sim.EnergyQuote{}, unionError("NoSuitableProductsFoundErrorType", "No product is on offer to the home's supplies on "+day+".")
	}
	quote.Code = hashUUID("property-quote", u.ID, quote.Products[0].ID)
	u.AddPropertyQuote(quote)
	return quote, nil
}

// supplyHome is the home of the supply with identifier id as its last occupier has it,
// and their account; nils for none.
func supplyHome(w *sim.World, id string) (*sim.Account, *sim.Property) {
	var held *sim.Account
	var home *sim.Property
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for i := range a.Properties {
			if p := &a.Properties[i]; id != "" && containsSupply(p, id) && (home == nil || p.OccupiedTo == "" || home.OccupiedTo != "" && p.OccupiedTo > home.OccupiedTo) {
				held, home = a, p
			}
		}
	}
	return held, home
}

// createGasQuote quotes a gas supply by MIRN for a move in (Origin's), kept for
// processHouseMoveInGas; NoSupplyPointsAssociatedWithMirnErrorType for a MIRN no home
// has (a postcode alone names no supply to quote).
func createGasQuote(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	mirn := strings.TrimSpace(str(in, "mirn"))
	held, p := supplyHome(c.Session.World(), mirn)
	if p == nil || supplyID(p, mirn, false) == "" {
		return obj{"quoteRequest": nil, "error": unionError("NoSupplyPointsAssociatedWithMirnErrorType", "No gas supply has the MIRN "+mirn+".")}, nil
	}
	w := newEnv(c)
	quote, refusal := quoteHome(c, u, held, p, w.today(), mirn)
	if refusal != nil {
		return obj{"quoteRequest": nil, "error": refusal}, nil
	}
	return obj{"quoteRequest": propertyQuoteMap(w, held, p, quote, w.today()), "error": nil}, nil
}

// createElectricityQuote quotes an electricity supply by NMI for a move in (Origin's),
// kept for processHouseMoveInElectricity, as a legacy quote of one supply point with
// its meter point; null for an NMI no home has (a postcode alone names no supply).
func createElectricityQuote(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	nmi := strings.TrimSpace(str(in, "nmi"))
	held, p := supplyHome(c.Session.World(), nmi)
	id := ""
	if p != nil {
		id = supplyID(p, nmi, true)
	}
	if id == "" {
		return obj{"quote": nil, "meterPoint": nil}, nil
	}
	w := newEnv(c)
	quote, refusal := quoteHome(c, u, held, p, w.today(), nmi)
	if refusal != nil {
		return obj{"quote": nil, "meterPoint": nil}, nil
	}
	request := propertyQuoteMap(w, held, p, quote, w.today())
	var products []any
	for _, s := range supplies(w, held, p) {
		if s.mpxn != nmi {
			continue
		}
		for _, qp := range quote.Products {
			annual := s.cost(w, qp.ProductCode)
			name, _ := productNames(w, qp.ProductCode)
			ag := sim.Agreement{ID: qp.ID, ProductCode: qp.ProductCode, TariffCode: s.tariff(qp.ProductCode), ValidFrom: w.today()}
			products = append(products, obj{
				"__typename": "MarketSupplyQuotedProductAsLegacyQuotedProduct", "id": qp.ID, "name": name, "code": qp.ProductCode,
				"description": productDescription(qp.ProductCode), "isRecommended": qp.ProductCode == defaultProduct,
				"monthlyAmount": decimal(math.Round(float64(annual)/12) / 100), "annualAmount": decimal(float64(annual) / 100),
				"elecAnnualAmount": decimal(float64(annual) / 100), "gasAnnualAmount": nil,
				"marketSupplyProduct": agreementProduct(w, ag, true), "usageReference": nil, "priceReference": nil, "estimate": nil,
			})
		}
	}
	i := slices.IndexFunc(p.ElectricityMeterPoints, func(mp sim.ElectricityMeterPoint) bool { return mp.ID == id })
	return obj{"quote": obj{
		"__typename": "MarketSupplyQuoteRequestAsLegacyQuoteType", "id": request["id"], "code": quote.Code, "postcode": p.Address.Postcode,
		"includesElectricity": true, "includesGas": false, "includesExport": false, "createdAt": dateTime(quote.CreatedAt, w.zone),
		"products": products, "quotedProducts": products, "referenceUsage": nil, "quotedSupplyPoints": request["quotedSupplyPoints"],
	}, "meterPoint": electricityPoint(w, held, &p.ElectricityMeterPoints[i])}, nil
}

// propertyQuoteMap is a home's quote as a QuoteRequestType: its supply points, each with
// its quoted products and their rates from day.
func propertyQuoteMap(w *env, held *sim.Account, p *sim.Property, q sim.EnergyQuote, day string) obj {
	var points []any
	for _, s := range supplies(w, held, p) {
		var products []any
		for _, qp := range q.Products {
			if qp.MeterPoints[0] != s.mpxn {
				continue
			}
			ag := sim.Agreement{ID: qp.ID, ProductCode: qp.ProductCode, TariffCode: s.tariff(qp.ProductCode), ValidFrom: day}
			products = append(products, obj{
				"id": qp.ID, "wasSelected": qp.Selected, "product": agreementProduct(w, ag, s.electricity),
				"quotedRates": tariffRates(w, ag, s.electricity, nil), "productReference": nil, "priceReference": nil,
			})
		}
		if len(products) == 0 {
			continue // a supply the quote is not for
		}
		points = append(points, obj{
			"marketName": ausMarket(s.electricity), "id": s.mpID, "distributor": networkMap(s.mpxn), "agreement": nil,
			"supplyPoint":    supplyPoint(w, held, s.point(), s.mpID, s.electricity),
			"quotedProducts": products, "referenceUsage": nil, "usageReference": nil,
		})
	}
	return obj{"id": q.Products[0].ID, "code": q.Code, "quotedSupplyPoints": points}
}

// houseMoveProblem is a HouseMoveProblemsErrorType with one problem.
func houseMoveProblem(code, description string) obj {
	return obj{"__typename": "HouseMoveProblemsErrorType", "message": "The move in cannot be made.", "problems": []any{obj{"code": code, "description": description}}}
}

// acquisition is a supply of the home a move in takes on, and its quoted product.
type acquisition struct {
	mpID, quoted string
	electricity  bool
	detail       map[string]any
}

// processHouseMove moves the viewer into a home with a new account.
func processHouseMove(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	if str(in, "userId") != u.ID {
		return nil, c.Error(c.UnauthorizedCode())
	}
	refuse := func(e obj) (any, error) { return obj{"account": nil, "error": e}, nil }
	w := c.Session.World()
	held, p := w.Property(str(in, "propertyId"))
	if p == nil {
		return refuse(obj{"__typename": "DoesNotExistErrorType", "field": "propertyId"})
	}
	date, ok := parseDate(in["moveInDate"])
	switch {
	case !ok:
		return refuse(fieldError("moveInDate", "moveInDate is no date."))
	case date > addDays(today(c), 90):
		return refuse(fieldError("moveInDate", "A move in is arranged at most 90 days ahead."))
	case str(in, "moveInType") == "IN_SITU":
		return refuse(obj{"__typename": "MarketMismatchErrorType", "message": "The home's supplies are already with us; an in-situ transfer is from another retailer.", "field": "moveInType"})
	case p.OccupiedTo == "" || p.OccupiedTo >= date:
		return refuse(houseMoveProblem("PROPERTY_OCCUPIED", "The home is occupied on "+date+"; its occupier moves out first."))
	}
	for _, mpxn := range supplyIDs(p) {
		if a := supplyOccupier(w, mpxn, date); a != nil && a.Number != held.Number {
			return refuse(houseMoveProblem("SUPPLY_TAKEN", "Someone else has moved into the home by "+date+"."))
		}
	}
	acq, problem, err := acquisitions(c, u, p, in)
	if err != nil || problem != nil {
		return obj{"account": nil, "error": problem}, err
	}
	bill, _ := in["billAndPayment"].(map[string]any)
	if terms, ok := bill["paymentTerms"].(map[string]any); ok {
		if days, _ := integer(terms, "numberOfDaysToPay"); days < 1 || days > 60 {
			return refuse(unionError("PaymentTermsInvalidErrorType", "numberOfDaysToPay must be from 1 to 60."))
		}
	}
	address := p.Address
	if same, given := bill["postalSameAsSupply"].(bool); given && !same {
		if address = postalAddress(bill); address.Postcode == "" || len(address.Lines) == 0 {
			return refuse(fieldError("billAndPayment", "Give the postal address's street, locality, state and postcode, or set postalSameAsSupply."))
		}
	}
	home := sim.Property{ID: w.IDs().Next("property"), Address: p.Address, PropertyType: p.PropertyType, OccupiedFrom: date, EmbeddedNetwork: p.EmbeddedNetwork, MovedIn: true}
	biz, _ := in["businessDetails"].(map[string]any)
	if bad, fuel := newcomerSupplies(c, p, &home, date, variableProduct(newEnv(c), businessName(biz) != ""), func(mpID string, electricity bool) string {
		i := slices.IndexFunc(acq, func(x acquisition) bool { return x.mpID == mpID && x.electricity == electricity })
		if i < 0 {
			return ""
		}
		if _, qp := u.PropertyQuotedProduct(acq[i].quoted); qp != nil {
			return qp.ProductCode
		}
		return defaultProduct
	}); bad != "" {
		return refuse(houseMoveProblem("PRODUCT_NOT_SUPPLIED", "The product chosen does not supply the home's "+strings.ToLower(fuel)+" supply "+bad+"."))
	}
	for k := range home.ElectricityMeterPoints {
		mp := &home.ElectricityMeterPoints[k]
		i := slices.IndexFunc(acq, func(x acquisition) bool { return x.electricity && x.mpID == p.ElectricityMeterPoints[k].ID })
		if i < 0 {
			continue
		}
		access, told, tooMany := toldAccess(siteAccessOf(mp, p.PropertyType), acq[i].detail)
		if tooMany {
			return refuse(houseMoveProblem("TOO_MANY_HAZARDS", "A site records at most 5 hazards."))
		}
		if told {
			mp.Access = &access
		}
	}
	postal, _ := bill["requiresPostalComms"].(bool)
	a := newHomeAccount(c, u, held, home, date, address, postal, biz)
	lifeSupport, _ := in["lifeSupportDetails"].(map[string]any)
	registerLifeSupport(c, a, lifeSupport, date)
	mu := w.MutableUser(u.ID)
	for _, id := range acq {
		if q, qp := mu.PropertyQuotedProduct(id.quoted); qp != nil {
			qp.Selected = true
			q.AcceptedAt = cmp.Or(q.AcceptedAt, c.Session.Now().UTC().Truncate(time.Second))
		}
	}
	if suppress, _ := in["suppressWelcomeComms"].(bool); !suppress {
		welcomeHome(c, u, a, date)
	}
	return obj{"account": accountMap(newEnv(c), a), "error": nil}, nil
}

// newHomeAccount opens the user's account for a home they move into on date: its
// supplies as home has them (a read of each electricity supply asked for that day),
// billed at address, by post when postal, a business's when biz names a company.
func newHomeAccount(c *sim.Call, u *sim.User, held *sim.Account, home sim.Property, date string, address sim.Address, postal bool, biz map[string]any) *sim.Account {
	w := c.Session.World()
	raiseReads(w, &home, "MOVE_IN", date, "ELECTRICITY")
	a := &sim.Account{
		Number: w.NewAccountNumber("house-move", u.ID, home.ID, date), Status: "ACTIVE", AccountType: "DOMESTIC", Brand: held.Brand,
		CreatedAt: c.Session.Now().UTC(), BillingName: strings.TrimSpace(u.GivenName + " " + u.FamilyName), BillingAddress: address,
		CommsDeliveryPreference: "EMAIL", PreferredLanguageForComms: held.PreferredLanguageForComms, Properties: []sim.Property{home},
	}
	if date > today(c) {
		a.Status = "PENDING"
	}
	if postal {
		a.CommsDeliveryPreference = "POSTAL_MAIL"
	}
	if company := businessName(biz); company != "" {
		a.AccountType, a.BillingName = "BUSINESS", sim.Clip(company, 200)
	}
	addFuelLedgers(w.IDs(), a)
	w.AddAccount(a)
	mu := w.MutableUser(u.ID)
	mu.AccountNumbers = append(mu.AccountNumbers, a.Number)
	return a
}

// addFuelLedgers gives the account a ledger for each fuel its homes have that it has
// none for. An account whose one ledger is its general one (a sign-up's, prepared before
// its supplies) has that ledger become its first fuel's, with what it holds, so that
// its ledgers are each a fuel's: its statements are then of them all, and charge each.
func addFuelLedgers(ids sim.IDs, a *sim.Account) {
	elec, gas := false, false
	for _, p := range a.Properties {
		elec, gas = elec || len(p.ElectricityMeterPoints) > 0, gas || len(p.GasMeterPoints) > 0
	}
	for _, fuel := range []struct {
		name, kind string
		has        bool
	}{{"Electricity Ledger", "ELECTRICITY_LEDGER", elec}, {"Gas Ledger", "GAS_LEDGER", gas}} {
		switch {
		case !fuel.has || slices.ContainsFunc(a.Ledgers, func(l sim.Ledger) bool { return l.LedgerType == fuel.kind }):
		case len(a.Ledgers) == 1 && a.Ledgers[0].LedgerType == "GENERAL_LEDGER":
			a.Ledgers[0].Name, a.Ledgers[0].LedgerType = fuel.name, fuel.kind
		default:
			a.Ledgers = append(a.Ledgers, sim.Ledger{ID: ids.Next("ledger"), Number: sim.LedgerNumber(a.Number, len(a.Ledgers)), Name: fuel.name, LedgerType: fuel.kind})
		}
	}
}

// welcomeHome emails the user that their account supplies its home from date.
func welcomeHome(c *sim.Call, u *sim.User, a *sim.Account, date string) {
	c.Session.World().AddMessage(&sim.Message{
		To: u.Email, Subject: "Welcome to your new home's energy", SentAt: c.Session.Now().UTC().Truncate(time.Second),
		Body: "Your account " + a.Number + " supplies " + strings.Join(a.Properties[0].Address.Lines, ", ") + " from " + date + ".",
		Data: map[string]string{"accountNumber": a.Number},
	})
}

// acquisitions reads a move in's acquisition details: each supply of the home it takes
// on, by supply point id, with a quoted product of the viewer's quotes for the home
// (DoesNotExistErrorType otherwise; MarketMismatchErrorType for a supply of the other
// fuel, ValidationErrorType for none named).
func acquisitions(c *sim.Call, u *sim.User, p *sim.Property, in map[string]any) ([]acquisition, obj, error) {
	details, _ := in["acquisitionDetails"].(map[string]any)
	var out []acquisition
	for _, market := range []struct {
		key         string
		electricity bool
	}{{"electricityAcquisitionDetails", true}, {"gasAcquisitionDetails", false}} {
		list, _ := details[market.key].([]any)
		for _, v := range list {
			d, _ := v.(map[string]any)
			id := str(d, "supplyPointId")
			elec := slices.ContainsFunc(p.ElectricityMeterPoints, func(mp sim.ElectricityMeterPoint) bool { return mp.ID == id })
			gas := slices.ContainsFunc(p.GasMeterPoints, func(mp sim.GasMeterPoint) bool { return mp.ID == id })
			switch {
			case !elec && !gas:
				return nil, obj{"__typename": "DoesNotExistErrorType", "field": "supplyPointId"}, nil
			case elec != market.electricity:
				return nil, obj{"__typename": "MarketMismatchErrorType", "message": "Supply point " + id + " is not in the market " + market.key + " names.", "field": "supplyPointId"}, nil
			}
			quoted := str(d, "quotedProductId")
			if quoted != "" {
				q, qp := u.PropertyQuotedProduct(quoted)
				if qp == nil || q.PropertyID != p.ID || qp.MeterPoints[0] != supplyIdentifier(p, id) {
					return nil, obj{"__typename": "DoesNotExistErrorType", "field": "quotedProductId"}, nil
				}
			}
			out = append(out, acquisition{mpID: id, quoted: quoted, electricity: market.electricity, detail: d})
		}
	}
	if len(out) == 0 {
		return nil, fieldError("acquisitionDetails", "Name a supply of the home to take on."), nil
	}
	return out, nil, nil
}

// supplyIdentifier is the NMI or MIRN of the property's meter point with id.
func supplyIdentifier(p *sim.Property, id string) string {
	for _, mp := range p.ElectricityMeterPoints {
		if mp.ID == id {
			return mp.Identifier()
		}
	}
	for _, mp := range p.GasMeterPoints {
		if mp.ID == id {
			return mp.Identifier()
		}
	}
	return ""
}

// postalAddress is the postal address a move in's billing details give, in Australian
// lines: the unit, the box, the street, the locality and the state's abbreviation.
func postalAddress(bill map[string]any) sim.Address {
	word := func(k string) string { // an enum value as an address writes it: PO_BOX → PO BOX
		return strings.ReplaceAll(strings.TrimSpace(str(bill, k)), "_", " ")
	}
	var street []string
	for _, k := range []string{"houseNumber1", "houseNumberSuffix1", "streetName"} {
		if v := strings.TrimSpace(str(bill, k)); v != "" {
			street = append(street, v)
		}
	}
	if v := word("streetType"); v != "" && len(street) > 0 {
		street = append(street, v[:1]+strings.ToLower(v[1:]))
	}
	var lines []string
	if unit := strings.TrimSpace(str(bill, "flatOrUnitNumber")); unit != "" {
		kind := cmp.Or(word("flatOrUnitType"), "UNIT")
		lines = append(lines, kind[:1]+strings.ToLower(kind[1:])+" "+unit)
	}
	if box := strings.TrimSpace(str(bill, "postalDeliveryNumberValue")); box != "" {
		lines = append(lines, cmp.Or(word("postalDeliveryType"), "PO BOX")+" "+box)
	}
	if len(street) > 0 {
		lines = append(lines, strings.Join(street, " "))
	}
	state := ""
	for abbr, name := range australianStates {
		if name == str(bill, "administrativeArea") {
			state = abbr
		}
	}
	if loc := strings.TrimSpace(str(bill, "locality")); loc != "" && len(lines) > 0 {
		lines = append(lines, loc)
		if state != "" {
			lines = append(lines, state)
		}
	}
	for i := range lines {
		lines[i] = sim.Clip(lines[i], 200)
	}
	return sim.Address{Lines: lines, Postcode: sim.Clip(strings.TrimSpace(str(bill, "postalCode")), 10), CountryCode: "AU"}
}

// houseMoveInFuels are the supply identifier each fuel's move in names, by mutation.
var houseMoveInFuels = map[string]struct {
	key         string
	electricity bool
}{"processHouseMoveInElectricity": {"nmi", true}, "processHouseMoveInGas": {"mirn", false}}

// processHouseMoveIn moves the viewer into the home of a supply fuel by fuel (Origin's
// processHouseMoveInElectricity and processHouseMoveInGas): on the day asked, else the
// first the home is empty, the supply on its quoted product joins the account the
// viewer moved into the home with for the other fuel, else a new account of theirs; the
// same move in again answers that account. Refusals are their unions' members.
func processHouseMoveIn(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	fuel := houseMoveInFuels[c.Field.Name]
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	if str(in, "contactUserId") != u.ID {
		return nil, c.Error(c.UnauthorizedCode())
	}
	refuse := func(e obj) (any, error) { return obj{"account": nil, "error": e}, nil }
	w := c.Session.World()
	id := strings.TrimSpace(str(in, fuel.key))
	// The viewer's home with the supply answers the move in made; else the home the
	// supply is at as its occupier has it, and the viewer's home there when they moved
	// in with the other fuel.
	viewersHomes := func(yield func(*sim.Account, *sim.Property) bool) {
		for a := range heldBy(w, u) {
			for i := range a.Properties {
				if p := &a.Properties[i]; p.MovedIn && p.OccupiedTo == "" && !yield(a, p) {
					return
				}
			}
		}
	}
	for a, p := range viewersHomes {
		if containsSupply(p, id) {
			return obj{"account": accountMap(newEnv(c), a), "error": nil}, nil
		}
	}
	held, src := supplyHome(w, id)
	if src == nil {
		return refuse(obj{"__typename": "DoesNotExistErrorType", "field": fuel.key})
	}
	var mine *sim.Account
	var home *sim.Property
	for a, p := range viewersHomes {
		if a != held && slices.ContainsFunc(supplyIDs(src), func(s string) bool { return containsSupply(p, s) }) {
			mine, home = a, p
		}
	}
	date, given := parseDate(in["moveInDate"])
	if !given {
		date = max(today(c), addDays(cmp.Or(src.OccupiedTo, today(c)), 1))
	}
	switch {
	case date > addDays(today(c), 90):
		return refuse(fieldError("moveInDate", "A move in is arranged at most 90 days ahead."))
	case src.OccupiedTo == "" || src.OccupiedTo >= date:
		return refuse(houseMoveProblem("PROPERTY_OCCUPIED", "The home is occupied on "+date+"; its occupier moves out first."))
	case mine != nil && home.OccupiedFrom != date:
		return refuse(houseMoveProblem("MOVE_IN_DATE_MISMATCH", "You move into the home on "+home.OccupiedFrom+"; move this fuel in on that day."))
	}
	q, qp := u.PropertyQuotedProduct(str(in, "quotedProductId"))
	if qp == nil || q.PropertyID != src.ID || qp.MeterPoints[0] != id {
		return refuse(obj{"__typename": "DoesNotExistErrorType", "field": "quotedProductId"})
	}
	mpID := supplyID(src, id, fuel.electricity)
	moved := sim.Property{ID: w.IDs().Next("property"), Address: src.Address, PropertyType: src.PropertyType, OccupiedFrom: date, EmbeddedNetwork: src.EmbeddedNetwork, MovedIn: true}
	biz, _ := in["businessDetails"].(map[string]any)
	business := businessName(biz) != ""
	if mine != nil {
		business = mine.AccountType == "BUSINESS"
	}
	if bad, _ := newcomerSupplies(c, src, &moved, date, variableProduct(newEnv(c), business), func(m string, electricity bool) string {
		if m == mpID && electricity == fuel.electricity {
			return qp.ProductCode
		}
		return ""
	}); bad != "" {
		return refuse(houseMoveProblem("PRODUCT_NOT_SUPPLIED", "The product quoted does not supply "+bad+"."))
	}
	if fuel.electricity {
		appointment, _ := in["appointmentDetails"].(map[string]any)
		mp := &moved.ElectricityMeterPoints[0]
		access, told, tooMany := toldAccess(siteAccessOf(mp, src.PropertyType), appointment)
		if tooMany {
			return refuse(unionError("MoveInDetailsHaveTooManyHazardsErrorType", "A site records at most 5 hazards."))
		}
		if told {
			mp.Access = &access
		}
	}
	accept := func() {
		if q, qp := w.MutableUser(u.ID).PropertyQuotedProduct(str(in, "quotedProductId")); qp != nil {
			qp.Selected = true
			q.AcceptedAt = cmp.Or(q.AcceptedAt, c.Session.Now().UTC().Truncate(time.Second))
		}
	}
	if mine != nil {
		accept()
		a := w.MutableAccount(mine.Number)
		p := &a.Properties[slices.IndexFunc(a.Properties, func(p sim.Property) bool { return p.ID == home.ID })]
		p.ElectricityMeterPoints = append(p.ElectricityMeterPoints, moved.ElectricityMeterPoints...)
		p.GasMeterPoints = append(p.GasMeterPoints, moved.GasMeterPoints...)
		if fuel.electricity {
			raiseReads(w, p, "MOVE_IN", date, "ELECTRICITY")
		}
		addFuelLedgers(w.IDs(), a)
		lifeSupport, _ := in["lifeSupportDetails"].(map[string]any)
		registerLifeSupport(c, a, lifeSupport, date)
		return obj{"account": accountMap(newEnv(c), a), "error": nil}, nil
	}
	bill, _ := in["billAndPayment"].(map[string]any)
	if fuel.electricity {
		bill, _ = in["preferences"].(map[string]any)
		if postal, ok := bill["postalAddress"].(map[string]any); ok {
			bill = mergedBill(bill, postal)
		}
	}
	address := src.Address
	if same, given := bill["postalSameAsSupply"].(bool); given && !same {
		if address = postalAddress(bill); address.Postcode == "" || len(address.Lines) == 0 {
			return refuse(fieldError("postalAddress", "Give the postal address's street, locality, state and postcode, or set postalSameAsSupply."))
		}
	}
	postal, _ := bill["requiresPostalComms"].(bool)
	a := newHomeAccount(c, u, held, moved, date, address, postal, biz)
	lifeSupport, _ := in["lifeSupportDetails"].(map[string]any)
	registerLifeSupport(c, a, lifeSupport, date)
	accept()
	welcomeHome(c, u, a, date)
	return obj{"account": accountMap(newEnv(c), a), "error": nil}, nil
}

// businessName is the company a move in's businessDetails name ("" for a home's).
func businessName(biz map[string]any) string { return strings.TrimSpace(str(biz, "companyName")) }

// supplyID is the id of the property's meter point of the fuel with the identifier.
func supplyID(p *sim.Property, identifier string, electricity bool) string {
	if electricity {
		for _, mp := range p.ElectricityMeterPoints {
			if mp.Identifier() == identifier {
				return mp.ID
			}
		}
		return ""
	}
	for _, mp := range p.GasMeterPoints {
		if mp.Identifier() == identifier {
			return mp.ID
		}
	}
	return ""
}

// mergedBill is an electricity move in's preferences with its postal address's fields.
func mergedBill(prefs, postal map[string]any) map[string]any {
	out := maps.Clone(prefs)
	maps.Copy(out, postal)
	return out
}
