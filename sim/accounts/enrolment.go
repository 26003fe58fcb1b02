package accounts

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/workdays"
)

// Joining the supplier: an account's supplies come to the supplier by a join supplier
// process, numbered after the account (JSP-…), in progress while any of them is still
// registering (PENDING_REGISTRATION) and completed once all are on supply (a supply of
// a home the account moved into is from its registration's start). Its stage is
// REGISTRATION_IN_PROGRESS while it is in progress: the registrations do not wait for
// the terms, as Origin's SDL makes accepting them no step a switch needs (the sale took
// the customer's consent), so a process whose terms were never accepted completes on
// its supply start. Its customer may accept its terms
// (joinSupplierAcceptTermsAndConditions, its stage then TERMS_ACCEPTED) and may cancel it (cancelEnrollment) until a supply starts: its
// registrations are withdrawn (the supplies' status WITHDRAWN, their enrolment too) and
// a pending account is withdrawn with them; one completed, cancelled or past its supply
// start is KT-CT-10320, a number none of the viewer's accounts has KT-CT-10318.

// joinProcess is the account's join supplier process on day, or nil for an account with
// no supply that came by a switch: numbered after the account, in progress while a
// supply registers and completed once none does, with what state keeps of it (its
// terms accepted, its cancelling).
func joinProcess(a *sim.Account, day string) *sim.JoinProcess {
	supplies := accountSupplies(a, day)
	if len(supplies) == 0 && a.JoinProcess == nil {
		return nil
	}
	jp := sim.JoinProcess{Number: "JSP-" + strings.TrimPrefix(a.Number, "A-"), Status: "COMPLETED"}
	for _, s := range supplies {
		if s.status == "PENDING_REGISTRATION" {
			jp.Status = "IN_PROGRESS"
		}
	}
	if kept := a.JoinProcess; kept != nil {
		jp.TermsAcceptedAt, jp.CancelledAt, jp.CancelReason = kept.TermsAcceptedAt, kept.CancelledAt, kept.CancelReason
		if kept.Status == "CANCELLED" || kept.Status == "REVERSED" {
			jp.Status = kept.Status
		}
	}
	return &jp
}

// supplyState is a supply's registration as a join process reads it.
type supplyState struct {
	status, start string
}

// accountSupplies are the supplies that came to the account by a switch: those of the
// homes it did not move into, and those of one it moved into that are registering on
// day (until their start) or withdrawn. A switch's registration has completed from its
// start (ON_SUPPLY), as pointStatus reads it.
func accountSupplies(a *sim.Account, day string) []supplyState {
	var out []supplyState
	add := func(p *sim.Property, status, start string) {
		if !p.MovedIn || status == "PENDING_REGISTRATION" && (start == "" || start > day) || status == "WITHDRAWN" {
			if status == "PENDING_REGISTRATION" && start != "" && start <= day {
				status = "ON_SUPPLY"
			}
			out = append(out, supplyState{status, start})
		}
	}
	eachRegistration(a, add)
	return out
}

// joinProcessMap is a JoinSupplierProcessType.
func joinProcessMap(w *env, a *sim.Account, jp *sim.JoinProcess) obj {
	stage := "REGISTRATION_IN_PROGRESS"
	switch {
	case jp.Status == "CANCELLED" || jp.Status == "REVERSED":
		stage = jp.Status
	case jp.Status == "COMPLETED":
		stage = "COMPLETED"
	case !jp.TermsAcceptedAt.IsZero():
		stage = "TERMS_ACCEPTED"
	}
	m := obj{"__typename": "JoinSupplierProcessType", "id": jp.Number, "number": jp.Number, "status": jp.Status, "subtype": "SWITCH", "stage": stage,
		"contractIdentifiers": []any{}}
	m["supplyPoints"] = sim.Lazy(func(args map[string]any) (any, error) {
		return connection(w, append([]any{}, accountSupplyPoints(w, a)...), args)
	})
	data := obj{"requestedAt": dateTime(a.CreatedAt, w.zone), "salesChannel": "DIRECT", "note": nil}
	if a.Sale != nil {
		data["salesChannel"] = a.Sale.SalesChannel
	}
	m["currentProcessData"] = data
	return m
}

