package accounts

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/workdays"
	"github.com/krakensim/krakensim/sim/world"
)

// Kraken closes an account's statement once a month on its billing day, posting each
// fuel's charges for the month to that fuel's ledger, and collects a direct debit on its
// schedule's payment day, allocated across a dual-fuel account's ledgers. State lists
// what was scripted or imported; the months from its open statement period (or from the
// day the account was opened, if later) to the period under way are billed here as
// Kraken would have billed them, so that an account opened years ago has a statement a
// month, its charges and its collections. A month's charge is the fuel's use at the
// agreement in force each day (as the account's usage estimate prices it) with the
// standing charge and tax, the use scaled by one factor per account so that the ledgers
// run from zero when the account was opened to the balances state gives them now. An
// export supply is paid as Kraken pays one: a charge of minus what its export earned over
// the month (from its export agreement's start, within the month) at the agreement in
// force, tax-free, on the electricity ledger. What its meter measured is never scaled:
// the fit scales the import's use to what the collections and the export credits leave.

// maxBillingRuns bounds the months billed, so that an account dated long ago costs what
// twenty years of statements do.
const maxBillingRuns = 240

// statementIssueDays is how long after its period ends a statement is issued.
const statementIssueDays = 2

// fitBounds bound the factor the use billed is scaled by; beyond them the whole charge
// is, and what that cannot fit is a balance brought forward when billing began.
var fitBounds = [2]float64{0.25, 4}

// fitTolerance is the part of an account's charges its collections may miss by and its
// meters' use still be billed as they measured it: what they miss was brought forward.
const fitTolerance = 0.05

// billed is what Kraken's billing has done on an account by today beyond what state
// lists: the statements its runs closed, by period, and the charges and collections
// they posted (in no order: a ledger's history sorts them); and the first day of the
// period under way ("" for none).
type billed struct {
	runs        []sim.Statement
	posted      []sim.Transaction
	collections []sim.Payment
	// details are what each charge the runs posted charged for, by transaction id.
	details map[string]chargeDetail
	open    string
	// measured is whether the use billed is what the meters measured (not scaled to
	// fit the collections).
	measured bool
	// all are state's statements and the runs', once a reader has asked for them.
	all []sim.Statement
	// used are billedCharges' answers, by supply (point and fuel), once asked for.
	used map[string]billedUse
	// schedules are the account's payment schedules with its reviews (nil for none).
	schedules []sim.PaymentSchedule
	// pricing prices the account's use as its runs charge it (nil before a run).
	pricing *pricing
}

// billedUse is what billing charged for a supply's use and the scale of it to its
// register's (billedCharges).
type billedUse struct {
	charges []chargeDetail
	scale   float64
}

// billing is what Kraken's billing has done on an account by today, worked out once a
// call, and kept in the session's memo for the request's other root fields (aliases of
// one account) and the requests after it while nothing it read changes.
func (w *env) billing(a *sim.Account) *billed {
	if b, ok := w.billings[a]; ok {
		return b
	}
	key := billingKey{a.Number, w.sess != nil && !w.now.Equal(w.sess.Now())}
	k, ok := recall[keptBilling](w, key)
	b := k.b
	if !ok || !k.now.Equal(w.now) || k.account != a {
		b = runBilling(w, a)
		keep(w, key, keptBilling{w.now, a, b})
	}
	if w.billings == nil {
		w.billings = map[*sim.Account]*billed{}
	}
	w.billings[a] = b
	return b
}

// billingKey holds an account's billing in its session's memo: at the session's clock,
// or at a day of its own (an env at the account's anchor).
type billingKey struct {
	account  string
	anchored bool
}

// keptBilling is a billing kept in the memo, with the instant and the account it was
// worked out at.
type keptBilling struct {
	now     time.Time
	account *sim.Account
	b       *billed
}

// stop gives up the call's work when its request must stop (its deadline passed, its
// client went away): billing an account whose clock has moved far is the longest work a
// field does, and checks between its stages. The executor answers the field, and the
// fields after it, with the request's deadline error (KRAKENSIM-TIMEOUT).
func (w *env) stop() {
	if err := w.call.Err(); err != nil {
		panic(err)
	}
}

// billingPeriod is one month a run closed.
type billingPeriod struct{ from, to string }

// runBilling bills the months between state's open period and the one holding today:
// worked out at the anchor (anchorDay) and as far as today, or, for a day before the
// anchor, as at the anchor, as far as that day.
func runBilling(w *env, a *sim.Account) *billed {
	if w.today() < w.anchorDay(a) {
		return w.atAnchor(a).billing(a).until(w, a)
	}
	return runBillingFrom(w, a)
}

// runBillingFrom bills the months between state's open period and the one holding
// today, on or after the anchor.
func runBillingFrom(w *env, a *sim.Account) *billed {
	// State that lists statements to come has billed the account itself.
	b := &billed{open: listedOpenStart(w, a)}
	if b.open == "" {
		return b
	}
	start := b.open
	// An account is billed from the day it opened, unless state's statements (an
	// import's last) say from when.
	if !a.CreatedAt.IsZero() && a.OpenPeriodStart() == "" {
		start = max(start, a.CreatedAt.In(w.zone).Format(time.DateOnly))
	}
	supplies, rebates := chargedSupplies(w, a)
	// An account is billed monthly from the day its supply begins (its switch or move in,
	// after the account was made), its open statement starting then before it has,
	// unless state's statements say otherwise.
	if first := firstSupplied(supplies); a.OpenPeriodStart() == "" && first > start {
		start, b.open = first, first
	}
	// A month is billed once its statement is issued, statementIssueDays after it ends.
	cutoff := addDays(w.today(), 1-statementIssueDays)
	periods := untilFinal(billingPeriods(start, cutoff), start, cutoff, finalDay(a))
	// Billing begins with the first month the account is supplied in; an account never
	// supplied (one still joining) has not been billed.
	w.stop()
	charges := monthlyCharges(supplies, rebates, periods)
	w.stop()
	if len(charges) == 0 {
		return b
	}
	for len(periods) > 0 && periods[0].to < charges[0].period.from {
		periods = periods[1:]
	}
	b.open = addDays(periods[len(periods)-1].to, 1)
	// Runs number on from state's own statements; those imported hold ids of their own,
	// which the runs after them step past, so that an import never moves a run's id.
	var billed []sim.Statement
	used := map[string]bool{}
	for _, s := range a.Statements {
		used[s.ID] = true
		if !s.Historical {
			billed = append(billed, s)
		}
	}
	next := firstRunID(a, billed)
	// A run's id is its month's from the billing's start, so that a statement keeps its
	// id however far the clock is set (and so however many of the latest runs are kept).
	base := monthOf(start)
	last := 0
	for _, p := range periods {
		n := max(next+monthOf(p.from)-base, last+1)
		id := strconv.Itoa(n)
		for used[id] {
			n++
			id = strconv.Itoa(n)
		}
		last = n
		b.runs = append(b.runs, sim.Statement{
			ID: id, Number: id, BillPeriodFrom: p.from, BillPeriodTo: p.to,
			IssuedDate:    addDays(p.to, statementIssueDays),
			StatementPath: "statements/" + a.Number + "/" + id + ".pdf",
		})
	}
	// An account imported here is collected from by Kraken from its import on: what its
	// previous supplier collected before is in the balance it brought.
	collectFrom := periods[0].from
	if importedAnchor(w, a) != "" {
		collectFrom = max(collectFrom, a.CreatedAt.In(w.zone).Format(time.DateOnly))
	}
	collections, pending := scheduledCollections(w, a, a.PaymentSchedules, collectFrom)
	// The charges do not depend on what is collected after the anchor, so the reviews
	// of the account's direct debit since are made on them, and it collects at theirs.
	if w.today() > w.anchorDay(a) {
		posted, _, _, _, price := runPostings(w, a, periods, charges, collections, pending)
		w.stop()
		b.pricing = &pricing{supplies: supplies, rebates: rebates, start: start, first: periods[0].from, final: finalDay(a), price: price}
		if b.schedules = reviewSchedules(w, a, posted, periods[0].from, b.pricing); b.schedules != nil {
			collections, pending = scheduledCollections(w, a, b.schedules, collectFrom)
		}
	}
	for _, c := range collections {
		b.collections = append(b.collections, collectionPayment(c, "CLEARED"))
	}
	for _, c := range pending {
		b.collections = append(b.collections, collectionPayment(c, "PENDING"))
	}
	w.stop()
	var transfers []sim.Payment
	var price func(runCharge) int
	b.posted, transfers, b.details, b.measured, price = runPostings(w, a, periods, charges, collections, pending)
	b.pricing = &pricing{supplies: supplies, rebates: rebates, start: start, first: periods[0].from, final: finalDay(a), price: price}
	b.collections = append(b.collections, transfers...)
	settleFinal(w, a, b, periods)
	return b
}

