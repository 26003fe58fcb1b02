package accounts

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Reward schemes: a code a sign-up site takes gives an account that joins a one-way
// reward (fixture rewardSchemes): a sign-up reward (domesticSignupRewardScheme,
// activeDomesticSignupRewardScheme for the one in force), a promotion or a partner's
// (domesticJoiningRewardScheme). Origin's addSignupReferralOnAccount gives an account
// one, pending (KT-CT-6712 for a code no scheme has, 6728 for a scheme at its limit,
// 6729 for an account that has it already); an enrolment whose sale names one does too,
// and one whose sale names another account's referral code gets a pending referral,
// which pays both accounts when paid out. A cancelled switch cancels what is pending.
// An organisation pays a pending reward out as account credit (payoutReferralForAccount:
// 6730 for one not pending, 6731 for another account's) or settles it by hand
// (updateAccountReferralStatus: PENDING to PAID or CANCELLED only, 6732 otherwise).
// They are listed with the account's rewards.

// rewardScheme is the scheme with the code (any case), of one of the types; nil for
// none.
func rewardScheme(w *sim.World, code string, types ...string) *sim.RewardScheme {
	code = strings.TrimSpace(code)
	for _, rs := range w.RewardSchemes {
		if rs != nil && code != "" && strings.EqualFold(rs.Code, code) && slices.Contains(types, rs.Type) {
			return rs
		}
	}
	return nil
}

// schemeUses is how many accounts the scheme has rewarded, cancelled rewards apart.
func schemeUses(w *sim.World, code string) int {
	n := 0
	for _, a := range w.Accounts {
		if a != nil && slices.ContainsFunc(a.SchemeRewards, func(r sim.SchemeReward) bool { return r.Scheme == code && r.Status != "CANCELLED" }) {
			n++
		}
	}
	return n
}

// atCapacity reports whether the scheme has rewarded as many accounts as it may.
func atCapacity(w *sim.World, rs *sim.RewardScheme) bool {
	return rs.MaxUses > 0 && schemeUses(w, rs.Code) >= rs.MaxUses
}

// hasScheme reports whether the scheme rewarded the account already.
func hasScheme(a *sim.Account, code string) bool {
	return slices.ContainsFunc(a.SchemeRewards, func(r sim.SchemeReward) bool { return r.Scheme == code && r.Status != "CANCELLED" })
}

// rewardSchemeMap is a ReferralSchemeType: open to the viewer unless each of their
// accounts has it, or the scheme is at its limit.
func rewardSchemeMap(c *sim.Call, rs *sim.RewardScheme) obj {
	w := c.Session.World()
	full := atCapacity(w, rs)
	open := !full
	if u, _, err := c.Viewer(); err == nil && len(u.AccountNumbers) > 0 {
		open = open && slices.ContainsFunc(u.AccountNumbers, func(n string) bool { a := w.Account(n); return a != nil && !hasScheme(a, rs.Code) })
	}
	var most any
	if rs.MaxUses > 0 {
		most = rs.MaxUses
	}
	return obj{
		"code": rs.Code, "schemeType": rs.Type, "referralUrl": "https://krakensim.invalid/join/?code=" + rs.Code, "referralDisplayUrl": "krakensim.invalid/join/?code=" + rs.Code,
		"referrerRewardAmount": 0, "referredRewardAmount": rs.Amount, "combinedRewardAmount": rs.Amount, "loyaltyPointsBonus": 0,
		"canBeReferred": open, "referrerGivenName": nil, "referrerFamilyName": nil, "maxRecurrence": most, "isUsageAtCapacity": full,
	}
}

// rewardSchemeByCode answers a reward scheme lookup by code of the types given; null for none.
func rewardSchemeByCode(types ...string) sim.Resolver {
	return func(_ context.Context, c *sim.Call) (any, error) {
		if rs := rewardScheme(c.Session.World(), c.StringArg("code"), types...); rs != nil {
			return rewardSchemeMap(c, rs), nil
		}
		return nil, nil
	}
}