// lifecycleProcesses answers lifecycleProcesses(accountNumber:): the account's join
// supplier process, its moves into homes (occupy-property processes) and out of them
// (leave-property processes) and its requests to leave the supplier, only those in
// progress with onlyActive.
func lifecycleProcesses(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	nodes := []any{}
	if jp := joinProcess(a, w.today()); jp != nil && (c.Arg("onlyActive") != true || jp.Status == "IN_PROGRESS") {
		nodes = append(nodes, joinProcessMap(w, a, jp))
	}
	active := c.Arg("onlyActive") == true
	day := w.today()
	occupy, leave := []any{}, []any{}
	for i := range a.Properties {
		p := &a.Properties[i]
		if p.MovedIn && (!active || p.OccupiedFrom > day) {
			occupy = append(occupy, propertyProcess(w, a, p, "OccupyPropertyProcessType", "OPP-", p.OccupiedFrom > day))
		}
		if p.OccupiedTo != "" && (!active || p.OccupiedTo >= day) {
			leave = append(leave, propertyProcess(w, a, p, "LeavePropertyProcessType", "LPP-", p.OccupiedTo >= day))
		}
	}
	page := func(nodes []any) any {
		return sim.Lazy(func(args map[string]any) (any, error) { return connection(w, nodes, args) })
	}
	leaving := []any{}
	for _, p := range a.LeaveProcesses {
		if !active || leaveStatus(p, day) == "IN_PROGRESS" {
			leaving = append(leaving, leaveProcessMap(w, a, p))
		}
	}
	return obj{
		"joinSupplierProcesses": page(nodes), "leaveSupplierProcesses": page(leaving),
		"occupyPropertyProcesses": page(occupy), "leavePropertyProcesses": page(leave),
	}, nil
}

// propertyProcess is a move into or out of one of the account's homes, in progress until
// its day: numbered after the home, with its supply points.
func propertyProcess(w *env, a *sim.Account, p *sim.Property, typename, prefix string, pending bool) obj {
	status := "COMPLETED"
	if pending {
		status = "IN_PROGRESS"
	}
	m := obj{"__typename": typename, "id": prefix + p.ID, "status": status,
		"supplyPoints": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, propertySupplyPoints(w, a, p), args) })}
	if typename == "OccupyPropertyProcessType" {
		m["occupyAt"] = dateAsTime(p.OccupiedFrom, w.zone)
	}
	return m
}

// joinProcessByNumber is the viewer's account whose join process is number, or nil.
func joinProcessByNumber(c *sim.Call, w *env, number string) (*sim.Account, *sim.JoinProcess, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, nil, err
	}
	for _, n := range u.AccountNumbers {
		if a := w.Account(n); a != nil {
			if jp := joinProcess(a, w.today()); jp != nil && number != "" && jp.Number == number {
				return a, jp, nil
			}
		}
	}
	return nil, nil, nil
}

// joinSupplierProcess (Origin's) answers one of the viewer's processes by its number.
func joinSupplierProcess(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	a, jp, err := joinProcessByNumber(c, w, c.StringArg("number"))
	if err != nil || a == nil {
		return nil, err
	}
	return joinProcessMap(w, a, jp), nil
}

// viewersSwitch is the viewer's account whose join process the input's number names;
// KT-CT-10318 for none.
func viewersSwitch(c *sim.Call, w *env, in map[string]any) (*sim.Account, *sim.JoinProcess, error) {
	held, jp, err := joinProcessByNumber(c, w, strings.TrimSpace(str(in, "number")))
	if err == nil && held == nil {
		err = c.ValidationError("KT-CT-10318", "None of your accounts is switching with the number given.", "input", "number")
	}
	return held, jp, err
}

