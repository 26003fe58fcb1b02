package fake

import (
	"encoding/base64"
	"math"
	"strconv"
	"strings"
	"time"
)

// Each generator returns a value of the JSON kind c.cls demands, for every class
// its table rules admit.

const (
	hexDigits = "0123456789ABCDEF"
	alnum     = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" // no I, O, 0, 1: easy to read back
)

func genFalse(*call) any        { return false }
func genRareBool(c *call) any   { return c.r.chance(10) }
func genLikelyBool(c *call) any { return c.r.chance(85) }
func genEmail(c *call) any      { return email(&c.r) }
func genUUID(c *call) any       { return uuid4(&c.r) }
func genPostcode(c *call) any {
	if !c.m.gb() {
		return c.m.placePostcode(&c.r, pickPlace(&c.r, c.m.places))
	}
	return postcode(&c.r)
}
func genTown(c *call) any {
	if !c.m.gb() {
		return pickPlace(&c.r, c.m.places).town
	}
	return c.r.pick(towns)
}
func genCounty(c *call) any      { return c.r.pick(c.market().regions) }
func genCountry(c *call) any     { return c.market().country }
func genCurrency(c *call) any    { return c.market().currency }
func genFirstName(c *call) any   { return c.r.pick(firstNames) }
func genLastName(c *call) any    { return c.r.pick(lastNames) }
func genFullName(c *call) any    { return c.r.pick(firstNames) + " " + c.r.pick(lastNames) }
func genSupplier(c *call) any    { return c.r.pick(suppliers) }
func genBrand(c *call) any       { return c.r.pick(brandCodes) }
func genCardNetwork(c *call) any { return c.r.pick(cardNetworks) }
func genStatus(c *call) any      { return c.r.pick(statuses) }

// genCarbonIndex is a band of the grid's carbon intensity, as the Carbon Intensity API
// names them.
func genCarbonIndex(c *call) any {
	return c.r.pick([]string{"very low", "low", "moderate", "high", "very high"})
}
func genFuel(c *call) any { return c.r.pick(fuels) }
func genUnit(c *call) any {
	if containsFold(c.parent, "gas") || containsFold(c.field, "gas") {
		return "m³"
	}
	return "kWh"
}
func genSentence(c *call) any { return c.r.pick(sentences) }
func genHTML(c *call) any     { return "<p>" + c.r.pick(sentences) + "</p>" }
func genTitle(c *call) any    { return title(&c.r) }

