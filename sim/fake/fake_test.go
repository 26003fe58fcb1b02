package fake

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

var _ graphql.Faker = (*Faker)(nil)

func scalar(name string) *ast.Definition { return &ast.Definition{Kind: ast.Scalar, Name: name} }

var (
	reUKPostcode = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}$`)
	reAccount    = regexp.MustCompile(`^A-[0-9A-F]{8}$`)
	reMPAN       = regexp.MustCompile(`^\d{13}$`)
	reMPRN       = regexp.MustCompile(`^[1-9]\d{5,9}$`)
	reEmail      = regexp.MustCompile(`^[a-z][a-z0-9._]*@[a-z0-9.-]+\.[a-z]{2,}$`)
	rePhone      = regexp.MustCompile(`^\+44\d{10}$`)
	reMobile     = regexp.MustCompile(`^\+447700900\d{3}$`)
	reDateTime   = regexp.MustCompile(`^20(2[3-6])-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[01]:00$`)
	reDate       = regexp.MustCompile(`^20(2[3-6])-\d{2}-\d{2}$`)
	reBirthDate  = regexp.MustCompile(`^(19[4-9]\d|200[0-5])-\d{2}-\d{2}$`)
	reTime       = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d:00$`)
	reUUID       = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	reNumericID  = regexp.MustCompile(`^[1-9]\d{0,6}$`)
	reDecimal    = regexp.MustCompile(`^-?\d+\.\d{2}$`)
	reDecimalAny = regexp.MustCompile(`^-?\d+\.\d{2,}$`)
	// reNormalizedDecimal is a NormalizedDecimal: no trailing zeros, no bare point.
	reNormalizedDecimal = regexp.MustCompile(`^-?\d+(\.\d*[1-9])?$`)
	reSortCode          = regexp.MustCompile(`^\d{2}-\d{2}-\d{2}$`)
	// reTeam is an operations team's name: what it works on, where, and which.
	reTeam       = regexp.MustCompile(`^[A-Z]+-[A-Z]{3}-[1-4]$`)
	reIBAN       = regexp.MustCompile(`^GB\d{2}[A-Z]{4}\d{14}$`)
	reURL        = regexp.MustCompile(`^https://[a-z0-9.-]+/\S+$`)
	reDuration   = regexp.MustCompile(`^PT(\d+H)?(\d+M)?$`)
	reTariffCode = regexp.MustCompile(`^[EG]-[12]R-[A-Z0-9-]+-\d{2}-\d{2}-\d{2}-[A-P]$`)
	reProduct    = regexp.MustCompile(`^[A-Z0-9-]+-\d{2}-\d{2}-\d{2}$`)
	reGSP        = regexp.MustCompile(`^_[A-P]$`)
	reEUI        = regexp.MustCompile(`^([0-9A-F]{2}-){7}[0-9A-F]{2}$`)
	reMSN        = regexp.MustCompile(`^(\d{2}[A-Z]\d{7}|E6S\d{10})$`)
	reDigits8    = regexp.MustCompile(`^\d{8}$`)
	reFullName   = regexp.MustCompile(`^\S+( \S+)+$`)
	reVersion    = regexp.MustCompile(`^\d+\.\d+\.\d+$`)
	reHHMM       = regexp.MustCompile(`^([01]\d|2[0-3]):[03]0$`)
)

