package accounts

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// Octoplus offers and rewards: an Octoplus-enrolled account's member claims an offer
// (claimOctoplusReward; KT-GB-9316 for an account not enrolled), paying its OctoPoints
// from the member's wallet (KT-GB-9313 for too few), at most as often as the offer
// allows (KT-GB-9315 for an offer there is none of, or one claimed as often as it may
// be this week); the reward is issued at once with a voucher code valid for 30 days,
// and octoplusRewards lists it. octoplusOffers answers each offer with whether the
// account can claim it now, and why not. Which offers there are is krakensim's own:
// Octopus's partners and prices change weekly and are not published as data.

// octoplusOffer is an offer Octoplus members can claim.
type octoplusOffer struct {
	slug, name, partner, category string
	cost                          int // OctoPoints
	perWeek                       int // claims a week allowed; 0 for no limit
}

// octoplusOffers are the offers krakensim's Octoplus runs.
var octoplusOffers = []octoplusOffer{
	{"weekly-hot-drink", "A hot drink a week", "A café partner", "FOOD_AND_DRINK", 0, 1},
	{"cinema-ticket", "A cinema ticket", "A cinema partner", "ENTERTAINMENT", 500, 0},
	{"bakery-treat", "A bakery treat", "A bakery partner", "FOOD_AND_DRINK", 150, 0},
}

// voucherLifetime is how long a reward's voucher can be used.
const voucherLifetime = 30 * 24 * time.Hour

// offerBySlug is the offer with a slug; false for none.
func offerBySlug(slug string) (octoplusOffer, bool) {
	for _, o := range octoplusOffers {
		if o.slug == slug {
			return o, true
		}
	}
	return octoplusOffer{}, false
}

// claimedThisWeek is how many times the offer was claimed for the account in the ISO
// week of now, in the tenant's time.
func claimedThisWeek(a *sim.Account, slug string, now time.Time, zone *time.Location) int {
	y, wk := now.In(zone).ISOWeek()
	n := 0
	for _, r := range a.OctoplusRewards {
		if ry, rw := r.ClaimedAt.In(zone).ISOWeek(); r.Offer == slug && ry == y && rw == wk {
			n++
		}
	}
	return n
}

// cannotClaim is why the account cannot claim the offer now (CannotClaimReason); "" when
// it can.
func cannotClaim(w *env, a *sim.Account, o octoplusOffer) string {
	if o.perWeek > 0 && claimedThisWeek(a, o.slug, w.now, w.zone) >= o.perWeek {
		return "MAX_CLAIMS_PER_PERIOD_REACHED"
	}
	if u := w.User(a.LoyaltyPointsUserID); u == nil || w.loyaltyPoints(u) < o.cost {
		return "INSUFFICIENT_POINTS"
	}
	return ""
}

// offerObj is an OctoplusOfferType, with whether the account can claim it.
func offerObj(w *env, a *sim.Account, o octoplusOffer) obj {
	price := "Free"
	if o.cost > 0 {
		price = strconv.Itoa(o.cost) + " OctoPoints"
	}
	m := obj{"slug": o.slug, "name": o.name, "description": o.name + " from " + strings.ToLower(o.partner) + ".", "priceTag": price,
		"pointsCost": o.cost, "partnerName": o.partner, "category": o.category, "claimBy": nil,
		"usageInstructions": "Show the voucher code when you pay."}
	if a != nil {
		why := cannotClaim(w, a, o)
		m["claimAbility"] = obj{"canClaimOffer": why == "", "cannotClaimReason": orNil(why)}
	}
	return m
}

// listOctoplusOffers answers octoplusOffers(accountNumber:, slug:).
func listOctoplusOffers(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	slug := c.StringArg("slug")
	out := []any{}
	for _, o := range octoplusOffers {
		if slug == "" || o.slug == slug {
			out = append(out, offerObj(w, a, o))
		}
	}
	return out, nil
}

