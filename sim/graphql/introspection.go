package graphql

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
)

// nonSpecLocation is the directive location gqlparser's prelude adds after graphql-js
// (@deprecated on a directive's definition) that the GraphQL specification and Kraken's
// graphene do not have: graphql-core's build_client_schema rejects an answer naming it.
const nonSpecLocation = ast.LocationDirectiveDefinition

// introspection answers the __schema, __type and __-typed fields of one schema.
// Its values are Go values (*introType, *introInput, gqlparser definitions) that the
// executor shapes by the selection set like any other source.
type introspection struct {
	schema     *ast.Schema
	named      map[string]*introType
	types      []any
	directives []any
	possible   map[string][]any
	// emptyDesc holds where an element with an empty description ("" or """""") starts,
	// so introspection answers "" there and null where there is no description at all.
	emptyDesc map[descPos]bool
}

// descPos is where an SDL element starts: its source, line and column.
type descPos struct {
	src       string
	line, col int
}

// introType is a __Type: a named definition, or a LIST/NON_NULL wrapper of another.
type introType struct {
	kind string
	def  *ast.Definition
	of   *introType
}

// introInput is an __InputValue: an argument or an input object field.
type introInput struct {
	name string
	desc string
	pos  *ast.Position
	typ  *ast.Type
	def  *ast.Value
	dirs ast.DirectiveList
}

// specifiedOrder ranks the specified directives as graphql-core lists them, before
// the schema's own (by name); a higher rank comes first.
var specifiedOrder = map[string]int{"include": 5, "skip": 4, "deprecated": 3, "specifiedBy": 2, "oneOf": 1}

// hiddenDirectives are declared by gqlparser's prelude but not served by this executor.
var hiddenDirectives = map[string]bool{"defer": true}

func (in *introspection) init(s *ast.Schema) {
	in.schema = s
	in.emptyDesc = emptyDescriptions(s)
	in.named = make(map[string]*introType, len(s.Types))
	names := make([]string, 0, len(s.Types))
	for name, def := range s.Types {
		in.named[name] = &introType{kind: string(def.Kind), def: def}
		names = append(names, name)
	}
	sort.Strings(names)
	in.types = make([]any, len(names))
	for i, n := range names {
		in.types[i] = in.named[n]
	}
	dnames := make([]string, 0, len(s.Directives))
	for name := range s.Directives {
		if !hiddenDirectives[name] {
			dnames = append(dnames, name)
		}
	}
	sort.Slice(dnames, func(i, j int) bool {
		a, b := specifiedOrder[dnames[i]], specifiedOrder[dnames[j]]
		if a != b {
			return a > b
		}
		return dnames[i] < dnames[j]
	})
	for _, n := range dnames {
		in.directives = append(in.directives, s.Directives[n])
	}
	in.possible = map[string][]any{}
	for name, def := range s.Types {
		switch def.Kind {
		case ast.Union:
			list := make([]any, 0, len(def.Types))
			for _, t := range def.Types {
				if it := in.named[t]; it != nil {
					list = append(list, it)
				}
			}
			in.possible[name] = list
		case ast.Interface:
			defs := possibleObjects(s, def)
			sort.Slice(defs, func(i, j int) bool { return defs[i].Name < defs[j].Name })
			list := make([]any, 0, len(defs))
			for _, d := range defs {
				list = append(list, in.named[d.Name])
			}
			in.possible[name] = list
		}
	}
}

func (in *introspection) ref(t *ast.Type) *introType {
	if t == nil {
		return nil
	}
	var inner *introType
	if t.Elem != nil {
		inner = &introType{kind: "LIST", of: in.ref(t.Elem)}
	} else {
		inner = in.named[t.NamedType]
	}
	if t.NonNull && inner != nil {
		return &introType{kind: "NON_NULL", of: inner}
	}
	return inner
}

// typeValue converts a possibly nil *introType to a value, keeping nil untyped.
func typeValue(t *introType) any {
	if t == nil {
		return nil
	}
	return t
}

// possibleObjects are the object types of an abstract type: gqlparser's possible types
// of an interface also hold the interfaces that implement it, which are never a
// value's type (nor, in introspection, one of its possibleTypes).
func possibleObjects(s *ast.Schema, def *ast.Definition) []*ast.Definition {
	var out []*ast.Definition
	for _, p := range s.GetPossibleTypes(def) {
		if p.Kind == ast.Object {
			out = append(out, p)
		}
	}
	return out
}

