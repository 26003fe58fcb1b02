package graphql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/krakensim/krakensim/internal/testshared"
)

func TestMeasure(t *testing.T) {
	e := newTestExecutor(t, Options{})
	cases := []struct {
		name            string
		query           string
		vars            map[string]any
		depth, cpx, nod int
		fields          string
	}{
		{"one field", `{ count }`, nil, 1, 1, 0, "count=1"},
		{"nested", `{ viewer { name friend { name } } }`, nil, 3, 4, 0, "viewer=4"},
		{"list default multiplier", `{ viewer { accounts { id number } } }`, nil, 3, 4, 1, "viewer=4"},
		{"list first literal", `{ accounts(first: 10) { id number } }`, nil, 2, 12, 10, "accounts=12"},
		{"list first variable", `query($n: Int) { accounts(first: $n) { id } }`, map[string]any{"n": 4}, 2, 5, 4, "accounts=5"},
		{"nested pages add", `{ viewer { friend { accounts(first: 10) { id } } } accounts(first: 3) { id } }`, nil, 4, 17, 13, "viewer=13 accounts=4"},
		{"aliases are separate root fields", `{ a: count b: count viewer { id } }`, nil, 2, 4, 0, "a=1 b=1 viewer=2"},
		{"fragments expanded", `{ viewer { ...U } } fragment U on User { name friend { ...V } } fragment V on User { id email }`, nil, 3, 5, 0, "viewer=5"},
		{"root fragments", `{ ...Q } fragment Q on Query { count viewer { id } }`, nil, 2, 3, 0, "count=1 viewer=2"},
		{"lists below a list per item", `{ users(ids: ["1"]) { accounts(first: 100) { id } } }`, nil, 3, 102, 101, "users=102"},
		{"introspection not counted", `{ __typename count __schema { types { name fields { name } } } }`, nil, 1, 1, 0, "count=1"},
		{"introspection again counts", `{ a: __schema { types { name } } b: __schema { types { name fields { name } } } __typename }`, nil, 4, 5, 2, "b=5"},
		{"introspection under one key merges", `{ __schema { types { name } } __schema { queryType { name } } }`, nil, 0, 0, 0, ""},
		{"__type again counts", `{ a: __type(name: "User") { name } b: __type(name: "Account") { name } }`, nil, 2, 2, 0, "b=2"},
		{"inline fragments", `{ search(text: "") { ... on User { id } ... on Property { meterPoints { mpan } } } }`, nil, 3, 4, 2, "search=4"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, errs := e.Prepare(tc.query)
			if errs != nil {
				t.Fatalf("prepare: %v", errs[0])
			}
			op, oerr := p.Operation("")
			if oerr != nil {
				t.Fatal(oerr)
			}
			c := MeasureCost(p.Doc, op, tc.vars)
			var fields []string
			for _, f := range c.Fields {
				fields = append(fields, fmt.Sprintf("%s=%d", f.Key, f.Complexity))
			}
			if c.Depth != tc.depth || c.Complexity != tc.cpx || c.Nodes != tc.nod || strings.Join(fields, " ") != tc.fields {
				t.Errorf("MeasureCost = (%d, %d, %d, %v), want (%d, %d, %d, %s)", c.Depth, c.Complexity, c.Nodes, fields, tc.depth, tc.cpx, tc.nod, tc.fields)
			}
			if d, cpx := Measure(p.Doc, op, tc.vars); d != c.Depth || cpx != c.Complexity {
				t.Errorf("Measure = (%d, %d), MeasureCost says (%d, %d)", d, cpx, c.Depth, c.Complexity)
			}
		})
	}
}

func TestMeasureFragmentBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("{ viewer { ...F0 } }\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "fragment F%d on User { friend { ...F%d ...F%d } }\n", i, i+1, i+1)
	}
	b.WriteString("fragment F40 on User { id }\n")
	doc, err := gqlparser.LoadQuery(loadTestSchema(t), b.String())
	if err != nil {
		t.Fatal(err)
	}
	m := &measurer{doc: doc}
	c, _ := measureCost(doc, doc.Operations[0], nil, 0, nil)
	m.each(doc.Operations[0].SelectionSet, func(*ast.Field, measure) {})
	if c.Depth != 42 || c.Complexity != 42 || m.steps > 200 {
		t.Errorf("MeasureCost = (%d, %d) in %d steps, want (42, 42) (viewer, forty friends, id) in at most 200", c.Depth, c.Complexity, m.steps)
	}
}

// TestMeasureFragmentChainUnderField: fragments spreading the next twice cost the same
// under a field as among the root fields, each read once in the selection set.
func TestMeasureFragmentChainUnderField(t *testing.T) {
	chain := func(op, on, scalar, last string) string {
		var b strings.Builder
		b.WriteString(op + "\n")
		for i := 0; i < 40; i++ {
			fmt.Fprintf(&b, "fragment F%d on %s { %s ...F%d ...F%d }\n", i, on, scalar, i+1, i+1)
		}
		fmt.Fprintf(&b, "fragment F40 on %s { %s }\n", on, last)
		return b.String()
	}
	e := newTestExecutor(t, Options{})
	var got []int
	for _, q := range []string{
		chain("{ ...F0 }", "Query", "count", "viewer { id }"),
		chain("query { viewer { ...F0 } }", "User", "name", "friend { id }"),
	} {
		p, errs := e.Prepare(q)
		if errs != nil {
			t.Fatalf("prepare: %v", errs[0])
		}
		got = append(got, MeasureCost(p.Doc, p.Doc.Operations[0], nil).Complexity)
	}
	if got[0] != 42 || got[1] != 1+got[0] {
		t.Errorf("complexity at the root %d, under viewer %d; want 42 and 43 (viewer and the same)", got[0], got[1])
	}
	limited := newTestExecutor(t, Options{MaxDepth: 15, MaxComplexity: 200, Hook: worldHook})
	q := chain("query { viewer { ...F0 } }", "User", "name", "friend { id }")
	if resp := limited.Execute(context.Background(), &Request{Query: q}); !resp.Executed || len(resp.Errors) > 0 {
		t.Errorf("the chain under viewer was refused: %+v", resp.Errors)
	}
}