// activeSignupScheme answers activeDomesticSignupRewardScheme: the sign-up reward in
// force; null for none.
func activeSignupScheme(_ context.Context, c *sim.Call) (any, error) {
	for _, rs := range c.Session.World().RewardSchemes {
		if rs != nil && rs.Active && rs.Type == "SIGNUP_REWARD" {
			return rewardSchemeMap(c, rs), nil
		}
	}
	return nil, nil
}

// schemeRewardIDs are the ids of every account's scheme rewards.
func schemeRewardIDs(w *sim.World) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, a := range w.Accounts {
			if a == nil {
				continue
			}
			for _, r := range a.SchemeRewards {
				if !yield(r.ID) {
					return
				}
			}
		}
	}
}

// giveSchemeReward gives the account a pending reward of the scheme.
func giveSchemeReward(c *sim.Call, a *sim.Account, rs *sim.RewardScheme) sim.SchemeReward {
	r := sim.SchemeReward{ID: nextID(6700001, schemeRewardIDs(c.Session.World())), Scheme: rs.Code, Amount: rs.Amount, Status: "PENDING",
		CreatedAt: c.Session.Now().UTC().Truncate(time.Second)}
	a.SchemeRewards = append(a.SchemeRewards, r)
	return r
}

// schemeRewardMap is a ReferralType of a scheme's reward to the account.
func schemeRewardMap(w *env, a *sim.Account, r sim.SchemeReward) obj {
	var paid any
	if !r.PaidAt.IsZero() {
		paid = r.PaidAt.In(w.zone).Format(time.DateOnly)
	}
	typ, referrer := "SIGNUP_REWARD", 0
	if rs := rewardScheme(w.World, r.Scheme, "SIGNUP_REWARD", "PROMO_REWARD", "PARTNER_REWARD"); rs != nil {
		typ = rs.Type
	}
	if r.Referrer != "" {
		typ, referrer = "REFERRAL_REWARD", r.Amount
	}
	return obj{"__typename": "ReferralType", "id": r.ID, "code": r.Scheme, "schemeType": typ, "paymentStatus": statusWord(r.Status), "paymentDate": paid,
		"referredUserName": orNil(a.BillingName), "referredUserJoinDate": dateTime(a.CreatedAt, w.zone),
		"referredUserPaymentAmount": r.Amount, "referringUserPaymentAmount": referrer, "combinedPaymentAmount": r.Amount + referrer}
}

// statusWord is a status as ReferralStatusChoices words it: PENDING is Pending.
func statusWord(s string) string {
	if s == "" {
		return ""
	}
	return s[:1] + strings.ToLower(s[1:])
}

// addSignupReferralOnAccount (Origin's) gives an account a scheme's one-way reward.
func addSignupReferralOnAccount(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, err := schemeAccount(c, str(in, "accountNumber"))
	if err != nil {
		return nil, err
	}
	w := c.Session.World()
	rs := rewardScheme(w, str(in, "schemeCode"), "SIGNUP_REWARD", "PROMO_REWARD", "PARTNER_REWARD")
	switch {
	case rs == nil:
		return nil, c.ValidationError("KT-CT-6712", "No reward scheme has the code "+str(in, "schemeCode")+".", "input", "schemeCode")
	case hasScheme(a, rs.Code):
		return nil, c.ValidationError("KT-CT-6729", "The account has the scheme "+rs.Code+"'s reward already.", "input", "accountNumber")
	case atCapacity(w, rs):
		return nil, c.Error("KT-CT-6728")
	}
	r := giveSchemeReward(c, w.MutableAccount(a.Number), rs)
	return obj{"accountReferral": schemeRewardMap(newEnv(c), a, r)}, nil
}

