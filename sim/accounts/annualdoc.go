package accounts

import (
	"strconv"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/documents"
	"github.com/krakensim/krakensim/sim/fake"
)

// An annual statement's document: its pdfUrl is a URL krakensim serves (documents.Path)
// for an hour of the session's clock, a PDF of the year made from its closed statements
// as bills answers them.

// annualURL is the signed URL of an annual statement's PDF; null outside a session.
func annualURL(w *env, a *sim.Account, y annualPeriod) any {
	if w.sess == nil {
		return nil
	}
	u, _ := w.sess.DocumentURL(documents.AnnualStatementKey(a.Number, y.id))
	return u
}

// AnnualStatementDocument is what the PDF of the annual statement id of account shows in
// the session's state; false when the session's world has no such account or the
// account no such annual statement.
func AnnualStatementDocument(s *sim.Session, account, id string) (*documents.AnnualStatement, bool) {
	w := sessionEnv(s)
	a := w.Account(account)
	if a == nil {
		return nil, false
	}
	for _, y := range annualPeriods(w, a) {
		if y.id == id {
			return annualDocument(w, a, y), true
		}
	}
	return nil, false
}

// annualDocument is the document of the year y of a's statements: those closed whose
// periods begin in it, oldest first.
func annualDocument(w *env, a *sim.Account, y annualPeriod) *documents.AnnualStatement {
	tax := w.taxName()
	st := &documents.AnnualStatement{
		Filename: "annual-statement-" + y.from[:7] + ".pdf", ID: y.id, AccountNumber: a.Number,
		BillingName: a.BillingName, Address: linesOf(a.BillingAddress),
		From: y.from, To: addDays(y.to, -1), Issued: y.to,
		Currency: fake.Currency(w.zone), TaxName: tax,
	}
	num := func(v any) int { i, _ := v.(int); return i }
	fuels := map[string]int{}
	all := map[string]any{"includeBillsWithoutPDF": true, "includeHistoricStatements": false}
	refs := billRefs(w, a, all) // newest first
	for i := len(refs) - 1; i >= 0; i-- {
		b := refs[i]
		if !b.closed || b.from < y.from || b.from >= y.to {
			continue
		}
		n := b.node()
		charges, _ := n["totalCharges"].(obj)
		credits, _ := n["totalCredits"].(obj)
		st.Statements = append(st.Statements, documents.YearStatement{
			ID: b.id, From: b.from, To: b.to, Opening: num(n["openingBalance"]), Closing: num(n["closingBalance"]),
			ChargesNet: num(charges["netTotal"]), ChargesTax: num(charges["taxTotal"]), ChargesGross: num(charges["grossTotal"]),
			Credits: num(credits["grossTotal"]),
		})
		st.Issued = max(st.Issued, b.issued)
		eachTransaction(w, n, func(t obj) {
			if t["__typename"] != "Charge" {
				return
			}
			fuel := str(t, "title")
			if t["isExport"] == true {
				fuel += " export"
			}
			k, ok := fuels[fuel]
			if !ok {
				k, fuels[fuel] = len(st.Fuels), len(st.Fuels)
				st.Fuels = append(st.Fuels, documents.FuelCharges{Fuel: fuel})
			}
			f := &st.Fuels[k]
			amounts, _ := t["amounts"].(obj)
			f.Net, f.Tax, f.Gross = f.Net+num(amounts["net"]), f.Tax+num(amounts["tax"]), f.Gross+num(amounts["gross"])
			if use, ok := t["consumption"].(obj); ok {
				q, _ := strconv.ParseFloat(str(use, "quantity"), 64)
				f.Use, f.Unit = f.Use+q, str(use, "unit")
			}
		})
	}
	return st
}

// eachTransaction calls f with each of a bill's transactions, oldest first, a page at a
// time.
func eachTransaction(w *env, n obj, f func(obj)) {
	txs, _ := n["transactions"].(sim.Lazy)
	var after any
	for txs != nil {
		args := map[string]any{"first": w.maxPage, "orderBy": "POSTED_DATE_ASC"}
		if after != nil {
			args["after"] = after
		}
		page, err := txs(args)
		if err != nil {
			return
		}
		m, _ := page.(map[string]any)
		edges, _ := m["edges"].([]any)
		for _, e := range edges {
			if t, ok := e.(map[string]any)["node"].(obj); ok {
				f(t)
			}
		}
		info, _ := m["pageInfo"].(map[string]any)
		if more, _ := info["hasNextPage"].(bool); !more {
			return
		}
		after = info["endCursor"]
	}
}
