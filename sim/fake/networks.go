package fake

import "strings"

// Network is an Australian distribution network, known by the first digits of the
// identifiers AEMO allocates it: NMIs for electricity, MIRNs for gas.
type Network struct {
	// Prefix begins its identifiers; ID and Name name it; State is where it is (for a
	// gas network, the state of its MIRN block).
	Prefix, ID, Name, State string
	Gas                     bool
}

// networks are Australia's networks on the east coast, in the south and in Tasmania, in the order
// the Faker draws NMIs from them; a gas network's prefix is its state's MIRN block (52 New
// South Wales and the ACT, 53 Victoria, 54 Queensland, 55 South Australia), which the
// networks of a state share. The blocks are AEMO's NMI Allocation List's (electricity) and
// its MIRN allocation (gas), as the jufemaiz/aemo gem's lib/aemo/nmi/allocation.rb and
// aguinane/NMI-Checksum keep them.
var networks = []Network{
	{"4102", "AUSGRID", "Ausgrid", "NSW", false}, {"4103", "AUSGRID", "Ausgrid", "NSW", false},
	{"4310", "ENDEAVOUR", "Endeavour Energy", "NSW", false}, {"4001", "ESSENTIAL", "Essential Energy", "NSW", false},
	{"7001", "EVOENERGY", "Evoenergy", "ACT", false}, {"6102", "CITIPOWER", "CitiPower", "VIC", false},
	{"6203", "POWERCOR", "Powercor", "VIC", false}, {"6305", "AUSNET", "AusNet Services", "VIC", false},
	{"6001", "JEMENA", "Jemena", "VIC", false}, {"6407", "UNITED", "United Energy", "VIC", false},
	{"3114", "ENERGEX", "Energex", "QLD", false}, {"2002", "SAPN", "SA Power Networks", "SA", false},
	{"3051", "ERGON", "Ergon Energy", "QLD", false}, {"8000", "TASNETWORKS", "TasNetworks", "TAS", false},
	{"52", "JEMENAGAS", "Jemena Gas Networks", "NSW", true}, {"53", "AUSNETGAS", "AusNet Gas Services", "VIC", true},
	{"54", "AGN", "Australian Gas Networks", "QLD", true}, {"55", "AGN", "Australian Gas Networks", "SA", true},
}

// allocated are the rest of the distributors' blocks in AEMO's lists, which the Faker draws
// none from: their other numeric and alphabetic NMI blocks, Western Australia's and the
// Northern Territory's networks, and the MIRN blocks of Western Australia and Tasmania.
// Transmission networks', exempt (embedded) networks' and AEMO's reserved blocks are left
// out: no home's supply is signed up in them.
var allocated = []Network{
	{"4104", "AUSGRID", "Ausgrid", "NSW", false}, {"NCCC", "AUSGRID", "Ausgrid", "NSW", false},
	{"431", "ENDEAVOUR", "Endeavour Energy", "NSW", false}, {"NEEE", "ENDEAVOUR", "Endeavour Energy", "NSW", false},
	{"4204", "ESSENTIAL", "Essential Energy", "NSW", false}, {"4407", "ESSENTIAL", "Essential Energy", "NSW", false},
	{"4508", "ESSENTIAL", "Essential Energy", "NSW", false}, {"NAAA", "ESSENTIAL", "Essential Energy", "NSW", false},
	{"NBBB", "ESSENTIAL", "Essential Energy", "NSW", false}, {"NDDD", "ESSENTIAL", "Essential Energy", "NSW", false},
	{"NFFF", "ESSENTIAL", "Essential Energy", "NSW", false}, {"NGGG", "EVOENERGY", "Evoenergy", "ACT", false},
	{"6103", "CITIPOWER", "CitiPower", "VIC", false}, {"VAAA", "CITIPOWER", "CitiPower", "VIC", false},
	{"6204", "POWERCOR", "Powercor", "VIC", false}, {"VCCC", "POWERCOR", "Powercor", "VIC", false},
	{"6306", "AUSNET", "AusNet Services", "VIC", false}, {"VBBB", "AUSNET", "AusNet Services", "VIC", false},
	{"VDDD", "JEMENA", "Jemena", "VIC", false},
	{"6408", "UNITED", "United Energy", "VIC", false}, {"VEEE", "UNITED", "United Energy", "VIC", false},
	{"31", "ENERGEX", "Energex", "QLD", false}, {"QB", "ENERGEX", "Energex", "QLD", false},
	{"30", "ERGON", "Ergon Energy", "QLD", false}, {"QAAA", "ERGON", "Ergon Energy", "QLD", false},
	{"QCCC", "ERGON", "Ergon Energy", "QLD", false}, {"QDDD", "ERGON", "Ergon Energy", "QLD", false},
	{"QEEE", "ERGON", "Ergon Energy", "QLD", false}, {"QFFF", "ERGON", "Ergon Energy", "QLD", false},
	{"QGGG", "ERGON", "Ergon Energy", "QLD", false},
	{"2001", "SAPN", "SA Power Networks", "SA", false}, {"SAAA", "SAPN", "SA Power Networks", "SA", false},
	{"SASMPL", "SAPN", "SA Power Networks", "SA", false},
	{"85902", "TASNETWORKS", "TasNetworks", "TAS", false}, {"85903", "TASNETWORKS", "TasNetworks", "TAS", false},
	{"T000000", "TASNETWORKS", "TasNetworks", "TAS", false},
	{"800", "WESTERNPOWER", "Western Power", "WA", false}, {"801", "WESTERNPOWER", "Western Power", "WA", false},
	{"8020", "WESTERNPOWER", "Western Power", "WA", false}, {"WAAA", "WESTERNPOWER", "Western Power", "WA", false},
	{"8021", "HORIZONPOWER", "Horizon Power", "WA", false}, {"250", "POWERWATER", "Power and Water", "NT", false},
	{"56", "ATCOGAS", "ATCO Gas Australia", "WA", true}, {"57", "TASGAS", "Tas Gas Networks", "TAS", true},
}

// NetworkOf is the network that owns the supply with a ten-character NMI or MIRN; false
// for one AEMO does not allocate to the networks known.
func NetworkOf(identifier string) (Network, bool) {
	if len(identifier) != 10 {
		return Network{}, false
	}
	var best Network
	for _, list := range [][]Network{networks, allocated} {
		for _, n := range list {
			if strings.HasPrefix(identifier, n.Prefix) && len(n.Prefix) > len(best.Prefix) {
				best = n
			}
		}
	}
	return best, best.Prefix != ""
}

// Serves reports whether the network's block is a state's (NSW, VIC…): its own, and for
// gas New South Wales's block the ACT's too, the two being one gas retail market.
func (n Network) Serves(state string) bool {
	return n.State == state || n.Gas && n.State == "NSW" && state == "ACT"
}

// MIRNBlock is the block of MIRNs AEMO allocates a state's gas networks (52 for New South
// Wales and the ACT, 53 for Victoria…); "" for a state with none.
func MIRNBlock(state string) string {
	for _, list := range [][]Network{networks, allocated} {
		for _, n := range list {
			if n.Gas && n.Serves(state) {
				return n.Prefix
			}
		}
	}
	return ""
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
