package accounts

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// Origin's house moves, fuel by fuel: triggerElectricityHouseMoveOut and
// triggerGasHouseMoveOut move the account out of a property on a day (its occupancy
// ends then) and end that fuel's agreements the day after, as a workflow in progress
// until the day; the second fuel moves out on the same day (a ValidationErrorType for
// another). An account left supplying nothing stops its direct debits on the day, as
// Octopus's moveOut does. Until the day comes, cancelHouseMoveOut undoes the move (the
// agreements and the direct debits are back) and updateProcessedHouseMoveDate moves it to another day (UnableToUndoMoveErrorType,
// UnableToAdjustMoveDateErrorType once it has passed, or for a move out krakensim did not
// make; ExistingBillingOverMoveInAdjustmentErrorType for a day already billed).
// cancelHouseMoveIn withdraws a move into a home that has not begun
// (PreconditionsNotMetErrorType once it has). An occupancy period's id is its property's.

// houseMoveFuels are the fuels a house move names, by mutation.
var houseMoveFuels = map[string]string{"triggerElectricityHouseMoveOut": "ELECTRICITY", "triggerGasHouseMoveOut": "GAS"}

func unionError(typename, message string) obj {
	return obj{"__typename": typename, "message": message}
}

// triggerHouseMoveOut moves the account out of a property for one fuel.
func triggerHouseMoveOut(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	fuel := houseMoveFuels[c.Field.Name]
	_, held, err := readable(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	refuse := func(e obj) (any, error) { return obj{"workflow": nil, "error": e}, nil }
	id := str(in, "propertyId")
	i := slices.IndexFunc(held.Properties, func(p sim.Property) bool { return p.ID == id })
	if i < 0 {
		return refuse(obj{"__typename": "DoesNotExistErrorType", "field": "propertyId"})
	}
	date, ok := parseDate(in["moveOutDate"])
	if !ok {
		return refuse(fieldError("moveOutDate", "moveOutDate is no date."))
	}
	p := held.Properties[i]
	if p.OccupiedTo != "" && (p.MoveOut == nil || p.OccupiedTo != date) {
		return refuse(fieldError("moveOutDate", "The account moves out of property "+id+" on "+p.OccupiedTo+"; move that day with updateProcessedHouseMoveDate."))
	}
	if p.OccupiedTo == "" {
		var why obj
		if _, err := leaving(c, held, id, date, "moveOutDate", func(msg string, _ ...any) error { why = fieldError("moveOutDate", msg); return errRefused }); err != nil {
			return refuse(why)
		}
	}
	return obj{"workflow": moveOutFuels(c, held, i, date, fuel), "error": nil}, nil
}

// moveOutFuels moves the account out of its i'th property on date for the fuels named
// (each fuel's agreements end the day after; a move out that cancelHouseMoveOut can
// undo), and answers the workflow doing it.
func moveOutFuels(c *sim.Call, held *sim.Account, i int, date string, fuels ...string) obj {
	a := c.Session.World().MutableAccount(held.Number)
	left := &a.Properties[i]
	undo := &sim.MoveOut{Restore: map[string][]sim.Agreement{}}
	if left.MoveOut != nil {
		undo.Fuels, undo.Restore, undo.Schedules = slices.Clone(left.MoveOut.Fuels), left.MoveOut.Restore, left.MoveOut.Schedules
	} else {
		for _, mp := range left.ElectricityMeterPoints {
			undo.Restore[mp.ID] = slices.Clone(mp.Agreements)
		}
		for _, mp := range left.GasMeterPoints {
			undo.Restore[mp.ID] = slices.Clone(mp.Agreements)
		}
	}
	for _, fuel := range fuels {
		if !slices.Contains(undo.Fuels, fuel) {
			undo.Fuels = append(undo.Fuels, fuel)
			raiseReads(c.Session.World(), left, "FINAL_READ", date, fuel)
		}
		endFuel(left, fuel, addDays(date, 1))
	}
	left.OccupiedTo, left.MoveOut = date, undo
	stopDebits(c, a, left, date)
	status := "IN_PROGRESS"
	if date < today(c) {
		status = "COMPLETED"
	}
	name := "property_move_out"
	if len(fuels) == 1 {
		name = strings.ToLower(fuels[0]) + "_house_move_out"
	}
	wf := hashUUID("house-move-out", a.Number, left.ID, strings.Join(fuels, "+"))
	return obj{"id": wf, "name": name, "status": status, "steps": []any{
		obj{"id": wf + "-1", "name": "end_occupancy", "status": "COMPLETED"},
		obj{"id": wf + "-2", "name": "end_supply", "status": status},
	}}
}

// propertyMoveOut moves the account out of a property for all its supplies on one day
// (KT-AU-6610 for a day it cannot, KT-AU-6611 for a property it has left on another);
// its note is kept as one of the account's notes.
func propertyMoveOut(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, held, err := readable(c, str(in, "accountNumber"), "KT-CT-6623", "")
	if err != nil {
		return nil, err
	}
	id := str(in, "propertyId")
	i := slices.IndexFunc(held.Properties, func(p sim.Property) bool { return p.ID == id })
	if i < 0 {
		return nil, c.Error("KT-CT-6622")
	}
	date, ok := parseDate(in["moveOutDate"])
	if !ok {
		return nil, c.ValidationError("KT-AU-6610", "moveOutDate is no date.", "input", "moveOutDate")
	}
	if p := held.Properties[i]; p.OccupiedTo != "" {
		if p.MoveOut == nil || p.OccupiedTo != date {
			return nil, c.ValidationError("KT-AU-6611", "The account moves out of property "+id+" on "+p.OccupiedTo+".", "input", "moveOutDate")
		}
	} else if _, err := leaving(c, held, id, date, "moveOutDate", func(msg string, _ ...any) error {
		return c.ValidationError("KT-AU-6610", msg, "input", "moveOutDate")
	}); err != nil {
		return nil, err
	}
	wf := moveOutFuels(c, held, i, date, "ELECTRICITY", "GAS")
	if note := strings.TrimSpace(str(in, "note")); note != "" {
		a := c.Session.World().MutableAccount(held.Number)
		a.Notes = append(a.Notes, sim.Note{Body: note, CreatedAt: c.Session.Now()})
	}
	return obj{"workflow": wf}, nil
}

// errRefused stands for a refusal a helper reported and its caller answers.
var errRefused = errors.New("refused")

// endFuel ends the property's agreements of a fuel at end (exclusive).
func endFuel(p *sim.Property, fuel, end string) {
	if fuel == "ELECTRICITY" {
		for k := range p.ElectricityMeterPoints {
			p.ElectricityMeterPoints[k].Agreements = endAgreements(slices.Clone(p.ElectricityMeterPoints[k].Agreements), end)
		}
		return
	}
	for k := range p.GasMeterPoints {
		p.GasMeterPoints[k].Agreements = endAgreements(slices.Clone(p.GasMeterPoints[k].Agreements), end)
	}
}

// stopDebits ends on date the direct debits of an account that the move out of p leaves
// supplying nothing, keeping them with the move out to put back.
func stopDebits(c *sim.Call, a *sim.Account, p *sim.Property, date string) {
	if !suppliesNothing(a) {
		return
	}
	if p.MoveOut.Schedules == nil {
		p.MoveOut.Schedules = append([]sim.PaymentSchedule{}, a.PaymentSchedules...)
	}
	endSchedules(c, a, date)
}

// undoMoveOut puts back the agreements (and the account's direct debits) a move out of
// the account's home p ended, withdraws its final reads and clears its day.
func undoMoveOut(a *sim.Account, p *sim.Property) {
	if p.MoveOut.Schedules != nil {
		a.PaymentSchedules = slices.Clone(p.MoveOut.Schedules)
	}
	withdrawFinalReads(p, p.OccupiedTo)
	for k := range p.ElectricityMeterPoints {
		if ags, ok := p.MoveOut.Restore[p.ElectricityMeterPoints[k].ID]; ok {
			p.ElectricityMeterPoints[k].Agreements = slices.Clone(ags)
		}
	}
	for k := range p.GasMeterPoints {
		if ags, ok := p.MoveOut.Restore[p.GasMeterPoints[k].ID]; ok {
			p.GasMeterPoints[k].Agreements = slices.Clone(ags)
		}
	}
	p.OccupiedTo, p.MoveOut = "", nil
}

// movedOutProperty finds the property of the account an occupancy period names, and
// the account, for changing; a union error for none or a move out that cannot be
// changed now.
func movedOutProperty(c *sim.Call, number, id, cannot string) (*sim.Account, *sim.Property, obj, error) {
	_, held, err := readable(c, number, "", "")
	if err != nil {
		return nil, nil, nil, err
	}
	i := slices.IndexFunc(held.Properties, func(p sim.Property) bool { return p.ID == id })
	if i < 0 {
		return nil, nil, obj{"__typename": "DoesNotExistErrorType", "field": "occupancyPeriodId"}, nil
	}
	p := held.Properties[i]
	switch {
	case p.OccupiedTo == "":
		return nil, nil, unionError(cannot, "The account has not moved out of property "+id+"."), nil
	case p.OccupiedTo < today(c):
		return nil, nil, unionError(cannot, "The account moved out of property "+id+" on "+p.OccupiedTo+"."), nil
	case p.MoveOut == nil:
		return nil, nil, unionError(cannot, "The move out of property "+id+" was not triggered here; it cannot be changed."), nil
	}
	a := c.Session.World().MutableAccount(held.Number)
	return a, &a.Properties[i], nil, nil
}

// cancelHouseMoveOut undoes a move out whose day has not passed.
func cancelHouseMoveOut(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, p, refusal, err := movedOutProperty(c, str(in, "accountNumber"), str(in, "occupancyPeriodId"), "UnableToUndoMoveErrorType")
	if err != nil || refusal != nil {
		return obj{"account": nil, "error": orNilObj(refusal)}, err
	}
	undoMoveOut(a, p)
	return obj{"account": accountMap(newEnv(c), a), "error": nil}, nil
}

// updateProcessedHouseMoveDate moves a move out whose day has not passed to another.
func updateProcessedHouseMoveDate(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	id := str(in, "occupancyPeriodId")
	held, _ := c.Session.World().Property(id)
	if held == nil {
		return obj{"account": nil, "error": obj{"__typename": "DoesNotExistErrorType", "field": "occupancyPeriodId"}}, nil
	}
	a, p, refusal, err := movedOutProperty(c, held.Number, id, "UnableToAdjustMoveDateErrorType")
	if err != nil || refusal != nil {
		return obj{"account": nil, "error": orNilObj(refusal)}, err
	}
	date, ok := parseDate(in["updatedMoveDate"])
	switch open := openPeriodStart(newEnv(c), held); {
	case !ok || date < today(c) || p.OccupiedFrom != "" && date < p.OccupiedFrom:
		return obj{"account": nil, "error": unionError("UnableToAdjustMoveDateErrorType", "Move out on a day from today, after the move in.")}, nil
	case open != "" && date < open:
		return obj{"account": nil, "error": unionError("ExistingBillingOverMoveInAdjustmentErrorType", "The account is billed until "+open+".")}, nil
	}
	fuels := p.MoveOut.Fuels
	undoMoveOut(a, p)
	p.OccupiedTo, p.MoveOut = date, &sim.MoveOut{Fuels: fuels, Restore: map[string][]sim.Agreement{}}
	for _, mp := range p.ElectricityMeterPoints {
		p.MoveOut.Restore[mp.ID] = slices.Clone(mp.Agreements)
	}
	for _, mp := range p.GasMeterPoints {
		p.MoveOut.Restore[mp.ID] = slices.Clone(mp.Agreements)
	}
	for _, f := range fuels {
		endFuel(p, f, addDays(date, 1))
	}
	raiseReads(c.Session.World(), p, "FINAL_READ", date, fuels...)
	stopDebits(c, a, p, date)
	return obj{"account": accountMap(newEnv(c), a), "error": nil}, nil
}

// cancelHouseMoveIn withdraws the account's move into a home that has not begun.
func cancelHouseMoveIn(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, held, err := readable(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	id := str(in, "propertyId")
	i := slices.IndexFunc(held.Properties, func(p sim.Property) bool { return p.ID == id && p.MovedIn })
	if i < 0 {
		return obj{"account": nil, "error": obj{"__typename": "DoesNotExistErrorType", "field": "propertyId"}}, nil
	}
	if from := held.Properties[i].OccupiedFrom; from <= today(c) {
		return obj{"account": nil, "error": unionError("PreconditionsNotMetErrorType", "The account moved in on "+from+"; move it out instead.")}, nil
	}
	a := c.Session.World().MutableAccount(held.Number)
	a.Properties = slices.Delete(a.Properties, i, i+1)
	return obj{"account": accountMap(newEnv(c), a), "error": nil}, nil
}
