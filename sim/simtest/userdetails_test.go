package simtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusCommsPreferencesTakeOnlyTheirChoices refuses, on the Octopus SDL, an email
// format or hold music the preferences' enums have not (its input takes Strings) with
// KT-GB-5414 naming the field, and keeps the preferences as they were, so that they
// still read.
func TestOctopusCommsPreferencesTakeOnlyTheirChoices(t *testing.T) {
	_, c := octopus(t)
	const update = `mutation($in: UpdateAccountUserCommsPreferencesMutationInput!) { updateCommsPreferences(input: $in) { commsPreferences { emailFormat preferredHoldMusic } } }`
	const read = `{ viewer { preferences { emailFormat preferredHoldMusic } } }`
	before := fmt.Sprint(mustQuery(t, c)(read, nil))
	for _, tc := range []struct {
		field string
		in    map[string]any
	}{
		{"preferredHoldMusic", map[string]any{"preferredHoldMusic": "LO_FI"}},
		{"emailFormat", map[string]any{"emailFormat": "PDF"}},
		{"emailFormat", map[string]any{"emailFormat": "html"}},
	} {
		out := c.Query(update, map[string]any{"in": tc.in})
		if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-5414" || out.Errors[0].Message != "The given preferences are not valid." || hasData(out) {
			t.Errorf("%v: %+v %v, want KT-GB-5414 and no data", tc.in, out.Errors, out.Data)
			continue
		}
		if path := fmt.Sprint(simtest.Get(out.Errors[0].Extensions, "validationErrors")); !strings.Contains(path, "inputPath:[input "+tc.field+"]") {
			t.Errorf("%v: validationErrors %s, want the path input.%s", tc.in, path, tc.field)
		}
	}
	if after := fmt.Sprint(mustQuery(t, c)(read, nil)); after != before {
		t.Errorf("the preferences read %s after refusals, %s before", after, before)
	}
	got := mustQuery(t, c)(update, map[string]any{"in": map[string]any{"emailFormat": "TEXT"}})
	if f := simtest.Get(got, "updateCommsPreferences", "commsPreferences", "emailFormat"); f != "TEXT" {
		t.Errorf("a valid format: %v", f)
	}
}
