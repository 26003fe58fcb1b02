package scenarios

import (
	"fmt"
	"testing"
)

// TestNames: the names a file's scenarios give themselves, read without the rest of
// the file, for naming an upload before it is read.
func TestNames(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"name: checkout-errors\nrules: []\n", "[checkout-errors]"},
		{"# a comment\n---\nrules: [{when: {field: x}}]\nname: late\n---\nname: second\n", "[late second]"},
		{`{"name": "from-json", "rules": []}`, "[from-json]"},
		{"name: 'not a/name'\n", "[]"},
		{"name: [a]\n", "[]"},
		{"rules: [\n", "[]"},
		{"", "[]"},
	} {
		if got := fmt.Sprint(Names([]byte(tc.src))); got != tc.want {
			t.Errorf("Names(%q) = %s, want %s", tc.src, got, tc.want)
		}
	}
}
