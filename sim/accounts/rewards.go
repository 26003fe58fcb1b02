package accounts

import (
	"cmp"
	"context"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/world"
)

// OctoPointsPerPenny is how many of Octopus's OctoPoints buy a penny of account credit:
// 800 to the pound. Other tenants' loyalty points buy a penny or a cent each.
const OctoPointsPerPenny = 8

// pointsPerUnit is how many of the tenant's loyalty points buy its smallest unit of
// money: OctoPointsPerPenny where the contract has OctoPoints, else one.
func (w *env) pointsPerUnit() int {
	if w.sess.APIMutation("redeemOctoPointsForAccountCredit") {
		return OctoPointsPerPenny
	}
	return 1
}

// ReferralReward is the credit, in pence, an account gets for using a referral.
const ReferralReward = 5000

// loyaltyEntries are the user's loyalty movements, oldest first: those state records (a
// fixture balance without movements shows as one opening entry) and the Saving Sessions
// rewards credited since that state has not yet recorded, each balance running on from
// the one before.
func (w *env) loyaltyEntries(u *sim.User) []sim.LoyaltyPointEntry {
	stored := u.LoyaltyPointEntries
	if len(stored) == 0 && u.LoyaltyPoints != 0 {
		stored = []sim.LoyaltyPointEntry{openingEntry(u)}
	}
	credits := w.sessionCredits(u)
	if len(credits) == 0 {
		return stored
	}
	out := slices.Concat(stored, credits)
	slices.SortStableFunc(out, func(x, y sim.LoyaltyPointEntry) int { return x.PostedAt.Compare(y.PostedAt) })
	balance := 0
	if len(stored) > 0 {
		balance = stored[0].BalanceBroughtForward
	}
	for i := range out {
		out[i].BalanceBroughtForward = balance
		balance += out[i].Value
		out[i].BalanceCarriedForward = balance
	}
	return out
}

// loyaltyPoints is the user's balance of loyalty points: state's, and the Saving Sessions
// rewards credited since that state has not yet recorded.
func (w *env) loyaltyPoints(u *sim.User) int {
	n := u.LoyaltyPoints
	for _, en := range w.sessionCredits(u) {
		n += en.Value
	}
	return n
}

// settlePoints records in state the Saving Sessions rewards credited to a user (its own
// copy, to change) by now, before its points move or another user earns them.
func (w *env) settlePoints(u *sim.User) {
	credits := w.sessionCredits(u)
	if len(credits) == 0 {
		return
	}
	if len(u.LoyaltyPointEntries) == 0 && u.LoyaltyPoints != 0 {
		u.LoyaltyPointEntries = append(u.LoyaltyPointEntries, openingEntry(u))
	}
	for _, en := range credits {
		en.BalanceBroughtForward = u.LoyaltyPoints
		u.LoyaltyPoints += en.Value
		en.BalanceCarriedForward = u.LoyaltyPoints
		u.LoyaltyPointEntries = append(u.LoyaltyPointEntries, en)
	}
}

func openingEntry(u *sim.User) sim.LoyaltyPointEntry {
	return sim.LoyaltyPointEntry{
		ID: u.ID + "001", LedgerType: "LOYALTY_POINTS", Value: u.LoyaltyPoints,
		BalanceCarriedForward: u.LoyaltyPoints, ReasonCode: "OPENING_BALANCE",
		PostedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
	}
}

// movePoints changes a user's balance by delta and records the movement.
func movePoints(c *sim.Call, u *sim.User, delta int, account, reason string) {
	newEnv(c).settlePoints(u)
	if len(u.LoyaltyPointEntries) == 0 && u.LoyaltyPoints != 0 {
		u.LoyaltyPointEntries = append(u.LoyaltyPointEntries, openingEntry(u))
	}
	before := u.LoyaltyPoints
	u.LoyaltyPoints += delta
	u.LoyaltyPointEntries = append(u.LoyaltyPointEntries, sim.LoyaltyPointEntry{
		ID:         u.ID + strings.TrimPrefix(itoa(1000+len(u.LoyaltyPointEntries)+1), "1"),
		LedgerType: "LOYALTY_POINTS", Value: delta, BalanceBroughtForward: before,
		BalanceCarriedForward: u.LoyaltyPoints, ReasonCode: reason, PostedAt: c.Session.Now().UTC().Truncate(time.Second),
		AccountNumber: account,
	})
}

