package simtest_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginHouseMoveOutFuelByFuel moves the demo account out of its home on Origin, the
// electricity then the gas (on another day refused), moves the day, and cancels the
// move: each fuel's agreement ends the day after the move out, and is back once it is
// cancelled. A move in that has not begun is withdrawn; one that has is not.
func TestOriginHouseMoveOutFuelByFuel(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql", func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.Properties = append(a.Properties,
			sim.Property{ID: "2299991", Address: a.Properties[0].Address, MovedIn: true, OccupiedFrom: "2026-12-20"},
			sim.Property{ID: "2299992", Address: a.Properties[0].Address, MovedIn: true, OccupiedFrom: "2026-11-20"})
	})
	query := mustQuery(t, c)
	const (
		elec   = `mutation($d: Date!) { triggerElectricityHouseMoveOut(input: {accountNumber: "A-C90DC431", moveOutDate: $d, propertyId: "2214531", customerUserId: "3235447"}) { workflow { status } error { __typename } } }`
		gas    = `mutation($d: Date!) { triggerGasHouseMoveOut(input: {accountNumber: "A-C90DC431", moveOutDate: $d, propertyId: "2214531"}) { workflow { status } error { __typename } } }`
		move   = `mutation($d: Date!, $id: ID!) { updateProcessedHouseMoveDate(input: {updatedMoveDate: $d, occupancyPeriodId: $id}) { account { number } error { __typename } } }`
		undo   = `mutation($id: ID!) { cancelHouseMoveOut(input: {accountNumber: "A-C90DC431", occupancyPeriodId: $id}) { account { number } error { __typename } } }`
		undoIn = `mutation($id: ID!) { cancelHouseMoveIn(input: {accountNumber: "A-C90DC431", propertyId: $id}) { account { properties { id } } error { __typename } } }`
		home   = `{ account(accountNumber: "A-C90DC431") { properties { id occupancyPeriods { effectiveTo } meterPoints { __typename agreements(includeInactive: false) { validTo } } } } }`
	)
	ends := func() (occupancy, electricity, gas any) {
		p := simtest.Get(query(home, nil), "account", "properties", 0)
		return simtest.Get(p, "occupancyPeriods", 0, "effectiveTo"), simtest.Get(p, "meterPoints", 0, "agreements", 0, "validTo"), simtest.Get(p, "meterPoints", 1, "agreements", 0, "validTo")
	}
	_, elecBefore, gasBefore := ends()
	if got := simtest.Get(query(elec, map[string]any{"d": "2026-12-20"}), "triggerElectricityHouseMoveOut", "workflow", "status"); got != "IN_PROGRESS" {
		t.Errorf("the electricity move out is %v", got)
	}
	if o, e, g := ends(); o != "2026-12-21T00:00:00+11:00" || e != "2026-12-21T00:00:00+11:00" || g != gasBefore {
		t.Errorf("electricity moved out: occupancy to %v, electricity to %v, gas to %v", o, e, g)
	}
	if got := simtest.Get(query(gas, map[string]any{"d": "2026-12-22"}), "triggerGasHouseMoveOut", "error", "__typename"); got != "ValidationErrorType" {
		t.Errorf("gas on another day: %v", got)
	}
	query(gas, map[string]any{"d": "2026-12-20"})
	if _, _, g := ends(); g != "2026-12-21T00:00:00+11:00" {
		t.Errorf("gas moved out: it ends %v", g)
	}
	for _, tc := range []struct {
		name string
		vars map[string]any
		want any
	}{
		{"a day past", map[string]any{"d": "2026-11-30", "id": "2214531"}, "UnableToAdjustMoveDateErrorType"},
		{"no such occupancy", map[string]any{"d": "2026-12-24", "id": "1"}, "DoesNotExistErrorType"},
		{"a later day", map[string]any{"d": "2026-12-24", "id": "2214531"}, nil},
	} {
		if got := simtest.Get(query(move, tc.vars), "updateProcessedHouseMoveDate", "error", "__typename"); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	if o, e, g := ends(); o != "2026-12-25T00:00:00+11:00" || e != "2026-12-25T00:00:00+11:00" || g != "2026-12-25T00:00:00+11:00" {
		t.Errorf("moved to the 24th: occupancy to %v, electricity to %v, gas to %v", o, e, g)
	}
	query(undo, map[string]any{"id": "2214531"})
	if o, e, g := ends(); o != nil || e != elecBefore || g != gasBefore {
		t.Errorf("cancelled: occupancy to %v, electricity to %v, gas to %v", o, e, g)
	}
	if got := simtest.Get(query(undo, map[string]any{"id": "2214531"}), "cancelHouseMoveOut", "error", "__typename"); got != "UnableToUndoMoveErrorType" {
		t.Errorf("cancelling again: %v", got)
	}

	if got := simtest.Get(query(undoIn, map[string]any{"id": "2299992"}), "cancelHouseMoveIn", "error", "__typename"); got != "PreconditionsNotMetErrorType" {
		t.Errorf("withdrawing a move in begun: %v", got)
	}
	props := simtest.Get(query(undoIn, map[string]any{"id": "2299991"}), "cancelHouseMoveIn", "account", "properties").([]any)
	if len(props) != 2 || simtest.Get(props[1], "id") != "2299992" {
		t.Errorf("after withdrawing the move in, properties %v", props)
	}
}

