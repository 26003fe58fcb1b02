package fake_test

import (
	"fmt"
	"time"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
)

func Example() {
	f := fake.New(2025)
	str := &ast.Definition{Kind: ast.Scalar, Name: "String"}
	dateTime := &ast.Definition{Kind: ast.Scalar, Name: "DateTime"}
	status := &ast.Definition{Kind: ast.Enum, Name: "AccountStatus", EnumValues: ast.EnumValueList{
		{Name: "ACTIVE"}, {Name: "PENDING"}, {Name: "WITHDRAWN"},
	}}

	// The key identifies the field instance (its path and arguments).
	const key = 1
	fmt.Println(f.Leaf(key, "AccountType", "number", str))
	fmt.Println(f.Leaf(key, "AccountUserType", "email", str))
	fmt.Println(f.Leaf(key, "AddressDetails", "postcode", str))
	fmt.Println(f.Leaf(key, "ElectricityMeterPointType", "mpan", str))
	fmt.Println(f.Leaf(key, "AccountType", "createdAt", dateTime))
	fmt.Println(f.Leaf(key, "AccountType", "status", status))
	fmt.Println(f.ListLen(key), f.Pick(key, 3))
	// Same inputs, same value:
	fmt.Println(f.Leaf(key, "AccountType", "number", str) == fake.New(2025).Leaf(key, "AccountType", "number", str))
	// Output:
	// A-F6FBFDCB
	// lincoln_harvey@example.net
	// BA9 6EE
	// 1502254240993
	// 2024-06-28T22:30:00+01:00
	// ACTIVE
	// 3 0
	// true
}

func ExampleFaker_Product() {
	f := fake.New(2025)
	// The key identifies the device object, so its make and model fields agree.
	const key = 7
	mk, model := f.Product(key, "KrakenflexDeviceType", "vehicle")
	fmt.Println(mk, model)
	other, _ := f.ModelOf(key, "KrakenflexDeviceType", "vehicle", "Tesla")
	brand, _ := f.MakeOf("SmartFlexChargePoint", "", "Pulsar Plus")
	fmt.Println(other, brand)
	// Output:
	// Hyundai Ioniq 5
	// Model 3 Wallbox
}

func ExampleFaker_SpecOf() {
	f := fake.New(2025)
	// A catalog entry names a model alone; a registered device its make and model.
	car, _ := f.SpecOf("ElectricVehicleModelType", "", "", "Model 3")
	charger, _ := f.SpecOf("KrakenFlexDeviceType", "chargePoint", "Ohme", "Home Pro")
	_, known := f.SpecOf("KrakenFlexDeviceType", "vehicle", "Tesla", "Cybertruck")
	fmt.Println(car.CapacityKWh, car.Since, car.Providers)
	fmt.Println(charger.PowerKW, charger.Amps, known)
	// Output:
	// 57.5 2019 [TESLA]
	// 7.4 32 false
}

func ExampleNormalizeDecimal() {
	for _, s := range []string{"4.000", "4.100", "7.40", "12"} {
		fmt.Println(fake.NormalizeDecimal(s))
	}
	// Output:
	// 4
	// 4.1
	// 7.4
	// 12
}

func ExampleUKTime() {
	winter := time.Date(2026, 12, 1, 0, 30, 0, 0, time.UTC)
	summer := time.Date(2026, 7, 1, 23, 30, 0, 0, time.UTC)
	fmt.Println(fake.UKTime(winter).Format(time.RFC3339))
	fmt.Println(fake.UKTime(summer).Format(time.RFC3339))
	// Output:
	// 2026-12-01T00:30:00Z
	// 2026-07-02T00:30:00+01:00
}

func ExampleMix64() {
	// Neighbouring keys draw far-apart values, the same every time.
	fmt.Println(fake.Mix64(1) != fake.Mix64(2), fake.Mix64(1) == fake.Mix64(1))
	// Output:
	// true true
}

func ExampleLocalZone() {
	s := gqlparser.MustLoadSchema(&ast.Source{Input: `type Query {
  measurements(timezone: String = "Australia/Sydney"): Int
}`})
	f := fake.NewIn(1, fake.LocalZone(s))
	dt := &ast.Definition{Name: "DateTime", Kind: ast.Scalar}
	fmt.Println(f.Zone())
	fmt.Println(f.FormatTime(time.Date(2026, 11, 9, 13, 0, 0, 0, time.UTC), fake.AsDateTime, dt))
	// Output:
	// Australia/Sydney
	// 2026-11-10T00:00:00+11:00
}

func ExampleCountry() {
	for _, name := range []string{"Europe/London", "Australia/Sydney", "Europe/Berlin", "America/Chicago"} {
		zone, _ := fake.Zone(name)
		str := &ast.Definition{Kind: ast.Scalar, Name: "String"}
		f := fake.NewIn(1, zone)
		fmt.Println(fake.Country(zone), fake.Currency(zone), f.Leaf(1, "RichAddressType", "country", str) == fake.Country(zone))
	}
	// Output:
	// GB GBP true
	// AU AUD true
	// DE EUR true
	// US USD true
}

func ExampleEnergyTax() {
	for _, name := range []string{"Europe/Berlin", "Australia/Sydney", "Europe/London"} {
		zone, _ := fake.Zone(name)
		t, known := fake.EnergyTax(zone)
		fmt.Println(name, t, known, fake.GoodsTax(zone))
	}
	// Output:
	// Europe/Berlin 1.19 true 1.19
	// Australia/Sydney 1.1 true 1.1
	// Europe/London 0 false 1.2
}
