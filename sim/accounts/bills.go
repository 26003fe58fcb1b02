package accounts

import (
	"context"
	"maps"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// paymentTermDays is how long after its issue a statement falls due.
const paymentTermDays = 14

// billConnection answers an account's bills (Kraken's BillInterface) from its state:
// each statement a closed StatementType, each statement imported as historical a
// PreKrakenBillType, and the open statement period an open StatementType, filtered by
// the bills arguments as Kraken documents them. Only the page's bills become objects,
// however many months the account has been billed.
func billConnection(w *env, a *sim.Account, args map[string]any) (any, error) {
	return billPage(w, billRefs(w, a, args), args)
}

// userBills answers a user's bills: those of each of their accounts (of those
// accountNumbers names, when it names any) as the account's bills answers them, merged
// in the order orderBy asks for.
func userBills(w *env, u *sim.User, args map[string]any) (any, error) {
	only := stringSet(args["accountNumbers"])
	var refs []*billRef
	for _, n := range u.AccountNumbers {
		if a := w.Account(n); a != nil && (len(only) == 0 || only[n]) {
			refs = append(refs, billRefs(w, a, args)...)
		}
	}
	sortBills(refs, args)
	return billPage(w, refs, args)
}

// billPage is the page of refs args ask for, each made an object.
func billPage(w *env, refs []*billRef, args map[string]any) (any, error) {
	nodes := make([]any, len(refs))
	for i, r := range refs {
		nodes[i] = r
	}
	page, err := connection(w, nodes, args)
	if err != nil {
		return nil, err
	}
	for _, e := range page.(map[string]any)["edges"].([]any) {
		e := e.(map[string]any)
		e["node"] = e["node"].(*billRef).node()
	}
	return page, nil
}

// billRef is one of an account's bills before it becomes an object: its period, issue
// date, id and type, and how to make it.
type billRef struct {
	from, to, issued, id, kind string
	closed                     bool
	closing                    int // a closed statement's closing balance
	node                       func() obj
	// statement is the statement state or billing lists; nil for the open one.
	statement *sim.Statement
}

// billRefs are the bills billConnection pages, in its order, filtered by its arguments.
func billRefs(w *env, a *sim.Account, args map[string]any) []*billRef {
	withoutPDF, _ := args["includeBillsWithoutPDF"].(bool)
	open, _ := args["includeOpenStatements"].(bool)
	historic := true
	if v, ok := args["includeHistoricStatements"].(bool); ok {
		historic = v
	}
	from, to := argString(args, "fromDate"), argString(args, "toDate")
	issuedFrom, issuedTo := argString(args, "issuedFromDate"), argString(args, "issuedToDate")
	// Bills are emailed as the account's comms went on their issue day: onlyCurrentEmail
	// keeps the issued ones emailed to the signed-in user's email, and none else.
	emailedOnly, _ := args["onlyCurrentEmail"].(bool)
	viewerEmail := w.viewerEmail()
	var bills []*billRef
	statements := slices.Clone(w.statements(a))
	slices.SortStableFunc(statements, func(x, y sim.Statement) int { return strings.Compare(y.BillPeriodFrom, x.BillPeriodFrom) })
	start := openPeriodStart(w, a)
	ledger := statementLedger(a)
	h := w.ledgerHistory(a, ledger)
	final := slices.ContainsFunc(statements, func(s sim.Statement) bool { return isFinal(a, s) }) // nothing is billed after it
	if open && start != "" && !emailedOnly && !final {
		opening := h.balanceNow(w, a, ledger) - h.netBetween(start, "")
		id := openStatementID(w, a)
		bills = append(bills, &billRef{from: start, id: id, kind: "STATEMENT", node: func() obj { return openBill(w, a, id, start, opening) }})
	}
	// Balances run back from the statements' ledger's balance now: each statement
	// closes at what the one after it opens at, less what was posted between them.
	balance, since := h.balanceNow(w, a, ledger), ""
	for _, s := range statements { // newest first
		ref := &billRef{from: s.BillPeriodFrom, to: s.BillPeriodTo, issued: s.IssuedDate, id: s.ID, kind: "PRE_KRAKEN", statement: &s}
		if s.Historical {
			ref.node = func() obj { return preKrakenBill(w, a, s) }
		} else {
			end := addDays(s.BillPeriodTo, 1)
			balance -= h.netBetween(end, since)
			closing := balance
			balance = statementOpening(w, a, s, closing)
			ref.kind, ref.closed, ref.closing = "STATEMENT", true, closing
			ref.node = func() obj { return statementBill(w, a, s, closing) }
			since = s.BillPeriodFrom
		}
		if s.Historical && !historic || s.StatementPath == "" && !withoutPDF || emailedOnly && !emailedTo(w, a, s, viewerEmail) {
			continue
		}
		bills = append(bills, ref)
	}
	sortBills(bills, args)
	kept := bills[:0]
	for _, b := range bills {
		if from != "" && b.to != "" && b.to < from || to != "" && b.from >= to {
			continue
		}
		if issuedFrom != "" && (b.issued == "" || b.issued < issuedFrom) || issuedTo != "" && (b.issued == "" || b.issued >= issuedTo) {
			continue
		}
		kept = append(kept, b)
	}
	return kept
}

// sortBills orders bills as orderBy asks: newest issued first (ISSUED_DATE_DESC) or
// newest period first.
func sortBills(bills []*billRef, args map[string]any) {
	byIssued := argString(args, "orderBy") == "ISSUED_DATE_DESC"
	slices.SortStableFunc(bills, func(x, y *billRef) int {
		if byIssued {
			return compareLast(y.issued, x.issued)
		}
		return strings.Compare(y.from, x.from)
	})
}

// billByID is the account's bill with the id (and type, when given) that bill asks for,
// whatever bills' filters would leave out; nil when it has none.
func billByID(w *env, a *sim.Account, args map[string]any) any {
	all := map[string]any{"includeBillsWithoutPDF": true, "includeOpenStatements": true, "includeHistoricStatements": true}
	id, kind := argString(args, "id"), argString(args, "billType")
	for _, b := range billRefs(w, a, all) {
		if b.id == id && (kind == "" || b.kind == kind) {
			return b.node()
		}
	}
	return nil
}

// dueCharges are what the account still has to pay: its overdue balance, on its latest
// closed statement and due when that is due (today, without one); none while nothing is
// overdue.
func dueCharges(w *env, a *sim.Account) []any {
	overdue := overdueBalance(w, a)
	if overdue <= 0 {
		return []any{}
	}
	all := map[string]any{"includeBillsWithoutPDF": true, "includeHistoricStatements": false}
	for _, b := range billRefs(w, a, all) {
		if b.closed && b.issued != "" {
			n := b.node()
			return []any{obj{"amount": overdue, "statement": n, "billingDocument": nil, "dueDate": n["paymentDueDate"]}}
		}
	}
	return []any{obj{"amount": overdue, "statement": nil, "billingDocument": nil, "dueDate": w.today()}}
}

// overdueBalance is what the account owes past its due date: what its newest statement
// due before today left owing (its closing balance below nothing), less what has been
// paid or credited since its period ended (before the day the session began too). From
// that day, state's figure is the overdue balance, less what has been paid since, until
// a statement falls due after it.
func overdueBalance(w *env, a *sim.Account) int {
	today, anchor := w.today(), w.anchorDay(a)
	h := w.ledgerHistory(a, statementLedger(a))
	all := map[string]any{"includeBillsWithoutPDF": true, "includeHistoricStatements": false}
	for _, b := range billRefs(w, a, all) {
		due := addDays(b.issued, paymentTermDays)
		if !b.closed || b.issued == "" || due >= today {
			continue
		}
		if due < anchor && today >= anchor {
			break
		}
		_, credits := h.totals(addDays(b.to, 1), today)
		return max(0, -b.closing-credits)
	}
	if today < anchor {
		return 0
	}
	if today == anchor {
		return a.OverdueBalance
	}
	_, credits := h.totals(addDays(anchor, 1), today)
	return max(0, a.OverdueBalance-credits)
}

// maxAnnualStatements bounds the annual statements an account answers: the latest.
const maxAnnualStatements = 20

// annualStatements are the account's annual statements (Kraken's AnnualStatementType):
// one for each year of its statements since the first began, issued once the year is
// over, newest first, each with its PDF's URL.
func annualStatements(w *env, a *sim.Account, args map[string]any) (any, error) {
	nodes := []any{}
	for _, y := range annualPeriods(w, a) {
		nodes = append(nodes, obj{
			"id": y.id, "periodStartsAt": dateAsTime(y.from, w.zone), "periodEndsAt": dateAsTime(y.to, w.zone),
			"pdfUrl": annualURL(w, a, y),
		})
	}
	return connection(w, nodes, args)
}

// annualPeriod is an annual statement's id and year, from its first day to the first
// day after it (YYYY-MM-DD).
type annualPeriod struct{ id, from, to string }

// annualPeriods are the account's annual statements, newest first, at most
// maxAnnualStatements.
func annualPeriods(w *env, a *sim.Account) []annualPeriod {
	closed := closedStatements(w, a)
	if len(closed) == 0 {
		return nil
	}
	first, err := time.Parse(time.DateOnly, closed[0].BillPeriodFrom)
	if err != nil {
		return nil
	}
	now, _ := time.Parse(time.DateOnly, w.today())
	years := now.Year() - first.Year()
	if first.AddDate(years, 0, 0).After(now) {
		years--
	}
	var out []annualPeriod
	for k := years - 1; k >= max(0, years-maxAnnualStatements); k-- {
		from, to := first.AddDate(k, 0, 0), first.AddDate(k+1, 0, 0)
		id := accountID(a.Number) + from.Format("200601") // the account's own, across accounts
		out = append(out, annualPeriod{id: id, from: from.Format(time.DateOnly), to: to.Format(time.DateOnly)})
	}
	return out
}

// statementPeriods are an account's closed statements in the order of their periods.
type statementPeriods []sim.Statement

func closedStatements(w *env, a *sim.Account) statementPeriods {
	var out statementPeriods
	for _, s := range w.statements(a) {
		if !s.Historical && s.BillPeriodFrom != "" {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(x, y sim.Statement) int { return strings.Compare(x.BillPeriodFrom, y.BillPeriodFrom) })
	return out
}

// on is the id of the closed statement whose period holds date, "" when none does (the
// transaction is on the open statement).
func (ss statementPeriods) on(date string) string {
	i, _ := slices.BinarySearchFunc(ss, date, func(s sim.Statement, d string) int {
		if s.BillPeriodFrom > d {
			return 1
		}
		return -1
	}) // i: the first statement starting after date
	if i > 0 && date <= ss[i-1].BillPeriodTo {
		return ss[i-1].ID
	}
	return ""
}

// statementLinks say which statement lists a transaction, as the statements' own
// transactions lists do: the closed statement whose period holds its date, the open
// statement from the open period on, and none before the first statement, between
// statements, after the final one or on a ledger the statements do not cover.
type statementLinks struct {
	a                *sim.Account
	closed           statementPeriods
	ledger           string // the statements' ledger, "" for every ledger
	openFrom, openID string // "" when the account has no open statement
}

// statementLinksOf are the account's statement links.
func statementLinksOf(w *env, a *sim.Account) statementLinks {
	l := statementLinks{a: a, closed: closedStatements(w, a), ledger: statementLedger(a)}
	final := slices.ContainsFunc(w.statements(a), func(s sim.Statement) bool { return isFinal(a, s) })
	if start := openPeriodStart(w, a); start != "" && !final {
		l.openFrom, l.openID = start, openStatementID(w, a)
	}
	return l
}

// of is the id of the statement that lists t and whether that statement is issued
// (closed); "" and false when none lists it.
func (l statementLinks) of(t sim.Transaction) (id string, issued bool) {
	if l.ledger != "" && postedTo(l.a, t) != l.ledger {
		return "", false
	}
	if id := l.closed.on(t.Date); id != "" {
		return id, true
	}
	if l.openFrom != "" && t.Date >= l.openFrom {
		return l.openID, false
	}
	return "", false
}

// lastDigits is the last n digits of s, "" when it has fewer.
func lastDigits(s string, n int) string {
	var ds []byte
	for i := len(s) - 1; i >= 0 && len(ds) < n; i-- {
		if c := s[i]; c >= '0' && c <= '9' {
			ds = append(ds, c)
		}
	}
	if len(ds) < n {
		return ""
	}
	slices.Reverse(ds)
	return string(ds)
}

// compareLast orders dates with "" (not yet) after every date.
func compareLast(x, y string) int {
	switch {
	case x == y:
		return 0
	case x == "":
		return 1
	case y == "":
		return -1
	}
	return strings.Compare(x, y)
}

// openPeriodStart is the first day of the account's open statement period: the day
// after the last its billing closed; "" when that is after today.
func openPeriodStart(w *env, a *sim.Account) string { return w.billing(a).open }

// statements are the account's statements: state's issued by today, then those its
// billing runs closed.
func (w *env) statements(a *sim.Account) []sim.Statement {
	b := w.billing(a)
	if b.all == nil {
		today := w.today()
		b.all = make([]sim.Statement, 0, len(a.Statements)+len(b.runs))
		for _, s := range a.Statements {
			if s.IssuedDate <= today {
				b.all = append(b.all, s)
			}
		}
		b.all = append(b.all, b.runs...)
	}
	return b.all
}

// listedOpenStart is the first day of the open statement period state's statements
// issued by today give the account, or of the account when none has closed; "" when
// that is after today.
func listedOpenStart(w *env, a *sim.Account) string {
	today, latest := w.today(), ""
	for _, s := range a.Statements {
		if !s.Historical && s.IssuedDate <= today && s.BillPeriodTo > latest {
			latest = s.BillPeriodTo
		}
	}
	start := ""
	if latest != "" {
		start = addDays(latest, 1)
	}
	if start == "" && !a.CreatedAt.IsZero() {
		start = a.CreatedAt.In(w.zone).Format(time.DateOnly)
	}
	if start > today {
		return ""
	}
	return start
}

// preKrakenBill is a statement imported as historical: a bill from before Kraken.
func preKrakenBill(w *env, a *sim.Account, s sim.Statement) obj {
	return obj{
		"__typename": "PreKrakenBillType", "id": s.ID, "billType": "PRE_KRAKEN",
		"fromDate": orNil(s.BillPeriodFrom), "toDate": orNil(s.BillPeriodTo), "issuedDate": orNil(s.IssuedDate),
		"temporaryUrl": temporaryURL(w, a, s), "params": nil, "averageDailyUsage": nil,
		"attachments": billAttachments(w, a, s),
	}
}

// billAttachments are a bill's documents (BillingAttachmentType), which Origin's SDL
// reads where temporaryUrl is deprecated: its PDF, once it is issued with one, at a URL
// valid for an hour from now.
func billAttachments(w *env, a *sim.Account, s sim.Statement) any {
	return sim.Lazy(func(args map[string]any) (any, error) {
		nodes := []any{}
		if u, expires := documentURL(w, a, s); u != "" {
			nodes = append(nodes, obj{"temporaryUrl": u, "filename": path.Base(s.StatementPath),
				"temporaryUrlExpiresAt": dateTime(expires, w.zone)})
		}
		return connection(w, nodes, args)
	})
}

// averageDailyUsage is the electricity the account's billing charged a day over a
// statement's period, in kWh; nil when it charged none (a statement state lists).
func averageDailyUsage(w *env, a *sim.Account, from, to string) any {
	var kwh float64
	for _, d := range w.billing(a).details {
		if d.fuel == "Electricity" && !d.export && d.to >= from && d.to <= to {
			kwh += d.kwh
		}
	}
	days := dayNumber(to) - dayNumber(from) + 1
	if kwh == 0 || days <= 0 {
		return nil
	}
	return math.Round(kwh/float64(days)*1000) / 1000
}

// statementCharges are a closed statement's charges (its gross amount, or the charges
// posted in its period) and its credits (the payments and credits posted then).
func statementCharges(w *env, a *sim.Account, s sim.Statement) (charges, credits int) {
	charges, credits = w.ledgerHistory(a, statementLedger(a)).totals(s.BillPeriodFrom, s.BillPeriodTo)
	if s.GrossAmount != 0 {
		charges = s.GrossAmount
	}
	return charges, credits
}

// statementOpening is the balance a closed statement closing at closing opens at.
func statementOpening(w *env, a *sim.Account, s sim.Statement, closing int) int {
	charges, credits := statementCharges(w, a, s)
	return closing + charges - credits
}

// statementBill is a closed statement as a bill closing at closing.
func statementBill(w *env, a *sim.Account, s sim.Statement, closing int) obj {
	charges, credits := statementCharges(w, a, s)
	opening := closing + charges - credits
	due := ""
	if s.IssuedDate != "" {
		due = addDays(s.IssuedDate, paymentTermDays)
	}
	m := billBase(w, a, s.BillPeriodFrom, s.BillPeriodTo, opening, charges, credits)
	maps.Copy(m, obj{
		"id": s.ID, "issuedDate": orNil(s.IssuedDate), "temporaryUrl": temporaryURL(w, a, s),
		"closingBalance": closing, "paymentDueDate": orNil(due), "status": "CLOSED", "reversalsAfterClose": "NONE",
		"attachments": billAttachments(w, a, s), "averageDailyUsage": averageDailyUsage(w, a, s.BillPeriodFrom, s.BillPeriodTo),
		"isFinal": isFinal(a, s),
	})
	return m
}

// openBill is the statement under way, numbered id: from start until today, opening at
// opening, with no document, issue date or closing balance yet.
func openBill(w *env, a *sim.Account, id, start string, opening int) obj {
	charges, credits := w.ledgerHistory(a, statementLedger(a)).totals(start, "")
	m := billBase(w, a, start, "", opening, charges, credits)
	maps.Copy(m, obj{
		"id": id, "issuedDate": nil, "temporaryUrl": nil, "closingBalance": nil,
		"paymentDueDate": nil, "status": "OPEN", "reversalsAfterClose": "NOT_CLOSED",
		"attachments": billAttachments(w, a, sim.Statement{}), "averageDailyUsage": nil,
	})
	return m
}

// billBase holds what a closed and an open statement share.
func billBase(w *env, a *sim.Account, from, to string, opening, charges, credits int) obj {
	var userID, email any
	if us := w.AccountUsers(a.Number); len(us) > 0 {
		userID, email = idInt(us[0].ID), orNil(us[0].Email)
	}
	ledger := statementLedger(a)
	h := w.ledgerHistory(a, ledger)
	paid := h.payments(from, to)
	inPeriod := func(t sim.Transaction) bool {
		return t.Date >= from && (to == "" || t.Date <= to) && (ledger == "" || postedTo(a, t) == ledger)
	}
	// Its totals are what its transactions list: each charge's and credit's tax as it
	// was charged (an export's none, goods' at the goods' rate, a credit's as posted).
	chargeTax, creditTax := h.taxes(from, to)
	return obj{
		"__typename": "StatementType", "billType": "STATEMENT",
		"fromDate": orNil(from), "toDate": orNil(to), "consumptionStartDate": orNil(from), "consumptionEndDate": orNil(to),
		"openingBalance": opening, "isExternalBill": false, "isFinal": false, "userId": userID, "toAddress": email,
		"heldStatus":   obj{"isHeld": false, "reason": nil},
		"totalCharges": obj{"netTotal": charges - chargeTax, "taxTotal": chargeTax, "grossTotal": charges},
		// Its credits are what was credited, not what was paid (a captured statement's
		// direct debit is in no total): the balance moves by its payments too.
		"totalCredits": obj{"netTotal": credits - paid - creditTax, "taxTotal": creditTax, "grossTotal": credits - paid},
		"transactions": sim.Lazy(func(args map[string]any) (any, error) {
			return transactionConnection(w, a, inPeriod, args)
		}),
	}
}

// splitTax splits a gross amount of energy charges into its net and the tenant's tax.
func splitTax(gross int, rate float64) obj {
	net := int(math.Round(float64(gross) / rate))
	return obj{"netTotal": net, "taxTotal": gross - net, "grossTotal": gross}
}

// statementIDs yields the ids of statements.
func statementIDs(ss []sim.Statement) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, s := range ss {
			if !yield(s.ID) {
				return
			}
		}
	}
}

