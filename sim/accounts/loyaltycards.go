package accounts

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// Loyalty cards (both tenants'): createOrUpdateLoyaltyCard keeps a card of a scheme (a
// frequent flyer programme, a store's points) for the viewer or a user who shares an
// account with them, one a scheme, the number replacing the one before; loyaltyCards
// lists a user's. KT-CT-5412 for a user the viewer may not see (where the field documents
// it; else its "Unauthorized." code), KT-CT-8611 for a scheme
// that is not a word, KT-CT-8610 for a number that is not 4 to 30 digits.

var (
	loyaltySchemeRe = regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,49}$`)
	loyaltyNumberRe = regexp.MustCompile(`^[0-9]{4,30}$`)
)

// sharedUser is the user with id when the viewer may see them (themself, or a user of
// one of their accounts); nil otherwise.
func sharedUser(c *sim.Call, id string) (*sim.User, error) {
	viewer, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	if u := c.Session.World().User(strings.TrimSpace(id)); u != nil && sharesAccount(viewer, u) {
		return u, nil
	}
	return nil, nil
}

func loyaltyCardMap(card sim.LoyaltyCard) obj {
	return obj{"id": card.ID, "scheme": card.Scheme, "number": card.Number, "status": "ACTIVE"}
}

// createOrUpdateLoyaltyCard keeps a user's card of a scheme.
func createOrUpdateLoyaltyCard(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, err := sharedUser(c, str(in, "accountUserId"))
	if err != nil {
		return nil, err
	}
	if u == nil {
		return nil, c.ValidationError("KT-CT-5412", "No user you may see has the id "+str(in, "accountUserId")+".", "input", "accountUserId")
	}
	scheme := strings.ToUpper(strings.TrimSpace(str(in, "scheme")))
	number := strings.ReplaceAll(strings.TrimSpace(str(in, "number")), " ", "")
	switch {
	case !loyaltySchemeRe.MatchString(scheme):
		return nil, c.ValidationError("KT-CT-8611", "A scheme is a word of letters, digits and underscores (QANTAS, NECTAR).", "input", "scheme")
	case !loyaltyNumberRe.MatchString(number):
		return nil, c.ValidationError("KT-CT-8610", "A card number is 4 to 30 digits.", "input", "number")
	}
	mu := c.Session.World().MutableUser(u.ID)
	if i := slices.IndexFunc(mu.LoyaltyCards, func(card sim.LoyaltyCard) bool { return card.Scheme == scheme }); i >= 0 {
		mu.LoyaltyCards[i].Number = number
		return obj{"loyaltyCard": loyaltyCardMap(mu.LoyaltyCards[i]), "possibleErrors": []any{}}, nil
	}
	card := sim.LoyaltyCard{ID: hashUUID("loyalty-card", u.ID, scheme), Scheme: scheme, Number: number}
	mu.LoyaltyCards = append(mu.LoyaltyCards, card)
	return obj{"loyaltyCard": loyaltyCardMap(card), "possibleErrors": []any{}}, nil
}

// loyaltyCards answers loyaltyCards(accountUserId:): the user's cards.
func loyaltyCards(_ context.Context, c *sim.Call) (any, error) {
	u, err := sharedUser(c, c.StringArg("accountUserId"))
	if err != nil {
		return nil, err
	}
	if u == nil && c.Documents("KT-CT-5412") {
		return nil, c.Error("KT-CT-5412")
	} else if u == nil {
		return nil, c.Error(c.UnauthorizedCode())
	}
	out := []any{}
	for _, card := range u.LoyaltyCards {
		out = append(out, loyaltyCardMap(card))
	}
	return out, nil
}
