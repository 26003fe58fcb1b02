package accounts

import (
	"cmp"
	"context"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// product is one line of the goods catalogue.
type product struct {
	id, code string
	price    int // pence
}

// catalogue lists the goods on sale, the same for every user: what a quote names
// never adds to it.
func catalogue() []product {
	return []product{
		{"7", "SMART-THERMOSTAT", 14900},
		{"12", "EV-CHARGER-INSTALL", 20000},
		{"15", "HOME-BATTERY", 450000},
		{"21", "SMART-PLUG", 1999},
		{"31", "COSY-6", 800000},
		{"32", "COSY-9", 900000},
		{"33", "COSY-12", 1000000},
	}
}

// findProduct is the catalogue's product with an id or a code; false for none.
func findProduct(id, code string) (product, bool) {
	for _, p := range catalogue() {
		if id != "" && p.id == id || code != "" && strings.EqualFold(p.code, code) {
			return p, true
		}
	}
	return product{}, false
}

func quoteIDs(w *sim.World) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, q := range w.GoodsQuotes {
			if q != nil && !yield(q.ID) {
				return
			}
		}
	}
}

func purchaseIDs(w *sim.World) iter.Seq[string] {
	return accountIDs(w, func(a *sim.Account) []sim.GoodsPurchase { return a.GoodsPurchases }, func(p *sim.GoodsPurchase) string { return p.ID })
}

// maxGoodsNet is the most a goods quote or purchase comes to before tax, in the
// currency's sub-unit: a million pounds (or dollars), far beyond a household's order, so
// that its amounts, and the balance of the account that buys it, stay GraphQL Ints.
const maxGoodsNet = 100_000_000

// goodsRefund is the reason of the credit that takes back part of a goods purchase.
const goodsRefund = "GOODS_REFUND"

// newQuote prices the products to quote: all in the tenant's currency (KT-CT-8202),
// each a catalogue product, in positive numbers and no more than maxGoodsNet in all
// (unquotable, the code the field documents for it: KT-CT-8205 for createGoodsQuote,
// KT-CT-8202 without an account). A price per unit given (ProductToQuoteInput's, in
// the currency's sub-unit) prices that quote only; the catalogue prices the rest.
func newQuote(c *sim.Call, account string, in map[string]any, unquotable string) (*sim.GoodsQuote, error) {
	w := c.Session.World()
	items := list(in, "productsToQuote")
	if len(items) == 0 {
		return nil, c.ValidationError(unquotable, "Give at least one product to quote.", "input", "productsToQuote")
	}
	currency := fake.Currency(c.Session.Zone())
	q := &sim.GoodsQuote{ID: nextID(101, quoteIDs(w)), AccountNumber: account, QuotedAt: c.Session.Now().UTC()}
	for i, it := range items {
		if cur := strings.ToUpper(strings.TrimSpace(str(it, "currency"))); cur != currency {
			return nil, c.ValidationError("KT-CT-8202", "Goods are sold in "+currency+" only.", "input", "productsToQuote", i, "currency")
		}
		id := str(it, "productId")
		units, _ := integer(it, "numberOfUnits")
		p, known := findProduct(id, "")
		price, priced := integer(it, "pricePerUnit")
		if !priced {
			price = p.price
		}
		if !known || units <= 0 || price < 0 {
			return nil, c.ValidationError(unquotable, "Product "+id+" cannot be quoted.", "input", "productsToQuote", i)
		}
		if price > maxGoodsNet || units > maxGoodsNet || units*price > maxGoodsNet-q.TotalNetAmount {
			return nil, c.ValidationError(unquotable, "A quote comes to no more than "+itoa(maxGoodsNet)+" before tax.", "input", "productsToQuote", i, "numberOfUnits")
		}
		q.Products = append(q.Products, sim.QuotedGoods{ProductID: id, Code: p.code, NumberOfUnits: units, PricePerUnit: price})
		q.TotalNetAmount += units * price
	}
	suffix := "QUOTE"
	if account != "" {
		suffix = strings.TrimPrefix(account, "A-")
	}
	q.Code = "GQ-" + suffix + "-" + q.ID
	w.AddGoodsQuote(q)
	return q, nil
}

// createGoodsQuote prices goods for one of the viewer's accounts.
func createGoodsQuote(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	q, err := newQuote(c, a.Number, in, "KT-CT-8205")
	if err != nil {
		return nil, err
	}
	return obj{"goodsQuote": quoteMap(q, c.Session.Now(), c.Session.Zone())}, nil
}