// firstRunID is the id of the account's first billing run after billed, state's
// statements (its runs' too, for the run after them): one after the highest numbered.
// Statement ids are Kraken's across accounts: an account without statements of its own
// numbers its runs from a base of its own, so that a client caching StatementType by id
// never takes one account's statement for another's.
func firstRunID(a *sim.Account, billed []sim.Statement) int {
	next, _ := strconv.Atoi(nextID(1, statementIDs(billed)))
	if next == 1 {
		next = (100000+int(fake.HashStrings("statements", a.Number)%900000))*1000 + 1
	}
	return next
}

// monthOf is the number of date's month (YYYY-MM-DD), counted from year 0.
func monthOf(date string) int {
	y, _ := strconv.Atoi(date[:4])
	m, _ := strconv.Atoi(date[5:7])
	return y*12 + m - 1
}

// collectionPayment is a direct debit collection as the account's payments list it.
func collectionPayment(c sim.Transaction, status string) sim.Payment {
	return sim.Payment{ID: strings.TrimPrefix(c.ID, "P"), LedgerNumber: c.LedgerNumber, Amount: c.Amount, PaymentDate: c.Date,
		Reference: c.Reference, Status: status, TransactionType: "DD_REGULAR_COLLECTION"}
}

// billingPeriods are the months from start, each starting on start's day of the month,
// that ended before today; at most maxBillingRuns, the latest.
func billingPeriods(start, today string) []billingPeriod {
	return latestPeriods(start, today, maxBillingRuns)
}

// latestPeriods are billingPeriods' latest n (at most).
func latestPeriods(start, today string, n int) []billingPeriod {
	from, err := time.Parse(time.DateOnly, start)
	if err != nil {
		return nil
	}
	now, err := time.Parse(time.DateOnly, today)
	if err != nil {
		return nil
	}
	day := from.Day()
	var out []billingPeriod
	first := 1
	if months := (now.Year()-from.Year())*12 + int(now.Month()-from.Month()); months > n+1 {
		first = months - n - 1
	}
	for n := first; ; n++ {
		end := monthDay(from.Year(), from.Month()+time.Month(n), day)
		if end.After(now) {
			break
		}
		out = append(out, billingPeriod{monthDay(from.Year(), from.Month()+time.Month(n-1), day).Format(time.DateOnly), end.AddDate(0, 0, -1).Format(time.DateOnly)})
	}
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out
}

// runCharge is one month's charges for one fuel on one ledger before tax: its use in
// kWh and what that costs (before the fit scales it), and its standing charges.
type runCharge struct {
	point                string
	period               billingPeriod
	ledger, fuel         string
	kwh, usage, standing float64
	// read is whether a smart meter read the use (every meter, for a charge of several).
	read bool
	// export is whether the charge pays for an export (usage what it earned, untaxed);
	// first and last are the days its agreements covered.
	export      bool
	first, last int
	// parts are its use and standing charges at each price it was charged at, in order.
	parts []chargePart
	// rebate is what a concession takes off it.
	rebate rebateCharge
	// tax is the factor of its tax (supplyTax), ccl the Climate Change Levy on its use in
	// pence before tax (none where the levy is not charged).
	tax, ccl float64
	// nth is which of its period's charges of its fuel to its ledger it is, from 0: a
	// supply taxed otherwise than the fuel's others has a charge of its own.
	nth int
}

// rebateCharge is what a concession's rebate takes off a charge: a share of its use and
// standing charges before tax, and an amount a day (gross, in minor units), over the days
// [from, to) it applied in.
type rebateCharge struct {
	r                      *rebate
	usage, standing, daily float64
	from, to               int
}

// add is the rebate with another supply's of the same charge: its shares of their
// charges, but its amount a day once (the household's).
func (rc rebateCharge) add(o rebateCharge) rebateCharge {
	if rc.r == nil {
		return o
	}
	if o.r == nil {
		return rc
	}
	rc.usage, rc.standing, rc.daily = rc.usage+o.usage, rc.standing+o.standing, max(rc.daily, o.daily)
	rc.from, rc.to = min(rc.from, o.from), max(rc.to, o.to)
	return rc
}

// rebateOver is what the rebates of a supply take off its charges over the days
// [from, to).
func (s supplyCost) rebateOver(spans []rebateSpan, from, to int) rebateCharge {
	var rc rebateCharge
	for _, sp := range spans {
		lo, hi := max(from, sp.from), min(to, sp.to)
		if hi <= lo {
			continue
		}
		c := s.over(lo, hi)
		if len(c.parts) == 0 {
			continue // not supplied then
		}
		first, last := c.parts[0].from, c.parts[len(c.parts)-1].to
		if rc.r == nil {
			rc.r, rc.from = sp.r, first
		}
		rc.usage, rc.standing, rc.to = rc.usage+sp.r.share*c.usage, rc.standing+sp.r.share*c.standing, last
		rc.daily += sp.r.perYear * 100 / 365 * float64(last-first)
	}
	return rc
}

// amount is the rebate's credit (minor units) on a charge whose use was billed scaled by
// scale, its standing charges by standingScale, and taxed at tax.
func (rc rebateCharge) amount(scale, standingScale, tax float64) int {
	if rc.r == nil {
		return 0
	}
	return int(math.Round((rc.usage*scale+rc.standing*standingScale)*tax + rc.daily))
}

// note says what the rebate credited.
func (rc rebateCharge) note() string {
	span := dateOf(rc.from) + " to " + dateOf(rc.to-1)
	if rc.r.perYear > 0 {
		return fmt.Sprintf("%s c a day from %s", decimal(math.Round(rc.r.perYear*100/365*100)/100), span)
	}
	return fmt.Sprintf("%s%% off the charges from %s", decimal(rc.r.share*100), span)
}

// chargePart is a charge's use and standing charges before tax over a run of its days
// [from, to) at one price, at one supply point (point, its identifier).
type chargePart struct {
	point                string
	from, to             int
	kwh, usage, standing float64
	// night is the part of kwh an Economy 7 meter's night register counted, billed at
	// its night rate (0 for another tariff).
	night  float64
	prices tariffPrices
}

// addParts are parts with more added: a part over the same days at the same prices
// at the same supply point adds to it, any other (another supply's) is put in order.
func addParts(parts, more []chargePart) []chargePart {
	out := slices.Clone(parts)
	for _, m := range more {
		i := slices.IndexFunc(out, func(p chargePart) bool {
			return p.point == m.point && p.from == m.from && p.to == m.to && p.prices == m.prices
		})
		if i < 0 {
			out = append(out, m)
			continue
		}
		out[i].kwh, out[i].night, out[i].usage, out[i].standing = out[i].kwh+m.kwh, out[i].night+m.night, out[i].usage+m.usage, out[i].standing+m.standing
	}
	slices.SortStableFunc(out, func(x, y chargePart) int { return cmp.Compare(x.from, y.from) })
	return out
}

// chargeDetail is what a charge of the runs charged for: the period, the use billed,
// and its net amounts for use and standing charges.
type chargeDetail struct {
	point                 string // the meter point's identifier, "" when the charge is of several
	from, to, fuel        string
	kwh                   float64
	usageNet, standingNet int
	// actual is whether the use billed is what smart meters read, not an estimate.
	actual bool
	// export is whether the charge pays for an export: its amounts are untaxed and
	// negative.
	export bool
	// parts are the use billed and the standing charges at each price, as billed.
	parts []chargePart
	// tax is the factor of its tax, ccl the Climate Change Levy on its use before tax.
	tax float64
	ccl int
}