// TestOriginPropertyMoveOut moves the demo account out of its home on Origin for every
// supply at once: both fuels' agreements end the day after, the note is kept, and a day
// before the move in, another day, or another's property is refused with its code.
func TestOriginPropertyMoveOut(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const (
		out  = `mutation($d: Date!, $p: ID!, $n: ID!) { propertyMoveOut(input: {accountNumber: $n, propertyId: $p, moveOutDate: $d, note: "Keys with the agent."}) { workflow { name status } } }`
		home = `{ account(accountNumber: "A-C90DC431") { notes { body } properties { occupancyPeriods { effectiveTo } meterPoints { agreements(includeInactive: false) { validTo } } } } }`
	)
	vars := func(d, p, n string) map[string]any { return map[string]any{"d": d, "p": p, "n": n} }
	for _, tc := range []struct {
		name string
		vars map[string]any
		want string
	}{
		{"before the move in", vars("2001-01-01", "2214531", "A-C90DC431"), "KT-AU-6610"},
		{"a property of another account", vars("2026-12-20", "2214533", "A-C90DC431"), "KT-CT-6622"},
		{"another's account", vars("2026-12-20", "2214533", "A-0F4A2B19"), "KT-CT-6623"},
	} {
		if got := graphqlCode(t, c, out, tc.vars); got != tc.want {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.want)
		}
	}
	r := c.Query(out, vars("2026-12-20", "2214531", "A-C90DC431"))
	if len(r.Errors) > 0 || simtest.Get(r.Data, "propertyMoveOut", "workflow", "status") != "IN_PROGRESS" {
		t.Fatalf("moving out: %+v", r)
	}
	h := c.Query(home, nil).Data
	p := simtest.Get(h, "account", "properties", 0)
	if o, e, g := simtest.Get(p, "occupancyPeriods", 0, "effectiveTo"), simtest.Get(p, "meterPoints", 0, "agreements", 0, "validTo"), simtest.Get(p, "meterPoints", 1, "agreements", 0, "validTo"); o != "2026-12-21T00:00:00+11:00" || e != "2026-12-21T00:00:00+11:00" || g != "2026-12-21T00:00:00+11:00" {
		t.Errorf("moved out: occupancy to %v, electricity to %v, gas to %v", o, e, g)
	}
	if notes := simtest.Get(h, "account", "notes").([]any); simtest.Get(notes[0], "body") != "Keys with the agent." {
		t.Errorf("notes %v", notes)
	}
	const orders = `{ account(accountNumber: "A-C90DC431") { serviceOrders { __typename ... on ServiceOrderInterface { status scheduledDate meterPoint { identifier } } ... on ElectricityServiceOrderType { type subtype } ... on GasSpecialReadType { reason: type } } } }`
	if got := fmt.Sprint(simtest.Get(c.Query(orders, nil).Data, "account", "serviceOrders")); got != "[map[__typename:ElectricityServiceOrderType meterPoint:map[identifier:4102004420] scheduledDate:2026-12-20 status:REQUESTED subtype:FINAL_READ type:SPECIAL_READ] map[__typename:GasSpecialReadType meterPoint:map[identifier:5240860640] reason:FINAL_READ scheduledDate:2026-12-20 status:REQUESTED]]" {
		t.Errorf("the final reads asked: %s", got)
	}
	if got := graphqlCode(t, c, out, vars("2026-12-22", "2214531", "A-C90DC431")); got != "KT-AU-6611" {
		t.Errorf("moving out on another day: %q", got)
	}
	if got := graphqlCode(t, c, out, vars("2026-12-20", "2214531", "A-C90DC431")); got != "" {
		t.Errorf("the same move out again: %q", got)
	}
	if got := len(simtest.Get(c.Query(orders, nil).Data, "account", "serviceOrders").([]any)); got != 2 {
		t.Errorf("after the same move out again, %d service orders", got)
	}
	c.Query(`mutation { cancelHouseMoveOut(input: {accountNumber: "A-C90DC431", occupancyPeriodId: "2214531"}) { account { number } } }`, nil)
	if got := fmt.Sprint(simtest.Get(c.Query(orders, nil).Data, "account", "serviceOrders")); got != "[]" {
		t.Errorf("after the move out is cancelled: %s", got)
	}
}

