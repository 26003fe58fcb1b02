package world

import (
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/sim/graphql"
)

// A deprecated field whose reason names its successor ("Use 'givenName' instead.")
// answers what the successor answers: firstName is the user's given name, not another.

var successorReason = lazyre.New("(?i)\\buse\\s+(?:the\\s+)?[`'\"]?([A-Za-z_][A-Za-z0-9_]*)[`'\"]?(?:\\s+field)?\\s+instead\\b")

// successor is the sibling of def's deprecated leaf fd that its deprecation reason says
// to use instead, when the sibling answers the same value: it takes no argument and has
// fd's type, or an enum or ID where fd is a String, and is not deprecated itself; ""
// when there is none.
func successor(s *ast.Schema, def *ast.Definition, fd *ast.FieldDefinition) string {
	dep := fd.Directives.ForName("deprecated")
	if dep == nil || fd.Type.Elem != nil {
		return ""
	}
	reason := dep.Arguments.ForName("reason")
	if reason == nil || reason.Value == nil {
		return ""
	}
	m := successorReason().FindStringSubmatch(reason.Value.Raw)
	if m == nil || m[1] == fd.Name {
		return ""
	}
	other := def.Fields.ForName(m[1])
	if other == nil || other.Type.Elem != nil || len(other.Arguments) > 0 || other.Directives.ForName("deprecated") != nil {
		return ""
	}
	if unitOf(fd.Name) != unitOf(other.Name) {
		return "" // rssiPercentage is not rssi in dBm
	}
	mine, theirs := fd.Type.Name(), other.Type.Name()
	if t := s.Types[theirs]; mine == theirs || mine == "String" && (theirs == "ID" || t != nil && t.Kind == ast.Enum) {
		return other.Name
	}
	return ""
}

// replacedBy is the sibling of def's deprecated field fd that its deprecation reason
// names as its replacement, whatever its type; nil for none.
func replacedBy(def *ast.Definition, fd *ast.FieldDefinition) *ast.FieldDefinition {
	dep := fd.Directives.ForName("deprecated")
	if dep == nil {
		return nil
	}
	reason := dep.Arguments.ForName("reason")
	if reason == nil || reason.Value == nil {
		return nil
	}
	m := successorReason().FindStringSubmatch(reason.Value.Raw)
	if m == nil {
		m = replacedReason().FindStringSubmatch(reason.Value.Raw)
	}
	if m == nil || m[1] == fd.Name {
		return nil
	}
	return def.Fields.ForName(m[1])
}

// replacedReason finds the field a deprecation reason says has replaced the deprecated
// one ("`delta` has replaced `deltaKwh`").
var replacedReason = lazyre.New("(?i)[`'\"]([A-Za-z_][A-Za-z0-9_]*)[`'\"]\\s+(?:has\\s+)?replaced\\b")

// unitOf is the unit a field's name states, "" when it states none.
func unitOf(name string) string {
	for _, w := range words(name) {
		switch w {
		case "percentage", "percent", "pence", "cents", "seconds", "minutes", "hours", "days", "kwh", "wh", "kw", "w":
			return w
		}
	}
	return ""
}

// successorValue is what the successor field other of f's object answers: the object's
// own value when it states one, else the world's, else the Faker's, drawn as the
// executor draws them for that field.
func (g *Generator) successorValue(env *Env, f *graphql.Field, other string, source map[string]any) any {
	if v, ok := source[other]; ok {
		return v
	}
	def := g.schema.Types[f.ParentType]
	od := def.Fields.ForName(other)
	named := g.schema.Types[od.Type.Name()]
	sf := *f
	sf.Name, sf.Alias, sf.Definition, sf.Args = other, "", od, nil
	sf.Key = graphql.FieldKey(f.ParentKey, other, "")
	if v, ok, err := g.leaf(env, &sf, named); ok && err == nil {
		return v
	}
	return g.faker.Leaf(sf.Key, f.ParentType, other, named)
}

// RootSuccessor is the root field of root (Query or Mutation) that the deprecation
// reason of its deprecated field fd names as its successor ("Use
// `getNextPaymentScheduleAvailableDate` instead."), when the successor answers fd's
// question: it is not deprecated, takes every argument of fd with the same type (and
// needs no other), and answers fd's type, or an ID, enum or custom scalar where fd
// answers a String; nil when there is none.
func RootSuccessor(s *ast.Schema, root *ast.Definition, fd *ast.FieldDefinition) *ast.FieldDefinition {
	if root == nil || fd == nil {
		return nil
	}
	other := replacedBy(root, fd)
	if other == nil || other.Directives.ForName("deprecated") != nil {
		return nil
	}
	for _, a := range fd.Arguments {
		if oa := other.Arguments.ForName(a.Name); oa == nil || oa.Type.String() != a.Type.String() {
			return nil
		}
	}
	for _, oa := range other.Arguments {
		if oa.Type.NonNull && oa.DefaultValue == nil && fd.Arguments.ForName(oa.Name) == nil {
			return nil
		}
	}
	mine, theirs := fd.Type, other.Type
	for mine.Elem != nil && theirs.Elem != nil {
		mine, theirs = mine.Elem, theirs.Elem
	}
	if mine.Elem != nil || theirs.Elem != nil {
		return nil // one answers a list, the other one thing
	}
	if mine.NamedType == theirs.NamedType {
		return other
	}
	t := s.Types[theirs.NamedType]
	if mine.NamedType == "String" && t != nil && (t.Kind == ast.Enum || t.Kind == ast.Scalar && !t.BuiltIn || theirs.NamedType == "ID") {
		return other
	}
	return nil
}