// TestNameRules checks the format each rule promises, over many keys.
func TestNameRules(t *testing.T) {
	tests := []struct {
		parent, field, typ string
		re                 *regexp.Regexp
	}{
		{"AccountUserType", "email", "String", reEmail},
		{"AccountInterface", "billingEmail", "String", reEmail},
		{"Query", "anything", "Email", reEmail},
		{"AccountUserType", "mobile", "String", reMobile},
		{"AccountUserType", "phoneNumber", "String", reMobile},
		{"AccountUserType", "landline", "String", rePhone},
		{"AddressDetails", "postcode", "String", reUKPostcode},
		{"PropertyRichAddressType", "postalCode", "String", reUKPostcode},
		{"AccountInterface", "billingAddressPostcode", "String", reUKPostcode},
		{"AccountType", "number", "String", reAccount},
		{"Payment", "accountNumber", "String", reAccount},
		{"BankDetailsType", "accountNumber", "String", reDigits8},
		{"PortfolioType", "leadAccountNumber", "String", reAccount},
		{"AccountUserType", "number", "String", regexp.MustCompile(`^U-[0-9A-F]{8}$`)},
		{"ElectricityMeterType", "roundNumber", "String", regexp.MustCompile(`^[0-9]{6}$`)},
		{"ElectricityMeterType", "sequenceNumber", "String", regexp.MustCompile(`^[0-9]{6}$`)},
		{"PaymentPlanType", "ledgerNumber", "String", regexp.MustCompile(`^L-[0-9A-F]{8}$`)},
		{"RefundType", "bankAccountNumber", "String", reDigits8},
		{"DirectDebitInstructionType", "sortCode", "String", reSortCode},
		{"DirectDebitInstructionType", "iban", "String", reIBAN},
		{"ElectricityMeterPointType", "mpan", "String", reMPAN},
		{"GasMeterPointType", "mprn", "String", reMPRN},
		{"ElectricityMeterType", "serialNumber", "String", reMSN},
		{"GasMeterType", "serialNumber", "String", reMSN},
		{"AccountType", "id", "ID", reNumericID},
		{"Charge", "transactionId", "ID", reNumericID},
		{"ActiveAppointmentType", "id", "UUID", reUUID},
		{"Thing", "uuid", "String", reUUID},
		{"AccountType", "createdAt", "DateTime", reDateTime},
		{"AgreementInterface", "validFrom", "DateTime", reDateTime},
		{"BillInterface", "issuedDate", "Date", reDate},
		{"PaymentScheduleType", "validTo", "Date", reDate},
		{"WanCoverageDetail", "anticipatedCoverageAt", "String", reDateTime},
		{"ProductTariffInformationLabelEco7", "tariffEndsOn", "String", reDate},
		{"ActiveAppointmentType", "timeSlotStart", "Time", reTime},
		{"VehicleChargingPreferencesType", "weekdayTargetTime", "String", reHHMM},
		{"Thing", "duration", "Duration", reDuration},
		{"AccountInterface", "balance", "Decimal", reDecimal},
		{"Thing", "price", "Decimal", reDecimal},
		{"AccountUrl", "url", "String", reURL},
		{"OctoplusOfferImageUrlsType", "logoMobile", "String", reURL},
		{"Urls", "tariffRenewal", "String", reURL}, // a type of links: each is one
		{"Urls", "meterReadingSubmission", "String", reURL},
		{"WeeklyUsageInsightsType", "isLatestWeek", "String", regexp.MustCompile(`^(true|false)$`)}, // graphene writes a Boolean so
		{"WeeklyUsageInsightsType", "numberPeriods", "String", regexp.MustCompile(`^[1-9][0-9]{0,2}$`)},
		{"DayNightTariff", "tariffCode", "String", reTariffCode},
		{"QuotedProductType", "gasTariffCode", "String", reTariffCode},
		{"EnergyProductType", "code", "String", regexp.MustCompile(`^[A-Z0-9]{8}$`)},
		{"QuotedProductType", "productCode", "String", reProduct},
		{"AddressType", "gspGroupId", "String", reGSP},
		{"Controller", "euid", "String", reEUI},
		{"AccountUserType", "fullName", "String", reFullName},
		{"AccountUserType", "name", "String", reFullName},
		{"SmartMeterDeviceType", "firmwareVersion", "String", reVersion},
		{"AccountInterface", "billingCountryCode", "String", regexp.MustCompile(`^GB$`)},
		{"GoodsGrant", "currency", "String", regexp.MustCompile(`^GBP$`)},
		{"EnergyMixDataType", "carbonIntensityIndex", "String", regexp.MustCompile(`^(very low|low|moderate|high|very high)$`)},
		{"AccountPaymentType", "paymentReference", "String", regexp.MustCompile(`^[A-Z2-9]{10}$`)},
		{"ReferralType", "referralCode", "String", regexp.MustCompile(`^[a-z]+-[a-z]+-\d{2}$`)},
		{"APIKeyAuthentication", "token", "String", regexp.MustCompile(`^[A-Za-z0-9_-]{40}$`)},
		{"PageInfo", "endCursor", "String", regexp.MustCompile(`^YXJyYXljb25uZWN0aW9uOj[A-Za-z0-9+/=]+$`)},
		{"VehicleInformationType", "vin", "String", regexp.MustCompile(`^[A-HJ-NPR-Z0-9]{17}$`)},
		{"Thing", "blob", "Base64String", regexp.MustCompile(`^[A-Za-z0-9+/]{16}$`)},
		{"AddressDetails", "addressLine1", "String", regexp.MustCompile(`^\d+ [A-Z][A-Za-z ]+$`)},
		{"AddressType", "line3", "String", regexp.MustCompile(`^[A-Z][A-Za-z ]+$`)},
	}
	f := New(42)
	for _, tt := range tests {
		t.Run(tt.parent+"."+tt.field+":"+tt.typ, func(t *testing.T) {
			for key := uint64(0); key < 200; key++ {
				v := f.Leaf(key, tt.parent, tt.field, scalar(tt.typ))
				s, ok := v.(string)
				if !ok {
					t.Fatalf("key %d: got %T %#v, want string", key, v, v)
				}
				if !tt.re.MatchString(s) {
					t.Fatalf("key %d: %q does not match %s", key, s, tt.re)
				}
			}
		})
	}
}