// cancelEnrollment cancels one of the viewer's switches before its supply starts: its
// registrations are withdrawn, its pending rewards cancelled and, for an account left
// supplying nothing, its direct debit mandates cancelled and payment schedules ended.
func cancelEnrollment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	w := newEnv(c)
	held, jp, err := viewersSwitch(c, w, in)
	if err != nil {
		return nil, err
	}
	if jp.Status != "IN_PROGRESS" {
		return nil, c.ValidationError("KT-CT-10320", "The switch "+jp.Number+" is "+strings.ToLower(jp.Status)+".", "input", "number")
	}
	day := today(c)
	for _, s := range accountSupplies(held, day) {
		if s.status == "PENDING_REGISTRATION" && s.start != "" && s.start <= day {
			return nil, c.ValidationError("KT-CT-10320", "The supply started on "+s.start+"; the switch can no longer be cancelled.", "input", "number")
		}
	}
	a := c.Session.World().MutableAccount(held.Number)
	next := *jp
	next.Status, next.CancelledAt, next.CancelReason = "CANCELLED", c.Session.Now().UTC().Truncate(time.Second), sim.Clip(str(in, "reason"), 500)
	a.JoinProcess = &next
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			if mp := &p.ElectricityMeterPoints[j]; mp.Status == "PENDING_REGISTRATION" {
				mp.Status, mp.Meters = "WITHDRAWN", fittedBy(mp.Meters, func(m sim.ElectricityMeter) string { return m.ActiveFrom }, day)
			}
		}
		for j := range p.GasMeterPoints {
			if mp := &p.GasMeterPoints[j]; mp.Status == "PENDING_REGISTRATION" {
				mp.Status, mp.Meters = "WITHDRAWN", fittedBy(mp.Meters, func(m sim.GasMeter) string { return m.ActiveFrom }, day)
			}
		}
	}
	lapseRewards(a)
	if statusOf(newEnv(c), a) == "PENDING" {
		a.Status = "WITHDRAWN"
		for k := range a.PaymentInstructions { // nothing left to collect for
			if p := &a.PaymentInstructions[k]; p.InstructionType == "DIRECT_DEBIT" && p.Status == "ACTIVE" {
				p.Status = "CANCELLED"
			}
		}
		endSchedules(c, a, day)
	}
	return obj{"message": "The switch " + next.Number + " is cancelled.", "enrollmentProcess": joinProcessMap(newEnv(c), a, &next)}, nil
}

// lapseRewards cancels the account's rewards for joining not yet paid: a switch undone
// (cancelled or reversed) earns none.
func lapseRewards(a *sim.Account) {
	for k := range a.SchemeRewards {
		if r := &a.SchemeRewards[k]; r.Status == "PENDING" {
			r.Status = "CANCELLED"
		}
	}
}

// fittedBy are the meters fitted by day: a withdrawn switch never brings the meter its
// registration would have.
func fittedBy[M any](ms []M, activeFrom func(M) string, day string) []M {
	var out []M
	for _, m := range ms {
		if activeFrom(m) <= day {
			out = append(out, m)
		}
	}
	return out
}

// joinSupplierAcceptTermsAndConditions records that the customer accepted the terms of
// their account's switch; accepting again changes nothing.
func joinSupplierAcceptTermsAndConditions(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, held, err := readable(c, str(in, "accountNumber"), "KT-CT-4501", "")
	if err != nil {
		return nil, err
	}
	jp := joinProcess(held, today(c))
	if number := strings.TrimSpace(str(in, "joinSupplierProcessNumber")); jp == nil || number != "" && number != jp.Number || jp.Status != "IN_PROGRESS" {
		return nil, c.Error("KT-CT-4501") // Kraken tells no more of a process that is not the caller's to accept
	}
	if jp.TermsAcceptedAt.IsZero() {
		next := *jp
		next.TermsAcceptedAt = c.Session.Now().UTC().Truncate(time.Second)
		c.Session.World().MutableAccount(held.Number).JoinProcess = &next
	}
	return obj{"success": true}, nil
}