// createGoodsQuoteWithoutAccount prices goods for a prospective customer.
func createGoodsQuoteWithoutAccount(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	profile, _ := in["customerProfile"].(map[string]any)
	if !validEmail(str(profile, "email")) {
		return nil, c.ValidationError("KT-CT-8202", "Enter a valid email address.", "input", "customerProfile", "email")
	}
	q, err := newQuote(c, "", in, "KT-CT-8202")
	if err != nil {
		return nil, err
	}
	return obj{"goodsQuote": quoteMap(q, c.Session.Now(), c.Session.Zone())}, nil
}

// acceptGoodsQuote turns a quote into a purchase on the account. Unknown quotes are
// KT-CT-8201; quotes already accepted, for another account or expired KT-CT-8224.
func acceptGoodsQuote(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, a, err := owned(c, str(in, "accountNumber"), "KT-CT-8223", "")
	if err != nil {
		return nil, err
	}
	w := c.Session.World()
	id := str(in, "quoteId")
	var q *sim.GoodsQuote
	for _, x := range w.GoodsQuotes {
		if x != nil && x.ID == id {
			q = x
		}
	}
	switch {
	case q == nil, q.AccountNumber != "" && !u.CanAccess(q.AccountNumber):
		return nil, c.Error("KT-CT-8201")
	case q.Accepted, q.AccountNumber != "" && q.AccountNumber != a.Number:
		return nil, c.ValidationError("KT-CT-8224", "The quote has already been accepted or belongs to another account.", "input", "quoteId")
	case quoteExpired(q, c.Session.Now()):
		return nil, c.ValidationError("KT-CT-8224", "The quote has expired.", "input", "quoteId")
	}
	q = w.MutableGoodsQuote(q.ID)
	q.Accepted, q.AccountNumber = true, a.Number
	p := sim.GoodsPurchase{
		ID: nextID(1, purchaseIDs(w)), QuoteID: q.ID, ClientParams: str(in, "clientParams"), MarketParams: str(in, "marketParams"),
	}
	for _, g := range q.Products {
		p.Items = append(p.Items, sim.GoodsSaleItem{ProductCode: g.Code, NumberOfUnits: g.NumberOfUnits, PricePerUnit: g.PricePerUnit})
	}
	return obj{"goodsPurchase": purchaseMap(a, addPurchase(c, a, p), c.Session.Zone())}, nil
}

// addPurchase adds a purchase to the account, charging its gross total to the ledger it
// names that day.
func addPurchase(c *sim.Call, a *sim.Account, p sim.GoodsPurchase) *sim.GoodsPurchase {
	p.Code = "GP-" + strings.TrimPrefix(a.Number, "A-") + "-" + p.ID
	l := ledgerFor(a, "")
	if l != nil {
		p.LedgerNumber = l.Number
	}
	if gross := purchaseGross(p.Items, c.Session.Zone()); gross > 0 {
		p.ChargeID = post(c, a, l, gross, "CHARGE", "GOODS_PURCHASE", "Goods purchase "+p.Code)
	}
	a.GoodsPurchases = append(a.GoodsPurchases, p)
	return &a.GoodsPurchases[len(a.GoodsPurchases)-1]
}

// itemGross is what a sale item costs with the goods' tax, in pence.
func itemGross(it sim.GoodsSaleItem, zone *time.Location) int {
	return int(float64(it.PricePerUnit*it.NumberOfUnits)/100*fake.GoodsTax(zone)*100 + 0.5)
}

// purchaseGross is what a purchase's items cost with tax, in pence: the sum of its
// items' gross amounts, as goodsSaleItems lists them.
func purchaseGross(items []sim.GoodsSaleItem, zone *time.Location) int {
	sum := 0
	for _, it := range items {
		sum += itemGross(it, zone)
	}
	return sum
}

// saleItems reads catalogue products and positive unit counts, no more than maxGoodsNet
// in all (KT-CT-8206).
func saleItems(c *sim.Call, in map[string]any) ([]sim.GoodsSaleItem, error) {
	items := list(in, "saleItems")
	if len(items) == 0 {
		return nil, c.ValidationError("KT-CT-8206", "Give at least one sale item.", "input", "saleItems")
	}
	var out []sim.GoodsSaleItem
	total := 0
	for i, it := range items {
		p, ok := findProduct("", str(it, "productCode"))
		units, _ := integer(it, "numberOfUnits")
		if !ok || units <= 0 {
			return nil, c.ValidationError("KT-CT-8206", "Unknown product or number of units.", "input", "saleItems", i)
		}
		if units > maxGoodsNet || units*p.price > maxGoodsNet-total {
			return nil, c.ValidationError("KT-CT-8206", "A purchase comes to no more than "+itoa(maxGoodsNet)+" before tax.", "input", "saleItems", i, "numberOfUnits")
		}
		total += units * p.price
		out = append(out, sim.GoodsSaleItem{ProductCode: p.code, NumberOfUnits: units, PricePerUnit: p.price})
	}
	return out, nil
}

