package fake

import (
	"slices"

	"github.com/brianvoe/gofakeit/v7/data"
)

// Person names come from gofakeit's lists; everything else here is UK- and
// energy-flavoured vocabulary written for this package.
var (
	firstNames = data.Person["first"]
	lastNames  = data.Person["last"]
)

var emailDomains = []string{"example.com", "example.org", "example.net", "mail.example.com", "post.example.org"}

var urlHosts = []string{"www.example.com", "app.example.com", "files.example.com", "assets.example.org", "api.example.net"}

var towns = []string{
	"London", "Manchester", "Birmingham", "Leeds", "Sheffield", "Bristol", "Liverpool", "Nottingham", "Leicester",
	"Brighton", "Norwich", "Cambridge", "Oxford", "York", "Exeter", "Plymouth", "Southampton", "Reading", "Bath",
	"Cardiff", "Swansea", "Edinburgh", "Glasgow", "Aberdeen", "Newcastle upon Tyne", "Durham", "Lancaster",
	"Chester", "Derby", "Coventry", "Gloucester", "Hereford", "Ipswich", "Canterbury", "Guildford", "Milton Keynes",
	"Harrogate", "Whitby", "Kendal", "Truro", "Salisbury", "Winchester", "Worcester", "Shrewsbury", "Lincoln",
}

var counties = []string{
	"Greater London", "Greater Manchester", "West Midlands", "West Yorkshire", "South Yorkshire", "North Yorkshire",
	"Merseyside", "Nottinghamshire", "Leicestershire", "East Sussex", "West Sussex", "Norfolk", "Suffolk",
	"Cambridgeshire", "Oxfordshire", "Devon", "Cornwall", "Hampshire", "Berkshire", "Somerset", "Kent", "Surrey",
	"Essex", "Cumbria", "Lancashire", "Cheshire", "Derbyshire", "Gloucestershire", "Herefordshire", "Lincolnshire",
	"Shropshire", "Worcestershire", "Wiltshire", "Dorset", "Tyne and Wear", "County Durham", "South Glamorgan",
}

var localities = []string{
	"Hillside", "Old Town", "Westfield", "Northgate", "Southbank", "Church End", "Upper Green", "Lower Mill",
	"Meadowside", "Kingsway", "Ashby Park", "Riverside", "Eastcote", "Bridge End", "Fairview",
}

var streetNames = []string{
	"Acacia", "Albert", "Ash", "Beech", "Bridge", "Castle", "Cedar", "Chapel", "Church", "Clarence", "Elm",
	"Grange", "Green", "Grove", "Hawthorn", "High", "Highfield", "Holly", "Kings", "Lime", "Manor", "Maple",
	"Market", "Meadow", "Mill", "New", "North", "Oak", "Orchard", "Park", "Queens", "Rectory", "School",
	"Springfield", "Station", "The Crescent", "Victoria", "West", "Willow", "Windsor", "York",
}

var streetSuffixes = []string{"Road", "Street", "Lane", "Avenue", "Close", "Drive", "Gardens", "Way", "Terrace", "Place", "Grove", "Crescent"}

// postcodeAreas are real UK postcode areas (one or two letters).
var postcodeAreas = []string{
	"AB", "B", "BA", "BD", "BH", "BN", "BR", "BS", "CB", "CF", "CH", "CM", "CO", "CR", "CT", "CV", "DA", "DE",
	"DN", "DT", "DY", "E", "EC", "EH", "EN", "EX", "G", "GL", "GU", "HA", "HP", "HR", "HU", "IG", "IP", "KT",
	"L", "LE", "LS", "LU", "M", "ME", "MK", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OX", "PE", "PL", "PO",
	"PR", "RG", "RM", "S", "SA", "SE", "SG", "SL", "SM", "SO", "SS", "ST", "SW", "SY", "TA", "TF", "TN", "TW",
	"UB", "W", "WA", "WC", "WR", "WS", "WV", "YO",
}