// TestMeasureOverlappingChains: many selection sets each spreading two fragment chains
// that share fragments read each once per set, and the work stays within
// measureBudget when there are too many to read.
func TestMeasureOverlappingChains(t *testing.T) {
	doc := func(sets, k int) *ast.QueryDocument {
		var b strings.Builder
		b.WriteString("{")
		for j := 0; j < sets; j++ {
			fmt.Fprintf(&b, " v%d: viewer { ...A0 ...B0 }", j)
		}
		b.WriteString(" }\n")
		for i := 0; i < k; i++ {
			fmt.Fprintf(&b, "fragment A%d on User { id ...A%d }\n", i, i+1)
			fmt.Fprintf(&b, "fragment B%d on User { name ...B%d ...A%d }\n", i, i+1, i)
		}
		fmt.Fprintf(&b, "fragment A%d on User { email }\nfragment B%d on User { name }\n", k, k)
		d, err := parser.ParseQuery(&ast.Source{Input: b.String()}) // validating the largest takes seconds
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []struct {
		sets, k    int
		complexity int
	}{
		{20, 20, 20 * (1 + 21 + 21)}, // viewer, twenty ids and email, twenty-one names
		{1000, 1000, maxMeasure},
	}
	for _, tc := range cases {
		d := doc(tc.sets, tc.k)
		m := &measurer{doc: d}
		var c int
		m.each(d.Operations[0].SelectionSet, func(_ *ast.Field, r measure) { c = satAdd(c, r.complexity) })
		if m.over {
			c = maxMeasure
		}
		if c != tc.complexity || m.steps > measureBudget+1 {
			t.Errorf("%d sets over %d-fragment chains: complexity %d in %d steps, want %d within %d", tc.sets, tc.k, c, m.steps, tc.complexity, measureBudget)
		}
		if got := MeasureCost(d, d.Operations[0], nil); got.Complexity != tc.complexity {
			t.Errorf("%d sets over %d-fragment chains: MeasureCost complexity %d, want %d", tc.sets, tc.k, got.Complexity, tc.complexity)
		}
	}
}

// TestMeasureRootFragmentBomb: fragments among the root fields, each spreading the next
// twice, are measured by visiting each once (they took twice as long at each level, for
// ever at forty), and cost what their fields do once.
func TestMeasureRootFragmentBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query { count ...F%d ...F%d }\n", i, i+1, i+1)
	}
	b.WriteString("fragment F40 on Query { viewer { id } }\n")
	doc, err := gqlparser.LoadQuery(loadTestSchema(t), b.String())
	if err != nil {
		t.Fatal(err)
	}
	m := &measurer{doc: doc}
	var keys []string
	m.each(doc.Operations[0].SelectionSet, func(f *ast.Field, _ measure) { keys = append(keys, f.Name) })
	if m.steps > 200 || len(keys) != 41 {
		t.Errorf("%d selections visited, %d root fields; want at most 200 and 41 (count in forty fragments, viewer)", m.steps, len(keys))
	}
	if c := MeasureCost(doc, doc.Operations[0], nil); c.Complexity != 42 || len(c.Fields) != 2 {
		t.Errorf("MeasureCost = %+v; want complexity 42 (count 40 times, viewer 2) over two keys", c)
	}
}

