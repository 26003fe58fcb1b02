package scenarios

import "testing"

// TestLintDataPositions places problems inside answers' data, which Lint finds by
// parsing the file again: in a later document, through anchors and aliases, through
// merge keys, in block and flow style, and in lists.
func TestLintDataPositions(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"second document",
			"name: a\nrules:\n  - when: {field: viewer}\n    then: {data: {givenName: A}}\n---\nname: b\nrules:\n  - when: {field: viewer}\n    then:\n      data:\n        familyNmae: B\n",
			"p.yaml:11:9: error: data: AccountUserType has no field \"familyNmae\" (did you mean \"familyName\"?)\n"},
		{"anchor and alias",
			"name: a\nrules:\n  - when: {field: viewer}\n    then: {data: &d {givenNmae: A}}\n  - when: {field: viewer, operationName: B}\n    then: {data: *d}\n",
			"p.yaml:4:22: error: data: AccountUserType has no field \"givenNmae\" (did you mean \"givenName\"?)\n"},
		{"merge key",
			"name: a\nrules:\n  - when: {field: viewer}\n    then:\n      data:\n        <<: [{givenName: A}, {familyNmae: B}]\n        givenName: C\n",
			"p.yaml:6:31: error: data: AccountUserType has no field \"familyNmae\" (did you mean \"familyName\"?)\n"},
		{"list item and scalar",
			"name: a\nrules:\n  - when: {field: viewer}\n    then:\n      data:\n        accounts:\n          - number: A-1\n          - {number: [1], balance: x}\n",
			"p.yaml:8:22: error: data.accounts.1.number: want String, got a list\n" +
				"p.yaml:8:36: error: data.accounts.1.balance: want Int, got a string (\"x\")\n"},
		{"data itself",
			"name: a\nrules:\n  - when: {field: viewer}\n    then:\n      data: [1]\n",
			"p.yaml:5:13: error: data: want a AccountUserType object (a mapping), got a list\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := lines(Check("p.yaml", []byte(c.src), defaultContract(t), false))
			if got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}
