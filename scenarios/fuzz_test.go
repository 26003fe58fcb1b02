package scenarios

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/krakensim/krakensim/internal/fuzzcost"
	"github.com/krakensim/krakensim/sim/rules"
)

// FuzzParse checks that Parse and Lint never panic and that what parses is well formed.
func FuzzParse(f *testing.F) {
	var files []string
	for _, pat := range []string{"*.yaml", "testdata/good/*.yaml", "testdata/bad/*.yaml"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("name: x\nrules: [{when: {field: viewer}, then: {data: {<<: [*x]}}}]\n"))
	f.Add([]byte("name: x\nrules:\n  - when: {field: viewer}\n    then: {data: {a: '{{ $s := \"ab\" }}{{ range 30 }}{{ $s = printf \"%s%s\" $s $s }}{{ end }}'}}\n"))
	f.Add([]byte("name: x\nrules:\n  - when: {field: viewer, headers: {X: {regex: \"[\\\\x{0}-\\\\x{10FFFF}]{1000}\"}}}\n    then: {error: KT-CT-1111}\n"))
	f.Add([]byte("name: x\nrules: [{when: {field: viewer}, then: {error: KT-CT-1112]}\n"))
	c := defaultContract(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		fuzzcost.Check(t, string(src), func() { parseAndLint(t, src, c) })
	})
}

func parseAndLint(t *testing.T, src []byte, c Contract) {
	{
		scs, err := Parse("f.yaml", src)
		if err != nil {
			if len(err.(Problems)) == 0 {
				t.Fatal("an error without problems")
			}
			return
		}
		for _, sc := range scs {
			for _, r := range sc.Rules {
				if r.When.Kind != rules.KindGraphQL && r.When.Kind != rules.KindHTTP {
					t.Fatalf("rule %s has no kind", r.ID)
				}
				if len(r.Then) == 0 {
					t.Fatalf("rule %s has no answers", r.ID)
				}
				for _, a := range r.Then {
					if a.Times < 0 {
						t.Fatalf("rule %s: times %d", r.ID, a.Times)
					}
					// What parses renders within the template limits.
					_, _ = rules.Render(map[string]any{"data": a.Data, "body": a.Body, "headers": a.Headers}, &rules.TemplateData{})
				}
			}
		}
		_ = Lint(scs, c)
	}
}