// setPointsUser makes the user id (none for "") earn a's points from now: the rewards
// credited to the user who earned them so far are recorded on that user's ledger, and
// stay there.
func setPointsUser(c *sim.Call, a *sim.Account, id string) {
	if a.LoyaltyPointsUserID != "" {
		if u := c.Session.World().MutableUser(a.LoyaltyPointsUserID); u != nil {
			newEnv(c).settlePoints(u)
		}
	}
	a.LoyaltyPointsUserID = id
	a.LoyaltyPointsSince = c.Session.Now().UTC()
}

// pointsArg reads a positive number of points (KT-CT-9204 otherwise).
func pointsArg(c *sim.Call, in map[string]any) (int, error) {
	n, _ := integer(in, "points")
	if n <= 0 {
		return 0, c.ValidationError("KT-CT-9204", "The number of points must be more than 0.", "input", "points")
	}
	return n, nil
}

// redeemLoyaltyPoints turns the account's loyalty-points user's points into credit
// on the account (pointsPerUnit points a penny). Rules: the account has a
// loyalty-points user (KT-CT-9201); points are positive (KT-CT-9204), a whole number
// of pennies (KT-CT-9206) and no more than the balance (KT-CT-9205).
func redeemLoyaltyPoints(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	id := a.LoyaltyPointsUserID
	if v := strings.TrimSpace(str(in, "accountUserId")); v != "" { // Origin names the user whose points they are
		named, err := sharedUser(c, v)
		if err != nil || named == nil {
			return nil, cmp.Or(err, c.Error(c.UnauthorizedCode()))
		}
		if !named.CanAccess(a.Number) {
			return nil, c.ValidationError("KT-CT-9201", "User "+v+" has no loyalty points on account "+a.Number+".", "input", "accountUserId")
		}
		id = v
	}
	holder := c.Session.World().MutableUser(id)
	if holder == nil {
		return nil, c.Error("KT-CT-9201")
	}
	points, err := pointsArg(c, in)
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	per := w.pointsPerUnit()
	if points%per != 0 {
		return nil, c.ValidationError("KT-CT-9206", "Redeem points in multiples of "+itoa(per)+".", "input", "points")
	}
	if have := w.loyaltyPoints(holder); points > have {
		return nil, c.ValidationError("KT-CT-9205", "Only "+itoa(have)+" points are available.", "input", "points")
	}
	movePoints(c, holder, -points, a.Number, "REDEEMED_FOR_ACCOUNT_CREDIT")
	credit(c, a, ledgerFor(a, ""), points/per, "LOYALTY_POINTS_REDEMPTION", "Loyalty points redeemed")
	return obj{"pointsRedeemed": points}, nil
}

