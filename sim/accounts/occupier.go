package accounts

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
)

// Occupier accounts (Octopus): a home its customer moves out of (moveOut) is supplied
// from the next day on an occupier account, "The Occupier", on the tenant's default
// product, written to at the home with the account's number; its only user is a
// placeholder. occupierAccount finds it by the home's postcode and the number's last four
// characters and answers an hour's token signing in as the placeholder, with which the
// newcomer quotes the home (requote) and claims the account (occupy): its users become
// those the input names, its supplies go on the quoted product from the day they moved
// in, and a direct debit pays it. A newcomer moving in (moveInCreateCustomer) before it
// is claimed takes the home over from it.

// maxOccupiers is how many users an occupy may name.
const maxOccupiers = 10

// occupierName is an occupier account's billing name.
const occupierName = "The Occupier"

// grantOccupy is the grant type of the token occupierAccount answers.
const grantOccupy = "OCCUPY"

// openOccupierAccount opens the occupier account of the home p an account left, from
// the day after its move out.
func openOccupierAccount(c *sim.Call, left *sim.Account, p *sim.Property) {
	if len(supplyIDs(p)) == 0 {
		return // a home we supply nothing to has no one to supply
	}
	w := c.Session.World()
	ids := w.IDs()
	from := addDays(p.OccupiedTo, 1)
	home := sim.Property{ID: ids.Next("property"), Address: p.Address, PropertyType: p.PropertyType, OccupiedFrom: from, EmbeddedNetwork: p.EmbeddedNetwork, MovedIn: true}
	if bad, _ := newcomerSupplies(c, p, &home, from, defaultProduct, func(string, bool) string { return defaultProduct }); bad != "" {
		return // no tariff of the default product supplies the home: nobody deemed
	}
	u := &sim.User{ID: ids.Next("user"), GivenName: "The", FamilyName: "Occupier"}
	u.Email = "user-" + u.ID + "@" + blackholeDomain
	a := &sim.Account{
		Number: w.NewAccountNumber("occupier", left.Number, p.ID, from), Status: "ACTIVE", AccountType: "DOMESTIC", Brand: left.Brand,
		CreatedAt: c.Session.Now().UTC(), BillingName: occupierName, BillingAddress: p.Address,
		CommsDeliveryPreference: "POSTAL", Occupier: true, Properties: []sim.Property{home},
	}
	if from > today(c) {
		a.Status = "PENDING"
	}
	a.Ledgers = []sim.Ledger{{ID: ids.Next("ledger"), Number: sim.LedgerNumber(a.Number, 0), Name: "Main Ledger", LedgerType: "GENERAL_LEDGER"}}
	u.AccountNumbers = []string{a.Number}
	w.AddUser(u)
	w.AddAccount(a)
	w.AddMessage(&sim.Message{
		To: strings.Join(append([]string{occupierName}, linesOf(p.Address)...), ", "), Subject: "Your energy supply",
		SentAt: c.Session.Now().Truncate(time.Second),
		Body: "We supply this home's energy from " + from + " on account " + a.Number + ". Tell us who you are: give your postcode and the account number's last four characters, " +
			a.Number[len(a.Number)-4:] + ", at " + link(c, "/occupier/") + ".",
		Data: map[string]string{"accountNumber": a.Number, "postcode": p.Address.Postcode},
	})
}

// unclaimedOccupier is the occupier account supplying one of the home p's supplies on
// date, not yet claimed; nil for none.
func unclaimedOccupier(w *sim.World, p *sim.Property, date string) *sim.Account {
	for _, mpxn := range supplyIDs(p) {
		if a := supplyOccupier(w, mpxn, date); a != nil && a.Occupier {
			return a
		}
	}
	return nil
}

