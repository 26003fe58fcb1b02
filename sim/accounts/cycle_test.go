package accounts

import (
	"testing"
	"time"
)

// TestMonthDay: a monthly cycle on a day some months lack starts on their last day, and
// months out of range roll into the next or last year.
func TestMonthDay(t *testing.T) {
	for _, tc := range []struct {
		year  int
		month time.Month
		day   int
		want  string
	}{
		{2025, time.February, 31, "2025-02-28"},
		{2024, time.February, 30, "2024-02-29"},
		{2025, time.April, 31, "2025-04-30"},
		{2025, 13, 15, "2026-01-15"},
		{2025, 0, 31, "2024-12-31"},
		{2025, time.June, 1, "2025-06-01"},
	} {
		if got := monthDay(tc.year, tc.month, tc.day).Format(time.DateOnly); got != tc.want {
			t.Errorf("monthDay(%d, %d, %d) = %s, want %s", tc.year, tc.month, tc.day, got, tc.want)
		}
	}
}
