package sim_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// testWorld builds a small world with every list filled, so that Clone and Validate
// meet every field.
func testWorld() *sim.World {
	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	reading := []sim.MeterReading{{ReadAt: at, Register: "1", Value: 12.5, Source: "SMART"}}
	agreements := func(id string) []sim.Agreement {
		return []sim.Agreement{{ID: id, TariffCode: "E-1R-VAR-22-11-01-A", ProductCode: "VAR-22-11-01", ValidFrom: "2024-01-01"}}
	}
	return &sim.World{
		Users: []*sim.User{
			{
				ID: "3235447", Email: "demo@krakensim.dev", Password: "krakensim", GivenName: "Jamie", FamilyName: "Carter",
				DateOfBirth: "1986-04-12", APIKey: "sk_live_demo", PreSignedKeys: []string{"pre-1"},
				Preferences:    sim.CommsPreferences{EmailFormat: "HTML", FontSizeMultiplier: 1},
				Consents:       []sim.Consent{{Code: "MARKETING_EMAIL", Value: "ACCEPTED"}},
				AccountNumbers: []string{"A-C90DC431"}, LoyaltyPoints: 100,
			},
			{ID: "3235449", Email: "other@krakensim.dev", Password: "krakensim", AccountNumbers: []string{"A-0F4A2B19"}},
		},
		Accounts: []*sim.Account{
			{
				Number: "A-C90DC431", Status: "ACTIVE", AccountType: "DOMESTIC", CreatedAt: at, Balance: 4230,
				BillingEmail:   "demo@krakensim.dev",
				BillingAddress: sim.Address{Lines: []string{"41 Octopus Lane", "Norwich"}, Postcode: "NR3 1AB", CountryCode: "GB"},
				Consents:       []sim.Consent{{Code: "PAPERLESS_BILLING", Value: "ACCEPTED"}},
				Properties: []sim.Property{{
					ID: "2214531", Address: sim.Address{Lines: []string{"41 Octopus Lane"}, Postcode: "NR3 1AB"},
					ElectricityMeterPoints: []sim.ElectricityMeterPoint{{
						ID: "1873520", MPAN: "1013004420117",
						Meters:     []sim.ElectricityMeter{{ID: "3010001", SerialNumber: "19L3471092", Readings: reading}},
						Agreements: agreements("9100001"),
					}},
					GasMeterPoints: []sim.GasMeterPoint{{
						ID: "1473660", MPRN: "3406086401",
						Meters:     []sim.GasMeter{{ID: "3020001", SerialNumber: "E6S13452871961", Readings: reading}},
						Agreements: agreements("9100002"),
					}},
				}},
				Ledgers: []sim.Ledger{{ID: "6100001", Number: "L-6B2F0A1C", LedgerType: "ELECTRICITY_LEDGER", Balance: 4230}},
				PaymentSchedules: []sim.PaymentSchedule{{
					ID: "81712", LedgerNumber: "L-6B2F0A1C", ValidFrom: "2024-01-01", PaymentDay: 15,
					PaymentFrequency: "Monthly", PaymentAmount: 9500, Reason: "GENERAL_ACCOUNT_PAYMENT", ScheduleType: "DIRECT_DEBIT",
				}},
				PaymentInstructions: []sim.PaymentInstruction{{ID: "412881", LedgerNumber: "L-6B2F0A1C", InstructionType: "DIRECT_DEBIT", Status: "ACTIVE"}},
				Payments:            []sim.Payment{{ID: "5501001", LedgerNumber: "L-6B2F0A1C", Amount: 9500, PaymentDate: "2025-01-15", Status: "CLEARED"}},
				Transactions:        []sim.Transaction{{ID: "1", Date: "2019-10-01", Amount: 7100, Type: "PAYMENT"}},
				Statements:          []sim.Statement{{ID: "1001", BillPeriodFrom: "2019-09-01", BillPeriodTo: "2019-09-30"}},
				Notes:               []sim.Note{{Body: "hello", CreatedAt: at, DocumentPaths: []string{"a.pdf"}}},
				References:          []sim.AccountReference{{Namespace: "TENTACLE_ENERGY", Value: "EXTERNAL-1234"}},
				Metadata:            []sim.Metadata{{Key: "k", Value: `{"a":1}`}},
				Campaigns:           []string{"spring"},
				EnergyQuotes: []sim.EnergyQuote{{Code: "EPEJ7XZ8", CreatedAt: at, PropertyID: "2214531",
					Products: []sim.QuotedEnergyProduct{{ID: "7400000", ProductCode: "VAR-22-11-01", MeterPoints: []string{"1013004420117"}}}}},
				ReferralCode: "jamie-otter-431", LoyaltyPointsUserID: "3235447",
				ImportSupplier: "TENTACLE_ENERGY", ExternalAccountNumber: "EXTERNAL-1234",
			},
			{Number: "A-0F4A2B19", Status: "ACTIVE"},
		},
		ImportSuppliers:    []*sim.ImportSupplier{{Code: "TENTACLE_ENERGY", MPID: "TEN", APIKeys: []string{"krakensim-import-key"}}},
		Organizations:      []*sim.Organization{{Name: "Partner", SecretKey: "org-secret"}},
		Campaigns:          []*sim.Campaign{{Slug: "spring", Name: "Spring"}},
		ReferralClaimCodes: []*sim.ReferralClaimCode{{Code: "WELCOME-50", RewardAmount: 5000}},
		GoodsQuotes: []*sim.GoodsQuote{{
			ID: "101", Code: "GQ-101", AccountNumber: "A-C90DC431", QuotedAt: at,
			Products: []sim.QuotedGoods{{ProductID: "7", Code: "THERMOSTAT", NumberOfUnits: 1, PricePerUnit: 100}},
		}},
	}
}