// Leaving the supplier: instigateLeaveSupplier asks for the account's supplies to end on
// a day (Octopus's requestedSupplyEndDate; four weeks on for Origin's, which names none),
// from today to a year ahead (KT-CT-1602 otherwise); their agreements end then, and the
// process is in progress until that day, completed after it. The supplies end as a move
// out of every home ends them: the occupancies end on the day, the supplies are off
// supply from the next, the direct debits stop on it and the final statement, ending on
// it, settles the account (settle.go). Asking again while one is in progress moves its
// day. cancelLeaveSupplier puts back what the process ended (the agreements and direct
// debits, but what a move out has ended since) while it is in progress (KT-CT-10305
// after; KT-CT-10302 for a process none of the viewer's accounts has). An account with
// no supply on supply, one a completed leave has ended among them, is KT-CT-10301.

// leaveNotice is how far ahead a leave with no day given ends.
const leaveNotice = 28

// leaveStatus is a leave process's status today.
func leaveStatus(p sim.LeaveProcess, today string) string {
	switch {
	case p.Cancelled:
		return "CANCELLED"
	case p.Reversed:
		return "REVERSED"
	case p.SupplyEnd < today:
		return "COMPLETED"
	}
	return "IN_PROGRESS"
}

// leaveProcessMap is a LeaveSupplierProcessType.
func leaveProcessMap(w *env, a *sim.Account, p sim.LeaveProcess) obj {
	return obj{"__typename": "LeaveSupplierProcessType", "id": p.ID, "number": p.ID, "status": leaveStatus(p, w.today()), "subtype": "SWITCH_AWAY", "stage": nil,
		"supplyPoints": sim.Lazy(func(args map[string]any) (any, error) {
			return connection(w, append([]any{}, accountSupplyPoints(w, a)...), args)
		})}
}

// undoLeave puts back what a leave process ended: each agreement it ended that still
// ends then runs on as it did, those it dropped are back, and the direct debits it
// stopped run on; what a move out has ended since stays ended.
func undoLeave(a *sim.Account, p *sim.LeaveProcess) {
	cut := addDays(p.SupplyEnd, 1)
	restore := func(mpID string, ags []sim.Agreement) []sim.Agreement {
		before, ok := p.Restore[mpID]
		if !ok {
			return ags
		}
		ags = slices.Clone(ags)
		for _, was := range before {
			switch i := slices.IndexFunc(ags, func(ag sim.Agreement) bool { return ag.ID == was.ID }); {
			case i >= 0 && ags[i].ValidTo == cut:
				ags[i].ValidTo = was.ValidTo
			case i < 0 && was.ValidFrom >= cut:
				ags = append(ags, was)
			}
		}
		if end := moveOutEnd(a, mpID); end != "" {
			ags = endAgreements(ags, end)
		}
		return ags
	}
	for i := range a.Properties {
		pr := &a.Properties[i]
		for j := range pr.ElectricityMeterPoints {
			pr.ElectricityMeterPoints[j].Agreements = restore(pr.ElectricityMeterPoints[j].ID, pr.ElectricityMeterPoints[j].Agreements)
		}
		for j := range pr.GasMeterPoints {
			pr.GasMeterPoints[j].Agreements = restore(pr.GasMeterPoints[j].ID, pr.GasMeterPoints[j].Agreements)
		}
	}
	if p.Schedules != nil {
		a.PaymentSchedules = slices.Clone(a.PaymentSchedules)
		for _, was := range p.Schedules {
			switch i := slices.IndexFunc(a.PaymentSchedules, func(s sim.PaymentSchedule) bool { return s.ID == was.ID }); {
			case i >= 0 && a.PaymentSchedules[i].ValidTo != was.ValidTo && a.PaymentSchedules[i].ValidTo >= p.SupplyEnd:
				a.PaymentSchedules[i].ValidTo = was.ValidTo
			case i < 0 && was.ValidFrom > p.SupplyEnd && !suppliesNothing(a):
				a.PaymentSchedules = append(a.PaymentSchedules, was)
			}
		}
	}
	p.Restore, p.Schedules = nil, nil
}

