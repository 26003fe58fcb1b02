package fake

import (
	"strings"
	"time"
)

// call is the state of one Leaf call: its private random stream and what it is for.
type call struct {
	r      rng
	cls    class
	when   hint
	parent string
	field  string
	zone   *time.Location
	m      *market
}

// market is the call's market, Great Britain's when it has none.
func (c *call) market() *market {
	if c.m == nil {
		return marketGB
	}
	return c.m
}

// hint places a temporal field in the early or late part of the date window, so
// pairs like validFrom/validTo and startAt/endAt come out in order.
type hint uint8

const (
	anytime hint = iota
	early
	late
)

// matcher selects fields by their camelCase words (lower-cased) and parent type.
// The field part matches when every list is empty or any entry of any list hits;
// parent, when set, must contain one of its entries as a substring of the
// lower-cased parent type name, and notParent must contain none.
type matcher struct {
	exact     []string // the whole field name
	first     []string // its first word
	last      []string // its last word
	suffix    []string // the end of the whole field name, for compound words
	contains  []string // anywhere in the whole field name
	word      []string // any of its words
	parent    []string
	notParent []string
}

// rule is one row of the table: which fields and classes it serves, and how.
type rule struct {
	name string
	in   classSet
	m    matcher
	gen  func(*call) any
}

