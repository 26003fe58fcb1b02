package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginNewcomerBothFuelsGaining: Sam's new account, made on 2 December for a move in
// on the 21st to both of the house's supplies, reads each of them registering (status
// and supplyStatus alike: PENDING_REGISTRATION, GAINING, not on supply) until then, and
// on supply from the 21st; its open statement keeps its id and its start, the move-in
// day, as the clock passes it.
func TestOriginNewcomerBothFuelsGaining(t *testing.T) {
	jamie, sam := originNeighbours(t)
	jamieLeaves(t, jamie)
	quoted := sam.Query(`mutation { createQuoteForProperty(input: {propertyId: "2214531", supplyDate: "2026-12-21", isMoveIn: true, isBusinessAccount: false}) {
		quoteRequest { quotedSupplyPoints { marketName id } } } }`, nil)
	var elec, gas []any
	for _, p := range simtest.Get(quoted.Data, "createQuoteForProperty", "quoteRequest", "quotedSupplyPoints").([]any) {
		d := map[string]any{"supplyPointId": simtest.Get(p, "id")}
		if simtest.Get(p, "marketName") == "AUS_ELECTRICITY" {
			elec = append(elec, d)
		} else {
			gas = append(gas, d)
		}
	}
	if len(elec) != 1 || len(gas) != 1 {
		t.Fatalf("the house's supplies: %+v", quoted)
	}
	moved := sam.Query(`mutation($e: [ElectricityAcquisitionDetailsInput], $g: [GasAcquisitionDetailsInput]) { processHouseMove(input: {userId: "3235449", portfolioId: "1", propertyId: "2214531",
		moveInDate: "2026-12-21", moveInType: MOVE_IN, billAndPayment: {requiresPostalComms: false}, acquisitionDetails: {electricityAcquisitionDetails: $e, gasAcquisitionDetails: $g}}) {
		error { __typename } account { number } } }`, map[string]any{"e": elec, "g": gas})
	number, _ := simtest.Get(moved.Data, "processHouseMove", "account", "number").(string)
	if number == "" {
		t.Fatalf("Sam moving in: %+v", moved)
	}
	read := func() (points, statement string) {
		a := simtest.Get(mustQuery(t, sam)(`query($n: String!) { account(accountNumber: $n) {
			properties { meterPoints { ... on MeterPointType { status supplyStatus isOnSupply } ... on GasMeterPointType { status supplyStatus isOnSupply } } }
			bills(first: 1, includeOpenStatements: true) { edges { node { id fromDate } } } } }`, map[string]any{"n": number}), "account")
		return fmt.Sprint(simtest.Get(a, "properties", 0, "meterPoints")), fmt.Sprint(simtest.Get(a, "bills", "edges", 0, "node"))
	}
	points, before := read()
	if want := "[map[isOnSupply:false status:PENDING_REGISTRATION supplyStatus:GAINING] map[isOnSupply:false status:PENDING_REGISTRATION supplyStatus:GAINING]]"; points != want {
		t.Errorf("before the move in: %s, want %s", points, want)
	}
	sam.AdvanceClock(20 * 24 * time.Hour) // 22 December in Melbourne
	sam.Token, _ = simtest.Get(sam.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	points, after := read()
	if want := "[map[isOnSupply:true status:ON_SUPPLY supplyStatus:ON_SUPPLY] map[isOnSupply:true status:LIVE supplyStatus:ON_SUPPLY]]"; points != want {
		t.Errorf("after the move in: %s, want %s", points, want)
	}
	if before != after {
		t.Errorf("the open statement was %s before the move in, %s after", before, after)
	}
}
