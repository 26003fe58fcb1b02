package world

import (
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
)

// rolesSDL has one of each thing the roles table recognises.
const rolesSDL = `
type Query {
  account(accountNumber: String!): AccountType
  devices(accountNumber: String!, propertyId: ID, deviceId: String): [DeviceInterface!]
  bill(id: ID!, billType: BillTypeEnum): BillInterface
  bills(billType: BillTypeEnum, fromDate: Date, toDate: Date, orderBy: BillOrder, first: Int, after: String, last: Int, before: String,
    includeOpenStatements: Boolean = false, includeBillsWithoutPDF: Boolean = false): BillConnection
  gasAgreement(id: ID!): AgreementInterface
  telemetry(deviceId: String!, start: DateTime, end: DateTime, grouping: Grouping): [Reading]
  plannedDispatches(accountNumber: String!): [Dispatch]
  agreements(accountNumber: String!, validAt: DateTime): [AgreementInterface]
  node(id: ID!): Node
  registeredKrakenflexDevice(accountNumber: String!): KrakenflexDeviceType
  meterDevices(accountNumber: String!): [SmartMeterDeviceType]
  heatPumpControllerConfiguration(euid: String!): HeatPumpControllerConfiguration
  greennessForecast: [GreennessForecastPeriod]
  gridRegions: [GridRegion]
  electricVehicles: [ElectricVehicleType]
  savingsCampaigns(accountNumber: String!): [SavingsCampaign]
  savingSessionEvents(accountNumber: String!): [SavingSessionEvent]
}
scalar Date
scalar DateTime
interface Node { id: ID! }
type AccountType { id: ID! number: String status: AccountStatus }
enum AccountStatus { ACTIVE CLOSED PENDING }
interface DeviceInterface { id: String! deviceType: DeviceType }
enum DeviceType { HEAT_PUMPS BATTERIES ELECTRIC_VEHICLES }
type SmartFlexHeatPump implements DeviceInterface { id: String! deviceType: DeviceType minWaterTemperature: Float maxWaterTemperature: Float flowTemperature: Float }
type SmartFlexBattery implements DeviceInterface { id: String! deviceType: DeviceType minimumSoc: Int maximumSoc: Int reserveSoc: Int
  name: String make: String model: String provider: ProviderChoices! }
enum ProviderChoices { SMARTCAR TESLA GIVENERGY HUAWEI ENODE }
enum BillTypeEnum { STATEMENT INVOICE PRE_KRAKEN }
enum BillOrder { FROM_DATE_ASC FROM_DATE_DESC }
interface BillInterface { id: ID billType: BillTypeEnum fromDate: Date toDate: Date issuedDate: Date }
type StatementType implements BillInterface { id: ID billType: BillTypeEnum fromDate: Date toDate: Date issuedDate: Date
  status: StatementStatus temporaryUrl: String closingBalance: Int }
enum StatementStatus { OPEN CLOSED }
type InvoiceType implements BillInterface { id: ID billType: BillTypeEnum fromDate: Date toDate: Date issuedDate: Date }
type BillConnection { pageInfo: PageInfo! edges: [BillEdge]! totalCount: Int! edgeCount: Int! }
type BillEdge { node: BillInterface cursor: String! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
interface AgreementInterface { id: ID! validFrom: DateTime validTo: DateTime }
type ElectricityAgreementType implements AgreementInterface { id: ID! validFrom: DateTime validTo: DateTime }
type GasAgreementType implements AgreementInterface { id: ID! validFrom: DateTime validTo: DateTime }
enum Grouping { TEN_SECONDS ONE_MINUTE HALF_HOURLY HOURLY }
type Reading { readAt: DateTime consumptionDelta: Float }
type Dispatch { start: DateTime! end: DateTime! delta: Float }
type ElectricityMeterType implements Node { id: ID! nodeId: ID! serialNumber: String! exportMeter: ElectricityMeterType }
type HeatPumpControllerType { serialNumber: String! heatPump: HeatPumpType exportMeter: ElectricityMeterType }
type InkMessage implements Node { id: ID! body: String }
type KrakenflexDeviceType { krakenflexDeviceId: ID vehicleMake: String vehicleModel: String chargePointMake: String chargePointModel: String }
type SmartMeterDeviceType { deviceId: String! manufacturer: String! model: String! }
type HeatPumpControllerConfiguration { heatPump: HeatPumpType exportMeter: ElectricityMeterType }
type HeatPumpType { serialNumber: String! model: String }
type GreennessForecastPeriod { validFrom: DateTime validTo: DateTime greennessScore: Int }
type ElectricVehicleType { make: String models: [ElectricVehicleModelType] }
type ElectricVehicleModelType { model: String batterySize: Float }
type SavingsCampaign { name: String events(getDevEvents: Boolean, onlyJoined: Boolean, excludeHidden: Boolean, draft: Boolean, urgent: Boolean): [SavingEvent] }
type SavingEvent { id: ID! code: String devEvent: Boolean isJoined: Boolean hidden: Boolean draft: Boolean }
type SavingSessionEvent { id: ID! status: SessionStatus startAt: DateTime endAt: DateTime }
enum SessionStatus { UPCOMING ONGOING DONE }
type GridRegion { name: String greennessForecast: [GreennessForecastPeriod] }
`

