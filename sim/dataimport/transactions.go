package dataimport

import (
	"fmt"
	"math/big"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Statuses of an imported transaction.
const (
	TransactionAdded         = "TRANSACTION_ADDED_TO_ACCOUNT"
	TransactionAlreadyExists = "TRANSACTION_ALREADY_EXISTS"
	TransactionImportError   = "TRANSACTION_IMPORT_ERROR"
)

// Messages of the transaction checks.
const (
	msgOutsidePeriod  = "Transaction is not within the open statement period."
	msgInFuture       = "Transaction date cannot be in the future."
	msgDuplicateTxID  = "Transaction IDs must be unique: %q is given more than once."
	msgEndBeforeStart = "end_date must not be before start_date."
	msgNetAmount      = "net_amount %s does not equal number_of_units × price_per_unit (%s)."
	msgTaxAmount      = "amount %s does not equal value_taxed × rate (%s)."
	msgOneRateSpec    = "Give exactly one of rate_band, rate_specification_code and time_series_specification_code."
	movedDescription  = "Imported with date %s, outside the open statement period that starts on %s; added on %s instead."
	movedNoteBody     = "Transaction %s was dated %s, before the open statement period (from %s), so it was added on %s."
)

// Enumerations of the transaction fields.
var (
	paymentTypes = []string{
		"DD_FIRST_COLLECTION", "DD_REGULAR_COLLECTION", "DD_RE_PRESENTATION", "DD_FINAL_COLLECTION",
		"CREDIT_CARD", "DEBIT_CARD", "CHEQUE", "BACS_DEPOSIT", "ALLPAY_CASH", "ALLPAY_CARD",
		"ALLPAY_CHEQUE", "PAYPOINT_CASH", "PAYPOINT_CARD", "PAYPOINT_CHEQUE", "DCA_COLLECTION",
		"BRISTOL_POUND", "CASH", "FUEL_DIRECT", "BPAY", "AUSTRALIA_POST", "HEEA", "HEEAS",
		"CENTREPAY", "EAPA_VOUCHER", "URGS", "BPOINT", "EFT", "ERRONEOUS_PAYMENT", "PAYZONE",
		"POST_OFFICE_CASH", "POST_OFFICE_CARD", "POST_OFFICE_CHEQUE", "POST_OFFICE_SAVINGS_STAMPS",
		"KONBINI", "",
	}
	repaymentTypes = []string{"DIRECT_CREDIT", "CARD_REFUND", "BACS", "CHEQUE", "BPAY", ""}
)

// txIn is one validated transaction of a payload.
type txIn struct {
	tx sim.Transaction
	// data is the transaction as the answer echoes it.
	data map[string]any
}

// readTransaction validates one transaction object, past what the OpenAPI document's
// Transaction schema states (which the caller has checked): the rules between its
// fields and the session's date. It is shared with the account import's ledgers.
// Nested list errors are keyed by index, as this endpoint answers.
func readTransaction(f *form, today string) txIn {
	var in txIn
	data := map[string]any{}
	t := &in.tx
	typ, typeOK := f.str("type", strOpt{})
	t.Type = typ
	t.ImportID, _ = f.str("transaction_id", strOpt{})
	t.Date, _ = f.date("transaction_date", true, false)
	if t.Date != "" && t.Date > today {
		f.fail("transaction_date", msgInFuture)
	}
	if amt, ok := f.decimal("amount", true, money); ok {
		t.Amount = int(amt.minorUnits())
		data["amount"] = amt.String(2)
	}
	opt := strOpt{blank: true, nullable: true}
	t.Reason, _ = f.str("reason", strOpt{nullable: true})
	t.DisplayNote, _ = f.str("display_note", opt)
	t.Note, _ = f.str("note", opt)
	t.Reference, _ = f.str("reference", opt)
	billingDoc, _ := f.str("billing_document_identifier", opt)
	prepaySerial, _ := f.str("to_prepay_meter_serial_number", opt)

	var lines, taxes []any
	switch typ {
	case "PAYMENT":
		t.PaymentType, _ = f.choice("payment_type", false, paymentTypes)
	case "REPAYMENT":
		t.PaymentType, _ = f.choice("payment_type", false, repaymentTypes)
	case "SUPPLY_CHARGE":
		t.ProductCode, _ = f.str("product_code", strOpt{required: true})
		supplyPoint, _ := f.str("supply_point_identifier", opt)
		if supplyPoint != "" {
			data["supply_point_identifier"] = supplyPoint
		}
		lines = readLineItems(f)
		taxes = readTaxItems(f)
	case "CHARGE":
		taxes = readTaxItems(f)
	}
	if !typeOK || !f.ok() {
		return in
	}
	data["transaction_id"] = t.ImportID
	data["transaction_date"] = t.Date
	data["type"] = t.Type
	for k, v := range map[string]string{
		"reason": t.Reason, "reference": t.Reference, "payment_type": t.PaymentType,
		"display_note": t.DisplayNote, "note": t.Note, "product_code": t.ProductCode,
		"billing_document_identifier": billingDoc, "to_prepay_meter_serial_number": prepaySerial,
	} {
		if v != "" {
			data[k] = v
		}
	}
	if lines != nil {
		data["line_items"] = lines
	}
	if taxes != nil {
		data["tax_items"] = taxes
	}
	in.data = data
	return in
}

// readLineItems validates a supply charge's line_items and returns them normalised.
func readLineItems(f *form) []any {
	out, ok := eachItem(f, "line_items", listOpt{required: true, byIndex: true}, func(_ int, lf *form) any {
		item := map[string]any{}
		start, sOK := lf.date("start_date", true, false)
		end, eOK := lf.date("end_date", true, false)
		if sOK && eOK && end < start {
			lf.fail("end_date", msgEndBeforeStart)
		}
		item["start_date"], item["end_date"] = start, end
		units, uOK := lf.decimal("number_of_units", true, units4)
		net, nOK := lf.decimal("net_amount", true, money)
		price, pOK := lf.decimal("price_per_unit", false, price7)
		if uOK {
			item["number_of_units"] = units.String(4)
		}
		if nOK {
			item["net_amount"] = net.String(2)
		}
		if pOK {
			item["price_per_unit"] = price.String(7)
			if uOK && nOK {
				want := new(big.Rat).Mul(units.rat(), price.rat())
				if !near(net.rat(), want) {
					lf.fail("net_amount", fmt.Sprintf(msgNetAmount, net.String(2), want.FloatString(2)))
				}
			}
		}
		specs := 0
		for _, k := range []string{"rate_band", "rate_specification_code", "time_series_specification_code"} {
			if s, ok := lf.str(k, strOpt{nullable: true}); ok {
				item[k] = s
				specs++
			}
		}
		if specs != 1 && lf.ok() {
			lf.nonField(msgOneRateSpec)
		}
		for _, k := range []string{"external_rate_identifier", "network_tariff_distributor_code", "network_tariff_rate_code", "network_tariff_tariff_code"} {
			if s, ok := lf.str(k, strOpt{blank: true, nullable: true}); ok && s != "" {
				item[k] = s
			}
		}
		if ul, ok := lf.list("units", false, false); ok {
			vals := make([]string, 0, len(ul))
			ue := indexErrors{}
			for j, u := range ul {
				d, msg := readDecimal(u, units4)
				if msg != "" {
					ue[fmt.Sprint(j)] = []string{msg}
					continue
				}
				vals = append(vals, d.String(4))
			}
			if len(ue) > 0 {
				lf.nest("units", map[string]any(ue))
			} else {
				item["units"] = vals
			}
		}
		item["params"] = readParams(lf)
		return item
	})
	if ok && out == nil {
		out = []any{} // an empty list is echoed, not left out
	}
	return out
}

// readTaxItems validates tax_items and returns them normalised.
func readTaxItems(f *form) []any {
	out, ok := eachItem(f, "tax_items", listOpt{byIndex: true}, func(_ int, tf *form) any {
		item := map[string]any{}
		amt, aOK := tf.decimal("amount", true, money)
		rate, rOK := tf.decimal("rate", true, rate5)
		taxed, vOK := tf.decimal("value_taxed", true, rate5)
		item["tax_type"], _ = tf.str("tax_type", strOpt{})
		unit, uOK := tf.str("unit_type", strOpt{})
		item["unit_type"] = unit
		if aOK {
			item["amount"] = amt.String(2)
		}
		if rOK {
			item["rate"] = rate.String(5)
		}
		if vOK {
			item["value_taxed"] = taxed.String(5)
		}
		if aOK && rOK && vOK && uOK && unit == "PROPORTION" {
			want := new(big.Rat).Mul(taxed.rat(), rate.rat())
			if !near(amt.rat(), want) {
				tf.fail("amount", fmt.Sprintf(msgTaxAmount, amt.String(2), want.FloatString(2)))
			}
		}
		item["params"] = readParams(tf)
		return item
	})
	if ok && out == nil {
		out = []any{} // an empty list is echoed, not left out
	}
	return out
}

// readParams reads an item's optional params object, empty when absent or null.
func readParams(f *form) map[string]any {
	params, _ := f.object("params", false)
	if params == nil {
		return map[string]any{}
	}
	return params
}

// near reports whether a and b differ by at most half a penny.
func near(a, b *big.Rat) bool {
	d := new(big.Rat).Sub(a, b)
	return d.Abs(d).Cmp(big.NewRat(1, 200)) <= 0
}

// readTransactions validates a list of transactions, with index-keyed errors, and
// rejects repeated ids.
func readTransactions(f *form, key string, required bool, today string) []txIn {
	out, _ := eachItem(f, key, listOpt{required: required, byIndex: true}, func(_ int, tf *form) txIn {
		return readTransaction(tf, today)
	})
	if !f.ok() {
		return out
	}
	seen := map[string]bool{}
	for _, in := range out {
		if seen[in.tx.ImportID] {
			f.nonField(fmt.Sprintf(msgDuplicateTxID, in.tx.ImportID))
			break
		}
		seen[in.tx.ImportID] = true
	}
	return out
}

// createTransactions answers POST /v1/data-import/transactions/create/.
func createTransactions(c *call, body map[string]any) *sim.HTTPResponse {
	q := newForm(queryObject(c.req.Query))
	checkPrevious, _ := q.boolean("check_previously_added", true)
	force, _ := q.boolean("force_add_to_current_statement", true)
	if !q.ok() {
		return sim.JSONResponse(400, q.errs)
	}
	f := newForm(body)
	ref := c.readAccountRef(f, false)
	dryRun, _ := f.boolean("dry_run", false)
	txs := readTransactions(f, "transactions", true, c.today())
	a, resp := c.resolve(f, ref)
	if resp != nil {
		return resp
	}
	open := a.OpenPeriodStart()
	if c.sess.Fixture(a.Number) == nil {
		// An account imported here is billed by Kraken since: what its runs issued is
		// closed too (a fixture's open period stays the one its story gives).
		open = max(open, c.sess.OpenPeriod(a.Number))
	}
	type planned struct {
		in     txIn
		status string
		moved  string // the original date, when force moved it
	}
	plan := make([]planned, 0, len(txs))
	// existing are the transaction_ids the supplier has imported to the account.
	existing := map[string]bool{}
	for _, t := range a.Transactions {
		if t.ImportSupplier == ref.supplier && t.ImportID != "" {
			existing[t.ImportID] = true
		}
	}
	for _, in := range txs {
		p := planned{in: in, status: TransactionAdded}
		switch {
		case checkPrevious && existing[in.tx.ImportID]:
			p.status = TransactionAlreadyExists
		case open != "" && in.tx.Date < open:
			if !force {
				return sim.JSONResponse(400, map[string]any{
					"status":           TransactionImportError,
					"error_detail":     msgOutsidePeriod,
					"transaction_data": in.data,
				})
			}
			p.moved = in.tx.Date
		}
		if p.status == TransactionAdded {
			existing[in.tx.ImportID] = true
		}
		plan = append(plan, p)
	}
	results := make([]map[string]any, 0, len(plan))
	now := c.sess.Now().UTC().Truncate(time.Second)
	// bodies are the account's note bodies, read once when a transaction moves, so that
	// each move's pinned note is added unless an identical one is there.
	var bodies map[string]bool
	for _, p := range plan {
		t := p.in.tx
		data := p.in.data
		if p.moved != "" {
			t.Date = open
			t.Description = fmt.Sprintf(movedDescription, p.moved, open, open)
			data = cloneMap(data)
			data["transaction_date"] = open
			data["description"] = t.Description
		}
		results = append(results, map[string]any{"status": p.status, "transaction_data": data})
		if dryRun || p.status != TransactionAdded {
			continue
		}
		t.ID, t.ImportSupplier = c.world().NextTransactionID(), ref.supplier
		if len(a.Ledgers) > 0 {
			t.LedgerNumber = a.Ledgers[0].Number
			a.Ledgers[0].Balance += t.Signed()
		}
		a.Balance += t.Signed()
		a.Transactions = append(a.Transactions, t)
		if p.moved != "" {
			if bodies == nil {
				bodies = make(map[string]bool, len(a.Notes))
				for _, n := range a.Notes {
					bodies[n.Body] = true
				}
			}
			if body := fmt.Sprintf(movedNoteBody, t.ImportID, p.moved, open, open); !bodies[body] {
				bodies[body] = true
				a.Notes = append(a.Notes, sim.Note{Body: body, IsPinned: true, CreatedAt: now})
			}
		}
	}
	return sim.JSONResponse(201, map[string]any{"results": results})
}

func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// queryObject is a query string as an object of its first values; an empty value is
// absent.
func queryObject(q map[string][]string) map[string]any {
	obj := make(map[string]any, len(q))
	for k, v := range q {
		if len(v) > 0 && v[0] != "" {
			obj[k] = v[0]
		}
	}
	return obj
}
