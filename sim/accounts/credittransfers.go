package accounts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Credit transfer permissions, as Origin runs them: credit may move between two
// ledgers, one of them a credit storage ledger (KT-CT-3828), once a permission for
// that source and target is made (createCreditTransferPermission; one at a time,
// KT-CT-3829) and until it is ended (terminateCreditTransferPermission, KT-CT-3825 for
// none); each ledger lists the permissions it is the source or the target of. The
// viewer must be able to read both ledgers' accounts (KT-CT-3822); a ledger no account
// holds, or one ledger named twice, is not valid (KT-CT-3827). A ledger is a credit
// storage ledger when its type says so (CREDIT_STORAGE in its name); no fixture holds
// one, so none of the fixtures' ledgers has a permission.

// creditStorage reports whether a ledger stores credit for others to draw on.
func creditStorage(l *sim.Ledger) bool { return strings.Contains(l.LedgerType, "CREDIT_STORAGE") }

// ledgerHolder is the account holding the ledger numbered n, and the ledger; nil when
// no account does.
func ledgerHolder(w *sim.World, n string) (*sim.Account, *sim.Ledger) {
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for i := range a.Ledgers {
			if n != "" && a.Ledgers[i].Number == n {
				return a, &a.Ledgers[i]
			}
		}
	}
	return nil, nil
}

// transferLedgers are the source and target ledgers a credit transfer mutation names,
// with the account holding the source, once the viewer may read both.
func transferLedgers(c *sim.Call) (*sim.Account, *sim.Ledger, *sim.Ledger, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, nil, nil, err
	}
	in := input(c)
	w := c.Session.World()
	source, target := str(in, "sourceLedgerNumber"), str(in, "targetLedgerNumber")
	sa, sl := ledgerHolder(w, source)
	ta, tl := ledgerHolder(w, target)
	switch {
	case sl == nil:
		return nil, nil, nil, c.ValidationError("KT-CT-3827", "No ledger has number "+source+".", "input", "sourceLedgerNumber")
	case tl == nil:
		return nil, nil, nil, c.ValidationError("KT-CT-3827", "No ledger has number "+target+".", "input", "targetLedgerNumber")
	case source == target:
		return nil, nil, nil, c.ValidationError("KT-CT-3827", "A ledger cannot transfer credit to itself.", "input", "targetLedgerNumber")
	case !u.CanAccess(sa.Number) || !u.CanAccess(ta.Number):
		return nil, nil, nil, c.Error("KT-CT-3822")
	}
	return sa, sl, tl, nil
}

// activeTransfer is the index in a's permissions of the one from source to target in
// force at now; -1 for none.
func activeTransfer(a *sim.Account, source, target string, now time.Time) int {
	for i, t := range a.CreditTransfers {
		if t.Source == source && t.Target == target && !t.ValidFrom.After(now) && (t.ValidTo.IsZero() || t.ValidTo.After(now)) {
			return i
		}
	}
	return -1
}

// createCreditTransferPermission lets credit move from the source ledger to the target
// from now.
func createCreditTransferPermission(_ context.Context, c *sim.Call) (any, error) {
	sa, sl, tl, err := transferLedgers(c)
	if err != nil {
		return nil, err
	}
	if !creditStorage(sl) && !creditStorage(tl) {
		return nil, c.Error("KT-CT-3828")
	}
	now := c.Session.Now().Truncate(time.Second)
	if activeTransfer(sa, sl.Number, tl.Number, now) >= 0 {
		return nil, c.Error("KT-CT-3829")
	}
	a := c.Session.World().MutableAccount(sa.Number)
	a.CreditTransfers = append(a.CreditTransfers, sim.CreditTransfer{Source: sl.Number, Target: tl.Number, ValidFrom: now})
	return obj{"validFrom": dateTime(now, c.Session.Zone())}, nil
}

// terminateCreditTransferPermission ends the permission in force from the source ledger
// to the target at activeAt (now when not given, and not before it began).
func terminateCreditTransferPermission(_ context.Context, c *sim.Call) (any, error) {
	sa, sl, tl, err := transferLedgers(c)
	if err != nil {
		return nil, err
	}
	now := c.Session.Now().Truncate(time.Second)
	i := activeTransfer(sa, sl.Number, tl.Number, now)
	if i < 0 {
		return nil, c.Error("KT-CT-3825")
	}
	end := now
	if at, given := input(c)["activeAt"]; given && at != nil {
		t, ok := parseTime(at, c.Session.Zone())
		if !ok {
			return nil, c.ValidationError("KT-CT-3827", fmt.Sprintf("activeAt is no date and time: %v.", at), "input", "activeAt")
		}
		end = t
	}
	a := c.Session.World().MutableAccount(sa.Number)
	end = maxTime(end, a.CreditTransfers[i].ValidFrom)
	a.CreditTransfers[i].ValidTo = end
	return obj{"validTo": dateTime(end, c.Session.Zone())}, nil
}

