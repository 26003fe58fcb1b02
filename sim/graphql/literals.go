package graphql

import (
	"math"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	//nolint:staticcheck // gqlparser's rules are written against core's dot import.
	. "github.com/vektah/gqlparser/v2/validator/core"
)

// valuesOfCorrectTypeRule replaces gqlparser's ValuesOfCorrectType with graphql-core
// 3.2's: each literal is parsed as its scalar or enum parses it during validation, so
// an Int beyond 32 bits, a Date that is no day or a UUID that is none makes the document
// invalid (nothing of it runs), with the scalar's own message at the literal. gqlparser
// checks only a literal's kind and skips custom scalars. Its messages are worded as
// graphql-core words them already.
var valuesOfCorrectTypeRule = Rule{Name: "ValuesOfCorrectType", RuleFunc: func(observers *Events, addError AddErrFunc) {
	observers.OnValue(func(_ *Walker, value *ast.Value) {
		if value.Definition == nil || value.ExpectedType == nil {
			return
		}
		report := func(msg string, at *ast.Position) { addError(Message("%s", msg), At(at)) }
		switch value.Kind {
		case ast.Variable:
		case ast.NullValue:
			if value.ExpectedType.NonNull {
				report("Expected value of type '"+value.ExpectedType.String()+"', found null.", value.Position)
			}
		case ast.ListValue:
			if value.ExpectedType.Elem != nil {
				return
			}
			if msg := literalProblem(value); msg != "" { // its items are not walked as items
				report(msg, value.Position)
			}
		case ast.ObjectValue:
			def := value.Definition
			if def.Kind != ast.InputObject {
				if msg := literalProblem(value); msg != "" {
					report(msg, value.Position)
				}
				return
			}
			for _, f := range def.Fields {
				if f.Type.NonNull && f.DefaultValue == nil && value.Children.ForName(f.Name) == nil {
					report("Field '"+def.Name+"."+f.Name+"' of required type '"+f.Type.String()+"' was not provided.", value.Position)
				}
			}
			for _, ch := range value.Children {
				if def.Fields.ForName(ch.Name) == nil {
					report("Field '"+ch.Name+"' is not defined by type '"+def.Name+"'."+didYouMean("", ch.Name, fieldNames(def)), ch.Position)
				}
			}
			if def.Directives.ForName("oneOf") != nil {
				switch {
				case len(value.Children) != 1:
					report("OneOf Input Object '"+def.Name+"' must specify exactly one key.", value.Position)
				case value.Children[0].Value == nil || value.Children[0].Value.Kind == ast.NullValue:
					report("Field '"+def.Name+"."+value.Children[0].Name+"' must be non-null.", value.Position)
				}
			}
		default:
			if msg := literalProblem(value); msg != "" {
				report(msg, value.Position)
			}
		}
	})
}}

// literalProblem is why the literal value is none of its expected type, as that type's
// parse_literal says it in graphql-core (graphene's for its scalars), or "".
func literalProblem(value *ast.Value) string {
	def, typ := value.Definition, value.ExpectedType
	switch def.Kind {
	case ast.Enum:
		if value.Kind != ast.EnumValue {
			return "Enum '" + def.Name + "' cannot represent non-enum value: " + printLiteral(value) + "." + didYouMean("the enum value ", printLiteral(value), enumNames(def))
		}
		if def.EnumValues.ForName(value.Raw) == nil {
			return "Value '" + printLiteral(value) + "' does not exist in '" + def.Name + "' enum." + didYouMean("the enum value ", printLiteral(value), enumNames(def))
		}
		return ""
	case ast.Scalar:
	default:
		return "Expected value of type '" + typ.String() + "', found " + printLiteral(value) + "."
	}
	isString := value.Kind == ast.StringValue || value.Kind == ast.BlockValue
	switch def.Name {
	case "Int":
		if value.Kind != ast.IntValue {
			return "Int cannot represent non-integer value: " + printLiteral(value)
		}
		if n, err := strconv.ParseInt(value.Raw, 10, 64); err != nil || n > math.MaxInt32 || n < math.MinInt32 {
			return "Int cannot represent non 32-bit signed integer value: " + printLiteral(value)
		}
	case "Float":
		if value.Kind != ast.IntValue && value.Kind != ast.FloatValue {
			return "Float cannot represent non numeric value: " + printLiteral(value)
		}
	case "String":
		if !isString {
			return "String cannot represent a non string value: " + printLiteral(value)
		}
	case "Boolean":
		if value.Kind != ast.BooleanValue {
			return "Boolean cannot represent a non boolean value: " + printLiteral(value)
		}
	case "ID":
		if !isString && value.Kind != ast.IntValue {
			return "ID cannot represent a non-string and non-integer value: " + printLiteral(value)
		}
	default:
		if stringScalars[def.Name] && !isString {
			return def.Name + " cannot represent non-string value: " + printLiteral(value)
		}
		if _, known := knownScalars[def.Name]; known && !hasVariable(value) {
			return checkKnownScalar(def.Name, customLiteral(value, nil))
		}
	}
	return ""
}

// hasVariable reports whether a literal holds a variable, whose value is checked when
// the variables are coerced.
func hasVariable(v *ast.Value) bool {
	if v == nil {
		return false
	}
	if v.Kind == ast.Variable {
		return true
	}
	for _, ch := range v.Children {
		if hasVariable(ch.Value) {
			return true
		}
	}
	return false
}

// printLiteral prints a literal as graphql-core's print_ast does: [1, 2], {a: 1}.
func printLiteral(v *ast.Value) string {
	switch v.Kind {
	case ast.ListValue, ast.ObjectValue:
	default:
		return v.String()
	}
	var b strings.Builder
	var walk func(v *ast.Value)
	walk = func(v *ast.Value) {
		switch v.Kind {
		case ast.ListValue:
			b.WriteByte('[')
			for i, ch := range v.Children {
				if i > 0 {
					b.WriteString(", ")
				}
				walk(ch.Value)
			}
			b.WriteByte(']')
		case ast.ObjectValue:
			b.WriteByte('{')
			for i, ch := range v.Children {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(ch.Name)
				b.WriteString(": ")
				walk(ch.Value)
			}
			b.WriteByte('}')
		default:
			b.WriteString(v.String())
		}
	}
	walk(v)
	return b.String()
}
