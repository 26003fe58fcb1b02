package accounts

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// The address lookup a sign-up starts from (Octopus's addresses, getAddressesByPostcode,
// multipleElectricityMeterPointsForAddress, getUprnByMpan) answers a UK postcode with
// the homes at it: the homes state holds there, as their accounts list them (their own
// MPANs and MPRNs), and their neighbours on the same street, in house-number order;
// every dwelling has one electricity and one gas supply of the postcode's region, and an
// address line is what its account's property says. A postcode a gazetteer would not
// know (not a UK one) or off Great Britain's grid (Northern Ireland's, the islands') has
// no homes.

// distributors are the distribution areas' ids that begin an MPAN, by GSP group.
var distributors = map[string]int{"_A": 10, "_B": 11, "_C": 12, "_D": 13, "_E": 14, "_F": 15, "_G": 16,
	"_P": 17, "_N": 18, "_J": 19, "_H": 20, "_K": 21, "_L": 22, "_M": 23}

// mpanGSP is the GSP group and profile class of an MPAN as the industry's data give
// them: those of the meter point state holds with it, else the group of the distributor
// its first two digits name and profile class 1 (a home's); "" for an MPAN that is none
// or of no distributor of the groups.
func mpanGSP(w *env, mpan string) (gsp string, profileClass int) {
	if _, mp := w.ElectricityMeterPoint(mpan); mp != nil && mp.MPAN != "" {
		gsp = mp.GSPGroupID
		for _, ag := range mp.Agreements {
			if _, region := tariffShape(ag.TariffCode); gsp == "" && region != "" {
				gsp = "_" + region
			}
		}
		if gsp != "" {
			return gsp, mp.ProfileClass
		}
	}
	if !validMPAN(mpan) {
		return "", 0
	}
	for g, d := range distributors {
		if strconv.Itoa(d) == mpan[:2] {
			return g, 1
		}
	}
	return "", 0
}

// dwelling is an address of a postcode as the lookup lists it.
type dwelling struct {
	lines          []string // its street line first, its town and county last
	postcode       string
	number, street string
	uprn           string
	mpans          []mpanClass
	mprns          []string
	business       bool
}

// mpanClass is an electricity supply of a dwelling: its MPAN and profile class.
type mpanClass struct{ mpan, profileClass string }

// normalPostcode is a UK postcode written as Royal Mail does (upper case, one space
// before the inward code), "" for what is not one.
func normalPostcode(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(s) < 5 || len(s) > 7 {
		return ""
	}
	pc := s[:len(s)-3] + " " + s[len(s)-3:]
	if !sim.IsUKPostcode(pc) {
		return ""
	}
	return pc
}

// splitLine splits an address's street line into its house number (up to its last
// word with a digit: "Flat 12 100", "12a") and its street.
func splitLine(line string) (number, street string) {
	words := strings.Fields(strings.ReplaceAll(line, ",", " "))
	i := len(words) - 1
	for i >= 0 && !strings.ContainsFunc(words[i], unicode.IsDigit) {
		i--
	}
	return strings.Join(words[:i+1], " "), strings.Join(words[i+1:], " ")
}

// houseOrder is the number a house is ordered by: its house number's last figure.
func houseOrder(number string) int {
	f := strings.Fields(number)
	if len(f) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimRightFunc(f[len(f)-1], unicode.IsLetter))
	return n
}

// homesAt are the homes of a postcode.
func homesAt(w *env, postcode string) []dwelling {
	pc := normalPostcode(postcode)
	if pc == "" || gspOf(pc) == "" {
		return nil
	}
	var homes []dwelling
	taken, seen := map[string]bool{}, map[string]bool{}
	var street, anchor string
	var rest []string
	for _, a := range w.Accounts {
		for i := range a.Properties {
			p := &a.Properties[i]
			if normalPostcode(p.Address.Postcode) != pc {
				continue
			}
			h := stateHome(w, a, p, pc)
			if seen[h.uprn] {
				continue // the same home on a leaver's and its next occupier's account
			}
			seen[h.uprn] = true
			homes = append(homes, h)
			taken[strings.ToLower(h.street)+"\x00"+h.number] = true
			if street == "" && h.street != "" {
				street, rest, anchor = h.street, h.lines[1:], h.number
			}
		}
	}
	u := fake.UnitOf(pc)
	if n := houseOrder(anchor); n > 0 {
		// The neighbours' run of numbers takes in the home state holds.
		first := n - 2*(len(u.Numbers)/2)
		for first < 1 {
			first += 2
		}
		for i := range u.Numbers {
			u.Numbers[i] = first + 2*i
		}
	}
	if street == "" {
		street = u.Street
		for _, l := range []string{u.Town, u.County} {
			if l != "" {
				rest = append(rest, l)
			}
		}
	}
	gsp := "_" + gspOf(pc)
	for _, n := range u.Numbers {
		num := strconv.Itoa(n)
		if taken[strings.ToLower(street)+"\x00"+num] {
			continue
		}
		key := fake.HashStrings("dwelling", pc, num)
		h := dwelling{lines: append([]string{num + " " + street}, rest...), postcode: pc, number: num, street: street,
			uprn: fake.UPRN(key), mprns: []string{fake.MPRN(key)}}
		if d, ok := distributors[gsp]; ok {
			h.mpans = []mpanClass{{fake.MPANIn(key, d), "1"}}
		}
		homes = append(homes, h)
	}
	slices.SortStableFunc(homes, func(x, y dwelling) int { return houseOrder(x.number) - houseOrder(y.number) })
	return homes
}