func testRoles(t *testing.T) *Roles {
	t.Helper()
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "roles.graphql", Input: rolesSDL})
	if err != nil {
		t.Fatal(err)
	}
	return NewRoles(s, fake.New(1))
}

func TestTypeRoles(t *testing.T) {
	r := testRoles(t)
	tests := []struct {
		typ       string
		identity  string
		alts      []string
		global    bool
		nodeID    string
		time      timeClass
		status    string
		pairs     map[string]pair
		agree     map[string]string
		products  map[string]productField
		loneMake  string
		loneModel string
	}{
		{typ: "AccountType", identity: "number", alts: []string{"id"}, time: lastsYears, status: "status"},
		{typ: "SmartFlexHeatPump", identity: "id", agree: map[string]string{"deviceType": "HEAT_PUMPS"},
			pairs: map[string]pair{"minWaterTemperature": {other: "maxWaterTemperature", low: true}, "maxWaterTemperature": {other: "minWaterTemperature"}}},
		{typ: "SmartFlexBattery", identity: "id", agree: map[string]string{"deviceType": "BATTERIES"},
			pairs: map[string]pair{"minimumSoc": {other: "maximumSoc", low: true, within: []string{"reserveSoc"}},
				"maximumSoc": {other: "minimumSoc", within: []string{"reserveSoc"}}},
			products: map[string]productField{"make": {other: "model", make: true}, "model": {other: "make"}}},
		{typ: "StatementType", identity: "id", time: lastsMonth, status: "status", agree: map[string]string{"billType": "STATEMENT"}},
		{typ: "InvoiceType", identity: "id", time: lastsMonth, agree: map[string]string{"billType": "INVOICE"}},
		{typ: "GasAgreementType", identity: "id", time: lastsYears},
		{typ: "Dispatch", time: lastsHours},
		{typ: "Reading", time: lastsInstant},
		{typ: "ElectricityMeterType", identity: "serialNumber", alts: []string{"id"}, nodeID: "nodeId", time: lastsYears},
		{typ: "InkMessage", identity: "id", global: true, time: lastsInstant},
		{typ: "KrakenflexDeviceType", products: map[string]productField{
			"vehicleMake": {other: "vehicleModel", kind: "vehicle", make: true}, "vehicleModel": {other: "vehicleMake", kind: "vehicle"},
			"chargePointMake": {other: "chargePointModel", kind: "chargePoint", make: true}, "chargePointModel": {other: "chargePointMake", kind: "chargePoint"}}},
		{typ: "SmartMeterDeviceType", identity: "deviceId", time: lastsYears, products: map[string]productField{
			"manufacturer": {other: "model", make: true}, "model": {other: "manufacturer"}}},
		{typ: "ElectricVehicleType", time: lastsDays, loneMake: "make"},
		{typ: "ElectricVehicleModelType", time: lastsDays, loneModel: "model"},
	}
	for _, tc := range tests {
		t.Run(tc.typ, func(t *testing.T) {
			tr := r.typ(tc.typ)
			if tr.identity != tc.identity || len(tr.alts) != len(tc.alts) || (len(tc.alts) > 0 && !reflect.DeepEqual(tr.alts, tc.alts)) || tr.global != tc.global || tr.nodeID != tc.nodeID {
				t.Errorf("identity %q alts %v global %v nodeID %q; want %q %v %v %q", tr.identity, tr.alts, tr.global, tr.nodeID, tc.identity, tc.alts, tc.global, tc.nodeID)
			}
			if tr.time != tc.time || tr.status != tc.status {
				t.Errorf("time %d status %q; want %d %q", tr.time, tr.status, tc.time, tc.status)
			}
			if len(tr.pairs) != len(tc.pairs) || (len(tc.pairs) > 0 && !reflect.DeepEqual(tr.pairs, tc.pairs)) {
				t.Errorf("pairs %v; want %v", tr.pairs, tc.pairs)
			}
			if len(tr.agree) != len(tc.agree) || (len(tc.agree) > 0 && !reflect.DeepEqual(tr.agree, tc.agree)) {
				t.Errorf("agree %v; want %v", tr.agree, tc.agree)
			}
			if len(tr.products) != len(tc.products) || (len(tc.products) > 0 && !reflect.DeepEqual(tr.products, tc.products)) {
				t.Errorf("products %v; want %v", tr.products, tc.products)
			}
			if tr.loneMake != tc.loneMake || tr.loneModel != tc.loneModel {
				t.Errorf("lone make %q model %q; want %q %q", tr.loneMake, tr.loneModel, tc.loneMake, tc.loneModel)
			}
		})
	}
}

