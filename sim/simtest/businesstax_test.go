package simtest_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// heavyUse gives meter the readings of 120 kWh a day through October 2026 (2.5 kWh a
// half hour), as a large user's smart meter reads; with only, no others.
func heavyUse(m *sim.ElectricityMeter, only bool) {
	at := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	reads := []sim.MeterReading{{ReadAt: at, Value: 10000, Source: "SMART"}, {ReadAt: at.AddDate(0, 0, 30), Value: 10000 + 2.5*48*30, Source: "SMART"}}
	if !only {
		reads = append(m.Readings, reads...)
	}
	m.Readings = reads
}

// bigShop makes the business's shop use 120 kWh a day (its smart meter's readings 2.5 kWh
// a half hour apart through October 2026), over HMRC's de minimis 33 kWh, while its
// workshop stays under it; with gas, the shop is supplied the demo household's gas
// point too (796 kWh in November, under gas's 145 kWh a day).
func bigShop(gas bool) func(*sim.World) {
	return func(w *sim.World) {
		shop := &w.Account("A-B1A2C3D4").Properties[0]
		heavyUse(&shop.ElectricityMeterPoints[0].Meters[0], false)
		if gas {
			shop.GasMeterPoints = append(shop.GasMeterPoints, w.Account("A-C90DC431").Properties[0].GasMeterPoints...)
		}
	}
}