// transferLoyaltyPoints moves the viewer's points to another user of the account
// (KT-CT-9210 for anyone else); positive (KT-CT-9204) and affordable (KT-CT-9205).
func transferLoyaltyPoints(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, a, err := owned(c, str(in, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	points, err := pointsArg(c, in)
	if err != nil {
		return nil, err
	}
	to := c.Session.World().User(str(in, "receivingUserId"))
	if to == nil || to.ID == u.ID || !to.CanAccess(a.Number) {
		return nil, c.ValidationError("KT-CT-9210", "The receiving user must be another user of the account.", "input", "receivingUserId")
	}
	if have := newEnv(c).loyaltyPoints(u); points > have {
		return nil, c.ValidationError("KT-CT-9205", "Only "+itoa(have)+" points are available.", "input", "points")
	}
	w := c.Session.World()
	movePoints(c, w.MutableUser(u.ID), -points, a.Number, "TRANSFERRED_OUT")
	movePoints(c, w.MutableUser(to.ID), points, a.Number, "TRANSFERRED_IN")
	return obj{"pointsTransferred": points}, nil
}

// setLoyaltyPointsUser makes another user of the account earn and spend its points
// from now; the points the user before earned stay on that user's ledger.
func setLoyaltyPointsUser(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	id := str(in, "newLoyaltyPointsUserId")
	if u := c.Session.World().User(id); u == nil || !u.CanAccess(a.Number) {
		return nil, c.ValidationError("KT-CT-9214", "The user is not a user of the account.", "input", "newLoyaltyPointsUserId")
	}
	setPointsUser(c, a, id)
	return obj{"newLoyaltyPointsUserId": id}, nil
}

// enrollAccountInLoyaltyProgram makes a user of an active account (the viewer unless
// accountUserId names another) its loyalty-points user; an inactive account, a user
// not on it, or one already enrolled is ineligible (KT-CT-9213).
func enrollAccountInLoyaltyProgram(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, a, err := owned(c, str(in, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	id := u.ID
	if v := str(in, "accountUserId"); v != "" {
		if other := c.Session.World().User(v); other == nil || !other.CanAccess(a.Number) {
			return nil, c.Error("KT-CT-9213")
		}
		id = v
	}
	if statusOf(newEnv(c), a) != "ACTIVE" || a.LoyaltyPointsUserID == id {
		return nil, c.Error("KT-CT-9213")
	}
	setPointsUser(c, a, id)
	return obj{"outcome": obj{"hasEnrolled": true}}, nil
}

// octoplusAccountInfo answers whether an account is in Octoplus: it is once a user
// earns its loyalty points, the viewer is that user or not; and whether the account is
// eligible for it, which an account that is in is (as Octopus's dashboard shows a
// member), and one with no property is not.
func octoplusAccountInfo(_ context.Context, c *sim.Call) (any, error) {
	u, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	enrolled := a.LoyaltyPointsUserID != ""
	eligibility := obj{"isEligible": true, "ineligibilityReason": nil, "ineligibilityReasons": []any{}}
	if why := octoplusIneligibility(a); why != "" && why != "ALREADY_SIGNED_UP" {
		eligibility = obj{"isEligible": false, "ineligibilityReason": why, "ineligibilityReasons": []any{why}}
	}
	return obj{"isOctoplusEnrolled": enrolled, "isLoyaltyPointsUser": enrolled && u != nil && u.ID == a.LoyaltyPointsUserID,
		"octoplusEligibility": eligibility}, nil
}

// loyaltyEligibility answers Origin's eligibilityToJoinLoyaltyPointsProgram(input:): an
// account can join its loyalty points programme as an Octopus account can Octoplus, and
// the reason it cannot is the same code (ALREADY_SIGNED_UP once a user earns its points).
func loyaltyEligibility(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, str(input(c), "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	why := octoplusIneligibility(a)
	return obj{"isEligible": why == "", "primaryIneligibilityReason": orNil(why)}, nil
}

// octoplusIneligibility is why an account cannot join Octoplus
// (OctoplusIneligibilityReasons): it is in already, or has no property; "" when it can.
func octoplusIneligibility(a *sim.Account) string {
	switch {
	case a.LoyaltyPointsUserID != "":
		return "ALREADY_SIGNED_UP"
	case len(a.Properties) == 0:
		return "NO_PROPERTIES"
	}
	return ""
}

// octoPoints answers the deprecated octoPoints wallet of an account: the loyalty points
// of the user who earns them, and their movements, newest first, as loyaltyPointLedgers
// tells them; the account it names, when it names one, must be the viewer's.
func octoPoints(_ context.Context, c *sim.Call) (any, error) {
	if _, err := viewersIfNamed(c); err != nil {
		return nil, err
	}
	w := c.Session.World()
	zone := c.Session.Zone()
	return obj{"account": sim.Lazy(func(args map[string]any) (any, error) {
		number, _ := args["accountNumber"].(string)
		_, a, err := readable(c, number, "", "")
		if err != nil {
			return nil, err
		}
		holder := w.User(a.LoyaltyPointsUserID)
		if holder == nil {
			return obj{"currentPointsInWallet": 0, "events": []any{}}, nil
		}
		events := []any{}
		entries := newEnv(c).loyaltyEntries(holder)
		for _, en := range slices.Backward(entries) {
			events = append(events, obj{"createdAt": dateTime(en.PostedAt, zone), "reason": walletReason(en.ReasonCode), "pointsAddedToWallet": en.Value})
		}
		balance := holder.LoyaltyPoints
		if len(entries) > 0 {
			balance = entries[len(entries)-1].BalanceCarriedForward
		}
		return obj{"currentPointsInWallet": balance, "events": events}, nil
	})}, nil
}

// walletReason is the octoPoints event reason of a loyalty movement's reason code:
// points spent on account credit or on a reward are converted, the enum having no
// reason for a reward; a transfer between the account's users, either way, is an ad hoc
// movement (AD_HOC_CREDIT, negative when out), the enum having no reason for a transfer
// or a debit.
func walletReason(code string) string {
	switch {
	case strings.Contains(code, "SAVING_SESSION"):
		return "SAVING_SESSIONS_REWARD"
	case strings.HasPrefix(code, "REDEEMED"), code == "OCTOPLUS_REWARD":
		return "OCTO_POINTS_CONVERSION"
	case strings.Contains(code, "DONATION"):
		return "OCTO_ASSIST_FUND_DONATION"
	}
	return "AD_HOC_CREDIT"
}

// referralSchemes are the schemes an account refers others by: its referral code, a
// link ending in it (which createReferral takes as the code), and the rewards
// createReferral gives; none for an account without a code.
func referralSchemes(w *env, a *sim.Account) obj {
	if a.ReferralCode == "" {
		return obj{"domestic": nil, "business": nil, "friendsAndFamily": nil}
	}
	given := ""
	if users := w.AccountUsers(a.Number); len(users) > 0 {
		given = users[0].GivenName
	}
	scheme := obj{
		"code": a.ReferralCode, "schemeType": "REFERRAL",
		"referralUrl":          "https://krakensim.invalid/referrals/" + a.ReferralCode,
		"referralDisplayUrl":   "krakensim.invalid/referrals/" + a.ReferralCode,
		"referrerRewardAmount": ReferralReward, "referredRewardAmount": ReferralReward, "combinedRewardAmount": 2 * ReferralReward,
		"loyaltyPointsBonus": 0, "canBeReferred": a.ReferredBy == "",
		"referrerGivenName": orNil(given), "referrerFamilyName": nil,
	}
	return obj{"domestic": scheme, "business": nil, "friendsAndFamily": scheme}
}

// referrer finds the account a referral reference names: its referral code, a link
// ending in it, or the email of one of its users.
func referrer(w *sim.World, ref string) *sim.Account {
	if a := referrerByCode(w, ref); a != nil {
		return a
	}
	if u := w.UserByEmail(strings.TrimSpace(ref)); u != nil && len(u.AccountNumbers) > 0 {
		return w.Account(u.AccountNumbers[0])
	}
	return nil
}

// referrerByCode finds the account whose referral code ref is, or a link ending in it.
func referrerByCode(w *sim.World, ref string) *sim.Account {
	ref = strings.TrimSpace(ref)
	if u, err := url.Parse(ref); err == nil && u.Host != "" {
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		ref = parts[len(parts)-1]
	}
	if ref == "" {
		return nil
	}
	for _, a := range w.Accounts {
		if a != nil && a.ReferralCode != "" && strings.EqualFold(a.ReferralCode, ref) {
			return a
		}
	}
	return nil
}

// createReferral records that the account joined through another account's referral:
// the referrer's referralsCreated grows and both accounts get ReferralReward credit.
// Rules: a known reference (KT-CT-6712), not the account itself (KT-CT-6711), the same
// brand (KT-CT-6713), and one referral per account (KT-CT-6710).
func createReferral(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-6723", "")
	if err != nil {
		return nil, err
	}
	from := referrer(c.Session.World(), str(in, "reference"))
	switch {
	case from == nil:
		return nil, c.ValidationError("KT-CT-6712", "No account has this referral code, link or email.", "input", "reference")
	case from == a:
		return nil, c.Error("KT-CT-6711")
	case from.Brand != a.Brand:
		return nil, c.Error("KT-CT-6713")
	case a.ReferredBy != "":
		return nil, c.ValidationError("KT-CT-6710", "The account has already used a referral.", "input", "accountNumber")
	}
	refer(c, a, from)
	return obj{"referredAccountRewardAmount": ReferralReward}, nil
}

// refer records that a used from's referral now, and pays each account its reward.
func refer(c *sim.Call, a, from *sim.Account) {
	a.ReferredBy, a.ReferredAt = from.Number, c.Session.Now().UTC().Truncate(time.Second)
	from = c.Session.World().MutableAccount(from.Number)
	from.ReferralsCreated++
	credit(c, a, ledgerFor(a, ""), ReferralReward, "REFERRAL_REWARD", "Referral reward")
	credit(c, from, ledgerFor(from, ""), ReferralReward, "REFERRAL_REWARD", "Referral reward")
}

// referLater records that a used from's referral at its enrolment: a pending reward
// (Scheme the referral code, Referrer from) that pays both accounts when an
// organisation pays it out, and that a cancelled switch cancels.
func referLater(c *sim.Call, a, from *sim.Account) {
	now := c.Session.Now().UTC().Truncate(time.Second)
	a.ReferredBy, a.ReferredAt = from.Number, now
	c.Session.World().MutableAccount(from.Number).ReferralsCreated++
	a.SchemeRewards = append(a.SchemeRewards, sim.SchemeReward{ID: nextID(6700001, schemeRewardIDs(c.Session.World())),
		Scheme: from.ReferralCode, Amount: ReferralReward, Status: "PENDING", CreatedAt: now, Referrer: from.Number})
}

// referralReward is the reward for the referral a used (Referrer set), and its place;
// -1 for one paid when it was used.
func referralReward(a *sim.Account) (sim.SchemeReward, int) {
	i := slices.IndexFunc(a.SchemeRewards, func(r sim.SchemeReward) bool { return r.Referrer != "" && r.Referrer == a.ReferredBy })
	if i < 0 {
		return sim.SchemeReward{}, -1
	}
	return a.SchemeRewards[i], i
}

// redeemReferralClaimCode spends a claim code for its reward as account credit:
// unknown (KT-CT-6724), spent (KT-CT-6726) and paused (KT-CT-6727) codes fail.
func redeemReferralClaimCode(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-6723", "")
	if err != nil {
		return nil, err
	}
	code := strings.TrimSpace(str(in, "code"))
	var claim *sim.ReferralClaimCode
	for _, rc := range c.Session.World().ReferralClaimCodes {
		if rc != nil && strings.EqualFold(rc.Code, code) {
			claim = rc
		}
	}
	switch {
	case claim == nil:
		return nil, c.Error("KT-CT-6724")
	case claim.Redeemed:
		return nil, c.Error("KT-CT-6726")
	case claim.Unavailable:
		return nil, c.Error("KT-CT-6727")
	}
	claim = c.Session.World().MutableReferralClaimCode(claim.Code)
	claim.Redeemed, claim.RedeemedBy = true, a.Number
	credit(c, a, ledgerFor(a, ""), claim.RewardAmount, "REFERRAL_CLAIM_CODE", "Claim code "+claim.Code)
	return obj{"success": true}, nil
}

// referred are the accounts that joined with an account's referral.
func referred(w *env, a *sim.Account) []*sim.Account {
	var out []*sim.Account
	for _, o := range w.Accounts {
		if o != nil && o.ReferredBy == a.Number {
			out = append(out, o)
		}
	}
	return out
}

// referralNodes are the referrals an account made (ReferralType): one for each account
// that joined with its referral, named by that account and dated by the referral (the
// day it joined for one that records no other), and as many more as its
// referralsCreated counts, dated within the account's first five years (the referred
// side's name the world's); each paid the scheme's reward to both sides that day.
func referralNodes(w *env, a *sim.Account) []any {
	var nodes []any
	for _, o := range referred(w, a) {
		n := referralNode(w, a, len(nodes), referredAt(o))
		n["referredUserName"] = orNil(o.BillingName)
		if r, i := referralReward(o); i >= 0 { // one an enrolment made: as its reward stands
			n["id"], n["paymentStatus"] = r.ID, statusWord(r.Status)
			if !r.PaidAt.IsZero() {
				n["paymentDate"] = r.PaidAt.In(w.zone).Format(time.DateOnly)
			}
		}
		nodes = append(nodes, n)
	}
	for len(nodes) < a.ReferralsCreated {
		nodes = append(nodes, referralNode(w, a, len(nodes), time.Time{}))
	}
	return nodes
}

// referralNode is an account's i-th referral, of an account that joined at joined; a
// time drawn from the account's number and i for zero.
func referralNode(w *env, a *sim.Account, i int, joined time.Time) obj {
	if joined.IsZero() { // within five years of opening, and by now: the same day however the clock moves on
		h := fake.HashStrings("referral", a.Number, strconv.Itoa(i))
		joined = a.CreatedAt.Add(time.Duration(h % uint64(5*365*24*time.Hour))).Truncate(time.Hour)
		if joined.After(w.now) {
			joined = a.CreatedAt
			if span := w.now.Sub(a.CreatedAt); span > 0 {
				joined = a.CreatedAt.Add(time.Duration(h % uint64(span))).Truncate(time.Hour)
			}
		}
	}
	day := joined.In(w.zone).Format(time.DateOnly)
	status := "Paid"
	if day > w.today() {
		status = "Pending" // the clock set back before the referral paid
	}
	return obj{
		"id": referralID(a, i), "code": orNil(a.ReferralCode), "schemeType": "REFERRAL_REWARD", "paymentStatus": status,
		"referredUserJoinDate": dateTime(joined, w.zone), "paymentDate": day,
		"referredUserPaymentAmount": ReferralReward, "referringUserPaymentAmount": ReferralReward, "combinedPaymentAmount": 2 * ReferralReward,
	}
}

// referredAt is when the account used its referral: when it joined, for one that
// records no other time.
func referredAt(a *sim.Account) time.Time {
	if a.ReferredAt.IsZero() {
		return a.CreatedAt
	}
	return a.ReferredAt
}

// referralID is the id of an account's i-th referral, and of the reward it paid.
func referralID(a *sim.Account, i int) string {
	return strconv.FormatUint(1000000+fake.HashStrings("referral id", a.Number, strconv.Itoa(i))%9000000, 10)
}

// referralConnection pages an account's referrals, with the total its side was paid.
func referralConnection(w *env, a *sim.Account, args map[string]any) (any, error) {
	nodes := referralNodes(w, a)
	conn, err := world.Connection(nodes, args, w.maxPage)
	if err != nil {
		return nil, err
	}
	paid := 0
	for _, n := range nodes {
		if n.(obj)["paymentStatus"] == "Paid" {
			paid += ReferralReward
		}
	}
	conn["referringUserTotalPaymentAmount"] = paid
	return conn, nil
}

// rewardList is an account's rewards (RewardType): the scheme's reward for each referral
// it made, paid when its referral did, for the one it joined with, paid when it joined,
// and reward schemes' (paid when paid out, dated when given while pending); newest
// first.
func rewardList(w *env, a *sim.Account) []any {
	out := []any{}
	reward := func(id, day, status any) obj {
		return obj{"id": id, "paymentDate": day, "schemeType": "REFERRAL_REWARD", "rewardAmount": ReferralReward, "paymentStatus": status}
	}
	for _, n := range referralNodes(w, a) {
		n := n.(obj)
		out = append(out, reward(n["id"], n["paymentDate"], n["paymentStatus"]))
	}
	if _, pending := referralReward(a); a.ReferredBy != "" && pending < 0 {
		out = append(out, reward(referralID(a, -1), referredAt(a).In(w.zone).Format(time.DateOnly), "Paid"))
	}
	for _, r := range a.SchemeRewards {
		m := schemeRewardMap(w, a, r)
		day := m["paymentDate"]
		if day == nil {
			day = r.CreatedAt.In(w.zone).Format(time.DateOnly)
		}
		out = append(out, obj{"id": r.ID, "code": r.Scheme, "paymentDate": day, "schemeType": m["schemeType"], "rewardAmount": r.Amount, "paymentStatus": m["paymentStatus"]})
	}
	slices.SortStableFunc(out, func(x, y any) int {
		return strings.Compare(y.(obj)["paymentDate"].(string), x.(obj)["paymentDate"].(string))
	})
	return out
}

// referralSchemeByCode answers domesticAccountReferralRewardScheme(code:) and
// businessAccountReferralRewardScheme(code:): that scheme of the account whose referral
// code (or link) it is, as that account lists it, open to the viewer unless their
// account is that one or was referred already; null for a code no account has, or an
// account without that scheme.
func referralSchemeByCode(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	a := referrerByCode(w.World, c.StringArg("code"))
	if a == nil {
		return nil, nil
	}
	kind := "domestic"
	if strings.HasPrefix(c.Field.Name, "business") {
		kind = "business"
	}
	listed, _ := referralSchemes(w, a)[kind].(obj)
	if listed == nil {
		return nil, nil
	}
	scheme := maps.Clone(listed)
	if u, _, err := c.Viewer(); err == nil {
		for _, n := range u.AccountNumbers {
			if mine := w.Account(n); mine != nil && (mine == a || mine.ReferredBy != "") {
				scheme["canBeReferred"] = false
			}
		}
	}
	return scheme, nil
}

// loyaltyPointsBalance answers Origin's loyaltyPointsBalance(input:): the loyalty points
// of the account's users (or of the one user named), as their ledgers hold them, each
// worth a cent (pointsPerUnit).
func loyaltyPointsBalance(_ context.Context, c *sim.Call) (any, error) {
	number, user := strings.TrimSpace(c.StringArg("input.accountNumber")), strings.TrimSpace(c.StringArg("input.accountUserId"))
	if number == "" {
		return nil, c.Error("KT-CT-9222")
	}
	_, a, err := readable(c, number, "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	points := 0
	for _, u := range w.AccountUsers(a.Number) {
		if user == "" || u.ID == user {
			points += w.loyaltyPoints(u)
		}
	}
	return obj{"loyaltyPoints": points, "totalMonetaryAmount": points / w.pointsPerUnit()}, nil
}

// redeemOctoPoints answers Octopus's redeemOctoPointsForAccountCredit, the older way to
// redeem: the most of the member's OctoPoints that make whole pennies, credited to the
// account as redeemLoyaltyPointsForAccountCredit credits them, with what is left in the
// wallet; KT-GB-5010 for an account with no member, KT-GB-5011 for too few points.
func redeemOctoPoints(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := owned(c, str(input(c), "accountNumber"), c.UnauthorizedCode(), "")
	if err != nil {
		return nil, err
	}
	holder := c.Session.World().MutableUser(a.LoyaltyPointsUserID)
	if holder == nil {
		return nil, c.Error("KT-GB-5010")
	}
	w := newEnv(c)
	per := w.pointsPerUnit()
	have := w.loyaltyPoints(holder)
	points := have - have%per
	if points <= 0 {
		return nil, c.Error("KT-GB-5011")
	}
	movePoints(c, holder, -points, a.Number, "REDEEMED_FOR_ACCOUNT_CREDIT")
	credit(c, a, ledgerFor(a, ""), points/per, "LOYALTY_POINTS_REDEMPTION", "Loyalty points redeemed")
	return obj{"pointsRedeemed": points, "remainingPointsInWallet": have - points, "possibleErrors": []any{}}, nil
}

// maxAward is the most points one award may give.
const maxAward = 100000

// Awards and deductions (Origin's awardLoyaltyPoints, deductLoyaltyPoints): the
// supplier gives an account's loyalty-points user points for something the customer
// did, or takes them back (from the user named, or that one), posted on their ledger
// with the reason and the idempotency key, which no other entry may have (KT-CT-9221).
// An account with no such user is KT-CT-9219; points are positive (KT-CT-9204), an award
// at most maxAward (KT-CT-9212) and a deduction no more than the user has (KT-CT-9205).
// unenrollAccountFromLoyaltyProgram stops the account earning (KT-CT-9220 for one not
// enrolled); the points earned stay with their user.

// loyaltyPost moves points for an award or deduction and answers its entry.
func loyaltyPost(c *sim.Call, in map[string]any, sign int, reason string) (int, obj, error) {
	_, a, err := owned(c, str(in, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return 0, nil, err
	}
	id := a.LoyaltyPointsUserID
	if sign < 0 && str(in, "accountUserId") != "" {
		id = str(in, "accountUserId")
	}
	w := c.Session.World()
	holder := w.User(id)
	if holder == nil || !holder.CanAccess(a.Number) {
		return 0, nil, c.ValidationError("KT-CT-9219", "Account "+a.Number+" has no loyalty points user "+id+".", "input", "accountNumber")
	}
	points, err := pointsArg(c, in)
	if err != nil {
		return 0, nil, err
	}
	switch have := newEnv(c).loyaltyPoints(holder); {
	case sign > 0 && points > maxAward:
		return 0, nil, c.ValidationError("KT-CT-9212", "An award is at most "+itoa(maxAward)+" points.", "input", "points")
	case sign < 0 && points > have:
		return 0, nil, c.ValidationError("KT-CT-9205", "Only "+itoa(have)+" points are available.", "input", "points")
	}
	key := str(in, "idempotencyKey")
	if key != "" && slices.ContainsFunc(holder.LoyaltyPointEntries, func(en sim.LoyaltyPointEntry) bool { return en.IdempotencyKey == key }) {
		return 0, nil, c.ValidationError("KT-CT-9221", "The idempotency key "+key+" was used for another entry.", "input", "idempotencyKey")
	}
	u := w.MutableUser(holder.ID)
	movePoints(c, u, sign*points, a.Number, cmp.Or(str(in, "reasonCode"), reason))
	last := &u.LoyaltyPointEntries[len(u.LoyaltyPointEntries)-1]
	last.IdempotencyKey = key
	return points, loyaltyEntryMap(*last, c.Session.Zone()), nil
}

// awardLoyaltyPoints gives the account's loyalty-points user points.
func awardLoyaltyPoints(_ context.Context, c *sim.Call) (any, error) {
	n, entry, err := loyaltyPost(c, input(c), 1, "POINTS_AWARDED_FOR_ACCOUNT_ACTION")
	if err != nil {
		return nil, err
	}
	return obj{"pointsAwarded": n, "ledgerEntry": entry}, nil
}

// maxBulkAwards is the most awards one bulkAwardLoyaltyPoints takes (KT-CT-9225 beyond).
const maxBulkAwards = 100

// bulkAwardLoyaltyPoints gives each account's loyalty-points user points, as
// awardLoyaltyPoints would one by one: the awards made are inserted, those refused
// failed with their code (Origin's); KT-CT-9224 for an idempotency key twice in the
// request, and Unauthorized for any award to an account not the viewer's (or no
// account), as one award refuses it, before any is made.
func bulkAwardLoyaltyPoints(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	if _, _, err := c.Viewer(); err != nil {
		return nil, err
	}
	awards, _ := in["awards"].([]any)
	if len(awards) > maxBulkAwards {
		return nil, c.ValidationError("KT-CT-9225", "A bulk award takes at most "+itoa(maxBulkAwards)+" awards.", "input", "awards")
	}
	seen := map[string]bool{}
	for i, v := range awards {
		m, _ := v.(map[string]any)
		if _, _, err := readable(c, str(m, "accountNumber"), codeUnauthorized, ""); err != nil {
			return nil, err
		}
		key := str(m, "idempotencyKey")
		if seen[key] {
			return nil, c.ValidationError("KT-CT-9224", "The idempotency key "+key+" is given twice.", "input", "awards", i, "idempotencyKey")
		}
		seen[key] = true
	}
	inserted, failed := []any{}, []any{}
	for _, v := range awards {
		m, _ := v.(map[string]any)
		item := map[string]any{"accountNumber": m["accountNumber"], "points": m["points"], "idempotencyKey": m["idempotencyKey"], "reasonCode": in["reasonCode"], "note": in["note"]}
		n, entry, err := loyaltyPost(c, item, 1, "POINTS_AWARDED_FOR_ACCOUNT_ACTION")
		if ge, ok := err.(*graphql.Error); ok {
			code, _ := ge.Extensions["errorCode"].(string)
			failed = append(failed, obj{"accountNumber": m["accountNumber"], "idempotencyKey": m["idempotencyKey"], "errorCode": code, "errorMessage": ge.Message})
			continue
		} else if err != nil {
			return nil, err
		}
		inserted = append(inserted, obj{"accountNumber": m["accountNumber"], "pointsAwarded": n, "ledgerEntry": entry})
	}
	return obj{"inserted": inserted, "failed": failed}, nil
}

// deductLoyaltyPoints takes points back from a user of the account.
func deductLoyaltyPoints(_ context.Context, c *sim.Call) (any, error) {
	n, entry, err := loyaltyPost(c, input(c), -1, "POINTS_DEDUCTED_FOR_ACCOUNT_ACTION")
	if err != nil {
		return nil, err
	}
	return obj{"pointsDeducted": n, "ledgerEntry": entry}, nil
}

// unenrollAccountFromLoyaltyProgram stops the account earning loyalty points.
func unenrollAccountFromLoyaltyProgram(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := owned(c, str(input(c), "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	if a.LoyaltyPointsUserID == "" {
		return nil, c.Error("KT-CT-9220")
	}
	setPointsUser(c, a, "")
	return obj{"outcome": obj{"hasUnenrolled": true}}, nil
}