func TestFieldRoles(t *testing.T) {
	r := testRoles(t)
	tests := []struct {
		field      string
		kind       fieldKind
		item       string
		candidates []string
		keys       []keyArg
		filters    []filterArg
		window     *windowRole
		owner      []string
		tense      tense
		order      string
	}{
		{field: "account", item: "AccountType", candidates: []string{"AccountType"}, keys: []keyArg{{arg: "accountNumber", field: "number"}}},
		{field: "devices", kind: listField, item: "DeviceInterface", candidates: []string{"SmartFlexBattery", "SmartFlexHeatPump"},
			keys: []keyArg{{arg: "deviceId", field: "id"}}, owner: []string{"accountNumber"}},
		{field: "bill", item: "BillInterface", candidates: []string{"InvoiceType", "StatementType"},
			keys: []keyArg{{arg: "id", field: "id"}}, filters: []filterArg{{arg: "billType", field: "billType"}}},
		{field: "bills", kind: connField, item: "BillInterface", candidates: []string{"InvoiceType", "StatementType"},
			filters: []filterArg{{arg: "billType", field: "billType"}, {arg: "includeOpenStatements", flag: flagInclude, by: byOngoing}, {arg: "includeBillsWithoutPDF", flag: flagInclude, by: byUnissued}}, window: &windowRole{start: []string{"fromDate"}, end: []string{"toDate"}, wholeDays: []string{"toDate"}}, order: "orderBy"},
		{field: "gasAgreement", item: "AgreementInterface", candidates: []string{"GasAgreementType"}, keys: []keyArg{{arg: "id", field: "id"}}},
		{field: "telemetry", kind: listField, item: "Reading", candidates: []string{"Reading"},
			window: &windowRole{start: []string{"start"}, end: []string{"end"}, step: "grouping"}, owner: []string{"deviceId"}},
		{field: "plannedDispatches", kind: listField, item: "Dispatch", candidates: []string{"Dispatch"}, owner: []string{"accountNumber"}, tense: tenseFuture},
	}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			fr := r.field("Query", r.schema.Query.Fields.ForName(tc.field))
			if fr.kind != tc.kind || fr.item != tc.item || !reflect.DeepEqual(fr.candidates, tc.candidates) {
				t.Errorf("kind %d item %s candidates %v; want %d %s %v", fr.kind, fr.item, fr.candidates, tc.kind, tc.item, tc.candidates)
			}
			if !reflect.DeepEqual(fr.keys, tc.keys) || !reflect.DeepEqual(fr.filters, tc.filters) {
				t.Errorf("keys %v filters %v; want %v %v", fr.keys, fr.filters, tc.keys, tc.filters)
			}
			if !reflect.DeepEqual(fr.window, tc.window) || !reflect.DeepEqual(fr.owner, tc.owner) || fr.tense != tc.tense || fr.order != tc.order {
				t.Errorf("window %+v owner %v tense %d order %q; want %+v %v %d %q", fr.window, fr.owner, fr.tense, fr.order, tc.window, tc.owner, tc.tense, tc.order)
			}
		})
	}
}

func TestFlagArguments(t *testing.T) {
	r := testRoles(t)
	fr := r.field("SavingsCampaign", r.schema.Types["SavingsCampaign"].Fields.ForName("events"))
	want := []filterArg{{arg: "getDevEvents", field: "devEvent", flag: flagInclude}, {arg: "onlyJoined", field: "isJoined", flag: flagOnly},
		{arg: "excludeHidden", field: "hidden", flag: flagExclude}, {arg: "draft", field: "draft", flag: flagEqual}}
	if !reflect.DeepEqual(fr.filters, want) {
		t.Errorf("filters %+v, want %+v", fr.filters, want)
	}
}