// genTeam is an operations team's name as Kraken's suppliers name them: what it works
// on, where, and which of them (SMART-LDN-1).
func genTeam(c *call) any {
	return c.r.pick(teamKinds) + "-" + c.r.pick(teamSites) + "-" + strconv.Itoa(c.r.between(1, 4))
}
func genTypeCode(c *call) any  { return c.r.pick(typeCodes) }
func genGSP(c *call) any       { return c.r.pick(gspGroups) }
func genUserAgent(c *call) any { return c.r.pick(userAgents) }
func genTimezone(c *call) any {
	if c.zone == nil {
		return "Europe/London"
	}
	return c.zone.String()
}
func genLanguage(c *call) any { return c.market().language }
func genCompany(c *call) any  { return c.r.pick(lastNames) + c.r.pick(companySuffixes) }
func genStreet(c *call) any {
	if !c.m.gb() {
		return c.m.street(&c.r)
	}
	return street(&c.r)
}
func genHouseNumber(c *call) any { return strconv.Itoa(c.r.between(1, 180)) }
func genMasked(c *call) any      { return "****" + string(digits(&c.r, 4)) }
func genMPAN(c *call) any {
	if c.m == marketAU {
		return nmi(&c.r)
	}
	return mpan(&c.r)
}
func genMPRN(c *call) any {
	if c.m == marketAU {
		return mirn(&c.r)
	}
	return mprn(&c.r)
}
func genSortCode(c *call) any {
	if c.m == marketAU {
		return bsb(&c.r)
	}
	return sortCode(&c.r)
}
func genIBAN(c *call) any        { return iban(&c.r) }
func genCardNumber(c *call) any  { return "**** **** **** " + string(digits(&c.r, 4)) }
func genUPRN(c *call) any        { return intOrString(c, int64(c.r.between(10000000, 999999999999))) }
func genReference(c *call) any   { return reference(c) }
func genVersion(c *call) any     { return semver(&c.r) }
func genDefault(c *call) any     { return byClass(c) }
func genHost(c *call) any        { return c.r.pick(urlHosts) }
func genCode(c *call) any        { return string(pickBytes(&c.r, alnum, 8)) }
func genProductCode(c *call) any { return productCode(&c.r) }
func genTimeOfDay(c *call) any   { return timeOfDay(c) }
func genYear(c *call) any        { return yearValue(c) }
func genMonth(c *call) any       { return number(c, float64(c.r.between(1, 12)), 0) }
func genDayOfMonth(c *call) any  { return number(c, float64(c.r.between(1, 28)), 0) }
func genCount(c *call) any       { return number(c, float64(c.r.between(1, 10)), 0) }
func genMultiplier(c *call) any  { return number(c, float64(c.r.between(1, 4)), 0) }
func genSequence(c *call) any    { return number(c, float64(c.r.between(1, 12)), 0) }
func genPercent(c *call) any     { return number(c, float64(c.r.intn(10001))/100, 2) }
func genHumidity(c *call) any    { return number(c, 30+float64(c.r.intn(3501))/100, 2) }
func genFraction(c *call) any    { return number(c, float64(c.r.intn(1001))/1000, 3) }
func genLatitude(c *call) any {
	if !c.m.gb() {
		return number(c, pickPlace(&c.r, c.m.places).lat+jitter(&c.r), 6)
	}
	return number(c, 50.1+float64(c.r.intn(80000))/10000, 6)
}
func genLongitude(c *call) any {
	if !c.m.gb() {
		return number(c, pickPlace(&c.r, c.m.places).lon+jitter(&c.r), 6)
	}
	return number(c, -5.5+float64(c.r.intn(72000))/10000, 6)
}
func genPoints(c *call) any         { return number(c, float64(c.r.between(0, 5000)), 0) }
func genStandingCharge(c *call) any { return number(c, 35+float64(c.r.intn(3000))/100, 2) }
func genUnitRate(c *call) any       { return number(c, 8+float64(c.r.intn(3000))/100, 2) }
func genGasUnitRate(c *call) any    { return number(c, 5+float64(c.r.intn(300))/100, 2) }
func genMoney(c *call) any          { return money(c, int64(c.r.between(100, 60000))) }
func genBalance(c *call) any        { return money(c, int64(c.r.between(-50000, 150000))) }
func genAnnualKWh(c *call) any      { return number(c, float64(c.r.between(1500, 4500)), 0) }
func genCarbon(c *call) any         { return number(c, float64(c.r.between(1, 500)), 0) }
func genSeconds(c *call) any        { return number(c, float64(60*c.r.between(1, 60)), 0) }
func genMinutes(c *call) any        { return number(c, float64(15*c.r.between(1, 16)), 0) }
func genBytes(c *call) any          { return number(c, float64(c.r.between(1024, 5<<20)), 0) }
func genAddressLine(c *call) any    { return addressLine(c) }
func genNumericString(c *call) any  { return decimalString(int64(c.r.between(0, 250000))) }
func genAddress(c *call) any {
	if !c.m.gb() {
		return c.m.address(&c.r)
	}
	return street(&c.r) + ", " + c.r.pick(towns) + ", " + postcode(&c.r)
}
func genFriendlyCode(c *call) any {
	return strings.ToLower(c.r.pick(titleWords)) + "-" + strings.ToLower(c.r.pick(nounWords)) + "-" + strconv.Itoa(c.r.between(10, 99))
}

func genPhone(c *call) any {
	if !c.m.gb() {
		if containsFold(c.field, "landline") {
			return c.m.landline(&c.r)
		}
		return c.m.mobile(&c.r)
	}
	if containsFold(c.field, "landline") {
		return "+44" + c.r.pick(gbDramaLandlines) + string(digits(&c.r, 3))
	}
	return "+447700900" + string(digits(&c.r, 3))
}

