package simtest_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// cacheClashes walks a response as a normalised cache (Apollo, urql, Relay) stores it,
// one record per __typename and id, and names each field two paths give different
// values for: a scalar's value, whether an object is there and, when it has an id,
// which one.
func cacheClashes(data any) []string {
	seen := map[string]map[string]string{}
	reported := map[string]bool{}
	var clashes []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			tn, _ := v["__typename"].(string)
			id, _ := v["id"].(string)
			key := tn + ":" + id
			for f, fv := range v {
				walk(fv)
				if tn == "" || id == "" {
					continue
				}
				var s string
				switch fv := fv.(type) {
				case []any:
					continue
				case map[string]any:
					s = fmt.Sprint("object ", fv["id"])
				default:
					s = fmt.Sprint(fv)
				}
				if seen[key] == nil {
					seen[key] = map[string]string{}
				}
				if was, ok := seen[key][f]; !ok {
					seen[key][f] = s
				} else if was != s && !reported[key+"."+f] {
					reported[key+"."+f] = true
					clashes = append(clashes, fmt.Sprintf("%s.%s: %s and %s", key, f, was, s))
				}
			}
		}
	}
	walk(data)
	slices.Sort(clashes)
	return clashes
}

// TestOctopusPrepayLedgersAreEachTheirOwnRecord: a prepayment meter's credit and debt
// ledgers, read through the meter and through electricityPrepayLedgers and
// gasPrepayLedgers, are different records to a normalised cache, so the app never
// shows the debt as the credit.
func TestOctopusPrepayLedgersAreEachTheirOwnRecord(t *testing.T) {
	chris, _, _, _ := payg(t)
	ledgers := `{ creditLedger { __typename id ledgerType currentBalance } debtLedger { __typename id ledgerType currentBalance } paymentLedger { __typename id ledgerType } }`
	data := mustQuery(t, chris)(`{ e: electricityPrepayLedgers(accountNumber: "A-3C7D5E91", mpan: "1600047318252", serialNumber: "23P0884152") `+ledgers+`
		g: gasPrepayLedgers(accountNumber: "A-3C7D5E91", mprn: "8840112736", serialNumber: "E6S11873412361") `+ledgers+`
		account(accountNumber: "A-3C7D5E91") { properties { electricityMeterPoints { meters { prepayLedgers `+ledgers+` } }
			gasMeterPoints { meters { prepayLedgers `+ledgers+` } } } } }`, nil)
	if got := cacheClashes(data); len(got) > 0 {
		t.Errorf("records a cache merges: %q", got)
	}
	ids := map[any]bool{}
	for _, root := range []string{"e", "g"} {
		for _, l := range []string{"creditLedger", "debtLedger", "paymentLedger"} {
			ids[fmt.Sprint(data[root].(map[string]any)[l].(map[string]any)["id"])] = true
		}
	}
	if len(ids) != 6 {
		t.Errorf("the flat's two meters' six ledgers have %d ids: %v", len(ids), ids)
	}
}

// TestOriginPropertyByNMIOrMIRN: Origin's property(nmi:) and property(mirn:) answer the
// owner the home property(id:) and supplyPoint answer, and refuse another customer.
func TestOriginPropertyByNMIOrMIRN(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	signInWith(t, c, map[string]any{"APIKey": "sk_live_krakensimdemo3235447"})
	const q = `{ byNMI: property(nmi: "4102004420") { id } byMIRN: property(mirn: "5240860640") { id } byID: property(id: "2214531") { id }
		sp: supplyPoint(externalIdentifier: "4102004420", marketName: "AUS_ELECTRICITY") { property { id } } }`
	data := mustQuery(t, c)(q, nil)
	if got := spaced(simtest.Get(data, "byNMI", "id"), simtest.Get(data, "byMIRN", "id"), simtest.Get(data, "byID", "id"), simtest.Get(data, "sp", "property", "id")); got != "2214531 2214531 2214531 2214531" {
		t.Errorf("the demo home by NMI, MIRN, id and supply point: %s", got)
	}
	signInWith(t, c, map[string]any{"APIKey": "sk_live_krakensimother3235449"})
	for _, arg := range []string{`nmi: "4102004420"`, `mirn: "5240860640"`} {
		out := c.Query(`{ property(`+arg+`) { id } }`, nil)
		if len(out.Errors) == 0 || out.Errors[0].Code() != "KT-CT-1111" {
			t.Errorf("another customer's property(%s): %v %+v, want KT-CT-1111", arg, out.Data, out.Errors)
		}
	}
}