// instigateLeaveSupplier asks for the account's supplies to end on a day.
func instigateLeaveSupplier(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4501", "")
	if err != nil {
		return nil, err
	}
	day := today(c)
	end := addDays(day, leaveNotice)
	if _, given := in["requestedSupplyEndDate"]; given {
		d, ok := parseDate(in["requestedSupplyEndDate"])
		if !ok || d < day || d > addDays(day, 365) {
			return nil, c.ValidationError("KT-CT-1602", "requestedSupplyEndDate is a day from today to a year ahead.", "input", "requestedSupplyEndDate")
		}
		end = d
	}
	onSupply := false
	supplied := func(mpID string) bool { end := supplyEnd(a, mpID); return end == "" || end > day }
	for k := range a.Properties {
		for _, mp := range a.Properties[k].ElectricityMeterPoints {
			onSupply = onSupply || mp.Status == "ON_SUPPLY" && supplied(mp.ID)
		}
		for _, mp := range a.Properties[k].GasMeterPoints {
			onSupply = onSupply || (mp.Status == "ON_SUPPLY" || mp.Status == "LIVE") && supplied(mp.ID)
		}
	}
	if !onSupply {
		return nil, c.Error("KT-CT-10301")
	}
	i := slices.IndexFunc(a.LeaveProcesses, func(p sim.LeaveProcess) bool { return leaveStatus(p, day) == "IN_PROGRESS" })
	if i >= 0 {
		undoLeave(a, &a.LeaveProcesses[i])
	} else {
		ids := accountIDs(c.Session.World(), func(a *sim.Account) []sim.LeaveProcess { return a.LeaveProcesses }, func(p *sim.LeaveProcess) string { return p.ID })
		a.LeaveProcesses = append(a.LeaveProcesses, sim.LeaveProcess{ID: nextID(8600001, ids), CreatedAt: c.Session.Now().UTC().Truncate(time.Second)})
		i = len(a.LeaveProcesses) - 1
	}
	p := &a.LeaveProcesses[i]
	leaveOn(c, a, p, end)
	return obj{"leaveSupplierProcessId": p.ID, "message": "The account's supplies end on " + end + "."}, nil
}

// leaveOn ends the account's agreements on the day after end and its direct debits on
// end, keeping them for the process to put back.
func leaveOn(c *sim.Call, a *sim.Account, p *sim.LeaveProcess, end string) {
	p.SupplyEnd, p.Restore, p.Schedules = end, map[string][]sim.Agreement{}, slices.Clone(a.PaymentSchedules)
	endSchedules(c, a, end)
	for k := range a.Properties {
		pr := &a.Properties[k]
		for j := range pr.ElectricityMeterPoints {
			mp := &pr.ElectricityMeterPoints[j]
			p.Restore[mp.ID] = slices.Clone(mp.Agreements)
			mp.Agreements = endAgreements(slices.Clone(mp.Agreements), addDays(end, 1))
		}
		for j := range pr.GasMeterPoints {
			mp := &pr.GasMeterPoints[j]
			p.Restore[mp.ID] = slices.Clone(mp.Agreements)
			mp.Agreements = endAgreements(slices.Clone(mp.Agreements), addDays(end, 1))
		}
	}
}

// cancelLeaveSupplier withdraws a leave in progress, putting the agreements back.
func cancelLeaveSupplier(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, p, err := viewersLeave(c, in)
	if err != nil {
		return nil, err
	}
	if st := leaveStatus(*p, today(c)); st != "IN_PROGRESS" {
		return nil, c.ValidationError("KT-CT-10305", "The process is "+strings.ToLower(st)+".", "input")
	}
	p.Cancelled, p.Reason = true, sim.Clip(str(in, "reason"), 500)
	undoLeave(a, p)
	return obj{"message": "The leave supplier process " + p.ID + " is cancelled."}, nil
}

