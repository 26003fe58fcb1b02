package accounts

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// Shoptopus vouchers (Octopus's): an Octoplus member exchanges OctoPoints for a voucher
// of one of the values on offer (claimShoptopusVoucher: KT-GB-9315 for a value not on
// offer, KT-GB-9316 for an account not enrolled, KT-GB-9313 for too few points); the
// voucher is one of the account's Octoplus rewards, listed by octoplusRewards with its
// code, and shoptopusVoucherAvailability says which values are on offer. The values are
// krakensim's own; Octopus publishes none as data.

// shoptopusValues are the voucher values, in OctoPoints, on offer.
var shoptopusValues = []int{500, 1000, 2500, 5000}

// shoptopusOffer is the reward offer slug a voucher of points is kept under.
func shoptopusOffer(points int) string { return "shoptopus-" + strconv.Itoa(points) }

// claimShoptopusVoucher exchanges the member's OctoPoints for a voucher.
func claimShoptopusVoucher(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := owned(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	points, _ := integer(c.Field.Args, "points")
	if !slices.Contains(shoptopusValues, points) {
		return nil, c.Error("KT-GB-9315")
	}
	holder := c.Session.World().MutableUser(a.LoyaltyPointsUserID)
	if holder == nil {
		return nil, c.Error("KT-GB-9316")
	}
	if newEnv(c).loyaltyPoints(holder) < points {
		return nil, c.Error("KT-GB-9313")
	}
	movePoints(c, holder, -points, a.Number, "OCTOPLUS_REWARD")
	id := nextRewardID(a)
	code := "SHOP-" + strings.ToUpper(strconv.FormatUint(fake.HashStrings("shoptopus voucher", a.Number, strconv.Itoa(id)), 36))
	a.OctoplusRewards = append(a.OctoplusRewards, sim.OctoplusReward{ID: id, Offer: shoptopusOffer(points), ClaimedAt: c.Session.Now().Truncate(time.Second), Code: code})
	return obj{"code": code, "possibleErrors": []any{}}, nil
}

// shoptopusVoucherAvailability answers which of the values asked (at most five) are on
// offer.
func shoptopusVoucherAvailability(_ context.Context, c *sim.Call) (any, error) {
	list, _ := c.Arg("voucherValues").([]any)
	out := []any{}
	for _, v := range list[:min(len(list), 5)] {
		n, _ := integer(map[string]any{"v": v}, "v")
		out = append(out, obj{"value": n, "availability": slices.Contains(shoptopusValues, n)})
	}
	return out, nil
}