// gbDramaLandlines are the geographic numbers Ofcom keeps for drama, less their last
// three digits: 020 7946 0xxx, 0113 496 0xxx and the like, 01632 960xxx.
var gbDramaLandlines = []string{"2079460", "1134960", "1144960", "1214960", "1314960", "1414960", "1514960",
	"1614960", "1914980", "1174960", "2896496", "2920180", "1632960"}

func genUsername(c *call) any {
	return lettersOnly(c.r.pick(firstNames)) + "." + lettersOnly(c.r.pick(lastNames)) + strconv.Itoa(c.r.intn(100))
}

// genFlagText is a Boolean written as a String, as graphene writes one: "true" or
// "false", mostly true.
func genFlagText(c *call) any {
	if c.r.chance(80) {
		return "true"
	}
	return "false"
}

// genCountText is a count written as a String: a whole number up to a few hundred.
func genCountText(c *call) any { return strconv.Itoa(c.r.between(1, 400)) }

func genDigits(n int) func(*call) any {
	return func(c *call) any {
		if c.cls == cInt || c.cls == cBigInt {
			v, _ := strconv.Atoi(string(digits(&c.r, min(n, 9))))
			return v
		}
		return string(digits(&c.r, n))
	}
}

// genPrefixedHex makes Kraken-style numbers such as A-1F2E3D4C.
func genPrefixedHex(prefix string) func(*call) any {
	return func(c *call) any {
		return prefix + string(pickBytes(&c.r, hexDigits, 8))
	}
}

func genEUI(c *call) any { return eui64(&c.r) }

// genMPID makes a four-letter market participant id.
func genMPID(c *call) any { return string(pickBytes(&c.r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4)) }

func genHonorific(c *call) any { return c.r.pick([]string{"Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"}) }
func genSpeed(c *call) any     { return number(c, float64(c.r.intn(2500))/100, 2) }
func genDegrees(c *call) any   { return number(c, float64(c.r.intn(360)), 0) }

func genStreetName(c *call) any { return c.r.pick(streetNames) + " " + c.r.pick(streetSuffixes) }
func genPronouns(c *call) any   { return c.r.pick([]string{"she/her", "he/him", "they/them"}) }

func genNMI(c *call) any  { return nmi(&c.r) }
func genMIRN(c *call) any { return mirn(&c.r) }

func genMPXN(c *call) any {
	if c.m == marketAU {
		if c.r.chance(50) {
			return nmi(&c.r)
		}
		return mirn(&c.r)
	}
	if c.r.chance(50) {
		return mpan(&c.r)
	}
	return mprn(&c.r)
}

// genMSN makes a meter serial number, gas-style when the parent or field says gas.
func genMSN(c *call) any {
	if containsFold(c.parent, "gas") || containsFold(c.field, "gas") {
		return "E6S" + string(digits(&c.r, 8)) + strconv.Itoa(c.r.between(16, 24))
	}
	return strconv.Itoa(c.r.between(14, 24)) + string(pickBytes(&c.r, "EJKLPZ", 1)) + string(digits(&c.r, 7))
}

func genMake(c *call) any {
	ps := productsFor(c.field, c.parent)
	return ps[c.r.intn(len(ps))].make
}

func genModel(c *call) any {
	ps := productsFor(c.field, c.parent)
	return ps[c.r.intn(len(ps))].model
}

// productsFor chooses the devices a make or model field is of, from what the field or
// its parent type names.
func productsFor(field, parent string) []product {
	for _, s := range [2]string{field, parent} {
		switch {
		case containsFold(s, "vehicle") || containsFold(s, "electricvehicle") || containsFold(s, "car"):
			return vehicles
		case containsFold(s, "chargepoint") || containsFold(s, "charger"):
			return chargers
		case containsFold(s, "heatpump"):
			return heatPumps
		case containsFold(s, "battery"):
			return batteries
		case containsFold(s, "inverter"):
			return inverters
		case containsFold(s, "meter"):
			return meters
		}
	}
	return allProducts
}

func genTariffName(c *call) any {
	return c.r.pick(tariffPrefixes) + " " + c.r.pick(tariffSuffixes)
}

