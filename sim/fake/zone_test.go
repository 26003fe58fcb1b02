package fake_test

import (
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
)

func TestLocalZone(t *testing.T) {
	field := func(arg, def string) string {
		return "  f" + strings.NewReplacer("/", "", "-", "", "_", "").Replace(def) + "(" + arg + `: String = "` + def + `"): Int` + "\n"
	}
	tests := []struct {
		name, fields, want string
	}{
		{"none", "  a: Int\n", "Europe/London"},
		{"Octopus", field("timezone", "Europe/London"), "Europe/London"},
		{"a place before fixed offsets used more (Origin)",
			field("timezone", "Etc/GMT-10") + "  g(timezone: String = \"Etc/GMT-10\"): Int\n  h(timezone: String = \"Etc/GMT-10\"): Int\n" + field("timezone", "Australia/Sydney"),
			"Australia/Sydney"},
		{"a fixed offset alone", field("timeZone", "Etc/GMT-10"), "Etc/GMT-10"},
		{"a name the tz database does not know", field("timezone", "Mars/Olympus_Mons"), "Europe/London"},
		{"a default of another argument", field("country", "Europe/Berlin"), "Europe/London"},
		{"the machine's own zone is no tenant's", field("tz", "Local"), "Europe/London"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := gqlparser.LoadSchema(&ast.Source{Input: "type Query {\n" + tt.fields + "}"})
			if err != nil {
				t.Fatal(err)
			}
			if got := fake.LocalZone(s).String(); got != tt.want {
				t.Errorf("LocalZone = %s, want %s", got, tt.want)
			}
		})
	}
	if got := fake.LocalZone(nil).String(); got != "Europe/London" {
		t.Errorf("LocalZone(nil) = %s", got)
	}
}

func TestZone(t *testing.T) {
	for name, want := range map[string]bool{
		"Europe/Berlin": true, "Australia/Sydney": true, "UTC": true, "Etc/GMT-10": true,
		"": false, "Local": false, "../../etc/passwd": false, "/etc/localtime": false, "Europe/Nowhere": false,
		strings.Repeat("A/", 40): false,
	} {
		if loc, ok := fake.Zone(name); ok != want || ok && loc.String() != name {
			t.Errorf("Zone(%q) = %v, %v; want ok %v", name, loc, ok, want)
		}
	}
}

func TestZoneArg(t *testing.T) {
	for name, want := range map[string]bool{"timezone": true, "timeZone": true, "time_zone": true, "tz": true,
		"zone": false, "timezoneOffset": false, "heatPumpTimezone": false} {
		if got := fake.ZoneArg(name); got != want {
			t.Errorf("ZoneArg(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestFormatTimeInZone(t *testing.T) {
	sydney, _ := fake.Zone("Australia/Sydney")
	at := time.Date(2026, 11, 9, 13, 0, 0, 0, time.UTC)
	dt := &ast.Definition{Name: "DateTime", Kind: ast.Scalar}
	d := &ast.Definition{Name: "Date", Kind: ast.Scalar}
	for _, tt := range []struct {
		f    *fake.Faker
		typ  *ast.Definition
		want any
	}{
		{fake.NewIn(1, sydney), dt, "2026-11-10T00:00:00+11:00"},
		{fake.NewIn(1, sydney), d, "2026-11-10"},
		{fake.New(1), dt, "2026-11-09T13:00:00+00:00"},
		{fake.New(1), d, "2026-11-09"},
	} {
		if got := tt.f.FormatTime(at, fake.AsDateTime, tt.typ); got != tt.want {
			t.Errorf("%s in %s: %v, want %v", tt.typ.Name, tt.f.Zone(), got, tt.want)
		}
	}
}

// TestFakeDateTimesInZone: a date-time the Faker makes up is told in its zone, on the
// half hour for a start or an end.
func TestFakeDateTimesInZone(t *testing.T) {
	sydney, _ := fake.Zone("Australia/Sydney")
	f := fake.NewIn(3, sydney)
	dt := &ast.Definition{Name: "DateTime", Kind: ast.Scalar}
	for k := range uint64(200) {
		s, _ := f.Leaf(k, "Agreement", "validFrom", dt).(string)
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatalf("validFrom %q: %v", s, err)
		}
		if off := s[len(s)-6:]; off != "+10:00" && off != "+11:00" {
			t.Fatalf("validFrom %s is not told in Sydney time", s)
		}
		if tm.Minute()%30 != 0 {
			t.Fatalf("validFrom %s is not on the half hour", s)
		}
	}
}
