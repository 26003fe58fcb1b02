package scenarios

import (
	"fmt"
	"strings"

	"github.com/agnivade/levenshtein"
)

// closest returns the candidate nearest to got, or "" when none is close enough to be
// a likely typo.
func closest(got string, candidates []string) string {
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
	if bestDist > 0 && len(best) <= 2 && len(got) <= 2 {
		return ""
	}
	return best
}

// didYouMean returns ` (did you mean "x"?)` for the closest candidate, if any is close.
func didYouMean(got string, candidates []string) string {
	if c := closest(got, candidates); c != "" && c != got {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}