// genTariffCode makes codes like E-1R-AGILE-24-10-01-C (fuel, registers, product, region).
func genTariffCode(c *call) any {
	fuel := "E"
	regs := "1R"
	if containsFold(c.field, "gas") || containsFold(c.parent, "gas") {
		fuel = "G"
	} else if c.r.chance(20) {
		regs = "2R"
	}
	region := c.r.pick(gspGroups)[1:]
	return fuel + "-" + regs + "-" + productCode(&c.r) + "-" + region
}

func productCode(r *rng) string {
	return r.pick(productCodeStems) + "-" + strconv.Itoa(r.between(22, 26)) + "-" + twoDigits(r.between(1, 12)) + "-" + twoDigits(r.between(1, 28))
}

func genURL(c *call) any {
	return "https://" + c.r.pick(urlHosts) + "/" + strings.ToLower(c.r.pick(nounWords)) + "/" + string(pickBytes(&c.r, "abcdefghijkmnpqrstuvwxyz23456789", 10))
}

// genToken makes an opaque URL-safe secret.
func genToken(c *call) any {
	var b [30]byte
	fill(&c.r, b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// genCommitHash is a git commit's SHA-1: 40 lower-case hex digits.
func genCommitHash(c *call) any { return string(pickBytes(&c.r, "0123456789abcdef", 40)) }

// genBusinessNumber is a company's registered number: in Australia an Australian
// Company Number (eight digits and ASIC's check digit), elsewhere eight digits, as
// Companies House numbers them.
func genBusinessNumber(c *call) any {
	b := digits(&c.r, 8)
	if c.m != marketAU {
		return string(b)
	}
	sum := 0
	for i, d := range b {
		sum += int(d-'0') * (8 - i)
	}
	return string(b) + strconv.Itoa((10-sum%10)%10)
}

// genCursor makes a Relay-style connection cursor.
func genCursor(c *call) any {
	return base64.StdEncoding.EncodeToString([]byte("arrayconnection:" + strconv.Itoa(c.r.intn(3))))
}

func genSlug(c *call) any {
	return strings.ToLower(c.r.pick(titleWords)) + "-" + strings.ToLower(c.r.pick(nounWords)) + "-" + strconv.Itoa(c.r.between(1, 999))
}

func genKey(c *call) any {
	return c.r.pick(keyWords) + "_" + c.r.pick(valueWords)
}

func genPath(c *call) any {
	d := date(c, anytime)
	return "documents/" + d[:4] + "/" + d[5:7] + "/" + strings.ToLower(c.r.pick(nounWords)) + "-" + string(pickBytes(&c.r, hexDigits, 8)) + ".pdf"
}

func genFilename(c *call) any {
	return strings.ToLower(c.r.pick(nounWords)) + "-" + date(c, anytime) + ".pdf"
}

func genIP(c *call) any {
	return "192.168." + strconv.Itoa(c.r.between(0, 254)) + "." + strconv.Itoa(c.r.between(1, 254))
}

// genVIN makes a 17-character vehicle identification number (no I, O or Q).
func genVIN(c *call) any { return vin(&c.r) }

func vin(r *rng) string { return string(pickBytes(r, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 17)) }

// VIN returns the vehicle identification number key stands for.
func VIN(key uint64) string {
	r := rng{s: mix64(key)}
	return vin(&r)
}

func genAddressObject(c *call) any {
	if !c.m.gb() {
		p := pickPlace(&c.r, c.m.places)
		pc := c.m.placePostcode(&c.r, p)
		m := map[string]any{"line1": c.m.street(&c.r), "town": p.town, "county": p.county, "postcode": pc, "country": c.m.country}
		if c.cls == cJSON {
			return `{"line1": "` + m["line1"].(string) + `", "town": "` + p.town + `", "postcode": "` + pc + `"}`
		}
		return m
	}
	m := map[string]any{
		"line1":    street(&c.r),
		"town":     c.r.pick(towns),
		"county":   c.r.pick(counties),
		"postcode": postcode(&c.r),
		"country":  "GB",
	}
	if c.cls == cJSON {
		return `{"line1": "` + m["line1"].(string) + `", "town": "` + m["town"].(string) + `", "postcode": "` + m["postcode"].(string) + `"}`
	}
	return m
}

func genDate(c *call) any { return temporalValue(c, false) }

// genBirthDate is the birthday of an adult, born between 1940 and 2005.
func genBirthDate(c *call) any {
	d := time.Date(1940, time.January, 1+c.r.intn(66*365), 0, 0, 0, 0, time.UTC)
	if c.cls == cDateTime {
		return d.Format(time.RFC3339)
	}
	return d.Format(time.DateOnly)
}
func genDateTime(c *call) any { return temporalValue(c, true) }

// temporalValue renders a point in time in the field's class; for strings,
// dateTime picks between "2025-03-14" and a full RFC 3339 timestamp.
func temporalValue(c *call, dateTime bool) any {
	switch c.cls {
	case cDate:
		return date(c, c.when)
	case cDateTime:
		return dateTimeString(c, c.when)
	case cTime:
		return timeOfDay(c)
	case cInt, cBigInt:
		return unix(c)
	}
	if dateTime {
		return dateTimeString(c, c.when)
	}
	return date(c, c.when)
}

func genUnix(c *call) any { return unix(c) }

func unix(c *call) any {
	const start2023 = 1672531200
	v := int64(start2023 + c.r.intn(4*365*86400))
	if c.cls == cBigInt {
		return v
	}
	return int(v)
}

func genKWh(c *call) any {
	if c.cls == cInt || c.cls == cBigInt {
		return number(c, float64(c.r.between(1, 500)), 0)
	}
	return number(c, float64(c.r.between(5, 2500))/1000, 3)
}

func genTemperature(c *call) any {
	if containsFold(c.field, "water") {
		return number(c, 40+float64(c.r.intn(200))/10, 1)
	}
	return number(c, 16+float64(c.r.intn(80))/10, 1)
}

// genDispatchSource is what scheduled a smart-charging dispatch: the supplier's smart
// charge (a customer's bump charge is what they asked for, not drawn).
func genDispatchSource(*call) any { return "smart-charge" }

// genDispatchLocation is where the vehicle charged: at home, as the supplier sees it.
func genDispatchLocation(*call) any { return "AT_HOME" }

// genMeterLocation is where in a home its meter is.
func genMeterLocation(c *call) any { return c.r.pick(meterLocations) }

// genRoom names a room a sensor or thermostat is in.
func genRoom(c *call) any { return c.r.pick(rooms) }

// genCOP is a heat pump's coefficient of performance: heat out per energy in.
func genCOP(c *call) any { return number(c, 2.2+float64(c.r.intn(260))/100, 2) }

// genCapacity is a capacity in kWh: an electric car's battery, a home battery, others.
func genCapacity(c *call) any {
	switch {
	case isVehicle(c):
		return number(c, float64(c.r.between(40, 100)), 2)
	case containsFold(c.field, "battery") || containsFold(c.parent, "battery"):
		return number(c, 5+float64(c.r.intn(950))/100, 2)
	}
	return number(c, 5+float64(c.r.intn(9500))/100, 2)
}

// genPower is a power in kW; a charge point's is one of the ratings they are sold at.
func genPower(c *call) any {
	if containsFold(c.field, "chargepoint") || containsFold(c.field, "charger") || containsFold(c.parent, "chargepoint") || containsFold(c.parent, "charger") {
		return number(c, []float64{3.6, 7, 7.4, 11, 22}[c.r.intn(5)], 2)
	}
	return number(c, 0.5+float64(c.r.intn(1050))/100, 2)
}

// genPointsPerKWh is a Saving Session's reward for each kWh saved, in Octopoints: 100
// to 1,800 (Octopus's first winter paid 1,800, £2.25), in hundreds.
func genPointsPerKWh(c *call) any { return number(c, float64(100*c.r.between(1, 18)), 0) }

// genRSSI is a radio's received signal strength in dBm: -95 (barely heard) to -40.
func genRSSI(c *call) any {
	v := -c.r.between(40, 95)
	if c.cls == cInt {
		return v // number keeps Ints at 0 or more
	}
	return number(c, float64(v), 0)
}

// genVoltage is a voltage: a battery sensor's (2.0–3.2 V), else the mains (230 V ± 6%).
func genVoltage(c *call) any {
	if containsFold(c.parent, "sensor") || containsFold(c.field, "battery") {
		return number(c, 2+float64(c.r.intn(13))/10, 1)
	}
	return number(c, 216+float64(c.r.intn(281))/10, 1)
}

func isVehicle(c *call) bool {
	return containsFold(c.field, "vehicle") || (containsFold(c.parent, "vehicle") && !containsFold(c.field, "home"))
}

func genIntID(c *call) any {
	v := c.r.between(1, 9999999)
	switch c.cls {
	case cID, cString:
		return strconv.Itoa(v)
	case cBigInt:
		return int64(v)
	}
	return v
}

func yearValue(c *call) any {
	lo, hi := 2023, 2026
	if containsFold(c.field, "expiry") {
		lo, hi = 2026, 2031
	} else if containsFold(c.field, "manufactured") {
		lo, hi = 2015, 2025
	}
	y := c.r.between(lo, hi)
	switch c.cls {
	case cString:
		return strconv.Itoa(y)
	case cBigInt:
		return int64(y)
	case cFloat:
		return float64(y)
	case cDecimal:
		return strconv.Itoa(y) + ".00"
	}
	return y
}

func reference(c *call) any {
	if c.cls == cInt || c.cls == cBigInt {
		return number(c, float64(c.r.between(100000, 99999999)), 0)
	}
	return string(pickBytes(&c.r, alnum, 10))
}

func intOrString(c *call, v int64) any {
	switch c.cls {
	case cBigInt:
		return v
	case cInt:
		return int(v % math.MaxInt32)
	}
	return strconv.FormatInt(v, 10)
}

// addressLine renders addressLineN / lineN: street, locality, town, county, then blank.
func addressLine(c *call) any {
	if c.field == "" {
		return ""
	}
	switch c.field[len(c.field)-1] {
	case '1':
		if !c.m.gb() {
			return c.m.street(&c.r)
		}
		return street(&c.r)
	case '2':
		return c.r.pick(localities)
	case '3':
		if !c.m.gb() {
			return pickPlace(&c.r, c.m.places).town
		}
		return c.r.pick(towns)
	case '4':
		return c.r.pick(c.market().regions)
	}
	return ""
}

// byClass is the fallback for each class when no named rule applies.
func byClass(c *call) any {
	switch c.cls {
	case cID:
		return strconv.Itoa(c.r.between(1, 9999999))
	case cInt:
		return c.r.between(0, 100)
	case cFloat:
		return float64(c.r.intn(10001)) / 100
	case cBool:
		return c.r.chance(50)
	case cDate, cDateTime, cTime:
		return temporalValue(c, true)
	case cDuration:
		return duration(&c.r)
	case cDecimal:
		return decimalString(int64(c.r.intn(100001)))
	case cBigInt:
		return int64(c.r.between(1000, 99999999))
	case cGeneric:
		return map[string]any{c.r.pick(keyWords): c.r.pick(valueWords), "count": c.r.between(1, 9)}
	case cJSON:
		return `{"` + c.r.pick(keyWords) + `": "` + c.r.pick(valueWords) + `", "count": ` + strconv.Itoa(c.r.between(1, 9)) + `}`
	case cUUID:
		return uuid4(&c.r)
	case cEmail:
		return email(&c.r)
	case cBase64:
		var b [12]byte
		fill(&c.r, b[:])
		return base64.StdEncoding.EncodeToString(b[:])
	case cUpload:
		return nil
	}
	return title(&c.r)
}

// number renders v in c's class: Int and BigInt rounded, Float rounded to
// decimals, Decimal and strings as text with two (or more) decimals.
func number(c *call, v float64, decimals int) any {
	switch c.cls {
	case cInt:
		return int(math.Max(0, math.Min(math.Round(v), math.MaxInt32)))
	case cBigInt:
		return int64(math.Round(v))
	case cFloat:
		p := math.Pow10(decimals)
		return math.Round(v*p) / p
	case cString, cID:
		if decimals == 0 {
			return strconv.FormatInt(int64(math.Round(v)), 10)
		}
	}
	return strconv.FormatFloat(v, 'f', max(decimals, 2), 64)
}

// money renders an amount given in pence: integers stay pence, everything else is pounds.
func money(c *call, pence int64) any {
	switch c.cls {
	case cInt:
		return int(pence)
	case cBigInt:
		return pence
	case cFloat:
		return float64(pence) / 100
	}
	return decimalString(pence)
}

// decimalString renders hundredths as "123.45".
func decimalString(hundredths int64) string {
	neg := hundredths < 0
	if neg {
		hundredths = -hundredths
	}
	s := strconv.FormatInt(hundredths/100, 10) + "." + twoDigits(int(hundredths%100))
	if neg {
		return "-" + s
	}
	return s
}

func email(r *rng) string {
	first := lettersOnly(r.pick(firstNames))
	last := lettersOnly(r.pick(lastNames))
	var local string
	switch r.intn(4) {
	case 0:
		local = first + "." + last
	case 1:
		local = first + "." + last + strconv.Itoa(r.between(1, 99))
	case 2:
		local = first[:1] + last + strconv.Itoa(r.between(1, 999))
	default:
		local = first + "_" + last
	}
	return local + "@" + r.pick(emailDomains)
}

// lettersOnly lower-cases s and drops anything but a–z, for email local parts.
func lettersOnly(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if isUpper(ch) {
			ch += 'a' - 'A'
		}
		if isLower(ch) {
			b = append(b, ch)
		}
	}
	if len(b) == 0 {
		return "user"
	}
	return string(b)
}

func uuid4(r *rng) string {
	var b [16]byte
	fill(r, b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, x := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[x>>4], hex[x&15])
	}
	return string(out)
}