// giveWay ends an unclaimed occupier account's supply of its home the day before a
// newcomer's move in on date; an account that would have begun supplying then is
// withdrawn.
func giveWay(c *sim.Call, occupier *sim.Account, date string) {
	a := c.Session.World().MutableAccount(occupier.Number)
	a.Occupier = false
	if a.Properties[0].OccupiedFrom >= date {
		a.Status, a.Properties = "WITHDRAWN", nil
		return
	}
	leave(c, a, 0, addDays(date, -1))
}

// occupierAccount answers occupierAccount(postcode:, shortcode:): the unclaimed
// occupier account supplying a home at the postcode whose number ends in the shortcode
// (its last four characters), the home's address, the day it began and an hour's token
// for occupy; null when none matches.
func occupierAccount(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	pc, short := normalPostcode(c.StringArg("postcode")), strings.ToUpper(strings.TrimSpace(c.StringArg("shortcode")))
	if pc == "" || len(short) != 4 {
		return nil, nil
	}
	for _, a := range w.Accounts {
		if !a.Occupier || !strings.HasSuffix(strings.ToUpper(a.Number), short) || len(a.Properties) == 0 {
			continue
		}
		p := &a.Properties[0]
		if normalPostcode(p.Address.Postcode) != pc {
			continue
		}
		var holder *sim.User
		for _, u := range c.Session.World().AccountUsers(a.Number) {
			holder = u
		}
		if holder == nil {
			return nil, nil
		}
		tok, err := c.Session.Issuer().Grant(auth.Principal{UserID: holder.ID, Email: holder.Email}, grantOccupy)
		if err != nil {
			return nil, errorf(c, "%v", err)
		}
		return obj{"account": a.Number, "address": stateHome(w, a, p, pc).display(), "date": p.OccupiedFrom, "propertyId": numericID(p.ID),
			"occupyToken": tok.Token}, nil
	}
	return nil, nil
}

