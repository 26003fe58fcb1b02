package accounts

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/workdays"
	"github.com/krakensim/krakensim/sim/world"
)

// Smart pay as you go (Octopus): a smart meter in prepayment mode holds credit, which
// its supply's use spends as its tariff prices it (unit rates and the standing charge,
// with VAT), each half hour as the meter measures it, and a debt it recovers at a weekly
// rate. Credit comes from top-ups (addCreditToSmartMeter, each sent with a UTRN) and
// from an auto top-up config (createAutoTopupConfig, disableAutoTopup): at the end of a
// day whose credit has fallen below lowCredit, it adds its amount, taken from the
// account's card (FAILED_TO_COLLECT_PAYMENT without one in force); without a config in
// force, the household itself tops up by that card on the evening after such a day. Below
// nothing, the meter spends its emergency credit; when that is gone the supply stops
// until a top-up.
// The meter's prepayLedgers, electricityPrepayLedgers and gasPrepayLedgers answer the
// credit, the debt and the top-ups, prepayPayments every top-up of the account,
// prepayBalanceSnapshot the balance as the meter reports it each half hour, and its
// smart device is in PREPAY mode.

const (
	// lowCredit is the credit below which an auto top-up, or else the household, tops up.
	lowCredit = 500
	// emergencyCredit is how far below nothing a meter's credit may run.
	emergencyCredit = 1500
	// maxTopUp is the largest top-up a customer may send at once.
	maxTopUp = 25000
	// prepayDays bounds how many days a meter's credit is worked out over.
	prepayDays = 3660
)

// prepaid is one of an account's prepayment meters: its state, the cost of its supply,
// its MPAN or MPRN and serial, and its smart device's id.
type prepaid struct {
	pm                     *sim.PrepayMeter
	electricity            bool
	mpxn, serial, deviceID string
	cost                   supplyCost
	meter                  func() obj
}

// prepaidMeters are the account's prepayment meters, each on the supply that holds it.
func prepaidMeters(w *env, a *sim.Account) []prepaid {
	var out []prepaid
	for i := range a.PrepayMeters {
		pm := &a.PrepayMeters[i]
		for j := range a.Properties {
			p := &a.Properties[j]
			for k := range p.ElectricityMeterPoints {
				mp := &p.ElectricityMeterPoints[k]
				for n := range mp.Meters {
					if m := &mp.Meters[n]; m.ID == pm.MeterID {
						out = append(out, prepaid{pm: pm, electricity: true, mpxn: mp.Identifier(), serial: m.SerialNumber,
							deviceID: fake.EUI64(fake.HashStrings("ESME", m.SerialNumber)), cost: electricitySupplyCost(w, a, mp),
							meter: func() obj { return electricityMeter(w, a, mp, m, electricityPoint(w, a, mp)) }})
					}
				}
			}
			for k := range p.GasMeterPoints {
				mp := &p.GasMeterPoints[k]
				for n := range mp.Meters {
					if m := &mp.Meters[n]; m.ID == pm.MeterID {
						out = append(out, prepaid{pm: pm, serial: m.SerialNumber, mpxn: mp.Identifier(),
							deviceID: fake.EUI64(fake.HashStrings("GSME", m.SerialNumber)), cost: gasSupplyCost(w, a, mp),
							meter: func() obj { return gasMeter(w, a, mp, m, gasPoint(w, a, mp)) }})
					}
				}
			}
		}
	}
	return out
}

// prepayOf is the prepayment meter with the id, or nil.
func prepayOf(a *sim.Account, meterID string) *sim.PrepayMeter {
	for i := range a.PrepayMeters {
		if a.PrepayMeters[i].MeterID == meterID {
			return &a.PrepayMeters[i]
		}
	}
	return nil
}

// prepayTopUp is credit that reached a meter: a customer's top-up, sent or the
// household's own, or an auto top-up's.
type prepayTopUp struct {
	id, utrn string
	amount   int
	at       time.Time
}

// topUpTrigger is an auto top-up config's attempt to add credit.
type topUpTrigger struct {
	id, config string
	at         time.Time
	failure    string
}

