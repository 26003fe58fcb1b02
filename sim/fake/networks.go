package fake

import "strings"

// Network is an Australian distribution network, known by the first digits of the
// identifiers AEMO allocates it: NMIs for electricity, MIRNs for gas.
type Network struct {
	// Prefix begins its identifiers; ID and Name name it; State is where it is ("" for
	// a gas network in several).
	Prefix, ID, Name, State string
	Gas                     bool
}

// networks are Australia's networks on the east coast, in the south and in Tasmania, in the order
// the Faker draws NMIs from them.
var networks = []Network{
	{"4102", "AUSGRID", "Ausgrid", "NSW", false}, {"4103", "AUSGRID", "Ausgrid", "NSW", false},
	{"4310", "ENDEAVOUR", "Endeavour Energy", "NSW", false}, {"4001", "ESSENTIAL", "Essential Energy", "NSW", false},
	{"7001", "EVOENERGY", "Evoenergy", "ACT", false}, {"6102", "CITIPOWER", "CitiPower", "VIC", false},
	{"6203", "POWERCOR", "Powercor", "VIC", false}, {"6305", "AUSNET", "AusNet Services", "VIC", false},
	{"6001", "JEMENA", "Jemena", "VIC", false}, {"6407", "UNITED", "United Energy", "VIC", false},
	{"3114", "ENERGEX", "Energex", "QLD", false}, {"2002", "SAPN", "SA Power Networks", "SA", false},
	{"3051", "ERGON", "Ergon Energy", "QLD", false}, {"7102", "TASNETWORKS", "TasNetworks", "TAS", false},
	{"524", "JEMENAGAS", "Jemena Gas Networks", "NSW", true}, {"53", "AUSNETGAS", "AusNet Gas Services", "VIC", true},
	{"55", "AGN", "Australian Gas Networks", "", true},
}

// NetworkOf is the network that owns the supply with a ten-character NMI or MIRN; false
// for one AEMO does not allocate to the networks known.
func NetworkOf(identifier string) (Network, bool) {
	if len(identifier) != 10 {
		return Network{}, false
	}
	best := -1
	for i, n := range networks {
		if strings.HasPrefix(identifier, n.Prefix) && (best < 0 || len(n.Prefix) > len(networks[best].Prefix)) {
			best = i
		}
	}
	if best < 0 {
		return Network{}, false
	}
	return networks[best], true
}

// NMIPrefixes are the NMI prefixes of the electricity networks of a state (NSW, VIC…),
// or of every state for "".
func NMIPrefixes(state string) []string {
	var out []string
	for _, n := range networks {
		if !n.Gas && (state == "" || n.State == state) {
			out = append(out, n.Prefix)
		}
	}
	return out
}

// PostcodeState is the state or territory an Australian postcode is in (NSW, VIC…), by
// its first digit, the ACT's 2600–2618 and 2900–2920 among New South Wales's 2s; "" for
// none.
func PostcodeState(postcode string) string {
	p := strings.TrimSpace(postcode)
	if len(p) != 4 || strings.Trim(p, "0123456789") != "" {
		return ""
	}
	if p >= "2600" && p <= "2618" || p >= "2900" && p <= "2920" {
		return "ACT"
	}
	return map[byte]string{'0': "NT", '2': "NSW", '3': "VIC", '4': "QLD", '5': "SA", '6': "WA", '7': "TAS"}[p[0]]
}
