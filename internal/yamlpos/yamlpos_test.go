package yamlpos

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestLocate(t *testing.T) {
	tests := []struct {
		name, src string
		want      Pos
		msg       string
	}{
		// The case: yaml.v3 says "line 2" (the flow mapping's line, from 0).
		{"unclosed flow mapping", "name: x\nrules:\n  - when: {field: viewer\n    then: {error: KT-CT-1112}\n", Pos{4, 5}, "did not find expected ',' or '}'"},
		{"unclosed flow sequence", "name: x\nrules:\n  - when: {field: viewer}\n    then: [1, 2\n", Pos{4, 11}, "did not find expected ',' or ']'"},
		{"unterminated quote", "name: x\nrules:\n  - when: {field: viewer}\n    then: {error: \"KT-CT-1112}\n", Pos{4, 19}, "found unexpected end of stream"},
		{"over-indented key", "name: x\nrules:\n  - when: {field: viewer}\n     then: {error: KT}\n", Pos{4, 6}, "did not find expected key"},
		{"under-indented key", "name: x\nrules:\n  - when: {field: viewer}\n    then: {error: KT}\n   bad: 1\n", Pos{5, 4}, "did not find expected '-' indicator"},
		{"tab", "name: x\n\trules: 1\n", Pos{2, 1}, "found a tab character that violates indentation"},
		{"reserved character", "name: x\nrules: @foo\n", Pos{2, 8}, "found character that cannot start any token"},
		{"extra brace", "name: x\nrules:\n  - when: {field: viewer}\n    then: {error: KT}}\n", Pos{4, 22}, "did not find expected key"},
		{"mapping in plain value", "name: x\na: b: c\n", Pos{2, 4}, "mapping values are not allowed in this context"},
		{"unknown anchor", "name: &nopey x\nrules: [*nopey, *nope]\n", Pos{2, 17}, "unknown anchor 'nope' referenced"},
		{"bad escape", "name: \"abc\\q\"\n", Pos{1, 12}, "found unknown escape character"},
		{"second document", "name: a\n---\nname: b\nrules: [1\n", Pos{4, 8}, "did not find expected ',' or ']'"},
		{"wrong closing bracket", "name: x\nrules: [{a: '}', b: [1]}]\nc: {d: \"]\" ]\n", Pos{3, 12}, "did not find expected ',' or '}'"},
		{"characters", "näme: ü\nrules: {a: b\n", Pos{2, 8}, "did not find expected ',' or '}'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := yaml.NewDecoder(bytesReader(tt.src))
			var err error
			for err == nil {
				var n yaml.Node
				err = dec.Decode(&n)
			}
			p, msg := Locate([]byte(tt.src), err)
			if p != tt.want || msg != tt.msg {
				t.Errorf("Locate(%v) = %v %q, want %v %q", err, p, msg, tt.want, tt.msg)
			}
		})
	}
}

func bytesReader(s string) *strings.Reader { return strings.NewReader(s) }
