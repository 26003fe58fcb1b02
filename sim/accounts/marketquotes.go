package accounts

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// A plan change on Origin's SDL is a quote, a choice, then the switch:
// createQuoteForAccount quotes supply points of the account, by NMI or MIRN, on the
// products on offer to each on a day (its own first) and keeps the quote;
// selectProducts marks one quoted product a supply point chose, sendQuoteSummary sends
// the quote to a recipient, and initiateProductSwitch puts the supply on a quoted
// product (one selected, where the quote's supply point has a choice), which accepts
// the quote.

// createQuoteForAccount quotes the supply points the input names (KT-CT-4645 for one not
// the account's, KT-CT-4631 for one with no tariff to quote from, KT-CT-4616 for none).
func createQuoteForAccount(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4924", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	day, ok := parseDate(in["asOf"])
	if !ok {
		return nil, c.ValidationError("KT-CT-4616", "asOf is no date.", "input", "asOf")
	}
	sups := supplies(w, a, nil)
	named, _ := in["identifiers"].([]any)
	var points []pointQuote
	for i, v := range named {
		id, _ := v.(string)
		id = strings.TrimSpace(id)
		at := slices.IndexFunc(sups, func(s quotedSupply) bool { return s.mpxn == id })
		if at < 0 {
			return nil, c.ValidationError("KT-CT-4645", "The account has no supply point "+id+".", "input", "identifiers", i)
		}
		if slices.ContainsFunc(points, func(pq pointQuote) bool { return pq.s.mpxn == id }) {
			continue
		}
		s := sups[at]
		pq := pointQuote{s: s, products: s.offered(w, offerCodes(s.ag.ProductCode, s.prefix, s.home), day)}
		if len(pq.products) == 0 {
			return nil, c.ValidationError("KT-CT-4631", "The supply point "+id+" has no tariff to quote from.", "input", "identifiers", i)
		}
		points = append(points, pq)
	}
	if len(points) == 0 {
		return nil, c.ValidationError("KT-CT-4616", "Name at least one supply point to quote.", "input", "identifiers")
	}
	ids := c.Session.World().IDs()
	quote := sim.EnergyQuote{CreatedAt: c.Session.Now().UTC().Truncate(time.Second)}
	for _, pq := range points {
		for _, code := range pq.products {
			quote.Products = append(quote.Products, sim.QuotedEnergyProduct{ID: ids.Next("quotedProduct"), ProductCode: code, MeterPoints: []string{pq.s.mpxn}})
		}
	}
	quote.Code = quoteCode(quote.Products[0].ID)
	a.AddEnergyQuote(quote)
	return obj{"quoteRequest": marketQuoteMap(w, a, quote)}, nil
}

// marketQuoteMap is a kept quote as a MarketSupplyQuoteRequestType: its supply points,
// each with its quoted products and their prices for the supply's last year.
func marketQuoteMap(w *env, a *sim.Account, q sim.EnergyQuote) obj {
	var points []any
	for _, s := range supplies(w, a, nil) {
		var products []any
		for _, qp := range q.Products {
			if qp.MeterPoints[0] != s.mpxn {
				continue
			}
			annual := s.cost(w, qp.ProductCode)
			ag := sim.Agreement{ProductCode: qp.ProductCode, TariffCode: s.tariff(qp.ProductCode), ValidFrom: w.today()}
			params, _ := json.Marshal(map[string]any{"annualAmount": annual, "monthlyAmount": int(math.Round(float64(annual) / 12)), "annualConsumption": math.Round(s.kwh)})
			products = append(products, obj{"id": qp.ID, "wasSelected": qp.Selected, "product": agreementProduct(w, ag, s.electricity), "clientParams": string(params)})
		}
		if len(products) == 0 {
			continue // a supply the quote is not for
		}
		points = append(points, obj{"marketName": ausMarket(s.electricity), "id": s.mpID, "identifier": s.mpxn, "clientParams": "{}",
			"supplyPoint":    supplyPoint(w, a, s.point(), s.mpID, s.electricity),
			"quotedProducts": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, products, args) })})
	}
	return obj{
		"code": q.Code, "requestedAt": dateTime(q.CreatedAt, w.zone), "acceptedAt": dateTime(q.AcceptedAt, w.zone),
		"quotedSupplyPoints": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, points, args) }),
		"termsAndConditions": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) }),
	}
}

// viewersQuote finds a quote by code on an account the viewer may change.
func viewersQuote(c *sim.Call, code string) (*sim.Account, *sim.EnergyQuote) {
	held, i, err := viewersEntry(c, func(a *sim.Account) []sim.EnergyQuote { return a.EnergyQuotes }, func(q sim.EnergyQuote) bool { return code != "" && q.Code == code })
	if err != nil || held == nil {
		return nil, nil
	}
	a := c.Session.World().MutableAccount(held.Number)
	return a, &a.EnergyQuotes[i]
}

