// Package nearest picks, from the names a misspelt name could have meant, the one it
// most likely meant, for the "did you mean" hints of lint and usage errors.
package nearest

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// Name returns the candidate nearest to got, ignoring case and taking the earliest of
// equals, when it is near enough to be a typo of got: fewer than len(got)/2+2 edits
// away, and not another name of one or two letters when got has one or two. Otherwise
// it returns "".
func Name(got string, candidates []string) string {
	best, bestDist := "", len(got)/2+2
	lower := strings.ToLower(got)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if lc == lower {
			return c
		}
		if d := levenshtein.ComputeDistance(lower, lc); d < bestDist {
			best, bestDist = c, d
		}
	}
	if len(best) <= 2 && len(got) <= 2 {
		return ""
	}
	return best
}

// Containing returns the first candidate that holds got, ignoring case, when got has
// four letters or more, for a name written short ("serial" for "serialNumber");
// otherwise "".
func Containing(got string, candidates []string) string {
	if len(got) < 4 {
		return ""
	}
	lower := strings.ToLower(got)
	for _, c := range candidates {
		if strings.Contains(strings.ToLower(c), lower) {
			return c
		}
	}
	return ""
}
