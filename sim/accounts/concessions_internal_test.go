package accounts

import (
	"fmt"
	"testing"
)

func TestSeasons(t *testing.T) {
	annual := jurisdictions["VICTORIA"].electricity
	winter := jurisdictions["VICTORIA"].gas
	tests := []struct {
		name                 string
		r                    *rebate
		from, to, start, end string
		want                 string
	}{
		{"all year, open", annual, "2025-03-14", "", "2026-12-02", "2026-12-03", "[[2025-03-14 ]]"},
		{"all year, ended before the window", annual, "2025-03-14", "2026-01-01", "2026-12-02", "2026-12-03", "[]"},
		{"winter, outside it", winter, "2025-03-14", "", "2026-12-02", "2026-12-03", "[]"},
		{"winter, in it", winter, "2025-03-14", "", "2026-06-01", "2026-06-30", "[[2026-05-01 2026-11-01]]"},
		{"winter, card begun in it", winter, "2026-07-15", "", "2026-06-01", "2026-08-01", "[[2026-07-15 2026-11-01]]"},
		{"winter, card ended in it", winter, "2025-03-14", "2026-08-20", "2026-01-01", "2027-01-01", "[[2026-05-01 2026-08-20]]"},
		{"winters of three years", winter, "2024-01-01", "", "2024-01-01", "2026-12-31", "[[2024-05-01 2024-11-01] [2025-05-01 2025-11-01] [2026-05-01 2026-11-01]]"},
		{"a window of ten thousand years", winter, "2024-01-01", "", "2024-01-01", "9999-12-31", fmt.Sprint(maxSeasons)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := seasons(tt.r, tt.from, tt.to, tt.start, tt.end)
			s := fmt.Sprint(got)
			if len(got) == maxSeasons {
				s = fmt.Sprint(len(got))
			}
			if s != tt.want {
				t.Errorf("seasons = %s, want %s", s, tt.want)
			}
		})
	}
}

func TestCardNumber(t *testing.T) {
	tests := []struct {
		cardType, number, want string
		ok                     bool
	}{
		{"CENTRELINK_PENSIONER", "123 456 789a", "123456789A", true},
		{"CENTRELINK_HEALTH_CARE", "12345678A", "12345678A", false},
		{"CENTRELINK_PENSIONER", "NX123456", "NX123456", false},
		{"VETERANS_AFFAIRS_DVA_GOLD", "nx123456", "NX123456", true},
		{"VETERANS_AFFAIRS_PENSIONER", "QSM12345", "QSM12345", true},
		{"REPATRIATION_HEALTH_CARE_CARD", "123456789A", "123456789A", false},
		{"QUEENSLAND_SENIORS_CARD", "QSC 0012 3456", "QSC00123456", true},
		{"OTHER", "A1", "A1", false},
		{"OTHER", "", "", false},
	}
	for _, tt := range tests {
		got, ok := cardNumber(tt.cardType, tt.number)
		if got != tt.want || ok != tt.ok {
			t.Errorf("cardNumber(%s, %q) = %q, %v; want %q, %v", tt.cardType, tt.number, got, ok, tt.want, tt.ok)
		}
	}
}