// postcodeUnitLetters excludes C, I, K, M, O and V, which UK inward codes never use.
const postcodeUnitLetters = "ABDEFGHJLNPQRSTUWXYZ"

var tariffPrefixes = []string{"Flexible", "Fixed", "Tracker", "Agile", "Go", "Cosy", "Intelligent", "Green", "Outgoing", "Simple", "Smart", "Loyal"}

var tariffSuffixes = []string{"Energy", "Saver", "Plus", "12M Fixed", "24M Fixed", "Export", "EV", "Heat", "Tariff", "Variable"}

var productCodeStems = []string{"VAR", "AGILE", "GO", "COSY", "FIX-12M", "FIX-24M", "TRACKER", "OUTGOING", "INTELLI", "SILVER"}

// gspGroups are the GB grid supply point group ids (no _I, _O or _Q).
var gspGroups = []string{"_A", "_B", "_C", "_D", "_E", "_F", "_G", "_H", "_J", "_K", "_L", "_M", "_N", "_P"}

var suppliers = []string{
	"Northwind Energy", "Brightwater Power", "Meridian Gas & Electric", "Heron Energy", "Lantern Power",
	"Solstice Energy", "Kestrel Utilities", "Greenfield Supply", "Harbour Light Energy", "Beacon Power Co",
}

var brandCodes = []string{"NORTHWIND_ENERGY", "KESTREL_UTILITIES", "HERON_ENERGY", "LANTERN_POWER"}

var companySuffixes = []string{" Ltd", " & Sons Ltd", " Group plc", " Holdings Ltd", " Energy Ltd", " Services Ltd", " Partners LLP"}

// product is a device make, one of its models and what its maker states of it.
type product struct {
	make, model string
	spec        Spec
}

