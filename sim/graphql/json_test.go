package graphql

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestResponseJSON(t *testing.T) {
	data := &Object{Keys: []string{"b", "a"}, Values: []any{1, []any{"x", nil, true, 1.5}}}
	cases := []struct {
		name string
		resp *Response
		want string
	}{
		{"not executed", &Response{Errors: []*Error{{Message: "bad", Locations: []Location{{Line: 1, Column: 2}}}}},
			`{"errors":[{"message":"bad","locations":[{"line":1,"column":2}]}]}`},
		{"executed, data null", &Response{Executed: true, Errors: []*Error{{Message: "m", Path: []any{"a", 0}}}},
			`{"errors":[{"message":"m","path":["a",0]}],"data":null}`},
		{"ordered keys", &Response{Executed: true, Data: data},
			`{"data":{"b":1,"a":["x",null,true,1.5]}}`},
		{"extensions sorted", &Response{Errors: []*Error{{Message: "m", Extensions: map[string]any{"z": 1, "a": []string{"q"}}}}},
			`{"errors":[{"message":"m","extensions":{"a":["q"],"z":1}}]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := tc.resp.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("got  %s\nwant %s", b, tc.want)
			}
		})
	}
}

func TestObjectGetSet(t *testing.T) {
	o := &Object{}
	o.Set("a", 1)
	o.Set("b", 2)
	o.Set("a", 3)
	if v, ok := o.Get("a"); !ok || v != 3 || len(o.Keys) != 2 {
		t.Errorf("Get(a) = %v %v, keys %v", v, ok, o.Keys)
	}
	if _, ok := o.Get("zz"); ok {
		t.Errorf("Get of a missing key succeeded")
	}
	var nilObj *Object
	if _, ok := nilObj.Get("a"); ok {
		t.Errorf("nil object Get succeeded")
	}
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	values := []any{
		"plain", "quote\" back\\slash", "ctl\x01\x1f\n\r\t", "unicode é ✓ \u2028 \u2029", "bad \xff utf8",
		0.0, 1.0, -2.5, 1e21, 1e-7, 123456789.125, 5e-324, math.MaxFloat64,
		int64(-9), uint64(18446744073709551615), true, nil,
		map[string]any{"b": 1, "a": []any{map[string]any{"y": 2.5}}},
		json.Number("12.5e3"), json.RawMessage(`{"k":[1]}`), []int{1, 2},
		[]map[string]any{{"b": 1.5, "a": "x"}, nil}, []map[string]any(nil), []string{"a", "b\""}, []string(nil),
		map[string]string{"z": "1", "a": "<&>"}, map[string]string(nil), []map[string]string{{"document_path": "a/b.pdf"}},
	}
	for _, v := range values {
		got, err := appendJSON(nil, v)
		if err != nil {
			t.Fatalf("%#v: %v", v, err)
		}
		var back, want any
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%#v encoded to invalid JSON %s: %v", v, got, err)
		}
		std, _ := json.Marshal(v)
		_ = json.Unmarshal(std, &want)
		if !equalJSON(back, want) {
			t.Errorf("%#v: got %s, encoding/json %s", v, got, std)
		}
	}
	if _, err := appendJSON(nil, math.NaN()); err == nil {
		t.Errorf("NaN should not encode")
	}
}

// FuzzAppendString checks that a string encodes to the bytes encoding/json writes
// without HTML escaping.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"plain", `quote" back\slash`, "ctl\x01\x1f\n\r\t", "unicode é ✓ \u2028 \u2029", "bad \xff utf8", "eight by\"tes<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); string(got) != strings.TrimSuffix(want.String(), "\n") {
			t.Fatalf("appendString(%q) = %s, encoding/json %s", s, got, want.String())
		}
	})
}