func TestTestWorldIsValid(t *testing.T) {
	if err := testWorld().Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
}

func TestCloneIsEqual(t *testing.T) {
	w := testWorld()
	if c := w.Clone(); !reflect.DeepEqual(c, w) {
		t.Fatalf("Clone differs from the original:\n%+v\n%+v", c, w)
	}
	var nilWorld *sim.World
	if nilWorld.Clone() != nil {
		t.Fatal("Clone of nil is not nil")
	}
}

// TestCloneSharesNothing walks the clone and the original side by side: no pointer and
// no slice's backing array may be the same, so a field added later without a deep copy
// fails here.
func TestCloneSharesNothing(t *testing.T) {
	w := testWorld()
	c := w.Clone()
	var walk func(path string, a, b reflect.Value)
	checked := 0
	walk = func(path string, a, b reflect.Value) {
		switch a.Kind() {
		case reflect.Pointer:
			if a.IsNil() {
				return
			}
			if a.Pointer() == b.Pointer() {
				t.Errorf("%s: the clone shares the pointer", path)
			}
			checked++
			walk(path, a.Elem(), b.Elem())
		case reflect.Slice:
			if a.Len() == 0 {
				return
			}
			if a.Pointer() == b.Pointer() {
				t.Errorf("%s: the clone shares the slice", path)
			}
			checked++
			for i := range a.Len() {
				walk(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i))
			}
		case reflect.Struct:
			if a.Type() == reflect.TypeFor[time.Time]() {
				return
			}
			for i := range a.NumField() {
				walk(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
			}
		}
	}
	walk("world", reflect.ValueOf(w), reflect.ValueOf(c))
	if checked < 40 {
		t.Fatalf("checked only %d pointers and slices; the test world is not full enough", checked)
	}
}

func TestCloneMutationLeavesOriginal(t *testing.T) {
	w := testWorld()
	want := testWorld()
	c := w.Clone()
	c.Users[0].Email = "changed@example.com"
	c.Users[0].AccountNumbers[0] = "A-00000000"
	c.Users = append(c.Users, &sim.User{ID: "1"})
	a := c.Accounts[0]
	a.Balance = -1
	a.BillingAddress.Lines[0] = "changed"
	a.Properties[0].ElectricityMeterPoints[0].Meters[0].Readings[0].Value = 99
	a.Properties[0].GasMeterPoints[0].MPRN = "123456"
	a.Ledgers[0].Balance = 0
	a.PaymentSchedules[0].PaymentAmount = 1
	a.Notes[0].DocumentPaths[0] = "b.pdf"
	a.Notes = append(a.Notes, sim.Note{Body: "new"})
	c.ImportSuppliers[0].APIKeys[0] = "other"
	c.GoodsQuotes[0].Products[0].NumberOfUnits = 5
	if !reflect.DeepEqual(w, want) {
		t.Fatal("changing the clone changed the original")
	}
}