func postcode(r *rng) string {
	b := make([]byte, 0, 8)
	b = append(b, r.pick(postcodeAreas)...)
	b = strconv.AppendInt(b, int64(r.between(1, 20)), 10)
	b = append(b, ' ', byte('0'+r.intn(10)))
	b = append(b, postcodeUnitLetters[r.intn(len(postcodeUnitLetters))], postcodeUnitLetters[r.intn(len(postcodeUnitLetters))])
	return string(b)
}

func street(r *rng) string {
	return strconv.Itoa(r.between(1, 180)) + " " + r.pick(streetNames) + " " + r.pick(streetSuffixes)
}

// mpanPrimes weight the 12 digits of an MPAN core for its check digit.
var mpanPrimes = [12]int{3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43}

// mpan makes a 13-digit MPAN core: distributor id 10–23, ten digits, check digit.
func mpan(r *rng) string { return mpanOf(r, r.between(10, 23)) }

// mpanOf makes a 13-digit MPAN core of the distribution area with the id d (10–23).
func mpanOf(r *rng, d int) string {
	var b [13]byte
	b[0], b[1] = byte('0'+d/10%10), byte('0'+d%10)
	for i := 2; i < 12; i++ {
		b[i] = byte('0' + r.intn(10))
	}
	sum := 0
	for i := 0; i < 12; i++ {
		sum += int(b[i]-'0') * mpanPrimes[i]
	}
	b[12] = byte('0' + sum%11%10)
	return string(b[:])
}

