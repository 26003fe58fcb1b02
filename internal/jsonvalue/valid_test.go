package jsonvalue

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestValid(t *testing.T) {
	for _, in := range []string{
		``, ` `, `null`, `nul`, `nullx`, `true`, `false`, `tru`, `0`, `-0`, `01`, `-`, `1.`, `1.5`, `.5`, `1e5`, `1E+5`, `1e`, `1e-`, `-1.5e-10`,
		`""`, `"a`, `"\u00e9"`, `"\u00g9"`, `"\x"`, `"\/"`, "\"\x01\"", "\"\xff\"", `"\`, `"\u12"`,
		`{}`, `{`, `{"a":1}`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `{"a":1 "b":2}`, `[]`, `[1,]`, `[,1]`, `[1 2]`, `[[[]]]`, `[1]]`,
		` {"query":"{ x }","variables":{"n":[1,{"m":null}]}} `, `1 2`, `{} {}`, "\t\n\r[\t]\n",
		strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth),
		strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1),
		strings.Repeat(`{"a":`, maxDepth+1) + "1" + strings.Repeat("}", maxDepth+1),
	} {
		if got, want := Valid([]byte(in)), json.Valid([]byte(in)); got != want {
			t.Errorf("Valid(%.40q) = %v, json.Valid says %v", in, got, want)
		}
	}
}

// FuzzValid checks Valid against json.Valid.
func FuzzValid(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,"x\n",true,null]}`, `[`, `"\u00zz"`, `-01`, "\"\x7f\"", `{"a":1}x`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := Valid(b), json.Valid(b); got != want {
			t.Fatalf("Valid(%q) = %v, json.Valid says %v", b, got, want)
		}
	})
}

func BenchmarkValid(b *testing.B) {
	body := []byte(`{"query":"mutation($i: CreateAccountPaymentScheduleInput!) { createAccountPaymentSchedule(input: $i) { schedule { id } } }","variables":{"i":{"accountNumber":"A-C90DC431","ledgerNumber":"L-6B2F0A1C","paymentDay":5,"paymentAmount":1500}}}`)
	for _, c := range []struct {
		name  string
		valid func([]byte) bool
	}{{"jsonvalue", Valid}, {"encoding-json", json.Valid}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if !c.valid(body) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