// TestOriginMovesIntoAHome follows Origin's move in: Jamie moves out of the house on the
// 20th; Sam quotes it for a move in and moves in on the 21st with a new account that
// supplies the electricity on the fixed product quoted (and not the gas, which Sam did
// not take on), tells of a dog at the meter, is billed at a post office box and is
// registered for life support (the medical confirmation form posted there). A move
// in while the house is occupied, an in-situ transfer and another's quote are refused.
func TestOriginMovesIntoAHome(t *testing.T) {
	jamie, sam := originNeighbours(t)
	const (
		quote = `mutation { createQuoteForProperty(input: {propertyId: "2214531", supplyDate: "2026-12-21", isMoveIn: true, isBusinessAccount: false}) {
			error { __typename } quoteRequest { code quotedSupplyPoints { marketName id distributor { id } quotedProducts { id product { code } quotedRates { __typename } } } } } }`
		move = `mutation($d: Date!, $type: MoveTypeEnum!, $elec: [ElectricityAcquisitionDetailsInput]) { processHouseMove(input: {userId: "3235449", portfolioId: "1", propertyId: "2214531", moveInDate: $d, moveInType: $type,
			billAndPayment: {requiresPostalComms: true, postalSameAsSupply: false, postalDeliveryType: PO_BOX, postalDeliveryNumberValue: "412", locality: "Fitzroy", administrativeArea: VICTORIA, postalCode: "3065"},
			acquisitionDetails: {electricityAcquisitionDetails: $elec}, lifeSupportDetails: {lifeSupportRequired: true}}) {
			error { __typename ... on HouseMoveProblemsErrorType { problems { code } } ... on DoesNotExistErrorType { field } }
			account { number status commsDeliveryPreference billingAddressLine1 billingAddressPostcode lifeSupport { hasLifeSupportRecord records { lifeSupportStatus lifeSupportDate preferredContactMethod } } properties { id meterPoints { __typename ... on MeterPointType { identifier hazards } agreements { validFrom product { code } } } } } } }`
	)
	r := sam.Query(quote, nil)
	points, _ := simtest.Get(r.Data, "createQuoteForProperty", "quoteRequest", "quotedSupplyPoints").([]any)
	if len(points) != 2 || simtest.Get(points[0], "marketName") != "AUS_ELECTRICITY" || simtest.Get(points[0], "distributor", "id") == nil {
		t.Fatalf("the house's quote: %+v", r)
	}
	fixed := ""
	for _, qp := range simtest.Get(points[0], "quotedProducts").([]any) {
		if simtest.Get(qp, "product", "code") == "OE-FIX-12M-24-09-01" {
			fixed, _ = simtest.Get(qp, "id").(string)
		}
		if simtest.Get(qp, "quotedRates", 0, "__typename") != "ElectricityRateType" {
			t.Errorf("quoted product %v", qp)
		}
	}
	elecID := simtest.Get(points[0], "id")
	elec := []any{map[string]any{"supplyPointId": elecID, "quotedProductId": fixed, "hazards": []any{"DOG"}}}
	vars := func(d, typ string, elec []any) map[string]any {
		return map[string]any{"d": d, "type": typ, "elec": elec}
	}
	if got := fmt.Sprint(simtest.Get(sam.Query(move, vars("2026-12-21", "MOVE_IN", elec)).Data, "processHouseMove", "error")); got != "map[__typename:HouseMoveProblemsErrorType problems:[map[code:PROPERTY_OCCUPIED]]]" {
		t.Errorf("moving into an occupied house: %s", got)
	}
	jamieLeaves(t, jamie)
	for _, tc := range []struct {
		name string
		vars map[string]any
		want string
	}{
		{"an in-situ transfer", vars("2026-12-21", "IN_SITU", elec), "MarketMismatchErrorType"},
		{"the day Jamie leaves", vars("2026-12-20", "MOVE_IN", elec), "HouseMoveProblemsErrorType"},
		{"a quote of no one's", vars("2026-12-21", "MOVE_IN", []any{map[string]any{"supplyPointId": elecID, "quotedProductId": "1"}}), "DoesNotExistErrorType"},
		{"nothing taken on", vars("2026-12-21", "MOVE_IN", []any{}), "ValidationErrorType"},
	} {
		if got := simtest.Get(sam.Query(move, tc.vars).Data, "processHouseMove", "error", "__typename"); got != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, got, tc.want)
		}
	}
	if got := graphqlCode(t, jamie, move, vars("2026-12-21", "MOVE_IN", elec)); got == "" {
		t.Errorf("Jamie moving Sam in: no error")
	}
	r = sam.Query(move, vars("2026-12-21", "MOVE_IN", elec))
	a := simtest.Get(r.Data, "processHouseMove", "account")
	if a == nil || simtest.Get(a, "status") != "PENDING" || simtest.Get(a, "commsDeliveryPreference") != "POSTAL_MAIL" || simtest.Get(a, "billingAddressPostcode") != "3065" || simtest.Get(a, "billingAddressLine1") != "PO BOX 412" {
		t.Fatalf("Sam's new account: %+v", r)
	}
	mps := simtest.Get(a, "properties", 0, "meterPoints").([]any)
	if len(mps) != 1 || fmt.Sprint(simtest.Get(mps[0], "hazards")) != "[DOG]" || simtest.Get(mps[0], "agreements", 0, "product", "code") != "OE-FIX-12M-24-09-01" || simtest.Get(mps[0], "agreements", 0, "validFrom") != "2026-12-21T00:00:00+11:00" {
		t.Errorf("Sam's supplies: %v", mps)
	}
	if got := fmt.Sprint(simtest.Get(a, "lifeSupport")); got != "map[hasLifeSupportRecord:true records:[map[lifeSupportDate:2026-12-21 lifeSupportStatus:REGISTERED_NO_MEDICAL_CONFIRMATION preferredContactMethod:POSTAL_ADDRESS]]]" {
		t.Errorf("Sam's life support: %s", got)
	}
	if msgs := sam.Messages(); !slices.ContainsFunc(msgs, func(m sim.Message) bool {
		return strings.Contains(m.Subject, "medical confirmation form") && strings.Contains(m.To, "PO BOX 412")
	}) {
		t.Errorf("no medical confirmation form posted: %+v", msgs)
	}
	number := simtest.Get(a, "number").(string)
	read := simtest.Get(sam.Query(`query($n: String!) { account(accountNumber: $n) { serviceOrders { ... on ElectricityServiceOrderType { subtype status scheduledDate meterPoint { identifier } } } } }`, map[string]any{"n": number}).Data, "account", "serviceOrders")
	if got := fmt.Sprint(read); got != "[map[meterPoint:map[identifier:4102004420] scheduledDate:2026-12-21 status:REQUESTED subtype:MOVE_IN]]" {
		t.Errorf("Sam's move in asks %s", got)
	}
	if got := fmt.Sprint(simtest.Get(sam.Query(`{ viewer { accounts { number } } }`, nil).Data, "viewer", "accounts")); !strings.Contains(got, number) {
		t.Errorf("Sam's accounts: %s", got)
	}
	if got := simtest.Get(sam.Query(move, vars("2026-12-22", "MOVE_IN", elec)).Data, "processHouseMove", "error", "__typename"); got != "HouseMoveProblemsErrorType" {
		t.Errorf("moving in again: %v", got)
	}
}