// selectProducts marks the quoted products a customer chose, one a supply point
// (KT-CT-4619, 4626, 4634, 4635, 4646).
func selectProducts(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	if _, _, err := c.Viewer(); err != nil {
		return nil, err
	}
	code := strings.TrimSpace(str(in, "quoteCode"))
	_, q := viewersQuote(c, code)
	if q == nil {
		return nil, c.ValidationError("KT-CT-4619", "No quote of the viewer's has the code "+code+".", "input", "quoteCode")
	}
	list, _ := in["selectedQuotedProductIds"].([]any)
	if len(list) == 0 {
		return nil, c.ValidationError("KT-CT-4626", "Select a quoted product.", "input", "selectedQuotedProductIds")
	}
	chosen := map[string]string{} // supply point → quoted product
	for i, v := range list {
		id := str(map[string]any{"id": v}, "id")
		k := slices.IndexFunc(q.Products, func(qp sim.QuotedEnergyProduct) bool { return qp.ID == id })
		if k < 0 {
			return nil, c.ValidationError("KT-CT-4634", "Quote "+code+" has no quoted product "+id+".", "input", "selectedQuotedProductIds", i)
		}
		mpxn := q.Products[k].MeterPoints[0]
		if prev, ok := chosen[mpxn]; ok && prev != id {
			return nil, c.ValidationError("KT-CT-4646", "Quoted products "+prev+" and "+id+" are both for supply point "+mpxn+".", "input", "selectedQuotedProductIds", i)
		}
		chosen[mpxn] = id
	}
	if partial, _ := in["partial"].(bool); !partial {
		for _, qp := range q.Products {
			if _, ok := chosen[qp.MeterPoints[0]]; !ok {
				return nil, c.ValidationError("KT-CT-4635", "Select a quoted product for supply point "+qp.MeterPoints[0]+" too, or select partially.", "input", "selectedQuotedProductIds")
			}
		}
	}
	for k := range q.Products {
		if id, ok := chosen[q.Products[k].MeterPoints[0]]; ok {
			q.Products[k].Selected = q.Products[k].ID == id
		}
	}
	return obj{"success": true}, nil
}

// sendQuoteSummary sends a quote's products and prices to its recipient, by email, else
// by text (KT-CT-4619, KT-CT-4178, KT-CT-4632).
func sendQuoteSummary(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	if _, _, err := c.Viewer(); err != nil {
		return nil, err
	}
	if n := str(in, "accountNumber"); n != "" && c.Session.World().Account(n) == nil {
		return nil, c.ValidationError("KT-CT-4178", "No account has the number "+n+".", "input", "accountNumber")
	}
	code := strings.TrimSpace(str(in, "quoteCode"))
	a, q := viewersQuote(c, code)
	if q == nil || str(in, "accountNumber") != "" && a.Number != str(in, "accountNumber") {
		return nil, c.ValidationError("KT-CT-4619", "No quote of the account's has the code "+code+".", "input", "quoteCode")
	}
	r, _ := in["recipient"].(map[string]any)
	email, mobile := strings.TrimSpace(str(r, "email")), strings.TrimSpace(str(r, "mobile"))
	to := email
	switch {
	case email != "" && !validEmail(email):
		return nil, c.ValidationError("KT-CT-4632", "The recipient's email is not an address.", "input", "recipient", "email")
	case email == "" && !phoneNumber(mobile):
		return nil, c.ValidationError("KT-CT-4632", "Give the recipient's email or a mobile number of 7 to 15 digits.", "input", "recipient")
	case email == "":
		to = mobile
	}
	w := newEnv(c)
	var lines []string
	for _, s := range supplies(w, a, nil) {
		for _, qp := range q.Products {
			if qp.MeterPoints[0] == s.mpxn {
				name, _ := productNames(w, qp.ProductCode)
				lines = append(lines, fmt.Sprintf("%s: %s, %d a year", s.mpxn, name, s.cost(w, qp.ProductCode)))
			}
		}
	}
	name := strings.TrimSpace(str(r, "givenName") + " " + str(r, "familyName"))
	c.Session.World().AddMessage(&sim.Message{
		To: to, Subject: "Your quote " + q.Code, SentAt: c.Session.Now().UTC(),
		Body: fmt.Sprintf("Hi %s,\n\nHere is quote %s for account %s:\n%s", cmp.Or(name, "there"), q.Code, a.Number, strings.Join(lines, "\n")),
		Data: map[string]string{"accountNumber": a.Number, "quoteCode": q.Code},
	})
	return obj{"success": true}, nil
}