// stateHome is a property state holds as the lookup lists it.
func stateHome(w *env, a *sim.Account, p *sim.Property, pc string) dwelling {
	lines := addressLines(p.Address)
	h := dwelling{lines: lines, postcode: pc, uprn: propertyUPRN(w, p), business: a.AccountType == "BUSINESS"}
	if len(lines) > 0 {
		h.number, h.street = splitLine(lines[0])
	}
	for _, mp := range p.ElectricityMeterPoints {
		if mp.MPAN != "" {
			h.mpans = append(h.mpans, mpanClass{mp.MPAN, strconv.Itoa(max(mp.ProfileClass, 1))})
		}
	}
	for _, mp := range p.GasMeterPoints {
		if mp.MPRN != "" {
			h.mprns = append(h.mprns, mp.MPRN)
		}
	}
	return h
}

// propertyUPRN is the UPRN of a property state holds: the address's, whoever lives
// there, so that of the first home state holds at the address (the earliest moved into,
// the first listed of those).
func propertyUPRN(w *env, p *sim.Property) string {
	first, key := p, addressKey(p.Address)
	for _, a := range w.Accounts {
		for i := range a.Properties {
			if q := &a.Properties[i]; q != first && q.OccupiedFrom < first.OccupiedFrom && addressKey(q.Address) == key {
				first = q
			}
		}
	}
	for _, a := range w.Accounts {
		for i := range a.Properties {
			if q := &a.Properties[i]; q.OccupiedFrom == first.OccupiedFrom && addressKey(q.Address) == key {
				return fake.UPRN(fake.HashStrings("property", q.ID))
			}
		}
	}
	return fake.UPRN(fake.HashStrings("property", p.ID))
}

// addressKey is an address with its case and spacing taken out, as two copies of one
// home's address compare equal.
func addressKey(a sim.Address) string {
	return dwelling{lines: addressLines(a), postcode: normalPostcode(a.Postcode)}.key()
}

// key is a dwelling's addressKey: its address with the spaces taken out.
func (h dwelling) key() string {
	return strings.ToUpper(strings.Join(strings.Fields(strings.Join(append(slices.Clone(h.lines), h.postcode), "")), ""))
}

// display is a dwelling's address on one line.
func (h dwelling) display() string {
	return strings.Join(append(slices.Clone(h.lines), h.postcode), ", ")
}

// five are a dwelling's address lines as a lookup gives them (the street first, the
// area second, the town fourth, the county fifth).
func (h dwelling) five() [5]string {
	street, locality, region := addressParts(sim.Address{Lines: h.lines})
	var five [5]string
	copy(five[:2], street)
	five[3], five[4] = locality, region
	return five
}

// addressMap is a dwelling as an AddressType.
func (h dwelling) addressMap() obj {
	kind := "DOMESTIC"
	if h.business {
		kind = "BUSINESS"
	}
	elec, gas := []any{}, []any{}
	for _, m := range h.mpans {
		elec = append(elec, obj{"mpan": m.mpan, "profileClass": m.profileClass})
	}
	for _, mprn := range h.mprns {
		gas = append(gas, obj{"mprn": mprn})
	}
	l := h.five()
	return obj{"addressKey": h.key(), "addressType": kind, "display": h.display(), "gspGroupId": "_" + gspOf(h.postcode),
		"line1": l[0], "line2": l[1], "line3": l[2], "line4": l[3], "line5": l[4], "postcode": h.postcode,
		"houseNumber": orNil(h.number), "streetName": orNil(h.street), "hasPrepaidMeters": false, // state's meters are credit meters
		"electricityMeterPoints": elec, "gasMeterPoints": gas}
}

// addresses answers addresses(postcode:): the homes at the postcode.
func addresses(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	out := []any{}
	for _, h := range homesAt(w, c.StringArg("postcode")) {
		out = append(out, h.addressMap())
	}
	return connection(w, out, c.Field.Args)
}

// addressesByPostcode answers getAddressesByPostcode(postcode:): the homes at the
// postcode with their UPRNs.
func addressesByPostcode(_ context.Context, c *sim.Call) (any, error) {
	out := []any{}
	for _, h := range homesAt(newEnv(c), c.StringArg("postcode")) {
		l := h.five()
		out = append(out, obj{"uprn": h.uprn, "addressLine1": l[0], "addressLine2": l[1], "addressLine3": l[2],
			"addressLine4": l[3], "addressLine5": l[4], "postcode": h.postcode, "display": h.display(), "addressKey": h.key()})
	}
	return out, nil
}

