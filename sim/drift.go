package sim

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/journal"
)

// removalDate finds the removal date in a deprecation reason: Kraken writes "Scheduled
// for removal on or after 2025-08-01" or "Will be removed on 2025-08-01".
var removalDate = lazyre.New(`(?i)remov(?:al|ed)\b\D{0,40}?(\d{4}-\d{2}-\d{2})`)

// RemovalDate returns the YYYY-MM-DD removal date a deprecation reason gives, or "".
func RemovalDate(reason string) string {
	if m := removalDate().FindStringSubmatch(reason); m != nil {
		return m[1]
	}
	return ""
}

// WarningCodeDeprecated is the code of an extensions.warnings entry about a
// deprecated field or argument.
const WarningCodeDeprecated = "DEPRECATED"

// analyze reads what an operation selects: its type, its root fields, and the
// deprecated fields and arguments anywhere in it. Documents that do not validate
// give nothing.
func (e *Endpoint) analyze(prog *graphql.Program, req *graphql.Request) (opType, opName string, fields []journal.Field, deps []journal.Deprecation) {
	if prog == nil || prog.Doc == nil {
		return "", req.OperationName, nil, nil
	}
	op, err := prog.Operation(req.OperationName)
	if err != nil {
		return "", req.OperationName, nil, nil
	}
	w := walker{}
	if e.deprecatedInputs {
		w.schema = e.exec.Schema()
	}
	walkRoots(op.SelectionSet, nil, w.root)
	w.walk(op.SelectionSet)
	for _, vd := range op.VariableDefinitions {
		if v, ok := req.Variables[vd.Variable]; ok && vd.Type != nil && w.schema != nil {
			w.input(vd.Type, v, 0)
		}
	}
	return string(op.Operation), op.Name, w.fields, w.deps
}

// maxInputDepth bounds the walk of a variable's value.
const maxInputDepth = 32

type walker struct {
	schema    *ast.Schema
	fields    []journal.Field
	deps      []journal.Deprecation
	fragments map[string]bool
	// seenFields and seenDeps index fields and deps once they outgrow a scan.
	seenFields map[rootName]struct{}
	seenDeps   map[string]struct{}
}

// rootName is a root field's name and alias, the key that makes it distinct.
type rootName struct{ name, alias string }

// scanLimit is how many entries a walker scans before it indexes them.
const scanLimit = 16

// input finds deprecated input fields and enum values in a variable's JSON value.
func (w *walker) input(t *ast.Type, v any, depth int) {
	if t == nil || depth > maxInputDepth || w.schema == nil {
		return
	}
	if t.Elem != nil {
		if list, ok := v.([]any); ok {
			for _, item := range list {
				w.input(t.Elem, item, depth+1)
			}
			return
		}
		w.input(t.Elem, v, depth+1) // a single value coerces to a list
		return
	}
	def := w.schema.Types[t.NamedType]
	if def == nil {
		return
	}
	switch def.Kind {
	case ast.InputObject:
		obj, _ := v.(map[string]any)
		for _, name := range slices.Sorted(maps.Keys(obj)) { // in a stable order
			fv := obj[name]
			if fd := def.Fields.ForName(name); fd != nil {
				if d := fd.Directives.ForName("deprecated"); d != nil {
					w.add(def.Name+"."+name, d)
				}
				w.input(fd.Type, fv, depth+1)
			}
		}
	case ast.Enum:
		if s, ok := v.(string); ok {
			w.enumValue(def, s)
		}
	}
}

func (w *walker) enumValue(def *ast.Definition, name string) {
	if ev := def.EnumValues.ForName(name); ev != nil {
		if d := ev.Directives.ForName("deprecated"); d != nil {
			w.add(def.Name+"."+name, d)
		}
	}
}

// literal finds deprecated input fields and enum values written in the document.
func (w *walker) literal(v *ast.Value, depth int) {
	if v == nil || depth > maxInputDepth {
		return
	}
	switch v.Kind {
	case ast.EnumValue:
		if v.Definition != nil {
			w.enumValue(v.Definition, v.Raw)
		}
	case ast.ObjectValue:
		for _, c := range v.Children {
			if v.Definition != nil {
				if fd := v.Definition.Fields.ForName(c.Name); fd != nil {
					if d := fd.Directives.ForName("deprecated"); d != nil {
						w.add(v.Definition.Name+"."+c.Name, d)
					}
				}
			}
			w.literal(c.Value, depth+1)
		}
	case ast.ListValue:
		for _, c := range v.Children {
			w.literal(c.Value, depth+1)
		}
	}
}