// mprn makes a gas meter point reference: usually 10 digits, sometimes 6–9, no leading zero.
func mprn(r *rng) string {
	n := 10
	if r.chance(15) {
		n = r.between(6, 9)
	}
	b := digits(r, n)
	b[0] = byte('1' + r.intn(9))
	return string(b)
}

func sortCode(r *rng) string {
	b := digits(r, 6)
	return string(b[0:2]) + "-" + string(b[2:4]) + "-" + string(b[4:6])
}

// iban makes a GB IBAN with valid ISO 13616 check digits.
func iban(r *rng) string {
	bban := r.pick(banks) + string(digits(r, 14))
	check := 98 - mod97(bban+"GB00")
	return "GB" + twoDigits(check) + bban
}

// mod97 computes the IBAN remainder of s with letters read as 10–35.
func mod97(s string) int {
	rem := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case isDigit(ch):
			rem = (rem*10 + int(ch-'0')) % 97
		case isUpper(ch):
			v := int(ch-'A') + 10
			rem = (rem*100 + v) % 97
		}
	}
	return rem
}

func semver(r *rng) string {
	return strconv.Itoa(r.between(1, 5)) + "." + strconv.Itoa(r.intn(20)) + "." + strconv.Itoa(r.intn(10))
}

func title(r *rng) string { return r.pick(titleWords) + " " + r.pick(nounWords) }