func TestMPANCheckDigit(t *testing.T) {
	f := New(7)
	for key := uint64(0); key < 500; key++ {
		s := f.Leaf(key, "ElectricityMeterPointType", "mpan", scalar("String")).(string)
		sum := 0
		for i := 0; i < 12; i++ {
			sum += int(s[i]-'0') * mpanPrimes[i]
		}
		if want := byte('0' + sum%11%10); s[12] != want {
			t.Fatalf("%s: check digit %c, want %c", s, s[12], want)
		}
		if d, _ := strconv.Atoi(s[:2]); d < 10 || d > 23 {
			t.Fatalf("%s: distributor %d outside 10-23", s, d)
		}
	}
}

func TestIBANCheckDigits(t *testing.T) {
	f := New(7)
	for key := uint64(0); key < 200; key++ {
		s := f.Leaf(key, "DirectDebitInstructionType", "iban", scalar("String")).(string)
		if mod97(s[4:]+s[:4]) != 1 {
			t.Fatalf("%s fails the mod-97 check", s)
		}
	}
}

func TestDateTimeParsesAndOffsetsMatchLondon(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	f := New(3)
	for key := uint64(0); key < 2000; key++ {
		s := f.Leaf(key, "Thing", "createdAt", scalar("DateTime")).(string)
		ts, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		_, off := ts.In(london).Zone()
		_, got := ts.Zone()
		if off != got {
			t.Fatalf("%q: offset %d, London has %d at that instant", s, got, off)
		}
	}
}

// TestStartsPrecedeEnds checks the early/late hints on paired fields.
func TestStartsPrecedeEnds(t *testing.T) {
	f := New(11)
	pairs := [][2]string{{"validFrom", "validTo"}, {"startAt", "endAt"}, {"periodStartsAt", "periodEndsAt"}, {"fromDate", "toDate"}}
	for _, p := range pairs {
		for _, typ := range []string{"Date", "DateTime"} {
			for key := uint64(0); key < 100; key++ {
				a := f.Leaf(key, "AgreementType", p[0], scalar(typ)).(string)
				b := f.Leaf(key+1000, "AgreementType", p[1], scalar(typ)).(string)
				if a[:10] >= b[:10] {
					t.Fatalf("%s %s=%s not before %s=%s", typ, p[0], a, p[1], b)
				}
			}
		}
	}
	s := f.Leaf(1, "Slot", "timeSlotStart", scalar("Time")).(string)
	e := f.Leaf(1, "Slot", "timeSlotEnd", scalar("Time")).(string)
	if s >= e {
		t.Fatalf("timeSlotStart %s not before timeSlotEnd %s", s, e)
	}
}

