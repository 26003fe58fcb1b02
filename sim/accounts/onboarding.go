package accounts

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Onboarding onto a smart tariff (Octopus's startOnboardingProcess): a supply of the
// account, by MPAN or MPRN (its electricity when none is named), is enrolled onto a
// tariff that needs a smart meter (Agile, Go, Intelligent Go, Cosy) that it may have,
// from the target day, today or later (tomorrow when none is given, or one past), at most 90 days
// ahead: its agreement changes to the product then, and the enrolment is IN_PROGRESS
// until that day, COMPLETED from it. Terms given must be accepted; without them the
// enrolment waits for acceptTermsAndConditions, which changes the agreement then (from
// the target day, today or later, or tomorrow once it has passed). Onboarding an export
// (startExportOnboardingProcess) onto an export tariff (Outgoing) applies for the export
// MPAN and waits for the network to create it, IN_PROGRESS, changing no agreement.
// productEnrolments and productEnrolment list them. Each refusal is the field's one
// code, KT-GB-4102 (KT-GB-4103 for an export), with what is wrong.

const productEnrolmentFloor = 9900001

// smartTariffs are the product families that need a smart meter.
var smartTariffs = []string{"Agile", "Go", "Intelligent Go", "Cosy"}

// startOnboardingProcess enrolls a supply of the account onto a smart tariff.
func startOnboardingProcess(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	refuse := func(msg string, path ...any) (any, error) {
		return nil, c.ValidationError("KT-GB-4102", msg, append([]any{"input"}, path...)...)
	}
	w := newEnv(c)
	day := w.today()
	mpxn, field := strings.TrimSpace(str(in, "mpan")), "mpan"
	if mprn := strings.TrimSpace(str(in, "mprn")); mpxn == "" && mprn != "" {
		mpxn, field = mprn, "mprn"
	}
	sups := supplies(w, a, nil)
	at := slices.IndexFunc(sups, func(s quotedSupply) bool { return s.mpxn == mpxn || mpxn == "" && s.electricity })
	if at < 0 {
		return refuse("The account has no supply "+mpxn+".", field)
	}
	s := sups[at]
	code := strings.TrimSpace(str(in, "productCode"))
	if terms, ok := in["termsAndConditions"].(map[string]any); ok {
		if accepted, _ := terms["accepted"].(bool); !accepted {
			return refuse("Accept the product's terms and conditions to enrol.", "termsAndConditions", "accepted")
		}
	}
	switch {
	case !slices.Contains(smartTariffs, productName(code)):
		return refuse(code+" is not a smart tariff; renew onto it instead.", "productCode")
	case !s.active:
		return refuse("The supply "+s.mpxn+" has no agreement in force.", field)
	case !s.smart:
		return refuse("The supply "+s.mpxn+" has no smart meter; book an installation first.", field)
	case !s.offers(w, code, day):
		return refuse(code+" is not on offer to the supply "+s.mpxn+".", "productCode")
	case slices.ContainsFunc(a.ProductEnrolments, func(e sim.ProductEnrolment) bool {
		return e.MPXN == s.mpxn && !e.Export && (e.ChangeOn > day || e.TermsVersion == "")
	}):
		return refuse("The supply "+s.mpxn+" is already being enrolled.", field)
	}
	from := addDays(day, 1)
	if target, ok := parseDate(in["targetAgreementChangeDate"]); ok && target >= day { // "today or later"
		from = target
	}
	if from > addDays(day, 90) {
		return refuse("The target day is at most 90 days ahead.", "targetAgreementChangeDate")
	}
	if renewed(*meterPointAgreementsOf(a, s.mpxn, s.electricity), sim.Agreement{ValidFrom: from}, day) != nil {
		return refuse("An agreement of the supply "+s.mpxn+" has begun on "+from+".", "targetAgreementChangeDate")
	}
	e := sim.ProductEnrolment{ID: nextEnrolmentID(c), MPXN: s.mpxn, ProductCode: code, ChangeOn: from, StartedAt: c.Session.Now().UTC().Truncate(time.Second)}
	if terms, ok := in["termsAndConditions"].(map[string]any); ok {
		e.TermsVersion = cmp.Or(sim.Clip(strings.TrimSpace(str(terms, "version")), 50), "1.0")
		putOn(c, a, []quotedSupply{s}, code, from)
	}
	a.ProductEnrolments = append(a.ProductEnrolments, e)
	return onboardingAnswer(w, a, e), nil
}

// startExportOnboardingProcess applies for an export MPAN onto an export tariff.
func startExportOnboardingProcess(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	refuse := func(msg string, path ...any) (any, error) {
		return nil, c.ValidationError("KT-GB-4103", msg, append([]any{"input"}, path...)...)
	}
	w := newEnv(c)
	sups := supplies(w, a, nil)
	imp := strings.TrimSpace(str(in, "importMpan"))
	at := slices.IndexFunc(sups, func(s quotedSupply) bool { return s.electricity && (s.mpxn == imp || imp == "") })
	code := strings.TrimSpace(str(in, "productCode"))
	switch {
	case at < 0:
		return refuse("The account has no electricity supply "+imp+".", "importMpan")
	case !exportTariff(code):
		return refuse(code+" is not an export tariff.", "productCode")
	case !onOffer(w, code, w.today()):
		return refuse(code+" is not on offer yet.", "productCode")
	}
	if accepted, _ := in["termsAndConditionsAccepted"].(bool); !accepted {
		return refuse("Accept the export tariff's terms and conditions to enrol.", "termsAndConditionsAccepted")
	}
	s := sups[at]
	if slices.ContainsFunc(a.ProductEnrolments, func(e sim.ProductEnrolment) bool { return e.Export && e.MPXN == s.mpxn }) {
		return refuse("The supply "+s.mpxn+"'s export is already being enrolled.", "importMpan")
	}
	e := sim.ProductEnrolment{ID: nextEnrolmentID(c), Export: true, MPXN: s.mpxn, ProductCode: code, StartedAt: c.Session.Now().UTC().Truncate(time.Second),
		TermsVersion: cmp.Or(sim.Clip(strings.TrimSpace(str(in, "acceptedTermsAndConditionsVersion")), 50), "1.0")}
	a.ProductEnrolments = append(a.ProductEnrolments, e)
	return onboardingAnswer(w, a, e), nil
}

func nextEnrolmentID(c *sim.Call) string {
	return nextID(productEnrolmentFloor, accountIDs(c.Session.World(), func(a *sim.Account) []sim.ProductEnrolment { return a.ProductEnrolments }, func(e *sim.ProductEnrolment) string { return e.ID }))
}

// onboardingAnswer is StartSmartOnboardingProcess (or its export's) for an enrolment.
func onboardingAnswer(w *env, a *sim.Account, e sim.ProductEnrolment) obj {
	enrolment := productEnrolmentMap(w, a, e)
	return obj{"possibleErrors": []any{}, "productEnrolment": enrolment, "onboardingProcess": obj{
		"id": e.ID, "account": enrolment["account"], "meterPoint": enrolment["electricityMeterPoint"], "product": enrolment["product"],
	}}
}

// productEnrolmentMap is a ProductEnrolmentType: in progress until its terms are
// accepted and the supply changes (an export's, until its MPAN is created), completed
// from then; its stages the terms, and the agreement change or the export MPAN.
func productEnrolmentMap(w *env, a *sim.Account, e sim.ProductEnrolment) obj {
	done := !e.Export && e.TermsVersion != "" && e.ChangeOn <= w.today()
	status, last := "IN_PROGRESS", "PENDING"
	if done {
		status, last = "COMPLETED", "COMPLETED"
	}
	started := dateTime(e.StartedAt, w.zone)
	step := func(name, st string, at any) obj { return obj{"displayName": name, "status": st, "updatedAt": at} }
	terms := obj{"name": "Terms and conditions", "status": "COMPLETED", "steps": []any{step("Terms "+e.TermsVersion+" accepted", "COMPLETED", started)}}
	if e.TermsVersion == "" {
		terms = obj{"name": "Terms and conditions", "status": "PENDING", "steps": []any{step("Terms accepted", "PENDING", nil)}}
	}
	second := obj{"name": "Agreement change", "status": last, "steps": []any{step("Agreements updated on "+e.ChangeOn, last, started)}}
	if e.Export {
		second = obj{"name": "Export MPAN", "status": "IN_PROGRESS", "steps": []any{
			step("Export MPAN applied for", "COMPLETED", started), step("Export MPAN created", "PENDING", nil),
		}}
	}
	m := obj{
		"id": e.ID, "account": accountMap(w, a), "status": status, "product": productMap(w, e.ProductCode),
		"electricityMeterPoint": nil, "gasMeterPoint": nil, "stages": []any{terms, second},
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			if p.ElectricityMeterPoints[j].Identifier() == e.MPXN {
				m["electricityMeterPoint"] = electricityPoint(w, a, &p.ElectricityMeterPoints[j])
			}
		}
		for j := range p.GasMeterPoints {
			if p.GasMeterPoints[j].Identifier() == e.MPXN {
				m["gasMeterPoint"] = gasPoint(w, a, &p.GasMeterPoints[j])
			}
		}
	}
	return m
}

