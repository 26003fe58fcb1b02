package accounts_test

import "testing"

// TestReadingSentAgainIsTheSame: a client retrying a meter reading (the same time and
// value) gets the reading it made, not a second one; another value at that time is a
// reading of its own.
func TestReadingSentAgainIsTheSame(t *testing.T) {
	c := signIn(t, "demo@krakensim.dev")
	const submit = `mutation($v: Decimal!) { submitMeterReading(input: {accountNumber: "A-C90DC431", meterId: "3010001", value: $v, readAt: "2025-06-02T08:00:00Z"}) { reading { id } } }`
	const count = `{ meterPoints(mpan: "1013004420117") { ... on ElectricityMeterPointType { meters { readings(first: 1) { totalCount } } } } }`
	before := dig(c.do(count, nil), "meterPoints.meters.0.readings.totalCount")
	first := dig(c.do(submit, map[string]any{"v": "15404.5"}), "submitMeterReading.reading.id")
	again := dig(c.do(submit, map[string]any{"v": "15404.5"}), "submitMeterReading.reading.id")
	if first == nil || again != first {
		t.Errorf("the same reading twice: ids %v and %v, want one", first, again)
	}
	if got := dig(c.do(count, nil), "meterPoints.meters.0.readings.totalCount"); got != before.(float64)+1 {
		t.Errorf("%v readings after sending one twice, %v before", got, before)
	}
	if other := dig(c.do(submit, map[string]any{"v": "15405.5"}), "submitMeterReading.reading.id"); other == first {
		t.Errorf("another value at the same time answered the first reading %v", first)
	}
}
