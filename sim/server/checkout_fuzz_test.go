package server_test

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/internal/fuzzcost"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/checkout"
)

// FuzzCheckout sends any form, content type and token to the vendor's hosted page
// (GET and POST /__krakensim/checkout/{token}), seeded with a payment of the demo
// account's and a direct debit's set-up: no input gets a 5xx or takes more than a
// second or 100 MB.
func FuzzCheckout(f *testing.F) {
	s, h := fuzzServer(f)
	sess, err := s.Session("fuzz")
	if err != nil {
		f.Fatal(err)
	}
	now := sess.Now()
	for _, k := range []*sim.Checkout{
		{ID: "pay", Kind: sim.CheckoutPayment, AccountNumber: "A-C90DC431", LedgerNumber: "L-6B2F0A1C", Amount: 100, Method: "CARD",
			ReturnURLs: map[string]string{"success": "http://localhost:3000/ok", "failure": "/relative"}},
		{ID: "dd", Kind: sim.CheckoutSetup, AccountNumber: "A-C90DC431", LedgerNumber: "L-6B2F0A1C", Method: "DIRECT_DEBIT"},
	} {
		k.Created, k.Expires, k.Status = now, now.Add(checkout.TTL), sim.CheckoutOpen
		sess.World().AddCheckout(k)
	}
	pay := strings.TrimPrefix(sess.CheckoutLink("pay"), checkout.Path)
	dd := strings.TrimPrefix(sess.CheckoutLink("dd"), checkout.Path)
	const form = "application/x-www-form-urlencoded"
	f.Add("POST", pay, form, []byte("cardNumber=4242424242424242&expMonth=12&expYear=2030&action=pay"))
	f.Add("POST", pay, form, []byte("cardNumber=4000000000000002&expMonth=13&expYear=99"))
	f.Add("POST", dd, form, []byte("accountHolder=A&sortCode=040004&bankAccount=12345678"))
	f.Add("POST", dd, form, []byte("accountHolder=%zz&action=cancel"))
	f.Add("GET", pay, "", []byte(nil))
	f.Add("GET", "x.y.z", "", []byte(nil))
	f.Add("POST", pay, "multipart/form-data; boundary=x", []byte("--x--"))
	f.Fuzz(func(t *testing.T, method, token, ctype string, b []byte) {
		if method != "POST" && method != "GET" || strings.ContainsAny(token+ctype, " \r\n\x00#?") {
			return // not a request a client can send
		}
		target := checkout.Path + token
		r := httptest.NewRequest("GET", "/", nil)
		r.Method, r.RequestURI = method, target
		if err := parseTarget(r, target); err != nil {
			return
		}
		r.Body = nopCloser{bytes.NewReader(b)}
		r.ContentLength = int64(len(b))
		if ctype != "" {
			r.Header.Set("Content-Type", ctype)
		}
		w := httptest.NewRecorder()
		fuzzcost.Check(t, method+" "+target, func() { h.ServeHTTP(w, r) })
		if w.Code >= 500 {
			t.Fatalf("%s %s: status %d: %s", method, target, w.Code, w.Body)
		}
	})
}