// table is searched top to bottom and the first rule whose classes include the
// field's class and whose matcher accepts the field wins. Order, in short:
//
//  1. Booleans: page-info flags, rarely-true flags, usually-true flags.
//  2. Identities and numbers with a fixed format: emails, IPs, UUIDs, EUIs, every
//     remaining ID-scalar field (numeric), bank numbers before Kraken account
//     numbers, MPAN/MPRN/MSN/UPRN, IBAN, cards, phones, then other string *Id (UUID).
//  3. Addresses: postcode, address lines, streets, full addresses, town, county, country.
//  4. Names: tariff/product names (by word or parent) before person names (by word
//     or person-like parent) before company/supplier/device names.
//  5. Codes, URLs, secrets, cursors, references, statuses, text, titles, slugs,
//     type codes, and numeric strings (kW, kWh, amounts).
//  6. Temporal names: Unix timestamps on ints, times of day, date-times, dates;
//     all with early/late hints from words like from/start and to/end.
//  7. Numbers by meaning: counts, ids, calendar parts, percentages, temperatures,
//     coordinates, rates, capacity, power, carbon, kWh, durations, then balances
//     and money (after the unit-bearing rules, since "charge" or "total" are weak
//     hints), then looser energy words.
//  8. The per-class default, which matches everything.
//
// Rules list specific names before general words so that, for example,
// tariffCode is a tariff code, not a generic code, and pointsCost is points, not money.
var table = []rule{
	// 1. Booleans.
	{"page flags", boolClass, matcher{exact: []string{"hasnextpage", "haspreviouspage"}}, genFalse},
	{"rare flags", boolClass, matcher{
		first: []string{"requires"},
		word: []string{"deprecated", "deceased", "blocked", "suspended", "hardship", "revoked", "quarantined",
			"held", "reversed", "hidden", "erroneous", "expired", "dispute", "debt", "dunning", "collections",
			"tester", "violated", "withdrawal", "emergency", "offline", "migration", "exempt", "unavailable",
			"holiday", "fault", "error", "failed", "cancelled"}}, genRareBool},
	{"likely flags", boolClass, matcher{
		exact: []string{"success", "enabled", "online", "connected", "available", "availability"},
		word:  []string{"valid", "active", "available", "enabled", "connected", "live", "eligible", "verified", "complete", "ready", "allowed", "green", "domestic"}}, genLikelyBool},

	// 2. Identities and fixed-format numbers.
	{"email", textual | set(cEmail), matcher{last: []string{"email", "emails"}, exact: []string{"cc", "toaddress", "fromaddress"}, suffix: []string{"emailaddress"}}, genEmail},
	{"email party", textual, matcher{exact: []string{"recipient", "sender", "from", "to"}, parent: []string{"email", "mail"}}, genEmail},
	{"ip", textual, matcher{exact: []string{"ipaddress", "ip", "ipv4"}}, genIP},
	{"username", textual, matcher{exact: []string{"username", "login"}}, genUsername},
	{"uuid", textual | set(cUUID), matcher{word: []string{"uuid", "uid"}}, genUUID},
	{"ID scalar", set(cID), matcher{}, genIntID},
	{"uuid-like id", textual, matcher{exact: []string{"requestid", "correlationid", "calculationid", "promiseid", "bundleid",
		"packageid", "sessionid", "spawnid", "slotid", "rewardid", "eventid", "scheduleid", "costofchargeid", "externalprojectid", "fitid"}}, genUUID},
	{"eui", textual, matcher{
		word:  []string{"eui", "euid", "euis", "euids"},
		exact: []string{"deviceid", "meterdeviceid", "chfdeviceid", "registereddeviceids", "controllereuids"}}, genEUI},
	{"gsp", textual, matcher{exact: []string{"gsp", "gspgroupid", "gspgroup", "region_code"}}, genGSP},
	{"supplier id", textual, matcher{word: []string{"mpid"}, exact: []string{"newsupplierid", "oldsupplierid", "supplierid"}}, genMPID},
	{"barcode", textual, matcher{first: []string{"barcode"}, exact: []string{"barcode", "barcodevalue"}}, genDigits(13)},
	{"bank account number", textual | set(cInt), matcher{exact: []string{"accountnumber", "bankaccountnumber"},
		parent: []string{"bank", "directdebit", "instruction", "paymentmethod", "mandate"}}, genDigits(8)},
	{"last four digits", textual, matcher{word: []string{"four"}}, genDigits(4)},
	{"masked", textual, matcher{first: []string{"masked"}}, genMasked},
	{"account number", textual, matcher{exact: []string{"accountnumber", "accountnumbers", "account", "caredforaccounts", "referredaccount"}}, genPrefixedHex("A-")},
	{"number on user", textual, matcher{exact: []string{"number"}, parent: []string{"user"}}, genPrefixedHex("U-")},
	{"number on account", textual, matcher{exact: []string{"number"}, parent: []string{"account"}}, genPrefixedHex("A-")},
	{"portfolio number", textual, matcher{exact: []string{"portfolionumber"}}, genPrefixedHex("P-")},
	{"number on portfolio", textual, matcher{exact: []string{"number"}, parent: []string{"portfolio"}}, genPrefixedHex("P-")},
	{"number on ledger", textual, matcher{exact: []string{"number"}, parent: []string{"ledger"}}, genPrefixedHex("L-")},
	{"ledger number", textual, matcher{suffix: []string{"ledgernumber", "ledgernumbers"}}, genPrefixedHex("L-")},
	{"bank account number anywhere", textual, matcher{suffix: []string{"bankaccountnumber"}}, genDigits(8)},
	{"kraken account number", textual, matcher{suffix: []string{"accountnumber", "accountnumbers"}}, genPrefixedHex("A-")},
	{"company number", textual, matcher{exact: []string{"companynumber"}}, genDigits(8)},
	{"number on business", textual, matcher{exact: []string{"number"}, parent: []string{"business"}}, genBusinessNumber},
	{"mpan", textual, matcher{word: []string{"mpan", "mpans"}, exact: []string{"supplypointidentifier", "marketsupplypointid"}}, genMPAN},
	{"utrn", textual, matcher{word: []string{"utrn"}}, genDigits(20)},
	{"mprn", textual, matcher{word: []string{"mprn", "mprns"}}, genMPRN},
	{"nmi", textual, matcher{last: []string{"nmi", "nmis"}}, genNMI},
	{"mirn", textual, matcher{last: []string{"mirn", "mirns"}}, genMIRN},
	{"mpxn", textual, matcher{word: []string{"mpxn"}}, genMPXN},
	{"meter serial", textual, matcher{exact: []string{"msn", "serialnumber", "meterserialnumber", "serial"}}, genMSN},
	{"uprn", textual | set(cBigInt), matcher{word: []string{"uprn"}}, genUPRN},
	{"iban", textual, matcher{word: []string{"iban"}}, genIBAN},
	{"sort code", textual, matcher{exact: []string{"sortcode", "bankcode"}}, genSortCode},
	{"card number", textual, matcher{exact: []string{"cardnumber", "pan"}}, genCardNumber},
	{"card network", textual, matcher{exact: []string{"cardtype", "cardpaymentnetwork", "cardbrand"}}, genCardNetwork},
	{"image", textual, matcher{exact: []string{"logo", "logomobile", "icon", "banner", "bannermobile", "image", "imagemobile"}}, genURL},
	{"phone", textual, matcher{word: []string{"phone", "phones", "mobile", "landline"},
		exact: []string{"tonumber", "fromnumber", "phonenumbers"}}, genPhone},
	{"string id", textual, matcher{last: []string{"id", "ids"}}, genUUID},

	{"dispatch source", textual, matcher{exact: []string{"source"}, parent: []string{"dispatch"}}, genDispatchSource},
	{"dispatch location", textual, matcher{exact: []string{"location"}, parent: []string{"dispatch"}}, genDispatchLocation},
	{"room", textual, matcher{exact: []string{"name", "displayname", "label"}, parent: []string{"sensor", "room", "thermostat", "trv"}}, genRoom},
	{"meter location", textual, matcher{exact: []string{"location", "locationdescription"}, parent: []string{"meter"}}, genMeterLocation},

	// 3. Addresses.
	{"postcode", textual, matcher{last: []string{"postcode", "zip"}, suffix: []string{"postalcode", "zipcode"}}, genPostcode},
	{"address line", textual, matcher{last: []string{"line1", "line2", "line3", "line4", "line5"}}, genAddressLine},
	{"street", textual, matcher{exact: []string{"streetaddress", "street"}}, genStreet},
	{"street name", textual, matcher{exact: []string{"streetname", "thoroughfare"}}, genStreetName},
	{"house number", textual, matcher{exact: []string{"housenumber", "buildingnumber"}}, genHouseNumber},
	{"numbered", textual, matcher{last: []string{"number"}}, genDigits(6)},
	{"address map", set(cGeneric, cJSON), matcher{word: []string{"address"}}, genAddressObject},
	{"address display", textual, matcher{exact: []string{"display", "displayaddress", "formatted", "full", "fulladdress"}, parent: []string{"address"}}, genAddress},
	{"address", textual, matcher{last: []string{"address"}, exact: []string{"splitaddress", "splitbillingaddress", "billingrichaddress", "richaddress"}}, genAddress},
	{"town", textual, matcher{exact: []string{"city", "town", "posttown", "locality", "dependentlocality", "location", "suburb", "suburblocality"}}, genTown},
	{"county", textual, matcher{exact: []string{"county", "administrativearea", "region", "state"}}, genCounty},
	{"country", textual, matcher{exact: []string{"country", "countrycode", "billingcountrycode", "nationality"}}, genCountry},

	// 4. Names.
	{"tariff name", textual, matcher{exact: []string{"tariffname", "tariffdisplayname", "tarifffullname", "offername", "productname"}}, genTariffName},
	{"tariff/product name", textual, matcher{exact: []string{"name", "displayname", "fullname"},
		parent: []string{"tariff", "product"}, notParent: []string{"goods"}}, genTariffName},
	{"given name", textual, matcher{suffix: []string{"givenname", "firstname", "preferredname", "forename"},
		exact: []string{"first"}}, genFirstName},
	{"family name", textual, matcher{suffix: []string{"familyname", "lastname", "surname"}, exact: []string{"last"}}, genLastName},
	{"pronouns", textual, matcher{exact: []string{"pronouns"}}, genPronouns},
	{"honorific", textual, matcher{exact: []string{"title", "salutation", "honorific"}, parent: []string{"user", "viewer", "person", "customer", "contact"}}, genHonorific},
	{"person name", textual, matcher{exact: []string{"fullname", "customername", "contactname", "accountholder", "nameoncard",
		"referredusername", "billingname", "recipientname", "occupiername", "payername"}}, genFullName},
	{"name on person", textual, matcher{exact: []string{"name", "displayname"},
		parent: []string{"user", "viewer", "person", "customer", "contact", "occupier", "holder", "representative", "payer", "member"}}, genFullName},
	{"company", textual, matcher{exact: []string{"companyname", "organization", "organisation", "partnername", "bankname", "owner",
		"businessname", "tradingname", "agency"}}, genCompany},
	{"name on company", textual, matcher{exact: []string{"name", "displayname"},
		parent: []string{"business", "organization", "organisation", "agency", "company", "affiliate", "partner"}}, genCompany},
	{"supplier", textual, matcher{exact: []string{"supplier", "suppliername", "previoussupplier", "currentsupplier", "newsupplier"}}, genSupplier},
	{"team", textual, matcher{exact: []string{"teamname", "team"}}, genTeam},
	{"make", textual, matcher{last: []string{"make", "manufacturer", "vendor", "maker"}}, genMake},
	{"model", textual, matcher{last: []string{"model"}, exact: []string{"modelname", "makeandtype"}}, genModel},
	{"brand", textual, matcher{exact: []string{"brand", "brandcode"}}, genBrand},

	// 5. Codes, links, secrets, text.
	{"tariff code", textual, matcher{exact: []string{"tariffcode", "electariffcode", "gastariffcode", "tariff"}}, genTariffCode},
	{"product code", textual, matcher{exact: []string{"productcode", "productid"}}, genProductCode},
	{"currency", textual, matcher{last: []string{"currency"}}, genCurrency},
	{"url", textual, matcher{last: []string{"url", "uri", "href", "urls"},
		exact: []string{"link"}}, genURL},
	// A flag or a count a tenant types as String reads as graphene writes one.
	{"flag as text", textual, matcher{first: []string{"is", "has", "can", "should", "was"}}, genFlagText},
	{"count as text", textual, matcher{first: []string{"number", "count"}, last: []string{"count"}}, genCountText},
	{"link of links", textual, matcher{parent: []string{"urls", "links"}}, genURL}, // Urls.tariffRenewal
	{"host", textual, matcher{last: []string{"hostname", "domain", "subdomain", "host"}}, genHost},
	{"secret", textual, matcher{last: []string{"token", "secret", "password", "signature", "certificate", "cert"},
		exact: []string{"secretkey", "livesecretkey", "encryptedprivatekey", "apikey", "awsaccesskeyid", "clientmutationid", "depositkey"}}, genToken},
	{"commit hash", textual, matcher{exact: []string{"sha", "commitsha", "gitsha", "commithash"}}, genCommitHash},
	{"cursor", textual, matcher{last: []string{"cursor"}}, genCursor},
	{"reference", textual | set(cInt), matcher{last: []string{"reference", "ref"}}, genReference},
	{"friendly code", textual, matcher{exact: []string{"referralcode", "discountcode", "linkcode", "vouchercode", "promocode"}}, genFriendlyCode},
	{"psr code", textual, matcher{suffix: []string{"psrcode"}}, genDigits(2)},
	{"carbon index", textual, matcher{exact: []string{"carbonintensityindex", "carbonindex", "intensityindex"}}, genCarbonIndex},
	{"code", textual, matcher{last: []string{"code"}}, genCode},
	{"status", textual, matcher{last: []string{"status"}}, genStatus},
	{"fuel", textual, matcher{exact: []string{"fueltype", "fuel", "energytype"}}, genFuel},
	{"unit", textual, matcher{exact: []string{"unit", "units", "consumptionunits", "settlementunit"}}, genUnit},
	{"html", textual, matcher{first: []string{"html"}, last: []string{"html"}}, genHTML},
	{"sentence", textual, matcher{
		last: []string{"description", "message", "body", "note", "notes", "summary", "reason", "reasons", "comment", "text",
			"content", "messages", "instructions", "information", "markdown", "conditions", "tooltip", "words", "details", "question",
			"answer", "error", "policy", "bio"}}, genSentence},
	{"title", textual, matcher{last: []string{"title", "subject", "label", "heading", "headline", "caption"}}, genTitle},
	{"slug", textual, matcher{last: []string{"slug", "handle", "handles", "identifier"}}, genSlug},
	{"key", textual, matcher{exact: []string{"key", "namespace", "field", "keywords", "tags", "group"}}, genKey},
	{"path", textual, matcher{exact: []string{"path", "s3key", "filepath"}}, genPath},
	{"bucket", textual, matcher{exact: []string{"s3bucket", "bucket"}}, genSlug},
	{"filename", textual, matcher{exact: []string{"filename", "file"}}, genFilename},
	{"version", textual, matcher{last: []string{"version"}}, genVersion},
	{"user agent", textual, matcher{exact: []string{"useragent"}}, genUserAgent},
	{"timezone", textual, matcher{last: []string{"timezone", "tz"}}, genTimezone},
	{"language", textual, matcher{word: []string{"language", "locale"}}, genLanguage},
	{"vin", textual, matcher{exact: []string{"vin"}}, genVIN},
	{"type code", textual, matcher{last: []string{"type", "kind", "category", "subcategory", "typename"},
		exact: []string{"source", "action", "channel", "direction", "outcome", "readingsource", "saleschannel"}}, genTypeCode},
	{"power string", set(cString), matcher{last: []string{"kw"}}, genPower},
	{"energy string", set(cString), matcher{last: []string{"kwh"}}, genKWh},
	{"money string", set(cString), matcher{last: []string{"forward", "amount", "balance"}}, genNumericString},

	// 6. Temporal names.
	{"birth date", set(cDate, cDateTime, cString), matcher{word: []string{"birth", "dob", "born"}}, genBirthDate},
	{"unix time", intsOnly, matcher{exact: []string{"refreshexpiresin", "iat", "exp", "origiat", "timestamp", "expiresat", "issuedat"}}, genUnix},
	{"ready-by time", set(cTime, cString), matcher{exact: []string{"targettime", "weekdaytargettime", "weekendtargettime", "readybytime", "readytime", "departuretime"}}, genReadyBy},
	{"time of day", set(cTime, cString), matcher{last: []string{"time", "start", "end"}, exact: []string{"timeslotstart", "timeslotend"},
		first: []string{"weekday", "weekend"}}, genTimeOfDay},
	{"date-time", set(cDateTime, cDate, cString), matcher{last: []string{"at", "datetime", "dt", "timestamp"},
		exact: []string{"lastupdated", "lastreset", "firstcaught", "firstissued", "cacheexpiry"}}, genDateTime},
	{"date", set(cDate, cDateTime, cString), matcher{last: []string{"date", "on", "until", "from", "to", "ends", "expiry", "birth", "dob", "ssd"},
		exact: []string{"date", "weekstart"}}, genDate},

	// 7. Numbers.
	{"count", numeric, matcher{last: []string{"count", "participants"}}, genCount},
	{"int id", intsOnly | set(cID), matcher{last: []string{"id", "ids"}}, genIntID},
	{"year", numeric | set(cString), matcher{last: []string{"year"}, exact: []string{"yearending", "taxyear"}}, genYear},
	{"points per kWh", numeric, matcher{contains: []string{"perkwhinoctopoints", "perkwhinpoints", "pointsperkwh"}}, genPointsPerKWh},
	{"month", intsOnly, matcher{last: []string{"month"}}, genMonth},
	{"day of month", intsOnly, matcher{exact: []string{"paymentday", "billingperiodday", "periodstartday", "dayofmonth", "triggeratstartday"}}, genDayOfMonth},
	{"target charge", numeric, matcher{exact: []string{"targetsoc", "weekdaytargetsoc", "weekendtargetsoc", "targetstateofcharge", "targetpercentage"}}, genTargetSoc},
	{"charge limit", numeric, matcher{exact: []string{"uppersoclimit", "soclimit", "chargelimit", "chargelimitsoc"}}, genSocLimit},
	{"humidity", numeric, matcher{word: []string{"humidity"}}, genHumidity},
	{"signal strength", intsOnly, matcher{exact: []string{"rssi", "signalstrength", "rssidbm"}}, genRSSI},
	{"percentage", numeric, matcher{word: []string{"percentage", "percent", "pct", "soc", "rssi", "score"}, contains: []string{"stateofcharge"}}, genPercent},
	{"coefficient of performance", numeric, matcher{contains: []string{"coefficientofperformance"}}, genCOP},
	{"fraction", numeric, matcher{word: []string{"proportion", "fraction", "coefficient", "factor", "likelihood"}}, genFraction},
	{"temperature value", numeric, matcher{exact: []string{"value"}, parent: []string{"temperature"}}, genTemperature},
	{"power value", numeric, matcher{exact: []string{"value"}, parent: []string{"power"}}, genPower},
	{"energy value", numeric, matcher{exact: []string{"value"}, parent: []string{"energy"}}, genKWh},
	{"rate value", numeric, matcher{exact: []string{"value"}, parent: []string{"rate"}, notParent: []string{"ratelimit"}}, genUnitRate},
	{"reading value", numeric, matcher{exact: []string{"value"}, parent: []string{"consumption", "measurement", "reading", "usage"}}, genKWh},
	{"temperature", numeric, matcher{word: []string{"celsius", "temperature", "setpoint"}}, genTemperature},
	{"latitude", numeric, matcher{exact: []string{"latitude", "lat"}}, genLatitude},
	{"longitude", numeric, matcher{exact: []string{"longitude", "lng", "lon"}}, genLongitude},
	{"multiplier", numeric, matcher{last: []string{"multiplier", "digits", "index", "order"}, suffix: []string{"decimalplaces"}}, genMultiplier},
	{"sequence number", intsOnly, matcher{last: []string{"number", "version"}}, genSequence},
	{"points", numeric, matcher{word: []string{"points", "octopoints"}}, genPoints},
	{"standing charge", numeric, matcher{word: []string{"standing"}}, genStandingCharge},
	{"gas unit rate", numeric, matcher{word: []string{"rate", "rates"}, exact: []string{"priceperunit", "grosspriceperunit"}, parent: []string{"gas"}}, genGasUnitRate},
	{"unit rate", numeric, matcher{word: []string{"rate", "rates"}, exact: []string{"priceperunit", "grosspriceperunit"}}, genUnitRate},
	{"bytes", numeric, matcher{word: []string{"bytes"}}, genBytes},
	{"capacity", numeric, matcher{word: []string{"capacity", "battery", "size"}}, genCapacity},
	{"voltage", numeric, matcher{word: []string{"voltage", "volt", "volts"}}, genVoltage},
	{"power", numeric, matcher{word: []string{"kw", "power", "amperage", "import", "export"}}, genPower},
	{"carbon", numeric, matcher{word: []string{"co2", "carbon", "trees", "kgs", "grams"}}, genCarbon},
	{"annual energy", numeric, matcher{word: []string{"eac", "aq", "soq", "assumed"}, contains: []string{"annualconsumption"}}, genAnnualKWh},
	{"energy unit", numeric, matcher{word: []string{"kwh"}, last: []string{"consumption", "usage", "demand"}}, genKWh},
	{"tally", numeric, matcher{word: []string{"caught", "entries", "spins", "participants", "referrals", "prize", "readings", "ranges", "segments", "periods"}}, genCount},
	{"speed", numeric, matcher{word: []string{"speed"}}, genSpeed},
	{"direction", numeric, matcher{word: []string{"direction", "bearing"}}, genDegrees},
	{"minutes", numeric, matcher{word: []string{"minutes", "mins"}}, genMinutes},
	{"seconds", numeric, matcher{word: []string{"seconds", "ttl", "delay", "interval", "frequency", "duration"}}, genSeconds},
	{"balance", numeric, matcher{word: []string{"balance"}}, genBalance},
	{"money", numeric, matcher{word: []string{"amount", "price", "cost", "charge", "charges", "fee", "fees", "total", "gross", "net",
		"tax", "debt", "credit", "payment", "deposit", "saving", "savings", "reward", "bonus", "surcharge", "adjustment", "pence",
		"pounds", "remuneration", "cap", "discount"}, notParent: []string{"measurement", "reading", "temperature", "power", "energy", "consumption", "statistic", "interval"}}, genMoney},
	{"energy", numeric, matcher{word: []string{"kwh", "consumption", "usage", "energy", "demand", "electricity", "gas", "accumulation", "read", "reading", "day", "night", "offpeak"}}, genKWh},

	// 8. Defaults by class.
	{"default", anyClass, matcher{}, genDefault},
}

