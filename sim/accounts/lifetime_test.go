package accounts_test

import "testing"

// TestMadeUpDatesFitTheState: what the world makes up beside the state's own fields
// agrees with them. The demo household moved in, and its supply began, on 2019-10-01;
// its supply is on, so it has no end date; and its last validated reading is its latest
// reading's date (its smart meter's read on the last billing date, 1 June). The pending account's supply begins with its move-in on 2025-03-20,
// not when its meter was fitted for the supplier before (2021).
func TestMadeUpDatesFitTheState(t *testing.T) {
	c := signIn(t, "demo@krakensim.dev")
	data := c.do(`{ account(accountNumber: "A-C90DC431") { currentEstimatedSsd properties { electricityMeterPoints {
		supplyEndDate smartStartDate targetSsd lastValidatedReadingDate meters { certifiedUntil lastInspectionDate } }
		gasMeterPoints { supplyEndDate smartStartDate } } } }`, nil)
	for path, want := range map[string]any{
		"account.currentEstimatedSsd":                                            "2019-10-01",
		"account.properties.0.electricityMeterPoints.0.supplyEndDate":            nil,
		"account.properties.0.electricityMeterPoints.0.lastValidatedReadingDate": "2025-06-01",
		"account.properties.0.electricityMeterPoints.0.meters.0.certifiedUntil":  nil,
		"account.properties.0.gasMeterPoints.0.supplyEndDate":                    nil,
	} {
		if got := dig(data, path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
	for _, path := range []string{
		"account.properties.0.electricityMeterPoints.0.smartStartDate",
		"account.properties.0.electricityMeterPoints.0.targetSsd",
		"account.properties.0.electricityMeterPoints.0.meters.0.lastInspectionDate",
		"account.properties.0.gasMeterPoints.0.smartStartDate",
	} {
		if d, _ := dig(data, path).(string); d < "2019-10-01" || d > "2025-06-02" {
			t.Errorf("%s = %q, outside the supply (2019-10-01 to today, 2025-06-02)", path, d)
		}
	}
	pending := signIn(t, "new@krakensim.dev").do(`{ account(accountNumber: "A-9D8E7F60") { currentEstimatedSsd
		properties { electricityMeterPoints { targetSsd supplyEndDate } } } }`, nil)
	for path, want := range map[string]any{
		"account.currentEstimatedSsd":                                 "2025-03-20",
		"account.properties.0.electricityMeterPoints.0.targetSsd":     "2025-03-20",
		"account.properties.0.electricityMeterPoints.0.supplyEndDate": nil,
	} {
		if got := dig(pending, path); got != want {
			t.Errorf("pending: %s = %v, want %v", path, got, want)
		}
	}
}