// productEnrolments answers productEnrolments(accountNumber:): the account's enrolments.
var productEnrolments = ofReadable(func(c *sim.Call, a *sim.Account) (any, error) {
	w := newEnv(c)
	out := []any{}
	for _, e := range a.ProductEnrolments {
		out = append(out, productEnrolmentMap(w, a, e))
	}
	return out, nil
})

// productEnrolment answers productEnrolment(accountNumber:, enrolmentId:): null for an
// enrolment the account does not have.
var productEnrolment = ofReadable(func(c *sim.Call, a *sim.Account) (any, error) {
	id := c.StringArg("enrolmentId")
	if i := slices.IndexFunc(a.ProductEnrolments, func(e sim.ProductEnrolment) bool { return e.ID == id }); i >= 0 {
		return productEnrolmentMap(newEnv(c), a, a.ProductEnrolments[i]), nil
	}
	return nil, nil
})

// acceptTermsAndConditions accepts the terms of an enrolment of the account's, which
// then changes its supply; accepting again answers the version accepted first. The
// version is recorded as given: clients send the one termsAndConditionsForProduct
// answers, but the field documents no error to refuse another with.
func acceptTermsAndConditions(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	id := str(in, "enrolmentId")
	i := slices.IndexFunc(a.ProductEnrolments, func(e sim.ProductEnrolment) bool { return e.ID == id })
	if i < 0 {
		return nil, c.ValidationError(c.UnauthorizedCode(), "The account has no enrolment "+id+".", "input", "enrolmentId")
	}
	e := &a.ProductEnrolments[i]
	if e.TermsVersion != "" {
		return obj{"acceptedVersion": e.TermsVersion}, nil
	}
	v, _ := in["termsVersion"].(map[string]any)
	major, _ := integer(v, "versionMajor")
	minor, _ := integer(v, "versionMinor")
	e.TermsVersion = strconv.Itoa(max(0, major)) + "." + strconv.Itoa(max(0, minor))
	if !e.Export {
		w := newEnv(c)
		if e.ChangeOn < w.today() { // a target day passed is ignored
			e.ChangeOn = addDays(w.today(), 1)
		}
		for _, s := range supplies(w, a, nil) {
			if s.mpxn == e.MPXN && s.active {
				putOn(c, a, []quotedSupply{s}, e.ProductCode, e.ChangeOn)
			}
		}
	}
	return obj{"acceptedVersion": e.TermsVersion}, nil
}