// emptyDescriptions finds, in the sources of s, the elements preceded by an empty
// description: gqlparser keeps a description as a string, so "" and no description read
// alike, and the source tells them apart (an empty default value, `= ""`, is none). An element starts at the token after its
// description (a field's name, a type's keyword).
func emptyDescriptions(s *ast.Schema) map[descPos]bool {
	out := map[descPos]bool{}
	seen := map[*ast.Source]bool{}
	for _, def := range s.Types {
		if def.Position == nil || def.Position.Src == nil {
			continue
		}
		src := def.Position.Src
		if seen[src] || src.BuiltIn {
			continue
		}
		seen[src] = true
		if !strings.Contains(src.Input, `""`) {
			continue
		}
		lex := lexer.New(src)
		pending := 0 // tokens left to mark after an empty description
		prev := lexer.EOF
		for {
			tok, err := lex.ReadToken()
			if err != nil || tok.Kind == lexer.EOF {
				break
			}
			after := prev
			prev = tok.Kind
			if (tok.Kind == lexer.String || tok.Kind == lexer.BlockString) && tok.Value == "" && !valueBefore[after] {
				pending = 1
				continue
			}
			if pending > 0 {
				out[descPos{src.Name, tok.Pos.Line, tok.Pos.Column}] = true
				pending--
				if tok.Kind == lexer.Name && definitionKeywords[tok.Value] && pending == 0 {
					pending = 2 // a definition starts at its name (directive: "@" and name)
				}
			}
		}
	}
	return out
}

// valueBefore are the tokens after which a string is a value (a default, a directive's
// argument, a list's item), not the next element's description.
var valueBefore = map[lexer.Type]bool{
	lexer.Equals: true, lexer.Colon: true, lexer.BracketL: true, lexer.String: true, lexer.BlockString: true,
}

// definitionKeywords start the type-system definitions whose position is their name.
var definitionKeywords = map[string]bool{
	"type": true, "interface": true, "union": true, "enum": true, "input": true, "scalar": true, "directive": true, "schema": true,
}