// duration makes an ISO 8601 duration of 15 minutes to 4 hours.
func duration(r *rng) string {
	m := 15 * r.between(1, 16)
	switch {
	case m < 60:
		return "PT" + strconv.Itoa(m) + "M"
	case m%60 == 0:
		return "PT" + strconv.Itoa(m/60) + "H"
	}
	return "PT" + strconv.Itoa(m/60) + "H" + strconv.Itoa(m%60) + "M"
}

// The date window: 2023-01-01 to 2026-12-31; early fields fall in its first
// half and late fields in its second, so starts precede ends.
const windowDays = 1461

func dayInWindow(c *call, h hint) time.Time {
	var d int
	switch h {
	case early:
		d = c.r.intn(windowDays / 2)
	case late:
		d = windowDays/2 + c.r.intn(windowDays-windowDays/2)
	default:
		d = c.r.intn(windowDays)
	}
	return time.Date(2023, time.January, 1+d, 0, 0, 0, 0, time.UTC)
}

func date(c *call, h hint) string {
	return dayInWindow(c, h).Format(time.DateOnly)
}

// dateTimeString renders a wall-clock time in the call's zone with its offset (+00:00 or
// +01:00 in the UK). Start and end fields sit on half hours, as tariff and settlement
// periods do.
func dateTimeString(c *call, h hint) string {
	d := dayInWindow(c, h)
	var mins int
	if h == anytime {
		mins = c.r.intn(24 * 60)
	} else {
		mins = 30 * c.r.intn(48)
	}
	zone := c.zone
	if zone == nil {
		zone = london()
	}
	t := time.Date(d.Year(), d.Month(), d.Day(), mins/60, mins%60, 0, 0, zone)
	return t.Format(DateTimeLayout)
}

