package fake

import (
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

func TestProduct(t *testing.T) {
	f := New(3)
	tests := []struct {
		parent, kind string
		within       []product
	}{
		{"KrakenflexDeviceType", "vehicle", vehicles},
		{"KrakenflexDeviceType", "chargePoint", chargers},
		{"SmartFlexHeatPump", "", heatPumps},
		{"SmartFlexBattery", "", batteries},
		{"SmartMeterDeviceType", "", meters},
		{"Thing", "", allProducts},
	}
	for _, tt := range tests {
		seen := map[string]bool{}
		for key := uint64(0); key < 200; key++ {
			mk, md := f.Product(key, tt.parent, tt.kind)
			if !containsProduct(tt.within, mk, md) {
				t.Fatalf("%s %q key %d: %q %q is not one of its products", tt.parent, tt.kind, key, mk, md)
			}
			if mk2, md2 := f.Product(key, tt.parent, tt.kind); mk2 != mk || md2 != md {
				t.Fatalf("%s key %d: %q %q, then %q %q", tt.parent, key, mk, md, mk2, md2)
			}
			seen[md] = true
			if got, ok := f.MakeOf(tt.parent, tt.kind, md); !ok || got != mk {
				t.Errorf("MakeOf(%q) = %q %v, want %q", md, got, ok, mk)
			}
			if got, ok := f.ModelOf(key, tt.parent, tt.kind, mk); !ok || !containsProduct(tt.within, mk, got) {
				t.Errorf("ModelOf(%q) = %q %v", mk, got, ok)
			}
		}
		if len(seen) < len(tt.within)/2 {
			t.Errorf("%s %q: 200 keys gave %d of %d models", tt.parent, tt.kind, len(seen), len(tt.within))
		}
	}
	if got, ok := f.ModelOf(1, "KrakenflexDeviceType", "vehicle", "Trabant"); ok {
		t.Errorf("ModelOf an unknown make = %q", got)
	}
	if got, ok := f.MakeOf("KrakenflexDeviceType", "vehicle", "Pulsar Plus"); ok {
		t.Errorf("a charger's model read as a vehicle's: make %q", got)
	}
}

// TestSpecs: every model of a device that holds or moves energy states its power and
// when it went on sale; a car and a home battery their capacity, a battery its coupling,
// a charger its supply current; a model of another make is not known.
func TestSpecs(t *testing.T) {
	f := New(1)
	for _, tt := range []struct {
		parent, kind string
		within       []product
		capacity     bool
	}{
		{"ElectricVehicleModelType", "", vehicles, true},
		{"KrakenFlexDeviceType", "chargePoint", chargers, false},
		{"HeatPumpVariantModelsType", "", heatPumps, false},
		{"BatteryVariantModelsType", "", batteries, true},
		{"SmartFlexInverter", "", inverters, false},
	} {
		for _, p := range tt.within {
			sp, ok := f.SpecOf(tt.parent, tt.kind, strings.ToUpper(p.make), p.model)
			switch {
			case !ok:
				t.Errorf("%s: no spec of the %s %s", tt.parent, p.make, p.model)
			case sp.PowerKW <= 0 || sp.Since < 2010 || sp.Since > 2026 || sp.Until != 0 && sp.Until < sp.Since:
				t.Errorf("the %s %s: %+v", p.make, p.model, sp)
			case tt.capacity != (sp.CapacityKWh > 0):
				t.Errorf("the %s %s states a capacity of %v kWh", p.make, p.model, sp.CapacityKWh)
			case tt.kind == "chargePoint" && float64(sp.Amps)*0.230 < sp.PowerKW*0.95:
				t.Errorf("the %s %s draws %d A for %v kW", p.make, p.model, sp.Amps, sp.PowerKW)
			case tt.parent == "BatteryVariantModelsType" && sp.Coupling != "AC" && sp.Coupling != "DC":
				t.Errorf("the %s %s is %q-coupled", p.make, p.model, sp.Coupling)
			}
			if _, ok := f.SpecOf(tt.parent, tt.kind, "", p.model); !ok {
				t.Errorf("%s: the %s's spec by its model alone", tt.parent, p.model)
			}
		}
	}
	if sp, ok := f.SpecOf("ElectricVehicleModelType", "", "Nissan", "Model 3"); ok {
		t.Errorf("a Nissan Model 3: %+v", sp)
	}
}

// TestNormalizedDecimalLeaves: a NormalizedDecimal leaf has no trailing zeros, as
// Kraken's scalar renders it.
func TestNormalizedDecimalLeaves(t *testing.T) {
	f := New(5)
	typ := &ast.Definition{Kind: ast.Scalar, Name: "NormalizedDecimal"}
	for key := uint64(0); key < 200; key++ {
		s, ok := f.Leaf(key, "SmartFlexHeatPump", "powerInKw", typ).(string)
		if !ok || strings.HasSuffix(s, ".") || strings.Contains(s, ".") && strings.HasSuffix(s, "0") {
			t.Fatalf("key %d: %v", key, f.Leaf(key, "SmartFlexHeatPump", "powerInKw", typ))
		}
	}
}

func containsProduct(ps []product, mk, md string) bool {
	for _, p := range ps {
		if p.make == mk && p.model == md {
			return true
		}
	}
	return false
}

func TestCatalog(t *testing.T) {
	f := New(3)
	for key := uint64(0); key < 20; key++ {
		makes := f.Makes(key, "ElectricVehicleType", "")
		seen := map[string]bool{}
		for _, mk := range makes {
			if seen[mk] {
				t.Fatalf("key %d: %s twice in %v", key, mk, makes)
			}
			seen[mk] = true
			models := f.Models("ElectricVehicleModelType", "", mk)
			if len(models) == 0 {
				t.Errorf("%s has no models", mk)
			}
			for _, md := range models {
				if !containsProduct(vehicles, mk, md) {
					t.Errorf("Models(%s) gave %q", mk, md)
				}
			}
		}
		for _, p := range vehicles {
			if !seen[p.make] {
				t.Errorf("key %d: the catalog %v lacks %s", key, makes, p.make)
			}
		}
	}
	if got := f.Models("ElectricVehicleModelType", "", "Tesla"); len(got) != 2 {
		t.Errorf("Tesla's models: %v", got)
	}
	if got := f.Models("ElectricVehicleModelType", "", "Trabant"); len(got) != 0 {
		t.Errorf("an unknown make's models: %v", got)
	}
}

// TestDispatchMeta draws a dispatch's source as the supplier's smart charge: a bump
// charge is one a customer asks for, which the world answers.
func TestDispatchMeta(t *testing.T) {
	f := New(4)
	str := scalar("String")
	for key := uint64(0); key < 200; key++ {
		if src := f.Leaf(key, "UpsideDispatchMetaType", "source", str); src != "smart-charge" {
			t.Fatalf("source %v", src)
		}
		if loc := f.Leaf(key, "UpsideDispatchMetaType", "location", str); loc != "AT_HOME" {
			t.Fatalf("location %v", loc)
		}
	}
}

func TestStatusesAreMostlyNormal(t *testing.T) {
	f := New(6)
	status := &ast.Definition{Kind: ast.Enum, Name: "PointStatus", EnumValues: ast.EnumValueList{
		{Name: "ON_SUPPLY"}, {Name: "OFF_SUPPLY"}, {Name: "NOT_LIVE"}, {Name: "PENDING"}, {Name: "LIVE"},
	}}
	seen := map[any]int{}
	for key := uint64(0); key < 600; key++ {
		seen[f.Leaf(key, "MeterPointType", "status", status)]++
	}
	if normal := seen["ON_SUPPLY"] + seen["LIVE"]; normal < 600*6/10 || seen["OFF_SUPPLY"] == 0 || seen["NOT_LIVE"] == 0 || seen["PENDING"] == 0 {
		t.Errorf("a status field's values: %v; want mostly ON_SUPPLY and LIVE, and each of the others", seen)
	}
	other := map[any]int{}
	for key := uint64(0); key < 600; key++ {
		other[f.Leaf(key, "DeviceType", "provider", status)]++
	}
	if other["ON_SUPPLY"]+other["LIVE"] > 600/2 {
		t.Errorf("a field that is not a status: %v; want no preference", other)
	}
}

func TestMeterModel(t *testing.T) {
	for _, tc := range []struct {
		gas  bool
		gen  string
		from []meterModel
	}{
		{false, "S1", smets1Electricity}, {false, "S2", smets2Electricity}, {false, "", plainElectricity},
		{true, "S1", smets1Gas}, {true, "S2", smets2Gas}, {true, "", plainGas},
	} {
		for key := uint64(0); key < 20; key++ {
			mk, md, fw := MeterModel(key, tc.gas, tc.gen)
			if !slices.Contains(tc.from, meterModel{mk, md, fw}) || (fw == "") != (tc.gen == "") {
				t.Errorf("gas %v %q key %d: %q %q %q", tc.gas, tc.gen, key, mk, md, fw)
			}
		}
	}
	seen := map[string]bool{}
	for key := uint64(0); key < 50; key++ {
		id := EUI64(key)
		if len(id) != 23 || strings.Count(id, "-") != 7 || strings.ToUpper(id) != id || EUI64(key) != id {
			t.Fatalf("EUI64(%d) = %q", key, id)
		}
		seen[id] = true
	}
	if len(seen) != 50 {
		t.Errorf("50 keys gave %d ids", len(seen))
	}
}