func TestOptionalEntities(t *testing.T) {
	r := testRoles(t)
	for _, tc := range []struct {
		parent, field string
		optional      bool
	}{
		{"HeatPumpControllerConfiguration", "heatPump", false},
		{"HeatPumpControllerConfiguration", "exportMeter", false},
		{"ElectricityMeterType", "exportMeter", true},
		{"HeatPumpControllerType", "heatPump", false},
		{"HeatPumpControllerType", "exportMeter", true},
		{"Query", "account", false},
	} {
		def := r.schema.Types[tc.parent].Fields.ForName(tc.field)
		if got := r.field(tc.parent, def).optional; got != tc.optional {
			t.Errorf("%s.%s optional %v, want %v", tc.parent, tc.field, got, tc.optional)
		}
	}
}

func TestWords(t *testing.T) {
	tests := map[string][]string{
		"SmartFlexHeatPump":  {"smart", "flex", "heat", "pump"},
		"HEAT_PUMPS":         {"heat", "pump"},
		"BATTERIES":          {"battery"},
		"minimumSocPCT":      {"minimum", "soc", "pct"},
		"supplyEndDate":      {"supply", "end", "date"},
		"EVChargePoint":      {"ev", "charge", "point"},
		"TEN_SECONDS":        {"ten", "second"},
		"electricityMeterID": {"electricity", "meter", "id"},
	}
	for in, want := range tests {
		if got := words(in); !reflect.DeepEqual(got, want) {
			t.Errorf("words(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestPositionAndTense(t *testing.T) {
	positions := map[string]pos{
		"validFrom": posStart, "validTo": posEnd, "fromDate": posStart, "toDate": posEnd, "start": posStart, "end": posEnd,
		"issuedDate": posIssued, "dueDate": posDue, "createdAt": posCreated, "updatedAt": posUpdated, "readAt": posPoint,
		"supplyEndDate": posEnd, "startAt": posStart, "expiresAt": posEnd, "postedDate": posPoint,
	}
	for name, want := range positions {
		if got := position(words(name)); got != want {
			t.Errorf("position(%s) = %d, want %d", name, got, want)
		}
	}
	tenses := map[string]tense{
		"ON_SUPPLY": tenseOngoing, "ACTIVE": tenseOngoing, "LOST": tensePast, "OFF_SUPPLY": tensePast, "PENDING": tenseFuture,
		"NOT_STARTED": tenseFuture, "INACTIVE": tensePast, "COMPLETED": tensePast, "GAINING": tenseFuture, "WIBBLE": tenseNone,
	}
	for v, want := range tenses {
		if got := statusTense(v); got != want {
			t.Errorf("statusTense(%s) = %d, want %d", v, got, want)
		}
	}
}

func TestStepOf(t *testing.T) {
	tests := []struct {
		in   string
		want step
		ok   bool
	}{
		{"TEN_SECONDS", step{d: 10 * time.Second}, true},
		{"ONE_MINUTE", step{d: time.Minute}, true},
		{"FIVE_MINUTES", step{d: 5 * time.Minute}, true},
		{"HALF_HOURLY", step{d: 30 * time.Minute}, true},
		{"HOURLY", step{d: time.Hour}, true},
		{"DAY", step{days: 1}, true},
		{"WEEK", step{days: 7}, true},
		{"MONTH", step{months: 1}, true},
		{"QUARTER", step{months: 3}, true},
		{"QUARTER_INTERVAL", step{months: 3}, true},
		{"QUARTER_HOUR", step{d: 15 * time.Minute}, true},
		{"FIFTEEN_MIN_INTERVAL", step{d: 15 * time.Minute}, true},
		{"RAW_INTERVAL", step{}, false},
		{"YEAR", step{months: 12}, true},
		{"STATEMENT", step{}, false},
	}
	for _, tc := range tests {
		got, ok := stepOf(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("stepOf(%s) = %+v %v, want %+v %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNaturalSpan(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	for key := uint64(1); key < 200; key++ {
		for _, class := range []timeClass{lastsInstant, lastsHours, lastsMonth, lastsYears, lastsDays} {
			for _, tn := range []tense{tenseNone, tensePast, tenseOngoing, tenseFuture} {
				sp := naturalSpan(class, tn, key, now, now)
				if sp.end.Before(sp.start) {
					t.Fatalf("class %d tense %d: %v after %v", class, tn, sp.start, sp.end)
				}
				switch sp.tense {
				case tensePast:
					if sp.end.After(now) {
						t.Fatalf("class %d: a past span ends %v, after now", class, sp.end)
					}
				case tenseOngoing:
					if sp.start.After(now) || !sp.end.After(now) {
						t.Fatalf("class %d: an ongoing span %v–%v does not hold now", class, sp.start, sp.end)
					}
				case tenseFuture:
					if !sp.start.After(now) {
						t.Fatalf("class %d: a future span starts %v", class, sp.start)
					}
				}
				d := sp.end.Sub(sp.start)
				if class == lastsHours && (d < 30*time.Minute || d > 4*time.Hour) || class == lastsYears && d < 90*24*time.Hour {
					t.Fatalf("class %d lasts %v", class, d)
				}
				if p, _ := at(sp, posIssued, key, now); class == lastsMonth && !p.After(sp.end) {
					t.Fatalf("issued %v, not after the period's end %v", p, sp.end)
				}
			}
		}
	}
}

func TestSlicePage(t *testing.T) {
	n := func(i int) optInt { return optInt{n: i, ok: true} }
	c := func(i int) optString { return optString{s: Cursor(i), ok: true} }
	bad := optString{s: "not a cursor", ok: true}
	tests := []struct {
		name             string
		q                pageQuery
		start, end       int
		hasPrev, hasNext bool
	}{
		{name: "all", start: 0, end: 10},
		{name: "first 3", q: pageQuery{first: n(3)}, start: 0, end: 3, hasNext: true},
		{name: "first 3 after 2", q: pageQuery{first: n(3), after: c(2)}, start: 3, end: 6, hasNext: true},
		{name: "first 5 after 7", q: pageQuery{first: n(5), after: c(7)}, start: 8, end: 10},
		{name: "last 2", q: pageQuery{last: n(2)}, start: 8, end: 10, hasPrev: true},
		{name: "last 2 before 5", q: pageQuery{last: n(2), before: c(5)}, start: 3, end: 5, hasPrev: true},
		{name: "last 9 before 5", q: pageQuery{last: n(9), before: c(5)}, start: 0, end: 5},
		{name: "first 0", q: pageQuery{first: n(0)}, start: 0, end: 0, hasNext: true},
		{name: "offset 4 first 2", q: pageQuery{offset: n(4), first: n(2)}, start: 4, end: 6, hasNext: true},
		{name: "after the end", q: pageQuery{first: n(2), after: c(40)}, start: 10, end: 10},
		{name: "bad cursor ignored", q: pageQuery{first: n(2), after: bad}, start: 0, end: 2, hasNext: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := slicePage(10, tc.q)
			want := page{start: tc.start, end: tc.end, hasPrev: tc.hasPrev, hasNext: tc.hasNext}
			if p != want {
				t.Errorf("got %+v, want %+v", p, want)
			}
		})
	}
}

func TestGlobalIDs(t *testing.T) {
	tests := []struct {
		in      string
		typ, id string
		ok      bool
	}{
		{GlobalID("ElectricityMeterType", "3010001"), "ElectricityMeterType", "3010001", true},
		{"RWxlY3RyaWNpdHlNZXRlclR5cGU6MzAxMDAwMQ", "ElectricityMeterType", "3010001", true},
		{"ElectricityMeterType:3010001", "ElectricityMeterType", "3010001", true},
		{"3010001", "", "", false},
		{"OjEyMw==", "", "", false},
		{"Bad Type:1", "", "", false},
	}
	for _, tc := range tests {
		typ, id, ok := ParseGlobalID(tc.in)
		if typ != tc.typ || id != tc.id || ok != tc.ok {
			t.Errorf("ParseGlobalID(%q) = %q %q %v, want %q %q %v", tc.in, typ, id, ok, tc.typ, tc.id, tc.ok)
		}
	}
	if off, ok := CursorOffset(Cursor(42)); !ok || off != 42 {
		t.Errorf("a cursor does not round-trip: %d %v", off, ok)
	}
}

func TestMeterIDs(t *testing.T) {
	args := map[string]any{
		"deviceId":       "00-11",
		"accountNumber":  "A-1",
		"mpxn":           "1013",
		"utilityFilters": []any{map[string]any{"electricityFilters": map[string]any{"marketSupplyPointId": "2000", "registerId": "R1"}}, map[string]any{"gasFilters": map[string]any{"deviceId": "GS-1"}}},
		"first":          10,
	}
	got := meterIDs(args, 0, nil)
	sort.Strings(got)
	if want := []string{"00-11", "1013", "2000", "GS-1"}; !slices.Equal(got, want) {
		t.Errorf("meter ids %v, want %v", got, want)
	}
}
