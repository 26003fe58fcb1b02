package accounts

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Moving home (moveOut): the account stops being the occupier of one of its properties
// on the move-out day, and pays for its supplies through that day: the property's
// occupancy and its agreements end at the end of that day, and agreements due to begin
// later are dropped. A move out of a property the account does not hold, has already
// left, or on a day before it moved in or before the day its open statement begins
// (what is billed stays billed) is KT-GB-6628 (KT-GB-6624 where the field documents that
// instead, as Octopus's does). A next home given with it
// (newProperty) joins the account from its move-in day (the move-out day or later; the
// day after, when not given), its MPANs and MPRNs registering to the account's brand
// then (KT-GB-6628 for one no MPAN or MPRN could be, or another account holds), each
// supplied from that day on the product given (with a quote of the account's offering
// it), else the product the account had for that fuel at the home it left, else the
// default variable product, and billed from then; a new tenant for the old home is not
// kept.

// codeHouseMove is the refusal of a house move Octopus's performMoveOut documents: "An
// error occurred when trying to process this house move.".
const codeHouseMove = "KT-GB-6624"

// moveOut (Octopus's performMoveOut) moves the account out of a property, and into the
// next when given.
func moveOut(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, held, err := readable(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	code := "KT-GB-6628"
	if !c.Documents(code) && c.Documents(codeHouseMove) {
		code = codeHouseMove // Octopus's SDL documents its own refusal
	}
	refuse := func(msg string, path ...any) error {
		return c.ValidationError(code, msg, append([]any{"input"}, path...)...)
	}
	date, ok := parseDate(in["moveOutDate"])
	if !ok {
		return nil, refuse("moveOutDate is no date.", "moveOutDate")
	}
	i, err := leaving(c, held, str(in, "propertyId"), date, "moveOutDate", refuse)
	if err != nil {
		return nil, err
	}
	var next *sim.Property
	if np, _ := in["newProperty"].(map[string]any); np != nil {
		if next, err = nextHome(c, held, &held.Properties[i], np, date, refuse); err != nil {
			return nil, err
		}
	}
	a := leave(c, held, i, date)
	if next != nil {
		a.Properties = append(a.Properties, *next) // before the occupier's ids are taken, so that none is the next home's
	}
	openOccupierAccount(c, a, &a.Properties[i])
	if suppliesNothing(a) {
		endSchedules(c, a, date)
	}
	return obj{"account": accountMap(newEnv(c), a)}, nil
}

// suppliesNothing reports whether the account has moved out of every supply of every
// home it holds.
func suppliesNothing(a *sim.Account) bool {
	return !slices.ContainsFunc(a.Properties, func(p sim.Property) bool { return !movedOut(&p) })
}

// movedOut reports whether the account has moved out of every supply of its home p.
func movedOut(p *sim.Property) bool {
	return p.OccupiedTo != "" && (p.MoveOut == nil || (len(p.ElectricityMeterPoints) == 0 || slices.Contains(p.MoveOut.Fuels, "ELECTRICITY")) &&
		(len(p.GasMeterPoints) == 0 || slices.Contains(p.MoveOut.Fuels, "GAS")))
}

// endSchedules ends on date the regular payments of an account that supplies nothing
// after it, dropping those yet to begin: its final bill settles what is left. A
// collection after date already on its way is still taken: the schedule ends on its day
// (takenAfter).
func endSchedules(c *sim.Call, a *sim.Account, date string) {
	a.PaymentSchedules = slices.DeleteFunc(a.PaymentSchedules, func(s sim.PaymentSchedule) bool { return s.ValidFrom > date })
	ends := make([]string, len(a.PaymentSchedules))
	for k, s := range a.PaymentSchedules {
		ends[k] = max(date, takenAfter(c, a, s, date))
	}
	for k := range a.PaymentSchedules {
		if s := &a.PaymentSchedules[k]; s.ValidTo == "" || s.ValidTo > ends[k] {
			s.ValidTo = ends[k]
		}
	}
}

// takenAfter is the day of the last collection of s after date that is already on its
// way ("" for none): of a fixed amount, one sent to the bank (due within ddSubmitDays
// working days of today); of a variable amount, one an issued statement has announced.
func takenAfter(c *sim.Call, a *sim.Account, s sim.PaymentSchedule, date string) string {
	if s.ScheduleType != "DIRECT_DEBIT" || s.PaymentDay < 1 || s.IsPaymentHoliday || !collects(s) {
		return ""
	}
	days, day, last := bankDays(c), today(c), ""
	if s.IsVariablePaymentAmount && s.PaymentAmount <= 0 {
		for _, st := range newEnv(c).statements(a) {
			issued := cmp.Or(st.IssuedDate, addDays(st.BillPeriodTo, statementIssueDays))
			if st.Historical || st.BillPeriodTo == "" || issued > day {
				continue
			}
			if col := variableCollection(a, issued); col > date && col <= cmp.Or(s.ValidTo, col) && col >= s.ValidFrom {
				if t, err := time.Parse(time.DateOnly, col); err == nil && days.Next(t).Format(time.DateOnly) >= day {
					last = max(last, col)
				}
			}
		}
		return last
	}
	start, err := time.Parse(time.DateOnly, day)
	first, err2 := time.Parse(time.DateOnly, s.ValidFrom)
	if err != nil || err2 != nil || s.PaymentAmount <= 0 {
		return ""
	}
	by := workingDaysOn(days, start, ddSubmitDays).Format(time.DateOnly)
	for n := range dueDays(s, first) {
		nominal, collect := n.Format(time.DateOnly), days.Next(n).Format(time.DateOnly) // Bacs collects on working days
		if collect > by || s.ValidTo != "" && nominal > s.ValidTo {
			break
		}
		if collect >= day && nominal >= s.ValidFrom && nominal > date && !monthTaken(a, s, n) {
			last = nominal
		}
	}
	return last
}

// leaving checks that the account can move out of its property id on date: the index
// of the property, or the refusal (dateField names the input's date).
func leaving(c *sim.Call, held *sim.Account, id, date, dateField string, refuse func(string, ...any) error) (int, error) {
	i := -1
	for k := range held.Properties {
		if held.Properties[k].ID == id {
			i = k
		}
	}
	if i < 0 {
		return 0, refuse("The account holds no property "+id+".", "propertyId")
	}
	p := held.Properties[i]
	switch {
	case p.OccupiedTo != "":
		return 0, refuse("The account moved out of property "+id+" on "+p.OccupiedTo+".", "propertyId")
	case p.OccupiedFrom != "" && date < p.OccupiedFrom:
		return 0, refuse("The account moved in on "+p.OccupiedFrom+", after "+date+".", dateField)
	}
	if open := openPeriodStart(newEnv(c), held); open != "" && date < open {
		return 0, refuse("The account is billed until "+open+"; move out on that day or later.", dateField)
	}
	return i, nil
}

// leave moves the account out of its i'th property on date: its occupancy ends then,
// its agreements the day after.
func leave(c *sim.Call, held *sim.Account, i int, date string) *sim.Account {
	a := c.Session.World().MutableAccount(held.Number)
	left := &a.Properties[i]
	left.OccupiedTo = date
	end := addDays(date, 1)
	for k := range left.ElectricityMeterPoints {
		left.ElectricityMeterPoints[k].Agreements = endAgreements(left.ElectricityMeterPoints[k].Agreements, end)
	}
	for k := range left.GasMeterPoints {
		left.GasMeterPoints[k].Agreements = endAgreements(left.GasMeterPoints[k].Agreements, end)
	}
	return a
}

// endAgreements ends a supply's agreements at end (exclusive), dropping those that
// begin there or later.
func endAgreements(ags []sim.Agreement, end string) []sim.Agreement {
	out := ags[:0]
	for _, ag := range ags {
		if ag.ValidFrom >= end {
			continue
		}
		if ag.ValidTo == "" || ag.ValidTo > end {
			ag.ValidTo = end
		}
		out = append(out, ag)
	}
	return out
}

// nextHome is the property a move out of left on moveOut names as the account's next:
// its address, from its move-in day, its supplies registering then and supplied from
// then on their products. A product chosen comes with a quote offering it: one of the
// account's, or a createQuote of the session's (the new home's, as a sign-up page
// quotes it).
func nextHome(c *sim.Call, held *sim.Account, left *sim.Property, np map[string]any, moveOut string, refuse func(string, ...any) error) (*sim.Property, error) {
	w := c.Session.World()
	postcode := strings.ToUpper(strings.TrimSpace(str(np, "postcode")))
	if !sim.IsUKPostcode(postcode) {
		return nil, refuse("The postcode "+postcode+" is not one.", "newProperty", "postcode")
	}
	var lines []string
	for _, l := range strings.FieldsFunc(str(np, "address"), func(r rune) bool { return r == ',' || r == '\n' }) {
		if l = strings.TrimSpace(l); l != "" && !strings.EqualFold(l, postcode) {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return nil, refuse("The address is empty.", "newProperty", "address")
	}
	moveIn := addDays(moveOut, 1)
	if v := strings.TrimSpace(str(np, "moveInDate")); v != "" {
		d, ok := parseDate(v)
		if !ok || d < moveOut {
			return nil, refuse("The move-in date must be on or after the move-out date.", "newProperty", "moveInDate")
		}
		moveIn = d
	}
	product := strings.TrimSpace(str(np, "productCode"))
	if product != "" {
		code := strings.TrimSpace(str(np, "quoteCode"))
		if !slices.ContainsFunc(held.EnergyQuotes, func(q sim.EnergyQuote) bool {
			return q.Code == code && slices.ContainsFunc(q.Products, func(p sim.QuotedEnergyProduct) bool { return p.ProductCode == product })
		}) && !signupQuoteOffers(c, code, product) {
			return nil, refuse("No quote with the code "+code+" offers the product "+product+".", "newProperty", "quoteCode")
		}
	}
	ids := w.IDs()
	p := &sim.Property{ID: ids.Next("property"), Address: sim.Address{Lines: lines, Postcode: postcode, CountryCode: "GB"}, OccupiedFrom: moveIn, MovedIn: true}
	agreed, variable := c.Session.Now(), variableProduct(newEnv(c), held.AccountType == "BUSINESS")
	// supplied is the agreement of a supply at the next home: on the product given, else
	// the one the account had for the fuel at the home it left, else the default.
	supplied := func(electricity bool, path ...any) (sim.Agreement, error) {
		var current []sim.Agreement
		if electricity {
			for _, mp := range left.ElectricityMeterPoints {
				current = append(current, mp.Agreements...)
			}
		} else {
			for _, mp := range left.GasMeterPoints {
				current = append(current, mp.Agreements...)
			}
		}
		i := slices.IndexFunc(current, func(ag sim.Agreement) bool { return ag.InForce(moveOut) && !exportTariff(ag.TariffCode) })
		prefix := fuelPrefix(electricity) + "1R-"
		if i >= 0 {
			prefix, _ = tariffShape(current[i].TariffCode)
		}
		region := cmp.Or(gspOf(postcode), "C")
		if product != "" {
			ag, ok := newcomerAgreement(ids, []sim.Agreement{{TariffCode: prefix + product + "-" + region}}, electricity, product, region, moveIn, agreed)
			if !ok {
				return ag, refuse("The product "+product+" does not supply the home's "+fuelOf(electricity)+" meter.", path...)
			}
			return ag, nil
		}
		if i >= 0 {
			was := current[i]
			if ag, ok := newcomerAgreement(ids, []sim.Agreement{{TariffCode: prefix + was.ProductCode + "-" + region}}, electricity, was.ProductCode, region, moveIn, agreed); ok {
				if was.ValidTo != "" && was.ValidTo > moveIn {
					ag.ValidTo = was.ValidTo // a fixed term runs on at the next home
				}
				return ag, nil
			}
		}
		ag, _ := newcomerAgreement(ids, nil, electricity, defaultProduct, region, moveIn, agreed)
		return ag, nil
	}
	for k, v := range stringList(np["mpans"]) {
		mpan := strings.TrimSpace(v)
		if !validMPAN(mpan) {
			return nil, refuse("The MPAN "+mpan+" is not one.", "newProperty", "mpans", k)
		}
		if a := supplyOccupier(w, mpan, moveIn); a != nil {
			return nil, refuse("The MPAN "+mpan+" is another account's supply.", "newProperty", "mpans", k)
		}
		ag, err := supplied(true, "newProperty", "productCode")
		if err != nil {
			return nil, err
		}
		p.ElectricityMeterPoints = append(p.ElectricityMeterPoints, sim.ElectricityMeterPoint{ID: ids.Next("meterPoint"), MPAN: mpan,
			Status: "PENDING_REGISTRATION", RegistrationStartDate: moveIn, Agreements: rollOver(ids, []sim.Agreement{ag}, ag, variable)})
	}
	for k, v := range stringList(np["mprns"]) {
		mprn := strings.TrimSpace(v)
		if !sim.IsDigits(mprn) || len(mprn) < 6 || len(mprn) > 10 {
			return nil, refuse("The MPRN "+mprn+" is not one.", "newProperty", "mprns", k)
		}
		if a := supplyOccupier(w, mprn, moveIn); a != nil {
			return nil, refuse("The MPRN "+mprn+" is another account's supply.", "newProperty", "mprns", k)
		}
		ag, err := supplied(false, "newProperty", "productCode")
		if err != nil {
			return nil, err
		}
		p.GasMeterPoints = append(p.GasMeterPoints, sim.GasMeterPoint{ID: ids.Next("meterPoint"), MPRN: mprn,
			Status: "PENDING_REGISTRATION", RegistrationStartDate: moveIn, Agreements: rollOver(ids, []sim.Agreement{ag}, ag, variable)})
	}
	return p, nil
}

// stringList reads a list of strings from an input value.
func stringList(v any) []string {
	items, _ := v.([]any)
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, _ := it.(string)
		out = append(out, s)
	}
	return out
}
