package simtest_test

import (
	"regexp"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusTariffIdsAreNumbers: a tariff's id is a number of its own, as Kraken's are
// ("175911"), not its code, and the same where an agreement and its product list it.
func TestOctopusTariffIdsAreNumbers(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { tariff { ... on StandardTariff { id tariffCode } } } }
		energyProduct(code: "VAR-22-11-01") { tariffs(postcode: "NR3 1AB", first: 10) { edges { node { ... on StandardTariff { id tariffCode } } } } } }`, nil)
	agreed := simtest.Get(data, "account", "electricityAgreements", 0, "tariff").(map[string]any)
	if !regexp.MustCompile(`^[1-9][0-9]{5}$`).MatchString(agreed["id"].(string)) || agreed["tariffCode"] != "E-1R-VAR-22-11-01-A" {
		t.Fatalf("the agreement's tariff %v", agreed)
	}
	found := false
	for _, e := range simtest.Get(data, "energyProduct", "tariffs", "edges").([]any) {
		if n := simtest.Get(e, "node").(map[string]any); n["tariffCode"] == agreed["tariffCode"] {
			found = n["id"] == agreed["id"]
		}
	}
	if !found {
		t.Errorf("the product lists %v's tariff under another id: %v", agreed, simtest.Get(data, "energyProduct", "tariffs"))
	}
}