var (
	vehicles = []product{
		{"Tesla", "Model 3", Spec{CapacityKWh: 57.5, PowerKW: 11, Since: 2019, Providers: []string{"TESLA"}}},
		{"Tesla", "Model Y", Spec{CapacityKWh: 75, PowerKW: 11, Since: 2022, Providers: []string{"TESLA"}}},
		{"Nissan", "Leaf", Spec{CapacityKWh: 39, PowerKW: 6.6, Since: 2018, Providers: []string{"SMARTCAR", "ENODE"}}},
		{"Kia", "Niro EV", Spec{CapacityKWh: 64.8, PowerKW: 7.2, Since: 2019, Providers: []string{"ENODE"}}},
		{"Hyundai", "Ioniq 5", Spec{CapacityKWh: 77.4, PowerKW: 11, Since: 2021, Providers: []string{"ENODE", "SMARTCAR"}}},
		{"Volkswagen", "ID.3", Spec{CapacityKWh: 58, PowerKW: 11, Since: 2020, Providers: []string{"ENODE"}}},
		{"Volkswagen", "ID.4", Spec{CapacityKWh: 77, PowerKW: 11, Since: 2021, Providers: []string{"ENODE"}}},
		{"BMW", "i4", Spec{CapacityKWh: 80.7, PowerKW: 11, Since: 2021, Providers: []string{"ENODE", "SMARTCAR"}}},
		{"Renault", "Zoe", Spec{CapacityKWh: 52, PowerKW: 22, Since: 2013, Until: 2024, Providers: []string{"ENODE"}}},
		{"MG", "MG4", Spec{CapacityKWh: 61.7, PowerKW: 6.6, Since: 2022, Providers: []string{"ENODE"}}},
		{"Polestar", "Polestar 2", Spec{CapacityKWh: 75, PowerKW: 11, Since: 2020, Providers: []string{"ENODE"}}},
		{"Audi", "Q4 e-tron", Spec{CapacityKWh: 77, PowerKW: 11, Since: 2021, Providers: []string{"ENODE", "SMARTCAR"}}},
		{"Jaguar", "I-Pace", Spec{CapacityKWh: 84.7, PowerKW: 11, Since: 2018, Until: 2024, Providers: []string{"SMARTCAR"}}},
		{"Skoda", "Enyaq", Spec{CapacityKWh: 77, PowerKW: 11, Since: 2021, Providers: []string{"ENODE"}}},
	}
	chargers = []product{
		{"myenergi", "Zappi v2", Spec{PowerKW: 7, Amps: 32, Since: 2019, Providers: []string{"MYENERGI"}}},
		{"Wallbox", "Pulsar Plus", Spec{PowerKW: 7.4, Amps: 32, Since: 2019, Providers: []string{"OCPP_WALLBOX"}}},
		{"Ohme", "Home Pro", Spec{PowerKW: 7.4, Amps: 32, Since: 2020, Providers: []string{"OHME"}}},
		{"Hypervolt", "Home 3.0", Spec{PowerKW: 7.4, Amps: 32, Since: 2022, Providers: []string{"HYPERVOLT"}}},
		{"Pod Point", "Solo 3S", Spec{PowerKW: 7, Amps: 32, Since: 2023, Providers: []string{"ENODE"}}},
		{"Easee", "One", Spec{PowerKW: 7.4, Amps: 32, Since: 2021, Providers: []string{"ENODE"}}},
		{"Andersen", "A2", Spec{PowerKW: 7.4, Amps: 32, Since: 2020, Providers: []string{"ENODE"}}},
	}
	heatPumps = []product{
		{"Daikin", "Altherma 3", Spec{PowerKW: 8, InputKW: 3, Since: 2018, Providers: []string{"DAIKIN"}}},
		{"Mitsubishi Electric", "Ecodan 8.5kW", Spec{PowerKW: 8.5, InputKW: 3.2, Since: 2016}},
		{"Vaillant", "aroTHERM plus", Spec{PowerKW: 7, InputKW: 2.6, Since: 2020}},
		{"Samsung", "EHS Mono", Spec{PowerKW: 8, InputKW: 3, Since: 2019}},
		{"Viessmann", "Vitocal 150-A", Spec{PowerKW: 10, InputKW: 3.7, Since: 2022}},
		{"Grant", "Aerona3", Spec{PowerKW: 10, InputKW: 3.7, Since: 2016}},
	}
	batteries = []product{
		{"Tesla", "Powerwall 2", Spec{CapacityKWh: 13.5, PowerKW: 5, Since: 2016, Until: 2024, Coupling: "AC", Providers: []string{"TESLA"}}},
		{"GivEnergy", "Giv-Bat 9.5", Spec{CapacityKWh: 8.6, PowerKW: 3.6, Since: 2021, Coupling: "DC", Providers: []string{"GIVENERGY"}}},
		{"SolarEdge", "Home Battery 10kWh", Spec{CapacityKWh: 9.7, PowerKW: 5, Since: 2022, Coupling: "DC"}},
		{"Enphase", "IQ Battery 5P", Spec{CapacityKWh: 5, PowerKW: 3.84, Since: 2023, Coupling: "AC", Providers: []string{"ENPHASE"}}},
		{"Sonnen", "sonnenBatterie 10", Spec{CapacityKWh: 11, PowerKW: 4.6, Since: 2019, Coupling: "AC"}},
		{"Huawei", "LUNA2000", Spec{CapacityKWh: 5, PowerKW: 2.5, Since: 2020, Coupling: "DC", Providers: []string{"HUAWEI"}}},
	}
	inverters = []product{
		{"SolarEdge", "SE3680H", Spec{PowerKW: 3.68, Since: 2017}},
		{"Fronius", "Primo GEN24", Spec{PowerKW: 5, Since: 2020}},
		{"GivEnergy", "Giv-HY 5.0", Spec{PowerKW: 5, Since: 2021, Providers: []string{"GIVENERGY"}}},
		{"SMA", "Sunny Boy 3.6", Spec{PowerKW: 3.6, Since: 2016}},
		{"Huawei", "SUN2000-5KTL", Spec{PowerKW: 5, Since: 2019, Providers: []string{"HUAWEI"}}},
		{"Solis", "S6-GR1P", Spec{PowerKW: 3.6, Since: 2021}},
	}
	meters = []product{{"Landis+Gyr", "E470", Spec{}}, {"Secure Meters", "Liberty 100", Spec{}}, {"Aclara", "SGM1411", Spec{}},
		{"EDMI", "ES-10A", Spec{}}, {"Honeywell Elster", "AS302P", Spec{}}, {"Landis+Gyr", "G470", Spec{}}}
	allProducts = slices.Concat(vehicles, chargers, heatPumps, batteries, inverters, meters)
)

