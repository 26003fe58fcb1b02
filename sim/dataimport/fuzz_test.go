package dataimport_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/dataimport"
)

// FuzzEndpoints throws arbitrary bodies and query strings at every endpoint: no answer
// may be a 5xx other than the payment vendor's documented intermittent failure, and
// nothing may panic.
func FuzzEndpoints(f *testing.F) {
	for _, name := range []string{"notes", "transactions", "historical-statements", "payment-instruction"} {
		f.Add(uint8(0), payload(f, name), "")
	}
	f.Add(uint8(5), newAccountPayload, "")
	f.Add(uint8(1), `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234", "transactions": [{"transaction_id": "1", "transaction_date": "2019-09-01", "amount": 1e400, "type": "SUPPLY_CHARGE", "line_items": [{"units": [1e-70, "x"]}]}]}`, "force_add_to_current_statement=0")
	f.Add(uint8(4), ``, "supply_start_date=2030-01-01")
	f.Add(uint8(3), `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234", "vendor": "STRIPE", "reference": "VENDOR-FLAKY-1", "type": "CARD"}`, "")
	f.Add(uint8(6), `{"payload": {"import_supplier": 1, "supply_addresses": [{"supply_address": {"structured_street_address": []}}]}}`, "")
	f.Add(uint8(2), `[{"a": [[[[[]]]]]}]`, "check_previously_added=%zz")
	s := newSim(f)
	routes := dataimport.Routes()
	f.Fuzz(func(t *testing.T, pick uint8, body, query string) {
		r := routes[int(pick)%len(routes)]
		q, _ := url.ParseQuery(query)
		params := map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234", "external_identifier": "EXTERNAL-1234"}
		req := &sim.HTTPRequest{
			Method: r.Method, Path: r.Pattern, Route: r.Pattern, Params: params, Query: q, Body: []byte(body),
			Header: map[string][]string{"Authorization": {importKey}, "Content-Type": {"application/json"}, sim.SessionHeader: {fmt.Sprintf("fuzz-%d", len(body)%32)}},
		}
		resp := s.ServeREST(context.Background(), req)
		if resp == nil {
			t.Fatal("no answer")
		}
		if resp.Status >= 500 && !(r.Pattern == dataimport.PathPaymentInstruction && resp.Status == 500) {
			t.Fatalf("%s %s answered %d: %s", r.Method, r.Pattern, resp.Status, resp.Body)
		}
	})
}
