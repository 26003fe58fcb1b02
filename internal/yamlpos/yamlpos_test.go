package yamlpos

import (
	"runtime"
	"strings"
	"testing"
	"time"

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
		{"unclosed at the end", "errors:\n  KT-CT-1: [\n", Pos{2, 12}, "did not find expected node content"},
		{"unclosed after a comment", "a: \"it's\" # [x\nb: {c: [1, 2], d: 'x'\n\n", Pos{2, 4}, "did not find expected ',' or '}'"},
		{"apostrophes in plain text", "a: {b: it's, c: [1}\n", Pos{1, 19}, "did not find expected ',' or ']'"},
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

// TestLocateBoundedMemory checks that locating an error costs memory linear in the
// document, however deep it nests or however long a key its many descendants share.
func TestLocateBoundedMemory(t *testing.T) {
	key := strings.Repeat("k", 1000)
	tests := []struct {
		name, src string
		line      int
	}{
		{"deep flow", "name: deep\nrules:\n  - when: {field: viewer}\n    then: {data: " + strings.Repeat("[", 12000) + strings.Repeat("]", 12000) + "}\n", 4},
		{"deep flow with a mistake", "a: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n  b\n", 2},
		{"deep block", strings.Repeat("- ", 5000) + "x\n bad\n", 2},
		{"long key, long flow", key + ": [" + strings.Repeat("1,", 20000) + "1]\n  bad\n", 2},
		{"long key, long block", key + ":\n" + strings.Repeat("  - 1\n", 20000) + " bad\n", 20002},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n yaml.Node
			err := yaml.Unmarshal([]byte(tt.src), &n)
			if err == nil {
				t.Fatal("yaml.v3 accepted the document")
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			p, msg := Locate([]byte(tt.src), err)
			runtime.ReadMemStats(&after)
			if p.Line != tt.line || msg == "" {
				t.Errorf("Locate(%v) = %v %q, want line %d", err, p, msg, tt.line)
			}
			if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(4<<20+64*len(tt.src)); got > limit {
				t.Errorf("Locate allocated %d bytes for a %d-byte document; the limit is %d", got, len(tt.src), limit)
			}
		})
	}
}

func bytesReader(s string) *strings.Reader { return strings.NewReader(s) }

// FuzzLocate checks that every yaml.v3 error is placed inside the document, quickly
// and in memory linear in it.
func FuzzLocate(f *testing.F) {
	for _, s := range []string{"a: {b: [1\n", "a: \"x\n", "\tb: 1\n", "a: *x\n", "a: b: c\n", "- [}\n", "a: " + strings.Repeat("[", 3000) + "\n b\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(src), &n)
		if err == nil {
			return
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		p, msg := Locate([]byte(src), err)
		if d := time.Since(start); d > time.Second {
			t.Errorf("Locate took %s", d)
		}
		runtime.ReadMemStats(&after)
		if got := after.TotalAlloc - before.TotalAlloc; got > uint64(4<<20+512*len(src)) {
			t.Errorf("Locate allocated %d bytes for a %d-byte document", got, len(src))
		}
		// YAML also breaks lines at a lone \r.
		if lines := strings.Count(src, "\n") + strings.Count(src, "\r") + 1; p.Line > lines || p.Line < 0 || p.Column < 0 || msg == "" {
			t.Errorf("Locate(%q) = %v %q; the document has %d lines", err, p, msg, lines)
		}
	})
}
