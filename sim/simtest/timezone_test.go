package simtest_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestUnknownTimezoneIsRefused asks every field of both tenants that takes a timezone
// for one no IANA name is ("Mars/Olympus", an empty one, spaces): each is KT-CT-13614
// on that field, its validation error naming the value on timezone, as Kraken's
// zoneinfo refuses it, rather than an answer in UTC; an IANA name other than the
// tenant's is answered.
func TestUnknownTimezoneIsRefused(t *testing.T) {
	const window = `startAt: "2026-11-01T00:00:00Z", endAt: "2026-11-03T00:00:00Z", timezone: $tz, granularity: DAILY`
	fields := []struct {
		file, name, query string
	}{
		{"octopus-schema.graphql", "measurements", `{ account(accountNumber: "A-C90DC431") { properties { measurements(first: 1, timezone: $tz) { totalCount } } } }`},
		{"octopus-schema.graphql", "consumption", `{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters {
			consumption(startAt: "2026-11-01T00:00:00Z", grouping: DAY, timezone: $tz, first: 1) { edges { node { value } } } } } } } }`},
		{"octopus-schema.graphql", "lineItems", `{ electricityAgreement(id: 9100001) { ... on ElectricityAgreementType {
			lineItems(startAt: "2026-11-28T00:00:00Z", grouping: DAY, itemType: STANDING_CHARGE, timezone: $tz, first: 2) { edges { cursor } } } } }`},
		{"octopus-schema.graphql", "costOfUsage", `{ costOfUsage(accountNumber: "A-C90DC431", grouping: DAY, timezone: $tz) { costEnabled } }`},
		{"octopus-schema.graphql", "details", `{ costOfUsage(accountNumber: "A-C90DC431", grouping: DAY) { details(grouping: DAY, timezone: $tz, first: 1) { usageKwh } } }`},
		{"origin-schema.graphql", "measurements", `{ account(accountNumber: "A-C90DC431") { properties { measurements(first: 1, timezone: $tz) { totalCount } } } }`},
		{"origin-schema.graphql", "consumption", `{ account(accountNumber: "A-C90DC431") { properties { meterPoints { ... on MeterPointType { meters { ... on ElectricityMeterType {
			consumption(startAt: "2026-11-01T00:00:00Z", grouping: DAY, timezone: $tz, first: 1) { edges { node { value } } } } } } } } } }`},
		{"origin-schema.graphql", "consumptionSummary", `{ account(accountNumber: "A-C90DC431") { properties { meterPoints { ... on MeterPointType {
			consumptionSummary(` + window + `) { summarizedConsumption { consumption } } } } } } }`},
		{"origin-schema.graphql", "consumptionSummary", `{ account(accountNumber: "A-C90DC431") { properties { meterPoints { ... on MeterPointType { meters { ... on ElectricityMeterType {
			registers { consumptionSummary(` + window + `) { consumption } } } } } } } } }`},
		{"origin-schema.graphql", "standingChargesSummary", `{ account(accountNumber: "A-C90DC431") { properties { meterPoints { ... on MeterPointType {
			standingChargesSummary(` + window + `) { cost } } } } } }`},
		{"origin-schema.graphql", "estimatedSupplyPointReadings", `{ estimatedSupplyPointReadings(supplyPointId: "6102019374", marketName: "NEM",
			startAt: "2026-11-01T00:00:00Z", endAt: "2026-11-02T00:00:00Z", timezone: $tz, readingType: INTERVAL, timeGranularity: DAY) { __typename } }`},
	}
	clients := map[string]func(string, map[string]any) []string{}
	for _, f := range fields {
		if clients[f.file] != nil {
			continue
		}
		_, c := tenant(t, f.file)
		clients[f.file] = func(query string, vars map[string]any) []string {
			var out []string
			for _, e := range c.Query(query, vars).Errors {
				out = append(out, fmt.Sprint(e.Code(), " ", e.Path[len(e.Path)-1], " ", e.Extensions["validationErrors"]))
			}
			return out
		}
	}
	for _, f := range fields {
		query := "query($tz: String!) " + f.query
		for _, tz := range []string{"Mars/Olympus", "", "  "} {
			t.Run(strings.TrimSuffix(f.file, "-schema.graphql")+"/"+f.name+"/"+tz, func(t *testing.T) {
				errs := clients[f.file](query, map[string]any{"tz": tz})
				want := fmt.Sprintf("KT-CT-13614 %s [map[inputPath:[timezone] message:%q is not an IANA time zone name", f.name, strings.TrimSpace(tz))
				if len(errs) != 1 || !strings.HasPrefix(errs[0], want) {
					t.Fatalf("errors %q; want one %s…", errs, want)
				}
			})
		}
		t.Run(strings.TrimSuffix(f.file, "-schema.graphql")+"/"+f.name+"/Asia/Tokyo", func(t *testing.T) {
			if errs := clients[f.file](query, map[string]any{"tz": "Asia/Tokyo"}); len(errs) > 0 && f.name != "estimatedSupplyPointReadings" {
				t.Fatalf("errors %q for Asia/Tokyo", errs)
			}
		})
	}
}