// claimOctoplusReward claims an offer for the account with its member's OctoPoints.
func claimOctoplusReward(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := owned(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	holder := c.Session.World().MutableUser(a.LoyaltyPointsUserID)
	if holder == nil {
		return nil, c.Error("KT-GB-9316")
	}
	o, ok := offerBySlug(c.StringArg("offerSlug"))
	if !ok {
		return nil, c.Error("KT-GB-9315")
	}
	switch cannotClaim(w, a, o) {
	case "MAX_CLAIMS_PER_PERIOD_REACHED":
		return nil, c.Error("KT-GB-9315")
	case "INSUFFICIENT_POINTS":
		return nil, c.Error("KT-GB-9313")
	}
	if o.cost > 0 {
		movePoints(c, holder, -o.cost, a.Number, "OCTOPLUS_REWARD")
	}
	now := c.Session.Now().Truncate(time.Second)
	id := nextRewardID(a)
	code := strings.ToUpper(strconv.FormatUint(fake.HashStrings("octoplus voucher", a.Number, strconv.Itoa(id)), 36))
	a.OctoplusRewards = append(a.OctoplusRewards, sim.OctoplusReward{ID: id, Offer: o.slug, ClaimedAt: now, Code: code})
	return obj{"rewardId": strconv.Itoa(id)}, nil
}

// nextRewardID is the id the account's next Octoplus reward takes.
func nextRewardID(a *sim.Account) int {
	id := 1 + len(a.OctoplusRewards)
	for _, r := range a.OctoplusRewards {
		id = max(id, r.ID+1)
	}
	return id
}

// listOctoplusRewards answers octoplusRewards(rewardId:, accountNumber:, offerSlug:): the
// rewards claimed for the viewer's accounts (or the one named), newest first.
func listOctoplusRewards(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	number := c.StringArg("accountNumber")
	if number != "" {
		if _, _, err := readable(c, number, "", ""); err != nil {
			return nil, err
		}
	}
	id, byID := integer(c.Field.Args, "rewardId")
	slug := c.StringArg("offerSlug")
	w := newEnv(c)
	out := []any{}
	for a := range heldBy(w.World, u) {
		if number != "" && a.Number != number {
			continue
		}
		for i := len(a.OctoplusRewards) - 1; i >= 0; i-- {
			r := a.OctoplusRewards[i]
			o, _ := offerBySlug(r.Offer)
			if byID && r.ID != id || slug != "" && r.Offer != slug {
				continue
			}
			if strings.HasPrefix(r.Offer, "shoptopus-") {
				out = append(out, obj{"id": r.ID, "accountNumber": a.Number, "offer": nil, "offerSlug": r.Offer, "offerName": "Shoptopus voucher",
					"priceTag": strings.TrimPrefix(r.Offer, "shoptopus-") + " OctoPoints", "partnerName": "Shoptopus", "usageInstructions": "Enter the code at the Shoptopus checkout.",
					"claimedAt": dateTime(r.ClaimedAt, w.zone), "status": "ISSUED", "vouchers": []any{obj{"__typename": "ShoptopusVoucherType", "code": r.Code}}})
				continue
			}
			offer := offerObj(w, nil, o)
			out = append(out, obj{"id": r.ID, "accountNumber": a.Number, "offer": offer, "offerSlug": o.slug, "offerName": o.name,
				"priceTag": offer["priceTag"], "partnerName": o.partner, "usageInstructions": offer["usageInstructions"],
				"claimedAt": dateTime(r.ClaimedAt, w.zone), "status": "ISSUED",
				"vouchers": []any{obj{"__typename": "OctoplusVoucherType", "code": r.Code, "type": "CODE", "barcode": nil, "barcodeValue": r.Code,
					"barcodeFormat": nil, "expiresAt": dateTime(r.ClaimedAt.Add(voucherLifetime), w.zone)}}})
		}
	}
	return out, nil
}
