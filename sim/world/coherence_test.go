package world

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// harness runs queries over one SDL with the Generator alone, in one session's store.
type harness struct {
	t      *testing.T
	name   string
	schema *ast.Schema
	gen    *Generator
	exec   *graphql.Executor
	env    *Env
	counts map[string]int
	fails  int
	// entities seen in answers: type → id → scalar fields.
	entities map[string]map[string]map[string]any
}

var testNow = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

func newHarness(t *testing.T, name string, s *ast.Schema) *harness {
	faker := fake.New(1)
	gen := New(s, faker, Options{})
	return &harness{
		t: t, name: name, schema: s, gen: gen,
		exec:     graphql.New(s, graphql.Options{Faker: faker, Generator: gen, MaxDepth: 30}),
		env:      &Env{Now: testNow, Store: NewStore(0)},
		counts:   map[string]int{},
		entities: map[string]map[string]map[string]any{},
	}
}

func (h *harness) errorf(format string, args ...any) {
	h.t.Helper()
	h.fails++
	if h.fails <= 40 {
		h.t.Errorf("%s: "+format, append([]any{h.name}, args...)...)
	}
}

// run executes query and returns its data, decoded from JSON, and its error messages.
func (h *harness) run(query string) (map[string]any, []string) {
	h.t.Helper()
	resp := h.exec.Execute(WithEnv(context.Background(), h.env), &graphql.Request{Query: query})
	b, err := resp.MarshalJSON()
	if err != nil {
		h.t.Fatalf("%s: marshal: %v", h.name, err)
	}
	var out struct {
		Data   map[string]any `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		h.t.Fatalf("%s: %v", h.name, err)
	}
	var msgs []string
	for _, e := range out.Errors {
		msgs = append(msgs, e.Message)
	}
	return out.Data, msgs
}

// literal synthesises a GraphQL literal for a required argument or input field.
func (h *harness) literal(t *ast.Type, name string, depth int) string {
	if t.Elem != nil {
		return "[" + h.literal(t.Elem, name, depth) + "]"
	}
	def := h.schema.Types[t.NamedType]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[0].Name
	case ast.InputObject:
		if depth > 3 {
			return "{}"
		}
		var parts []string
		for _, f := range def.Fields {
			if f.Type.NonNull && f.DefaultValue == nil {
				parts = append(parts, f.Name+": "+h.literal(f.Type, f.Name, depth+1))
			}
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	switch def.Name {
	case "Int":
		return "1"
	case "Float":
		return "1.5"
	case "Boolean":
		return "false"
	case "Date":
		return `"2026-11-01"`
	case "DateTime":
		return `"2026-11-01T00:00:00+00:00"`
	}
	if strings.Contains(strings.ToLower(name), "account") {
		return `"A-C90DC431"`
	}
	return `"1"`
}

// requiredArgs renders the required arguments of f, and extra ones.
// keyLiteral renders a key value for argument arg of f: quoted, unless the argument is an Int.
func keyLiteral(f *ast.FieldDefinition, arg, v string) string {
	if a := f.Arguments.ForName(arg); a != nil && a.Type.Name() == "Int" {
		if _, err := strconv.Atoi(v); err == nil {
			return v
		}
	}
	return strconv.Quote(v)
}

func (h *harness) requiredArgs(f *ast.FieldDefinition, extra map[string]string) string {
	var parts []string
	for _, a := range f.Arguments {
		if v, ok := extra[a.Name]; ok {
			parts = append(parts, a.Name+": "+v)
			continue
		}
		if a.Type.NonNull && a.DefaultValue == nil {
			parts = append(parts, a.Name+": "+h.literal(a.Type, a.Name, 0))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// scalars selects __typename and the leaf fields without arguments of a type.
func (h *harness) scalars(typ string) string {
	var b strings.Builder
	b.WriteString("__typename")
	types := map[string]string{}
	conflict := map[string]bool{}
	for _, p := range h.gen.roles.possible(typ) {
		for _, f := range h.schema.Types[p].Fields {
			if t, ok := types[f.Name]; ok && t != f.Type.String() {
				conflict[f.Name] = true
			}
			types[f.Name] = f.Type.String()
		}
	}
	for _, p := range h.gen.roles.possible(typ) {
		def := h.schema.Types[p]
		fmt.Fprintf(&b, " ... on %s {", p)
		n := 0
		for _, f := range def.Fields {
			fd := h.schema.Types[f.Type.Name()]
			if len(f.Arguments) > 0 || fd == nil || (fd.Kind != ast.Scalar && fd.Kind != ast.Enum) || n >= 60 || conflict[f.Name] {
				continue
			}
			fmt.Fprintf(&b, " %s", f.Name)
			n++
		}
		if n == 0 {
			b.WriteString(" __typename")
		}
		b.WriteString(" }")
	}
	return b.String()
}

// selection selects a field's answer: its scalars and those of its own objects and
// lists, through a connection's edges.
func (h *harness) selection(fr *fieldRole) string {
	if fr.kind == connField {
		c := fr.conn
		s := fmt.Sprintf("{ %s { %s %s { %s } } %s { hasNextPage hasPreviousPage startCursor endCursor }", c.edges, c.cursor, c.node, h.scalars(fr.item), c.pageInfo)
		if c.total != "" {
			s += " " + c.total
		}
		return s + " }"
	}
	return "{ " + h.scalars(fr.item) + h.children(fr.item) + " }"
}

// children selects, with aliases, the scalars of the objects and lists an object's
// fields without arguments answer (not connections), for the concrete types of typ.
func (h *harness) children(typ string) string {
	var b strings.Builder
	for _, p := range h.gen.roles.possible(typ) {
		n := 0
		for _, f := range h.schema.Types[p].Fields {
			fd := h.schema.Types[f.Type.Name()]
			if len(f.Arguments) > 0 || fd == nil || n >= 12 || (f.Type.Elem != nil && f.Type.Elem.Elem != nil) {
				continue
			}
			if fd.Kind != ast.Object && fd.Kind != ast.Interface && fd.Kind != ast.Union {
				continue
			}
			if tr := h.gen.roles.typ(fd.Name); (tr != nil && tr.conn != nil) || len(h.gen.roles.possible(fd.Name)) > 6 {
				continue
			}
			fmt.Fprintf(&b, " ... on %s { c_%s_%s: %s { %s } }", p, p, f.Name, f.Name, h.scalars(fd.Name))
			n++
		}
	}
	return b.String()
}

// objects walks every object in v, calling fn with each map that has a __typename.
func objects(v any, fn func(map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x["__typename"]; ok {
			fn(x)
		}
		for _, c := range x {
			objects(c, fn)
		}
	case []any:
		for _, c := range x {
			objects(c, fn)
		}
	}
}

// collect records every entity in v and checks what holds for every object.
func (h *harness) collect(v any) {
	objects(v, func(m map[string]any) {
		typ, _ := m["__typename"].(string)
		tr := h.gen.roles.typ(typ)
		if tr == nil {
			return
		}
		h.checkObject(typ, tr, m)
		if tr.identity == "" {
			return
		}
		id := keyString(m[tr.identity])
		if id == "" {
			return
		}
		byID := h.entities[typ]
		if byID == nil {
			byID = map[string]map[string]any{}
			h.entities[typ] = byID
		}
		if prev, ok := byID[id]; ok {
			h.sameEntity("relisted", typ, id, prev, m)
			return
		}
		byID[id] = m
	})
}

// checkObject checks ordered pairs and that starts precede ends within one object.
func (h *harness) checkObject(typ string, tr *typeRole, m map[string]any) {
	for f, p := range tr.pairs {
		if !p.low {
			continue
		}
		a, aok := toFloat(m[f])
		b, bok := toFloat(m[p.other])
		if aok && bok {
			h.counts["ordered pairs"]++
			if a > b {
				h.errorf("%s: %s %v > %s %v", typ, f, m[f], p.other, m[p.other])
			}
		}
	}
	var starts, ends []string
	for f, v := range m {
		fd := tr.def.Fields.ForName(f)
		if fd == nil || fd.Type.Elem != nil || v == nil {
			continue
		}
		if h.gen.faker.TimeFormatOf(typ, f, h.schema.Types[fd.Type.Name()]) == fake.NotTime {
			continue
		}
		switch position(words(f)) {
		case posStart:
			starts = append(starts, f)
		case posEnd:
			ends = append(ends, f)
		}
	}
	for _, s := range starts {
		for _, e := range ends {
			if !sameStem(s, e) {
				continue
			}
			ts, ok1 := parseAny(m[s])
			te, ok2 := parseAny(m[e])
			if ok1 && ok2 {
				h.counts["start/end pairs"]++
				if te.Before(ts) {
					h.errorf("%s: %s %v is after %s %v", typ, s, m[s], e, m[e])
				}
			}
		}
	}
}

// sameStem reports whether two time fields belong together: validFrom/validTo, start/end.
func sameStem(a, b string) bool {
	strip := func(s string) string {
		var kept []string
		for _, w := range words(s) {
			if position([]string{w}) == posPoint && w != "date" && w != "at" && w != "time" && w != "dt" {
				kept = append(kept, w)
			}
		}
		return strings.Join(kept, " ")
	}
	return strip(a) == strip(b)
}

func parseAny(v any) (time.Time, bool) {
	switch x := v.(type) {
	case string:
		return parseTimeIn(x, time.UTC)
	case float64:
		return time.Unix(int64(x), 0), true
	}
	return time.Time{}, false
}

// sameEntity checks that two readings of one entity agree on every field both have.
func (h *harness) sameEntity(how, typ, id string, a, b map[string]any) {
	h.counts["entity re-reads ("+how+")"]++
	for k, va := range a {
		vb, ok := b[k]
		if !ok {
			continue
		}
		ja, _ := json.Marshal(va)
		jb, _ := json.Marshal(vb)
		if string(ja) != string(jb) {
			h.errorf("%s %s %s: %s reads %s, then %s", how, typ, id, k, ja, jb)
		}
	}
}

// rootFields lists the Query fields the walk covers, sorted.
func (h *harness) rootFields() []*ast.FieldDefinition {
	var out []*ast.FieldDefinition
	for _, f := range h.schema.Query.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		def := h.schema.Types[f.Type.Name()]
		if def == nil || def.Kind == ast.Scalar || def.Kind == ast.Enum || (f.Type.Elem != nil && f.Type.Elem.Elem != nil) {
			continue
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// walk queries every root field, pages every connection and checks lookups, node(id)
// and windows against what the lists answered.
func (h *harness) walk() {
	for _, f := range h.rootFields() {
		fr := h.gen.roles.field("Query", f)
		for _, k := range fr.keys {
			if len(fr.candidates) > 0 && !k.list {
				for _, v := range []string{"A-C90DC431", "1"} {
					h.env.Store.see(fr.candidates[0], v, nil, tenseNone, nil, Scope{})
				}
			}
		}
	}
	for _, f := range h.rootFields() {
		fr := h.gen.roles.field("Query", f)
		extra := map[string]string{}
		if fr.kind == connField && f.Arguments.ForName("first") != nil {
			extra["first"] = "100"
		}
		q := fmt.Sprintf("{ r: %s%s %s }", f.Name, h.requiredArgs(f, extra), h.selection(fr))
		data, errs := h.run(q)
		for _, e := range errs {
			if strings.Contains(e, "internal error") || strings.Contains(e, "Cannot return null") || strings.Contains(e, "Expected") {
				h.errorf("%s: %s", f.Name, e)
			}
		}
		h.counts["root fields"]++
		h.collect(data["r"])
		if fr.kind == connField && f.Arguments.ForName("first") != nil && f.Arguments.ForName("after") != nil {
			build := func(extra map[string]string, sel string) string {
				return fmt.Sprintf("{ r: %s%s %s }", f.Name, h.requiredArgs(f, extra), sel)
			}
			pick := func(data map[string]any) map[string]any { m, _ := data["r"].(map[string]any); return m }
			h.pageConnection(f.Name, fr.conn, fr.item, build, pick)
		} else if data["r"] != nil {
			h.nested(f, fr)
		}
		if fr.kind == listField && len(fr.keys) > 0 {
			h.listLookups(f, fr, data["r"])
		}
		if fr.window != nil {
			h.window(f, fr)
		}
	}
	h.lookups()
	h.nodes()
	h.everyNode()
}

// pageConnection pages a connection forwards and backwards by two and compares with the
// whole list; build renders the query for the connection's arguments and selection, pick
// finds the connection in an answer.
func (h *harness) pageConnection(label string, c *connRole, item string, build func(extra map[string]string, sel string) string, pick func(map[string]any) map[string]any) {
	sel := fmt.Sprintf("{ %s { %s %s { %s } } %s { hasNextPage hasPreviousPage startCursor endCursor } }", c.edges, c.cursor, c.node, h.scalars(item), c.pageInfo)
	get := func(extra map[string]string) (ids, cursors []string, info map[string]any) {
		data, errs := h.run(build(extra, sel))
		if len(errs) > 0 {
			h.errorf("%s%v: %v", label, extra, errs)
			return nil, nil, nil
		}
		conn := pick(data)
		if conn == nil {
			return nil, nil, nil
		}
		h.collect(conn)
		edges, _ := conn[c.edges].([]any)
		for _, e := range edges {
			em := e.(map[string]any)
			cur, _ := em[c.cursor].(string)
			cursors = append(cursors, cur)
			ids = append(ids, h.itemKey(em[c.node], cur))
		}
		info, _ = conn[c.pageInfo].(map[string]any)
		return ids, cursors, info
	}
	all, _, info := get(map[string]string{"first": "100"})
	if info == nil {
		return
	}
	h.counts["connections paged"]++
	// A list longer than a page (a window's readings) is compared at its ends: paging
	// from its start with its first page, from its end with its last.
	tail, long := all, info["hasNextPage"] == true
	if long {
		tail, _, _ = get(map[string]string{"last": "100"})
	}
	var fwd []string
	after := ""
	for i := 0; i < 60 && (!long || len(fwd) < len(all)); i++ {
		extra := map[string]string{"first": "2"}
		if after != "" {
			extra["after"] = strconv.Quote(after)
		}
		ids, cursors, info := get(extra)
		if info == nil {
			return
		}
		h.checkPageInfo(label, cursors, info)
		fwd = append(fwd, ids...)
		if info["hasNextPage"] != true {
			break
		}
		after, _ = info["endCursor"].(string)
	}
	h.sameList(label+" forwards", all, fwd)
	var back []string
	before := ""
	for i := 0; i < 60 && (!long || len(back) < len(tail)); i++ {
		extra := map[string]string{"last": "2"}
		if before != "" {
			extra["before"] = strconv.Quote(before)
		}
		ids, cursors, info := get(extra)
		if info == nil {
			return
		}
		h.checkPageInfo(label, cursors, info)
		back = append(append([]string{}, ids...), back...)
		if info["hasPreviousPage"] != true {
			break
		}
		before, _ = info["startCursor"].(string)
	}
	h.sameList(label+" backwards", tail, back)
	if one, _, _ := get(map[string]string{"first": "1"}); len(all) > 0 && len(one) != 1 {
		h.errorf("%s(first: 1) answered %d edges", label, len(one))
	}
	if one, _, _ := get(map[string]string{"last": "1"}); len(tail) > 0 && (len(one) != 1 || one[0] != tail[len(tail)-1]) {
		h.errorf("%s(last: 1) is not the last item", label)
	}
	limit := h.gen.pageLimit(label[strings.LastIndex(label, ".")+1:])
	if _, errs := h.run(build(map[string]string{"first": strconv.Itoa(limit + 1)}, sel)); len(errs) == 0 {
		h.errorf("%s(first: %d) was not refused", label, limit+1)
	}
	if _, errs := h.run(build(map[string]string{"first": strconv.Itoa(limit)}, sel)); len(errs) > 0 {
		h.errorf("%s(first: %d) was refused: %v", label, limit, errs)
	}
}

// itemKey names a connection's node: its type and identity, or its JSON and offset.
func (h *harness) itemKey(node any, cursor string) string {
	if m, ok := node.(map[string]any); ok {
		typ, _ := m["__typename"].(string)
		if tr := h.gen.roles.typ(typ); tr != nil && tr.identity != "" {
			if id := keyString(m[tr.identity]); id != "" {
				return typ + ":" + id
			}
		}
	}
	b, _ := json.Marshal(node)
	off, _ := CursorOffset(cursor)
	return string(b) + "@" + strconv.Itoa(off)
}

// nested pages the connections of the objects a root field answers.
func (h *harness) nested(f *ast.FieldDefinition, fr *fieldRole) {
	for _, typ := range fr.candidates {
		def := h.schema.Types[typ]
		for _, nf := range def.Fields {
			nr := h.gen.roles.field(typ, nf)
			if nr.kind != connField || nf.Arguments.ForName("first") == nil || nf.Arguments.ForName("after") == nil {
				continue
			}
			key := typ + "." + nf.Name
			if h.counts["nested: "+key] > 0 {
				continue
			}
			h.counts["nested: "+key] = 1
			rootArgs := h.requiredArgs(f, nil)
			build := func(extra map[string]string, sel string) string {
				return fmt.Sprintf("{ r: %s%s { __typename ... on %s { n: %s%s %s } } }", f.Name, rootArgs, typ, nf.Name, h.requiredArgs(nf, extra), sel)
			}
			pick := func(data map[string]any) map[string]any {
				var found map[string]any
				objects(data["r"], func(m map[string]any) {
					if n, ok := m["n"].(map[string]any); ok && found == nil {
						found = n
					}
				})
				return found
			}
			h.pageConnection(f.Name+"."+key, nr.conn, nr.item, build, pick)
		}
	}
}

func (h *harness) checkPageInfo(field string, cursors []string, info map[string]any) {
	if len(cursors) == 0 {
		if info["startCursor"] != nil || info["endCursor"] != nil {
			h.errorf("%s: an empty page has cursors %v", field, info)
		}
		return
	}
	if info["startCursor"] != cursors[0] || info["endCursor"] != cursors[len(cursors)-1] {
		h.errorf("%s: pageInfo %v does not match the edges' cursors %v", field, info, cursors)
	}
}

func (h *harness) sameList(what string, want, got []string) {
	seen := map[string]bool{}
	for _, g := range got {
		if seen[g] {
			h.errorf("%s: an item repeats", what)
			return
		}
		seen[g] = true
	}
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		h.errorf("%s: paging gave %d items, the whole list %d, or another order", what, len(got), len(want))
	}
}

// listLookups looks each item of a keyed list up by its key through the same field.
func (h *harness) listLookups(f *ast.FieldDefinition, fr *fieldRole, v any) {
	items, _ := v.([]any)
	for _, it := range items {
		m := it.(map[string]any)
		typ, _ := m["__typename"].(string)
		for _, k := range fr.keys {
			id := keyString(m[k.field])
			if id == "" || k.list {
				continue
			}
			data, errs := h.run(fmt.Sprintf("{ r: %s%s %s }", f.Name, h.requiredArgs(f, map[string]string{k.arg: keyLiteral(f, k.arg, id)}), h.selection(fr)))
			got, _ := data["r"].([]any)
			h.counts["list lookups"]++
			if len(errs) > 0 || len(got) != 1 {
				h.errorf("%s(%s: %q) answered %d items, errors %v", f.Name, k.arg, id, len(got), errs)
				continue
			}
			h.sameEntity("list lookup", typ, id, m, got[0].(map[string]any))
		}
	}
}

// lookups looks every entity seen up through every root field keyed by its identity.
func (h *harness) lookups() {
	for _, f := range h.rootFields() {
		fr := h.gen.roles.field("Query", f)
		if fr.kind != plainField {
			continue
		}
		for _, k := range fr.keys {
			if k.list {
				continue
			}
			for _, typ := range fr.candidates {
				tr := h.gen.roles.typ(typ)
				if tr == nil || tr.identity != k.field {
					continue
				}
				for id, m := range h.entities[typ] {
					if h.ambiguous(fr.candidates, typ, id) {
						continue
					}
					data, errs := h.run(fmt.Sprintf("{ r: %s%s %s }", f.Name, h.requiredArgs(f, map[string]string{k.arg: keyLiteral(f, k.arg, keyString(m[k.field]))}), h.selection(fr)))
					got, _ := data["r"].(map[string]any)
					h.counts["lookups"]++
					if got == nil {
						h.errorf("%s(%s: %q) found nothing: %v", f.Name, k.arg, id, errs)
						continue
					}
					if got["__typename"] != typ {
						h.errorf("%s(%s: %q) answered a %v, not the %s listed", f.Name, k.arg, id, got["__typename"], typ)
						continue
					}
					h.sameEntity("lookup", typ, id, m, got)
				}
			}
			data, _ := h.run(fmt.Sprintf("{ r: %s%s { __typename } }", f.Name, h.requiredArgs(f, map[string]string{k.arg: `"no-such-key-0"`})))
			h.counts["missing keys"]++
			if data["r"] != nil {
				h.errorf("%s(%s: \"no-such-key-0\") answered %v", f.Name, k.arg, data["r"])
			}
		}
	}
}

// ambiguous reports whether another candidate type also has the key id.
func (h *harness) ambiguous(types []string, typ, id string) bool {
	for _, t := range types {
		if t != typ && h.env.Store.Has(t, id) {
			return true
		}
	}
	return false
}

// nodes round-trips every Node entity seen through node(id:).
func (h *harness) nodes() {
	nf := h.schema.Query.Fields.ForName("node")
	if nf == nil {
		return
	}
	for typ, byID := range h.entities {
		tr := h.gen.roles.typ(typ)
		if tr == nil || !implementsNode(h.schema, tr.def) {
			continue
		}
		for id, m := range byID {
			gid := keyString(m["id"])
			if tr.nodeID != "" {
				gid = keyString(m[tr.nodeID])
			}
			if gid == "" {
				continue
			}
			data, errs := h.run(fmt.Sprintf(`{ r: node(id: %q) { %s } }`, gid, h.scalars("Node")))
			got, _ := data["r"].(map[string]any)
			h.counts["node round trips"]++
			if got == nil || got["__typename"] != typ {
				h.errorf("node(%q) of a %s answered %v %v", gid, typ, got, errs)
				continue
			}
			h.sameEntity("node", typ, id, m, got)
			h.nodeTypes(typ)
		}
	}
}

// everyNode round-trips a key of every type that implements Node through node(id:),
// once the session has been handed that key.
func (h *harness) everyNode() {
	if h.schema.Query.Fields.ForName("node") == nil || h.schema.Types["Node"] == nil {
		return
	}
	for _, p := range h.schema.GetPossibleTypes(h.schema.Types["Node"]) {
		tr := h.gen.roles.typ(p.Name)
		if tr == nil || tr.identity == "" {
			continue
		}
		raw := "424242"
		h.env.Store.see(p.Name, raw, nil, tenseNone, func() []alias { return []alias{{typ: p.Name, field: "id", value: raw}} }, Scope{})
		gid := GlobalID(p.Name, raw)
		data, errs := h.run(fmt.Sprintf(`{ r: node(id: %q) { __typename id } }`, gid))
		got, _ := data["r"].(map[string]any)
		h.counts["node types round-tripped"]++
		want := raw
		if tr.global {
			want = gid
		}
		if got == nil || got["__typename"] != p.Name || (tr.identity == "id" && got["id"] != want) {
			h.errorf("node(%q) answered %v %v, want a %s with id %s", gid, got, errs, p.Name, want)
		}
	}
}

func (h *harness) nodeTypes(typ string) {
	k := "node types: " + typ
	if h.counts[k] == 0 {
		h.counts["node types"]++
	}
	h.counts[k] = 1
}

// window asks a windowed field for one hour and checks every item's times lie in it.
func (h *harness) window(f *ast.FieldDefinition, fr *fieldRole) {
	w := fr.window
	if len(w.start) == 0 || len(w.end) == 0 {
		return
	}
	start, end := w.start[0], w.end[0]
	from, to := testNow.Add(-time.Hour), testNow
	lit := func(name string, t time.Time) string {
		a := f.Arguments.ForName(name)
		if a.Type.NamedType == "Date" {
			return strconv.Quote(t.Format(time.DateOnly))
		}
		return strconv.Quote(t.Format(time.RFC3339))
	}
	extra := map[string]string{start: lit(start, from), end: lit(end, to)}
	if w.step != "" {
		e := h.schema.Types[f.Arguments.ForName(w.step).Type.Name()]
		for _, v := range e.EnumValues {
			if st, ok := stepOf(v.Name); ok && st.months == 0 && st.days == 0 && st.d <= 30*time.Minute {
				extra[w.step] = v.Name
				break
			}
		}
	}
	if f.Arguments.ForName("first") != nil && fr.kind == connField {
		extra["first"] = "100"
	}
	data, errs := h.run(fmt.Sprintf("{ r: %s%s %s }", f.Name, h.requiredArgs(f, extra), h.selection(fr)))
	if len(errs) > 0 {
		return
	}
	h.counts["windows"]++
	if f.Arguments.ForName(start).Type.NamedType == "Date" {
		from, to = from.Truncate(24*time.Hour), to.Truncate(24*time.Hour).Add(24*time.Hour)
	}
	objects(data["r"], func(m map[string]any) {
		typ, _ := m["__typename"].(string)
		tr := h.gen.roles.typ(typ)
		if tr == nil || typ == fr.conn.nodeTypeOr() {
			return
		}
		for k, v := range m {
			fd := tr.def.Fields.ForName(k)
			if fd == nil || fd.Type.Elem != nil || h.gen.faker.TimeFormatOf(typ, k, h.schema.Types[fd.Type.Name()]) == fake.NotTime {
				continue
			}
			p := position(words(k))
			if p != posPoint && p != posStart && p != posEnd {
				continue
			}
			t, ok := parseAny(v)
			if !ok {
				continue
			}
			h.counts["windowed times"]++
			lo := from
			if s, ok := v.(string); ok && len(s) == len(time.DateOnly) {
				lo = from.Truncate(24 * time.Hour)
			}
			if t.Before(lo) || t.After(to.Add(24*time.Hour)) {
				h.errorf("%s window %s–%s: %s.%s is %v", f.Name, from, to, typ, k, v)
			}
		}
	})
}

func (c *connRole) nodeTypeOr() string {
	if c == nil {
		return ""
	}
	return c.edgeType
}

// CheckCoherence walks every root field of s and checks identity, lookups, node(id),
// paging, windows and ordered pairs, logging how many of each it checked.
func CheckCoherence(t *testing.T, name string, s *ast.Schema) {
	h := newHarness(t, name, s)
	h.walk()
	keys := make([]string, 0, len(h.counts))
	for k := range h.counts {
		if !strings.HasPrefix(k, "node types: ") && !strings.HasPrefix(k, "nested: ") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%s: %d", k, h.counts[k])
	}
	for _, k := range []string{"root fields", "connections paged", "lookups"} {
		if h.counts[k] == 0 {
			t.Errorf("%s: nothing checked for %q", name, k)
		}
	}
	if h.fails > 40 {
		t.Errorf("%s: %d failures in all", name, h.fails)
	}
}