func TestNumbersByName(t *testing.T) {
	f := New(5)
	tests := []struct {
		parent, field, typ string
		check              func(any) bool
	}{
		{"AccountInterface", "balance", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= -50000 && x <= 150000 }},
		{"Payment", "amount", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= 100 }},
		{"Payment", "amount", "BigInt", func(v any) bool { x, ok := v.(int64); return ok && x >= 100 && x < 1<<53 }},
		{"Payment", "amount", "Float", func(v any) bool { x, ok := v.(float64); return ok && x >= 1 && x == math.Round(x*100)/100 }},
		{"OctoPointsAccountType", "points", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= 0 && x <= 5000 }},
		{"Connection", "totalCount", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= 1 && x <= 10 }},
		{"GasTariffType", "unitRate", "Float", func(v any) bool { x, ok := v.(float64); return ok && x >= 5 && x <= 8 }},
		{"ElectricityTariffType", "unitRate", "Float", func(v any) bool { x, ok := v.(float64); return ok && x >= 8 && x <= 38 }},
		{"ApplicableRate", "value", "Float", func(v any) bool { x, ok := v.(float64); return ok && x >= 8 && x <= 38 }},
		{"ConsumptionType", "value", "Float", func(v any) bool { x, ok := v.(float64); return ok && x > 0 && x <= 2.5 }},
		{"MeasurementType", "value", "Float", func(v any) bool { x, ok := v.(float64); return ok && x > 0 && x <= 2.5 }},
		{"RateLimitType", "value", "Int", func(v any) bool { _, ok := v.(int); return ok }},
		{"Thing", "standingCharge", "Decimal", func(v any) bool { s, ok := v.(string); return ok && reDecimal.MatchString(s) }},
		{"CoordinatesType", "latitude", "Float", func(v any) bool { x, ok := v.(float64); return ok && x >= 50 && x <= 59 }},
		{"ObtainKrakenJSONWebToken", "refreshExpiresIn", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= 1672531200 }},
		{"Card", "cardExpiryMonth", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= 1 && x <= 12 }},
		{"OperationsTeamType", "teamName", "String", func(v any) bool { s, ok := v.(string); return ok && reTeam.MatchString(s) }},
		{"VehicleChargingPreferencesType", "weekdayTargetSoc", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= 50 && x <= 100 && x%5 == 0 }},
		{"StateOfChargeLimit", "upperSocLimit", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= 80 && x <= 100 && x%5 == 0 }},
		{"VehicleChargingPreferencesType", "weekendTargetTime", "String", func(v any) bool {
			s, ok := v.(string)
			return ok && len(s) == 5 && s >= "04:00" && s <= "11:00" && (s[3:] == "00" || s[3:] == "30")
		}},
		{"SensorTelemetry", "humidityPercentage", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= 30 && x <= 65 }},
		{"ZigbeeSensorTelemetry", "humidity", "Float", func(v any) bool { x, ok := v.(float64); return ok && x >= 30 && x <= 65 }},
		{"SavingSessionsEventType", "rewardPerKwhInOctoPoints", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= 100 && x <= 1800 && x%100 == 0 }},
		{"SensorTelemetry", "rssi", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= -95 && x <= -40 }},
		{"SensorTelemetry", "rssiPercentage", "Int", func(v any) bool { x, ok := v.(int); return ok && x >= 0 && x <= 100 }},
		{"SensorTelemetry", "voltage", "Float", func(v any) bool { x, ok := v.(float64); return ok && x >= 2 && x <= 3.2 }},
		{"MeterReading", "voltage", "Float", func(v any) bool { x, ok := v.(float64); return ok && x >= 216 && x <= 244 }},
		{"Thing", "isDeprecated", "Boolean", func(v any) bool { _, ok := v.(bool); return ok }},
		{"PageInfo", "hasNextPage", "Boolean", func(v any) bool { return v == false }},
		{"KrakenflexDeviceType", "vehicleBatterySizeInKwh", "Decimal", decimalIn(40, 100)},
		{"SmartFlexBattery", "batteryCapacity", "Float", func(v any) bool { x, ok := v.(float64); return ok && x >= 5 && x <= 14.5 }},
		{"KrakenflexDeviceType", "chargePointPowerInKw", "Decimal", func(v any) bool {
			return slices.Contains([]string{"3.60", "7.00", "7.40", "11.00", "22.00"}, v.(string))
		}},
		{"Temperature", "value", "Decimal", decimalIn(16, 24)},
		{"Power", "value", "Decimal", decimalIn(0.5, 11)},
		{"LiveTelemetry", "coefficientOfPerformance", "Decimal", decimalIn(2.2, 4.8)},
		{"ChargePointVariantModelType", "powerInKw", "Decimal", func(v any) bool {
			return slices.Contains([]string{"3.60", "7.00", "7.40", "11.00", "22.00"}, v.(string))
		}},
	}
	for _, tt := range tests {
		for key := uint64(0); key < 100; key++ {
			if v := f.Leaf(key, tt.parent, tt.field, scalar(tt.typ)); !tt.check(v) {
				t.Fatalf("%s.%s:%s key %d: unexpected %T %#v", tt.parent, tt.field, tt.typ, key, v, v)
			}
		}
	}
}

