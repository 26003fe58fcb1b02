package sim

import (
	"context"

	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/graphql"
)

// obtainKrakenToken signs a user or organization in with one of the five input modes,
// against the session's world, clock and refresh tokens.
func obtainKrakenToken(_ context.Context, c *Call) (any, error) {
	input, _ := c.Arg("input").(map[string]any)
	tok, fail := c.Session.Issuer().Obtain(auth.InputFromMap(input), c.Session.Credentials())
	if fail != nil {
		// Kraken answers every failed sign-in with its own code, documented or not.
		e := c.exactError(fail.Code).(*graphql.Error)
		if fail.Field != "" {
			e.Extensions["validationErrors"] = []any{map[string]any{
				"message": fail.Reason, "inputPath": []any{"input", fail.Field},
			}}
		}
		return nil, e
	}
	return map[string]any{
		"token":            tok.Token,
		"payload":          Lazy(func(map[string]any) (any, error) { return tok.Payload(), nil }),
		"refreshToken":     tok.RefreshToken,
		"refreshExpiresIn": tok.RefreshExpiresIn,
	}, nil
}

// coreResolvers are the behaviours every simulator has, whatever else is configured.
func coreResolvers() map[string]Resolver {
	return map[string]Resolver{
		"mutation.obtainKrakenToken": obtainKrakenToken,
		"query.rateLimitInfo":        rateLimitInfo,
		"query.rateLimit":            rateLimitLegacy,
		"query.queryComplexity":      queryComplexity,
	}
}