// prepayRun is a meter's credit and debt at a time, with the top-ups that reached it,
// the auto top-ups triggered until then, and the spans its supply was off.
type prepayRun struct {
	credit, debt int
	topUps       []prepayTopUp
	triggers     []topUpTrigger
	off          []world.Cut
}

// run works the meter's credit out from its opening day to until. Its use spends its
// credit, then its emergency credit; in friendly hours (friendly) what it uses beyond
// that is debt, outside them the supply stops until a top-up puts its credit above
// nothing, its standing charge debt meanwhile, nothing recovered. A top-up repays that
// debt first, then the emergency credit used. A day that ends with the credit below
// lowCredit triggers the auto top-up in force, or else, with a card in force, the
// household's own top-up the next evening, unless another reaches the meter first.
func (p prepaid) run(w *env, a *sim.Account, until time.Time) prepayRun {
	tax := cmp.Or(w.sess.TaxRate(), vat) // what a penny before tax costs with it
	days := w.days()
	credit, debt := float64(p.pm.OpeningCredit), float64(p.pm.Debt)
	tops := slices.Clone(p.pm.TopUps)
	slices.SortStableFunc(tops, func(x, y sim.PrepayTopUp) int { return x.At.Compare(y.At) })
	var out prepayRun
	var offFrom time.Time
	off := false
	owed := 0.0 // of the debt, what friendly credit and standing charges off supply added: a top-up repays it first
	topUp := func(amount int, at time.Time) {
		repaid := math.Min(owed, float64(amount))
		owed, debt = owed-repaid, debt-repaid
		credit += float64(amount) - repaid
		if off && credit > 0 {
			off = false
			out.off = append(out.off, world.Cut{From: offFrom, To: at, Share: 1})
		}
	}
	start := dayNumber(p.pm.Since)
	for d, k := start, 0; d-start < prepayDays; d++ {
		from, to := dayTime(d, w.zone), dayTime(d+1, w.zone)
		whole := !to.After(until)
		if !whole {
			to = until
		}
		if !to.After(from) {
			break
		}
		recovery := float64(p.pm.WeeklyDebtRecovery) / 7 / 48 // a half hour's
		quiet := k == len(tops) || !tops[k].At.Before(to)     // no top-up this day
		spent := 0.0
		if quiet && !off {
			spent = p.cost.spend(d, from, to, whole) * tax
		}
		switch {
		case quiet && off: // a day off supply: its standing charge owed, at once
			standing := p.cost.standingOn(d) * to.Sub(from).Hours() / 24 * tax
			owed, debt = owed+standing, debt+standing
		case quiet && credit-spent-recovery*48 >= -emergencyCredit:
			recovered := math.Min(debt, recovery*48*to.Sub(from).Hours()/24) // a day that neither tops up nor runs out: at once
			credit -= spent + recovered
			debt -= recovered
		default:
			for at := from; at.Before(to); { // else half hour by half hour
				next := minTime(at.Truncate(30*time.Minute).Add(30*time.Minute), to)
				for ; k < len(tops) && tops[k].At.Before(next); k++ {
					topUp(tops[k].Amount, tops[k].At)
					out.topUps = append(out.topUps, prepayTopUp{id: tops[k].ID, utrn: tops[k].UTRN, amount: tops[k].Amount, at: tops[k].At})
				}
				share := next.Sub(at).Hours() * 2
				if off {
					standing := p.cost.standingOn(d) / 48 * share * tax
					owed, debt = owed+standing, debt+standing
					at = next
					continue
				}
				recovered := math.Min(debt, recovery*share)
				credit -= p.cost.spend(d, at, next, false)*tax + recovered
				debt -= recovered
				if credit < -emergencyCredit {
					friendlyUse := -emergencyCredit - credit // friendly credit, owed
					owed, debt = owed+friendlyUse, debt+friendlyUse
					credit = -emergencyCredit
					if !friendly(days, next, w.zone) {
						off, offFrom = true, next
					}
				}
				at = next
			}
		}
		if !whole {
			break
		}
		cfg := activeAutoTopUp(p.pm, to)
		switch {
		case credit >= lowCredit:
		case cfg != nil:
			t := topUpTrigger{id: strconv.FormatUint(1000000+fake.HashStrings("auto top-up", cfg.ID, strconv.Itoa(d))%9000000, 10), config: cfg.ID, at: to}
			if !cardInForce(a, to) {
				t.failure = "FAILED_TO_COLLECT_PAYMENT"
			} else {
				topUp(cfg.Amount, to)
				out.topUps = append(out.topUps, prepayTopUp{id: t.id, utrn: utrn("auto", cfg.ID, strconv.Itoa(d)), amount: cfg.Amount, at: to})
			}
			out.triggers = append(out.triggers, t)
		case cardInForce(a, to):
			if t := p.householdTopUp(d+1, w.zone); k == len(tops) || tops[k].At.After(t.At) {
				tops = slices.Insert(tops, k, t)
			}
		}
	}
	if off {
		out.off = append(out.off, world.Cut{From: offFrom, To: until.Add(24 * time.Hour), Share: 1})
	}
	out.credit, out.debt = int(math.Round(credit)), int(math.Round(debt))
	return out
}