// timeOfDay renders a half-hour boundary: morning for start-like fields, afternoon
// for end-like ones; "09:30:00" for Time, "09:30" for strings.
func timeOfDay(c *call) string {
	var slot int
	switch c.when {
	case early:
		slot = c.r.intn(24)
	case late:
		slot = 24 + c.r.intn(24)
	default:
		slot = c.r.intn(48)
	}
	s := twoDigits(slot/2) + ":" + twoDigits(30*(slot%2))
	if c.cls == cTime {
		return s + ":00"
	}
	return s
}

// genReadyBy is when a car should be charged by: 04:00 to 11:00 on the half hour, the
// times Kraken's smart charging accepts.
func genReadyBy(c *call) any {
	slot := 8 + c.r.intn(15)
	s := twoDigits(slot/2) + ":" + twoDigits(30*(slot%2))
	if c.cls == cTime {
		return s + ":00"
	}
	return s
}

// genTargetSoc is the charge a car should reach: 50% to 100% in steps of 5.
func genTargetSoc(c *call) any { return number(c, float64(5*c.r.between(10, 20)), 0) }

// genSocLimit is the most a car's own settings let it charge to: 80% to 100% in steps
// of 5, as makers suggest for every day and for a long trip.
func genSocLimit(c *call) any { return number(c, float64(5*c.r.between(16, 20)), 0) }

func twoDigits(n int) string {
	if n < 0 || n > 99 {
		return strconv.Itoa(n)
	}
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

func digits(r *rng, n int) []byte {
	return pickBytes(r, "0123456789", n)
}

func pickBytes(r *rng, alphabet string, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.intn(len(alphabet))]
	}
	return b
}

func fill(r *rng, b []byte) {
	for i := 0; i < len(b); i += 8 {
		x := r.next()
		for j := i; j < len(b) && j < i+8; j++ {
			b[j] = byte(x)
			x >>= 8
		}
	}
}

// containsFold reports whether s contains sub, ignoring ASCII case; sub must be lower case.
func containsFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		ok := true
		for j := 0; j < n; j++ {
			ch := s[i+j]
			if isUpper(ch) {
				ch += 'a' - 'A'
			}
			if ch != sub[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