// occupy claims an occupier account for the newcomers the input names (KT-GB-6622 for an
// account that is not an unclaimed occupier account the token may claim, KT-GB-6623 for
// a property it does not supply): its supplies go on the product of one of its quotes
// for the home, from the day they moved in (its first day when not given).
func occupy(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	viewer, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	w := c.Session.World()
	ro := w.Account(strings.TrimSpace(str(in, "accountNumber")))
	if ro == nil || !ro.Occupier || !viewer.CanAccess(ro.Number) {
		return nil, c.Error("KT-GB-6622")
	}
	if len(ro.Properties) == 0 || ro.Properties[0].ID != strings.TrimSpace(str(in, "propertyId")) {
		return nil, c.Error("KT-GB-6623")
	}
	refuse := func(msg string, path ...any) error {
		return c.ValidationError("KT-GB-6623", msg, append([]any{"input"}, path...)...)
	}
	home := ro.Properties[0]
	from := home.OccupiedFrom
	if v, given := in["moveInDate"]; given && v != nil {
		d, ok := parseDate(v)
		switch {
		case !ok:
			return nil, refuse("moveInDate is no date.", "moveInDate")
		case d < from:
			return nil, refuse("The account supplies the home from "+from+"; a move in before then was another's.", "moveInDate")
		case d > today(c):
			return nil, refuse("A move in to claim the account has happened; "+d+" is to come.", "moveInDate")
		}
		from = d
	}
	code, product := strings.TrimSpace(str(in, "quoteCode")), strings.TrimSpace(str(in, "productCode"))
	qi := slices.IndexFunc(ro.EnergyQuotes, func(q sim.EnergyQuote) bool { return q.Code == code && q.PropertyID == home.ID })
	if qi < 0 {
		return nil, refuse("No quote of the account's for the home has the code "+code+".", "quoteCode")
	}
	pi := slices.IndexFunc(ro.EnergyQuotes[qi].Products, func(q sim.QuotedEnergyProduct) bool { return q.ProductCode == product })
	if pi < 0 {
		return nil, refuse("The quote "+code+" offers no product "+product+".", "productCode")
	}
	day, hasDay := integer(in, "paymentDay")
	if hasDay && (day < 1 || day > 28) {
		return nil, refuse("The payment day must be between 1 and 28.", "paymentDay")
	}
	newcomers, err := occupiers(c, in, refuse)
	if err != nil {
		return nil, err
	}
	a := w.MutableAccount(ro.Number)
	var mandate *sim.PaymentInstruction
	if bank, _ := in["directDebitInstruction"].(map[string]any); bank != nil {
		m, err := bankInstruction(c, a, &a.Ledgers[0], bank, "KT-GB-6623", "input", "directDebitInstruction")
		if err != nil {
			return nil, err
		}
		mandate = &m
	}
	env := newEnv(c)
	var chosen []quotedSupply
	for _, s := range supplies(env, a, &a.Properties[0]) {
		if slices.Contains(ro.EnergyQuotes[qi].Products[pi].MeterPoints, s.mpxn) {
			chosen = append(chosen, s)
		}
	}
	putOn(c, a, chosen, product, from)
	a.EnergyQuotes[qi].AcceptedAt = c.Session.Now()
	a.Occupier = false
	first := newcomers[0]
	noteComms(w, a, c.Session.Now())
	a.BillingName, a.CommsDeliveryPreference = strings.TrimSpace(first.GivenName+" "+first.FamilyName), "EMAIL"
	if mandate != nil {
		addMandate(a, *mandate)
	}
	if mandate != nil && hasDay {
		replaceSchedule(a, sim.PaymentSchedule{ID: nextID(81700, scheduleIDs(w)), LedgerNumber: a.Ledgers[0].Number, ValidFrom: today(c),
			Reason: "GENERAL_ACCOUNT_PAYMENT", PaymentDay: day, PaymentFrequency: "Monthly", PaymentFrequencyMultiplier: 1,
			IsVariablePaymentAmount: true, ScheduleType: "DIRECT_DEBIT"})
	} else {
		// Without a direct debit the newcomer pays each statement by bank transfer, at
		// the prices Octopus charges for it, until one is set up.
		replaceSchedule(a, sim.PaymentSchedule{ID: nextID(81700, scheduleIDs(w)), LedgerNumber: a.Ledgers[0].Number, ValidFrom: home.OccupiedFrom,
			Reason: "GENERAL_ACCOUNT_PAYMENT", PaymentFrequency: "Planned", PaymentFrequencyMultiplier: 1,
			IsVariablePaymentAmount: true, ScheduleType: "BACS_TRANSFER"})
	}
	if mu := w.MutableUser(viewer.ID); mu != nil {
		mu.AccountNumbers = slices.DeleteFunc(mu.AccountNumbers, func(n string) bool { return n == a.Number })
	}
	for _, u := range newcomers {
		if known := w.User(u.ID); known != nil {
			mu := w.MutableUser(u.ID)
			mu.AccountNumbers = append(mu.AccountNumbers, a.Number)
			continue
		}
		u.AccountNumbers = []string{a.Number}
		w.AddUser(u)
		welcome(c, u, a)
	}
	return obj{"account": accountMap(env, a)}, nil
}

// occupiers are the users an occupy input names, as a sign-up's customer details name
// one (customer): a known user by their email, a new user otherwise. At least one is
// needed.
func occupiers(c *sim.Call, in map[string]any, refuse func(string, ...any) error) ([]*sim.User, error) {
	list, _ := in["users"].([]any)
	switch {
	case len(list) == 0:
		return nil, refuse("Name who lives at the home: at least one user.", "users")
	case len(list) > maxOccupiers:
		return nil, refuse(fmt.Sprintf("Name at most %d users.", maxOccupiers), "users")
	}
	var out []*sim.User
	for i, v := range list {
		m, _ := v.(map[string]any)
		u, _, _, err := customer(c, m, "KT-GB-6623", refuse, "users", i)
		if err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(out, func(o *sim.User) bool { return strings.EqualFold(o.Email, u.Email) }) {
			out = append(out, u)
		}
	}
	return out, nil
}