func decimalIn(lo, hi float64) func(any) bool {
	return func(v any) bool {
		s, ok := v.(string)
		x, err := strconv.ParseFloat(s, 64)
		return ok && err == nil && x >= lo && x <= hi
	}
}

func TestScalarShapes(t *testing.T) {
	f := New(9)
	for key := uint64(0); key < 100; key++ {
		if v := f.Leaf(key, "T", "upload", scalar("Upload")); v != nil {
			t.Fatalf("Upload: got %#v, want nil", v)
		}
		js := f.Leaf(key, "T", "context", scalar("JSONString")).(string)
		var m map[string]any
		if err := json.Unmarshal([]byte(js), &m); err != nil || len(m) == 0 {
			t.Fatalf("JSONString %q: %v", js, err)
		}
		if g, ok := f.Leaf(key, "T", "payload", scalar("GenericScalar")).(map[string]any); !ok || len(g) == 0 {
			t.Fatalf("GenericScalar: got %#v", g)
		}
		b := f.Leaf(key, "T", "blob", scalar("Base64String")).(string)
		if _, err := base64.StdEncoding.DecodeString(b); err != nil {
			t.Fatalf("Base64String %q: %v", b, err)
		}
		if s, ok := f.Leaf(key, "T", "whatever", scalar("SomeCustomScalar")).(string); !ok || s == "" {
			t.Fatalf("unknown scalar: got %#v", s)
		}
	}
	if v := f.Leaf(1, "T", "x", &ast.Definition{Kind: ast.Object, Name: "Account"}); v != nil {
		t.Fatalf("object type: got %#v, want nil", v)
	}
	if _, ok := f.Leaf(1, "T", "x", nil).(string); !ok {
		t.Fatal("nil type: want a string")
	}
}

func TestEnumPrefersLiveValues(t *testing.T) {
	enum := &ast.Definition{Kind: ast.Enum, Name: "AccountStatus", EnumValues: ast.EnumValueList{
		{Name: "ACTIVE"},
		{Name: "OLD", Directives: ast.DirectiveList{{Name: "deprecated"}}},
		{Name: "CLOSED"},
	}}
	f := New(1)
	seen := map[any]int{}
	for key := uint64(0); key < 300; key++ {
		seen[f.Leaf(key, "AccountType", "status", enum)]++
	}
	if seen["OLD"] != 0 || seen["ACTIVE"] == 0 || seen["CLOSED"] == 0 || len(seen) != 2 {
		t.Fatalf("enum values chosen: %v", seen)
	}
	allDeprecated := &ast.Definition{Kind: ast.Enum, Name: "E", EnumValues: ast.EnumValueList{
		{Name: "X", Directives: ast.DirectiveList{{Name: "deprecated"}}},
	}}
	if v := f.Leaf(1, "T", "e", allDeprecated); v != "X" {
		t.Fatalf("all-deprecated enum: got %#v, want X", v)
	}
	if v := f.Leaf(1, "T", "e", &ast.Definition{Kind: ast.Enum, Name: "Empty"}); v != nil {
		t.Fatalf("empty enum: got %#v, want nil", v)
	}
}

