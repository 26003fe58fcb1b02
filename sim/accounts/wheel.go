package accounts

import (
	"context"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// The Wheel of Fortune: as Octopus runs it, each fuel an account is supplied with
// earns one spin a calendar month, in the tenant's time; a spin, with the terms accepted
// (KT-CT-7011), uses its fuel's spin (KT-CT-7010 when it is used) and lands on one of
// the wheel's segments: mostly nothing (an energy-saving tip), else £1 to £512, which is
// credited to the account. Octopus's backend host asks the same of the wheel by fuelType,
// its terms taken as accepted.

// WheelSpinsPerMonth is how many spins each fuel earns a month.
const WheelSpinsPerMonth = 1

// wheelSegments are the prizes on the wheel, in pence, and wheelOdds how many of ten
// thousand spins land on each.
var (
	wheelSegments = []int{0, 100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200}
	wheelOdds     = []int{7000, 1500, 800, 400, 150, 80, 40, 15, 8, 5, 2}
)

// wheelFuels are the fuels the wheel is spun for, as SupplyType names them, with the
// fields AvailableSpinsType answers them under.
var wheelFuels = [][2]string{{"ELECTRICITY", "electricity"}, {"GAS", "gas"}}

// spinsLeft is how many spins the account's fuel has left this month, of how many: none
// for a fuel the account is not supplied with.
func spinsLeft(c *sim.Call, a *sim.Account, fuel string) (left, allowed int) {
	supplied := false
	eachAgreements(a, func(ags []sim.Agreement, electricity bool) {
		supplied = supplied || (electricity == (fuel == "ELECTRICITY"))
	})
	if !supplied {
		return 0, 0
	}
	zone := c.Session.Zone()
	y, m, _ := c.Session.Now().In(zone).Date()
	used := 0
	for _, s := range a.WheelSpins {
		if sy, sm, _ := s.At.In(zone).Date(); s.Fuel == fuel && sy == y && sm == m {
			used++
		}
	}
	return max(0, WheelSpinsPerMonth-used), WheelSpinsPerMonth
}

// wheelOfFortuneSpins answers the spins each of the account's fuels has used and left.
func wheelOfFortuneSpins(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, str(c.Field.Args, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	out := obj{}
	for _, f := range wheelFuels {
		left, allowed := spinsLeft(c, a, f[0])
		out[f[1]] = obj{"maxSpinsPerMonth": allowed, "remainingSpinsThisMonth": left, "usedSpinsThisMonth": allowed - left}
	}
	return out, nil
}

// wheelOfFortuneSpinsAllowed answers the spins one of the account's fuels has left this
// month, as Octopus's backend host asks (fuelType).
func wheelOfFortuneSpinsAllowed(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, str(c.Field.Args, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	left, _ := spinsLeft(c, a, str(c.Field.Args, "fuelType"))
	return obj{"spinsAllowed": left}, nil
}

// wheelOfFortuneSegments answers the wheel's prizes.
func wheelOfFortuneSegments(context.Context, *sim.Call) (any, error) {
	segs := make([]any, len(wheelSegments))
	for i, s := range wheelSegments {
		segs[i] = s
	}
	return obj{"segments": segs}, nil
}

// spinWheelOfFortune spins the wheel for one of the account's fuels and credits what
// it wins.
func spinWheelOfFortune(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-7023", "")
	if err != nil {
		return nil, err
	}
	if accepted, asked := in["termsAccepted"].(bool); asked && !accepted {
		return nil, c.ValidationError("KT-CT-7011", "Terms must be accepted.", "input", "termsAccepted")
	}
	fuel := str(in, "supplyType")
	if fuel == "" {
		fuel = str(in, "fuelType") // the backend host's name for it
	}
	if left, _ := spinsLeft(c, a, fuel); left == 0 {
		return nil, c.Error("KT-CT-7010")
	}
	now := c.Session.Now().UTC().Truncate(time.Second)
	prize := wheelPrize(a.Number, fuel, len(a.WheelSpins), now)
	a.WheelSpins = append(a.WheelSpins, sim.WheelSpin{Fuel: fuel, At: now, Prize: prize})
	if prize > 0 {
		credit(c, a, ledgerFor(a, ""), prize, "WHEEL_OF_FORTUNE_PRIZE", "Wheel of Fortune prize")
	}
	return obj{"spinResult": obj{"prizeAmount": prize}, "prize": obj{"value": prize}}, nil
}

// wheelPrize is where the account's n'th spin lands, at the odds of the wheel.
func wheelPrize(account, fuel string, n int, at time.Time) int {
	roll := int(fake.HashStrings("wheel", account, fuel, itoa(n), at.Format(time.RFC3339)) % 10000)
	for i, odds := range wheelOdds {
		if roll < odds {
			return wheelSegments[i]
		}
		roll -= odds
	}
	return wheelSegments[0]
}

// spunTheWheel reports whether a user has opted in to the Wheel of Fortune: a spin on one
// of their accounts, which its terms had to be accepted for.
func spunTheWheel(w *env, u *sim.User) bool {
	for _, n := range u.AccountNumbers {
		if a := w.Account(n); a != nil && len(a.WheelSpins) > 0 {
			return true
		}
	}
	return false
}
