package accounts

import (
	"testing"
	"time"
)

// TestParseRESTTime reads the date-times DRF's filters accept, T or space between
// date and time, and refuses the rest.
func TestParseRESTTime(t *testing.T) {
	london := time.FixedZone("", 3600)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-12-05T12:00:00Z", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), true},
		{"2026-12-05T12:00Z", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), true},
		{"2026-12-05T12:00:00", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), true},
		{"2026-12-05T12:00", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), true},
		{"2026-12-05T12:00:00.000Z", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), true},
		{"2026-12-05T19:00:00.0000000", time.Date(2026, 12, 5, 19, 0, 0, 0, time.UTC), true},
		{"2026-12-05T12:00:00.1234567", time.Date(2026, 12, 5, 12, 0, 0, 123456000, time.UTC), true},
		{"2026-12-05", time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), true},
		{"2026-12-05 12:00:00Z", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), true},
		{"2026-12-05 12:00:00+00:00", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), true},
		{"2026-12-05 12:00:00.500000+00:00", time.Date(2026, 12, 5, 12, 0, 0, 500000000, time.UTC), true},
		{"2026-12-05 12:00", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), true},
		{"2026-12-05 12:00:00 Z", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), true},
		{"2026-07-01 13:00:00+01:00", time.Date(2026, 7, 1, 13, 0, 0, 0, london), true},
		{"2026-07-01T13:00:00+0100", time.Date(2026, 7, 1, 13, 0, 0, 0, london), true},
		{"2026-07-01T13:00:00+01", time.Date(2026, 7, 1, 13, 0, 0, 0, london), true},
		{"2026-07-01T07:00:00-05:00", time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC), true},
		{"2026-7-1 9:5", time.Date(2026, 7, 1, 9, 5, 0, 0, time.UTC), true},
		{"2026-12-05T12:00:00,5Z", time.Date(2026, 12, 5, 12, 0, 0, 500000000, time.UTC), true},
		{"2026-12-05X12:00:00Z", time.Time{}, false},
		{"2026-12-05T12:00:00 00:00", time.Time{}, false},
		{"2026-12-05T24:00:00Z", time.Time{}, false},
		{"2026-02-30T12:00:00Z", time.Time{}, false},
		{"2026-13-01 12:00", time.Time{}, false},
		{"2026-12-05T12:60", time.Time{}, false},
		{"2026-12-05T12:00+24:00", time.Time{}, false},
		{"2026-12-05T12:00+01:60", time.Time{}, false},
		{"2026-12-05T12", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tc := range tests {
		got, ok := parseRESTTime(tc.in)
		if ok != tc.ok || !got.Equal(tc.want) {
			t.Errorf("parseRESTTime(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