// runPostings are the runs' charges, the transactions of collections
// (shared across the ledgers charged; pending, today's, not yet posted) and, for an
// account that collects nothing by direct debit, the bank transfers that paid each
// statement when it fell due, and a variable direct debit's collections; with the
// payments of those transfers, what each charge charged for, and whether the use billed
// is what the meters measured; and what a charge of the account posts, less its rebate.
func runPostings(w *env, a *sim.Account, periods []billingPeriod, charges []runCharge, collections, pending []sim.Transaction) ([]sim.Transaction, []sim.Payment, map[string]chargeDetail, bool, func(runCharge) int) {
	// The fit is the anchor's: of the months issued and the collections made by it,
	// to the balances the fixtures give then; what comes after is billed alike.
	anchor := w.anchorDay(a)
	fitted := func(ch runCharge) bool { return addDays(ch.period.to, statementIssueDays) <= anchor }
	chargeLedgers := map[string]bool{}
	var usage, standing, earned float64
	for _, c := range charges {
		chargeLedgers[c.ledger] = true
		switch {
		case !fitted(c):
		case c.export:
			earned += math.Round(c.usage)
		default:
			usage += (c.usage + c.ccl) * c.tax // the levy is on the use, and scales with it
			standing += c.standing * c.tax
			earned += float64(c.rebate.amount(1, 1, c.tax)) // a concession's credit pays as an export's does
		}
	}
	need := ledgerNeeds(w, a, chargeLedgers)
	var collected, needed float64
	for _, c := range collections {
		if chargeLedgers[postedTo(a, c)] && c.Date < anchor {
			collected += float64(c.Amount)
		}
	}
	for _, n := range need {
		needed += n
	}
	debited := false // whether the account pays by direct debit, not on receipt
	for _, c := range collections {
		debited = debited || chargeLedgers[postedTo(a, c)]
	}
	// A statement falling due before any direct debit began, or while the account paid
	// on receipt, is paid by transfer, though a direct debit set up later collects what
	// follows.
	onReceipt := func(ch runCharge) bool {
		due := addDays(ch.period.to, statementIssueDays+paymentTermDays)
		begun := slices.ContainsFunc(a.PaymentSchedules, func(s sim.PaymentSchedule) bool {
			return s.ScheduleType == "DIRECT_DEBIT" && s.ValidFrom <= due
		})
		return !debited || !begun || receiptOn(a.PaymentSchedules, due) || debitStopped(a, ch.ledger, due, w.zone) != ""
	}
	// The day a variable direct debit collects a charge ("" for none), and, when its
	// mandate was invalidated by then, the day from which a transfer pays it instead.
	debitOf := func(ch runCharge) (collect, stopped string) {
		issue := addDays(ch.period.to, statementIssueDays)
		if collect = variableCollection(a, issue); collect == "" {
			// A schedule ended by its mandate's end (endDebitSchedule) no longer
			// collects; what it announced is paid by transfer from that end.
			if announced := announcedCollection(a, issue); announced != "" {
				return "", debitStopped(a, ch.ledger, announced, w.zone)
			}
			return "", ""
		}
		if stopped = debitStopped(a, ch.ledger, collect, w.zone); collect == "" || stopped != "" {
			return "", stopped
		}
		return collect, ""
	}
	// Direct debits and export credits pay for the charges: the use billed is the
	// meter's where what was collected and earned pays for it to within fitTolerance
	// (the rest brought forward when billing began), else the meter's scaled so that
	// what was collected leaves each ledger at its balance (the standing charges are the
	// tariff's, the export what its meter measured), or the whole charge where the use
	// cannot be scaled within fitBounds (debits that barely cover the standing charges).
	// An account paying on receipt pays what it is charged, so its use is billed as it is.
	scale, standingScale := 1.0, 1.0
	paid := collected + earned
	if usage > 0 && collected > 0 && math.Abs(paid-needed-standing-usage) > fitTolerance*(usage+standing) {
		scale = (paid - needed - standing) / usage
		if scale < fitBounds[0] || scale > fitBounds[1] {
			scale = min(max((paid-needed)/(usage+standing), fitBounds[0]), fitBounds[1])
			standingScale = scale
		}
	}
	amountOf := func(ch runCharge) float64 {
		if ch.export {
			return -math.Round(ch.usage)
		}
		return (math.Round(ch.usage*scale) + math.Round(ch.standing*standingScale) + math.Round(ch.ccl*scale)) * ch.tax // each line to the penny, then its tax
	}
	// A collection is shared across the ledgers charged in proportion to what each
	// must be paid: its charges less what it must gain.
	ledgers := sortedKeys(chargeLedgers)
	share := map[string]float64{}
	for _, ch := range charges {
		if fitted(ch) {
			share[ch.ledger] += amountOf(ch)
		}
	}
	for _, l := range ledgers {
		share[l] = max(share[l]+need[l], 0)
	}
	out := shareCollections(a, collections, ledgers, share)
	gained := map[string]int{}
	for _, t := range out {
		if t.Date < anchor {
			gained[postedTo(a, t)] += t.Signed()
		}
	}
	today := w.today()
	var transfers []sim.Payment
	last, count := map[string]int{}, map[string]int{}
	posted := make([]int, len(charges))
	days, country := w.days(), fake.Country(w.zone)
	// A statement's charges on one ledger are paid by one payment: what each but the
	// last owes is carried to the last (whole says what it pays, false for none).
	carried := map[billingPeriod]map[string]int{}
	whole := func(k, owed int) (int, bool) {
		ch := charges[k]
		if carried[ch.period] == nil {
			carried[ch.period] = map[string]int{}
		}
		if slices.ContainsFunc(charges[k+1:], func(o runCharge) bool { return !o.export && o.ledger == ch.ledger && o.period == ch.period }) {
			carried[ch.period][ch.ledger] += owed
			return 0, false
		}
		return owed + carried[ch.period][ch.ledger], true
	}
	var variable []int // the charges a variable direct debit collects, in the order issued
	final := finalDay(a)
	for k, ch := range charges {
		amount := int(math.Round(amountOf(ch)))
		to, kind := ch.period.to, ch.fuel[:1]
		if ch.export {
			kind = "X"
		}
		suffix := ""
		if ch.nth > 0 {
			suffix = "-" + strconv.Itoa(ch.nth+1)
		}
		out = append(out, sim.Transaction{
			ID: "C" + to[:4] + to[5:7] + to[8:] + kind + ledgerTag(a, ch.ledger) + suffix, LedgerNumber: ch.ledger,
			Date: ch.period.to, Amount: amount, Type: "CHARGE", Reason: "ENERGY_CHARGE", DisplayNote: ch.fuel,
		})
		posted[k] = len(out) - 1
		// A concession's rebate is credited on the charge's statement, which owes the rest.
		owed := amount
		if rebated := ch.rebate.amount(scale, standingScale, ch.tax); rebated > 0 && !ch.export {
			out = append(out, sim.Transaction{
				ID: "R" + to[:4] + to[5:7] + to[8:] + kind + ledgerTag(a, ch.ledger) + suffix, LedgerNumber: ch.ledger, Date: ch.period.to, Amount: rebated,
				Type: "CREDIT", Reason: ch.rebate.r.name, DisplayNote: ch.rebate.r.name, Note: ch.rebate.note(),
			})
			owed -= rebated
		}
		if !fitted(ch) {
			collect, stopped := debitOf(ch)
			switch {
			case ch.export:
			case ch.period.to == final && finalDebit(a, final) != nil:
				// The final statement's direct debit collects it (settleFinal).
			case collect != "":
				variable = append(variable, k)
			case onReceipt(ch) && importedAnchor(w, a) == "":
				// A transfer pays a statement whole (an account imported here is paid
				// only as its import says: by its direct debit, or not at all): the fixtures' balances already count
				// transfers still to come for statements issued before the anchor.
				if owed, ok := whole(k, owed); !ok || owed <= 0 {
					break
				} else if tx, p, ok := transferFor(days, country, a, ch, owed, today, "", stopped); ok {
					out, transfers = append(out, tx), append(transfers, p)
				}
			}
			continue // billed after the anchor: it moves the balance on
		}
		gained[ch.ledger] -= owed
		// An export credit is paid as earned: no transfer pays it, nor does it take
		// what rounding left.
		if ch.export {
			continue
		}
		last[ch.ledger], count[ch.ledger] = posted[k], count[ch.ledger]+1
		if debited {
			continue
		}
		pays, ok := whole(k, owed)
		if !ok || pays <= 0 {
			continue
		}
		if tx, p, ok := transferFor(days, country, a, ch, pays, today, "", ""); ok {
			out, transfers = append(out, tx), append(transfers, p)
			if tx.Date < anchor {
				gained[ch.ledger] += pays
			}
		}
	}
	if len(variable) > 0 {
		paid := append(shareCollections(a, pending, ledgers, share), clearedPayments(w, a)...)
		out, transfers = variableCollections(w, a, charges, variable, posted, out, paid, transfers)
	}
	// What rounding the scaled charges left goes to each ledger's last charge; what the
	// payments cannot account for (a ledger in credit that pays on receipt, a fit out of
	// bounds) was brought forward when its billing began.
	for _, l := range ledgers {
		d := gained[l] - int(math.Round(need[l]))
		if i, ok := last[l]; ok && collected > 0 && d != 0 && abs(d) <= count[l]+len(collections) && out[i].Amount+d > 0 {
			out[i].Amount += d
			continue
		}
		if d == 0 {
			continue
		}
		bf := sim.Transaction{ID: "BF" + strings.ReplaceAll(periods[0].from, "-", "") + ledgerTag(a, l),
			LedgerNumber: l, Date: periods[0].from, Amount: abs(d), Type: "CREDIT", Reason: "BALANCE_TRANSFER", DisplayNote: "Balance brought forward"}
		if d > 0 {
			bf.Type = "CHARGE"
		}
		out = append(out, bf)
	}
	details := make(map[string]chargeDetail, len(charges))
	for k, ch := range charges {
		t := out[posted[k]]
		if ch.export {
			details[t.ID] = chargeDetail{point: ch.point, from: dateOf(ch.first), to: dateOf(ch.last), fuel: ch.fuel, kwh: ch.kwh,
				usageNet: t.Amount, actual: ch.read, export: true, parts: ch.parts}
			continue
		}
		net := int(math.Round(float64(t.Amount) / ch.tax))
		u, st := ch.usage*scale, ch.standing*standingScale
		d := chargeDetail{point: ch.point, from: ch.period.from, to: ch.period.to, fuel: ch.fuel, kwh: ch.kwh * scale,
			actual: ch.read && scale == 1 && standingScale == 1, parts: ch.parts, tax: ch.tax}
		d.ccl = min(int(math.Round(ch.ccl*scale)), max(net, 0))
		net -= d.ccl
		if scale != 1 || standingScale != 1 { // the charge's own parts stay as measured
			d.parts = slices.Clone(ch.parts)
			for i := range d.parts {
				p := &d.parts[i]
				p.kwh, p.night, p.usage, p.standing = p.kwh*scale, p.night*scale, p.usage*scale, p.standing*standingScale
			}
		}
		if ch.last > 0 { // the days it supplied of the period: a supply that began or ended in it, fewer
			d.from, d.to = max(d.from, dateOf(ch.first)), min(d.to, dateOf(ch.last))
		}
		if u+st > 0 {
			d.usageNet = min(int(math.Round(u)), net) // the standing charge is the rest: itself, but what a fit's rounding moved
		}
		d.standingNet = net - d.usageNet
		details[t.ID] = d
	}
	price := func(ch runCharge) int {
		amount := int(math.Round(amountOf(ch)))
		if rebated := ch.rebate.amount(scale, standingScale, ch.tax); rebated > 0 && !ch.export {
			amount -= rebated
		}
		return amount
	}
	return out, transfers, details, scale == 1 && standingScale == 1, price
}