// TestOctopusBookedMoveOutKeepsTheHomeTheLeaversTillItsDay: between booking a move-out
// and its day the leaver still supplies the MPAN, as meterPoints and the account agree;
// the address keeps one UPRN, before the day and after it, and a postcode lookup lists
// the house once.
func TestOctopusBookedMoveOutKeepsTheHomeTheLeaversTillItsDay(t *testing.T) {
	_, c := octopus(t)
	c.SignIn("solar@krakensim.dev", "krakensim")
	q := mustQuery(t, c)
	const read = `{ getUprnByMpan(mpan: "2200007316455") { uprn } getAddressesByPostcode(postcode: "EX4 4QJ") { uprn addressLine1 } }`
	left := false
	lookup := func() (status, uprn any, quarry []any) {
		data := q(read, nil)
		if !left {
			data["meterPoints"] = q(`{ meterPoints(mpan: "2200007316455") { status } }`, nil)["meterPoints"]
		}
		for _, a := range data["getAddressesByPostcode"].([]any) {
			if strings.Contains(fmt.Sprint(simtest.Get(a, "addressLine1")), "Quarry Lane") && strings.HasPrefix(fmt.Sprint(simtest.Get(a, "addressLine1")), "7 ") {
				quarry = append(quarry, simtest.Get(a, "uprn"))
			}
		}
		return simtest.Get(data, "meterPoints", "status"), simtest.Get(data, "getUprnByMpan", "uprn"), quarry
	}
	status, uprn, quarry := lookup()
	if status != "ON_SUPPLY" || uprn == nil || fmt.Sprint(quarry) != fmt.Sprint([]any{uprn}) {
		t.Fatalf("before the move-out: %v %v %v", status, uprn, quarry)
	}
	q(`mutation { performMoveOut(input: {accountNumber: "A-6D4F2E88", propertyId: "2214539", moveOutDate: "2026-12-20"}) { account { number } } }`, nil)
	s, u, h := lookup()
	if got := spaced(s, u, h); got != spaced(status, uprn, []any{uprn}) {
		t.Errorf("the move-out booked for 20 December, on 2 December: %s; want %s", got, spaced(status, uprn, []any{uprn}))
	}
	c.AdvanceClock(30 * 24 * time.Hour)
	left = true
	c.SignIn("solar@krakensim.dev", "krakensim")
	if _, u, h := lookup(); spaced(u, h) != spaced(uprn, []any{uprn}) {
		t.Errorf("after the move-out the address's UPRN %v and the postcode's %v; want %v, once", u, h, uprn)
	}
}

// TestOriginAgreementByIDIsTheAccountsOwn: Origin's agreement(id:) answers each of the
// account's agreements as the account lists it; another customer's is Unauthorized, an
// id no one holds KT-CT-1501.
func TestOriginAgreementByIDIsTheAccountsOwn(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	signInWith(t, c, map[string]any{"APIKey": "sk_live_krakensimdemo3235447"})
	q := mustQuery(t, c)
	listed := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { agreements { id validFrom validTo product { code } } } }`, nil), "account", "agreements").([]any)
	if len(listed) == 0 {
		t.Fatal("the demo account lists no agreement")
	}
	for _, ag := range listed {
		id := fmt.Sprintf("%.0f", simtest.Get(ag, "id")) // the list's AusAgreementInterface.id is an Int
		ag.(map[string]any)["id"] = id
		got := simtest.Get(q(`query($id: ID!) { agreement(id: $id) { id validFrom validTo product { code } } }`, map[string]any{"id": id}), "agreement")
		if fmt.Sprint(got) != fmt.Sprint(ag) {
			t.Errorf("agreement(id: %v) %v; the account lists %v", id, got, ag)
		}
	}
	for key, code := range map[string]string{"sk_live_krakensimother3235449": "KT-CT-1111", "sk_live_krakensimdemo3235447": "KT-CT-1501"} {
		signInWith(t, c, map[string]any{"APIKey": key})
		id := simtest.Get(listed[0], "id")
		if code == "KT-CT-1501" {
			id = "999999999"
		}
		out := c.Query(`query($id: ID!) { agreement(id: $id) { id } }`, map[string]any{"id": id})
		if len(out.Errors) == 0 || out.Errors[0].Code() != code {
			t.Errorf("agreement(id: %v) signed in with %s: %v %+v, want %s", id, key, out.Data, out.Errors, code)
		}
	}
}

// TestOctopusSolarHomesOneESME: the solar home's import and export supplies share one
// smart meter, which every path (the home's network, each meter's smartDevices) answers
// as one device with one id, metering both.
func TestOctopusSolarHomesOneESME(t *testing.T) {
	_, c := octopus(t)
	c.SignIn("solar@krakensim.dev", "krakensim")
	const device = `{ __typename id deviceId type importElectricityMeter { __typename id } exportElectricityMeter { __typename id } }`
	data := mustQuery(t, c)(`{ account(accountNumber: "A-6D4F2E88") { properties {
		smartDeviceNetworks { smartDevices `+device+` }
		electricityMeterPoints { mpan meters { __typename id smartDevices `+device+` smartImportElectricityMeter `+device+` smartExportElectricityMeter `+device+` } } } } }`, nil)
	if got := cacheClashes(data); len(got) > 0 {
		t.Errorf("records a cache merges: %q", got)
	}
	ids := map[any][]any{}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			if v["__typename"] == "SmartMeterDeviceType" && v["type"] == "ESME" && !slices.Contains(ids[v["deviceId"]], v["id"]) {
				ids[v["deviceId"]] = append(ids[v["deviceId"]], v["id"])
				if v["importElectricityMeter"] == nil || v["exportElectricityMeter"] == nil {
					t.Errorf("ESME %v meters the import %v and the export %v; want both", v["deviceId"], v["importElectricityMeter"], v["exportElectricityMeter"])
				}
			}
			for _, f := range v {
				walk(f)
			}
		}
	}
	walk(data)
	for dev, list := range ids {
		if len(ids) != 1 || len(list) != 1 {
			t.Errorf("the home's ESMEs: %v, %v has the ids %v; want one device with one id", len(ids), dev, list)
		}
	}
}
