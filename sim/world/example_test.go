package world_test

import (
	"context"
	"fmt"
	"time"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/world"
)

// ExampleOptions declares, as state would, the car an account has: the devices list
// answers it, and the device an older field registers for the account is that car.
func ExampleOptions() {
	s := gqlparser.MustLoadSchema(&ast.Source{Name: "devices.graphql", Input: `type Query {
  devices(accountNumber: String!): [SmartFlexDeviceInterface]
  registeredKrakenflexDevice(accountNumber: String!): KrakenFlexDeviceType
}
interface SmartFlexDeviceInterface { id: ID! name: String }
type SmartFlexVehicle implements SmartFlexDeviceInterface { id: ID! name: String make: String model: String }
type SmartFlexChargePoint implements SmartFlexDeviceInterface { id: ID! name: String make: String model: String }
type KrakenFlexDeviceType { vehicleMake: String vehicleModel: String chargePointMake: String chargePointModel: String }`})
	faker := fake.New(1)
	gen := world.New(s, faker, world.Options{Devices: func(_ *world.Env, args map[string]any) ([]world.Device, bool) {
		if args == nil || args["accountNumber"] == "A-7B3E9D12" {
			return []world.Device{{Type: "SmartFlexVehicle", ID: "car-1", Make: "Tesla", Model: "Model 3"}}, true
		}
		return nil, false
	}})
	exec := graphql.New(s, graphql.Options{Faker: faker, Generator: gen})
	env := &world.Env{Now: time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC), Store: world.NewStore(0)}
	out, _ := exec.Execute(world.WithEnv(context.Background(), env), &graphql.Request{Query: `{
  devices(accountNumber: "A-7B3E9D12") { id name }
  registeredKrakenflexDevice(accountNumber: "A-7B3E9D12") { vehicleMake vehicleModel chargePointMake } }`}).MarshalJSON()
	fmt.Println(string(out))
	// Output:
	// {"data":{"devices":[{"id":"car-1","name":"Tesla Model 3"}],"registeredKrakenflexDevice":{"vehicleMake":"Tesla","vehicleModel":"Model 3","chargePointMake":null}}}
}

// ExampleLifetime gives a state meter point its lifetime: what the world makes up beside
// the state's fields falls in it, so a supply that is on has no end date.
func ExampleLifetime() {
	s := gqlparser.MustLoadSchema(&ast.Source{Name: "points.graphql", Input: `type Query { meterPoint(mpan: String!): MeterPoint }
type MeterPoint { mpan: String! supplyStartDate: Date supplyEndDate: Date }
scalar Date`})
	faker := fake.New(1)
	gen := world.New(s, faker, world.Options{State: func(_ *world.Env, typ, field, value string) (map[string]any, bool) {
		start := time.Date(2019, 10, 1, 0, 0, 0, 0, time.UTC)
		return map[string]any{"mpan": value, world.LifetimeKey: world.Lifetime{Start: start}}, field == "mpan"
	}})
	exec := graphql.New(s, graphql.Options{Faker: faker, Generator: gen})
	env := &world.Env{Now: time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC), Store: world.NewStore(0)}
	out, _ := exec.Execute(world.WithEnv(context.Background(), env), &graphql.Request{Query: `{
  meterPoint(mpan: "1013004420117") { mpan supplyStartDate supplyEndDate } }`}).MarshalJSON()
	fmt.Println(string(out))
	// Output:
	// {"data":{"meterPoint":{"mpan":"1013004420117","supplyStartDate":"2019-10-01","supplyEndDate":null}}}
}

// ExampleRegister_Boosted reads a household's meter with a boost charge asked for at
// 09:07: the hour from 09:00 holds the boost's 53 minutes at 7 kW beside the household's
// own use.
func ExampleRegister_Boosted() {
	london, _ := time.LoadLocation("Europe/London")
	at := func(h, m int) time.Time { return time.Date(2026, 12, 2, h, m, 0, 0, london) }
	m := world.Meter{Register: "21L4381927", PerHalfHour: 0.23,
		Boosts: []world.Boost{{From: at(9, 7), To: at(10, 30)}}}
	r := m.In(london)
	fmt.Printf("boost %.3f kWh of %.3f\n", r.Boosted(at(9, 0), at(10, 0)), r.Use(at(9, 0), at(10, 0)))
	// Output: boost 6.183 kWh of 6.693
}

// ExampleCollected asks whether a meter read only daily from 1 December collected a half
// hour of 2 December, and that day.
func ExampleCollected() {
	daily := []world.CoarseSpan{{From: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}}
	day := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	fmt.Println(world.Collected(daily, day, true, true), world.Collected(daily, day, false, true))
	// Output: false true
}

// A household's car charges at the least of what its devices take, as their makers
// state it: a Tesla Model 3 (11 kW) through a 7.4 kW Ohme charger draws 7.4 kW.
func ExampleChargeKW() {
	fmt.Println(world.ChargeKW([]world.Device{
		{Type: "SmartFlexVehicle", Make: "Tesla", Model: "Model 3"},
		{Type: "SmartFlexChargePoint", Make: "Ohme", Model: "Home Pro"},
	}))
	fmt.Println(world.ChargeKW([]world.Device{{Type: "SmartFlexVehicle", Make: "Tesla", Model: "Model 3"}}))
	fmt.Println(world.ChargeKW(nil))
	// A heat pump in the same home draws power of its own, not the car's.
	fmt.Println(world.ChargeKW([]world.Device{
		{Type: "SmartFlexVehicle", Make: "Tesla", Model: "Model 3"},
		{Type: "SmartFlexHeatPump", Make: "Vaillant", Model: "aroTHERM plus"},
	}))
	// Output:
	// 7.4
	// 11
	// 7
	// 11
}

func ExampleTurbine_Report() {
	tb := world.TurbineOf(42)
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	r := tb.Report(now)
	fmt.Println(len(r.Thresholds), len(r.Historic), len(r.Forecast))
	fmt.Println(r.Current.Start.Format(time.RFC3339), r.Current.Discount == tb.DiscountAt(r.Current.Start))
	// Output:
	// 2 48 48
	// 2026-12-05T12:00:00Z true
}