// viewersLeave finds the leave process the input names (by id, or Origin's number) on
// one of the viewer's accounts, for changing; KT-CT-10302 for none.
func viewersLeave(c *sim.Call, in map[string]any) (*sim.Account, *sim.LeaveProcess, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, nil, err
	}
	id := strings.TrimSpace(cmp.Or(str(in, "leaveSupplierProcessId"), str(in, "number")))
	w := c.Session.World()
	for _, n := range u.AccountNumbers {
		held := w.Account(n)
		if held == nil {
			continue
		}
		if i := slices.IndexFunc(held.LeaveProcesses, func(p sim.LeaveProcess) bool { return id != "" && p.ID == id }); i >= 0 {
			a := w.MutableAccount(n)
			return a, &a.LeaveProcesses[i], nil
		}
	}
	return nil, nil, c.ValidationError("KT-CT-10302", "None of your accounts has the leave supplier process "+strconv.Quote(id)+".", "input")
}

// leaveReversalDays is how many days after its supplies end a leave can be reversed.
const leaveReversalDays = 28

// reverseLeaveSupplier (Origin's) undoes a completed leave within leaveReversalDays of
// its end: the agreements it ended are back and it is REVERSED. One in progress can
// still be cancelled (KT-CT-10342); one cancelled or reversed is KT-CT-10341, one past
// the cut-off KT-CT-10344, one whose agreements krakensim no longer holds (a state
// restored from a snapshot) KT-CT-10348.
func reverseLeaveSupplier(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, p, err := viewersLeave(c, in)
	if err != nil {
		return nil, err
	}
	day := today(c)
	switch st := leaveStatus(*p, day); {
	case st == "IN_PROGRESS":
		return nil, c.ValidationError("KT-CT-10342", "The supplies end on "+p.SupplyEnd+"; cancel the process instead.", "input", "number")
	case st != "COMPLETED":
		return nil, c.ValidationError("KT-CT-10341", "The process is "+strings.ToLower(st)+".", "input", "number")
	case day > addDays(p.SupplyEnd, leaveReversalDays):
		return nil, c.ValidationError("KT-CT-10344", "A leave can be reversed until "+addDays(p.SupplyEnd, leaveReversalDays)+".", "input", "number")
	case p.Restore == nil:
		return nil, c.Error("KT-CT-10348")
	}
	p.Reversed, p.Reason = true, sim.Clip(str(in, "reversalReason"), 500)
	undoLeave(a, p)
	return obj{"message": "The leave supplier process " + p.ID + " is reversed; the supplies stay with us."}, nil
}

// updateLeaveSupplier (Origin's) moves the day a leave in progress ends the supplies
// (KT-CT-10310 for one not in progress; KT-CT-10302 for a day before today or over a
// year ahead).
func updateLeaveSupplier(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, p, err := viewersLeave(c, in)
	if err != nil {
		return nil, err
	}
	day := today(c)
	if st := leaveStatus(*p, day); st != "IN_PROGRESS" {
		return nil, c.ValidationError("KT-CT-10310", "The process is "+strings.ToLower(st)+".", "input", "number")
	}
	end, ok := parseDate(in["requestedSupplyEndDate"])
	if !ok || end < day || end > addDays(day, 365) {
		return nil, c.ValidationError("KT-CT-10302", "requestedSupplyEndDate is a day from today to a year ahead.", "input", "requestedSupplyEndDate")
	}
	undoLeave(a, p)
	leaveOn(c, a, p, end)
	return obj{"message": "The account's supplies end on " + end + "."}, nil
}