// description is an element's description for introspection: null when it has none,
// "" when its description is empty.
func (in *introspection) description(desc string, pos *ast.Position) any {
	if desc == "" && pos != nil && pos.Src != nil && in.emptyDesc[descPos{pos.Src.Name, pos.Line, pos.Column}] {
		return ""
	}
	return nilIfEmpty(desc)
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func deprecation(dirs ast.DirectiveList) (bool, any) {
	d := dirs.ForName("deprecated")
	if d == nil {
		return false, nil
	}
	a := d.Arguments.ForName("reason")
	if a == nil || a.Value == nil {
		return true, "No longer supported"
	}
	if a.Value.Kind == ast.NullValue {
		return true, nil
	}
	return true, a.Value.Raw
}

func includeDeprecated(args map[string]any) bool {
	b, _ := args["includeDeprecated"].(bool)
	return b
}

func inputsOf(args ast.ArgumentDefinitionList, withDeprecated bool) []any {
	out := make([]any, 0, len(args))
	for _, a := range args {
		if !withDeprecated && a.Directives.ForName("deprecated") != nil {
			continue
		}
		out = append(out, &introInput{name: a.Name, desc: a.Description, pos: a.Position, typ: a.Type, def: a.DefaultValue, dirs: a.Directives})
	}
	return out
}

// resolve answers one introspection field of parent for source.
func (in *introspection) resolve(parent, field string, source any, args map[string]any) (any, error) {
	switch parent {
	case "__Schema":
		return in.schemaField(field)
	case "__Type":
		t, ok := source.(*introType)
		if !ok || t == nil {
			return nil, fmt.Errorf("introspection: bad __Type source %T", source)
		}
		return in.typeField(t, field, args)
	case "__Field":
		f, ok := source.(*ast.FieldDefinition)
		if !ok {
			return nil, fmt.Errorf("introspection: bad __Field source %T", source)
		}
		switch field {
		case "name":
			return f.Name, nil
		case "description":
			return in.description(f.Description, f.Position), nil
		case "args":
			return inputsOf(f.Arguments, includeDeprecated(args)), nil
		case "type":
			return typeValue(in.ref(f.Type)), nil
		case "isDeprecated":
			d, _ := deprecation(f.Directives)
			return d, nil
		case "deprecationReason":
			_, r := deprecation(f.Directives)
			return r, nil
		}
	case "__InputValue":
		v, ok := source.(*introInput)
		if !ok {
			return nil, fmt.Errorf("introspection: bad __InputValue source %T", source)
		}
		switch field {
		case "name":
			return v.name, nil
		case "description":
			return in.description(v.desc, v.pos), nil
		case "type":
			return typeValue(in.ref(v.typ)), nil
		case "defaultValue":
			if v.def == nil {
				return nil, nil
			}
			return v.def.String(), nil
		case "isDeprecated":
			d, _ := deprecation(v.dirs)
			return d, nil
		case "deprecationReason":
			_, r := deprecation(v.dirs)
			return r, nil
		}
	case "__EnumValue":
		v, ok := source.(*ast.EnumValueDefinition)
		if !ok {
			return nil, fmt.Errorf("introspection: bad __EnumValue source %T", source)
		}
		switch field {
		case "name":
			return v.Name, nil
		case "description":
			return in.description(v.Description, v.Position), nil
		case "isDeprecated":
			d, _ := deprecation(v.Directives)
			return d, nil
		case "deprecationReason":
			_, r := deprecation(v.Directives)
			return r, nil
		}
	case "__Directive":
		d, ok := source.(*ast.DirectiveDefinition)
		if !ok {
			return nil, fmt.Errorf("introspection: bad __Directive source %T", source)
		}
		switch field {
		case "name":
			return d.Name, nil
		case "description":
			return in.description(d.Description, d.Position), nil
		case "isRepeatable":
			return d.IsRepeatable, nil
		case "locations":
			out := make([]any, 0, len(d.Locations))
			for _, l := range d.Locations {
				if l != nonSpecLocation {
					out = append(out, string(l))
				}
			}
			return out, nil
		case "args":
			return inputsOf(d.Arguments, includeDeprecated(args)), nil
		}
	default:
		switch field {
		case "__schema":
			return in.schema, nil
		case "__type":
			name, _ := args["name"].(string)
			return typeValue(in.named[name]), nil
		}
	}
	return nil, fmt.Errorf("introspection: unknown field %s.%s", parent, field)
}

func (in *introspection) schemaField(field string) (any, error) {
	s := in.schema
	named := func(d *ast.Definition) any {
		if d == nil {
			return nil
		}
		return typeValue(in.named[d.Name])
	}
	switch field {
	case "description":
		return nilIfEmpty(s.Description), nil
	case "types":
		return in.types, nil
	case "queryType":
		return named(s.Query), nil
	case "mutationType":
		return named(s.Mutation), nil
	case "subscriptionType":
		return named(s.Subscription), nil
	case "directives":
		return in.directives, nil
	}
	return nil, fmt.Errorf("introspection: unknown field __Schema.%s", field)
}

func (in *introspection) typeField(t *introType, field string, args map[string]any) (any, error) {
	def := t.def
	switch field {
	case "kind":
		return t.kind, nil
	case "ofType":
		return typeValue(t.of), nil
	}
	if def == nil {
		switch field {
		case "name", "description", "specifiedByURL", "fields", "interfaces", "possibleTypes",
			"enumValues", "inputFields", "isOneOf":
			return nil, nil
		}
		return nil, fmt.Errorf("introspection: unknown field __Type.%s", field)
	}
	switch field {
	case "name":
		return def.Name, nil
	case "description":
		return in.description(def.Description, def.Position), nil
	case "specifiedByURL":
		if def.Kind != ast.Scalar {
			return nil, nil
		}
		if d := def.Directives.ForName("specifiedBy"); d != nil {
			if a := d.Arguments.ForName("url"); a != nil && a.Value != nil {
				return a.Value.Raw, nil
			}
		}
		return nil, nil
	case "fields":
		if def.Kind != ast.Object && def.Kind != ast.Interface {
			return nil, nil
		}
		withDep := includeDeprecated(args)
		out := make([]any, 0, len(def.Fields))
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if !withDep && f.Directives.ForName("deprecated") != nil {
				continue
			}
			out = append(out, f)
		}
		return out, nil
	case "interfaces":
		if def.Kind != ast.Object && def.Kind != ast.Interface {
			return nil, nil
		}
		out := make([]any, 0, len(def.Interfaces))
		for _, n := range def.Interfaces {
			if it := in.named[n]; it != nil {
				out = append(out, it)
			}
		}
		return out, nil
	case "possibleTypes":
		if !def.IsAbstractType() {
			return nil, nil
		}
		if p := in.possible[def.Name]; p != nil {
			return p, nil
		}
		return []any{}, nil
	case "enumValues":
		if def.Kind != ast.Enum {
			return nil, nil
		}
		withDep := includeDeprecated(args)
		out := make([]any, 0, len(def.EnumValues))
		for _, v := range def.EnumValues {
			if !withDep && v.Directives.ForName("deprecated") != nil || def.Name == "__DirectiveLocation" && v.Name == string(nonSpecLocation) {
				continue
			}
			out = append(out, v)
		}
		return out, nil
	case "inputFields":
		if def.Kind != ast.InputObject {
			return nil, nil
		}
		withDep := includeDeprecated(args)
		out := make([]any, 0, len(def.Fields))
		for _, f := range def.Fields {
			if !withDep && f.Directives.ForName("deprecated") != nil {
				continue
			}
			out = append(out, &introInput{name: f.Name, desc: f.Description, pos: f.Position, typ: f.Type, def: f.DefaultValue, dirs: f.Directives})
		}
		return out, nil
	case "isOneOf":
		if def.Kind != ast.InputObject {
			return nil, nil
		}
		return def.Directives.ForName("oneOf") != nil, nil
	}
	return nil, fmt.Errorf("introspection: unknown field __Type.%s", field)
}
