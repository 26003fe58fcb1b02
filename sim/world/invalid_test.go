package world

import (
	"strings"
	"testing"
)

func TestBadValue(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		want string // a word the message holds; "" for none
	}{
		{"weekdayTargetSoc", 80, ""},
		{"weekdayTargetSoc", 0, ""},
		{"weekdayTargetSoc", 100, ""},
		{"weekdayTargetSoc", 150, "between 0 and 100"},
		{"minimumSocPercentage", -5, "between 0 and 100"},
		{"targetPercentage", 100.5, "between 0 and 100"},
		{"weekdayTargetTime", "07:30", ""},
		{"weekdayTargetTime", "07:30:00", ""},
		{"weekdayTargetTime", "04:00", ""},
		{"weekdayTargetTime", "11:00:00", ""},
		{"weekdayTargetTime", "23:59:59", "from 04:00 to 11:00"},
		{"weekdayTargetTime", "00:30", "from 04:00 to 11:00"},
		{"weekdayTargetTime", "11:30", "from 04:00 to 11:00"},
		{"weekdayTargetTime", "05:45", "half hour"},
		{"weekdayTargetTime", "25:00", "wrong format"},
		{"weekdayTargetTime", "07:60", "wrong format"},
		{"weekendTargetTime", "7pm", "wrong format"},
		{"weekendTargetTime", "7:30", ""},
		{"weekendTargetTime", "07:30:", "wrong format"},
		{"weekdayTargetSocLabel", "150", ""}, // a string is no number
		{"readyBy", "7pm", ""},               // not named as a time
		{"readyTime", "7pm", "wrong format"},
		{"unitOfTime", "MONTHS", ""}, // Origin's: no time of day
		{"endTime", "2026-12-01T10:00:00Z", ""},
		{"amount", 150, ""},
	} {
		got := badValue(tc.name, tc.v)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("badValue(%s, %v) = %q, want %q", tc.name, tc.v, got, tc.want)
		}
	}
}
