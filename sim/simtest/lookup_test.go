package simtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusAddressLookupIsTheStreet looks a postcode up as a sign-up does: the homes
// at it are the demo household and its neighbours on its street, each address one
// home's (its lines, display and key agree, its house number and street make its first
// line, its MPAN is of the postcode's region and has a good check digit), the demo
// household's supplies its own; the UPRN an MPAN gives is its home's; a postcode that
// is not one has no homes.
func TestOctopusAddressLookupIsTheStreet(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	data := q(`{ addresses(postcode: "nr31ab") { totalCount edges { node { addressKey addressType display gspGroupId line1 line2 line3 line4 line5 postcode houseNumber streetName
			hasPrepaidMeters electricityMeterPoints { mpan profileClass } gasMeterPoints { mprn } } } }
		getAddressesByPostcode(postcode: "NR3 1AB") { uprn addressLine1 display addressKey }
		getUprnByMpan(mpan: "1013004420117") { uprn }
		multipleElectricityMeterPointsForAddress(address: {addressLine1: "41  octopus lane", addressLine2: "", addressLine3: "", town: "Norwich", county: "", postcode: "NR3 1AB"}) {
			addressHasMoreThanOneElectricityMeterPoint electricityMeterPoints addressLine1 postcode }
		nowhere: addresses(postcode: "NOT A CODE") { totalCount }
		london: getAddressesByPostcode(postcode: "SW1A 1AA") { display } }`, nil)
	edges := simtest.Get(data, "addresses", "edges").([]any)
	if n := len(edges); n < 8 || float64(n) != simtest.Get(data, "addresses", "totalCount") {
		t.Fatalf("NR3 1AB has %d homes", n)
	}
	byPostcode := simtest.Get(data, "getAddressesByPostcode").([]any)
	if len(byPostcode) != len(edges) {
		t.Errorf("addresses lists %d homes, getAddressesByPostcode %d", len(edges), len(byPostcode))
	}
	demo := -1
	last := 0
	for i, e := range edges {
		a := simtest.Get(e, "node").(map[string]any)
		lines := []string{}
		for _, k := range []string{"line1", "line2", "line3", "line4", "line5"} {
			if l := a[k].(string); l != "" {
				lines = append(lines, l)
			}
		}
		if got, want := a["display"], strings.Join(append(lines, "NR3 1AB"), ", "); got != want || a["postcode"] != "NR3 1AB" || a["addressKey"] != strings.ToUpper(strings.ReplaceAll(strings.Join(append(lines, "NR3 1AB"), ""), " ", "")) {
			t.Errorf("home %d: display %q, key %v, postcode %v; its lines say %q", i, got, a["addressKey"], a["postcode"], want)
		}
		if got := fmt.Sprint(a["houseNumber"], " ", a["streetName"]); got != a["line1"] || a["streetName"] != "Octopus Lane" || a["line4"] != "Norwich" {
			t.Errorf("home %d: number and street %q, first line %v, town %v", i, got, a["line1"], a["line4"])
		}
		var n int
		fmt.Sscan(a["houseNumber"].(string), &n)
		if n <= last {
			t.Errorf("house %d listed after %d", n, last)
		}
		last = n
		mpan := simtest.Get(a, "electricityMeterPoints", 0, "mpan").(string)
		if a["gspGroupId"] != "_A" || !strings.HasPrefix(mpan, "10") || !goodMPAN(mpan) || a["addressType"] != "DOMESTIC" || a["hasPrepaidMeters"] != false {
			t.Errorf("home %d in %v: MPAN %v, %v, prepaid %v", i, a["gspGroupId"], mpan, a["addressType"], a["hasPrepaidMeters"])
		}
		if simtest.Get(byPostcode[i], "display") != a["display"] || simtest.Get(byPostcode[i], "addressKey") != a["addressKey"] {
			t.Errorf("home %d: getAddressesByPostcode says %v", i, byPostcode[i])
		}
		if a["line1"] == "41 Octopus Lane" {
			demo = i
			if got := fmt.Sprint(mpan, " ", simtest.Get(a, "gasMeterPoints", 0, "mprn")); got != "1013004420117 3406086401" {
				t.Errorf("the demo home's supplies: %s", got)
			}
		}
	}
	if demo < 0 {
		t.Fatal("the demo household is not at its postcode")
	}
	if got, want := simtest.Get(data, "getUprnByMpan", "uprn"), simtest.Get(byPostcode[demo], "uprn"); got != want || got == nil {
		t.Errorf("the demo MPAN's UPRN is %v, its home's %v", got, want)
	}
	uprns := map[any]bool{}
	for _, h := range byPostcode {
		uprns[simtest.Get(h, "uprn")] = true
	}
	if len(uprns) != len(byPostcode) {
		t.Errorf("%d homes share %d UPRNs", len(byPostcode), len(uprns))
	}
	if got := spaced(simtest.Get(data, "multipleElectricityMeterPointsForAddress", "addressHasMoreThanOneElectricityMeterPoint"),
		simtest.Get(data, "multipleElectricityMeterPointsForAddress", "electricityMeterPoints"),
		simtest.Get(data, "multipleElectricityMeterPointsForAddress", "addressLine1"), simtest.Get(data, "multipleElectricityMeterPointsForAddress", "postcode")); got != "false <nil> 41 Octopus Lane NR3 1AB" {
		t.Errorf("the demo home's meter points by address: %s", got)
	}
	if got := simtest.Get(data, "nowhere", "totalCount"); got != 0.0 {
		t.Errorf("a postcode that is not one has %v homes", got)
	}
	if got := simtest.Get(data, "london", 0, "display").(string); !strings.HasSuffix(got, ", London, Greater London, SW1A 1AA") {
		t.Errorf("a London home: %q", got)
	}
}