// TestOctopusBusinessSuppliesTaxedApartPostApart reads the transactions of a business
// whose shop is over de minimis and whose workshop is under it, with gas between them:
// each supply's charge of a month is its own (the workshop's electricity the "-2" of the
// ledger's), one bank transfer paying the statement's charges on its one ledger, no two
// transactions sharing an id.
func TestOctopusBusinessSuppliesTaxedApartPostApart(t *testing.T) {
	srv, _ := octopus(t, bigShop(true))
	c := srv.Client(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	got := mustQuery(t, c)(`{ account(accountNumber: "A-B1A2C3D4") { transactions(fromDate: "2026-11-01", toDate: "2026-12-01") {
		edges { node { __typename id postedDate amount } } } } }`, nil)
	seen, ids := map[string]bool{}, ""
	for _, e := range simtest.Get(got, "account", "transactions", "edges").([]any) {
		id := fmt.Sprint(simtest.Get(e, "node", "id"))
		if seen[id] {
			t.Errorf("two transactions %s", id)
		}
		seen[id], ids = true, ids+" "+id
	}
	if want := " C20261130E6100006-2 C20261130G6100006 C20261130E6100006 P328400050"; ids != want {
		t.Errorf("November's transactions:%s, want%s", ids, want)
	}
}

// chargeFigures reads an account's charges posted from one day to another, both included
// (kWh, net, tax, gross by id), its latest statement and its balance.
func chargeFigures(t *testing.T, c *simtest.Client, account, from, to string) (map[string][4]float64, any, any) {
	t.Helper()
	got := mustQuery(t, c)(`query($a: String!, $f: Date!, $t: Date!) { account(accountNumber: $a) { balance
		transactions(fromDate: $f, toDate: $t) { edges { node { __typename id amounts { net tax gross } ... on Charge { consumption { quantity } } } } }
		bills(first: 1) { edges { node { ... on StatementType { fromDate toDate openingBalance closingBalance totalCharges { netTotal taxTotal grossTotal } } } } } } }`,
		map[string]any{"a": account, "f": from, "t": nextDay(t, to)})
	charges := map[string][4]float64{}
	for _, e := range simtest.Get(got, "account", "transactions", "edges").([]any) {
		n := simtest.Get(e, "node")
		if simtest.Get(n, "__typename") == "Charge" {
			charges[fmt.Sprint(simtest.Get(n, "id"))] = [4]float64{number(t, simtest.Get(n, "consumption", "quantity")),
				number(t, simtest.Get(n, "amounts", "net")), number(t, simtest.Get(n, "amounts", "tax")), number(t, simtest.Get(n, "amounts", "gross"))}
		}
	}
	return charges, simtest.Get(got, "account", "bills", "edges", 0, "node"), simtest.Get(got, "account", "balance")
}

// taxOf is the tax on a charge of net pence for kWh, worked as a supplier's bill does:
// Climate Change Levy at levy pence a kWh, to the penny, and VAT at vat on the net and
// the levy together, to the penny.
func taxOf(kwh, net, levy, vat float64) float64 {
	ccl := math.Round(kwh * levy)
	return ccl + math.Round((net+ccl)*vat)
}

// TestOctopusLargeBusinessPaysClimateChangeLevy reads the statements of a business whose
// shop uses 120 kWh a day, over HMRC's de minimis 33, and whose workshop uses under it:
// the shop's electricity pays Climate Change Levy at the main rate of its days (0.775p a
// kWh to March 2026, 0.801p from 1 April 2026, gov.uk's Climate Change Levy rates) and
// VAT at 20% on its net and the levy; the workshop's, a charge of its own, VAT at 5% and
// no levy. November's statement totals its charges and, with what was paid in it, moves
// the balance from its opening to its closing, the account's balance.
func TestOctopusLargeBusinessPaysClimateChangeLevy(t *testing.T) {
	srv, _ := octopus(t, bigShop(false))
	c := srv.Client(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	for _, tc := range []struct {
		day, id              string
		kwh, net, tax, gross float64
		levy, vat            float64
	}{
		// 4079.55 kWh x 0.775p = 3162p of levy; 20% VAT on 117925p + 3162p = 24217p.
		{"2026-03-31", "C20260331E6100006", 4079.55, 117925, 27379, 145304, 0.775, 0.2},
		// 3595.27 kWh x 0.801p = 2880p; 20% of 92613p + 2880p = 19099p.
		{"2026-04-30", "C20260430E6100006", 3595.27, 92613, 21979, 114592, 0.801, 0.2},
		// 3960.22 kWh x 0.801p = 3172p; 20% of 105018p + 3172p = 21638p.
		{"2026-11-30", "C20261130E6100006", 3960.22, 105018, 24810, 129828, 0.801, 0.2},
		// The workshop: 5% of 16850p = 843p (842.5 rounded), no levy.
		{"2026-11-30", "C20261130E6100006-2", 587.94, 16850, 843, 17693, 0, 0.05},
	} {
		charges, _, _ := chargeFigures(t, c, "A-B1A2C3D4", tc.day, tc.day)
		got, ok := charges[tc.id]
		if want := [4]float64{tc.kwh, tc.net, tc.tax, tc.gross}; !ok || got != want {
			t.Errorf("%s: kWh, net, tax, gross %v, want %v (of %v)", tc.id, got, want, charges)
		}
		if tax := taxOf(got[0], got[1], tc.levy, tc.vat); got[2] != tax || got[1]+got[2] != got[3] {
			t.Errorf("%s: tax %v on %v kWh and %vp net, not %v", tc.id, got[2], got[0], got[1], tax)
		}
	}

	charges, statement, balance := chargeFigures(t, c, "A-B1A2C3D4", "2026-11-01", "2026-11-30")
	var net, tax, gross float64
	for id, ch := range charges {
		if id[:9] == "C20261130" {
			net, tax, gross = net+ch[1], tax+ch[2], gross+ch[3]
		}
	}
	totals := simtest.Get(statement, "totalCharges")
	if got := [3]float64{number(t, simtest.Get(totals, "netTotal")), number(t, simtest.Get(totals, "taxTotal")), number(t, simtest.Get(totals, "grossTotal"))}; got != [3]float64{net, tax, gross} || gross != 147521 {
		t.Errorf("November's statement charges %v; its charges %v, %v, %v", got, net, tax, gross)
	}
	// October's two charges, 122404p and 16799p, were paid by transfer on 16 November.
	opening, closing := number(t, simtest.Get(statement, "openingBalance")), number(t, simtest.Get(statement, "closingBalance"))
	if opening-gross+122404+16799 != closing || closing != number(t, balance) {
		t.Errorf("November's statement opens at %v, charges %v and closes at %v; the account's balance %v", opening, gross, closing, balance)
	}
}

// TestOctopusHomePaysNoClimateChangeLevy reads households' November charges: VAT at 5%
// of their net and no levy, the demo household's at the fixtures' use (its figures as
// before businesses' supplies were taxed each on its own), and the shop's as a home's
// at 132 kWh a day, over a business's de minimis.
func TestOctopusHomePaysNoClimateChangeLevy(t *testing.T) {
	for _, tc := range []struct {
		name, who, account string
		edit               func(*sim.World)
		want               map[string][4]float64
	}{
		{"the fixtures' home", "demo@krakensim.dev", "A-C90DC431", func(*sim.World) {}, map[string][4]float64{
			"C20261130E6100001": {238.08, 7339, 367, 7706}, "C20261130G6100002": {796.19, 5287, 264, 5551}}},
		{"the shop as a home", "business@krakensim.dev", "A-B1A2C3D4", func(w *sim.World) {
			bigShop(false)(w)
			w.Account("A-B1A2C3D4").AccountType = "DOMESTIC"
		}, map[string][4]float64{"C20261130E6100006": {3960.22 + 587.94, 103540 + 15372 + 2*1478, 6093, 127961}}}, // 5% of 121868p, one charge
	} {
		srv, _ := octopus(t, tc.edit)
		c := srv.Client(t)
		c.SignIn(tc.who, "krakensim")
		charges, statement, _ := chargeFigures(t, c, tc.account, "2026-11-30", "2026-11-30")
		if fmt.Sprint(charges) != fmt.Sprint(tc.want) {
			t.Errorf("%s: November's charges %v, want %v", tc.name, charges, tc.want)
		}
		var gross float64
		for id, ch := range charges {
			if tax := taxOf(ch[0], ch[1], 0, 0.05); ch[2] != tax || ch[1]+ch[2] != ch[3] {
				t.Errorf("%s: %s taxed %v on %vp, not %v", tc.name, id, ch[2], ch[1], tax)
			}
			gross += ch[3]
		}
		if got := number(t, simtest.Get(statement, "totalCharges", "grossTotal")); got != gross {
			t.Errorf("%s: November's statement charges %v; its charges %v", tc.name, got, charges)
		}
	}
}

// TestOctopusBusinessMeasurementCostsAreTaxedBySupply reads an hour's cost of each of a
// business's supplies, the shop over de minimis and the workshop under it: each taxed as
// its statements charge its VAT, the shop's at 20%, the workshop's at 5%.
func TestOctopusBusinessMeasurementCostsAreTaxedBySupply(t *testing.T) {
	srv, _ := octopus(t, bigShop(false))
	c := srv.Client(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	got := mustQuery(t, c)(`{ account(accountNumber: "A-B1A2C3D4") { properties { measurements(first: 1,
		startAt: "2026-11-20T12:00:00Z", endAt: "2026-11-20T13:00:00Z", utilityFilters: [{electricityFilters: {readingFrequencyType: HOUR_INTERVAL}}]) {
		edges { node { metaData { statistics { type costExclTax { estimatedAmount } costInclTax { estimatedAmount } } } } } } } } }`, nil)
	for i, vat := range []float64{1.2, 1.05} {
		stat := simtest.Get(got, "account", "properties", i, "measurements", "edges", 0, "node", "metaData", "statistics", 0)
		excl, incl := number(t, simtest.Get(stat, "costExclTax", "estimatedAmount")), number(t, simtest.Get(stat, "costInclTax", "estimatedAmount"))
		if simtest.Get(stat, "type") != "CONSUMPTION_COST" || excl <= 0 || math.Abs(incl-excl*vat) > 1e-4 {
			t.Errorf("property %d: %v excluding tax, %v including; want VAT at %v", i, excl, incl, vat)
		}
	}
}

// nextDay is the day after day (YYYY-MM-DD): transactions' toDate is exclusive.
func nextDay(t *testing.T, day string) string {
	t.Helper()
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	return d.AddDate(0, 0, 1).Format(time.DateOnly)
}

// statementLine is a business's charge of November 2026 as its statement lists it: its
// kWh, its use and standing charges before tax, and the rate of VAT charged on its net
// and its Climate Change Levy, to the percent.
type statementLine struct{ kwh, usage, standing, vat float64 }

// novemberLine reads the business's charge id of November 2026, levied at levy pence a
// kWh.
func novemberLine(t *testing.T, c *simtest.Client, id string, levy float64) statementLine {
	t.Helper()
	got := mustQuery(t, c)(`{ account(accountNumber: "A-B1A2C3D4") { transactions(fromDate: "2026-11-30", toDate: "2026-12-01") {
		edges { node { id amounts { net tax } ... on Charge { consumption { quantity usageCost supplyCharge } } } } } } }`, nil)
	for _, e := range simtest.Get(got, "account", "transactions", "edges").([]any) {
		if n := simtest.Get(e, "node"); simtest.Get(n, "id") == id {
			kwh, net, tax := number(t, simtest.Get(n, "consumption", "quantity")), number(t, simtest.Get(n, "amounts", "net")), number(t, simtest.Get(n, "amounts", "tax"))
			ccl := math.Round(kwh * levy)
			return statementLine{kwh, number(t, simtest.Get(n, "consumption", "usageCost")), number(t, simtest.Get(n, "consumption", "supplyCharge")),
				math.Round((tax-ccl)/(net+ccl)*100) / 100}
		}
	}
	t.Fatalf("no charge %s in November: %v", id, got)
	return statementLine{}
}

// businessLines are the shop's and the workshop's November charges: the shop's over de
// minimis, levied at 0.801p a kWh and charged VAT at 20%, the workshop's under it at 5%.
var businessLines = []struct {
	name, charge string
	levy, vat    float64
}{{"shop", "C20261130E6100006", 0.801, 0.2}, {"workshop", "C20261130E6100006-2", 0, 0.05}}

// TestOctopusBusinessAgreementPricesAreTaxedBySupply reads the prices of a business's
// agreements on one tariff, the shop over de minimis and the workshop under it: each
// price with VAT is its price before VAT at the VAT November's statement charged that
// supply (20% and 5%), so the two differ by exactly 15% of the one price before VAT,
// and the prices before VAT are the ones the statement charged its kWh and days at.
func TestOctopusBusinessAgreementPricesAreTaxedBySupply(t *testing.T) {
	srv, _ := octopus(t, bigShop(false))
	c := srv.Client(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	got := mustQuery(t, c)(`{ account(accountNumber: "A-B1A2C3D4") { properties { electricityMeterPoints { agreements {
		tariff { ... on StandardTariff { unitRate preVatUnitRate standingCharge preVatStandingCharge } } } } } } }`, nil)
	var prices [2][4]float64
	for i := range prices {
		tr := simtest.Get(got, "account", "properties", i, "electricityMeterPoints", 0, "agreements", 0, "tariff")
		prices[i] = [4]float64{number(t, simtest.Get(tr, "unitRate")), number(t, simtest.Get(tr, "preVatUnitRate")),
			number(t, simtest.Get(tr, "standingCharge")), number(t, simtest.Get(tr, "preVatStandingCharge"))}
	}
	shop, workshop := prices[0], prices[1]
	if shop[1] != workshop[1] || shop[3] != workshop[3] {
		t.Fatalf("one tariff's prices before VAT: shop %v, workshop %v", shop, workshop)
	}
	for i, tc := range businessLines {
		line, p := novemberLine(t, c, tc.charge, tc.levy), prices[i]
		if line.vat != tc.vat {
			t.Errorf("%s: November's statement charged VAT at %v, want %v", tc.name, line.vat, tc.vat)
		}
		if math.Abs(p[0]-p[1]*(1+line.vat)) > 1e-6 || math.Abs(p[2]-p[3]*(1+line.vat)) > 1e-6 {
			t.Errorf("%s: prices %v with VAT, not at the statement's %v", tc.name, p, line.vat)
		}
		if math.Round(line.kwh*p[1]) != line.usage || math.Round(30*p[3]) != line.standing {
			t.Errorf("%s: November's %v kWh and 30 days charged %vp and %vp, not at %v", tc.name, line.kwh, line.usage, line.standing, p)
		}
	}
	if d := shop[2] - workshop[2]; math.Abs(d-0.15*shop[3]) > 1e-6 {
		t.Errorf("standing charges with VAT differ by %v, not 15%% of %v", d, shop[3])
	}
}

// TestOctopusBusinessApplicableRatesAreTheStatements reads applicableRates of the
// business's shop, over de minimis, and its workshop, under it: each is its tariff's
// rate before VAT, the one November's statement charged that supply's kWh at, whatever
// VAT the statement then charged on it.
func TestOctopusBusinessApplicableRatesAreTheStatements(t *testing.T) {
	srv, _ := current(t, bigShop(false))
	c := srv.Client(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	for i, mpan := range []string{"1600155283015", "1600155283186"} {
		got := mustQuery(t, c)(`query($m: String!) { applicableRates(accountNumber: "A-B1A2C3D4", mpxn: $m, startAt: "2026-11-10T00:00:00Z",
			endAt: "2026-11-11T00:00:00Z", first: 10) { edges { node { value } } } }`, map[string]any{"m": mpan})
		edges := simtest.Get(got, "applicableRates", "edges").([]any)
		line := novemberLine(t, c, businessLines[i].charge, businessLines[i].levy)
		if len(edges) != 1 || math.Round(line.kwh*number(t, simtest.Get(edges[0], "node", "value"))) != line.usage {
			t.Errorf("%s: rates %v; November's %v kWh charged %vp", businessLines[i].name, edges, line.kwh, line.usage)
		}
	}
}

// TestOctopusBusinessQuotesAreTaxedBySupply quotes the business's shop, over de minimis,
// and its workshop, under it, on their own product, by quoteAccountOnProducts and by
// requote of each property: each label's prices with VAT are the prices November's
// statement charged that supply's kWh and days at, with the VAT it charged on them (20%
// and 5%), so the two supplies' unit rates differ by exactly 15% of the rate before VAT.
func TestOctopusBusinessQuotesAreTaxedBySupply(t *testing.T) {
	srv, _ := octopus(t, bigShop(false))
	c := srv.Client(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	q := mustQuery(t, c)
	named := q(`mutation { quoteAccountOnProducts(input: {accountNumber: "A-B1A2C3D4", electricityMeterPointsInput: [
		{mpan: "1600155283015", productsInput: [{code: "BUS-VAR-23-04-01"}]}, {mpan: "1600155283186", productsInput: [{code: "BUS-VAR-23-04-01"}]}]}) {
		quoteRequest { electricitySupplyPoints { mpan quotedProducts { electricityTariffInformationLabel {
		... on ProductTariffInformationLabelStandard { unitRate standingCharge } } } } } } }`, nil)
	points := simtest.Get(named, "quoteAccountOnProducts", "quoteRequest", "electricitySupplyPoints").([]any)
	const requote = `mutation($p: ID!) { requote(input: {accountNumber: "A-B1A2C3D4", propertyId: $p, paymentMethod: ONRECEIPT}) {
		quote { quotedProducts { product { code } electricityTariffInformationLabel { ... on TariffInformationLabelStandard { unitRate standingCharge } } } } } }`
	var rates [2]float64
	for i, tc := range businessLines {
		line := novemberLine(t, c, tc.charge, tc.levy)
		labels := []any{simtest.Get(points[i], "quotedProducts", 0, "electricityTariffInformationLabel")}
		for _, p := range simtest.Get(q(requote, map[string]any{"p": []string{"2214534", "2214535"}[i]}), "requote", "quote", "quotedProducts").([]any) {
			if simtest.Get(p, "product", "code") == "BUS-VAR-23-04-01" {
				labels = append(labels, simtest.Get(p, "electricityTariffInformationLabel"))
			}
		}
		if len(labels) != 2 || simtest.Get(points[i], "mpan") != []string{"1600155283015", "1600155283186"}[i] {
			t.Fatalf("%s: quoted %v", tc.name, labels)
		}
		for _, l := range labels {
			unit, standing := number(t, simtest.Get(l, "unitRate")), number(t, simtest.Get(l, "standingCharge"))
			if math.Round(line.kwh*unit/(1+tc.vat)) != line.usage || math.Round(30*standing/(1+tc.vat)) != line.standing || line.vat != tc.vat {
				t.Errorf("%s: quoted %v and %v with VAT; November charged %v kWh %vp and 30 days %vp, VAT at %v", tc.name, unit, standing, line.kwh, line.usage, line.standing, line.vat)
			}
			rates[i] = unit
		}
	}
	if pre := rates[1] / 1.05; math.Abs(rates[0]-rates[1]-0.15*pre) > 1e-4 {
		t.Errorf("unit rates %v differ by %v, not 15%% of %v", rates, rates[0]-rates[1], pre)
	}
}

// TestOctopusBusinessReviewIsTaxedBySupply reviews the payments of a business whose shop
// is over de minimis and whose workshop and gas are under it: November's cost of each
// supply in livePaymentAdequacy is what November's statement charged it, the shop's
// with Climate Change Levy and 20% VAT, the workshop's and the gas's at 5% (to the
// penny its standing charge is rounded to); and an hour of the gas's measured cost
// carries 5% VAT, as its statement charges it, not the shop's 20%.
func TestOctopusBusinessReviewIsTaxedBySupply(t *testing.T) {
	srv, _ := current(t, bigShop(true))
	c := srv.Client(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	charges, _, _ := chargeFigures(t, c, "A-B1A2C3D4", "2026-11-30", "2026-11-30")
	got := mustQuery(t, c)(`{ livePaymentAdequacy(accountNumber: "A-B1A2C3D4") { estimatedConsumption { sourceId usage } } }`, nil)
	reviewed := map[string]float64{}
	for _, s := range simtest.Get(got, "livePaymentAdequacy", "estimatedConsumption").([]any) {
		reviewed[fmt.Sprint(simtest.Get(s, "sourceId"))] = number(t, simtest.Get(s, "usage", 10))
	}
	for point, charge := range map[string]string{"1600155283015": "C20261130E6100006", "1600155283186": "C20261130E6100006-2", "3406086401": "C20261130G6100006"} {
		if gross := charges[charge][3]; gross == 0 || math.Abs(reviewed[point]-gross) > 1 {
			t.Errorf("%s: November reviewed at %v; its statement charged %v", point, reviewed[point], gross)
		}
	}
	got = mustQuery(t, c)(`{ account(accountNumber: "A-B1A2C3D4") { properties { measurements(first: 1,
		startAt: "2026-11-20T12:00:00Z", endAt: "2026-11-20T13:00:00Z", utilityFilters: [{gasFilters: {readingFrequencyType: HOUR_INTERVAL}}]) {
		edges { node { metaData { statistics { type costExclTax { estimatedAmount } costInclTax { estimatedAmount } } } } } } } } }`, nil)
	stat := simtest.Get(got, "account", "properties", 0, "measurements", "edges", 0, "node", "metaData", "statistics", 0)
	excl, incl := number(t, simtest.Get(stat, "costExclTax", "estimatedAmount")), number(t, simtest.Get(stat, "costInclTax", "estimatedAmount"))
	if excl <= 0 || math.Abs(incl-excl*1.05) > 1e-4 {
		t.Errorf("the gas's hour: %v excluding tax, %v including; want 5%% VAT", excl, incl)
	}
}

// TestOctopusBusinessBalanceCarriedForwardRuns reads a business's transactions of 2026,
// its shop over de minimis and its workshop and gas under it (three charges a month,
// one bank transfer paying them): each transaction's balanceCarriedForward is the one
// before it (oldest first, as listed newest first) less a charge or plus a payment, and
// the latest's is the account's balance.
func TestOctopusBusinessBalanceCarriedForwardRuns(t *testing.T) {
	srv, _ := octopus(t, bigShop(true))
	c := srv.Client(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	got := mustQuery(t, c)(`{ account(accountNumber: "A-B1A2C3D4") { balance transactions(fromDate: "2025-12-31", toDate: "2026-12-01", first: 100) {
		edges { node { __typename id amount balanceCarriedForward } } } } }`, nil)
	edges := simtest.Get(got, "account", "transactions", "edges").([]any)
	if len(edges) < 36 {
		t.Fatalf("%d transactions in 2026", len(edges))
	}
	for i := len(edges) - 2; i >= 0; i-- {
		n, before := simtest.Get(edges[i], "node"), number(t, simtest.Get(edges[i+1], "node", "balanceCarriedForward"))
		amount := number(t, simtest.Get(n, "amount"))
		if simtest.Get(n, "__typename") == "Charge" {
			amount = -amount
		}
		if after := number(t, simtest.Get(n, "balanceCarriedForward")); after != before+amount {
			t.Errorf("%v: carries %v forward, not %v%+v", simtest.Get(n, "id"), after, before, amount)
		}
	}
	if latest := simtest.Get(edges[0], "node", "balanceCarriedForward"); number(t, latest) != number(t, simtest.Get(got, "account", "balance")) {
		t.Errorf("the latest transaction carries %v forward; the balance is %v", latest, simtest.Get(got, "account", "balance"))
	}
}

// TestOctopusBusinessQuotesCarryClimateChangeLevy: the shop is over de minimis, so its
// statements charge Climate Change Levy on its use, with 20% VAT on it; a quote's annual
// amount for the shop carries the levy on its year's use at today's rate (0.801p/kWh)
// beside its prices with VAT, and smartTariffComparison's cost with tax the levy on the
// year's use (0.775p to 0.801p a kWh, each day's rate), while the workshop under it has
// none in either.
func TestOctopusBusinessQuotesCarryClimateChangeLevy(t *testing.T) {
	srv, _ := octopus(t, bigShop(false))
	c := srv.Client(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	q := mustQuery(t, c)
	for _, tc := range []struct {
		name, mpan string
		levy, vat  float64
	}{{"the shop", "1600155283015", 0.801, 0.2}, {"the workshop", "1600155283186", 0, 0.05}} {
		quoted := q(`mutation($mpan: String!) { quoteAccountOnProducts(input: {accountNumber: "A-B1A2C3D4", electricityMeterPointsInput: [
			{mpan: $mpan, productsInput: [{code: "BUS-VAR-23-04-01"}]}]}) { quoteRequest { electricitySupplyPoints {
			annualConsumption { ... on ElectricityConsumptionStandard { consumption } } quotedProducts { annualAmount
			electricityTariffInformationLabel { ... on ProductTariffInformationLabelStandard { unitRate standingCharge } } } } } } }`, map[string]any{"mpan": tc.mpan})
		point := simtest.Get(quoted, "quoteAccountOnProducts", "quoteRequest", "electricitySupplyPoints", 0)
		kwh := number(t, simtest.Get(point, "annualConsumption", "consumption"))
		label := simtest.Get(point, "quotedProducts", 0, "electricityTariffInformationLabel")
		unit, standing := number(t, simtest.Get(label, "unitRate")), number(t, simtest.Get(label, "standingCharge"))
		annual := number(t, simtest.Get(point, "quotedProducts", 0, "annualAmount"))
		if want := kwh*unit + 365*standing + kwh*tc.levy*(1+tc.vat); kwh <= 0 || math.Abs(annual-want) > 0.001*want {
			t.Errorf("%s: quoted %v a year for %v kWh at %vp and %vp a day; want %.0f, with levy at %vp", tc.name, annual, kwh, unit, standing, want, tc.levy)
		}

		compared := q(`query($mpan: String!) { smartTariffComparison(mpan: $mpan) { currentCost currentCostWithTax } }`, map[string]any{"mpan": tc.mpan})
		net, gross := number(t, simtest.Get(compared, "smartTariffComparison", "currentCost")), number(t, simtest.Get(compared, "smartTariffComparison", "currentCostWithTax"))
		perKWh := (gross/(1+tc.vat) - net) * 100 / kwh
		if low, high := tc.levy*0.775/0.801-0.01, tc.levy+0.01; net <= 0 || perKWh < low || perKWh > high {
			t.Errorf("%s: compared at %v before tax and %v with it, %.3fp a kWh of levy; want %.3f to %.3f", tc.name, net, gross, perKWh, low, high)
		}
	}
}
