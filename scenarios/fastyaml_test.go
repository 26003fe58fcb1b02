package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/sim/rules"
)

// yamlRoots is what yaml.v3 reads from src: each document's root, or an error.
func yamlRoots(src []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var out []*yaml.Node
	for {
		var doc yaml.Node
		err := decode(dec, &doc)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(doc.Content) != 1 {
			return nil, fmt.Errorf("a document with %d nodes", len(doc.Content))
		}
		out = append(out, doc.Content[0])
	}
}

// nodeDiff describes the first difference between two node trees, or is "".
func nodeDiff(path string, got, want *yaml.Node) string {
	if got.Kind != want.Kind || got.Style != want.Style || got.Tag != want.Tag || got.Value != want.Value ||
		got.Line != want.Line || got.Column != want.Column || got.Anchor != want.Anchor || got.Alias != want.Alias ||
		len(got.Content) != len(want.Content) {
		return fmt.Sprintf("%s: got {kind %d style %d tag %s value %q at %d:%d, %d children}, yaml.v3 has {kind %d style %d tag %s value %q at %d:%d, %d children}",
			path, got.Kind, got.Style, got.Tag, got.Value, got.Line, got.Column, len(got.Content),
			want.Kind, want.Style, want.Tag, want.Value, want.Line, want.Column, len(want.Content))
	}
	for i := range got.Content {
		if d := nodeDiff(fmt.Sprintf("%s/%d", path, i), got.Content[i], want.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// checkFast fails t when the fast parser reads src and yaml.v3 reads it otherwise; it
// reports whether the fast parser read it.
func checkFast(t *testing.T, src []byte) bool {
	t.Helper()
	got, release, ok := fastParse(string(src), true)
	if !ok {
		return false
	}
	defer release()
	want, err := yamlRoots(src)
	if err != nil {
		t.Fatalf("the fast parser reads %q, yaml.v3 fails: %v", src, err)
	}
	if len(got) != len(want) {
		t.Fatalf("%q: the fast parser reads %d documents, yaml.v3 %d", src, len(got), len(want))
	}
	for i := range got {
		if d := nodeDiff(fmt.Sprint("doc", i), got[i], want[i]); d != "" {
			t.Fatalf("%q: %s", src, d)
		}
	}
	return true
}

func TestFastDocuments(t *testing.T) {
	for _, c := range []struct {
		src  string
		fast bool // the fast parser takes it
	}{
		{"", true},
		{"# only a comment\n", true},
		{"a: b\n", true},
		{"a: b", true},
		{"a: b\nc:\n- x\n- y: 1\n  z: [1, 'a''b', {q: \"r\"}]\n", true},
		{"---\na: é b\n---\n- 1\n", true},
		{"--- # first\na: 1\n...\n", false},
		{"name: x\nrules:\n  - when: {field: f, variables: {input.accountNumber: A-0000001F}}\n    then: {error: KT-CT-3942}\n", true},
		{"a:   b c   # comment\n  # indented comment\n\nd: \"e f\" # c\n", true},
		{"a: [1.5, -2, 0x1F, 1e3, 2024-01-01, .5, +1, 007, ~, null, True, yes, <<, '', \"\"]\n", true},
		{"a: 12:30\nb: [12:30]\n", false},
		{"a: \"\\\\s \\\" \\n \\t \\r \\x41 \\u00e9 ü\"\n", true},
		{"a: \"\\ud800\"\n", false},
		{"a: \"\\e\"\n", false},
		{"<<: {a: 1}\nb: 2\n", true},
		{"a: http://x.y/z?q=1#f, [b]\n", true},
		{"a: -1\nb: -x\nc: -.5\n", true},
		{"  a: 1\n  b:\n    - 2\n", true},
		{"a:\n  b\n", true},
		{"- a\n- - b\n", false},
		{"a:\n", false},
		{"a: 1\n b: 2\n", false},
		{"a: b\n  c\n", false},
		{"a: &x 1\nb: *x\n", false},
		{"a: !!str 1\n", false},
		{"a: |\n  text\n", false},
		{"a: \"x\\ny\"\n", true},
		{"a: \"x\\/y\"\n", false},
		{"a: \"x\n  y\"\n", false},
		{"a: 'x\n  y'\n", false},
		{"a:\tb\n", false},
		{"a: b\r\n", false},
		{"a: {b: c,\n  d: e}\n", false},
		{"a: {b: c,}\n", false},
		{"a: {b}\n", false},
		{"a: {b:c}\n", false},
		{"a: b: c\n", false},
		{"a: \"b\"#c\n", false},
		{"? a\n: b\n", false},
		{"a: [b: c]\n", false},
		{"a: b\n- c\n", false},
		{"---\n---\na: 1\n", false},
		{"a: 1\n---\n", false},
		{"%YAML 1.2\n---\na: 1\n", false},
		{"\ufeffa: 1\n", false},
		{"a: " + strings.Repeat("x", 2000) + "\n", true},
		{strings.Repeat("k", 1100) + ": 1\n", false},
		{strings.Repeat("- ", 200) + "a\n", false},
		{strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n", false},
	} {
		t.Run("", func(t *testing.T) {
			if got := checkFast(t, []byte(c.src)); got != c.fast {
				t.Errorf("%q: the fast parser takes it: %v, want %v", c.src, got, c.fast)
			}
		})
	}
}

// TestFastDocumentsFiles checks the fast parser on every scenario file of the
// repository, and that it takes the shipped pack and the recorded shape.
func TestFastDocumentsFiles(t *testing.T) {
	var files []string
	for _, pat := range []string{"*.yaml", "testdata/good/*.yaml", "testdata/bad/*.yaml", "../cmd/krakensim/testdata/*/*.yaml", "../sim/record/testdata/*.yaml.golden"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 40 {
		t.Fatalf("found only %d scenario files", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !checkFast(t, src) && !strings.Contains(f, "testdata") {
			t.Errorf("%s: the fast parser gave up on a shipped file", f)
		}
	}
}

// FuzzFastDocuments checks that whatever the fast parser reads, yaml.v3 reads as the
// same nodes.
func FuzzFastDocuments(f *testing.F) {
	for _, pat := range []string{"*.yaml", "testdata/good/*.yaml", "testdata/bad/*.yaml"} {
		m, _ := filepath.Glob(pat)
		for _, file := range m {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	f.Add([]byte("a: [1.5, -2, 0x1F, 1e3, 2024-01-01, 12:30, .5, +1, 007, ~, null, True, <<, '', \"\"]\n"))
	f.Add([]byte("- when: {field: f, variables: {input.accountNumber: A-0000001F}}\n  then:\n    data:\n      s: {id: \"7\", d: 8}\n"))
	f.Add([]byte("---\na: é b # c\n---\n- 1\n"))
	f.Fuzz(func(t *testing.T, src []byte) { checkFast(t, src) })
}

// TestParseConcurrently parses different files at once, as serve does, and checks that
// each gives what it gives alone: parses share node memory only one after another.
func TestParseConcurrently(t *testing.T) {
	files := make([][]byte, 8)
	want := make([]string, len(files))
	for i := range files {
		var b strings.Builder
		fmt.Fprintf(&b, "name: c%d\nrules:\n", i)
		for j := range 50 + 40*i {
			fmt.Fprintf(&b, "  - when: {field: viewer, variables: {input.n: v%d-%d}}\n    then:\n      data: {k%d: [%d, 'x%d']}\n", i, j, i, j, i)
		}
		files[i] = []byte(b.String())
		scs, err := Parse("c.yaml", files[i])
		if err != nil {
			t.Fatal(err)
		}
		want[i] = dumpRules(scs)
	}
	var wg sync.WaitGroup
	for i := range files {
		wg.Go(func() {
			for range 5 {
				scs, err := Parse("c.yaml", files[i])
				if err != nil {
					t.Error(err)
					return
				}
				if got := dumpRules(scs); got != want[i] {
					t.Errorf("file %d parsed at the same time as others differs from alone", i)
					return
				}
			}
		})
	}
	wg.Wait()
}

// dumpRules prints what rules match and answer, with their positions.
func dumpRules(scs []*rules.Scenario) string {
	var b strings.Builder
	for _, sc := range scs {
		for _, r := range sc.Rules {
			fmt.Fprintf(&b, "%s %s %s", r.ID, r.Pos, r.When.Field)
			for _, v := range r.When.Variables {
				fmt.Fprintf(&b, " %s=%v@%s", v.Path, v.Matcher.Value, v.Pos)
			}
			for _, a := range r.Then {
				fmt.Fprintf(&b, " -> %v@%s", a.Data, a.Pos)
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}
