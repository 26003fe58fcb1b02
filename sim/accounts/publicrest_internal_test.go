package accounts

import (
	"testing"
	"time"
)

// TestParseRESTTime reads the date-times DRF's filters accept, T or space between
// date and time, one without a zone in Europe/London (GMT or BST as the day has it),
// and refuses the rest: a bad format, and a local time the clocks skip (29 March
// 2026, 01:00-02:00) or pass twice (25 October 2026, 01:00-02:00).
func TestParseRESTTime(t *testing.T) {
	zone, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	london := time.FixedZone("", 3600)
	type restTimeCase struct {
		in    string
		want  time.Time
		fault string
	}
	local := func(in string, want time.Time) restTimeCase { return restTimeCase{in, want, ""} }
	refused := func(in string) restTimeCase { return restTimeCase{in, time.Time{}, restTimeLocal} }
	tests := []restTimeCase{
		local("2026-07-15", time.Date(2026, 7, 14, 23, 0, 0, 0, time.UTC)),
		local("2026-07-15T00:00:00", time.Date(2026, 7, 14, 23, 0, 0, 0, time.UTC)),
		local("2024-09-30T23:30:00", time.Date(2024, 9, 30, 22, 30, 0, 0, time.UTC)),
		local("2026-03-29", time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC)),
		local("2026-03-29T00:59:59", time.Date(2026, 3, 29, 0, 59, 59, 0, time.UTC)),
		refused("2026-03-29T01:00:00"),
		refused("2026-03-29T01:30"),
		local("2026-03-29T02:00", time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)),
		local("2026-10-25T00:59", time.Date(2026, 10, 24, 23, 59, 0, 0, time.UTC)),
		refused("2026-10-25T01:00"),
		refused("2026-10-25 01:59:59.999999"),
		local("2026-10-25T02:00", time.Date(2026, 10, 25, 2, 0, 0, 0, time.UTC)),
		local("2026-10-25T01:30:00Z", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)),
		local("2026-10-25T01:30:00+01:00", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)),
		local("2026-03-29T01:30+00:00", time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)),

		{"2026-12-05T12:00:00Z", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), ""},
		{"2026-12-05T12:00Z", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), ""},
		{"2026-12-05T12:00:00", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), ""},
		{"2026-12-05T12:00", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), ""},
		{"2026-12-05T12:00:00.000Z", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), ""},
		{"2026-12-05T19:00:00.0000000", time.Date(2026, 12, 5, 19, 0, 0, 0, time.UTC), ""},
		{"2026-12-05T12:00:00.1234567", time.Date(2026, 12, 5, 12, 0, 0, 123456000, time.UTC), ""},
		{"2026-12-05", time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), ""},
		{"2026-12-05 12:00:00Z", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), ""},
		{"2026-12-05 12:00:00+00:00", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), ""},
		{"2026-12-05 12:00:00.500000+00:00", time.Date(2026, 12, 5, 12, 0, 0, 500000000, time.UTC), ""},
		{"2026-12-05 12:00", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), ""},
		{"2026-12-05 12:00:00 Z", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), ""},
		{"2026-07-01 13:00:00+01:00", time.Date(2026, 7, 1, 13, 0, 0, 0, london), ""},
		{"2026-07-01T13:00:00+0100", time.Date(2026, 7, 1, 13, 0, 0, 0, london), ""},
		{"2026-07-01T13:00:00+01", time.Date(2026, 7, 1, 13, 0, 0, 0, london), ""},
		{"2026-07-01T07:00:00-05:00", time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC), ""},
		{"2026-7-1 9:5", time.Date(2026, 7, 1, 8, 5, 0, 0, time.UTC), ""},
		{"2026-12-05T12:00:00,5Z", time.Date(2026, 12, 5, 12, 0, 0, 500000000, time.UTC), ""},
		{"2026-12-05X12:00:00Z", time.Time{}, restTimeFormat},
		{"2026-12-05T12:00:00 00:00", time.Time{}, restTimeFormat},
		{"2026-12-05T24:00:00Z", time.Time{}, restTimeFormat},
		{"2026-02-30T12:00:00Z", time.Time{}, restTimeFormat},
		{"2026-13-01 12:00", time.Time{}, restTimeFormat},
		{"2026-12-05T12:60", time.Time{}, restTimeFormat},
		{"2026-12-05T12:00+24:00", time.Time{}, restTimeFormat},
		{"2026-12-05T12:00+01:60", time.Time{}, restTimeFormat},
		{"2026-12-05T12", time.Time{}, restTimeFormat},
		{"yesterday", time.Time{}, restTimeFormat},
		{"", time.Time{}, restTimeFormat},
	}
	for _, tc := range tests {
		got, fault := parseRESTTime(tc.in, zone)
		if fault != tc.fault || !got.Equal(tc.want) {
			t.Errorf("parseRESTTime(%q) = %v, %q; want %v, %q", tc.in, got, fault, tc.want, tc.fault)
		}
	}
}
