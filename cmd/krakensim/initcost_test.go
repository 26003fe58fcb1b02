package main

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/krakensim/krakensim/internal/lazyre"
)

// initBudget is what the package initialisers of the krakensim binary may allocate in
// all, and initPackageBudget what one package may: every start pays them, and what
// they keep the collector marks for the life of the process. Before
// third_party/jsonschema, one dependency's init took 1.7 MB of a 3.0 MB total.
const (
	initBudget        = 1600 << 10
	initPackageBudget = 512 << 10
)

var inittraceLine = regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestPackageInitCost runs the built binary's version command, which does nothing but
// initialise, with GODEBUG=inittrace=1, and holds the initialisers to initBudget.
func TestPackageInitCost(t *testing.T) {
	bin, err := startupBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s version: %v\n%s", bin, err, stderr.String())
	}
	type pkg struct {
		name          string
		bytes, allocs int
	}
	var pkgs []pkg
	total := 0
	for _, line := range strings.Split(stderr.String(), "\n") {
		m := inittraceLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		b, _ := strconv.Atoi(m[2])
		a, _ := strconv.Atoi(m[3])
		pkgs = append(pkgs, pkg{m[1], b, a})
		total += b
	}
	if len(pkgs) < 50 {
		t.Fatalf("GODEBUG=inittrace=1 gave %d package lines, want the binary's initialisers:\n%s", len(pkgs), stderr.String())
	}
	slices.SortFunc(pkgs, func(a, b pkg) int { return b.bytes - a.bytes })
	var top strings.Builder
	for _, p := range pkgs[:8] {
		top.WriteString("\n  " + p.name + ": " + strconv.Itoa(p.bytes) + " bytes, " + strconv.Itoa(p.allocs) + " allocations")
	}
	if total > initBudget {
		t.Errorf("package initialisers allocate %d bytes, over the %d budget; the largest:%s", total, initBudget, top.String())
	}
	if pkgs[0].bytes > initPackageBudget {
		t.Errorf("%s's initialisers allocate %d bytes, over the %d a package may; the largest:%s", pkgs[0].name, pkgs[0].bytes, initPackageBudget, top.String())
	}
	if strings.HasPrefix(pkgs[0].name, "github.com/santhosh-tekuri/jsonschema") {
		t.Errorf("jsonschema compiles its meta-schemas at init again: is go.mod's replace with third_party/jsonschema gone?%s", top.String())
	}
}

// TestJSONSchema2020Lazy checks the patched jsonschema module, whose drafts'
// meta-schemas are compiled by the first compiler rather than at init, from several
// goroutines at once: a schema that breaks its meta-schema is still refused, and
// kin-openapi's JSON Schema 2020 option still validates.
func TestJSONSchema2020Lazy(t *testing.T) {
	metaCases := []struct {
		schema any
		ok     bool
	}{
		{map[string]any{"type": "integer", "minimum": 1}, true},
		// Only the meta-schema refuses these: the compiler itself would take them.
		{map[string]any{"minLength": -1}, false},
		{map[string]any{"$comment": 5}, false},
	}
	schema := openapi3.NewObjectSchema().
		WithProperty("paymentDay", openapi3.NewIntegerSchema().WithMin(1).WithMax(28)).
		WithRequired([]string{"paymentDay"})
	cases := []struct {
		value any
		ok    bool
	}{
		{map[string]any{"paymentDay": 5}, true},
		{map[string]any{"paymentDay": 31}, false},
		{map[string]any{"paymentDay": "5"}, false},
		{map[string]any{}, false},
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, c := range metaCases {
				comp := jsonschema.NewCompiler()
				if err := comp.AddResource("mem://schema.json", c.schema); err != nil {
					t.Errorf("AddResource(%v): %v", c.schema, err)
					continue
				}
				_, err := comp.Compile("mem://schema.json")
				if (err == nil) != c.ok || err != nil && !strings.Contains(err.Error(), "metaschema") {
					t.Errorf("compiling %v: error %v, want ok %v (or the meta-schema's refusal)", c.schema, err, c.ok)
				}
			}
			for _, c := range cases {
				err := schema.VisitJSON(c.value, openapi3.EnableJSONSchema2020())
				if (err == nil) != c.ok {
					t.Errorf("%v: error %v, want ok %v", c.value, err, c.ok)
				}
			}
		})
	}
	wg.Wait()
}

// TestLazyRegexpsCompile compiles every expression the linked packages left to
// compile on first use, so that a bad one fails here rather than in some request.
func TestLazyRegexpsCompile(t *testing.T) {
	exprs := lazyre.Registered()
	if len(exprs) < 20 {
		t.Fatalf("%d lazily compiled expressions registered, want the packages' 20 or more", len(exprs))
	}
	for _, e := range exprs {
		if _, err := regexp.Compile(e); err != nil {
			t.Errorf("%q: %v", e, err)
		}
	}
}