// TestOriginMovesInFuelByFuel moves Sam into the house Jamie leaves on Origin fuel by
// fuel, each quoted by its NMI or MIRN: the electricity on the first day the house is empty opens Sam's account (the
// meter's dog told), the gas on the same day joins it with a ledger of its own, and the
// same move in again answers that account; the gas on another day, a quote for another
// supply and a user who is not the viewer are refused.
func TestOriginMovesInFuelByFuel(t *testing.T) {
	jamie, sam := originNeighbours(t)
	jamieLeaves(t, jamie)
	const (
		elecQuote = `mutation($nmi: String) { createElectricityQuote(input: {nmi: $nmi, isBusiness: false}) { meterPoint { identifier } quote { __typename code postcode includesElectricity quotedProducts { id code name annualAmount isRecommended } } } }`
		gasQuote  = `mutation($mirn: String) { createGasQuote(input: {mirn: $mirn, isBusiness: false}) { error { __typename } quoteRequest { quotedSupplyPoints { marketName quotedProducts { id product { code } } } } } }`
		elec      = `mutation($u: ID!, $q: ID!) { processHouseMoveInElectricity(input: {isBusiness: false, contactUserId: $u, nmi: "4102004420", quotedProductId: $q,
			appointmentDetails: {preferredTime: T0800_1300, appointmentAccess: "Side gate", specialInstructions: "", accessDetails: "Side gate", hazards: [DOG]},
			preferences: {requiresPostalComms: false, postalSameAsSupply: true, optIntoMarketing: false}}) {
			error { __typename } account { number ledgers { ledgerType } properties { meterPoints { __typename ... on MeterPointType { hazards } } } } } }`
		gas = `mutation($d: Date, $q: ID!) { processHouseMoveInGas(input: {mirn: "5240860640", moveInDate: $d, quotedProductId: $q, isBusiness: false, contactUserId: "3235449", billAndPayment: {requiresPostalComms: false}}) {
			error { __typename } account { number ledgers { ledgerType } properties { meterPoints { __typename } } } } }`
	)
	if got := fmt.Sprint(simtest.Get(sam.Query(elecQuote, map[string]any{"nmi": "4000000000"}).Data, "createElectricityQuote")); got != "map[meterPoint:<nil> quote:<nil>]" {
		t.Errorf("quoting an NMI no home has: %s", got)
	}
	if got := simtest.Get(sam.Query(gasQuote, map[string]any{"mirn": "5000000000"}).Data, "createGasQuote", "error", "__typename"); got != "NoSupplyPointsAssociatedWithMirnErrorType" {
		t.Errorf("quoting a MIRN no home has: %v", got)
	}
	eq := simtest.Get(sam.Query(elecQuote, map[string]any{"nmi": "4102004420"}).Data, "createElectricityQuote")
	if simtest.Get(eq, "meterPoint", "identifier") != "4102004420" || simtest.Get(eq, "quote", "__typename") != "MarketSupplyQuoteRequestAsLegacyQuoteType" || simtest.Get(eq, "quote", "postcode") == nil ||
		simtest.Get(eq, "quote", "quotedProducts", 0, "isRecommended") != true || simtest.Get(eq, "quote", "quotedProducts", 0, "annualAmount") == nil {
		t.Fatalf("the electricity quote: %v", eq)
	}
	gq := simtest.Get(sam.Query(gasQuote, map[string]any{"mirn": "5240860640"}).Data, "createGasQuote", "quoteRequest", "quotedSupplyPoints").([]any)
	if len(gq) != 1 || simtest.Get(gq[0], "marketName") != "AUS_GAS" {
		t.Fatalf("the gas quote: %v", gq)
	}
	products := map[string]string{"AUS_ELECTRICITY": simtest.Get(eq, "quote", "quotedProducts", 0, "id").(string), "AUS_GAS": simtest.Get(gq[0], "quotedProducts", 0, "id").(string)}
	if got := graphqlCode(t, jamie, elec, map[string]any{"u": "3235449", "q": products["AUS_ELECTRICITY"]}); got == "" {
		t.Errorf("Jamie moving Sam in: no error")
	}
	if r := sam.Query(elec, map[string]any{"u": "3235449", "q": products["AUS_GAS"]}); simtest.Get(r.Data, "processHouseMoveInElectricity", "error", "__typename") != "DoesNotExistErrorType" {
		t.Errorf("the electricity on the gas's quote: %+v", r)
	}
	a := simtest.Get(sam.Query(elec, map[string]any{"u": "3235449", "q": products["AUS_ELECTRICITY"]}).Data, "processHouseMoveInElectricity", "account")
	if got := fmt.Sprint(simtest.Get(a, "ledgers"), simtest.Get(a, "properties")); got != "[map[ledgerType:ELECTRICITY_LEDGER]] [map[meterPoints:[map[__typename:MeterPointType hazards:[DOG]]]]]" {
		t.Fatalf("Sam's account with the electricity: %s", got)
	}
	number := simtest.Get(a, "number")
	if got := simtest.Get(sam.Query(gas, map[string]any{"d": "2026-12-23", "q": products["AUS_GAS"]}).Data, "processHouseMoveInGas", "error", "__typename"); got != "HouseMoveProblemsErrorType" {
		t.Errorf("the gas on another day: %v", got)
	}
	g := simtest.Get(sam.Query(gas, map[string]any{"q": products["AUS_GAS"]}).Data, "processHouseMoveInGas", "account")
	if got := fmt.Sprint(g); got != fmt.Sprintf("map[ledgers:[map[ledgerType:ELECTRICITY_LEDGER] map[ledgerType:GAS_LEDGER]] number:%v properties:[map[meterPoints:[map[__typename:MeterPointType] map[__typename:GasMeterPointType]]]]]", number) {
		t.Errorf("Sam's account with the gas: %s", got)
	}
	if again := simtest.Get(sam.Query(gas, map[string]any{"q": products["AUS_GAS"]}).Data, "processHouseMoveInGas", "account", "number"); again != number {
		t.Errorf("the same move in again answers %v, not %v", again, number)
	}
	// Jamie, who has left, cannot move back in over Sam.
	jq := simtest.Get(jamie.Query(elecQuote, map[string]any{"nmi": "4102004420"}).Data, "createElectricityQuote", "quote", "quotedProducts", 0, "id")
	if got := fmt.Sprint(simtest.Get(jamie.Query(elec, map[string]any{"u": "3235447", "q": jq}).Data, "processHouseMoveInElectricity", "error")); got != "map[__typename:HouseMoveProblemsErrorType]" {
		t.Errorf("moving in over Sam: %s", got)
	}
}