func TestDeterminism(t *testing.T) {
	a, b := New(99), New(99)
	other := New(100)
	emails := map[string]bool{}
	differs := 0
	for key := uint64(0); key < 100; key++ {
		x := a.Leaf(key, "AccountUserType", "email", scalar("String"))
		if y := a.Leaf(key, "AccountUserType", "email", scalar("String")); x != y {
			t.Fatalf("key %d: %v then %v on the same Faker", key, x, y)
		}
		if y := b.Leaf(key, "AccountUserType", "email", scalar("String")); x != y {
			t.Fatalf("key %d: %v vs %v on equal seeds", key, x, y)
		}
		if other.Leaf(key, "AccountUserType", "email", scalar("String")) != x {
			differs++
		}
		emails[x.(string)] = true
		if n := a.ListLen(key); n < 1 || n > 3 || n != b.ListLen(key) {
			t.Fatalf("ListLen(%d) = %d", key, n)
		}
		if p := a.Pick(key, 4); p < 0 || p >= 4 || p != b.Pick(key, 4) {
			t.Fatalf("Pick(%d, 4) = %d", key, p)
		}
	}
	if len(emails) < 95 {
		t.Fatalf("only %d distinct emails over 100 keys", len(emails))
	}
	if differs < 95 {
		t.Fatalf("another seed changed only %d of 100 emails", differs)
	}
	if a.Pick(1, 0) != 0 || a.Pick(1, -3) != 0 {
		t.Fatal("Pick with n <= 0 must return 0")
	}
}

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden pins a sample of outputs in testdata/golden.json, so that a change to
// the mixer or the rule table (which reshuffles fakes users may have snapshotted)
// is a deliberate one: rerun with -update to accept it.
func TestGolden(t *testing.T) {
	cases := []string{
		"AccountType.number:String", "AccountUserType.email:String", "AccountUserType.givenName:String",
		"AccountUserType.familyName:String", "AccountUserType.fullName:String", "AccountUserType.mobile:String",
		"AddressDetails.postcode:String", "AddressDetails.addressLine1:String", "AddressDetails.addressLine3:String",
		"ElectricityMeterPointType.mpan:String", "GasMeterPointType.mprn:String", "GasMeterType.serialNumber:String",
		"AccountType.id:ID", "AccountType.balance:Int", "AccountType.createdAt:DateTime", "BillInterface.issuedDate:Date",
		"StandardTariff.displayName:String", "StandardTariff.tariffCode:String", "StandardTariff.unitRate:Float",
		"DirectDebitInstructionType.iban:String", "DirectDebitInstructionType.sortCode:String",
		"Thing.amount:Decimal", "Thing.duration:Duration", "Thing.context:JSONString", "Thing.anything:String",
		"Thing.isActive:Boolean", "Thing.uuid:UUID", "Thing.total:BigInt",
	}
	f := New(2025)
	got := map[string]any{}
	for _, c := range cases {
		parent, rest, _ := strings.Cut(c, ".")
		field, typ, _ := strings.Cut(rest, ":")
		for key := uint64(1); key <= 2; key++ {
			got[c+"#"+strconv.FormatUint(key, 10)] = f.Leaf(key, parent, field, scalar(typ))
		}
	}
	got["ListLen#1..8"] = []int{f.ListLen(1), f.ListLen(2), f.ListLen(3), f.ListLen(4), f.ListLen(5), f.ListLen(6), f.ListLen(7), f.ListLen(8)}
	got["Pick5#1..8"] = []int{f.Pick(1, 5), f.Pick(2, 5), f.Pick(3, 5), f.Pick(4, 5), f.Pick(5, 5), f.Pick(6, 5), f.Pick(7, 5), f.Pick(8, 5)}
	js, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	js = append(js, '\n')
	path := filepath.Join("testdata", "golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, js, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != string(js) {
		t.Errorf("fakes differ from %s (rerun with -update if intended):\n%s", path, js)
	}
}

func TestListLenSpread(t *testing.T) {
	f := New(0)
	counts := map[int]int{}
	for key := uint64(0); key < 3000; key++ {
		counts[f.ListLen(key)]++
	}
	for n := 1; n <= 3; n++ {
		if counts[n] < 800 {
			t.Fatalf("ListLen distribution %v", counts)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	f := New(4)
	want := make([]any, 64)
	for i := range want {
		want[i] = f.Leaf(uint64(i), "P", "field"+strconv.Itoa(i%8), scalar("String"))
	}
	g := New(4)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range want {
				if got := g.Leaf(uint64(i), "P", "field"+strconv.Itoa(i%8), scalar("String")); got != want[i] {
					t.Errorf("key %d: %v, want %v", i, got, want[i])
				}
			}
		}()
	}
	wg.Wait()
}