// openStatementID is the id of the account's open statement: the one billing gives its
// period when it closes, after the statements state and billing gave and past those
// imported (so that an import never moves it).
func openStatementID(w *env, a *sim.Account) string {
	imported := map[string]bool{}
	var billed []sim.Statement
	for _, s := range w.statements(a) {
		if s.Historical {
			imported[s.ID] = true
		} else {
			billed = append(billed, s)
		}
	}
	n := firstRunID(a, billed)
	for imported[strconv.Itoa(n)] {
		n++
	}
	return strconv.Itoa(n)
}

// StatementIDs are the ids of the statements the account numbered account's bills show
// in the session's state, its open statement's included.
func StatementIDs(s *sim.Session, account string) []string {
	w := sessionEnv(s)
	a := w.Account(account)
	if a == nil {
		return nil
	}
	var ids []string
	for id := range statementIDs(w.statements(a)) {
		ids = append(ids, id)
	}
	return append(ids, openStatementID(w, a))
}

// billingOptions is the account's billing cycle: monthly from the day its latest
// statement started on, with the period that holds today and the next bill's date (an
// account that supplies nothing has its period end on its last day of supply, and none
// after its final statement); an account that has no statement yet is billed flexibly,
// from its open period on.
func billingOptions(w *env, a *sim.Account) obj {
	today := w.today()
	closed := closedStatements(w, a)
	if len(closed) == 0 {
		return obj{
			"periodStartDay": nil, "periodLength": "MONTHLY", "periodLengthMultiplier": 1, "isFixed": false,
			"currentBillingPeriodStartDate": orNil(openPeriodStart(w, a)),
			"currentBillingPeriodEndDate":   nil, "nextBillingDate": nil,
		}
	}
	first, _ := time.Parse(time.DateOnly, closed[len(closed)-1].BillPeriodFrom)
	now, _ := time.Parse(time.DateOnly, today)
	day := first.Day()
	start := monthDay(now.Year(), now.Month(), day)
	if start.After(now) {
		start = monthDay(now.Year(), now.Month()-1, day)
	}
	next := monthDay(start.Year(), start.Month()+1, day)
	opts := obj{
		"periodStartDay": day, "periodLength": "MONTHLY", "periodLengthMultiplier": 1, "isFixed": true,
		"currentBillingPeriodStartDate": start.Format(time.DateOnly),
		"currentBillingPeriodEndDate":   next.AddDate(0, 0, -1).Format(time.DateOnly),
		"nextBillingDate":               next.Format(time.DateOnly),
	}
	// An account that supplies nothing is billed to its last day of supply, and no
	// more once its final statement has closed.
	switch final := finalDay(a); {
	case final == "":
	case closed[len(closed)-1].BillPeriodTo >= final:
		opts["currentBillingPeriodStartDate"], opts["currentBillingPeriodEndDate"], opts["nextBillingDate"] = nil, nil, nil
	case final < opts["currentBillingPeriodEndDate"].(string):
		opts["currentBillingPeriodEndDate"], opts["nextBillingDate"] = final, addDays(final, 1)
	}
	return opts
}