// creditTransfers is a ledger's CreditTransferPermissionsDataType: the permissions it
// is the target of (from their sources) and those it is the source of (to their
// targets), oldest first.
func creditTransfers(w *env, a *sim.Account, l *sim.Ledger) obj {
	from, to := []any{}, []any{}
	entry := func(ledger, account string, t sim.CreditTransfer) obj {
		return obj{"ledgerNumber": ledger, "accountNumber": account, "validFrom": dateTime(t.ValidFrom, w.zone), "validTo": dateTime(t.ValidTo, w.zone)}
	}
	for _, t := range a.CreditTransfers {
		if t.Source == l.Number {
			ta, _ := ledgerHolder(w.World, t.Target)
			number := ""
			if ta != nil {
				number = ta.Number
			}
			to = append(to, entry(t.Target, number, t))
		}
	}
	for _, sa := range w.Accounts {
		if sa == nil {
			continue
		}
		for _, t := range sa.CreditTransfers {
			if t.Target == l.Number {
				from = append(from, entry(t.Source, sa.Number, t))
			}
		}
	}
	return obj{"fromSourceLedgers": from, "toTargetLedgers": to}
}

// transferLedgerBalance moves credit from a ledger of one of the viewer's accounts to a
// ledger of another (KT-CT-3822 and 3823 for a ledger not the viewer's, KT-CT-9701 for
// the same account, 9702 and 9703 for a source with no credit or less than the amount,
// 9704 for no amount): a BALANCE_TRANSFER charge on the one, a credit on the other.
func transferLedgerBalance(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	side := func(key, unauthorized string) (*sim.Account, *sim.Ledger, error) {
		m, _ := in[key].(map[string]any)
		_, a, err := owned(c, str(m, "accountNumber"), unauthorized, "")
		if err != nil {
			return nil, nil, err
		}
		// Octopus names the ledger by ledgerId (required); Origin by ledgerNumber, whose
		// absence means the account's ledger.
		ref, named := str(m, "ledgerId"), m["ledgerId"] != nil
		if !named {
			ref, named = str(m, "ledgerNumber"), m["ledgerNumber"] != nil
		}
		l := ledgerFor(a, ref)
		if l == nil || named && ref == "" {
			return nil, nil, c.Error(unauthorized)
		}
		return a, l, nil
	}
	src, from, err := side("sourceAccountLedger", "KT-CT-3822")
	if err != nil {
		return nil, err
	}
	dst, to, err := side("targetAccountLedger", "KT-CT-3823")
	if err != nil {
		return nil, err
	}
	amount, _ := integer(in, "amount")
	credit := newEnv(c).balanceNow(src, from.Number)
	switch {
	case src.Number == dst.Number:
		return nil, c.ValidationError("KT-CT-9701", "The ledgers are the same account's.", "input", "targetAccountLedger")
	case credit == 0:
		return nil, c.ValidationError("KT-CT-9702", "The source ledger has no balance.", "input", "sourceAccountLedger")
	case credit < 0:
		return nil, c.ValidationError("KT-CT-9703", "The source ledger is in debit.", "input", "sourceAccountLedger")
	case amount <= 0:
		return nil, c.ValidationError("KT-CT-9704", "Transfer an amount of more than 0.", "input", "amount")
	case amount > credit:
		return nil, c.ValidationError("KT-CT-9703", fmt.Sprintf("The source ledger has %d in credit, less than %d.", credit, amount), "input", "amount")
	}
	note := sim.Clip(str(in, "note"), 500)
	chargeID := post(c, src, from, amount, "CHARGE", "BALANCE_TRANSFER", note)
	creditID := post(c, dst, to, amount, "CREDIT", "BALANCE_TRANSFER", note)
	part := func(id string) obj {
		return obj{"id": id, "netAmount": amount, "grossAmount": amount, "salesTaxAmount": 0, "cclAmount": 0, "reason": "BALANCE_TRANSFER", "note": note}
	}
	return obj{"balanceTransfer": obj{"id": chargeID + "-" + creditID, "accountCharge": part(chargeID), "accountCredit": part(creditID), "reason": "BALANCE_TRANSFER"}}, nil
}