// createGoodsPurchase buys catalogue goods on the account.
func createGoodsPurchase(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-1131", "")
	if err != nil {
		return nil, err
	}
	items, err := saleItems(c, in)
	if err != nil {
		return nil, err
	}
	p := sim.GoodsPurchase{
		ID: nextID(1, purchaseIDs(c.Session.World())), Items: items,
		ClientParams: str(in, "clientParams"), MarketParams: str(in, "marketParams"),
	}
	return obj{"goodsPurchase": purchaseMap(a, addPurchase(c, a, p), c.Session.Zone())}, nil
}

// updateActivePurchase replaces the items of an active purchase, found by id or code,
// charging (or crediting back) the difference in its gross total on its ledger that day.
func updateActivePurchase(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	id := str(in, "purchaseId")
	for i := range a.GoodsPurchases {
		p := &a.GoodsPurchases[i]
		if p.ID != id && p.Code != id {
			continue
		}
		if p.Inactive {
			return nil, c.Error("KT-CT-8226")
		}
		items, err := saleItems(c, in)
		if err != nil {
			return nil, err
		}
		zone := c.Session.Zone()
		switch diff := purchaseGross(items, zone) - purchaseGross(p.Items, zone); {
		case diff > 0:
			post(c, a, ledgerFor(a, p.LedgerNumber), diff, "CHARGE", "GOODS_PURCHASE", "Goods purchase "+p.Code+" changed")
		case diff < 0:
			credit(c, a, ledgerFor(a, p.LedgerNumber), -diff, goodsRefund, "Goods purchase "+p.Code+" changed")
		}
		p.Items = items
		if v, ok := strPtr(in, "clientParams"); ok {
			p.ClientParams = v
		}
		if v, ok := strPtr(in, "marketParams"); ok {
			p.MarketParams = v
		}
		return obj{"goodsPurchase": purchaseMap(a, p, c.Session.Zone())}, nil
	}
	return nil, c.Error("KT-CT-8225")
}

// shareGoodsQuote sends a quote of the viewer's to an email address.
func shareGoodsQuote(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	email := strings.TrimSpace(str(in, "email"))
	if !validEmail(email) {
		return nil, c.ValidationError("KT-CT-4122", "Enter a valid email address.", "input", "email")
	}
	code := str(in, "quoteCode")
	for _, q := range c.Session.World().GoodsQuotes {
		if q == nil || !strings.EqualFold(q.Code, code) || q.AccountNumber != "" && !u.CanAccess(q.AccountNumber) {
			continue
		}
		q = c.Session.World().MutableGoodsQuote(q.ID)
		q.SharedWith = append(q.SharedWith, email)
		id, _ := strconv.Atoi(q.ID)
		c.Session.World().AddMessage(&sim.Message{
			To: email, Subject: "A quote shared with you", SentAt: c.Session.Now().Truncate(time.Second),
			Body: cmp.Or(u.GivenName, "A customer") + " shared goods quote " + q.Code + " with you: " + link(c, "/quotes/"+q.Code+"/"),
			Data: map[string]string{"quoteCode": q.Code},
		})
		return obj{"share": obj{"id": id*1000 + len(q.SharedWith)}}, nil
	}
	return nil, c.Error("KT-CT-8203")
}

// quoteFollowUpDelay is how long after it is asked a quote's follow-up is sent.
const quoteFollowUpDelay = 24 * time.Hour

// scheduleQuoteFollowUp schedules a reminder of a goods quote to a recipient, sent a
// day later, by email or, without one, by text: KT-CT-4619 for a code no quote has (or,
// with an account number, that account has not), KT-CT-4632 for a recipient with
// neither a usable email nor a mobile number, or both.
func scheduleQuoteFollowUp(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	code, number := strings.TrimSpace(str(in, "quoteCode")), strings.TrimSpace(str(in, "accountNumber"))
	var quote *sim.GoodsQuote
	for _, q := range c.Session.World().GoodsQuotes {
		if q != nil && code != "" && strings.EqualFold(q.Code, code) && (number == "" || q.AccountNumber == number) {
			quote = q
		}
	}
	if quote == nil {
		return nil, c.Error("KT-CT-4619")
	}
	r, _ := in["recipient"].(map[string]any)
	email, mobile := strings.TrimSpace(str(r, "email")), strings.TrimSpace(str(r, "mobile"))
	if (email == "") == (mobile == "") || email != "" && !validEmail(email) || mobile != "" && !phoneNumber(mobile) {
		return nil, c.ValidationError("KT-CT-4632", "Give the recipient a valid email or a mobile number, not both.", "input", "recipient")
	}
	at := c.Session.Now().Truncate(time.Second).Add(quoteFollowUpDelay)
	c.Session.World().AddMessage(&sim.Message{
		To: email + mobile, Subject: "Your quote " + quote.Code, SentAt: at,
		Body: "Hi " + cmp.Or(str(r, "givenName"), "there") + ", your quote " + quote.Code + " is waiting: " + link(c, "/quotes/"+quote.Code+"/"),
		Data: map[string]string{"quoteCode": quote.Code, "scheduledFor": at.Format(time.RFC3339)},
	})
	return obj{"success": true}, nil
}