// goodMPAN reports whether an MPAN core's last digit is its check digit.
func goodMPAN(mpan string) bool {
	primes := []int{3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43}
	if len(mpan) != 13 {
		return false
	}
	sum := 0
	for i, p := range primes {
		sum += int(mpan[i]-'0') * p
	}
	return int(mpan[12]-'0') == sum%11%10
}

// TestOctopusWANCoverageIsTheStreet checks the network's reach as an installer's booking
// does: a postcode's strength is its homes' likelihood, every home the address lookup
// lists is reported by its UPRN (and alone when named), reached by cellular in the
// east and by long range radio in Scotland; where coverage is low, some homes wait for
// it, with a day it is due.
func TestOctopusWANCoverageIsTheStreet(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	data := q(`{ wanCoverage(postcode: "NR3 1AB") wanCoverageDetail(postcode: "nr31ab") { postcode addressIdentifier isCoverageAvailable wanTechnology connectivityLikelihood }
		getAddressesByPostcode(postcode: "NR3 1AB") { uprn } glasgow: wanCoverageDetail(postcode: "G2 1AA") { wanTechnology } }`, nil)
	homes := simtest.Get(data, "getAddressesByPostcode").([]any)
	details := simtest.Get(data, "wanCoverageDetail").([]any)
	if len(details) != len(homes) {
		t.Fatalf("%d homes, %d coverage reports", len(homes), len(details))
	}
	strength := simtest.Get(data, "wanCoverage").(string)
	for i, d := range details {
		want := spaced("NR3 1AB", simtest.Get(homes[i], "uprn"), true, "Cellular", strength[:1]+strings.ToLower(strength[1:]))
		if got := spaced(simtest.Get(d, "postcode"), simtest.Get(d, "addressIdentifier"), simtest.Get(d, "isCoverageAvailable"), simtest.Get(d, "wanTechnology"), simtest.Get(d, "connectivityLikelihood")); got != want {
			t.Errorf("home %d: %s, want %s", i, got, want)
		}
	}
	if got := simtest.Get(data, "glasgow", 0, "wanTechnology"); got != "Long Range Radio" {
		t.Errorf("a Glasgow home is reached by %v", got)
	}
	one := q(`query($u: String) { wanCoverageDetail(postcode: "NR3 1AB", addressIdentifier: $u) { addressIdentifier } }`, map[string]any{"u": simtest.Get(homes[2], "uprn")})
	if got := simtest.Get(one, "wanCoverageDetail").([]any); len(got) != 1 || simtest.Get(got[0], "addressIdentifier") != simtest.Get(homes[2], "uprn") {
		t.Errorf("the third home's report alone: %v", got)
	}
	for n := 1; n < 400; n++ {
		pc := fmt.Sprintf("LS%d %dAB", n%30+1, n%10)
		low := q(`query($p: String!) { wanCoverage(postcode: $p) wanCoverageDetail(postcode: $p) { isCoverageAvailable anticipatedCoverageAt } }`, map[string]any{"p": pc})
		if simtest.Get(low, "wanCoverage") != "LOW" {
			continue
		}
		waiting := 0
		for _, d := range simtest.Get(low, "wanCoverageDetail").([]any) {
			due, _ := simtest.Get(d, "anticipatedCoverageAt").(string)
			if (simtest.Get(d, "isCoverageAvailable") == false) != (due > "2026-12-02") {
				t.Errorf("%s: a home covered %v, due %q", pc, simtest.Get(d, "isCoverageAvailable"), due)
			}
			if due != "" {
				waiting++
			}
		}
		if waiting == 0 {
			t.Errorf("%s is LOW, yet every home is reached", pc)
		}
		return
	}
	t.Error("no LOW postcode among 400")
}