func TestLimits(t *testing.T) {
	deep := `{ viewer { friend { friend { friend { name } } } } }`
	cases := []struct {
		name string
		opts Options
		q    string
		want string
	}{
		{"depth over", Options{MaxDepth: 3}, deep,
			`{"errors":[{"message":"Query is too complex: depth 5 (maximum 3), complexity 5 (maximum 0)."}]}`},
		{"complexity over with custom error", Options{MaxComplexity: 20, LimitError: func(d, c int) *Error {
			return &Error{Message: "Query complexity limit exceeded.", Extensions: map[string]any{"errorCode": "KT-CT-1188", "depth": d, "complexity": c}}
		}}, `{ accounts(first: 50) { id } }`,
			`{"errors":[{"message":"Query complexity limit exceeded.","extensions":{"complexity":51,"depth":2,"errorCode":"KT-CT-1188"}}]}`},
		{"within limits", Options{MaxDepth: 5, MaxComplexity: 5}, deep,
			`{"data":{"viewer":{"friend":null}}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Hook = worldHook
			e := newTestExecutor(t, tc.opts)
			if got := runJSON(t, e, &Request{Query: tc.q}); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestIntrospectionWithinDefaultLimits(t *testing.T) {
	e := newTestExecutor(t, Options{MaxDepth: 15, MaxComplexity: 10000})
	resp := e.Execute(context.Background(), &Request{Query: readIntrospectionQuery(t)})
	if !resp.Executed || len(resp.Errors) > 0 {
		t.Fatalf("introspection rejected: %+v", resp.Errors)
	}
}

func TestPrepareCache(t *testing.T) {
	e := newTestExecutor(t, Options{})
	p1, _ := e.Prepare(`{ count }`)
	p2, _ := e.Prepare(`{ count }`)
	if p1 != p2 {
		t.Errorf("repeated query was prepared twice")
	}
	bad1, errs1 := e.Prepare(`{ nope }`)
	bad2, errs2 := e.Prepare(`{ nope }`)
	if bad1 != bad2 || len(errs1) != 1 || len(errs2) != 1 || bad1.Doc != nil {
		t.Errorf("invalid document should be cached with its errors")
	}

	var c programCache
	c.init(8*(&Program{size: 100}).cost(), 10)
	for i := 0; i < 8; i++ {
		c.put(fmt.Sprint("q", i), &Program{Query: fmt.Sprint("q", i), size: 100})
	}
	c.get("q0")
	c.put("q8", &Program{Query: "q8", size: 100})
	c.put("this text is too long", &Program{Query: "this text is too long", size: 1})
	c.put("big", &Program{Query: "big", size: 101})
	if n, bytes := c.stats(); n != 8 || bytes != 1600 || c.get("q1") != nil || c.get("q0") == nil || c.get("q8") == nil {
		t.Errorf("LRU kept the wrong entries: %d programs, %d bytes", n, bytes)
	}
	if c.get("this text is too long") != nil || c.get("big") != nil {
		t.Errorf("kept a program over the per-entry bounds")
	}
}

func TestCachedQuery(t *testing.T) {
	e := newTestExecutor(t, Options{})
	if _, ok := e.CachedQuery([]byte(`{ count }`)); ok {
		t.Errorf("a query never prepared was found")
	}
	p, _ := e.Prepare(`{ count }`)
	got, ok := e.CachedQuery([]byte(`{ count }`))
	if !ok || got != `{ count }` || unsafe.StringData(got) != unsafe.StringData(p.Query) {
		t.Errorf("CachedQuery = %q, %v; want the prepared program's own text", got, ok)
	}
	if _, ok := e.CachedQuery([]byte(`{ count}`)); ok {
		t.Errorf("a different text was found")
	}
	off := newTestExecutor(t, Options{CacheBytes: -1})
	off.Prepare(`{ count }`)
	if _, ok := off.CachedQuery([]byte(`{ count }`)); ok {
		t.Errorf("found a text with the cache off")
	}
}

func TestInputName(t *testing.T) {
	e := newTestExecutor(t, Options{})
	def := e.Schema().Types["CreateUserInput"].Fields.ForName("email")
	for _, tt := range []struct {
		name string
		ok   bool
	}{
		{"email", true},   // CreateUserInput's field
		{"numbers", true}, // AccountFilter's
		{"viewer", false}, // an output field only
		{"first", false},  // an argument, not an input field
		{"emai", false},
	} {
		got, ok := e.InputName([]byte(tt.name))
		if ok != tt.ok || ok && got != tt.name {
			t.Errorf("InputName(%q) = %q, %v; want %v", tt.name, got, ok, tt.ok)
		}
	}
	if got, _ := e.InputName([]byte("email")); unsafe.StringData(got) != unsafe.StringData(def.Name) {
		t.Errorf("InputName(email) is a copy, want the schema's own string")
	}
}

func TestConcurrentExecute(t *testing.T) {
	e := newTestExecutor(t, Options{Hook: worldHook})
	q := `query($s: Boolean!) { viewer { name @skip(if: $s) accounts { number } } search(text: "") { __typename } }`
	want := runJSON(t, e, &Request{Query: q, Variables: map[string]any{"s": false}})
	done := make(chan string, 8)
	for i := 0; i < 8; i++ {
		go func() {
			done <- runJSON(t, e, &Request{Query: q, Variables: map[string]any{"s": false}})
		}()
	}
	for i := 0; i < 8; i++ {
		if got := <-done; got != want {
			t.Errorf("concurrent answer differs:\n%s\n%s", got, want)
		}
	}
}

// TestReferenceSchema runs the introspection query and a faked query against the real
// Kraken schema, when the shared reference files are present.
func TestReferenceSchema(t *testing.T) {
	path := testshared.Path(t, "reference", "octopus-schema.graphql")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("reference schema not available (%v); skipping", err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "octopus-schema.graphql", Input: string(src)})
	if gerr != nil {
		t.Fatalf("load reference schema: %v", gerr)
	}
	e := New(schema, Options{Faker: testFaker{}, MaxDepth: 15, MaxComplexity: 10000})
	resp := e.Execute(context.Background(), &Request{Query: readIntrospectionQuery(t)})
	if !resp.Executed || len(resp.Errors) > 0 {
		t.Fatalf("introspection: %+v", resp.Errors)
	}
	b, err := resp.MarshalJSON()
	if err != nil || len(b) < 100000 {
		t.Fatalf("introspection answer too small (%d bytes) or invalid: %v", len(b), err)
	}
	resp = e.Execute(context.Background(), &Request{Query: `mutation { obtainKrakenToken(input: {APIKey: "k"}) { token refreshToken refreshExpiresIn payload } }`})
	if !resp.Executed || len(resp.Errors) > 0 || resp.Data == nil {
		t.Fatalf("faked mutation: %+v", resp.Errors)
	}
	tok := get(t, resp.Data, "obtainKrakenToken").(*Object)
	if s, _ := get(t, tok, "token").(string); s == "" {
		t.Errorf("token not faked: %v", tok)
	}
}

func TestNodeAndComplexityThresholds(t *testing.T) {
	q := `{ accounts(first: 50) { id } }` // complexity 51, 50 nodes
	cases := []struct {
		name string
		opts Options
		want string // the error message, "" when it executes
	}{
		{"nodes at the cap", Options{MaxNodes: 50}, ""},
		{"nodes over the cap", Options{MaxNodes: 49}, "Query exceeds maximum allowed node count: 50 nodes (maximum 49)."},
		{"custom node error", Options{MaxNodes: 49, NodeLimitError: func(n int) *Error { return &Error{Message: fmt.Sprintf("KT-CT-1189 %d", n)} }}, "KT-CT-1189 50"},
		{"complexity at the cap", Options{MaxComplexity: 51}, ""},
		{"complexity over the cap", Options{MaxComplexity: 50}, "Query is too complex: depth 2 (maximum 0), complexity 51 (maximum 50)."},
		{"nodes checked first", Options{MaxComplexity: 10, MaxNodes: 10}, "Query exceeds maximum allowed node count: 50 nodes (maximum 10)."},
		{"a page weighs at most MaxPageWeight", Options{MaxComplexity: 11, MaxPageWeight: 10}, ""},
		{"over the cap all the same", Options{MaxComplexity: 10, MaxPageWeight: 10}, "Query is too complex: depth 2 (maximum 0), complexity 11 (maximum 10)."},
		{"the nodes of a page count in full", Options{MaxComplexity: 11, MaxPageWeight: 10, MaxNodes: 49}, "Query exceeds maximum allowed node count: 50 nodes (maximum 49)."},
		{"a weight cap over the page", Options{MaxComplexity: 50, MaxPageWeight: 100}, "Query is too complex: depth 2 (maximum 0), complexity 51 (maximum 50)."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestExecutor(t, tc.opts)
			resp := e.Execute(context.Background(), &Request{Query: q})
			got := ""
			if len(resp.Errors) > 0 {
				got = resp.Errors[0].Message
			}
			if got != tc.want || resp.Executed != (tc.want == "") {
				t.Errorf("error %q (executed %v), want %q", got, resp.Executed, tc.want)
			}
		})
	}
}

func TestCostWithoutExecuting(t *testing.T) {
	e := newTestExecutor(t, Options{MaxComplexity: 1})
	c, errs := e.Cost(&Request{Query: `query Q($n: Int) { accounts(first: $n) { id } count }`, Variables: map[string]any{"n": 7}})
	if errs != nil || c.Complexity != 9 || len(c.Fields) != 2 || c.Fields[0] != (FieldCost{"accounts", 8}) {
		t.Errorf("Cost = %+v, %v", c, errs)
	}
	if _, errs := e.Cost(&Request{Query: `{ nope }`}); len(errs) != 1 {
		t.Errorf("an invalid document: %v", errs)
	}
	if _, errs := e.Cost(&Request{Query: `query($n: Int!) { count }`}); len(errs) != 1 {
		t.Errorf("a missing variable: %v", errs)
	}
}

func TestCostOfOneDocumentAcrossRequests(t *testing.T) {
	e := newTestExecutor(t, Options{MaxComplexity: 100})
	const byVariable = `query Q($n: Int) { accounts(first: $n) { id } count }`
	for _, n := range []int{7, 2, 7} {
		c, errs := e.Cost(&Request{Query: byVariable, Variables: map[string]any{"n": n}})
		if errs != nil || c.Complexity != n+2 {
			t.Errorf("first: %d: complexity %d (%v), want %d", n, c.Complexity, errs, n+2)
		}
	}
	const fixed = `{ accounts(first: 3) { id } a: count b: count }`
	for range 2 {
		c, errs := e.Cost(&Request{Query: fixed})
		if errs != nil || c.Complexity != 6 || len(c.Fields) != 3 || c.Fields[0] != (FieldCost{"accounts", 4}) {
			t.Fatalf("Cost = %+v, %v", c, errs)
		}
		c.Fields[0].Complexity = 99 // a caller's copy: the next request must not see it
	}
	over := e.Execute(context.Background(), &Request{Query: byVariable, Variables: map[string]any{"n": 500}})
	if len(over.Errors) != 1 || over.Executed {
		t.Errorf("first: 500 after smaller pages: %+v", over)
	}
}

func TestCostOfManyRootFields(t *testing.T) {
	e := newTestExecutor(t, Options{})
	var q strings.Builder
	q.WriteString("{")
	for i := range 20 {
		fmt.Fprintf(&q, " f%d: count", i%12)
	}
	q.WriteString(" }")
	c, errs := e.Cost(&Request{Query: q.String()})
	if errs != nil || c.Complexity != 20 || len(c.Fields) != 12 || c.Fields[0] != (FieldCost{"f0", 2}) || c.Fields[11] != (FieldCost{"f11", 1}) {
		t.Errorf("Cost = %+v, %v", c, errs)
	}
}

// TestValidationLinearInOperations checks that a fragment spread by many operations is
// validated once, not once per operation: its errors are reported once and validation
// stops at graphql-core's limit; a valid document of that shape is prepared in time
// linear in its size.
func TestValidationLinearInOperations(t *testing.T) {
	e := newTestExecutor(t, Options{})
	doc := func(n int, field string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "query Q%d{...F} ", i)
		}
		b.WriteString("fragment F on Query{")
		for i := range n {
			fmt.Fprintf(&b, "a%d:%s ", i, field)
		}
		return b.String() + "}"
	}
	docValid := func(ops, fields int) string {
		var b strings.Builder
		for i := range ops {
			fmt.Fprintf(&b, "query Q%d{...F} ", i)
		}
		b.WriteString("fragment F on Query{")
		for i := range fields {
			fmt.Fprintf(&b, "a%d:__typename ", i)
		}
		return b.String() + "}"
	}
	start := time.Now()
	_, errs := e.Prepare(doc(1000, "nope"))
	if len(errs) != maxValidationErrors+1 || errs[len(errs)-1].Message != tooManyErrors {
		t.Fatalf("got %d errors, the last %q", len(errs), errs[len(errs)-1].Message)
	}
	// checkOverlap still walks the fragment once per operation, within its budget.
	if _, errs := e.Prepare(docValid(20000, 20)); errs != nil {
		t.Fatalf("valid document: %v", errs)
	}
	if d := time.Since(start); d > 10*time.Second { // was minutes
		t.Errorf("took %v", d)
	}
}

// TestValidationStopsWithContext checks that a request's context ends its document's
// validation, and that the stopped preparation is not cached.
func TestValidationStopsWithContext(t *testing.T) {
	e := newTestExecutor(t, Options{})
	q := "{" + strings.Repeat("count ", 5000) + "}"
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, errs := e.PrepareContext(ctx, q)
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Message, "Validation stopped: the request was cancelled") {
		t.Fatalf("errors = %v", errs)
	}
	if _, errs := e.Prepare(q); errs != nil {
		t.Fatalf("after the stop: %v", errs)
	}
}

// An execution whose answer would hold more than a million fields stops with an error
// naming why, built by Options.StopError when set, so the API gives it its extensions.
func TestTooManyFieldsStops(t *testing.T) {
	ids := make([]any, maxFieldsPerRequest)
	for i := range ids {
		ids[i] = map[string]any{"id": "u"}
	}
	hook := func(_ context.Context, f *Field) (any, bool, error) {
		if f.Name == "users" {
			return ids, true, nil
		}
		return nil, false, nil
	}
	stop := func(err error) *Error {
		if !errors.Is(err, ErrTooManyFields) {
			t.Errorf("StopError given %v", err)
		}
		return &Error{Message: "stopped", Extensions: map[string]any{"errorCode": "TOO-LARGE"}}
	}
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"default", Options{Hook: hook}, `{"message":"Execution stopped: the response would have more than 1000000 fields."`},
		{"the API's error", Options{Hook: hook, StopError: stop}, `{"message":"stopped"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestExecutor(t, tc.opts)
			resp := e.Execute(context.Background(), &Request{Query: `{ users(ids: []) { id } count }`})
			if len(resp.Errors) != 2 {
				t.Fatalf("%d errors, want the stop and the root field not run", len(resp.Errors))
			}
			for _, err := range resp.Errors {
				b, _ := json.Marshal(err)
				if !strings.HasPrefix(string(b), tc.want) {
					t.Errorf("error %s, want %s...", b, tc.want)
				}
			}
			if got := resp.Errors[1].Path; fmt.Sprint(got) != "[count]" {
				t.Errorf("second error at %v, want the root field not run", got)
			}
		})
	}
}

func TestUnpagedNodes(t *testing.T) {
	unpaged := func(parent string, def *ast.FieldDefinition) int {
		if parent == "Query" && def.Name == "accounts" {
			return 40
		}
		return 0
	}
	pages := func(parent string, def *ast.FieldDefinition) int {
		if def.Name == "viewer" || def.Name == "friend" {
			return 50
		}
		return 0
	}
	cases := []struct {
		name, query      string
		unpaged          UnpagedNodes
		nodes, complexit int
	}{
		{"no page size counts what the field answers", `{ accounts { id } }`, unpaged, 40, 2},
		{"a page size counts itself", `{ accounts(first: 3) { id } }`, unpaged, 3, 4},
		{"first: 0 is a page size", `{ accounts(first: 0) { id } }`, unpaged, 1, 2},
		{"a variable page size", `query($n: Int) { accounts(first: $n) { id } }`, unpaged, 7, 8},
		{"an unset variable is no page size", `query($m: Int) { accounts(first: $m) { id } }`, unpaged, 40, 2},
		{"without the option one", `{ accounts { id } }`, nil, 1, 2},
		// viewer and friend stand for connections here: objects the option gives a page.
		{"an unpaged object asked for no items counts none", `{ viewer { id } }`, pages, 0, 2},
		{"an unpaged object counts its page and what is below once", `{ viewer { accounts(first: 3) { id } } }`, pages, 52, 5},
		{"unpaged objects nested add their pages", `{ viewer { friend { accounts(first: 3) { id } } } }`, pages, 101, 6},
		{"an unpaged object's page counts once, not for each item above it",
			`{ viewer { accounts(first: 3) { ... on PersonalAccount { owner { friend { accounts(first: 2) { id } } } } } } }`, pages, 107, 9},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestExecutor(t, Options{UnpagedNodes: tc.unpaged})
			c, errs := e.Cost(&Request{Query: tc.query, Variables: map[string]any{"n": 7}})
			if errs != nil || c.Nodes != tc.nodes || c.Complexity != tc.complexit {
				t.Errorf("Cost = %+v, %v; want nodes %d, complexity %d", c, errs, tc.nodes, tc.complexit)
			}
		})
	}
}