// leaveSupplierProcess answers one of the viewer's leave processes by its id (Octopus)
// or number (Origin).
func leaveSupplierProcess(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	id := cmp.Or(c.StringArg("leaveSupplierProcessId"), c.StringArg("number"))
	w := newEnv(c)
	for _, n := range u.AccountNumbers {
		if a := w.Account(n); a != nil {
			for _, p := range a.LeaveProcesses {
				if p.ID == id {
					return leaveProcessMap(w, a, p), nil
				}
			}
		}
	}
	return nil, nil
}

// maxSsdAhead is how far ahead a switching customer may choose their supply start day.
const maxSsdAhead = 28

// ssdRule is the days a supply may start on: from to to, each a working day or the day
// the account moves into the home (moveIn; "" for none). One rule answers updateSsd,
// an account's earliest and latest possible days and a quote's allowed start dates.
type ssdRule struct {
	from, to, moveIn string
	days             *workdays.Calendar
}

// newSsdRule is the rule on today for a supply at a home moved into on moveIn ("" for
// none): from tomorrow, and no earlier than the move in, to maxSsdAhead days on (the
// move in's day, if later).
func newSsdRule(today, moveIn string, days *workdays.Calendar) ssdRule {
	return ssdRule{from: max(addDays(today, 1), moveIn), to: max(addDays(today, maxSsdAhead), moveIn), moveIn: moveIn, days: days}
}

// dates are the days the rule allows, in order.
func (r ssdRule) dates() []string {
	var out []string
	for d := r.from; d <= r.to && d != ""; d = addDays(d, 1) {
		if r.refusal(d) == "" {
			out = append(out, d)
		}
	}
	return out
}

// refusal is why a supply may not start on day; "" for a day it may.
func (r ssdRule) refusal(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	switch {
	case err != nil || day < r.from || day > r.to:
		if ok := r.dates(); len(ok) > 0 {
			return "Choose a day from " + ok[0] + " to " + ok[len(ok)-1] + "."
		}
		return "No day from " + r.from + " to " + r.to + " is a working day."
	case day == r.moveIn || r.days.Works(t):
		return ""
	case r.days.Holiday(t) != "":
		return day + " is a bank holiday (" + r.days.Holiday(t) + ")."
	}
	return day + " is not a working day."
}

// eachRegistration calls fn with each of a's meter points' home, supply status and
// registration start, electricity before gas.
func eachRegistration(a *sim.Account, fn func(p *sim.Property, status, start string)) {
	for i := range a.Properties {
		p := &a.Properties[i]
		for _, mp := range p.ElectricityMeterPoints {
			fn(p, mp.Status, mp.RegistrationStartDate)
		}
		for _, mp := range p.GasMeterPoints {
			fn(p, mp.Status, mp.RegistrationStartDate)
		}
	}
}

// switchRule is the rule for the day an account's switching supplies start (those
// registering from after today, or those a sign-up prepared and not yet switching),
// bounded by the latest day it moves into a home they are at; ok is false for an
// account none of whose supplies is switching.
func switchRule(a *sim.Account, today string, days *workdays.Calendar) (ssdRule, bool) {
	moveIn, switching := "", false
	pending := func(p *sim.Property, status, start string) {
		if status == "PENDING_REGISTRATION" && (start == "" || start > today) {
			switching = true
			if p.MovedIn {
				moveIn = max(moveIn, p.OccupiedFrom)
			}
		}
	}
	eachRegistration(a, pending)
	switching = switching || a.Sale != nil && a.Sale.EnrolledAt.IsZero() // a sign-up's, to switch
	return newSsdRule(today, moveIn, days), switching
}

