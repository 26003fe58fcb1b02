package graphql

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestCheckKnownScalar refuses inputs graphene's scalars would not parse, and takes the
// forms they do, the Octopus SDL's own DateTime default (an offset in seconds) among them.
func TestCheckKnownScalar(t *testing.T) {
	tests := []struct {
		scalar string
		value  any
		ok     bool
	}{
		{"Date", "2026-12-02", true},
		{"Date", "2026-12-32", false},
		{"Date", "2026-12-02T09:00:00Z", false},
		{"Date", 20261202, false},
		{"DateTime", "2026-12-02T09:00:00Z", true},
		{"DateTime", "2026-12-02T09:00:00.123+01:00", true},
		{"DateTime", "2026-12-02 09:00:00", true},
		{"DateTime", "2026-12-02", true},
		{"DateTime", "0001-01-03T00:00:00-00:01:15", true},
		{"DateTime", "yesterday", false},
		{"Time", "09:30", true},
		{"Time", "23:59:59.5", true},
		{"Time", "24:00", false},
		{"Time", "7pm", false},
		{"JSONString", `{"a": [1, 2]}`, true},
		{"JSONString", `"text"`, true},
		{"JSONString", "{oops", false},
		{"Decimal", "12.50", true},
		{"Decimal", 12.5, true},
		{"Decimal", "twelve", false},
		{"UUID", "6f1c9a1e-2b3d-4c5e-8f70-1a2b3c4d5e6f", true},
		{"UUID", "6F1C9A1E2B3D4C5E8F701A2B3C4D5E6F", true},
		{"UUID", "6f1c9a1e-2b3d", false},
		{"BigInt", json.Number("9007199254740993"), true},
		{"BigInt", "12", true},
		{"BigInt", 1.5, false},
		{"Email", "not an address", true}, // not one of graphene's: passes as sent
		{"Date", nil, true},
	}
	for _, tc := range tests {
		msg := checkKnownScalar(tc.scalar, tc.value)
		if (msg == "") != tc.ok {
			t.Errorf("%s %#v: %q, want ok=%v", tc.scalar, tc.value, msg, tc.ok)
		}
		want := tc.scalar + " cannot represent value: "
		if _, isString := tc.value.(string); !isString && stringScalars[tc.scalar] {
			want = tc.scalar + " cannot represent non-string value: "
		}
		if msg != "" && !strings.HasPrefix(msg, want) {
			t.Errorf("%s %#v: message %q", tc.scalar, tc.value, msg)
		}
	}
}

// FuzzCheckKnownScalar checks any string against each known scalar without panicking,
// and the same way twice; a DateTime the scalar takes is one ParseDateTime reads, so
// that no resolver falls back to a default for a value the contract let through.
func FuzzCheckKnownScalar(f *testing.F) {
	for _, s := range []string{"2026-12-02", "2026-12-02T09:00:00Z", "09:30", `{"a":1}`, "12.50", "6f1c9a1e-2b3d-4c5e-8f70-1a2b3c4d5e6f", "12", "", "\x00",
		"2026-12-05T20:00:00+0000", "2026-12-05 20:00:00.5+01:00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for scalar := range knownScalars {
			if checkKnownScalar(scalar, s) != checkKnownScalar(scalar, s) {
				t.Fatalf("%s %q: two answers", scalar, s)
			}
		}
		if _, ok := ParseDateTime(s, time.UTC); ok != isDateTimeValue(s) {
			t.Fatalf("%q: the DateTime scalar takes it %v, ParseDateTime reads it %v", s, isDateTimeValue(s), ok)
		}
	})
}

func TestParseDateTime(t *testing.T) {
	bst := time.FixedZone("BST", 3600)
	for _, tc := range []struct {
		in   string
		want string // RFC 3339 in UTC; "" when unreadable
	}{
		{"2026-12-01T07:00:00Z", "2026-12-01T07:00:00Z"},
		{"2026-12-01T07:00:00+00:00", "2026-12-01T07:00:00Z"},
		{"2026-12-01T08:00:00+0100", "2026-12-01T07:00:00Z"},
		{"2026-07-01T08:00:00.250+01:00", "2026-07-01T07:00:00.25Z"},
		{"2026-07-01 08:00:00", "2026-07-01T07:00:00Z"}, // naive: read in the zone given
		{"2026-07-01T08:00", "2026-07-01T07:00:00Z"},
		{"2026-07-01", "2026-06-30T23:00:00Z"},
		{"2026-07-01T08:00:00+01", ""},
		{"yesterday", ""},
	} {
		got, ok := ParseDateTime(tc.in, bst)
		s := ""
		if ok {
			s = got.UTC().Format(time.RFC3339Nano)
		}
		if s != tc.want {
			t.Errorf("ParseDateTime(%q) = %q, want %q", tc.in, s, tc.want)
		}
	}
}