// householdTopUp is the top-up the household sends by card on day d when the day before
// ended with its credit below lowCredit and no auto top-up in force: £20 to £50 in steps
// of £5, some time from 17:00 to 21:00, both drawn from the meter and the day.
func (p prepaid) householdTopUp(d int, zone *time.Location) sim.PrepayTopUp {
	day := strconv.Itoa(d)
	h := fake.HashStrings("household top-up", p.pm.MeterID, day)
	return sim.PrepayTopUp{ID: strconv.FormatUint(1000000+h%9000000, 10), Amount: 2000 + 500*int(h/9000000%7),
		At: time.Date(1970, 1, 1+d, 17, int(h/63000000%240), 0, 0, zone), UTRN: utrn("household", p.pm.MeterID, day)}
}

// friendly reports whether t is in a smart prepayment meter's friendly hours, when it
// does not stop the supply: from 16:00 to 10:00, and all of a day banks do not work
// (weekends, bank holidays) to 10:00 on the next day they do.
func friendly(days *workdays.Calendar, t time.Time, zone *time.Location) bool {
	lt := t.In(zone)
	if h := lt.Hour(); h >= 16 || h < 10 {
		return true
	}
	return !days.Works(time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, time.UTC))
}

// spend is what the supply's use and standing charge over [from, to) of day d cost
// before tax: the billing run's whole day, or each half hour of a part of one.
func (s supplyCost) spend(d int, from, to time.Time, whole bool) float64 {
	if whole {
		c := s.over(d, d+1)
		return c.usage + c.standing
	}
	pence := s.standingOn(d) * to.Sub(from).Hours() / 24
	for at := from; at.Before(to); {
		next := minTime(at.Truncate(30*time.Minute).Add(30*time.Minute), to)
		pence += s.register.Use(at, next) * s.rateAt(at)
		at = next
	}
	return pence
}

// standingOn is the supply's standing charge on day d before tax, in pence.
func (s supplyCost) standingOn(d int) float64 {
	var standing float64
	for _, st := range s.stretches {
		if d >= st.from && d < st.to {
			standing = st.prices.standing
		}
	}
	return standing
}

// activeAutoTopUp is the meter's auto top-up config in force at t, or nil.
func activeAutoTopUp(pm *sim.PrepayMeter, t time.Time) *sim.AutoTopUp {
	for i := range pm.AutoTopUps {
		c := &pm.AutoTopUps[i]
		if !c.From.After(t) && (c.To.IsZero() || c.To.After(t)) {
			return c
		}
	}
	return nil
}

// cardInForce reports whether the account has a card in force at t to take a top-up from.
func cardInForce(a *sim.Account, t time.Time) bool {
	return slices.ContainsFunc(a.PaymentInstructions, func(in sim.PaymentInstruction) bool {
		return in.InstructionType == "CARD" && in.Status == "ACTIVE" && !in.ValidFrom.After(t) && !cardExpired(in, t)
	})
}

