package scenarios

import (
	"fmt"

	"github.com/krakensim/krakensim/internal/nearest"
)

// didYouMean returns ` (did you mean "x"?)` for the closest candidate, if any is close.
func didYouMean(got string, candidates []string) string {
	if c := nearest.Name(got, candidates); c != "" && c != got {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}
