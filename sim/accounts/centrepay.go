package accounts

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// Centrepay (Origin's): a customer on a Centrelink benefit has a regular amount deducted
// for their account, asked of Services Australia as a request it processes
// (changeStatus CREATING, CHANGING, CANCELLING). createCentrepayDeduction asks for one
// for a user of the account (their name and date of birth, and a customer reference
// number of nine digits and a letter; KT-AU-3912 otherwise, or while one for the same
// service is in force) of more than $10 (KT-AU-3916), from today or later (KT-AU-3913)
// to a day after it and after today (KT-AU-3914, 3915) or until a target amount no less
// than the amount (KT-AU-3930), not both (KT-AU-3920). changeCentrepayDeduction and
// cancelCentrepayDeduction name it by id (KT-AU-3923 for none of the viewer's) and its
// customer (KT-AU-3924 for another); one being cancelled changes no more (KT-AU-3925,
// 3926), one begun keeps its first day (KT-AU-3928), and a change must change something
// (KT-AU-3927). centrepayDeductions lists them. krakensim posts no deduction to the
// ledger: Services Australia pays them.

const (
	centrepayFloor = 7700001
	// centrepayMinimum is the least a deduction may be, in cents ($10.00 is too little).
	centrepayMinimum = 1000
)

func centrepayMap(a *sim.Account, d sim.CentrepayDeduction) obj {
	return obj{
		"id": d.ID, "accountNumber": a.Number, "benefitGroup": d.BenefitGroup, "serviceReason": d.ServiceReason,
		"customerReferenceNumber": d.CustomerReferenceNumber, "amount": d.Amount, "targetAmount": intOrNil(d.TargetAmount),
		"validFrom": d.ValidFrom, "validTo": orNil(d.ValidTo), "customerGivenName": d.GivenName, "customerFamilyName": d.FamilyName,
		"customerDateOfBirth": d.DateOfBirth, "changeStatus": orNil(d.ChangeStatus),
	}
}

// centrepayTerms checks a deduction's amount and days, as made or changed.
func centrepayTerms(c *sim.Call, d sim.CentrepayDeduction, bothEnds bool) error {
	day := today(c)
	switch {
	case d.Amount <= centrepayMinimum:
		return c.ValidationError("KT-AU-3916", "A deduction is more than $10.00.", "input", "amount")
	case bothEnds:
		return c.ValidationError("KT-AU-3920", "Give validTo or targetAmount, not both.", "input", "validTo")
	case d.ValidTo != "" && d.ValidTo <= day:
		return c.ValidationError("KT-AU-3914", "validTo is a day after today.", "input", "validTo")
	case d.ValidTo != "" && d.ValidTo <= d.ValidFrom:
		return c.ValidationError("KT-AU-3915", "validTo is a day after validFrom.", "input", "validTo")
	case d.TargetAmount != 0 && d.Amount > d.TargetAmount:
		return c.ValidationError("KT-AU-3930", "The deduction is more than its target amount.", "input", "amount")
	}
	return nil
}

// sameCustomer reports whether the input names the deduction's customer.
func sameCustomer(in map[string]any, d sim.CentrepayDeduction) bool {
	dob, _ := parseDate(in["customerDateOfBirth"])
	return sameWords(str(in, "customerGivenName"), d.GivenName) && sameWords(str(in, "customerFamilyName"), d.FamilyName) && dob == d.DateOfBirth
}

// centrepayDeductions (Origin's) lists the account's deductions, oldest first, as
// createCentrepayDeduction made them and later requests changed them; KT-CT-3823 for an
// account the viewer may not read.
func centrepayDeductions(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "KT-CT-3823", "")
	if err != nil {
		return nil, err
	}
	out := make([]any, len(a.CentrepayDeductions))
	for i, d := range a.CentrepayDeductions {
		out[i] = centrepayMap(a, d)
	}
	return out, nil
}