// variableCollections adds to out (the runs' postings so far) and to transfers the
// collections of a variable direct debit for the charges variable (indexes of charges
// issued after the anchor, in the order issued; posted says where out holds each): on
// each ledger, what its statement leaves owing once issued, when in debit (nothing when
// in credit): the ledger's balance at the anchor moved by what was posted and paid
// since, by the statement's issue (out's and paid's: a fixed schedule's collections in
// its period among them), and by what the debit collects for the statements before. A
// statement's charges on one ledger are collected together, once.
func variableCollections(w *env, a *sim.Account, charges []runCharge, variable, posted []int, out, paid []sim.Transaction, transfers []sim.Payment) ([]sim.Transaction, []sim.Payment) {
	anchor, today := w.anchorDay(a), w.today()
	days, country := w.days(), fake.Country(w.zone)
	type moved struct {
		on     string // the day it counts from
		ledger string
		amount int
	}
	var moves []moved
	for _, t := range append(slices.Clone(out), paid...) {
		switch on := postedBy(t, anchor); {
		case (runChargeTx(t) || runRebateTx(t)) && on > anchor:
			moves = append(moves, moved{on, postedTo(a, t), t.Signed()})
		case t.Type == "PAYMENT" && t.Date >= anchor:
			moves = append(moves, moved{t.Date, postedTo(a, t), t.Signed()})
		}
	}
	collected := map[string]int{}
	for i, k := range variable {
		ch := charges[k]
		issue := addDays(ch.period.to, statementIssueDays)
		balance := ledgerBalance(a, ch.ledger) + collected[ch.ledger]
		for _, m := range moves {
			if m.ledger == ch.ledger && m.on <= issue {
				balance += m.amount
			}
		}
		if slices.ContainsFunc(variable[i+1:], func(j int) bool { return charges[j].ledger == ch.ledger && charges[j].period == ch.period }) {
			continue // one collection a ledger: the statement's last charge on it collects
		}
		amount := max(-balance, 0)
		collected[ch.ledger] += amount
		if amount == 0 {
			continue
		}
		if tx, p, ok := transferFor(days, country, a, ch, amount, today, variableCollection(a, issue), ""); ok {
			if tx.ID != "" { // a collection scheduled or pending posts nothing yet
				out = append(out, tx)
			}
			transfers = append(transfers, p)
		}
	}
	return out, transfers
}

// transferFor is the bank transfer that paid a charge of amount on an account paying
// on receipt, when it fell due before today, and its payment (a Bacs deposit in Great
// Britain, an EFT in the country's own scheme elsewhere); or, with the day a variable
// direct debit collects it, its collection then (scheduled before that day and pending
// on it, when no transaction posts yet); false for none yet. A transfer paying what a
// direct debit stopped on the day after would have collected is made from that day.
func transferFor(days *workdays.Calendar, country string, a *sim.Account, ch runCharge, amount int, today string, collect, after string) (sim.Transaction, sim.Payment, bool) {
	byDebit := collect != ""
	due := max(addDays(ch.period.to, statementIssueDays+paymentTermDays), after)
	if byDebit {
		due = collect
	}
	if d, err := time.Parse(time.DateOnly, due); err == nil {
		due = days.Next(d).Format(time.DateOnly) // a transfer reaches the bank, and Bacs collects, on a working day
	}
	if due >= today && !byDebit {
		return sim.Transaction{}, sim.Payment{}, false
	}
	fuel := 2 * ch.nth // a second charge of a fuel in a period is paid apart
	if ch.fuel == "Gas" {
		fuel++
	}
	id := billingPaymentID(transferIDs, a, ch.ledger, ch.period.from, fuel)
	scheme, kind, method, note, status := "BACS", "BACS_DEPOSIT", "BANK_TRANSFER", "Bank transfer", "CLEARED"
	if country != "GB" {
		scheme, kind = "EFT", "EFT"
	}
	if byDebit {
		id = billingPaymentID(variableDebitIDs, a, ch.ledger, ch.period.from, fuel) // by statement: a holiday may put two statements' on one day
		scheme, kind, method, note = "DD", "DD_REGULAR_COLLECTION", "DIRECT_DEBIT", "Direct debit"
		switch {
		case due == today:
			status = "PENDING" // a direct debit clears the day after its collection day
		case due > today:
			status = "SCHEDULED" // its statement has told its amount
		}
	}
	ref := scheme + "-" + strings.TrimPrefix(a.Number, "A-") + "-" + strings.ReplaceAll(ch.period.to[2:7], "-", "")
	p := sim.Payment{ID: id, LedgerNumber: ch.ledger, Amount: amount, PaymentDate: due, Reference: ref, Status: status, TransactionType: kind}
	if status != "CLEARED" {
		return sim.Transaction{}, p, true
	}
	return sim.Transaction{ID: "P" + id, LedgerNumber: ch.ledger, Date: due, Amount: amount, Type: "PAYMENT",
		Reason: "GENERAL_CREDIT", Reference: ref, PaymentType: method, DisplayNote: note}, p, true
}

// announcedCollection is the day the variable direct debit in force on issue would
// have collected the statements issued then, when its schedule ended before that day
// ("" else).
func announcedCollection(a *sim.Account, issue string) string {
	if s := monthlyDebitOn(a, issue); variableDebit(s) && !s.IsPaymentHoliday && s.ValidTo != "" {
		if day := paymentDayFrom(addDays(issue, 7), s.PaymentDay).Format(time.DateOnly); day > s.ValidTo {
			return day
		}
	}
	return ""
}

// monthlyDebitOn is the account's monthly direct debit schedule in force on day, or nil.
func monthlyDebitOn(a *sim.Account, day string) *sim.PaymentSchedule {
	for i := range a.PaymentSchedules {
		s := &a.PaymentSchedules[i]
		if s.ScheduleType == "DIRECT_DEBIT" && strings.EqualFold(s.PaymentFrequency, "Monthly") && scheduleActive(*s, day) {
			return s
		}
	}
	return nil
}

// variableDebit reports whether s is a direct debit of a variable amount.
func variableDebit(s *sim.PaymentSchedule) bool {
	return s != nil && s.IsVariablePaymentAmount && s.PaymentAmount <= 0
}

// variableCollection is the day a direct debit of a variable amount collects the
// account's statements issued on issue ("" for none): the debit in force on that day
// collects on its payment day at least a week later, after any payment holiday then;
// none when, by that day, a schedule of a fixed amount (or none) has taken its place.
func variableCollection(a *sim.Account, issue string) string {
	s := monthlyDebitOn(a, issue)
	if !variableDebit(s) {
		return ""
	}
	after := addDays(issue, 7) // its advance notice
	for range 24 {
		day := paymentDayFrom(after, s.PaymentDay).Format(time.DateOnly)
		switch cur := monthlyDebitOn(a, day); {
		case !variableDebit(cur):
			return ""
		case cur.IsPaymentHoliday && cur.ValidTo != "":
			after = addDays(cur.ValidTo, 1) // collected once the holiday is over
		case cur.IsPaymentHoliday:
			return ""
		default:
			return day
		}
	}
	return ""
}

// paymentDayFrom is the first payment day (1–28) of a monthly schedule on or after the
// date after.
func paymentDayFrom(after string, paymentDay int) time.Time {
	from, _ := time.Parse(time.DateOnly, after)
	payDay := min(max(paymentDay, 1), 28)
	if d := monthDay(from.Year(), from.Month(), payDay); !d.Before(from) {
		return d
	}
	return monthDay(from.Year(), from.Month()+1, payDay)
}