// uprnByMpan answers getUprnByMpan(mpan:): the UPRN of the dwelling state holds with the
// MPAN; the world's for an MPAN it does not hold.
func uprnByMpan(_ context.Context, c *sim.Call) (any, error) {
	if a, mp := newEnv(c).ElectricityMeterPoint(strings.TrimSpace(c.StringArg("mpan"))); mp != nil {
		if p := propertyOf(a, mp.ID); p != nil {
			return obj{"uprn": propertyUPRN(newEnv(c), p)}, nil
		}
	}
	return obj{}, nil
}

// meterPointsForAddress answers multipleElectricityMeterPointsForAddress(address:): the
// dwelling at the address's postcode whose street line is the address's first, and its
// MPANs when it has more than one; the address as given when no dwelling matches.
func meterPointsForAddress(_ context.Context, c *sim.Call) (any, error) {
	in, _ := c.Arg("address").(map[string]any)
	line1, postcode := strings.TrimSpace(str(in, "addressLine1")), str(in, "postcode")
	out := obj{"addressHasMoreThanOneElectricityMeterPoint": false, "electricityMeterPoints": nil,
		"addressLine1": orNil(line1), "addressLine2": orNil(strings.TrimSpace(str(in, "addressLine2"))), "postcode": orNil(strings.TrimSpace(postcode))}
	for _, h := range homesAt(newEnv(c), postcode) {
		l := h.five()
		if !strings.EqualFold(strings.Join(strings.Fields(l[0]), " "), strings.Join(strings.Fields(line1), " ")) {
			continue
		}
		out["addressLine1"], out["addressLine2"], out["postcode"] = l[0], l[1], h.postcode
		if len(h.mpans) > 1 {
			mpans := make([]any, len(h.mpans))
			for i, m := range h.mpans {
				mpans[i] = m.mpan
			}
			out["addressHasMoreThanOneElectricityMeterPoint"], out["electricityMeterPoints"] = true, mpans
		}
		break
	}
	return out, nil
}

// wanStrength is how well the DCC's network reaches a postcode's homes: HIGH at most,
// MEDIUM at some, LOW at a few (one in twenty), the same for the same postcode; a
// postcode where a home state holds has a smart meter in place is reached (not LOW).
func wanStrength(w *env, pc string) string {
	n := fake.HashStrings("wan", pc) % 20
	s := map[bool]string{true: "HIGH", false: "MEDIUM"}[n < 14]
	if n == 19 {
		s = "LOW"
		for _, a := range w.Accounts {
			for i := range a.Properties {
				if normalPostcode(a.Properties[i].Address.Postcode) == pc && homeNetwork(w, a, &a.Properties[i]) != nil {
					s = "MEDIUM"
				}
			}
		}
	}
	return s
}

// wanCoverage answers wanCoverage(postcode:): how well the network reaches the
// postcode's homes; null for a string that is no postcode.
func wanCoverage(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	pc := normalPostcode(c.StringArg("postcode"))
	if pc == "" {
		return nil, nil
	}
	return wanStrength(w, pc), nil
}

// wanCoverageDetail answers wanCoverageDetail(postcode:, addressIdentifier:): for each
// home at the postcode (the one whose UPRN is the identifier, when given), whether the
// network reaches it, by the DCC's long range radio in the north (the GSP groups of
// Scotland, the North East and the North West) or by cellular elsewhere, how likely its
// meter is to connect and the aerial it needs; on a LOW postcode every third home waits
// for coverage, which comes within a year.
func wanCoverageDetail(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	pc := normalPostcode(c.StringArg("postcode"))
	homes := homesAt(w, pc)
	strength := wanStrength(w, pc)
	tech := "Cellular"
	if slices.Contains(northernGSPs, "_"+gspOf(pc)) {
		tech = "Long Range Radio"
	}
	aerial := map[string]string{"HIGH": "None", "MEDIUM": "External aerial", "LOW": "High gain aerial"}[strength]
	id := strings.TrimSpace(c.StringArg("addressIdentifier"))
	out := []any{}
	for i, h := range homes {
		if id != "" && h.uprn != id {
			continue
		}
		covered, due := true, any(nil)
		if strength == "LOW" && i%3 == 2 {
			covered = false
			due = w.now.AddDate(0, 1+int(fake.HashStrings("wan due", h.uprn)%11), 0).In(w.zone).Format(time.DateOnly)
		}
		out = append(out, obj{"postcode": pc, "addressIdentifier": h.uprn, "isCoverageAvailable": covered, "anticipatedCoverageAt": due,
			"wanTechnology": tech, "auxiliaryEquipment": aerial, "connectivityLikelihood": strings.ToUpper(strength[:1]) + strings.ToLower(strength[1:]),
			"additionalInformation": nil})
	}
	return out, nil
}
