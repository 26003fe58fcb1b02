package accounts

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// TestAustralianReadingSources: a reading's source as Australian tenants name it, one
// the state does not name read as an import, never left null where the tenant's
// source is non-null.
func TestAustralianReadingSources(t *testing.T) {
	sydney, err := time.LoadLocation("Australia/Sydney")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ state, want string }{
		{"CUSTOMER", "SELF_READING_CREATE"},
		{"SMART", "READING_FROM_NEM12"},
		{"ESTIMATE", "KRAKEN_ESTIMATE"},
		{"DATA_COLLECTOR", "IMPORT_READING_CREATE"},
	} {
		m := readingMap("3010001", 0, sim.MeterReading{ReadAt: time.Now(), Value: 1, Source: tc.state}, "ElectricityMeterReadingType", sydney)
		if m["source"] != tc.want {
			t.Errorf("%s: source %v, want %s", tc.state, m["source"], tc.want)
		}
	}
}
