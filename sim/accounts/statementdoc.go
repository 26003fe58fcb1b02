package accounts

import (
	"fmt"
	"path"
	"strconv"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/documents"
	"github.com/krakensim/krakensim/sim/fake"
)

// A statement's document: once issued, a statement with a document (StatementPath) has
// a temporaryUrl that krakensim serves (documents.Path) for an hour of the session's
// clock, a PDF made from the statement as its bill answers it.

// hasDocument reports whether a statement has a PDF: it has a document and was issued.
func hasDocument(w *env, s sim.Statement) bool {
	return s.StatementPath != "" && s.IssuedDate != "" && s.IssuedDate <= w.today() && w.sess != nil
}

// documentURL is the signed URL of a statement's PDF and when it expires; "" for a
// statement with none.
func documentURL(w *env, a *sim.Account, s sim.Statement) (string, time.Time) {
	if !hasDocument(w, s) {
		return "", time.Time{}
	}
	return w.sess.DocumentURL(documents.StatementKey(a.Number, s.ID))
}

// temporaryURL is a statement's temporaryUrl: its document's URL, or null.
func temporaryURL(w *env, a *sim.Account, s sim.Statement) any {
	u, _ := documentURL(w, a, s)
	return orNil(u)
}

// StatementDocument is what the PDF of the statement id of account shows in the
// session's state: the bill as bills answers it, its transactions oldest first; false
// when the session's world has no such account or the statement has no document.
func StatementDocument(s *sim.Session, account, id string) (*documents.Statement, bool) {
	w := sessionEnv(s)
	a := w.Account(account)
	if a == nil {
		return nil, false
	}
	all := map[string]any{"includeBillsWithoutPDF": true, "includeHistoricStatements": true}
	for _, b := range billRefs(w, a, all) {
		if b.id != id || b.statement == nil {
			continue
		}
		if !hasDocument(w, *b.statement) {
			return nil, false
		}
		return statementDocument(w, a, b), true
	}
	return nil, false
}

// statementDocument is a bill's document.
func statementDocument(w *env, a *sim.Account, b *billRef) *documents.Statement {
	n := b.node()
	tax := w.taxName()
	st := &documents.Statement{
		Filename: path.Base(b.statement.StatementPath), ID: b.id, AccountNumber: a.Number,
		BillingName: a.BillingName, Address: linesOf(a.BillingAddress),
		From: b.from, To: b.to, Issued: b.issued, Due: str(n, "paymentDueDate"),
		Currency: fake.Currency(w.zone), TaxName: tax, PreKraken: !b.closed,
	}
	if !b.closed {
		return st
	}
	num := func(v any) int { i, _ := v.(int); return i }
	charges, _ := n["totalCharges"].(obj)
	credits, _ := n["totalCredits"].(obj)
	st.Opening, st.Closing = num(n["openingBalance"]), num(n["closingBalance"])
	st.ChargesNet, st.ChargesTax, st.ChargesGross = num(charges["netTotal"]), num(charges["taxTotal"]), num(charges["grossTotal"])
	st.Credits = num(credits["grossTotal"])
	txs, _ := n["transactions"].(sim.Lazy)
	if txs == nil {
		return st
	}
	page, err := txs(map[string]any{"first": min(documents.MaxTransactions, w.maxPage), "orderBy": "POSTED_DATE_ASC"})
	if err != nil {
		return st
	}
	edges, _ := page.(map[string]any)["edges"].([]any)
	for _, e := range edges {
		t, _ := e.(map[string]any)["node"].(obj)
		amounts, _ := t["amounts"].(obj)
		kind, _ := t["__typename"].(string)
		title, _ := t["title"].(string)
		st.Transactions = append(st.Transactions, documents.Transaction{
			Date: str(t, "postedDate"), Title: title, Credit: kind == "Payment" || kind == "Credit",
			Net: num(amounts["net"]), Tax: num(amounts["tax"]), Amount: num(t["amount"]), Lines: rateLines(t, st.Currency),
		})
	}
	if total, ok := page.(map[string]any)["totalCount"].(int); ok {
		st.More = max(0, total-len(st.Transactions))
	}
	return st
}

// rateLines are a charge's use itemised by rate as its statement prints it: an Economy 7
// meter's day and night use, each with its units, its price before tax and its net
// amount before tax; none for use at one rate.
func rateLines(charge obj, currency string) []string {
	items, _ := charge["lineItems"].([]any)
	var out []string
	for _, it := range items {
		item, _ := it.(obj)
		if rate, ok := map[string]string{"CONSUMPTION_DAY": "Day", "CONSUMPTION_NIGHT": "Night"}[str(item, "itemType")]; ok {
			net, _ := strconv.ParseFloat(str(item, "netAmount"), 64)
			out = append(out, fmt.Sprintf("%s: %s %s at %sp = %s", rate, str(item, "numberOfUnits"), str(item, "settlementUnit"),
				str(item, "pricePerUnit"), documents.Money(currency, int(net))))
		}
	}
	return out
}