// TestCloneConcurrent clones one world from many goroutines and changes each clone;
// under -race it proves sessions cloning a shared world do not interfere.
func TestCloneConcurrent(t *testing.T) {
	w := testWorld()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 50 {
				c := w.Clone()
				c.Accounts[0].Balance = i*1000 + j
				c.Accounts[0].Ledgers[0].Balance = j
				c.Users[0].AccountNumbers = append(c.Users[0].AccountNumbers, "A-FFFFFFFF")
				c.Accounts[0].Properties[0].ElectricityMeterPoints[0].Meters[0].Readings[0].Value = float64(j)
				if got := c.Account("A-C90DC431").Balance; got != i*1000+j {
					t.Errorf("clone balance %d, want %d", got, i*1000+j)
				}
			}
		})
	}
	wg.Wait()
	if !reflect.DeepEqual(w, testWorld()) {
		t.Fatal("concurrent clones changed the original")
	}
}

func TestLookups(t *testing.T) {
	w := testWorld()
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"User", w.User("3235447").Email, "demo@krakensim.dev"},
		{"UserByEmail ignores case", w.UserByEmail("DEMO@KrakenSim.dev").ID, "3235447"},
		{"UserByEmail unknown", w.UserByEmail("nobody@example.com") == nil, true},
		{"UserByAPIKey", w.UserByAPIKey("sk_live_demo").ID, "3235447"},
		{"UserByAPIKey empty", w.UserByAPIKey("") == nil, true},
		{"UserByPreSignedKey", w.UserByPreSignedKey("pre-1").ID, "3235447"},
		{"Account", w.Account("A-C90DC431").Balance, 4230},
		{"Account unknown", w.Account("A-FFFFFFFF") == nil, true},
		{"AccountByExternal", w.AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-1234").Number, "A-C90DC431"},
		{"AccountByExternal wrong supplier", w.AccountByExternal("SQUID_POWER", "EXTERNAL-1234") == nil, true},
		{"AccountUsers", len(w.AccountUsers("A-C90DC431")), 1},
		{"CanAccess own", w.User("3235447").CanAccess("A-C90DC431"), true},
		{"CanAccess other's", w.User("3235447").CanAccess("A-0F4A2B19"), false},
		{"ImportSupplierByAPIKey", w.ImportSupplierByAPIKey("krakensim-import-key").Code, "TENTACLE_ENERGY"},
		{"ImportSupplierByAPIKey empty", w.ImportSupplierByAPIKey("") == nil, true},
		{"OrganizationBySecretKey", w.OrganizationBySecretKey("org-secret").Name, "Partner"},
		{"Campaign", w.Campaign("spring").Name, "Spring"},
		{"ReferralClaimCode ignores case", w.ReferralClaimCode("welcome-50").RewardAmount, 5000},
		{"GoodsQuote", w.GoodsQuote("101").Code, "GQ-101"},
		{"Ledger", w.Account("A-C90DC431").Ledger("L-6B2F0A1C").Balance, 4230},
		{"PaymentSchedule", w.Account("A-C90DC431").PaymentSchedule("81712").PaymentDay, 15},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	a, p := w.Property("2214531")
	if a == nil || a.Number != "A-C90DC431" || p.Address.Postcode != "NR3 1AB" {
		t.Errorf("Property(2214531) = %v, %v", a, p)
	}
	a, mp := w.ElectricityMeterPoint("1013004420117")
	if a == nil || mp.ID != "1873520" {
		t.Errorf("ElectricityMeterPoint = %v, %v", a, mp)
	}
	a, gp := w.GasMeterPoint("3406086401")
	if a == nil || gp.ID != "1473660" {
		t.Errorf("GasMeterPoint = %v, %v", a, gp)
	}
	// A pointer from a lookup changes the world it came from.
	w.Account("A-C90DC431").Ledger("L-6B2F0A1C").Balance = 1
	if w.Accounts[0].Ledgers[0].Balance != 1 {
		t.Error("Ledger did not return a pointer into the account")
	}
}