func TestSplitWords(t *testing.T) {
	tests := map[string]string{
		"addressLine1":        "address line1",
		"APIKey":              "api key",
		"electricityPSRCode":  "electricity psr code",
		"givenName":           "given name",
		"xAmzSecurityToken":   "x amz security token",
		"co2SavedInGrams":     "co2 saved in grams",
		"snake_case_name":     "snake case name",
		"SHA":                 "sha",
		"":                    "",
		"isOptedInToWof":      "is opted in to wof",
		"billingAddressLine5": "billing address line5",
	}
	for in, want := range tests {
		if got := strings.Join(splitWords(in), " "); got != want {
			t.Errorf("splitWords(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzLeaf(f *testing.F) {
	f.Add(uint64(0), "AccountType", "number", "String", false)
	f.Add(uint64(1), "", "", "", true)
	f.Add(uint64(7), "X", "addressLine9", "Date", false)
	f.Add(uint64(9), "é", "ÉmailΩ_at", "DateTime", false)
	f.Add(uint64(3), "Gas", "serialNumber", "Upload", false)
	sydney, _ := Zone("Australia/Sydney")
	fakers := []*Faker{New(1), NewIn(1, sydney)}
	kinds := map[string]bool{"string": true, "int": true, "int64": true, "float64": true, "bool": true, "map": true, "nil": true}
	f.Fuzz(func(t *testing.T, key uint64, parent, field, typ string, enum bool) {
		def := &ast.Definition{Kind: ast.Scalar, Name: typ}
		if enum {
			def = &ast.Definition{Kind: ast.Enum, Name: typ, EnumValues: ast.EnumValueList{{Name: field}, {Name: parent}}}
		}
		faker := fakers[key%2]
		v := faker.Leaf(key, parent, field, def)
		if w := faker.Leaf(key, parent, field, def); !sameValue(v, w) {
			t.Fatalf("not deterministic: %#v then %#v", v, w)
		}
		if !kinds[kindOf(v)] {
			t.Fatalf("unexpected value %T", v)
		}
		if _, err := json.Marshal(v); err != nil {
			t.Fatalf("value %#v is not JSON-able: %v", v, err)
		}
		if n := faker.ListLen(key); n < 1 || n > 3 {
			t.Fatalf("ListLen %d", n)
		}
		if p := faker.Pick(key, len(field)); p < 0 || (len(field) > 0 && p >= len(field)) {
			t.Fatalf("Pick %d of %d", p, len(field))
		}
	})
}

func sameValue(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "nil"
	case string:
		return "string"
	case int:
		return "int"
	case int64:
		return "int64"
	case float64:
		return "float64"
	case bool:
		return "bool"
	case map[string]any:
		return "map"
	}
	return "other"
}

func BenchmarkLeaf(b *testing.B) {
	cases := []struct{ parent, field, typ string }{
		{"AccountUserType", "email", "String"},
		{"AccountType", "number", "String"},
		{"AccountType", "balance", "Int"},
		{"AccountType", "id", "ID"},
		{"AgreementInterface", "validFrom", "DateTime"},
		{"PageInfo", "hasNextPage", "Boolean"},
		{"AddressDetails", "postcode", "String"},
	}
	f := New(1)
	for _, c := range cases {
		def := scalar(c.typ)
		b.Run(c.field+":"+c.typ, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				f.Leaf(uint64(i), c.parent, c.field, def)
			}
		})
	}
}

// TestEveryRuleHonoursItsClasses runs each rule's generator for every class the
// rule admits and checks the JSON kind, so no rule can return, say, a string for Int.
func TestEveryRuleHonoursItsClasses(t *testing.T) {
	want := map[class]string{
		cString: "string", cID: "string", cInt: "int", cFloat: "float64", cBool: "bool", cDate: "string",
		cDateTime: "string", cTime: "string", cDuration: "string", cDecimal: "string", cBigInt: "int64",
		cGeneric: "map", cJSON: "string", cUUID: "string", cEmail: "string", cUpload: "nil", cBase64: "string",
	}
	names := map[string]bool{}
	for i, r := range table {
		if r.gen == nil || r.in == 0 || r.name == "" {
			t.Fatalf("rule %d (%q) is incomplete", i, r.name)
		}
		if names[r.name] {
			t.Fatalf("rule name %q is used twice", r.name)
		}
		names[r.name] = true
		for cls := cString; cls <= cBase64; cls++ {
			if !r.in.has(cls) {
				continue
			}
			for key := uint64(0); key < 20; key++ {
				c := call{r: rng{s: key}, cls: cls, when: hint(key % 3), parent: "SomeGasType", field: "someField1"}
				if got := kindOf(r.gen(&c)); got != want[cls] {
					t.Fatalf("rule %q, class %d: got %s, want %s", r.name, cls, got, want[cls])
				}
			}
		}
	}
	if last := table[len(table)-1]; last.in != anyClass || !last.m.accepts("", "", nil) {
		t.Fatal("the last rule must be a catch-all default")
	}
}

