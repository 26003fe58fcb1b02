package accounts

import (
	"context"
	"strconv"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// Contribution agreements: an account contributes a sum each month or quarter to one of
// the schemes contributionSchemes lists (createContributionAgreement), from when it
// says until it ends (endContributionAgreement, or the end it was made with). A scheme
// it does not list, or an end before the start, is invalid (KT-CT-9601); a closed
// scheme takes none (KT-CT-9606), nor does an amount of nothing (KT-CT-9605). An
// agreement starts today or later (KT-CT-9601 before), and a scheme already under an
// agreement of the account's that has not ended takes no second (KT-CT-9602). An
// agreement is listed by its account with its periods, each fulfilled at its end once
// that has passed; ending one no account has is KT-CT-9603, another user's KT-CT-4123,
// one already ended or an end before its start, before today or within a fulfilled
// period KT-CT-9604. A fulfilled period posts nothing to the account's ledgers. Which
// schemes there are is krakensim's own: Kraken publishes no tenant's.

// contributionScheme is a scheme contributions can be made to (ContributionSchemeType).
type contributionScheme struct {
	id, code, name    string
	taxable, accepted bool
}

// contributionSchemes are the schemes krakensim's tenants offer: two accepting
// contributions and one closed.
var contributionSchemes = []contributionScheme{
	{"1", "CARBON_OFFSET", "Carbon offsetting", false, true},
	{"2", "COMMUNITY_FUND", "Community energy fund", false, true},
	{"3", "WINTER_APPEAL", "Winter fuel appeal", false, false},
}

func (s contributionScheme) obj() obj {
	return obj{"id": s.id, "code": s.code, "displayName": s.name, "taxable": s.taxable, "acceptingContributions": s.accepted}
}

// schemeByCode is the scheme with a code; false for none.
func schemeByCode(code string) (contributionScheme, bool) {
	for _, s := range contributionSchemes {
		if s.code == code {
			return s, true
		}
	}
	return contributionScheme{}, false
}

// listContributionSchemes answers contributionSchemes.
func listContributionSchemes(context.Context, *sim.Call) (any, error) {
	out := make([]any, len(contributionSchemes))
	for i, s := range contributionSchemes {
		out[i] = s.obj()
	}
	return out, nil
}

// intervalMonths is how many months an agreement's interval lasts.
func intervalMonths(interval string) int {
	if interval == "QUARTERLY" {
		return 3
	}
	return 1
}

// createContributionAgreement starts an account's contribution to a scheme.
func createContributionAgreement(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4123", "")
	if err != nil {
		return nil, err
	}
	zone := c.Session.Zone()
	scheme, ok := schemeByCode(str(in, "schemeCode"))
	if !ok {
		return nil, c.ValidationError("KT-CT-9601", "No contribution scheme has code "+str(in, "schemeCode")+".", "input", "schemeCode")
	}
	if !scheme.accepted {
		return nil, c.Error("KT-CT-9606")
	}
	amount, _ := integer(in, "amount")
	if amount <= 0 {
		return nil, c.Error("KT-CT-9605")
	}
	from, ok := parseTime(in["activeFrom"], zone)
	if !ok {
		return nil, c.ValidationError("KT-CT-9601", "activeFrom is no date and time.", "input", "activeFrom")
	}
	if from.In(zone).Format(time.DateOnly) < today(c) {
		return nil, c.ValidationError("KT-CT-9601", "An agreement starts today or later, not in the past.", "input", "activeFrom")
	}
	var to time.Time
	if v, given := in["activeTo"]; given && v != nil {
		if to, ok = parseTime(v, zone); !ok || !to.After(from) {
			return nil, c.ValidationError("KT-CT-9601", "activeTo must be a date and time after activeFrom.", "input", "activeTo")
		}
	}
	for _, held := range a.ContributionAgreements {
		if held.Scheme == scheme.code && (held.ActiveTo.IsZero() || held.ActiveTo.After(from)) {
			return nil, c.Error("KT-CT-9602")
		}
	}
	ag := sim.ContributionAgreement{
		ID:     strconv.FormatUint(1_000_000+fake.HashStrings("contribution", a.Number, strconv.Itoa(len(a.ContributionAgreements)))%9_000_000, 10),
		Scheme: scheme.code, Interval: str(in, "interval"), Amount: amount, ActiveFrom: from, ActiveTo: to,
	}
	a.ContributionAgreements = append(a.ContributionAgreements, ag)
	return obj{"contributionAgreement": contributionAgreement(newEnv(c), ag)}, nil
}

// endContributionAgreement ends one of the viewer's contribution agreements at endAt,
// now when not given: KT-CT-4123 for another user's, KT-CT-9603 for none; KT-CT-9604
// for one already ended, or an end before its start, before today or inside a period
// already fulfilled, which would rewrite what was contributed.
func endContributionAgreement(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	id, zone, now := str(in, "contributionAgreementId"), c.Session.Zone(), c.Session.Now().Truncate(time.Second)
	w := c.Session.World()
	for _, held := range w.Accounts {
		if held == nil {
			continue
		}
		for i, ag := range held.ContributionAgreements {
			if ag.ID != id {
				continue
			}
			if !u.CanAccess(held.Number) {
				return nil, c.Error("KT-CT-4123")
			}
			end := now
			if v, given := in["endAt"]; given && v != nil {
				var ok bool
				if end, ok = parseTime(v, zone); !ok {
					return nil, c.ValidationError("KT-CT-9604", "endAt is no date and time.", "input", "endAt")
				}
			}
			switch {
			case !ag.ActiveTo.IsZero() && !ag.ActiveTo.After(now), end.Before(ag.ActiveFrom):
				return nil, c.Error("KT-CT-9604")
			case end.In(zone).Format(time.DateOnly) < today(c), end.Before(lastFulfilled(ag, now, zone)):
				return nil, c.ValidationError("KT-CT-9604", "An agreement ends today or later, after the periods already fulfilled.", "input", "endAt")
			}
			a := w.MutableAccount(held.Number)
			a.ContributionAgreements[i].ActiveTo = end
			return obj{"contributionAgreement": contributionAgreement(newEnv(c), a.ContributionAgreements[i])}, nil
		}
	}
	return nil, c.Error("KT-CT-9603")
}

// contributionPeriods are an agreement's periods begun by now, each from and to.
func contributionPeriods(ag sim.ContributionAgreement, now time.Time, zone *time.Location) [][2]time.Time {
	var out [][2]time.Time
	months := intervalMonths(ag.Interval)
	for n, from := 0, ag.ActiveFrom; from.Before(now) && (ag.ActiveTo.IsZero() || from.Before(ag.ActiveTo)) && n < 1200; n++ {
		to := ag.ActiveFrom.In(zone).AddDate(0, months*(n+1), 0)
		if !ag.ActiveTo.IsZero() && to.After(ag.ActiveTo) {
			to = ag.ActiveTo
		}
		out = append(out, [2]time.Time{from, to})
		from = to
	}
	return out
}

// lastFulfilled is the end of the agreement's latest period fulfilled by now; zero for none.
func lastFulfilled(ag sim.ContributionAgreement, now time.Time, zone *time.Location) time.Time {
	var last time.Time
	for _, p := range contributionPeriods(ag, now, zone) {
		if !p[1].After(now) {
			last = p[1]
		}
	}
	return last
}

// contributionAgreement is a ContributionAgreementType, its periods those begun by now,
// each fulfilled at its end once that has passed.
func contributionAgreement(w *env, ag sim.ContributionAgreement) obj {
	now, zone := w.now, w.zone
	scheme, _ := schemeByCode(ag.Scheme)
	m := obj{"id": ag.ID, "contributionScheme": scheme.obj(), "interval": orNil(ag.Interval), "amount": ag.Amount,
		"activeFrom": dateTime(ag.ActiveFrom, zone), "activeTo": dateTime(ag.ActiveTo, zone)}
	m["periods"] = sim.Lazy(func(args map[string]any) (any, error) {
		nodes := []any{}
		for n, p := range contributionPeriods(ag, now, zone) {
			var fulfilled any
			if !p[1].After(now) {
				fulfilled = dateTime(p[1], zone)
			}
			nodes = append(nodes, obj{"id": ag.ID + "-" + strconv.Itoa(n+1), "agreement": m, "periodFrom": dateTime(p[0], zone),
				"periodTo": dateTime(p[1], zone), "fulfilledAt": fulfilled})
		}
		return connection(w, nodes, args)
	})
	return m
}
