package simtest_test

import (
	"fmt"
	"testing"
)

// TestOriginDunningWithoutAProcess pauses and withdraws the dunning process of accounts
// on the Origin SDL: the world starts none, so the viewer's own account is in no process
// on the path named (KT-CT-11301, naming pathName), another's is Unauthorized and a
// number nobody holds is not found, where each answered pauseCreated true and changed
// nothing.
func TestOriginDunningWithoutAProcess(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const pause = `mutation($a: String!) { pauseDunning(input: {accountNumber: $a, pathName: "standard", startDate: "2026-12-03", stopDate: "2026-12-20"}) { pauseCreated } }`
	const withdraw = `mutation($a: String!) { withdrawDunning(input: {accountNumber: $a, pathName: "standard"}) { withdrawSuccessful } }`
	for _, tc := range []struct{ name, query, account, code, path string }{
		{"pause own", pause, "A-C90DC431", "KT-CT-11301", "[input pathName]"},
		{"pause another's", pause, "A-0F4A2B19", "KT-CT-1111", ""},
		{"pause nobody's", pause, "A-00000000", "KT-CT-4178", ""},
		{"withdraw own", withdraw, "A-C90DC431", "KT-CT-11301", "[input pathName]"},
		{"withdraw nobody's", withdraw, "A-00000000", "KT-CT-4178", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := c.Query(tc.query, map[string]any{"a": tc.account})
			if len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
				t.Fatalf("errors %+v, want one %s", out.Errors, tc.code)
			}
			if tc.path == "" {
				return
			}
			ve, _ := out.Errors[0].Extensions["validationErrors"].([]any)
			if len(ve) != 1 || fmt.Sprint(ve[0].(map[string]any)["inputPath"]) != tc.path {
				t.Errorf("validationErrors %v, want one at %s", ve, tc.path)
			}
		})
	}
}