// ledgerTag names a ledger in the ids of what billing posts to it, so that they are
// unique across accounts: its id, or the account's number for an account without
// ledgers.
func ledgerTag(a *sim.Account, number string) string {
	if l := a.Ledger(number); l != nil && l.ID != "" {
		return l.ID
	}
	return strings.TrimPrefix(a.Number, "A-")
}

// abs is n without its sign.
func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// ledgerNeeds is what the runs must add to each ledger charged so that it ends at its
// balance: its balance, less what state lists on it, plus the charges of state's
// statements that no transaction posts (on the statements' ledger, else the first).
func ledgerNeeds(w *env, a *sim.Account, chargeLedgers map[string]bool) map[string]float64 {
	need := map[string]float64{}
	for l := range chargeLedgers {
		need[l] = float64(ledgerBalance(a, l))
	}
	h := w.listedHistory(a, "", true) // all of them: the state's balance holds them
	for _, t := range h {
		if l := postedTo(a, *t); chargeLedgers[l] {
			need[l] -= float64(t.Signed())
		}
	}
	of := statementLedger(a)
	l := cmp.Or(of, firstLedger(a))
	if !chargeLedgers[l] {
		return need
	}
	// A statement's charges state does not list are posted for it (the history holds
	// them, unpostedStatementCharges); what state lists beyond its total is owed less.
	for _, s := range a.Statements {
		if !s.Historical && s.GrossAmount != 0 {
			need[l] += float64(min(s.GrossAmount-statedCharges(a, s, of), 0))
		}
	}
	return need
}

// shareCollections are the transactions of collections: one on its own ledger, or, on
// an account charged on several ledgers, a part on each in proportion to share.
func shareCollections(a *sim.Account, collections []sim.Transaction, ledgers []string, share map[string]float64) []sim.Transaction {
	var shares float64
	charged := map[string]bool{}
	for _, l := range ledgers {
		shares += share[l]
		charged[l] = true
	}
	var out []sim.Transaction
	for _, c := range collections {
		if len(ledgers) < 2 || !charged[postedTo(a, c)] || shares <= 0 {
			out = append(out, c)
			continue
		}
		left := c.Amount
		for i, l := range ledgers {
			part := c
			part.LedgerNumber = l
			if i < len(ledgers)-1 {
				part.Amount = int(math.Round(float64(c.Amount) * share[l] / shares))
			} else {
				part.Amount = left
			}
			left -= part.Amount
			if i > 0 {
				part.ID = fmt.Sprintf("%s-%d", c.ID, i)
			}
			if part.Amount > 0 {
				out = append(out, part)
			}
		}
	}
	return out
}

// sortedKeys are a set's members in order.
func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// fuelLedger is the ledger a fuel's charges are posted to: the account's ledger of that
// fuel, else its first.
func fuelLedger(a *sim.Account, ledgerType string) string {
	for _, l := range a.Ledgers {
		if l.LedgerType == ledgerType {
			return l.Number
		}
	}
	return firstLedger(a)
}

// chargedSupplies are the supplies of the account its statements charge, from the day
// each moved in (a supply a prepayment meter meters is charged nothing: its credit pays
// for its use), with the runs of days a concession's rebate applies to each
// (billedRebates; an export's none).
func chargedSupplies(w *env, a *sim.Account) (supplies []supplyCost, rebates [][]rebateSpan) {
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			if mp := &p.ElectricityMeterPoints[j]; !prepayPoint(a, mp.ID) {
				s := electricitySupplyCost(w, a, mp).since(p.OccupiedFrom)
				supplies = append(supplies, s)
				rebates = append(rebates, nil)
				if !s.export {
					rebates[len(rebates)-1] = billedRebates(w, a, p.Address, true)
				}
			}
		}
		for j := range p.GasMeterPoints {
			if mp := &p.GasMeterPoints[j]; !prepayPoint(a, mp.ID) {
				supplies = append(supplies, gasSupplyCost(w, a, mp).since(p.OccupiedFrom))
				rebates = append(rebates, billedRebates(w, a, p.Address, false))
			}
		}
	}
	// The runs, their rebates, the periodic reviews and the payment review cost the same
	// months: each supply keeps what they cost, and what the months closed by today cost
	// is kept across the session's requests while its world stands (keptOvers).
	kept := keptOversOf(w, a)
	for i := range supplies {
		supplies[i].overs = map[[2]int]runCharge{}
		supplies[i].closed = dayNumber(w.today())
		// A household in Saving Sessions used less in the events of the seasons read
		// back from now's, which the clock moves: its import is not kept.
		if kept != nil && (a.SavingSessions == nil || supplies[i].fuel != "Electricity" || supplies[i].export) {
			supplies[i].kept = kept.of(supplies[i])
		}
	}
	return supplies, rebates
}

// oversKey holds an account's keptOvers in its session's memo (Session.KeepDerived).
type oversKey struct{ account string }

// keptOvers are what an account's supplies cost over spans of days closed by the day
// they were worked out on: a function of the world (its meters, readings, agreements)
// and the span, so kept however the clock moves, while the world stands. A supply's
// are kept by what the clock may change of it (supplyKind): its meter in place, its
// tariffs' stretches.
type keptOvers struct {
	account *sim.Account
	// control is the account's devices' control they were worked out under, read
	// whether the call read it.
	control  world.CarControl
	read     bool
	supplies []keptSupply
}

// keptSupply is one supply's kept costs, with what it was then.
type keptSupply struct {
	kind      supplyKind
	stretches []costStretch
	overs     map[[2]int]runCharge
}

// supplyKind is what tells a supply's costs apart, but for its stretches.
type supplyKind struct {
	fuel, ledger, point string
	meter               int
	smart, export, ccl  bool
	tax                 float64
}

// maxKeptOvers bounds a supply's kept costs (past it they start again), and
// maxKeptSupplies the supplies an account keeps them for.
const (
	maxKeptOvers    = 4 * maxBillingRuns
	maxKeptSupplies = 16
)

// keptOversOf is the account's keptOvers in w's session, made when none stands (nil
// without a session). The memo does not follow the devices' control (a car's boosts
// and battery), which a car's household's meter reads: costs are kept with the control
// they were worked out under, and start again when it differs.
func keptOversOf(w *env, a *sim.Account) *keptOvers {
	if w.sess == nil {
		return nil
	}
	key := oversKey{a.Number}
	c, read := w.control[a.Number]
	if k, ok := w.sess.Derived(key).(*keptOvers); ok && k.account == a && k.read == read && sameControl(k.control, c) {
		return k
	}
	k := &keptOvers{account: a, control: c, read: read}
	w.sess.KeepDerived(key, k)
	return k
}

// sameControl reports whether two readings of a car's control tell the same.
func sameControl(x, y world.CarControl) bool {
	boosts := func(x, y world.Boost) bool { return x.From.Equal(y.From) && x.To.Equal(y.To) }
	return slices.EqualFunc(x.Boosts, y.Boosts, boosts) && slices.EqualFunc(x.Suspended, y.Suspended, boosts) &&
		x.Battery.KWh == y.Battery.KWh && slices.EqualFunc(x.Battery.Mornings, y.Battery.Mornings, func(x, y world.Mornings) bool {
		return x.From.Equal(y.From) && x.Percent == y.Percent
	})
}

// of is the kept costs of a supply like s, made when there are none.
func (k *keptOvers) of(s supplyCost) map[[2]int]runCharge {
	kind := s.kind()
	for i := range k.supplies {
		if ks := &k.supplies[i]; ks.kind == kind && slices.Equal(ks.stretches, s.stretches) {
			if len(ks.overs) > maxKeptOvers {
				clear(ks.overs)
			}
			return ks.overs
		}
	}
	if len(k.supplies) >= maxKeptSupplies { // stretches the clock moves: the oldest goes
		k.supplies = slices.Delete(k.supplies, 0, 1)
	}
	k.supplies = append(k.supplies, keptSupply{kind, slices.Clone(s.stretches), map[[2]int]runCharge{}})
	return k.supplies[len(k.supplies)-1].overs
}

// kind is the supply's supplyKind.
func (s supplyCost) kind() supplyKind {
	return supplyKind{s.fuel, s.ledger, s.point, s.meter, s.smart, s.export, s.ccl, s.tax}
}

// firstSupplied is the first day any of supplies is charged for ("" for none).
func firstSupplied(supplies []supplyCost) string {
	first := math.MaxInt
	for _, s := range supplies {
		if len(s.stretches) > 0 {
			first = min(first, s.stretches[0].from)
		}
	}
	if first == math.MaxInt {
		return ""
	}
	return dateOf(first)
}