// heatPumpGrant is the Boiler Upgrade Scheme's grant a heat pump's quote takes off.
const heatPumpGrant = 750000

// heatPumps are the catalogue's heat pumps, by product id.
var heatPumps = map[string]bool{"31": true, "32": true, "33": true}

// createHeatPumpGoodsQuote quotes an Octopus Cosy heat pump for a home, less the Boiler
// Upgrade Scheme grant, kept as a goods quote (of the viewer's account when it names
// one) that acceptGoodsQuote takes: KT-CT-8205 for a product that is no heat pump or a
// home one cannot be fitted to (an upper-floor flat, no outdoor space), KT-CT-8202 for
// contact details that are not.
func createHeatPumpGoodsQuote(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	account := strings.TrimSpace(str(in, "accountNumber"))
	if account != "" {
		if _, _, err := readable(c, account, codeUnauthorized, ""); err != nil {
			return nil, err
		}
	}
	w := c.Session.World()
	id := strconv.Itoa(intOr(in, "productId", 0))
	p, known := findProduct(id, "")
	if !known || !heatPumps[id] {
		return nil, c.ValidationError("KT-CT-8205", "Product "+id+" is no heat pump.", "input", "productId")
	}
	home, _ := in["propertyDetails"].(map[string]any)
	switch {
	case str(home, "propertyType") == "FLAT":
		return nil, c.ValidationError("KT-CT-8205", "A heat pump is fitted outdoors: an upper-floor flat has nowhere for one.", "input", "propertyDetails", "propertyType")
	case home["hasOutdoorSpaceForHeatPump"] == false:
		return nil, c.ValidationError("KT-CT-8205", "A heat pump needs outdoor space.", "input", "propertyDetails", "hasOutdoorSpaceForHeatPump")
	}
	contact, _ := in["contactDetails"].(map[string]any)
	addr, _ := in["addressDetails"].(map[string]any)
	switch {
	case !validEmail(strings.TrimSpace(str(contact, "email"))):
		return nil, c.ValidationError("KT-CT-8202", "Enter a valid email address.", "input", "contactDetails", "email")
	case !phoneLike(str(contact, "phone")):
		return nil, c.ValidationError("KT-CT-8202", "Enter a valid phone number.", "input", "contactDetails", "phone")
	case !sim.IsUKPostcode(strings.ToUpper(strings.TrimSpace(str(addr, "postcode")))):
		return nil, c.ValidationError("KT-CT-8202", "Enter a valid UK postcode.", "input", "addressDetails", "postcode")
	}
	q := &sim.GoodsQuote{ID: nextID(101, quoteIDs(w)), AccountNumber: account, QuotedAt: c.Session.Now().UTC(),
		Products: []sim.QuotedGoods{{ProductID: id, Code: p.code, NumberOfUnits: 1, PricePerUnit: p.price - heatPumpGrant}}}
	q.TotalNetAmount = q.Products[0].PricePerUnit
	q.Code = "GQ-" + cmp.Or(strings.TrimPrefix(account, "A-"), "QUOTE") + "-" + q.ID
	w.AddGoodsQuote(q)
	echo := func(m map[string]any, keys ...string) obj {
		out := obj{}
		for _, k := range keys {
			out[k] = orNil(sim.Clip(strings.TrimSpace(str(m, k)), 200))
		}
		return out
	}
	n, _ := strconv.Atoi(q.ID)
	return obj{"quote": obj{
		"accountNumber": orNil(account), "code": q.Code, "quoteId": n,
		"quotedProduct":  obj{"product": p.code, "numberOfUnits": 1, "pricePerUnit": q.Products[0].PricePerUnit, "netAmount": q.TotalNetAmount, "currency": "GBP"},
		"contactDetails": echo(contact, "firstName", "lastName", "email", "phone"),
		"addressDetails": echo(addr, "uprn", "addressLine1", "addressLine2", "addressLine3", "addressLine4", "addressLine5", "postcode"),
	}}, nil
}