func TestMPANCheckDigit(t *testing.T) {
	tests := []struct {
		first12 string
		want    byte
		ok      bool
	}{
		{"101300442011", '7', true},
		{"120001937462", '0', true},
		{"230000618827", '4', true},
		{"10130044201", 0, false},
		{"10130044201x", 0, false},
	}
	for _, tt := range tests {
		got, ok := sim.MPANCheckDigit(tt.first12)
		if got != tt.want || ok != tt.ok {
			t.Errorf("MPANCheckDigit(%q) = %q, %v; want %q, %v", tt.first12, got, ok, tt.want, tt.ok)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(w *sim.World)
		want   string
	}{
		{"bad account number", func(w *sim.World) { w.Accounts[1].Number, w.Users[1].AccountNumbers = "A-0f4a2b19", nil },
			`accounts[1].number: account number "A-0f4a2b19" must be A- and 8 upper-case hex digits, like A-C90DC431`},
		{"duplicate account", func(w *sim.World) { w.Accounts[1].Number, w.Users[1].AccountNumbers = "A-C90DC431", nil },
			`accounts[1].number: duplicate account number "A-C90DC431" (first at accounts[0].number)`},
		{"missing number", func(w *sim.World) { w.Accounts[1].Number, w.Users[1].AccountNumbers = "", nil }, `accounts[1].number: "number" is required`},
		{"unknown status", func(w *sim.World) { w.Accounts[1].Status = "OPEN" }, `accounts[1].status: account status "OPEN" is not one of`},
		{"fan without catchments", func(w *sim.World) {
			w.Fans = []*sim.Fan{{Source: "#1 Fan", Name: "Fan 1", Product: "FAN-CLUB-X-24-11-01"}}
		}, `fans[0].catchments: a fan needs at least one catchment`},
		{"fan catchment not a district", func(w *sim.World) {
			w.Fans = []*sim.Fan{{Source: "#1 Fan", Name: "Fan 1", Product: "FAN-CLUB-X-24-11-01", Catchments: []string{"NR3 1AB"}}}
		}, `fans[0].catchments[0]: catchment "NR3 1AB" must be a postcode district`},
		{"fan product not a Fan Club's", func(w *sim.World) {
			w.Fans = []*sim.Fan{{Source: "#1 Fan", Name: "Fan 1", Product: "VAR-22-11-01", Catchments: []string{"NR3"}}}
		}, `fans[0].product: a fan's product code "VAR-22-11-01" must begin FAN-`},
		{"catchment of two fans", func(w *sim.World) {
			w.Fans = []*sim.Fan{{Source: "#1 Fan", Name: "Fan 1", Product: "FAN-A-24-11-01", Catchments: []string{"NR3"}},
				{Source: "#2 Fan", Name: "Fan 2", Product: "FAN-B-24-11-01", Catchments: []string{"nr3"}}}
		}, `fans[1].catchments[0]: duplicate fan catchment "NR3"`},
		{"Fan Club of no fan", func(w *sim.World) {
			w.Accounts[0].FanClub = &sim.FanClubMembership{Source: "#9 Fan", PropertyID: "2214531", Catchment: "NR3", JoinedOn: "2026-01-01"}
		}, `accounts[0].fanClub.source: Fan Club source "#9 Fan" is no fan's`},
		{"dangling user account", func(w *sim.World) { w.Users[1].AccountNumbers = []string{"A-12345678"} },
			`users[1].accounts[0]: unknown account "A-12345678"`},
		{"account listed twice", func(w *sim.World) { w.Users[1].AccountNumbers = []string{"A-0F4A2B19", "A-0F4A2B19"} },
			`users[1].accounts[1]: account "A-0F4A2B19" is listed twice`},
		{"duplicate email ignoring case", func(w *sim.World) { w.Users[1].Email = "Demo@KrakenSim.dev" },
			`users[1].email: duplicate email "demo@krakensim.dev" (first at users[0].email)`},
		{"bad email", func(w *sim.World) { w.Users[1].Email = "other" }, `users[1].email: "other" is not an email address`},
		{"non-numeric user id", func(w *sim.World) { w.Users[1].ID = "u-1" }, `users[1].id: user id "u-1" must be digits only`},
		{"duplicate API key", func(w *sim.World) { w.Users[1].APIKey = "sk_live_demo" },
			`users[1].apiKey: duplicate API key "sk_live_demo" (first at users[0].apiKey)`},
		{"bad date of birth", func(w *sim.World) { w.Users[1].DateOfBirth = "12/04/1986" },
			`users[1].dateOfBirth: date "12/04/1986" must be YYYY-MM-DD`},
		{"customer asset without id", func(w *sim.World) { w.Accounts[1].CustomerAssets = []sim.CustomerAsset{{Name: "Car"}} },
			`accounts[1].customerAssets[0].id: "id" is required`},
		{"customer asset id twice", func(w *sim.World) {
			w.Accounts[0].CustomerAssets = []sim.CustomerAsset{{ID: "7700001"}}
			w.Accounts[1].CustomerAssets = []sim.CustomerAsset{{ID: "7700001"}}
		}, `accounts[1].customerAssets[0].id: duplicate customer asset id "7700001" (first at accounts[0].customerAssets[0].id)`},
		{"unknown smart meter interest", func(w *sim.World) { w.Accounts[1].SMETS2Interest = "MAYBE" },
			`accounts[1].smets2Interest: smart meter interest "MAYBE" is not one of`},
		{"unknown reading frequency", func(w *sim.World) { w.Accounts[1].SmartMeterData.ReadingFrequency = "WEEKLY" },
			`accounts[1].smartMeterData.readingFrequency: reading frequency "WEEKLY" is not one of HALF_HOURLY, DAILY, MONTHLY`},
		{"coarse span ending before it began", func(w *sim.World) {
			w.Accounts[1].SmartMeterData.Coarse = []sim.CoarseSpan{{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), ReadingFrequency: "DAILY"}}
		}, `accounts[1].smartMeterData.coarse[0].to: a span's end must be after its start`},
		{"coarse span at half-hourly", func(w *sim.World) {
			w.Accounts[1].SmartMeterData.Coarse = []sim.CoarseSpan{{From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), ReadingFrequency: "HALF_HOURLY"}}
		}, `accounts[1].smartMeterData.coarse[0].readingFrequency: reading frequency "HALF_HOURLY" is not one of DAILY, MONTHLY`},
		{"two current concessions", func(w *sim.World) {
			w.Users[1].Concessions = []sim.Concession{{ID: "1", CardType: "CENTRELINK_PENSIONER", Number: "123456789A"}, {ID: "2", CardType: "OTHER", Number: "AB1234"}}
		}, `users[1].concessions[1]: a user holds one concession at a time; users[1].concessions[0] has not been removed`},
		{"concession expiring before issue", func(w *sim.World) {
			w.Users[1].Concessions = []sim.Concession{{ID: "1", CardType: "OTHER", Number: "AB1234", IssueDate: "2025-01-01", ExpiryDate: "2024-01-01"}}
		}, `users[1].concessions[0].expiryDate: the card expires (2024-01-01) before it was issued (2025-01-01)`},
		{"concession without a card", func(w *sim.World) { w.Users[1].Concessions = []sim.Concession{{ID: "1", Number: "AB1234"}} },
			`users[1].concessions[0].cardType: "cardType" is required`},
		{"MPAN check digit", func(w *sim.World) { w.Accounts[0].Properties[0].ElectricityMeterPoints[0].MPAN = "1013004420118" },
			`accounts[0].properties[0].electricityMeterPoints[0].mpan: MPAN "1013004420118" has a wrong check digit: the last digit should be 7`},
		{"MPAN length", func(w *sim.World) { w.Accounts[0].Properties[0].ElectricityMeterPoints[0].MPAN = "101300442011" },
			`MPAN "101300442011" must be 13 digits`},
		{"MPRN length", func(w *sim.World) { w.Accounts[0].Properties[0].GasMeterPoints[0].MPRN = "12345" },
			`accounts[0].properties[0].gasMeterPoints[0].mprn: MPRN "12345" must be 6 to 10 digits`},
		{"NMI with an O", func(w *sim.World) {
			w.Accounts[0].Properties[0].ElectricityMeterPoints[0].MPAN, w.Accounts[0].Properties[0].ElectricityMeterPoints[0].NMI = "", "41020O4420"
		}, `accounts[0].properties[0].electricityMeterPoints[0].nmi: NMI "41020O4420" must be 10 digits or capital letters other than I and O`},
		{"MPAN and NMI", func(w *sim.World) { w.Accounts[0].Properties[0].ElectricityMeterPoints[0].NMI = "4102004420" },
			`accounts[0].properties[0].electricityMeterPoints[0].nmi: give an mpan or an nmi, not both`},
		{"MIRN length", func(w *sim.World) {
			w.Accounts[0].Properties[0].GasMeterPoints[0].MPRN, w.Accounts[0].Properties[0].GasMeterPoints[0].MIRN = "", "524086064"
		}, `accounts[0].properties[0].gasMeterPoints[0].mirn: MIRN "524086064" must be 10 digits, or 11 with its checksum`},
		{"duplicate NMI across accounts", func(w *sim.World) {
			w.Accounts[0].Properties[0].ElectricityMeterPoints[0].MPAN, w.Accounts[0].Properties[0].ElectricityMeterPoints[0].NMI = "", "4102004420"
			w.Accounts[1].Properties = []sim.Property{{ID: "9", Address: sim.Address{Postcode: "2000", CountryCode: "AU"},
				ElectricityMeterPoints: []sim.ElectricityMeterPoint{{NMI: "4102004420"}}}}
		}, `accounts[1].properties[0].electricityMeterPoints[0].nmi: duplicate NMI "4102004420" (first at accounts[0].properties[0].electricityMeterPoints[0].nmi)`},
		{"duplicate MPAN across accounts", func(w *sim.World) {
			w.Accounts[1].Properties = []sim.Property{{ID: "9", Address: sim.Address{Postcode: "SE1 7PB"},
				ElectricityMeterPoints: []sim.ElectricityMeterPoint{{MPAN: "1013004420117"}}}}
		}, `accounts[1].properties[0].electricityMeterPoints[0].mpan: duplicate MPAN "1013004420117" (first at accounts[0].properties[0].electricityMeterPoints[0].mpan)`},
		{"bad postcode", func(w *sim.World) { w.Accounts[0].Properties[0].Address.Postcode = "12345" },
			`accounts[0].properties[0].address.postcode: "12345" is not a UK postcode`},
		{"property without postcode", func(w *sim.World) { w.Accounts[0].Properties[0].Address.Postcode = "" },
			`accounts[0].properties[0].address.postcode: "postcode" is required`},
		{"too many address lines", func(w *sim.World) { w.Accounts[0].BillingAddress.Lines = strings.Fields("a b c d e f") },
			`accounts[0].billingAddress.lines[5]: an address has at most 5 lines, got 6`},
		{"schedule on unknown ledger", func(w *sim.World) { w.Accounts[0].PaymentSchedules[0].LedgerNumber = "L-00000000" },
			`accounts[0].paymentSchedules[0].ledgerNumber: account A-C90DC431 has no ledger "L-00000000"`},
		{"payment day", func(w *sim.World) { w.Accounts[0].PaymentSchedules[0].PaymentDay = 31 },
			`payment day 31 must be between 1 and 28`},
		{"schedule ends before it starts", func(w *sim.World) { w.Accounts[0].PaymentSchedules[0].ValidTo = "2023-01-01" },
			`accounts[0].paymentSchedules[0].validTo: validTo 2023-01-01 is before validFrom 2024-01-01`},
		{"payment frequency", func(w *sim.World) { w.Accounts[0].PaymentSchedules[0].PaymentFrequency = "MONTHLY" },
			`payment frequency "MONTHLY" is not one of Weekly, Monthly, Planned`},
		{"instruction type", func(w *sim.World) { w.Accounts[0].PaymentInstructions[0].InstructionType = "CHEQUE" },
			`instruction type "CHEQUE" is not one of`},
		{"duplicate transaction", func(w *sim.World) {
			w.Accounts[0].Transactions = append(w.Accounts[0].Transactions, sim.Transaction{ID: "1", Date: "2019-10-02", Type: "CHARGE"})
		}, `accounts[0].transactions[1].id: duplicate transaction id "1" (first at accounts[0].transactions[0].id)`},
		{"empty note", func(w *sim.World) { w.Accounts[0].Notes[0] = sim.Note{} },
			`accounts[0].notes[0]: a note needs a body or documentPaths`},
		{"metadata not JSON", func(w *sim.World) { w.Accounts[0].Metadata[0].Value = "{" },
			`accounts[0].metadata[0].value: metadata value "{" is not JSON`},
		{"unknown campaign", func(w *sim.World) { w.Accounts[0].Campaigns = []string{"autumn"} },
			`accounts[0].campaigns[0]: unknown campaign "autumn"`},
		{"loyalty user not on account", func(w *sim.World) { w.Accounts[0].LoyaltyPointsUserID = "3235449" },
			`accounts[0].loyaltyPointsUser: user 3235449 is not a user of account A-C90DC431`},
		{"saving sessions on another's MPAN", func(w *sim.World) { w.Accounts[0].SavingSessions = &sim.SavingSessions{MPAN: "1200019374620"} },
			`accounts[0].savingSessions.mpan: MPAN 1200019374620 is not one of account A-C90DC431's`},
		{"saving sessions without an MPAN", func(w *sim.World) { w.Accounts[1].SavingSessions = &sim.SavingSessions{} },
			`accounts[1].savingSessions.mpan: "mpan" is required`},
		{"unknown import supplier", func(w *sim.World) { w.Accounts[0].ImportSupplier = "KRAKEN" },
			`accounts[0].importSupplier: unknown import supplier "KRAKEN"`},
		{"external number without supplier", func(w *sim.World) { w.Accounts[1].ExternalAccountNumber = "EXTERNAL-1" },
			`accounts[1].externalAccountNumber: an externalAccountNumber needs an importSupplier`},
		{"duplicate external number", func(w *sim.World) {
			w.Accounts[1].ImportSupplier, w.Accounts[1].ExternalAccountNumber = "TENTACLE_ENERGY", "EXTERNAL-1234"
		}, `accounts[1].externalAccountNumber: duplicate external account number of TENTACLE_ENERGY "EXTERNAL-1234" (first at accounts[0].externalAccountNumber)`},
		{"supplier code", func(w *sim.World) { w.ImportSuppliers = append(w.ImportSuppliers, &sim.ImportSupplier{Code: "squid"}) },
			`importSuppliers[1].code: import supplier code "squid" must be upper case`},
		{"duplicate supplier key", func(w *sim.World) {
			w.ImportSuppliers = append(w.ImportSuppliers, &sim.ImportSupplier{Code: "SQUID", APIKeys: []string{"krakensim-import-key"}})
		}, `importSuppliers[1].apiKeys[0]: duplicate import supplier API key "krakensim-import-key" (first at importSuppliers[0].apiKeys[0])`},
		{"nil user", func(w *sim.World) { w.Users = append(w.Users, nil) }, `users[2]: empty user`},
		{"goods quote account", func(w *sim.World) { w.GoodsQuotes[0].AccountNumber = "A-99999999" },
			`goodsQuotes[0].accountNumber: unknown account "A-99999999"`},
		{"negative loyalty points", func(w *sim.World) { w.Users[0].LoyaltyPoints = -5 },
			`users[0].loyaltyPoints: -5 must not be negative`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := testWorld()
			tt.change(w)
			err := w.Validate()
			if err == nil {
				t.Fatalf("Validate() = nil, want an error containing %q", tt.want)
			}
			var ve *sim.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 {
				t.Fatalf("Validate() = %v, want exactly one problem", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// bigWorld copies the test world's account n times with fresh numbers.
func bigWorld(n int) *sim.World {
	w := testWorld()
	for i := range n {
		a := w.Clone().Accounts[0]
		a.Number = fmt.Sprintf("A-%08X", i+1)
		w.Accounts = append(w.Accounts, a)
	}
	return w
}

func BenchmarkClone(b *testing.B) {
	for _, n := range []int{0, 100, 1000} {
		w := bigWorld(n)
		b.Run(fmt.Sprintf("accounts=%d", len(w.Accounts)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = w.Clone()
			}
		})
	}
}

func BenchmarkAccountLookup(b *testing.B) {
	w := bigWorld(1000)
	last := w.Accounts[len(w.Accounts)-1].Number
	b.ReportAllocs()
	for b.Loop() {
		if w.Account(last) == nil {
			b.Fatal("not found")
		}
	}
}

func TestWorldAppend(t *testing.T) {
	w := &sim.World{Users: []*sim.User{{ID: "1"}}}
	w.Append(&sim.World{
		Users: []*sim.User{{ID: "2"}}, Accounts: []*sim.Account{{}}, ImportSuppliers: []*sim.ImportSupplier{{}},
		Organizations: []*sim.Organization{{}}, Campaigns: []*sim.Campaign{{}},
		ReferralClaimCodes: []*sim.ReferralClaimCode{{}}, GoodsQuotes: []*sim.GoodsQuote{{}},
	})
	got := []int{len(w.Users), len(w.Accounts), len(w.ImportSuppliers), len(w.Organizations), len(w.Campaigns), len(w.ReferralClaimCodes), len(w.GoodsQuotes)}
	if want := []int{2, 1, 1, 1, 1, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("lengths after Append = %v, want %v", got, want)
	}
	if w.Users[1].ID != "2" {
		t.Errorf("appended user = %+v", w.Users[1])
	}
}

func TestShapeChecks(t *testing.T) {
	tests := []struct {
		name string
		f    func(string) bool
		in   string
		want bool
	}{
		{"postcode with space", sim.IsUKPostcode, "SW1A 1AA", true},
		{"postcode without space, lower case", sim.IsUKPostcode, "m11ae", true},
		{"postcode too short", sim.IsUKPostcode, "SW1", false},
		{"postcode with a trailing line", sim.IsUKPostcode, "SW1A 1AA\n", false},
		{"digits", sim.IsDigits, "0123456789", true},
		{"no digits", sim.IsDigits, "", false},
		{"a sign is not a digit", sim.IsDigits, "-12", false},
		{"upper snake", sim.IsUpperSnake, "TENTACLE_ENERGY2", true},
		{"starts with a digit", sim.IsUpperSnake, "2TENTACLE", false},
		{"lower case", sim.IsUpperSnake, "Tentacle", false},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("%s: %q gives %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestEnergyQuotesAreBounded adds more quotes than an account keeps: the oldest go, and
// a quoted product is found by id in those that stay.
func TestEnergyQuotesAreBounded(t *testing.T) {
	a := &sim.Account{}
	for i := range sim.MaxEnergyQuotes + 5 {
		a.AddEnergyQuote(sim.EnergyQuote{Code: fmt.Sprint("Q", i), Products: []sim.QuotedEnergyProduct{{ID: fmt.Sprint(i)}}})
	}
	if n := len(a.EnergyQuotes); n != sim.MaxEnergyQuotes {
		t.Fatalf("%d quotes kept, want %d", n, sim.MaxEnergyQuotes)
	}
	for _, tt := range []struct {
		id, code string
	}{{"4", ""}, {"5", "Q5"}, {fmt.Sprint(sim.MaxEnergyQuotes + 4), fmt.Sprint("Q", sim.MaxEnergyQuotes+4)}} {
		q, qp := a.QuotedProduct(tt.id)
		got := ""
		if q != nil && qp != nil && qp.ID == tt.id {
			got = q.Code
		}
		if got != tt.code {
			t.Errorf("QuotedProduct(%s): quote %q, want %q", tt.id, got, tt.code)
		}
	}
}

// A smart device is one an account registered for smart control: the charger a
// registered car charges through, which no device list names, is none.
func ExampleWorld_SmartDevice() {
	w := &sim.World{Accounts: []*sim.Account{{Number: "A-7B3E9D12", Devices: []sim.Device{
		{Type: "SmartFlexVehicle", ID: "car-1", Make: "Tesla", Model: "Model 3"},
		{Type: "SmartFlexChargePoint", ID: "charger-1", Make: "Ohme", Model: "Home Pro", Unregistered: true},
	}}}}
	for _, id := range []string{"car-1", "charger-1"} {
		if a, d := w.SmartDevice(id); d != nil {
			fmt.Println(id, "is", a.Number+"'s", d.Make, d.Model)
		} else {
			fmt.Println(id, "is no smart device")
		}
	}
	// Output:
	// car-1 is A-7B3E9D12's Tesla Model 3
	// charger-1 is no smart device
}