// createCentrepayDeduction asks for a deduction for a user of the account.
func createCentrepayDeduction(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-3923", "")
	if err != nil {
		return nil, err
	}
	amount, _ := integer(in, "amount")
	target, _ := integer(in, "targetAmount")
	d := sim.CentrepayDeduction{
		BenefitGroup: str(in, "benefitGroup"), ServiceReason: str(in, "serviceReason"), CustomerReferenceNumber: strings.ToUpper(strings.TrimSpace(str(in, "customerReferenceNumber"))),
		Amount: amount, TargetAmount: target, ValidFrom: today(c), ChangeStatus: "CREATING",
		GivenName: sim.Clip(str(in, "customerGivenName"), 100), FamilyName: sim.Clip(str(in, "customerFamilyName"), 100),
	}
	d.DateOfBirth, _ = parseDate(in["customerDateOfBirth"])
	if v, ok := parseDate(in["validFrom"]); ok {
		if v < d.ValidFrom {
			return nil, c.ValidationError("KT-AU-3913", "validFrom is today or later.", "input", "validFrom")
		}
		d.ValidFrom = v
	}
	d.ValidTo, _ = parseDate(in["validTo"])
	if err := centrepayTerms(c, d, d.ValidTo != "" && target != 0); err != nil {
		return nil, err
	}
	w := c.Session.World()
	customer := slices.ContainsFunc(w.AccountUsers(a.Number), func(u *sim.User) bool {
		return sameWords(u.GivenName, d.GivenName) && sameWords(u.FamilyName, d.FamilyName) && u.DateOfBirth == d.DateOfBirth
	})
	inForce := slices.ContainsFunc(a.CentrepayDeductions, func(x sim.CentrepayDeduction) bool {
		return x.ServiceReason == d.ServiceReason && x.ChangeStatus != "CANCELLING" && (x.ValidTo == "" || x.ValidTo >= d.ValidFrom)
	})
	if !customer || !centrelinkNumber().MatchString(d.CustomerReferenceNumber) || inForce {
		return nil, c.ValidationError("KT-AU-3912", "The customer must be a user of the account, with a reference number of nine digits and a letter, and no deduction for the service in force.", "input")
	}
	d.ID = nextID(centrepayFloor, accountIDs(w, func(a *sim.Account) []sim.CentrepayDeduction { return a.CentrepayDeductions },
		func(d *sim.CentrepayDeduction) string { return d.ID }))
	a.CentrepayDeductions = append(a.CentrepayDeductions, d)
	return obj{"centrepayDeduction": centrepayMap(a, d)}, nil
}

// viewersDeduction finds one of the viewer's deductions by the input's id, for its
// customer, for changing.
func viewersDeduction(c *sim.Call, in map[string]any) (*sim.Account, *sim.CentrepayDeduction, error) {
	id := str(in, "deductionId")
	held, i, err := viewersEntry(c, func(a *sim.Account) []sim.CentrepayDeduction { return a.CentrepayDeductions },
		func(d sim.CentrepayDeduction) bool { return d.ID == id })
	switch {
	case err != nil:
		return nil, nil, err
	case held == nil:
		return nil, nil, c.ValidationError("KT-AU-3923", "None of your accounts has deduction "+strconv.Quote(id)+".", "input", "deductionId")
	case !sameCustomer(in, held.CentrepayDeductions[i]):
		return nil, nil, c.ValidationError("KT-AU-3924", "Deduction "+id+" is another customer's.", "input", "customerGivenName")
	}
	a := c.Session.World().MutableAccount(held.Number)
	return a, &a.CentrepayDeductions[i], nil
}

// changeCentrepayDeduction asks for a deduction's amount or days to change.
func changeCentrepayDeduction(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, d, err := viewersDeduction(c, in)
	if err != nil {
		return nil, err
	}
	if d.ChangeStatus == "CANCELLING" {
		return nil, c.ValidationError("KT-AU-3926", "Deduction "+d.ID+" is being cancelled.", "input", "deductionId")
	}
	next := *d
	amount, hasAmount := integer(in, "amount")
	target, hasTarget := integer(in, "targetAmount")
	from, hasFrom := parseDate(in["validFrom"])
	to, hasTo := parseDate(in["validTo"])
	switch {
	case !hasAmount && !hasTarget && !hasFrom && !hasTo:
		return nil, c.ValidationError("KT-AU-3927", "Give something to change.", "input")
	case hasFrom && from != d.ValidFrom && d.ValidFrom <= today(c):
		return nil, c.ValidationError("KT-AU-3928", "Deduction "+d.ID+" began on "+d.ValidFrom+".", "input", "validFrom")
	}
	if hasAmount {
		next.Amount = amount
	}
	if hasTarget {
		next.TargetAmount, next.ValidTo = target, ""
	}
	if hasFrom {
		next.ValidFrom = from
	}
	if hasTo {
		next.ValidTo, next.TargetAmount = to, 0
	}
	if err := centrepayTerms(c, next, hasTo && hasTarget); err != nil {
		return nil, err
	}
	next.ChangeStatus = "CHANGING"
	*d = next
	return obj{"centrepayDeduction": centrepayMap(a, next)}, nil
}

// cancelCentrepayDeduction asks for a deduction to stop.
func cancelCentrepayDeduction(_ context.Context, c *sim.Call) (any, error) {
	a, d, err := viewersDeduction(c, input(c))
	if err != nil {
		return nil, err
	}
	if d.ChangeStatus == "CANCELLING" {
		return nil, c.ValidationError("KT-AU-3925", "Deduction "+d.ID+" is being cancelled already.", "input", "deductionId")
	}
	d.ChangeStatus = "CANCELLING"
	return obj{"centrepayDeduction": centrepayMap(a, *d)}, nil
}