// billingTrigger is the BillingTriggerConfiguration of an account's billing cycle, for
// the account or one of its ledgers (target ACCOUNT or CHARGING_LEDGER): charged and
// billed a statement each month on the day its statements start, since its first, with
// the next bill's date; nil while it is billed flexibly.
func billingTrigger(w *env, a *sim.Account, target string) any {
	closed := closedStatements(w, a)
	if len(closed) == 0 {
		return nil
	}
	opts := billingOptions(w, a)
	since, _ := time.Parse(time.DateOnly, closed[0].BillPeriodFrom)
	return obj{
		"effectiveFrom": dateAsTime(closed[0].BillPeriodFrom, w.zone), "effectiveTo": nil, "isActive": true,
		"targetType": target, "nextIssueDate": opts["nextBillingDate"],
		"operationFrequencies": []any{obj{
			"operationType": "CHARGE_TARGET_AND_ISSUE_STATEMENT", "targetType": target, "frequency": "MONTHLY",
			"multiplier": opts["periodLengthMultiplier"], "triggerAtStartDay": opts["periodStartDay"],
			"triggerAtStartMonth": int(since.Month()), "temporalParams": []any{},
		}},
	}
}

// billingTriggerConfigurations answers billingTriggerConfigurations(target:): the
// billing cycle of the viewer's account the target names, with its ledgers' too when
// includeChildren is true, or of the ledger ledgerId names; none for a portfolio, whose
// accounts are billed each on its own cycle, or before effectiveTo.
func billingTriggerConfigurations(_ context.Context, c *sim.Call) (any, error) {
	target, _ := c.Field.Args["target"].(map[string]any)
	w := newEnv(c)
	type found struct {
		a      *sim.Account
		ledger *sim.Ledger
	}
	var targets []found
	switch number, ledger := str(target, "accountNumber"), str(target, "ledgerId"); {
	case number != "":
		_, a, err := readable(c, number, "", "")
		if err != nil {
			return nil, err
		}
		targets = append(targets, found{a: a})
		if include, _ := c.Field.Args["includeChildren"].(bool); include {
			for i := range a.Ledgers {
				targets = append(targets, found{a: a, ledger: &a.Ledgers[i]})
			}
		}
	case ledger != "":
		u, _, err := c.Viewer()
		if err != nil {
			return nil, err
		}
		for _, n := range u.AccountNumbers {
			if a := w.Account(n); a != nil {
				if l := ledgerFor(a, ledger); l != nil && l.ID == ledger {
					targets = append(targets, found{a: a, ledger: l})
				}
			}
		}
	}
	until, bounded := parseTime(c.Field.Args["effectiveTo"], w.zone)
	nodes := []any{}
	for _, t := range targets {
		kind, ref := "ACCOUNT", obj{"targetType": "ACCOUNT", "number": t.a.Number, "id": accountID(t.a.Number)}
		if t.ledger != nil {
			kind, ref = "CHARGING_LEDGER", obj{"targetType": "CHARGING_LEDGER", "number": nil, "id": t.ledger.ID}
		}
		configs := []any{}
		if cfg, ok := billingTrigger(w, t.a, kind).(obj); ok {
			if from, _ := parseTime(cfg["effectiveFrom"], w.zone); !bounded || from.Before(until) {
				configs = append(configs, cfg)
			}
		}
		nodes = append(nodes, obj{"target": ref, "configurations": configs})
	}
	return connection(w, nodes, c.Field.Args)
}