// cardExpired reports whether a card has expired by t: after the last day of its
// expiry month (a card of no stated expiry never does).
func cardExpired(in sim.PaymentInstruction, t time.Time) bool {
	if in.CardExpiryYear == 0 || in.CardExpiryMonth < 1 || in.CardExpiryMonth > 12 {
		return false
	}
	return !t.Before(time.Date(in.CardExpiryYear, time.Month(in.CardExpiryMonth)+1, 1, 0, 0, 0, 0, t.Location()))
}

// utrn is a top-up's Unique Transaction Reference Number: twenty digits.
func utrn(parts ...string) string {
	return fmt.Sprintf("%010d%010d", fake.HashStrings(parts...)%1e10, fake.HashStrings(append(parts, "2")...)%1e10)
}

// prepayOff are the spans the supply of the account's prepayment meter with the id was
// off, to now; none for a meter not in prepayment mode.
func prepayOff(w *env, a *sim.Account, meterID string) []world.Cut {
	if prepayOf(a, meterID) == nil {
		return nil
	}
	for _, p := range prepaidMeters(w, a) {
		if p.pm.MeterID == meterID {
			return w.prepayNow(a, p).off
		}
	}
	return nil
}

// prepayNow is the meter's run to now, worked out once a call.
func (w *env) prepayNow(a *sim.Account, p prepaid) prepayRun {
	if w.prepayRuns == nil {
		w.prepayRuns = map[*sim.PrepayMeter]prepayRun{}
	}
	if r, ok := w.prepayRuns[p.pm]; ok {
		return r
	}
	r := p.run(w, a, w.now)
	w.prepayRuns[p.pm] = r
	return r
}

// prepayLedgers is the meter's PrepayLedgersType: the credit it shows (none below
// nothing), its debt (negative) and its top-ups; each ledger has an id of its own
// (PC, PD and P before the meter's), as a normalised cache keys them.
func prepayLedgers(w *env, a *sim.Account, p prepaid) obj {
	r := w.prepayNow(a, p)
	credit, _ := r.shown()
	ledger := func(prefix, kind, name string, balance int) obj {
		return obj{"__typename": "SupplementaryLedgerType", "id": prefix + p.pm.MeterID, "name": name, "ledgerType": kind, "currentBalance": balance, "paymentAdequacy": nil}
	}
	payments := make([]any, 0, len(r.topUps))
	for i := len(r.topUps) - 1; i >= 0; i-- {
		payments = append(payments, prepayPayment(w, p, r.topUps[i]))
	}
	return obj{
		"creditLedger": ledger("PC", "PREPAY_CREDIT", "Prepay Credit Ledger", credit),
		"debtLedger":   ledger("PD", "PREPAY_DEBT", "Prepay Debt Ledger", -r.debt),
		"paymentLedger": obj{"__typename": "PrepayPaymentLedgerType", "id": "P" + p.pm.MeterID, "name": "Prepay Payment Ledger", "ledgerType": "PREPAY_PAYMENT",
			"currentBalance": 0, "paymentAdequacy": nil, "payments": payments, "creditTransfers": []any{}},
	}
}

// prepayPayment is a top-up as a PrepayPaymentType.
func prepayPayment(w *env, p prepaid, t prepayTopUp) obj {
	return obj{"__typename": "PrepayPaymentType", "id": t.id, "amount": t.amount, "paymentDate": t.at.In(w.zone).Format(time.DateOnly),
		"smartPrepayStatus": "RESOLVED", "smartPrepayProcessStatus": "COMPLETED", "utrn": t.utrn,
		"meter": sim.Lazy(func(map[string]any) (any, error) { return p.meter(), nil })}
}