// root adds a root field to the operation's, once for each name and alias.
func (w *walker) root(f *ast.Field) {
	if strings.HasPrefix(f.Name, "__") {
		return
	}
	alias := f.Alias
	if alias == f.Name {
		alias = ""
	}
	key := rootName{f.Name, alias}
	if w.seenFields != nil {
		if _, ok := w.seenFields[key]; ok {
			return
		}
		w.seenFields[key] = struct{}{}
	} else {
		for _, have := range w.fields {
			if have.Name == key.name && have.Alias == key.alias {
				return
			}
		}
		if len(w.fields) == scanLimit {
			w.seenFields = make(map[rootName]struct{}, 2*scanLimit)
			for _, have := range w.fields {
				w.seenFields[rootName{have.Name, have.Alias}] = struct{}{}
			}
			w.seenFields[key] = struct{}{}
		}
	}
	w.fields = append(w.fields, journal.Field{Name: f.Name, Alias: alias})
}

func (w *walker) walk(set ast.SelectionSet) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			w.field(s)
			w.walk(s.SelectionSet)
		case *ast.InlineFragment:
			w.walk(s.SelectionSet)
		case *ast.FragmentSpread:
			if s.Definition == nil || w.fragments[s.Name] {
				continue
			}
			if w.fragments == nil {
				w.fragments = map[string]bool{}
			}
			w.fragments[s.Name] = true
			w.walk(s.Definition.SelectionSet)
		}
	}
}

func (w *walker) field(f *ast.Field) {
	def := f.Definition
	if def == nil {
		return
	}
	parent := ""
	if f.ObjectDefinition != nil {
		parent = f.ObjectDefinition.Name
	}
	if d := def.Directives.ForName("deprecated"); d != nil {
		w.add(parent+"."+def.Name, d)
	}
	for _, a := range f.Arguments {
		if w.schema != nil {
			w.literal(a.Value, 0)
		}
		ad := def.Arguments.ForName(a.Name)
		if ad == nil {
			continue
		}
		if d := ad.Directives.ForName("deprecated"); d != nil {
			w.add(fmt.Sprintf("%s.%s(%s:)", parent, def.Name, a.Name), d)
		}
	}
}

func (w *walker) add(coord string, d *ast.Directive) {
	if w.seenDeps != nil {
		if _, ok := w.seenDeps[coord]; ok {
			return
		}
		w.seenDeps[coord] = struct{}{}
	} else {
		for _, have := range w.deps {
			if have.Coordinate == coord {
				return
			}
		}
		if len(w.deps) == scanLimit {
			w.seenDeps = make(map[string]struct{}, 2*scanLimit)
			for _, have := range w.deps {
				w.seenDeps[have.Coordinate] = struct{}{}
			}
			w.seenDeps[coord] = struct{}{}
		}
	}
	reason := "No longer supported"
	if a := d.Arguments.ForName("reason"); a != nil && a.Value != nil {
		reason = a.Value.Raw
	}
	w.deps = append(w.deps, journal.Deprecation{Coordinate: coord, RemovalDate: RemovalDate(reason), Reason: reason})
}

// WarningText is the Warning header and warning message for a deprecation.
func WarningText(d journal.Deprecation) string {
	if d.RemovalDate != "" {
		return fmt.Sprintf("%s is deprecated and will be removed on %s", d.Coordinate, d.RemovalDate)
	}
	return d.Coordinate + " is deprecated"
}

// deprecationWarnings are the extensions.warnings entries for deps.
func deprecationWarnings(deps []journal.Deprecation) []any {
	out := make([]any, len(deps))
	for i, d := range deps {
		w := map[string]any{"code": WarningCodeDeprecated, "message": WarningText(d) + ".", "coordinate": d.Coordinate, "reason": d.Reason}
		if d.RemovalDate != "" {
			w["removalDate"] = d.RemovalDate
		}
		out[i] = w
	}
	return out
}

// hasDeprecatedInputs reports whether a schema deprecates any input field or enum
// value, so that requests to schemas without any skip looking for them.
func hasDeprecatedInputs(s *ast.Schema) bool {
	for _, def := range s.Types {
		switch def.Kind {
		case ast.InputObject:
			for _, f := range def.Fields {
				if f.Directives.ForName("deprecated") != nil {
					return true
				}
			}
		case ast.Enum:
			for _, v := range def.EnumValues {
				if v.Directives.ForName("deprecated") != nil {
					return true
				}
			}
		}
	}
	return false
}