// schemeAccount is the account named, for an organisation or a user of it; KT-CT-6723
// otherwise.
func schemeAccount(c *sim.Call, number string) (*sim.Account, error) {
	claims, err := c.Caller()
	if err != nil {
		return nil, err
	}
	w := c.Session.World()
	a := w.Account(strings.TrimSpace(number))
	if a == nil || claims.Organization == "" && !slices.ContainsFunc(w.AccountUsers(a.Number), func(u *sim.User) bool { return claims.IsUser(u.ID) }) {
		return nil, c.Error("KT-CT-6723")
	}
	return a, nil
}

// heldReward finds the reward with the id on any account: the account (for changing)
// and its place; KT-CT-6712 for none. Only an organisation settles rewards
// (KT-CT-6723 otherwise).
func heldReward(c *sim.Call, id string) (*sim.Account, int, error) {
	claims, err := c.Caller()
	if err != nil {
		return nil, 0, err
	}
	if claims.Organization == "" {
		return nil, 0, c.Error(map[bool]string{true: "KT-CT-6723", false: c.UnauthorizedCode()}[c.Documents("KT-CT-6723")])
	}
	w := c.Session.World()
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		if i := slices.IndexFunc(a.SchemeRewards, func(r sim.SchemeReward) bool { return r.ID == id }); i >= 0 {
			return w.MutableAccount(a.Number), i, nil
		}
	}
	return nil, 0, c.ValidationError("KT-CT-6712", "No reward has the id "+id+".", "input", "referralId")
}

// payoutReferralForAccount (Origin's) pays a pending reward out as account credit.
func payoutReferralForAccount(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	id := strconv.Itoa(intOr(in, "referralId", 0))
	a, i, err := heldReward(c, id)
	if err != nil {
		return nil, err
	}
	switch number := strings.TrimSpace(str(in, "accountNumber")); {
	case a.Number != number && (a.SchemeRewards[i].Referrer == "" || a.SchemeRewards[i].Referrer != number):
		return nil, c.ValidationError("KT-CT-6731", "The reward "+id+" is another account's.", "input", "accountNumber")
	case a.SchemeRewards[i].Status != "PENDING":
		return nil, c.ValidationError("KT-CT-6730", "The reward "+id+" is "+strings.ToLower(a.SchemeRewards[i].Status)+".", "input", "referralId")
	}
	r := &a.SchemeRewards[i]
	note := strings.TrimSpace(str(in, "note"))
	if note == "" {
		note = "Reward: " + r.Scheme
	}
	credit(c, a, ledgerFor(a, ""), r.Amount, "REFERRAL_REWARD", sim.Clip(note, 500))
	if r.Referrer != "" { // a referral pays its referrer alike
		if from := c.Session.World().MutableAccount(r.Referrer); from != nil {
			credit(c, from, ledgerFor(from, ""), r.Amount, "REFERRAL_REWARD", "Referral reward")
		}
	}
	r.Status, r.PaidAt = "PAID", c.Session.Now().UTC().Truncate(time.Second)
	return obj{"payoutResult": obj{"accountCreditAmount": r.Amount}}, nil
}

// updateAccountReferralStatus (Origin's) settles a pending reward by hand, paying
// nothing.
func updateAccountReferralStatus(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	id := strconv.Itoa(intOr(in, "referralId", 0))
	a, i, err := heldReward(c, id)
	if err != nil {
		return nil, err
	}
	r := &a.SchemeRewards[i]
	to := str(in, "status")
	if r.Status != "PENDING" || to != "PAID" && to != "CANCELLED" {
		return nil, c.ValidationError("KT-CT-6732", "A reward moves from PENDING to PAID or CANCELLED only; this one is "+r.Status+".", "input", "status")
	}
	r.Status = to
	if to == "PAID" {
		r.PaidAt = c.Session.Now().UTC().Truncate(time.Second)
	}
	return obj{"accountReferral": schemeRewardMap(newEnv(c), a, *r)}, nil
}
