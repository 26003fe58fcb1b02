package dataimport

import (
	"fmt"
	"time"

	"github.com/krakensim/krakensim/sim"
)

const msgEitherAccount = "Either account_number or external_account_number must be provided."

// accountRef is how a post-import payload names its account.
type accountRef struct {
	supplier string
	external string
	// legacy is the deprecated account_number field, read as the external number.
	legacy string
}

// number is the external account number the payload gives, in either field.
func (r accountRef) number() string {
	if r.external != "" {
		return r.external
	}
	return r.legacy
}

// readAccountRef reads import_supplier and the account number fields.
func (c *call) readAccountRef(f *form, externalRequired bool) accountRef {
	var r accountRef
	r.supplier, _ = f.choice("import_supplier", true, supplierCodes(c.world()))
	r.external, _ = f.str("external_account_number", strOpt{required: externalRequired})
	if !externalRequired {
		r.legacy, _ = f.str("account_number", strOpt{})
	}
	return r
}

func supplierCodes(w *sim.World) []string {
	codes := make([]string, 0, len(w.ImportSuppliers))
	for _, s := range w.ImportSuppliers {
		if s != nil {
			codes = append(codes, s.Code)
		}
	}
	return codes
}

// resolve finishes a payload's checks once its fields are valid: an account number is
// given, the caller may act for the supplier, and the account exists. It answers the
// 400, 403 or 404 to send, or the account: the session's own copy, to import into.
func (c *call) resolve(f *form, r accountRef) (*sim.Account, *sim.HTTPResponse) {
	a, resp := c.resolveRead(f, r)
	if resp != nil {
		return nil, resp
	}
	return c.world().MutableAccount(a.Number), nil
}

// resolveRead is resolve for an import that may change nothing: the account as the
// session reads it, which the import must not change (MutableAccount gives the copy
// to change), so that a repeated import leaves the session as it was.
func (c *call) resolveRead(f *form, r accountRef) (*sim.Account, *sim.HTTPResponse) {
	if c.problems != nil {
		return nil, sim.JSONResponse(400, mergeProblems(c.problems, f.errs))
	}
	if !f.ok() {
		return nil, sim.JSONResponse(400, f.errs)
	}
	if r.number() == "" {
		return nil, sim.JSONResponse(400, map[string]any{"non_field_errors": []string{msgEitherAccount}})
	}
	if !c.caller.mayActFor(r.supplier) {
		return nil, detail(403, msgForbidden)
	}
	a := c.findAccount(r.supplier, r.number())
	if a == nil {
		return nil, detail(404, accountNotFound(r.number()))
	}
	return a, nil
}

func accountNotFound(number string) string {
	return fmt.Sprintf("Account not found for %s.", number)
}

// findAccount finds an imported account, for reading, by its supplier and external
// number; the deprecated account_number may also be the Kraken number of an account
// the supplier migrated.
func (c *call) findAccount(supplier, number string) *sim.Account {
	w := c.world()
	if a := w.AccountByExternal(supplier, number); a != nil {
		return a
	}
	if a := w.Account(number); a != nil && a.ImportSupplier == supplier {
		return a
	}
	return nil
}

// today is the session's current date in the tenant's local time.
func (c *call) today() string { return c.sess.Now().In(c.sess.Zone()).Format(time.DateOnly) }

// nextID returns a numeric identifier above every one in used, as Kraken's database
// would hand out.
func nextID(used []string, floor int) string {
	n := floor
	for _, id := range used {
		var v int
		if _, err := fmt.Sscanf(id, "%d", &v); err == nil && v >= n {
			n = v + 1
		}
	}
	return fmt.Sprint(n)
}

func paymentInstructionIDs(w *sim.World) []string {
	var ids []string
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for _, p := range a.PaymentInstructions {
			ids = append(ids, p.ID)
		}
	}
	return ids
}