// match returns the index of the first rule of table accepting the field. The
// default rule accepts everything, so the result is always a valid index.
func match(parent, field string, cls class) int {
	lp := strings.ToLower(parent)
	lf := strings.ToLower(field)
	words := splitWords(field)
	for i := range table {
		r := &table[i]
		if r.in.has(cls) && r.m.accepts(lp, lf, words) {
			return i
		}
	}
	return len(table) - 1
}

func (m *matcher) accepts(parent, field string, words []string) bool {
	if len(m.parent) > 0 && !containsAny(parent, m.parent) {
		return false
	}
	if containsAny(parent, m.notParent) {
		return false
	}
	if len(m.exact)+len(m.first)+len(m.last)+len(m.suffix)+len(m.contains)+len(m.word) == 0 {
		return true
	}
	if in(field, m.exact) {
		return true
	}
	for _, x := range m.suffix {
		if strings.HasSuffix(field, x) {
			return true
		}
	}
	if containsAny(field, m.contains) {
		return true
	}
	if len(words) == 0 {
		return false
	}
	if in(words[0], m.first) || in(words[len(words)-1], m.last) {
		return true
	}
	for _, w := range words {
		if in(w, m.word) {
			return true
		}
	}
	return false
}

// hintOf tells whether a temporal field name marks the start or the end of something.
func hintOf(field string) hint {
	for _, w := range splitWords(field) {
		switch w {
		case "from", "start", "starts", "started", "created", "issued", "opened", "first", "since", "joined",
			"registered", "installation", "installed", "begin", "began", "agreed", "sent", "posted", "certification":
			return early
		case "to", "end", "ends", "ended", "until", "expiry", "expires", "expiration", "due", "closed", "stopped",
			"next", "renewal", "latest", "target", "deadline", "finished", "fulfilled":
			return late
		}
	}
	return anytime
}

func in(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// splitWords breaks a camelCase, PascalCase or snake_case name into lower-case
// words; digits stay with the word before them ("addressLine1" → address, line1)
// and acronyms stay together ("APIKey" → api, key).
func splitWords(s string) []string {
	var words []string
	start := 0
	flush := func(end int) {
		if end > start {
			words = append(words, strings.ToLower(s[start:end]))
		}
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch == '_' || ch == '-' || ch == ' ' || ch == '.' {
			flush(i)
			start = i + 1
			continue
		}
		if i == start || !isUpper(ch) {
			continue
		}
		prev := s[i-1]
		nextLower := i+1 < len(s) && isLower(s[i+1])
		if isLower(prev) || isDigit(prev) || (isUpper(prev) && nextLower) {
			flush(i)
			start = i
		}
	}
	flush(len(s))
	return words
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
func isLower(b byte) bool { return b >= 'a' && b <= 'z' }
func isDigit(b byte) bool { return b >= '0' && b <= '9' }