func TestRuleChoice(t *testing.T) {
	tests := []struct{ parent, field, typ, rule string }{
		{"AccountType", "number", "String", "number on account"},
		{"BankDetails", "accountNumber", "String", "bank account number"},
		{"StandardTariff", "fullName", "String", "tariff/product name"},
		{"AccountUserType", "fullName", "String", "person name"},
		{"AccountUserType", "lastName", "String", "family name"},
		{"OctoplusOfferImageUrlsType", "logoMobile", "String", "image"},
		{"AffiliateSessionType", "ipAddress", "String", "ip"},
		{"KrakenFlexDeviceType", "chargePointPowerInKw", "Decimal", "power"},
		{"OctoplusOfferType", "pointsCost", "Int", "points"},
		{"DayNightTariff", "preVatStandingCharge", "Float", "standing charge"},
		{"AccountType", "emailFormat", "String", "default"},
		{"PageInfo", "hasNextPage", "Boolean", "page flags"},
		{"AccountUserType", "isDeceased", "Boolean", "rare flags"},
		{"ConsumptionEstimate", "elecAnnualConsumptionDay", "Int", "annual energy"},
		{"AddressType", "gspGroupId", "String", "gsp"},
		{"RefundPaymentRequestType", "requestId", "ID", "ID scalar"},
		{"Energy", "value", "Decimal", "energy value"},
		{"UpsideDispatchMetaType", "source", "String", "dispatch source"},
		{"UpsideDispatchMetaType", "location", "String", "dispatch location"},
		{"ZigbeeSensorConfiguration", "displayName", "String", "room"},
		{"ElectricityMeterType", "location", "String", "meter location"},
		{"GasMeterType", "locationDescription", "String", "meter location"},
		{"AddressType", "location", "String", "town"},
		{"LifetimeTelemetry", "seasonalCoefficientOfPerformance", "Decimal", "coefficient of performance"},
	}
	for _, tt := range tests {
		if got := table[match(tt.parent, tt.field, classOf(tt.typ))].name; got != tt.rule {
			t.Errorf("%s.%s:%s chose rule %q, want %q", tt.parent, tt.field, tt.typ, got, tt.rule)
		}
	}
}

// TestCurrencyEnumIsTheMarkets: a currency enum (Origin's LineItemCurrency, a field
// named currency, a type named for currencies) answers the tenant's currency, in
// whatever words the enum names it; one with no value for it is drawn as before.
func TestCurrencyEnumIsTheMarkets(t *testing.T) {
	lineItem := &ast.Definition{Kind: ast.Enum, Name: "LineItemCurrency", EnumValues: ast.EnumValueList{
		{Name: "AUD_CENTS"}, {Name: "EURO_CENTS"}, {Name: "GBP_PENCE"}, {Name: "JPN_YEN"}, {Name: "USA_CENTS"},
	}}
	codes := &ast.Definition{Kind: ast.Enum, Name: "CurrencyCode", EnumValues: ast.EnumValueList{{Name: "GBP"}, {Name: "AUD"}}}
	for _, tc := range []struct {
		zone, want, code string
	}{
		{"Europe/London", "GBP_PENCE", "GBP"},
		{"Australia/Sydney", "AUD_CENTS", "AUD"},
		{"Europe/Berlin", "EURO_CENTS", ""},
		{"America/New_York", "USA_CENTS", ""},
		{"Asia/Tokyo", "JPN_YEN", ""},
	} {
		zone, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		f := NewIn(1, zone)
		for key := uint64(0); key < 20; key++ {
			if got := f.Leaf(key, "LineItemType", "currency", lineItem); got != tc.want {
				t.Fatalf("%s: a line item's currency %v, want %s", tc.zone, got, tc.want)
			}
			if got := f.Leaf(key, "Money", "code", codes); tc.code != "" && got != tc.code {
				t.Fatalf("%s: a CurrencyCode %v, want %s", tc.zone, got, tc.code)
			}
		}
	}
}