// monthlyCharges are each period's charges for each fuel supplied in it: each day's
// use at the unit rate of the agreement in force that day (on a two-rate tariff, its
// use in the off-peak hours at night and the rest at day), its standing charge, and
// tax. A day before the first agreement state lists, once the supply's first meter was
// in place, is charged at that agreement; a supply a prepayment meter meters is charged
// nothing (its credit pays for its use). An export's charge is what its export earned
// over the days its export agreements cover, each at its rate. A charge carries what a
// concession's rebate takes off it (each supply's rebates, chargedSupplies').
func monthlyCharges(supplies []supplyCost, rebates [][]rebateSpan, periods []billingPeriod) []runCharge {
	var out []runCharge
	for _, p := range periods {
		from, to := dayNumber(p.from), dayNumber(p.to)+1
		start := len(out)
		for i, s := range supplies {
			c := s.over(from, to)
			if c.usage+c.standing <= 0 {
				continue
			}
			c.rebate = s.rebateOver(rebates[i], from, to)
			merged := false
			for k := start; k < len(out); k++ {
				if o := &out[k]; o.ledger == s.ledger && o.fuel == s.fuel && o.export == s.export && o.tax == s.tax {
					o.kwh, o.usage, o.standing, o.ccl = o.kwh+c.kwh, o.usage+c.usage, o.standing+c.standing, o.ccl+c.ccl
					o.point, o.read, merged = "", o.read && s.smart, true
					o.first, o.last = min(o.first, c.first), max(o.last, c.last)
					o.parts = addParts(o.parts, c.parts)
					o.rebate = o.rebate.add(c.rebate)
				}
			}
			if !merged {
				c.period, c.ledger, c.fuel, c.point, c.read, c.export, c.tax = p, s.ledger, s.fuel, s.point, s.smart, s.export, s.tax
				for k := start; k < len(out); k++ {
					if o := &out[k]; o.ledger == s.ledger && o.fuel == s.fuel && o.export == s.export {
						c.nth++
					}
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// supplyCost is what a supply uses (its meter's register, with the seasons) and costs
// before tax over the stretches of days its agreements cover.
type supplyCost struct {
	fuel, ledger, point string
	smart               bool // its meter in place is a smart meter
	export              bool // it is an export's, costed at its export agreements
	register            world.Register
	zone                *time.Location
	stretches           []costStretch
	// free are the hours its use costs nothing (free electricity).
	free []flexEvent
	// tax is the factor of the tax its statements charge, and ccl whether Climate Change
	// Levy is charged on its use (supplyTax).
	tax float64
	ccl bool
	// overs are over's answers by their days in the call (chargedSupplies; nil: none
	// kept), and kept those of spans ending by closed (its day then) across calls.
	overs  map[[2]int]runCharge
	kept   map[[2]int]runCharge
	closed int
	// meter is the index of its meter in place (-1 for none).
	meter int
}

// costStretch is a run of days [from, to) (to is math.MaxInt while open) on a tariff
// (code) at its prices.
type costStretch struct {
	from, to int
	code     string
	prices   tariffPrices
}

// electricitySupplyCost is the cost of an electricity supply as statements charge it,
// drawn by its meter in place today.
func electricitySupplyCost(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint) supplyCost {
	m, smart := world.Meter{Register: mp.Identifier()}, false
	k := electricityMeterInPlace(mp, w.today())
	if k >= 0 {
		m, smart = electricityRegister(w, a, *mp, mp.Meters[k]), mp.Meters[k].IsDigital
	}
	fitted := firstFitted(mp.Meters, func(m sim.ElectricityMeter) string { return m.ActiveFrom })
	export := exportPoint(mp)
	if export {
		fitted = "" // an export is paid from its agreement's start, not its meter's
	}
	s := newSupplyCost(w, "Electricity", fuelLedger(a, "ELECTRICITY_LEDGER"), mp.Identifier(), mp.Agreements, m, true, fitted, export)
	s.smart, s.meter = smart, k
	if s.tax, s.ccl = w.supplyTax(a, m, true); export {
		s.tax, s.ccl = 1, false
	}
	s.payOnReceipt(w, a)
	if !export {
		s.free = freeHours(w, a)
	}
	return s
}

// gasSupplyCost is the cost of a gas supply as statements charge it, drawn by its meter
// in place today.
func gasSupplyCost(w *env, a *sim.Account, mp *sim.GasMeterPoint) supplyCost {
	m, smart := world.Meter{Register: mp.Identifier()}, false
	k := gasMeterInPlace(mp, w.today())
	if k >= 0 {
		m, smart = gasRegister(w, a, *mp, mp.Meters[k]), mp.Meters[k].IsDigital
	}
	fitted := firstFitted(mp.Meters, func(m sim.GasMeter) string { return m.ActiveFrom })
	s := newSupplyCost(w, "Gas", fuelLedger(a, "GAS_LEDGER"), mp.Identifier(), mp.Agreements, m, false, fitted, false)
	s.smart, s.meter = smart, k
	s.tax, s.ccl = w.supplyTax(a, m, false)
	s.payOnReceipt(w, a)
	return s
}

// payOnReceipt prices the supply's stretches as a's statements charge them: each day
// as a paid then (paidFrom), so that a change of method leaves the days before it alone.
func (s *supplyCost) payOnReceipt(w *env, a *sim.Account) {
	h := w.paidFrom(a)
	if h == nil {
		return
	}
	var out []costStretch
	for _, st := range s.stretches {
		out = append(out, h.priced(st)...)
	}
	s.stretches = out
}

// newSupplyCost is the cost of the supply at point with agreements, whose meter m
// draws its use and whose first meter was fitted on fitted ("" for none): an export's
// over its export (Outgoing) agreements, else over the rest.
func newSupplyCost(w *env, fuel, ledger, point string, agreements []sim.Agreement, m world.Meter, electricity bool, fitted string, export bool) supplyCost {
	s := supplyCost{fuel: fuel, ledger: ledger, point: point, export: export, register: m.In(w.zone), zone: w.zone}
	ags := slices.Clone(agreements)
	slices.SortStableFunc(ags, func(x, y sim.Agreement) int { return strings.Compare(x.ValidFrom, y.ValidFrom) })
	for _, ag := range ags {
		from, to := dayNumber(ag.ValidFrom), math.MaxInt
		if ag.ValidTo != "" {
			to = dayNumber(ag.ValidTo)
		}
		if ag.ValidFrom == "" || from >= to || exportTariff(ag.TariffCode) != export {
			continue
		}
		s.stretches = append(s.stretches, marketStretches(w, ag.TariffCode, electricity, from, to)...)
	}
	if len(s.stretches) > 0 && fitted != "" && dayNumber(fitted) < s.stretches[0].from {
		first := s.stretches[0]
		first.from, first.to = dayNumber(fitted), first.from
		s.stretches = append([]costStretch{first}, s.stretches...)
	}
	return s
}

// since is the supply as the account is charged for it from the day it moved in (a
// home's occupancy's start; "" for none): the days before are another's.
func (s supplyCost) since(movedIn string) supplyCost {
	day := dayNumber(movedIn)
	if day == 0 {
		return s
	}
	kept := s.stretches[:0:0]
	for _, st := range s.stretches {
		if st.to > day {
			st.from = max(st.from, day)
			kept = append(kept, st)
		}
	}
	s.stretches = kept
	return s
}

// firstFitted is the earliest day any of meters was fitted on ("" for none).
func firstFitted[M any](meters []M, from func(M) string) string {
	first := ""
	for _, m := range meters {
		if f := from(m); f != "" && (first == "" || f < first) {
			first = f
		}
	}
	return first
}

// over is the supply's use and costs before tax over the days [from, to), each day
// counted once however its agreements overlap: an export's, what it earned, its kWh
// metered to the hundredth as its statement states them.
func (s supplyCost) over(from, to int) runCharge {
	k := [2]int{from, to}
	if c, ok := s.overs[k]; ok {
		return c
	}
	if c, ok := s.kept[k]; ok {
		return c
	}
	c := s.costOver(from, to)
	switch {
	case s.kept != nil && to <= s.closed:
		s.kept[k] = c
	case s.overs != nil:
		s.overs[k] = c
	}
	return c
}

// costOver is over, worked out.
func (s supplyCost) costOver(from, to int) runCharge {
	var c runCharge
	at := from
	for _, st := range s.stretches {
		lo, hi := max(at, st.from), min(to, st.to)
		if hi <= lo {
			continue
		}
		if at == from { // the first day covered
			c.first = lo
		}
		c.last = hi - 1
		kwh := s.register.Use(dayTime(lo, s.zone), dayTime(hi, s.zone))
		var usage float64
		if s.export {
			kwh = math.Round(kwh*100) / 100
			usage = kwh * st.prices.unit
		} else {
			usage = s.usage(st.code, st.prices, lo, hi, kwh)
		}
		usage -= s.freeUse(dayTime(lo, s.zone), dayTime(hi, s.zone))
		standing := float64(hi-lo) * st.prices.standing
		if s.ccl {
			c.ccl += s.cclOver(lo, hi)
		}
		var night float64
		if !s.export && st.prices.twoRate && strings.HasPrefix(st.code, "E-2R-") { // an Economy 7 meter's night register's
			night = s.nightOver(st.code, lo, hi)
		}
		c.kwh, c.usage, c.standing = c.kwh+kwh, c.usage+usage, c.standing+standing
		if n := len(c.parts); n > 0 && c.parts[n-1].to == lo && c.parts[n-1].prices == st.prices {
			p := &c.parts[n-1]
			p.to, p.kwh, p.night, p.usage, p.standing = hi, p.kwh+kwh, p.night+night, p.usage+usage, p.standing+standing
		} else {
			c.parts = append(c.parts, chargePart{point: s.point, from: lo, to: hi, kwh: kwh, night: night, usage: usage, standing: standing, prices: st.prices})
		}
		at = hi
	}
	return c
}

// cclOver is the Climate Change Levy on the supply's use over the days [lo, hi), in
// pence before tax: each day's at the rate in force that day.
func (s supplyCost) cclOver(lo, hi int) float64 {
	total := 0.0
	for d := lo; d < hi; {
		day, end := dateOf(d), d+1
		rate := cclRate(day, s.fuel == "Electricity")
		for end < hi && cclRate(dateOf(end), s.fuel == "Electricity") == rate {
			end++
		}
		total += s.register.Use(dayTime(d, s.zone), dayTime(end, s.zone)) * rate
		d = end
	}
	return total
}

// freeUse is what the supply's use in its free hours from one time to another would
// have cost: each half hour's at its rate then.
func (s supplyCost) freeUse(from, to time.Time) float64 {
	total := 0.0
	for _, e := range s.free {
		for h := maxTime(e.start, from); h.Before(minTime(e.end, to)); h = h.Add(30 * time.Minute) {
			total += s.register.Use(h, h.Add(30*time.Minute)) * s.tariffRateAt(h)
		}
	}
	return total
}

// usage is what kwh of use over the days [lo, hi) costs before tax on a tariff at
// prices: each half hour's at its price then on Agile and Cosy, a two-rate tariff's
// off-peak hours' at night and the rest at day (as its half hours cost), else all at
// its unit rate.
func (s supplyCost) usage(code string, p tariffPrices, lo, hi int, kwh float64) float64 {
	switch {
	case agile(code) || cosy(code):
		return s.halfHourUsage(code, p, lo, hi)
	case p.twoRate:
		return s.twoRateUsage(code, p, lo, hi, kwh)
	}
	return kwh * p.meanUnit()
}

// twoRateUsage is what kwh over the days [lo, hi) costs on a two-rate tariff: each
// day's use in its off-peak hours (in its offPeakZone, as its rates are) at night, the
// rest at day.
func (s supplyCost) twoRateUsage(code string, p tariffPrices, lo, hi int, kwh float64) float64 {
	night := s.nightOver(code, lo, hi)
	return night*p.night + (kwh-night)*p.day
}

// nightOver is the supply's use in kWh over the days [lo, hi) in a two-rate tariff's
// off-peak hours (in its offPeakZone), what an Economy 7 meter's night register counts.
func (s supplyCost) nightOver(code string, lo, hi int) float64 {
	offFrom, offTo := offPeak(code)
	zone := offPeakZone(code, s.zone)
	var night float64
	first, last := dayTime(lo, s.zone), dayTime(hi, s.zone)
	for d := lo; d <= hi; d++ { // a night that begins the evening before counts within the days
		day := dayTime(d, s.zone)
		if from, to := maxTime(clockTime(day, offFrom, zone), first), minTime(clockTime(day, offTo, zone), last); to.After(from) {
			night += s.register.Use(from, to)
		}
	}
	return night
}

// dayTime is the start of day n since 1970 in zone.
func dayTime(n int, zone *time.Location) time.Time {
	return time.Date(1970, 1, 1+n, 0, 0, 0, 0, zone)
}

// dateOf is day n since 1970 as a date.
func dateOf(n int) string { return time.Unix(int64(n)*86400, 0).UTC().Format(time.DateOnly) }

// dayNumber is a date's days since 1970 (0 for none).
func dayNumber(date string) int {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0
	}
	return int(t.Unix() / 86400)
}

// scheduledCollections are the monthly and weekly direct debits an account's schedules
// collected from start to yesterday, each on its due day (scheduleDays), where state lists no collection of
// its own that day on that ledger, and those being collected today (pending, posted
// tomorrow, as a payment collected today is).
func scheduledCollections(w *env, a *sim.Account, schedules []sim.PaymentSchedule, start string) (out, pending []sim.Transaction) {
	today := w.today()
	// What state lists on a payment day (a payment, a payment transaction) is that
	// day's collection when it is a direct debit or of the schedule's amount; a card
	// top-up that day is not, nor a payment taken once.
	type paid struct {
		amount int
		kind   string
	}
	byDay := map[[2]string][]paid{}
	for _, p := range a.Payments {
		if p.OneOff {
			continue
		}
		k := [2]string{postedTo(a, sim.Transaction{LedgerNumber: p.LedgerNumber}), p.PaymentDate}
		byDay[k] = append(byDay[k], paid{p.Amount, p.TransactionType})
	}
	for _, t := range a.Transactions {
		if t.Type == "PAYMENT" && paymentMethod(t.PaymentType) != "CARD_PAYMENT" {
			k := [2]string{postedTo(a, t), t.Date}
			byDay[k] = append(byDay[k], paid{t.Amount, t.PaymentType})
		}
	}
	collectedBy := func(k [2]string, amount int) bool {
		for _, p := range byDay[k] {
			if p.amount == amount || strings.Contains(p.kind, "DIRECT_DEBIT") || strings.HasPrefix(p.kind, "DD_") {
				return true
			}
		}
		return false
	}
	days := w.days()
	for _, s := range schedules {
		if s.ScheduleType != "DIRECT_DEBIT" || !collects(s) || s.PaymentAmount <= 0 ||
			s.PaymentDay < 1 || s.IsPaymentHoliday {
			continue
		}
		from, err := time.Parse(time.DateOnly, max(s.ValidFrom, start))
		if err != nil {
			continue
		}
		ledger := postedTo(a, sim.Transaction{LedgerNumber: s.LedgerNumber})
		for day := range scheduleDays(a, s, from) {
			if day.Before(from) {
				continue
			}
			nominal := day.Format(time.DateOnly)
			next := days.Next(day) // Bacs collects on working days
			date := next.Format(time.DateOnly)
			if next.Year() > auth.MaxTime.Year() || date > today || s.ValidTo != "" && nominal > s.ValidTo {
				break
			}
			if debitStopped(a, ledger, date, w.zone) != "" {
				continue // its mandate was invalidated: nothing is collected with it
			}
			id, amount := collectionID(s, day), instalment(a, s, day)
			if amount <= 0 || collectedBy([2]string{ledger, date}, amount) || collectedBy([2]string{ledger, nominal}, amount) || monthTaken(a, s, day) ||
				slices.ContainsFunc(a.Payments, func(p sim.Payment) bool { return p.ID == id }) { // amended, state holds it
				continue
			}
			ym := day.Format("0601")
			if weekly(s) {
				ym = day.Format("060102")
			}
			to := &out
			if date == today {
				to = &pending
			}
			*to = append(*to, sim.Transaction{
				ID: "P" + id, LedgerNumber: ledger, Date: date, Amount: amount,
				Type: "PAYMENT", Reason: "GENERAL_CREDIT", PaymentType: "DIRECT_DEBIT", DisplayNote: "Direct debit",
				Reference: "DD-" + strings.TrimPrefix(a.Number, "A-") + "-" + ym,
			})
		}
	}
	return out, pending
}

// collectionID is the payment id of schedule s's direct debit due on day. Kraken's
// payment ids are 32-bit integers its sequence hands out as payments are made, so a
// collection is numbered by its month (from January 2000) and then by its schedule (a
// review's by the schedule it reviews), from 1,000,000: the same whenever and in whatever
// order it is read, later months' above earlier ones', and below the payments made in a
// session (5501000 on) until 2093; a weekly schedule's by day (weeklyCollections).
func collectionID(s sim.PaymentSchedule, day time.Time) string {
	base, _, _ := strings.Cut(s.ID, "R")
	n := slotOf("payment schedule", base, collectionSlots)
	if weekly(s) {
		d := max(0, int(day.Sub(time.Date(2000, 1, 1, 0, 0, 0, 0, day.Location())).Hours()/24))
		return strconv.Itoa(weeklyCollections + d*collectionSlots + n)
	}
	month := max(0, (day.Year()-2000)*12+int(day.Month())-1)
	return strconv.Itoa(1_000_000 + month*collectionSlots + n)
}

// slotOf is key's place among slots numbered apart: key's own number when it is one (a
// schedule's, a ledger's), else a hash of it, named as kind.
func slotOf(kind, key string, slots int) int {
	if n, err := strconv.Atoi(key); err == nil && n >= 0 {
		return n % slots
	}
	return int(fake.HashStrings(kind, key) % uint64(slots))
}

// scheduleCollection reports whether id is one collectionID numbers.
func scheduleCollection(id string) bool {
	n, err := strconv.Atoi(id)
	return err == nil && (n >= 1_000_000 && n < 5_501_000 || n >= weeklyCollections && n < weeklyCollections+40_000*collectionSlots)
}

// weeklyCollections is where a weekly schedule's collections are numbered from, by day
// (from 1 January 2000) and then by schedule, as a monthly one's are by month: a month
// holds up to five of them.
const weeklyCollections = 10_000_000

// collectionSlots is how many schedules' collections a month numbers apart.
const collectionSlots = 4000

// billingPaymentID is the payment id of a payment billing makes on the account's ledger
// for the statement whose period starts on from, part telling a statement's payments on
// the ledger apart (a bank transfer's fuel). As a collection is (collectionID), it is
// numbered from its kind's base (transferIDs, variableDebitIDs, settlementIDs) by the
// statement's month (from January 2000), then by ledger, then by part: a 32-bit integer
// until 2093, the same whenever and in whatever order it is read, later statements'
// above earlier ones'.
func billingPaymentID(base int, a *sim.Account, ledger, from string, part int) string {
	n := slotOf("ledger", ledgerTag(a, ledger), ledgerSlots)
	month := max(0, monthOf(from)-2000*12)
	return strconv.Itoa(base + (month*ledgerSlots+n)*paymentParts + part%paymentParts)
}

// The bases billingPaymentID numbers each kind of payment from, above the weekly
// collections (weeklyCollections): a kind's ids until 2093 stay below the next's base.
const (
	transferIDs      = 200_000_000   // bank transfers paying statements
	variableDebitIDs = 700_000_000   // a variable direct debit's collections
	settlementIDs    = 1_200_000_000 // what settles a final statement
)

// ledgerSlots is how many ledgers' payments a month numbers apart, and paymentParts how
// many of one ledger's for one statement.
const ledgerSlots, paymentParts = 50_000, 8

// lineCurrencies are the LineItemCurrency of each currency a tenant bills in.
var lineCurrencies = map[string]string{"GBP": "GBP_PENCE", "AUD": "AUD_CENTS", "NZD": "NZD_CENTS", "EUR": "EURO_CENTS",
	"USD": "USA_CENTS", "JPY": "JPN_YEN", "CAD": "CAD_CENTS", "DKK": "DKK_ORE", "SAR": "SAR_HALALAS"}

// readingsStatus is whether a charge is based on actual readings (a smart meter's).
var readingsStatus = map[bool]string{true: "BASED_ON_ACTUAL_READINGS", false: "BASED_ON_ESTIMATED_READINGS"}

// chargeFields are the fields of a Charge the runs posted that say what it charged for:
// its consumption, the use and standing charge it itemises (lineItems, breakdownItems),
// an item of each for each supply point and price it was charged at (a price step or a
// new agreement in its period), and its tax (taxItems), all from one net amount that
// adds up to the charge. Climate Change Levy is a tax on the use: the use's items carry
// it, and the VAT on it, in their tax; its amounts' tax is the VAT and the levy.
func (d chargeDetail) chargeFields(w *env, t sim.Transaction) obj {
	net := d.usageNet + d.standingNet
	tax := t.Amount - net
	vat := tax - d.ccl
	country := fake.Country(w.zone)
	unit, perKWh := "kWh", 1.0
	if d.fuel == "Gas" && country == "AU" {
		unit, perKWh = "MJ", mjPerKWh
	}
	quantity := d.kwh * perKWh
	supply := strings.ToUpper(d.fuel)
	currency := lineCurrencies[fake.Currency(w.zone)]
	if currency == "" {
		currency = "GBP_PENCE"
	}
	usageTax := d.ccl
	if net+d.ccl > 0 {
		usageTax += int(math.Round(float64(vat) * float64(d.usageNet+d.ccl) / float64(net+d.ccl)))
	}
	parts := d.parts
	if len(parts) == 0 {
		parts = []chargePart{{point: d.point, from: dayNumber(d.from), to: dayNumber(d.to) + 1, kwh: d.kwh, usage: float64(d.usageNet), standing: float64(d.standingNet)}}
	}
	item := func(p chargePart, kind, settlement string, units, price float64, netAmount, taxAmount int) obj {
		start, end := dateAsTime(dateOf(p.from), w.zone), dateAsTime(dateOf(p.to), w.zone)
		return obj{
			"supplyType": supply, "periodStartAt": start, "periodEndAt": end, "startAt": start, "endAt": end,
			"numberOfUnits": decimal(math.Round(units*100) / 100), "pricePerUnit": decimal(math.Round(price*10000) / 10000), "netAmount": decimal(float64(netAmount)),
			"grossAmount": decimal(float64(netAmount + taxAmount)), "salesTaxAmount": decimal(float64(taxAmount)),
			"chargeTarget": t.LedgerNumber, "itemType": kind, "settlementUnit": settlement, "currency": currency,
			"consumptionIsEstimated": !d.actual, "supplyPointIdentifier": orNil(p.point), "rate": nil, "charge": nil,
		}
	}
	// Each part's share of the use and standing charges billed, and of their tax.
	weights := func(of func(chargePart) float64) []float64 {
		out := make([]float64, len(parts))
		for i, p := range parts {
			out[i] = of(p)
		}
		return out
	}
	// An Economy 7 meter's use is itemised by rate: its day register's at the day rate,
	// its night register's at the night rate.
	type use struct {
		part        int
		kind        string
		units, cost float64
	}
	var uses []use
	for i, p := range parts {
		if p.night > 0 {
			night := p.night * p.prices.night
			uses = append(uses, use{i, "CONSUMPTION_DAY", p.kwh - p.night, p.usage - night}, use{i, "CONSUMPTION_NIGHT", p.night, night})
			continue
		}
		uses = append(uses, use{i, "CONSUMPTION_STANDARD", p.kwh, p.usage})
	}
	costs := make([]float64, len(uses))
	for i, u := range uses {
		costs[i] = u.cost
	}
	usageNets := apportion(d.usageNet, costs)
	standingNets := apportion(d.standingNet, weights(func(p chargePart) float64 { return p.standing }))
	usageTaxes := apportion(usageTax, intWeights(usageNets))
	standingTaxes := apportion(tax-usageTax, intWeights(standingNets))
	items := make([]any, 0, len(uses)+len(parts))
	for i, u := range uses {
		units, price := u.units*perKWh, 0.0
		if units != 0 {
			price = u.cost / units
		}
		items = append(items, item(parts[u.part], u.kind, unit, units, price, usageNets[i], usageTaxes[i]))
	}
	for i, p := range parts {
		if d.export { // an export has no standing charge
			break
		}
		days := float64(p.to - p.from)
		items = append(items, item(p, "STANDING_CHARGE", "DAYS", days, p.standing/max(days, 1), standingNets[i], standingTaxes[i]))
	}
	taxType := "VAT"
	if country == "AU" || country == "NZ" {
		taxType = "GST"
	}
	charge := obj{"id": t.ID, "netAmount": net, "salesTaxAmount": vat, "cclAmount": d.ccl, "grossAmount": t.Amount,
		"reason": t.Reason, "note": t.Note, "displayNote": orNil(t.DisplayNote), "metadata": nil}
	for _, it := range items {
		it.(obj)["charge"] = charge
	}
	taxItems := []any{obj{"amount": decimal(float64(vat)), "taxType": taxType, "valueTaxed": decimal(float64(net + d.ccl)), "unitType": "PROPORTION", "charge": charge}}
	if d.ccl != 0 {
		taxItems = append(taxItems, obj{"amount": decimal(float64(d.ccl)), "taxType": "CCL", "valueTaxed": decimal(math.Round(d.kwh*100) / 100), "unitType": "CURRENCY_PER_KWH", "charge": charge})
	}
	m := obj{
		"consumption": obj{"startDate": d.from, "endDate": d.to, "quantity": decimal(math.Round(quantity*100) / 100), "unit": unit,
			"usageCost": d.usageNet, "supplyCharge": d.standingNet},
		"lineItems": items, "breakdownItems": items, "basedOnEstimatedReadings": readingsStatus[d.actual],
		"taxItems": taxItems, "amounts": obj{"net": net, "tax": tax, "gross": t.Amount},
	}
	if d.export { // an export's credit is paid without tax
		m["isExport"], m["amounts"] = true, obj{"net": t.Amount, "tax": 0, "gross": t.Amount}
	}
	return m
}

// apportion splits total in proportion to weights, each share whole and the shares
// adding up to total; all of it to the last where the weights add up to nothing.
func apportion(total int, weights []float64) []int {
	out := make([]int, len(weights))
	if len(out) == 0 {
		return out
	}
	var sum float64
	for _, v := range weights {
		sum += v
	}
	if sum == 0 {
		out[len(out)-1] = total
		return out
	}
	var cum float64
	given := 0
	for i, v := range weights {
		cum += v
		upTo := int(math.Round(float64(total) * cum / sum))
		if i == len(weights)-1 {
			upTo = total
		}
		out[i], given = upTo-given, upTo
	}
	return out
}

// intWeights are amounts as weights.
func intWeights(amounts []int) []float64 {
	out := make([]float64, len(amounts))
	for i, v := range amounts {
		out[i] = float64(v)
	}
	return out
}