// monthDay is the day of the month a monthly cycle starting on day starts in year and
// month: that day, or the month's last when the month is shorter.
func monthDay(year int, month time.Month, day int) time.Time {
	last := time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Date(year, month, min(day, last), 0, 0, 0, 0, time.UTC)
}

// requestPrintedBill posts an issued bill of the account to its billing address, a
// letter kept in the session's messages: KT-CT-9705 for the open statement or one not
// yet issued, the field's Unauthorized (KT-CT-3824) for a bill the account does not
// have or an account the viewer does not hold.
func requestPrintedBill(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := readable(c, str(in, "accountNumber"), "KT-CT-3824", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	id := str(in, "billingDocumentId")
	all := map[string]any{"includeBillsWithoutPDF": true, "includeOpenStatements": true, "includeHistoricStatements": true}
	for _, b := range billRefs(w, a, all) {
		if b.id != id {
			continue
		}
		if b.issued == "" || b.issued > w.today() {
			return nil, c.Error("KT-CT-9705")
		}
		to := strings.Join(append([]string{a.BillingName}, linesOf(a.BillingAddress)...), ", ")
		c.Session.World().AddMessage(&sim.Message{
			To: to, Subject: "Printed bill", SentAt: c.Session.Now().Truncate(time.Second),
			Body: "A printed copy of bill " + id + " (" + b.from + " to " + b.to + ", issued " + b.issued + ") is posted to " + to + ".",
			Data: map[string]string{"billingDocumentId": id, "accountNumber": a.Number},
		})
		return obj{"success": true}, nil
	}
	return nil, c.Error("KT-CT-3824")
}

// OpenPeriod is the first day of the account's open statement period in the session:
// the day after the latest statement issued, its billing's runs' included ("" for an
// account not found or not yet billed).
func OpenPeriod(s *sim.Session, account string) string {
	w := sessionEnv(s)
	a := w.Account(account)
	if a == nil {
		return ""
	}
	return openPeriodStart(w, a)
}
