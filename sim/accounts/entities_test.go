package accounts_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/accounts"
)

// TestEntityFinders finds each kind of state entity by each of its keys, as the
// resolvers build it, and nothing by a field that is no key or a key nobody has.
func TestEntityFinders(t *testing.T) {
	s := newSimulator(t)
	sess, err := s.Session("finders")
	if err != nil {
		t.Fatal(err)
	}
	finders := accounts.Entities()
	tests := []struct {
		typ, field, value string
		want              map[string]string // fields of the answer; nil: not found
	}{
		{"AccountType", "number", "A-C90DC431", map[string]string{"number": "A-C90DC431"}},
		{"PropertyType", "id", "2214531", map[string]string{"id": "2214531"}},
		{"ElectricityMeterPointType", "mpan", "1013004420117", map[string]string{"id": "1873520", "mpan": "1013004420117"}},
		{"ElectricityMeterPointType", "id", "1873520", map[string]string{"mpan": "1013004420117"}},
		{"GasMeterPointType", "mprn", "3406086401", map[string]string{"id": "1473660"}},
		{"ElectricityMeterType", "serialNumber", "19L3471092", map[string]string{"id": "3010001"}},
		{"ElectricityMeterType", "id", "3010001", map[string]string{"serialNumber": "19L3471092"}},
		{"GasMeterType", "id", "3020001", map[string]string{"serialNumber": "E6S13452871961"}},
		{"ElectricityMeterType", "id", "9999999", nil},
		{"ElectricityMeterPointType", "status", "ON_SUPPLY", nil},
		{"AccountType", "id", "A-C90DC431", nil},
	}
	for _, tc := range tests {
		t.Run(tc.typ+"."+tc.field+"="+tc.value, func(t *testing.T) {
			m, ok := finders[tc.typ](sess, tc.field, tc.value)
			if ok != (tc.want != nil) {
				t.Fatalf("found %v, want %v", ok, tc.want != nil)
			}
			for k, v := range tc.want {
				if fmt.Sprint(m[k]) != v {
					t.Errorf("%s = %v, want %s", k, m[k], v)
				}
			}
		})
	}
}
