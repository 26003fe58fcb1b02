package accounts_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// zoneClient signs the demo user in to a simulator of the embedded contract whose SDL
// names zone as Kraken's local time (a timezone argument's default, as tenants' SDLs
// do), on a clock that reads at.
func zoneClient(t *testing.T, zone string, at time.Time) *simtest.Client {
	t.Helper()
	return tenantClient(t, at, `extend type Query { localTime(timezone: String = "`+zone+`"): DateTime }`)
}

// tenantClient signs the demo user in to a simulator of the embedded contract with the
// SDL extensions added, on a clock that reads at.
func tenantClient(t testing.TB, at time.Time, sdl ...string) *simtest.Client {
	t.Helper()
	return tenantClientWith(t, at, nil, sdl...)
}

// tenantClientWith is tenantClient over the default fixtures as edit changes them.
func tenantClientWith(t testing.TB, at time.Time, edit func(*sim.World), sdl ...string) *simtest.Client {
	t.Helper()
	sources := []*ast.Source{schema.APISource()}
	for i, s := range sdl {
		sources = append(sources, &ast.Source{Name: fmt.Sprintf("extension%d.graphql", i+1), Input: s})
	}
	api, err := schema.Load(sources...)
	if err != nil {
		t.Fatal(err)
	}
	srv := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) {
		cfg.API, cfg.ClockStart = api, at
		if edit != nil {
			edit(cfg.World)
		}
	}))
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	return c
}

// TestStateTellsLocalTime: the accounts' own date-times are told in the tenant's local
// time with its offset, as the world's are, and a date stored as a day starts at the
// local midnight: on a Sydney tenant an agreement from 2024-01-01 starts at 00:00+11:00
// (summer there), a statement from 2019-09-01 at 00:00+10:00.
func TestStateTellsLocalTime(t *testing.T) {
	const read = `{ account(accountNumber: "A-C90DC431") {
		createdAt
		ledgers { statements { edges { node { startAt } } } }
		properties { electricityMeterPoints { agreements(includeInactive: true) { validFrom } meters { readings(first: 1) { edges { node { readAt } } } } } } } }`
	for _, tc := range []struct {
		zone string
		want map[string]any
	}{
		{"Europe/London", map[string]any{
			"account.createdAt": "2019-09-16T10:30:00+01:00",
			"account.ledgers.0.statements.edges.0.node.startAt":                                   "2025-05-01T00:00:00+01:00",
			"account.properties.0.electricityMeterPoints.0.agreements.0.validFrom":                "2019-10-01T00:00:00+01:00",
			"account.properties.0.electricityMeterPoints.0.meters.0.readings.edges.0.node.readAt": "2025-06-01T00:00:00+01:00",
		}},
		{"Australia/Sydney", map[string]any{
			"account.createdAt": "2019-09-16T19:30:00+10:00",
			"account.ledgers.0.statements.edges.0.node.startAt":                                   "2025-05-01T00:00:00+10:00",
			"account.properties.0.electricityMeterPoints.0.agreements.0.validFrom":                "2019-10-01T00:00:00+10:00",
			"account.properties.0.electricityMeterPoints.0.meters.0.readings.edges.0.node.readAt": "2025-06-01T00:00:00+10:00",
		}},
	} {
		t.Run(tc.zone, func(t *testing.T) {
			c := zoneClient(t, tc.zone, clockStart)
			data := mustData(t, c.Query(read, nil))
			for path, want := range tc.want {
				if got := dig(data, path); got != want {
					t.Errorf("%s = %v, want %v", path, got, want)
				}
			}
		})
	}
}

// TestTodayIsLocal: "today" is the tenant's date. At 20:00 UTC on 1 June it is already
// 2 June in Sydney, so a payment dated 2 June is collected today and one dated 1 June is
// in the past; in London it is still 1 June.
func TestTodayIsLocal(t *testing.T) {
	const collect = `mutation($d: Date!, $k: String!) { collectPayment(input: {accountNumber: "A-C90DC431", amount: 100,
		paymentDate: $d, description: "d", idempotencyKey: $k, ledgerId: "6100001"}) { payment { status } } }`
	at := time.Date(2025, 6, 1, 20, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		zone, date, status, code string
	}{
		{"Australia/Sydney", "2025-06-02", "PENDING", ""},
		{"Australia/Sydney", "2025-06-01", "", "KT-CT-3932"},
		{"Europe/London", "2025-06-02", "SCHEDULED", ""},
		{"Europe/London", "2025-06-01", "PENDING", ""},
	} {
		t.Run(tc.zone+" "+tc.date, func(t *testing.T) {
			c := zoneClient(t, tc.zone, at)
			r := c.Query(collect, map[string]any{"d": tc.date, "k": tc.date})
			if tc.code != "" {
				if len(r.Errors) == 0 || r.Errors[0].Code() != tc.code {
					t.Fatalf("errors %+v, want %s", r.Errors, tc.code)
				}
				return
			}
			if got := dig(mustData(t, r), "collectPayment.payment.status"); got != tc.status {
				t.Errorf("status %v, want %s", got, tc.status)
			}
		})
	}
}

// mustData is an answer's data, failing the test on any error.
func mustData(t testing.TB, r *simtest.Response) map[string]any {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	return r.Data
}

// TestInputWithoutOffsetIsLocal: a DateTime given without an offset, or as a bare date,
// is read in the tenant's local time, as Kraken reads it.
func TestInputWithoutOffsetIsLocal(t *testing.T) {
	// The value is near what the smart meter recorded then in each zone's household.
	const submit = `mutation($at: DateTime!, $value: Decimal!) { submitMeterReading(input: {accountNumber: "A-C90DC431", meterId: "3010001",
		value: $value, readAt: $at}) { reading { readAt } } }`
	for _, tc := range []struct{ zone, at, value, want string }{
		{"Australia/Sydney", "2025-05-01T08:00:00", "14791", "2025-05-01T08:00:00+10:00"},
		{"Australia/Sydney", "2025-05-01", "14791", "2025-05-01T00:00:00+10:00"},
		{"Australia/Sydney", "2025-05-01T08:00:00Z", "14791", "2025-05-01T18:00:00+10:00"},
		{"Europe/London", "2025-05-01T08:00:00", "15200", "2025-05-01T08:00:00+01:00"},
	} {
		t.Run(tc.zone+" "+tc.at, func(t *testing.T) {
			c := zoneClient(t, tc.zone, clockStart)
			got := dig(mustData(t, c.Query(submit, map[string]any{"at": tc.at, "value": tc.value})), "submitMeterReading.reading.readAt")
			if got != tc.want {
				t.Errorf("readAt %v, want %s", got, tc.want)
			}
		})
	}
}