// TestOriginMoveInSupplyStartsOnTheDay: Sam's new account, made on 2 December for a move
// in on the 21st, reads its supply registering (GAINING, not on supply, its enrolment
// targeting the 21st) with no end until then, and on supply from the 21st, still with
// no end.
func TestOriginMoveInSupplyStartsOnTheDay(t *testing.T) {
	jamie, sam := originNeighbours(t)
	jamieLeaves(t, jamie)
	quoted := sam.Query(`mutation { createQuoteForProperty(input: {propertyId: "2214531", supplyDate: "2026-12-21", isMoveIn: true, isBusinessAccount: false}) {
		quoteRequest { quotedSupplyPoints { marketName id } } } }`, nil)
	elecID := simtest.Get(quoted.Data, "createQuoteForProperty", "quoteRequest", "quotedSupplyPoints", 0, "id")
	moved := sam.Query(`mutation($e: ID!) { processHouseMove(input: {userId: "3235449", portfolioId: "1", propertyId: "2214531", moveInDate: "2026-12-21", moveInType: MOVE_IN,
		billAndPayment: {requiresPostalComms: false}, acquisitionDetails: {electricityAcquisitionDetails: [{supplyPointId: $e}]}}) { error { __typename } account { number } } }`,
		map[string]any{"e": elecID})
	number, _ := simtest.Get(moved.Data, "processHouseMove", "account", "number").(string)
	if number == "" {
		t.Fatalf("Sam moving in: %+v", moved)
	}
	read := func() string {
		return fmt.Sprint(simtest.Get(mustQuery(t, sam)(`query($n: String!) { account(accountNumber: $n) { properties { meterPoints { ... on MeterPointType {
			supplyStatus isOnSupply supplyStartDate supplyEndDate enrolment { supplyStartDate } } } } } }`, map[string]any{"n": number}), "account", "properties", 0, "meterPoints", 0))
	}
	if got, want := read(), "map[enrolment:map[supplyStartDate:2026-12-21] isOnSupply:false supplyEndDate:<nil> supplyStartDate:2026-12-21T00:00:00+11:00 supplyStatus:GAINING]"; got != want {
		t.Errorf("before the move in: %s, want %s", got, want)
	}
	sam.AdvanceClock(20 * 24 * time.Hour) // 22 December in Melbourne
	sam.Token, _ = simtest.Get(sam.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	if got, want := read(), "map[enrolment:<nil> isOnSupply:true supplyEndDate:<nil> supplyStartDate:2026-12-21T00:00:00+11:00 supplyStatus:ON_SUPPLY]"; got != want {
		t.Errorf("after the move in: %s, want %s", got, want)
	}
}

// originNeighbours are two clients in one session on the Origin SDL: Jamie, the demo
// user, and Sam (other@), each signed in by API key.
func originNeighbours(t *testing.T) (jamie, sam *simtest.Client) {
	t.Helper()
	srv, jamie := tenant(t, "origin-schema.graphql")
	sam = srv.Client(t)
	sam.Session = jamie.Session
	out := sam.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil)
	if sam.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string); sam.Token == "" {
		t.Fatalf("Sam signing in: %+v", out)
	}
	return jamie, sam
}

