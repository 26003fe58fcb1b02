package accounts

import (
	"context"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// accountDebtPosition (Origin's) is the delinquent debt of each of an account's own
// ledgers (not a supplementary one, such as credit storage) as on a day (asOn, today
// when not given): what the ledger owes past its due date, the account's overdue
// balance (overdueBalance) but no more than the ledger owes then; 0 for a ledger that
// owes nothing. A position krakensim cannot tell is UNAVAILABLE (its amount null): on
// a day still to come, or when more than one of the account's ledgers owes and its
// statements are of them all. An account nobody holds is refused as another's is
// (Unauthorized), not KT-CT-4178, so that a number does not tell whether it exists.
func accountDebtPosition(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	if day, ok := parseDate(c.Arg("asOn")); ok && day != w.today() {
		t, _ := time.ParseInLocation(time.DateOnly, day, w.zone)
		if day > w.today() {
			w = nil // what will be owed then cannot be told
		} else {
			w = &env{World: w.World, now: t.Add(24*time.Hour - time.Second), zone: w.zone, sess: w.sess, maxPage: w.maxPage, call: w.call, began: w.began}
		}
	}
	owes := map[string]int{}
	owing := 0
	for _, l := range a.Ledgers {
		if mainLedger(l.LedgerType) && w != nil {
			if owes[l.Number] = max(0, -w.balanceNow(a, l.Number)); owes[l.Number] > 0 {
				owing++
			}
		}
	}
	overdue, of := 0, statementLedger(a)
	if owing > 0 {
		overdue = overdueBalance(w, a)
	}
	positions := []any{}
	for _, l := range a.Ledgers {
		if !mainLedger(l.LedgerType) {
			continue
		}
		p := obj{"ledgerNumber": l.Number, "delinquentDebtAmount": nil, "status": "UNAVAILABLE"}
		switch {
		case w == nil:
		case owes[l.Number] == 0:
			p["delinquentDebtAmount"], p["status"] = 0, "OK"
		case of == l.Number || owing == 1:
			p["delinquentDebtAmount"], p["status"] = min(overdue, owes[l.Number]), "OK"
		}
		positions = append(positions, p)
	}
	return obj{"accountNumber": a.Number, "ledgerDebtPositions": positions}, nil
}