// prepaySmartFields marks a meter's smart device and ledgers as a prepayment meter's.
func prepaySmartFields(w *env, a *sim.Account, meterID string, meter obj) {
	pm := prepayOf(a, meterID)
	if pm == nil {
		return
	}
	meter["isReadyForTopup"] = true
	meter["prepayLedgers"] = sim.Lazy(func(map[string]any) (any, error) {
		for _, p := range prepaidMeters(w, a) {
			if p.pm.MeterID == meterID {
				return prepayLedgers(w, a, p), nil
			}
		}
		return nil, nil
	})
	for _, d := range []any{meter["smartImportElectricityMeter"], meter["smartGasMeter"]} {
		if d, ok := d.(obj); ok {
			d["paymentMode"], d["weeklyDebtRecoveryRateInPence"] = "PREPAY", pm.WeeklyDebtRecovery
		}
	}
}

// prepayLedgersOf answers electricityPrepayLedgers and gasPrepayLedgers(accountNumber:,
// mpan: or mprn:, serialNumber:): the ledgers of that prepayment meter of an account the
// viewer may read; null for a credit meter.
func prepayLedgersOf(electricity bool) func(context.Context, *sim.Call) (any, error) {
	return func(_ context.Context, c *sim.Call) (any, error) {
		_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
		if err != nil {
			return nil, err
		}
		w := newEnv(c)
		point := strings.TrimSpace(cmp.Or(c.StringArg("mpan"), c.StringArg("mprn")))
		for _, p := range prepaidMeters(w, a) {
			if p.electricity == electricity && p.mpxn == point && strings.EqualFold(p.serial, strings.TrimSpace(c.StringArg("serialNumber"))) {
				return prepayLedgers(w, a, p), nil
			}
		}
		return nil, nil
	}
}

// prepayPayments answers prepayPayments(accountNumber:): every top-up of the account's
// prepayment meters, newest first.
var prepayPayments = ofReadable(func(c *sim.Call, a *sim.Account) (any, error) {
	w := newEnv(c)
	type dated struct {
		at   time.Time
		node obj
	}
	var all []dated
	for _, p := range prepaidMeters(w, a) {
		for _, t := range w.prepayNow(a, p).topUps {
			all = append(all, dated{t.at, prepayPayment(w, p, t)})
		}
	}
	slices.SortStableFunc(all, func(x, y dated) int { return y.at.Compare(x.at) })
	nodes := make([]any, len(all))
	for i, d := range all {
		nodes[i] = d.node
	}
	return connection(w, nodes, c.Field.Args)
})

// prepayDevice is the account's prepayment meter whose smart device has the id: the
// viewer's account the input names (KT-CT-1111 for another's), KT-CT-4301 for a device
// that is none of its prepayment meters'.
func prepayDevice(c *sim.Call, in map[string]any) (*sim.Account, prepaid, error) {
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, prepaid{}, err
	}
	id := strings.ToUpper(strings.TrimSpace(str(in, "deviceId")))
	for _, p := range prepaidMeters(newEnv(c), a) {
		if strings.EqualFold(p.deviceID, id) {
			return a, p, nil
		}
	}
	return nil, prepaid{}, c.ValidationError("KT-CT-4301", "The account has no prepayment meter with the device "+id+".", "input", "deviceId")
}

// topUpAmount is the input's amount of credit, 1p to maxTopUp (KT-CT-4321 otherwise).
func topUpAmount(c *sim.Call, in map[string]any, key string) (int, error) {
	amount, _ := integer(in, key)
	if amount < 1 || amount > maxTopUp {
		return 0, c.ValidationError("KT-CT-4321", fmt.Sprintf("A top-up is 1p to %dp.", maxTopUp), "input", key)
	}
	return amount, nil
}

// addCreditToSmartMeter sends a top-up to a prepayment meter now: 1p to maxTopUp
// (KT-CT-4321 otherwise).
func addCreditToSmartMeter(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, p, err := prepayDevice(c, in)
	if err != nil {
		return nil, err
	}
	amount, err := topUpAmount(c, in, "amount")
	if err != nil {
		return nil, err
	}
	pm := prepayOf(a, p.pm.MeterID)
	id := nextID(7700001, prepayIDs(c.Session.World(), topUpIDs))
	now := c.Session.Now().UTC().Truncate(time.Second)
	pm.TopUps = append(pm.TopUps, sim.PrepayTopUp{ID: id, Amount: amount, At: now, UTRN: utrn("top-up", id, a.Number)})
	return obj{"amount": amount}, nil
}

