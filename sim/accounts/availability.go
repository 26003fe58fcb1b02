package accounts

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Which days a change may take effect on, as a form's date picker asks: a new payment
// schedule's first day (the next working day, after any payment its ledger's schedule
// in force has already collected) and the days a supply agreement may switch product
// (from tomorrow while it lasts, within the range asked for).

// scheduleTypes are the payment schedule types a schedule may be named by.
var scheduleTypes = []string{"BACS_TRANSFER", "CARD_PAYMENT", "DIRECT_DEBIT", "PAYMENT_SLIP"}

// nextScheduleDate answers getNextPaymentScheduleAvailableDate(accountNumber:,
// scheduleTypeName:, ledgerNumber:) for an account the viewer may read: the first
// working day after today.
func nextScheduleDate(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	if ref := strings.TrimSpace(c.StringArg("ledgerNumber")); ref != "" && ledgerFor(a, ref) == nil || len(a.Ledgers) == 0 {
		return nil, c.Error("KT-AU-3921")
	}
	if !slices.Contains(scheduleTypes, strings.ToUpper(strings.TrimSpace(c.StringArg("scheduleTypeName")))) {
		return nil, c.Error("KT-AU-3922")
	}
	w := newEnv(c)
	d, _ := dayStart(w.today(), w.zone)
	return workingDay(d.AddDate(0, 0, 1)).Format(time.DateOnly), nil
}

// maxSwitchRange bounds the days availableProductSwitchDates lists.
const maxSwitchRange = 366

// productSwitchDates answers availableProductSwitchDates(agreementId:, maxRange:): each
// day from tomorrow to maxRange days on that the agreement (on an account the viewer
// may read) is still in force; none for one that has ended; KT-CT-1501 for one state
// does not hold.
func productSwitchDates(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	id := strings.TrimSpace(c.StringArg("agreementId"))
	if n, ok := wholeArg(c.Arg("agreementId")); ok {
		id = strconv.FormatInt(n, 10)
	}
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	for _, a := range w.Accounts {
		var found *sim.Agreement
		eachAgreements(a, func(ags []sim.Agreement, _ bool) {
			for i := range ags {
				if ags[i].ID == id && found == nil {
					found = &ags[i]
				}
			}
		})
		if found == nil || !u.CanAccess(a.Number) {
			continue
		}
		days := maxSwitchRange
		if n, ok := wholeArg(c.Arg("maxRange")); ok {
			days = int(min(max(n, 0), maxSwitchRange))
		}
		today, _ := dayStart(w.today(), w.zone)
		out := []any{}
		for i := 1; i <= days; i++ {
			d := today.AddDate(0, 0, i).Format(time.DateOnly)
			if found.ValidTo != "" && d >= found.ValidTo[:min(len(found.ValidTo), 10)] {
				break
			}
			out = append(out, d)
		}
		return out, nil
	}
	return nil, c.Error("KT-CT-1501")
}

// wholeArg is an Int argument's value, however the request carried it.
func wholeArg(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case float64:
		return int64(x), x == float64(int64(x))
	}
	return 0, false
}