// TestOctopusAgreementByIDIsTheAccounts looks agreements up by id: the one the account
// lists, of its fuel only, refused on another's account whichever fuel is asked and null
// for an id state does not hold.
func TestOctopusAgreementByIDIsTheAccounts(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	listed := q(`{ account(accountNumber: "A-C90DC431") { electricityAgreements { id validFrom meterPoint { mpan } } gasAgreements { id validFrom } } }`, nil)
	for _, fuel := range []string{"electricity", "gas"} {
		for _, ag := range simtest.Get(listed, "account", fuel+"Agreements").([]any) {
			id := simtest.Get(ag, "id")
			got := q(fmt.Sprintf(`query($id: ID!) { one: %sAgreement(id: $id) { id validFrom ... on ElectricityAgreementType { meterPoint { mpan } } } other: %sAgreement(id: $id) { id } }`,
				fuel, map[string]string{"electricity": "gas", "gas": "electricity"}[fuel]), map[string]any{"id": fmt.Sprint(id)})
			if fmt.Sprint(got["one"]) != fmt.Sprint(ag) || got["other"] != nil {
				t.Errorf("%s agreement %v: %v, want %v and no %v", fuel, id, got["one"], ag, got["other"])
			}
		}
	}
	if got := q(`{ electricityAgreement(id: 1) { id } }`, nil); got["electricityAgreement"] != nil {
		t.Errorf("an agreement nobody has: %v", got)
	}
	c.SignIn("other@krakensim.dev", "krakensim")
	theirs := simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-0F4A2B19") { electricityAgreements { id } } }`, nil), "account", "electricityAgreements").([]any)
	c.SignIn("demo@krakensim.dev", "krakensim")
	for _, fuel := range []string{"electricity", "gas"} {
		r := c.Query(fmt.Sprintf(`query($id: ID!) { %sAgreement(id: $id) { id } }`, fuel), map[string]any{"id": simtest.Get(theirs[0], "id")})
		if len(r.Errors) != 1 || r.Errors[0].Extensions["errorCode"] != "KT-CT-1111" {
			t.Errorf("someone else's electricity agreement as %s: %+v", fuel, r)
		}
	}
}

// TestStaffLookupsAreRefused asks the lookups Kraken keeps for the supplier's staff
// (an engineer's booking tool's siteworks searches, accountsSearch) as a customer would, of their own
// supply and another's, and anonymously: each is refused alike, Unauthorized signed in
// and for want of a header without, and tells nothing of the account.
func TestStaffLookupsAreRefused(t *testing.T) {
	srv, c := octopus(t)
	anonymous := srv.Client(t)
	for _, q := range []string{
		`{ siteworksBookingAccountSearchByNumber(accountNumber: "A-C90DC431") { number billingName } }`,
		`{ siteworksBookingAccountSearchByNumber(accountNumber: "A-0F4A2B19") { number billingName } }`,
		`{ siteworksBookingAccountSearchByMpan(mpan: "1013004420117") { number billingName } }`,
		`{ siteworksBookingAccountSearchByMpan(mpan: "1200019374620") { number billingName } }`,
		`{ siteworksBookingAccountSearchByMprn(mprn: "7429915102") { number billingName } }`,
		`{ siteworksBookingAccountSearchByPostcode(postcode: "SE1 7PB", first: 5) { edges { node { number billingName } } } }`,
		`{ accountsSearch(searchTerms: {accountNumber: "A-C90DC431"}) { score account { number } } }`,
		`{ accountsSearch(searchTerms: {accountNumber: "A-0F4A2B19"}) { score account { number } } }`,
		`{ accountsSearch(searchTerms: {mpan: "1200019374620"}) { score account { number } } }`,
	} {
		for _, who := range []struct {
			c    *simtest.Client
			code string
		}{{c, "KT-CT-1111"}, {anonymous, "KT-CT-1112"}} {
			out := who.c.Query(q, nil)
			if len(out.Errors) != 1 || out.Errors[0].Code() != who.code || strings.Contains(fmt.Sprint(out.Data), "A-") {
				t.Errorf("%s as %s: %+v, want %s and no account", q, who.code, out, who.code)
			}
		}
	}
}

// TestOriginAccountsSearchIsRefused asks Origin's staff search for accounts as a
// customer of their own account and anonymously: refused, with no account made up.
func TestOriginAccountsSearchIsRefused(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	q := `{ accountsSearch(searchTerms: {accountNumber: "A-C90DC431"}) { score account { number } } }`
	for _, who := range []struct {
		c    *simtest.Client
		code string
	}{{c, "KT-CT-1111"}, {srv.Client(t), "KT-CT-1112"}} {
		out := who.c.Query(q, nil)
		if len(out.Errors) != 1 || out.Errors[0].Code() != who.code || out.Data["accountsSearch"] != nil {
			t.Errorf("accountsSearch as %s: %+v", who.code, out)
		}
	}
}