// prepayIDs are the ids a prepayment meter's field holds, of every account's.
func prepayIDs(w *sim.World, ids func(*sim.PrepayMeter) []string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, a := range w.Accounts {
			if a == nil {
				continue
			}
			for i := range a.PrepayMeters {
				for _, id := range ids(&a.PrepayMeters[i]) {
					if !yield(id) {
						return
					}
				}
			}
		}
	}
}

// topUpIDs are a meter's top-ups' ids.
func topUpIDs(pm *sim.PrepayMeter) []string {
	out := make([]string, len(pm.TopUps))
	for i, t := range pm.TopUps {
		out[i] = t.ID
	}
	return out
}

// autoTopUpIDs are a meter's auto top-up configs' ids.
func autoTopUpIDs(pm *sim.PrepayMeter) []string {
	out := make([]string, len(pm.AutoTopUps))
	for i, t := range pm.AutoTopUps {
		out[i] = t.ID
	}
	return out
}

// autoTopUpMap is an AutoTopupConfigType.
func autoTopUpMap(w *env, a *sim.Account, p prepaid, cfg sim.AutoTopUp) obj {
	var to any
	if !cfg.To.IsZero() {
		to = dateTime(cfg.To, w.zone)
	}
	return obj{"id": cfg.ID, "accountNumber": a.Number, "deviceId": p.deviceID, "topupAmount": cfg.Amount, "effectiveFrom": dateTime(cfg.From, w.zone), "effectiveTo": to}
}

// createAutoTopupConfig puts an auto top-up of an amount (at least 1p, KT-CT-4321
// otherwise) in force on a prepayment meter from now, ending the one in force.
func createAutoTopupConfig(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, p, err := prepayDevice(c, in)
	if err != nil {
		return nil, err
	}
	amount, err := topUpAmount(c, in, "topupAmount")
	if err != nil {
		return nil, err
	}
	pm := prepayOf(a, p.pm.MeterID)
	now := c.Session.Now().UTC().Truncate(time.Second)
	endAutoTopUp(pm, now)
	cfg := sim.AutoTopUp{ID: nextID(5100001, prepayIDs(c.Session.World(), autoTopUpIDs)), Amount: amount, From: now}
	pm.AutoTopUps = append(pm.AutoTopUps, cfg)
	return obj{"autoTopupConfig": autoTopUpMap(newEnv(c), a, p, cfg)}, nil
}

// endAutoTopUp ends the meter's auto top-up in force at t; false for none.
func endAutoTopUp(pm *sim.PrepayMeter, t time.Time) bool {
	if cfg := activeAutoTopUp(pm, t); cfg != nil {
		cfg.To = t
		return true
	}
	return false
}

// disableAutoTopup ends the auto top-up in force on a prepayment meter; success is
// false when none was.
func disableAutoTopup(_ context.Context, c *sim.Call) (any, error) {
	a, p, err := prepayDevice(c, input(c))
	if err != nil {
		return nil, err
	}
	return obj{"success": endAutoTopUp(prepayOf(a, p.pm.MeterID), c.Session.Now().UTC().Truncate(time.Second))}, nil
}

// autoTopupConfigs answers autoTopupConfigs(deviceId:, accountNumber:, effectiveFrom:):
// the configs of that prepayment meter of an account the viewer may read, in force at
// or after effectiveFrom when given, latest first.
func autoTopupConfigs(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	nodes := []any{}
	since, bounded := parseTime(c.Arg("effectiveFrom"), w.zone)
	for _, p := range prepaidMeters(w, a) {
		if !strings.EqualFold(p.deviceID, strings.TrimSpace(c.StringArg("deviceId"))) {
			continue
		}
		for i := len(p.pm.AutoTopUps) - 1; i >= 0; i-- {
			cfg := p.pm.AutoTopUps[i]
			if bounded && !cfg.To.IsZero() && !cfg.To.After(since) {
				continue
			}
			nodes = append(nodes, autoTopUpMap(w, a, p, cfg))
		}
	}
	return connection(w, nodes, c.Field.Args)
}

