package world

import (
	"math"
	"strconv"
	"testing"
	"time"
)

// statisticsSDL is Kraken's measurements with the statistics that price them.
const statisticsSDL = `type Query {
  measurements(startAt: DateTime, endAt: DateTime, timezone: String = "Europe/London",
    utilityFilters: [UtilityFiltersInput], before: String, after: String, first: Int, last: Int): MeasurementConnection
}
input UtilityFiltersInput { electricityFilters: ElectricityFiltersInput }
input ElectricityFiltersInput { marketSupplyPointId: String readingFrequencyType: ReadingFrequencyType = RAW_INTERVAL }
enum ReadingFrequencyType { RAW_INTERVAL THIRTY_MIN_INTERVAL HOUR_INTERVAL }
type MeasurementConnection { pageInfo: PageInfo! edges: [MeasurementEdge] }
type MeasurementEdge { node: MeasurementInterface cursor: String! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
interface MeasurementInterface { value: Decimal! unit: String! readAt: DateTime! metaData: MeasurementsMetadataOutput }
type IntervalMeasurementType implements MeasurementInterface {
  value: Decimal! unit: String! readAt: DateTime! startAt: DateTime! endAt: DateTime! durationInSeconds: Int! metaData: MeasurementsMetadataOutput
}
type MeasurementsMetadataOutput { statistics: [StatisticOutput] }
type StatisticOutput { type: ReadingStatisticTypeEnum label: String description: String costExclTax: EstimatedMoneyType costInclTax: EstimatedMoneyType value: Decimal }
enum ReadingStatisticTypeEnum {
  # The calculated cost of standing charges for the interval.
  STANDING_CHARGE_COST
  # The calculated cost of consumption for the interval.
  CONSUMPTION_COST
  TOU_BUCKET_COST
}
type EstimatedMoneyType { estimatedAmount: Decimal! costCurrency: String! pricePerUnit: PricePerUnit }
type PricePerUnit { amount: Decimal! unit: Unit }
enum Unit { KILOWATT_HOURS METERS_CUBED }
scalar DateTime
scalar Decimal`

// TestStatisticsPriceWhatWasMeasured prices each hour of a meter's use at its tariff's
// half-hourly rates and standing charge, with tax at 5%, as its statistics state them.
func TestStatisticsPriceWhatWasMeasured(t *testing.T) {
	night := time.Date(2026, 12, 1, 3, 30, 0, 0, time.UTC)
	rate := func(at time.Time) float64 {
		if at.Before(night) {
			return 8
		}
		return 24
	}
	w := newSDLWorld(t, statisticsSDL, Options{Meter: func(_ *Env, id string) (Meter, bool) {
		return Meter{Register: "M1", Rate: rate, Standing: func(time.Time) float64 { return 48 }}, id == "1013004420117"
	}})
	out := w.ask(`{ measurements(first: 10, startAt: "2026-12-01T02:00:00Z", endAt: "2026-12-01T06:00:00Z", utilityFilters: [{electricityFilters: {marketSupplyPointId: "1013004420117", readingFrequencyType: HOUR_INTERVAL}}]) {
		edges { node { value ... on IntervalMeasurementType { startAt } metaData { statistics { type label value costExclTax { estimatedAmount pricePerUnit { amount unit } } costInclTax { estimatedAmount pricePerUnit { amount } } } } } } } }`, nil)
	num := func(v any) float64 {
		f, err := strconv.ParseFloat(v.(string), 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	edges := out["measurements"].(map[string]any)["edges"].([]any)
	if len(edges) != 4 {
		t.Fatalf("%d hours measured, want 4", len(edges))
	}
	for _, e := range edges {
		node := e.(map[string]any)["node"].(map[string]any)
		stats := node["metaData"].(map[string]any)["statistics"].([]any)
		if len(stats) != 2 {
			t.Fatalf("%v: statistics %v", node["startAt"], stats)
		}
		use, standing := stats[0].(map[string]any), stats[1].(map[string]any)
		kwh := num(node["value"])
		excl, incl := num(use["costExclTax"].(map[string]any)["estimatedAmount"]), num(use["costInclTax"].(map[string]any)["estimatedAmount"])
		price := use["costExclTax"].(map[string]any)["pricePerUnit"].(map[string]any)
		if use["type"] != "CONSUMPTION_COST" || use["label"] != "Consumption cost" || use["value"] != node["value"] || price["unit"] != "KILOWATT_HOURS" {
			t.Errorf("%v: %v", node["startAt"], use)
		}
		// kWh are answered to 0.001, so a cost worked from them is good to 24 × 0.0005.
		const near = 0.018
		if lo, hi := kwh*8-near, kwh*24+near; excl < lo || excl > hi || math.Abs(incl-excl*1.05) > 0.006 || math.Abs(num(price["amount"])*kwh-excl) > near {
			t.Errorf("%v: %v kWh cost %v, %v with tax, at %v", node["startAt"], kwh, excl, incl, price["amount"])
		}
		if node["startAt"] == "2026-12-01T04:00:00+00:00" && math.Abs(excl-kwh*24) > near {
			t.Errorf("an hour at the day rate: %v kWh cost %v", kwh, excl)
		}
		if standing["type"] != "STANDING_CHARGE_COST" || standing["value"] != nil || standing["costExclTax"].(map[string]any)["estimatedAmount"] != "2.00000" ||
			standing["costInclTax"].(map[string]any)["estimatedAmount"] != "2.10000" {
			t.Errorf("%v: the standing charge %v", node["startAt"], standing)
		}
	}
}