var meterLocations = []string{"Kitchen", "Hallway", "Under stairs", "Garage", "Utility room", "Cellar", "Porch", "External meter box"}

var rooms = []string{"Living Room", "Kitchen", "Hallway", "Bedroom 1", "Bedroom 2", "Bathroom", "Dining Room", "Study", "Landing", "Conservatory"}

var banks = []string{"NWBK", "BARC", "LOYD", "HBUK", "MIDL", "SRLG"}

var cardNetworks = []string{"VISA", "MASTERCARD", "AMEX", "MAESTRO"}

var statuses = []string{"ACTIVE", "ACTIVE", "ACTIVE", "PENDING", "COMPLETED", "CANCELLED", "ON_SUPPLY"}

var typeCodes = []string{"STANDARD", "ELECTRICITY", "GAS", "SMART", "CREDIT", "PREPAY", "DOMESTIC", "BUSINESS", "IMPORT", "EXPORT"}

var fuels = []string{"ELECTRICITY", "GAS"}

// titleWords and nounWords make short Title Case phrases and slugs.
var (
	titleWords = []string{"Green", "Smart", "Bright", "Home", "Saving", "Warm", "Clear", "Simple", "Summer", "Winter", "Flexible", "Local", "Friendly", "Clean", "Early"}
	nounWords  = []string{"Energy", "Meter", "Reading", "Account", "Bill", "Statement", "Payment", "Tariff", "Reward", "Session", "Update", "Offer", "Saver", "Plan", "Boost", "Heat", "Charge"}
)

// teamKinds and teamSites are what an operations team works on and where it sits.
var (
	teamKinds = []string{"SMART", "BILLING", "PAYMENTS", "MOVES", "METERING", "HELP"}
	teamSites = []string{"LDN", "BHM", "LEI", "BRI", "MAN", "NOR"}
)

var sentences = []string{
	"Your latest meter reading has been received.",
	"We have updated your monthly payment amount.",
	"Your statement for this period is now available.",
	"The smart meter sent its readings overnight.",
	"A refund has been requested for the credit on this account.",
	"Your tariff renews at the end of the current term.",
	"We could not collect the last direct debit payment.",
	"The customer asked us to call back after 5pm.",
	"Installation appointment confirmed for the morning slot.",
	"Readings look higher than usual for this time of year.",
	"Thanks for topping up your prepayment meter.",
	"Your electric vehicle finished charging at the cheapest time.",
	"The engineer replaced the gas meter battery.",
	"This charge covers the standing charge for the period.",
	"Credit applied for taking part in a saving session.",
	"Please send us a photo of your meter display.",
	"Your home used less energy than similar homes nearby.",
	"Switch completed and supply started today.",
	"The payment plan was agreed with the customer.",
	"Export readings will be paid at the agreed rate.",
}

var keyWords = []string{"source", "channel", "campaign", "region", "segment", "version", "variant", "status", "reason", "context"}

var valueWords = []string{"web", "app", "email", "sms", "phone", "post", "smart", "manual", "estimate", "default"}

var userAgents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
	"okhttp/4.12.0",
}
