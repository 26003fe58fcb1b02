package dataimport

import (
	"cmp"
	"fmt"

	"github.com/krakensim/krakensim/sim"
)

const (
	msgStatementExists   = "A historical statement with statement_id %q already exists on the account."
	msgStatementDupID    = "Statement IDs must be unique: %q is given more than once."
	msgPeriodEndBefore   = "bill_period_to_date must not be before bill_period_from_date."
	msgIssuedBeforeStart = "issued_date must not be before bill_period_from_date."
)

// statementIn is one validated statement and its echo.
type statementIn struct {
	st   sim.Statement
	data map[string]any
}

// readStatement validates one historical statement object.
func readStatement(f *form) statementIn {
	var in statementIn
	s := &in.st
	s.Historical = true
	data := map[string]any{}
	from, fOK := f.date("bill_period_from_date", true, false)
	to, tOK := f.date("bill_period_to_date", true, false)
	if fOK && tOK && to < from {
		f.fail("bill_period_to_date", msgPeriodEndBefore)
	}
	s.BillPeriodFrom, s.BillPeriodTo = from, to
	data["bill_period_from_date"], data["bill_period_to_date"] = from, to
	if issued, ok := f.date("issued_date", false, true); ok {
		if fOK && issued < from {
			f.fail("issued_date", msgIssuedBeforeStart)
		}
		s.IssuedDate = issued
		data["issued_date"] = issued
	} else if v, present := f.obj["issued_date"]; present && v == nil {
		data["issued_date"] = nil
	}
	for key, dst := range map[string]*string{"statement_id": &s.ImportID, "number": &s.Number, "statement_path": &s.StatementPath} {
		if v, ok := f.str(key, strOpt{blank: true, max: 1024}); ok {
			*dst = v
			data[key] = v
		}
	}
	if n, ok := f.integer("gross_amount", false, true); ok {
		s.GrossAmount = n
		data["gross_amount"] = n
	} else if v, present := f.obj["gross_amount"]; present && v == nil {
		data["gross_amount"] = nil
	}
	if b, ok := f.boolean("is_reversed", false); ok {
		data["is_reversed"] = b
	}
	for _, key := range []string{"average_daily_usage", "total_consumption", "total_consumption_cost", "total_feed_in_cost", "total_feed_in_energy", "total_supply_cost"} {
		if d, ok := f.decimal(key, false, decSpec{whole: 10, places: 10}); ok {
			data[key] = d.String(len(d.frac))
		}
	}
	in.data = data
	return in
}

// createStatements answers POST /v1/data-import/historical-statements/create/.
func createStatements(c *call, body map[string]any) *sim.HTTPResponse {
	f := newForm(body)
	ref := c.readAccountRef(f, true)
	stmts, _ := eachItem(f, "statements", listOpt{required: true}, func(_ int, sf *form) statementIn {
		return readStatement(sf)
	})
	if f.ok() {
		seen := map[string]bool{}
		for _, in := range stmts {
			if in.st.ImportID != "" && seen[in.st.ImportID] {
				f.nonField(fmt.Sprintf(msgStatementDupID, in.st.ImportID))
				break
			}
			seen[in.st.ImportID] = true
		}
	}
	a, resp := c.resolve(f, ref)
	if resp != nil {
		return resp
	}
	// One pass over the account's statements gives the statement_ids taken and the
	// next free id (as nextID counts it), so that an import costs the account plus the
	// statements sent, not their product. An imported statement is numbered above every
	// statement the account's bills show, as Kraken's sequence numbers it when made, so
	// that no statement shown changes its id; statement_id is kept as its reference.
	have := make(map[string]bool, len(a.Statements))
	next := 1
	count := func(id string) {
		var v int
		if _, err := fmt.Sscanf(id, "%d", &v); err == nil && v >= next {
			next = v + 1
		}
	}
	for _, st := range a.Statements {
		have[cmp.Or(st.ImportID, st.ID)] = true
		count(st.ID)
	}
	for _, id := range c.sess.ShownStatementIDs(a.Number) {
		count(id)
	}
	for _, in := range stmts {
		if in.st.ImportID != "" && have[in.st.ImportID] {
			return sim.JSONResponse(400, map[string]any{"non_field_errors": []string{fmt.Sprintf(msgStatementExists, in.st.ImportID)}})
		}
	}
	out := make([]map[string]any, 0, len(stmts))
	for _, in := range stmts {
		in.st.ID = fmt.Sprint(next)
		count(in.st.ID)
		a.Statements = append(a.Statements, in.st)
		out = append(out, in.data)
	}
	return sim.JSONResponse(201, map[string]any{
		"import_supplier":         ref.supplier,
		"external_account_number": ref.external,
		"statements":              out,
	})
}