// updateSsd moves the day an account's switching supplies start (Octopus's): each
// registration in progress, and the agreements it brings, start on the day desired
// (their terms as long as they were), which their enrolments answer; a home the
// switch alone brought is occupied from then; a sign-up's switch not yet begun will
// start then (its preferred day). The day is one switchRule allows
// (KT-GB-4101 for another, or an account with none switching).
func updateSsd(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, held, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	refuse := func(msg string) (any, error) {
		return nil, c.ValidationError("KT-GB-4101", msg, "input", "desiredSsd")
	}
	today := today(c)
	rule, switching := switchRule(held, today, bankDays(c))
	if !switching {
		return refuse("None of the account's supplies is switching.")
	}
	day, _ := parseDate(in["desiredSsd"])
	if why := rule.refusal(day); why != "" {
		return refuse(why)
	}
	a := c.Session.World().MutableAccount(held.Number)
	if a.Sale != nil && a.Sale.EnrolledAt.IsZero() { // the sign-up's switch will start then, and be paid for from then
		was, _ := saleStart(newEnv(c), a)
		for k := range a.PaymentSchedules {
			if s := &a.PaymentSchedules[k]; s.ValidFrom == was && s.ValidFrom > today && s.ScheduleType == "DIRECT_DEBIT" {
				s.ValidFrom = day
			}
		}
		a.Sale.PreferredSSD = day
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		moved := false
		move := func(status string, start *string, ags []sim.Agreement) {
			if status != "PENDING_REGISTRATION" || *start != "" && *start <= today {
				return
			}
			was := cmp.Or(*start, p.OccupiedFrom)
			*start, moved = day, true
			if was == "" {
				return
			}
			by := daysBetween(was, day)
			for k := range ags {
				if ag := &ags[k]; ag.ValidFrom >= was {
					ag.ValidFrom = addDays(ag.ValidFrom, by)
					if ag.ValidTo != "" {
						ag.ValidTo = addDays(ag.ValidTo, by)
					}
				}
			}
		}
		for j := range p.ElectricityMeterPoints {
			mp := &p.ElectricityMeterPoints[j]
			move(mp.Status, &mp.RegistrationStartDate, mp.Agreements)
		}
		for j := range p.GasMeterPoints {
			mp := &p.GasMeterPoints[j]
			move(mp.Status, &mp.RegistrationStartDate, mp.Agreements)
		}
		if moved && !p.MovedIn && p.OccupiedFrom > today {
			p.OccupiedFrom = day
		}
	}
	return obj{"ssdUpdated": true, "estimatedSsd": day, "possibleErrors": []any{}}, nil
}

// ssdBound is an account's earliest (or latest) possible supply start day: for one
// switching, the first (or last) day switchRule allows; else its supply start day.
func ssdBound(w *env, a *sim.Account, latest bool) any {
	rule, switching := switchRule(a, w.today(), workdays.For(w.zone))
	if !switching {
		return supplyStartDay(a)
	}
	days := rule.dates()
	if len(days) == 0 {
		return nil
	}
	return map[bool]string{false: days[0], true: days[len(days)-1]}[latest]
}

// supplyStartDay is the day the account's supply starts (Octopus's currentEstimatedSsd,
// and the earliest and latest it may be once on supply): for supplies switching, the day their
// registrations start (updateSsd), else the day the account moved into the home they
// are at; for an account on supply, the day its first agreement began; null for none.
func supplyStartDay(a *sim.Account) any {
	switching, first := "", ""
	for i := range a.Properties {
		p := &a.Properties[i]
		pending := func(status, start string) {
			if status == "PENDING_REGISTRATION" {
				switching = max(switching, cmp.Or(start, p.OccupiedFrom))
			}
		}
		for _, mp := range p.ElectricityMeterPoints {
			pending(mp.Status, mp.RegistrationStartDate)
			for _, ag := range mp.Agreements {
				first = cmp.Or(min(first, ag.ValidFrom), ag.ValidFrom)
			}
		}
		for _, mp := range p.GasMeterPoints {
			pending(mp.Status, mp.RegistrationStartDate)
			for _, ag := range mp.Agreements {
				first = cmp.Or(min(first, ag.ValidFrom), ag.ValidFrom)
			}
		}
	}
	return orNil(cmp.Or(switching, first))
}