// jamieLeaves moves Jamie out of the house, every supply, on the 20th.
func jamieLeaves(t *testing.T, jamie *simtest.Client) {
	t.Helper()
	if r := jamie.Query(`mutation { propertyMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-20"}) { workflow { status } } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("Jamie moving out: %+v", r.Errors)
	}
}

// TestOriginMoveOutEndsTheDirectDebit moves Jamie out of every supply on Origin: the
// fixed direct debit ends on the day (and is back when the move is cancelled), and once
// the day has passed the supplies read off supply from the day after, with no
// collection after the move but the final statement's settlement.
func TestOriginMoveOutEndsTheDirectDebit(t *testing.T) {
	_, jamie := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, jamie)
	const read = `{ account(accountNumber: "A-C90DC431") { balance paymentSchedules(first: 1) { edges { node { paymentAmount validTo } } }
		properties { meterPoints { ... on GasAndElectricityMeterPointInterface { supplyStatus supplyEndDate } } }
		payments(first: 3) { edges { node { amount paymentDate transactionType } } } } }`
	jamieLeaves(t, jamie)
	if got := simtest.Get(query(read, nil), "account", "paymentSchedules", "edges", 0, "node", "validTo"); got != "2026-12-20" {
		t.Errorf("the direct debit ends %v", got)
	}
	query(`mutation { cancelHouseMoveOut(input: {accountNumber: "A-C90DC431", occupancyPeriodId: "2214531"}) { error { __typename } } }`, nil)
	if got := simtest.Get(query(read, nil), "account", "paymentSchedules", "edges", 0, "node", "validTo"); got != nil {
		t.Errorf("cancelled, the direct debit ends %v", got)
	}
	jamieLeaves(t, jamie)
	jamie.AdvanceClock(100 * 24 * time.Hour) // 12 March 2027
	tok := query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil)
	jamie.Token = simtest.Get(tok, "obtainKrakenToken", "token").(string)
	out := query(read, nil)
	for i, mp := range simtest.Get(out, "account", "properties", 0, "meterPoints").([]any) {
		if got := fmt.Sprint(simtest.Get(mp, "supplyStatus"), " ", simtest.Get(mp, "supplyEndDate")); got != "OFF_SUPPLY 2026-12-21T00:00:00+11:00" {
			t.Errorf("meter point %d: %s", i, got)
		}
	}
	for _, e := range simtest.Get(out, "account", "payments", "edges").([]any) {
		n := e.(map[string]any)["node"]
		if d := simtest.Get(n, "paymentDate").(string); d > "2026-12-20" && simtest.Get(n, "amount") == 24000.0 {
			t.Errorf("the fixed debit collected on %s after the move", d)
		}
	}
	if got := simtest.Get(out, "account", "balance"); got != 0.0 {
		t.Errorf("the balance after the final statement is %v", got)
	}
}
