package accounts

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/krakensim/krakensim/sim"
)

// propertyHit is a property a search found and how well it matched.
type propertyHit struct {
	a     *sim.Account
	p     *sim.Property
	score float64
}

// searchProperties are the properties of the accounts the viewer may read that match
// term, once each, best first: a property's score is the share (out of 100) of the
// term's words its address, postcode (also without its space) or meter point
// identifiers hold, case aside; one holding none is not listed.
func searchProperties(c *sim.Call) ([]propertyHit, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	terms := searchWords(c.StringArg("searchTerm"))
	var hits []propertyHit
	if len(terms) == 0 {
		return hits, nil
	}
	seen := map[string]bool{}
	for _, a := range c.Session.World().Accounts {
		if a == nil || !u.CanAccess(a.Number) {
			continue
		}
		for i := range a.Properties {
			p := &a.Properties[i]
			if seen[p.ID] {
				continue
			}
			held := propertyWords(p)
			n := 0
			for _, t := range terms {
				if held[t] {
					n++
				}
			}
			if n > 0 {
				seen[p.ID] = true
				hits = append(hits, propertyHit{a, p, math.Round(float64(n)/float64(len(terms))*10000) / 100})
			}
		}
	}
	slices.SortStableFunc(hits, func(x, y propertyHit) int { return cmp.Compare(y.score, x.score) })
	return hits, nil
}

// propertyWords are the words a search matches a property by.
func propertyWords(p *sim.Property) map[string]bool {
	words := map[string]bool{strings.ToLower(strings.ReplaceAll(p.Address.Postcode, " ", "")): true}
	for _, w := range searchWords(strings.Join(append(slices.Clone(p.Address.Lines), p.Address.Postcode), " ")) {
		words[w] = true
	}
	for _, mp := range p.ElectricityMeterPoints {
		words[strings.ToLower(mp.Identifier())] = true
	}
	for _, mp := range p.GasMeterPoints {
		words[strings.ToLower(mp.Identifier())] = true
	}
	return words
}

// searchWords are the lower-cased words of s, split at what is not a letter or digit.
func searchWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// propertiesSearch answers propertiesSearch(searchTerm:): each property found, with
// its score.
func propertiesSearch(_ context.Context, c *sim.Call) (any, error) {
	hits, err := searchProperties(c)
	if err != nil {
		return nil, err
	}
	w, out := newEnv(c), []any{}
	for _, h := range hits {
		out = append(out, obj{"score": h.score, "property": propertyMap(w, h.a, h.p)})
	}
	return out, nil
}

// propertySearch answers the deprecated propertySearch(searchTerm:): the properties
// propertiesSearch finds, in its order.
func propertySearch(_ context.Context, c *sim.Call) (any, error) {
	hits, err := searchProperties(c)
	if err != nil {
		return nil, err
	}
	w, out := newEnv(c), []any{}
	for _, h := range hits {
		out = append(out, propertyMap(w, h.a, h.p))
	}
	return out, nil
}