// autoTopupTriggers answers autoTopupTriggers(autoTopupConfigId:, …): the times that
// config of one of the viewer's accounts added credit or failed to, latest first,
// filtered as asked; empty for a config none of them has.
func autoTopupTriggers(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	id := strings.TrimSpace(c.StringArg("autoTopupConfigId"))
	since, bounded := parseTime(c.Arg("triggersFrom"), w.zone)
	status, failure := c.StringArg("status"), c.StringArg("failureReason")
	nodes := []any{}
	for _, n := range u.AccountNumbers {
		a := w.Account(n)
		if a == nil {
			continue
		}
		for _, p := range prepaidMeters(w, a) {
			triggers := w.prepayNow(a, p).triggers
			for i := len(triggers) - 1; i >= 0; i-- {
				t := triggers[i]
				st := map[bool]string{true: "COMPLETED", false: "FAILED"}[t.failure == ""]
				if t.config != id || bounded && t.at.Before(since) || status != "" && status != st || failure != "" && failure != t.failure {
					continue
				}
				at := dateTime(t.at, w.zone)
				nodes = append(nodes, obj{"id": t.id, "autoTopupConfigId": t.config, "triggeredAt": at, "status": st, "source": "LOW_CREDIT_BALANCE",
					"failureReason": orNil(t.failure), "createdAt": at, "updatedAt": at})
			}
		}
	}
	return connection(w, nodes, c.Field.Args)
}

// prepayBalance is a prepayment meter's PrepayBalanceSnapshotType at the last half hour:
// its credit, its debt and the emergency credit it has left (shown), as its ledgers
// answer them.
func prepayBalance(w *env, a *sim.Account, p prepaid) obj {
	at := w.now.Truncate(30 * time.Minute)
	r := p.run(w, a, at)
	credit, emergency := r.shown()
	return obj{"creditInPence": credit, "debtInPence": r.debt, "emergencyCreditInPence": emergency, "asAt": dateTime(at, w.zone)}
}

// shown is the credit a meter shows, none below nothing, and the emergency credit it has
// left: what the run spent below nothing is emergency credit used, not credit nor debt.
func (r prepayRun) shown() (credit, emergency int) {
	return max(r.credit, 0), max(emergencyCredit+min(r.credit, 0), 0)
}

// prepayPoint reports whether a meter of the account's meter point mpID, of either
// fuel, is in prepayment mode.
func prepayPoint(a *sim.Account, mpID string) bool {
	if len(a.PrepayMeters) == 0 {
		return false
	}
	for _, p := range a.Properties {
		for _, mp := range p.ElectricityMeterPoints {
			if mp.ID == mpID && slices.ContainsFunc(mp.Meters, func(m sim.ElectricityMeter) bool { return prepayOf(a, m.ID) != nil }) {
				return true
			}
		}
		for _, mp := range p.GasMeterPoints {
			if mp.ID == mpID && slices.ContainsFunc(mp.Meters, func(m sim.GasMeter) bool { return prepayOf(a, m.ID) != nil }) {
				return true
			}
		}
	}
	return false
}

// generatePaymentAllocationNumber answers a prepayment meter's Payment Allocation
// Number, with which a shop's payment reaches it: nineteen digits in the British
// prepayment range (9826), the last a Luhn check digit, the same each time for the meter.
func generatePaymentAllocationNumber(_ context.Context, c *sim.Call) (any, error) {
	a, p, err := prepayDevice(c, input(c))
	if err != nil {
		return nil, err
	}
	body := fmt.Sprintf("9826%014d", fake.HashStrings("pan", a.Number, p.pm.MeterID)%1e14)
	return obj{"pan": body + luhnDigit(body), "possibleErrors": []any{}}, nil
}

// luhnDigit is the Luhn check digit of a string of digits.
func luhnDigit(digits string) string {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if (len(digits)-1-i)%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return strconv.Itoa((10 - sum%10) % 10)
}
