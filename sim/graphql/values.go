package graphql

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Input coercion is done here rather than with validator.VariableValues, which matches
// enum values case-insensitively, accepts numeric strings for Int and Float, does not
// check the 32-bit range of Int, does not apply input object field defaults, and panics
// on some unexpected shapes.
//
// Coerced values use these Go types: Int → int, Float → float64, String, ID and enums →
// string, Boolean → bool, lists → []any, input objects → map[string]any (defaults
// applied, absent fields absent, explicit null kept as nil); custom scalars pass through.

// inputError is a coercion failure at a path inside an input value.
type inputError struct {
	path  []string
	value any
	msg   string
}

func (e *inputError) Error() string { return e.msg }

func (e *inputError) at(seg string) *inputError {
	e.path = append([]string{seg}, e.path...)
	return e
}

// maxVariableErrors is how many coercion failures of an operation's variables are
// reported, as graphql-core's executor caps them; one more failure ends the coercion
// with errTooManyVariableErrors.
const maxVariableErrors = 50

// errTooManyVariableErrors is graphql-core's word for a failure past maxVariableErrors.
const errTooManyVariableErrors = "Too many errors processing variables, error limit reached. Execution aborted."

// inputErrors collects the coercion failures of an input value, every one as
// graphql-core reports them, up to room.
type inputErrors struct {
	list []*inputError
	room int
	over bool // a failure past room was met
}

func (c *inputErrors) add(value any, msg string) {
	if len(c.list) >= c.room {
		c.over = true
		return
	}
	c.list = append(c.list, &inputError{value: value, msg: msg})
}

// under puts seg before the paths of the failures collected since the count from.
func (c *inputErrors) under(from int, seg string) {
	for _, ie := range c.list[from:] {
		ie.at(seg)
	}
}

// coerceVariables coerces an operation's variables, reporting every failure, one
// error each in the order graphql-core meets them, up to maxVariableErrors.
func (e *Executor) coerceVariables(op *ast.OperationDefinition, in map[string]any) (map[string]any, []*Error) {
	if len(op.VariableDefinitions) == 0 {
		return nil, nil
	}
	out := make(map[string]any, len(op.VariableDefinitions))
	var errs []*Error
	for _, vd := range op.VariableDefinitions {
		if len(errs) > maxVariableErrors {
			break
		}
		name := vd.Variable
		raw, present := in[name]
		fail := func(msg string) {
			switch {
			case len(errs) > maxVariableErrors: // the coercion has ended
			case len(errs) == maxVariableErrors:
				errs = append(errs, &Error{Message: errTooManyVariableErrors})
			default:
				errs = append(errs, &Error{Message: msg, Locations: locationsOf(vd.Position)})
			}
		}
		if !present {
			if vd.DefaultValue != nil {
				v, _, err := e.coerceLiteral(vd.Type, vd.DefaultValue, nil)
				if err != nil {
					fail(fmt.Sprintf("Variable '$%s' has invalid default value: %s", name, err.Error()))
					continue
				}
				out[name] = v
			} else if vd.Type.NonNull {
				fail(fmt.Sprintf("Variable '$%s' of required type '%s' was not provided.", name, vd.Type.String()))
			}
			continue
		}
		if raw == nil {
			if vd.Type.NonNull {
				fail(fmt.Sprintf("Variable '$%s' of non-null type '%s' must not be null.", name, vd.Type.String()))
				continue
			}
			out[name] = nil
			continue
		}
		ierrs := inputErrors{room: maxVariableErrors - len(errs)}
		v := e.coerceInput(vd.Type, raw, &ierrs)
		for _, ierr := range ierrs.list {
			at := ""
			if len(ierr.path) > 0 {
				at = fmt.Sprintf(" at '%s%s'", name, joinInputPath(ierr.path))
			}
			fail(fmt.Sprintf("Variable '$%s' got invalid value %s%s; %s", name, inspect(ierr.value), at, ierr.msg))
		}
		if ierrs.over {
			fail(errTooManyVariableErrors)
		}
		if ierrs.list == nil && !ierrs.over {
			out[name] = v
		}
	}
	if errs != nil {
		return nil, errs
	}
	return out, nil
}

func joinInputPath(p []string) string {
	var b strings.Builder
	for _, s := range p {
		if s != "" && s[0] == '[' {
			b.WriteString(s)
		} else {
			b.WriteByte('.')
			b.WriteString(s)
		}
	}
	return b.String()
}

// coerceInput coerces an external (JSON-like) value to an input type, adding each
// failure to errs; once errs has no room it stops.
func (e *Executor) coerceInput(t *ast.Type, v any, errs *inputErrors) any {
	if errs.over {
		return nil
	}
	if v == nil {
		if t.NonNull {
			errs.add(v, fmt.Sprintf("Expected non-nullable type '%s' not to be None.", t.String()))
		}
		return nil
	}
	if t.Elem != nil {
		items, isList := toList(v)
		if _, isBytes := v.([]byte); isBytes {
			isList = false
		}
		if !isList {
			return []any{e.coerceInput(t.Elem, v, errs)}
		}
		out := make([]any, len(items))
		for i, it := range items {
			from := len(errs.list)
			out[i] = e.coerceInput(t.Elem, it, errs)
			if len(errs.list) > from {
				errs.under(from, "["+strconv.Itoa(i)+"]")
			}
		}
		return out
	}
	ti := e.types[t.NamedType]
	if ti == nil {
		errs.add(v, fmt.Sprintf("Unknown type '%s'.", t.NamedType))
		return nil
	}
	def := ti.def
	switch def.Kind {
	case ast.Scalar:
		c, msg := coerceScalarInput(def.Name, v)
		if msg != "" {
			errs.add(v, msg)
			return nil
		}
		return c
	case ast.Enum:
		s, ok := v.(string)
		if !ok {
			errs.add(v, fmt.Sprintf("Enum '%s' cannot represent non-string value: %s.", def.Name, inspect(v)))
			return nil
		}
		if !ti.enum[s] {
			errs.add(v, fmt.Sprintf("Value '%s' does not exist in '%s' enum.%s", s, def.Name, didYouMean("the enum value ", s, enumNames(def))))
			return nil
		}
		return s
	case ast.InputObject:
		m, ok := v.(map[string]any)
		if !ok {
			m, ok = toStringMap(v)
		}
		if !ok {
			errs.add(v, fmt.Sprintf("Expected type '%s' to be a mapping.", def.Name))
			return nil
		}
		out := make(map[string]any, len(m))
		for _, f := range def.Fields {
			fv, present := m[f.Name]
			if !present {
				if f.DefaultValue != nil {
					c, _, err := e.coerceLiteral(f.Type, f.DefaultValue, nil)
					if err != nil {
						errs.add(v, err.Error())
						continue
					}
					out[f.Name] = c
				} else if f.Type.NonNull {
					errs.add(v, fmt.Sprintf("Field '%s' of required type '%s' was not provided.", f.Name, f.Type.String()))
				}
				continue
			}
			from := len(errs.list)
			out[f.Name] = e.coerceInput(f.Type, fv, errs)
			if len(errs.list) > from {
				errs.under(from, f.Name)
			}
		}
		// graphql-core reports the type's fields before fields the type lacks; these
		// in the order sent, which a decoded map has lost, so in sorted order.
		var unknown []string
		for k := range m {
			if ti.fields[k] == nil {
				unknown = append(unknown, k)
			}
		}
		slices.Sort(unknown)
		for _, k := range unknown {
			errs.add(v, fmt.Sprintf("Field '%s' is not defined by type '%s'.%s", k, def.Name, didYouMean("", k, fieldNames(def))))
		}
		if def.Directives.ForName("oneOf") != nil {
			if msg := checkOneOf(def, m); msg != "" {
				errs.add(v, msg)
			}
		}
		return out
	}
	errs.add(v, fmt.Sprintf("Type '%s' is not an input type.", def.Name))
	return nil
}

func checkOneOf(def *ast.Definition, given map[string]any) string {
	if len(given) != 1 {
		return fmt.Sprintf("Exactly one key must be specified for OneOf type '%s'.", def.Name)
	}
	for k, v := range given {
		if v == nil {
			return fmt.Sprintf("Field '%s.%s' must be non-null.", def.Name, k)
		}
	}
	return ""
}

// coerceScalarInput coerces an external value for a scalar; msg is non-empty on failure.
func coerceScalarInput(scalar string, v any) (any, string) {
	switch scalar {
	case "Int":
		f, isNum := toFloat(v)
		if !isNum {
			return nil, fmt.Sprintf("Int cannot represent non-integer value: %s", inspect(v))
		}
		if f != math.Trunc(f) || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, fmt.Sprintf("Int cannot represent non-integer value: %s", inspect(v))
		}
		if f > math.MaxInt32 || f < math.MinInt32 {
			return nil, fmt.Sprintf("Int cannot represent non 32-bit signed integer value: %s", inspect(v))
		}
		return int(f), ""
	case "Float":
		f, isNum := toFloat(v)
		if !isNum || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, fmt.Sprintf("Float cannot represent non numeric value: %s", inspect(v))
		}
		return f, ""
	case "String":
		if _, ok := v.(string); !ok {
			return nil, fmt.Sprintf("String cannot represent a non string value: %s", inspect(v))
		}
		return v, "" // the string as given: boxing it again would allocate
	case "Boolean":
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Sprintf("Boolean cannot represent a non boolean value: %s", inspect(v))
		}
		return b, ""
	case "ID":
		switch x := v.(type) {
		case string:
			return v, ""
		case json.Number:
			if isIntegerText(string(x)) { // Python reads it as an int, however long
				return string(x), ""
			}
		case int:
			return strconv.Itoa(x), ""
		case int64:
			return strconv.FormatInt(x, 10), ""
		}
		if f, isNum := toFloat(v); isNum && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return strconv.FormatInt(int64(f), 10), ""
		}
		return nil, fmt.Sprintf("ID cannot represent value: %s", inspect(v))
	}
	if msg := checkKnownScalar(scalar, v); msg != "" {
		return nil, msg
	}
	if n, ok := v.(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			return int(i), ""
		}
		if f, err := n.Float64(); err == nil {
			return f, ""
		}
	}
	return v, ""
}

// isIntegerText reports whether s is a JSON number without fraction or exponent.
func isIntegerText(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// toFloat reports the numeric value of any Go number or json.Number.
func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int8:
		return float64(n), true
	case int16:
		return float64(n), true
	case int32:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint:
		return float64(n), true
	case uint8:
		return float64(n), true
	case uint16:
		return float64(n), true
	case uint32:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float32:
		return float64(n), true
	case float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// coerceLiteral coerces an AST value to t; present is false for a variable with no value.
func (e *Executor) coerceLiteral(t *ast.Type, val *ast.Value, vars map[string]any) (any, bool, error) {
	if val == nil {
		return nil, false, nil
	}
	if val.Kind == ast.Variable {
		v, ok := vars[val.Raw]
		if !ok {
			return nil, false, nil
		}
		if v != nil && t.Elem != nil && val.VariableDefinition != nil && val.VariableDefinition.Type.Elem == nil {
			return []any{v}, true, nil
		}
		return v, true, nil
	}
	if val.Kind == ast.NullValue {
		if t.NonNull {
			return nil, true, fmt.Errorf("Expected value of non-null type '%s' not to be null.", t.String())
		}
		return nil, true, nil
	}
	if t.Elem != nil {
		if val.Kind != ast.ListValue {
			c, present, err := e.coerceLiteral(t.Elem, val, vars)
			if err != nil || !present {
				return nil, present, err
			}
			return []any{c}, true, nil
		}
		out := make([]any, len(val.Children))
		for i, ch := range val.Children {
			c, _, err := e.coerceLiteral(t.Elem, ch.Value, vars)
			if err != nil {
				return nil, true, err
			}
			out[i] = c
		}
		return out, true, nil
	}
	ti := e.types[t.NamedType]
	if ti == nil {
		return nil, true, fmt.Errorf("Unknown type '%s'.", t.NamedType)
	}
	def := ti.def
	switch def.Kind {
	case ast.Enum:
		if val.Kind != ast.EnumValue || !ti.enum[val.Raw] {
			return nil, true, fmt.Errorf("Enum '%s' cannot represent value: %s", def.Name, val.String())
		}
		return val.Raw, true, nil
	case ast.InputObject:
		if val.Kind != ast.ObjectValue {
			return nil, true, fmt.Errorf("Expected type '%s' to be an object, found %s.", def.Name, val.String())
		}
		out := make(map[string]any, len(def.Fields))
		given := make(map[string]any, len(val.Children))
		for _, f := range def.Fields {
			var child *ast.Value
			for _, ch := range val.Children {
				if ch.Name == f.Name {
					child = ch.Value
					break
				}
			}
			var c any
			present := false
			if child != nil {
				var err error
				c, present, err = e.coerceLiteral(f.Type, child, vars)
				if err != nil {
					return nil, true, err
				}
			}
			if !present {
				if f.DefaultValue != nil {
					var err error
					c, _, err = e.coerceLiteral(f.Type, f.DefaultValue, nil)
					if err != nil {
						return nil, true, err
					}
					out[f.Name] = c
				} else if f.Type.NonNull {
					return nil, true, fmt.Errorf("Field '%s.%s' of required type '%s' was not provided.", def.Name, f.Name, f.Type.String())
				}
				continue
			}
			if c == nil && f.Type.NonNull {
				return nil, true, fmt.Errorf("Field '%s.%s' of non-null type '%s' must not be null.", def.Name, f.Name, f.Type.String())
			}
			out[f.Name] = c
			given[f.Name] = c
		}
		if def.Directives.ForName("oneOf") != nil {
			if msg := checkOneOf(def, given); msg != "" {
				return nil, true, fmt.Errorf("%s", msg)
			}
		}
		return out, true, nil
	case ast.Scalar:
		switch def.Name {
		case "Int":
			if val.Kind != ast.IntValue {
				return nil, true, fmt.Errorf("Int cannot represent non-integer value: %s", val.String())
			}
			n, err := strconv.ParseInt(val.Raw, 10, 64)
			if err != nil || n > math.MaxInt32 || n < math.MinInt32 {
				return nil, true, fmt.Errorf("Int cannot represent non 32-bit signed integer value: %s", val.Raw)
			}
			return int(n), true, nil
		case "Float":
			if val.Kind != ast.IntValue && val.Kind != ast.FloatValue {
				return nil, true, fmt.Errorf("Float cannot represent non numeric value: %s", val.String())
			}
			f, err := strconv.ParseFloat(val.Raw, 64)
			if err != nil || math.IsInf(f, 0) {
				return nil, true, fmt.Errorf("Float cannot represent non numeric value: %s", val.Raw)
			}
			return f, true, nil
		case "String":
			if val.Kind != ast.StringValue && val.Kind != ast.BlockValue {
				return nil, true, fmt.Errorf("String cannot represent a non string value: %s", val.String())
			}
			return val.Raw, true, nil
		case "Boolean":
			if val.Kind != ast.BooleanValue {
				return nil, true, fmt.Errorf("Boolean cannot represent a non boolean value: %s", val.String())
			}
			return val.Raw == "true", true, nil
		case "ID":
			if val.Kind != ast.StringValue && val.Kind != ast.BlockValue && val.Kind != ast.IntValue {
				return nil, true, fmt.Errorf("ID cannot represent value: %s", val.String())
			}
			return val.Raw, true, nil
		}
		c := customLiteral(val, vars)
		if val.Kind != ast.Variable {
			if msg := checkKnownScalar(def.Name, c); msg != "" {
				return nil, true, fmt.Errorf("%s", msg)
			}
		}
		return c, true, nil
	}
	return nil, true, fmt.Errorf("Type '%s' is not an input type.", def.Name)
}

// customLiteral converts a literal for a custom scalar to a plain JSON-like Go value.
func customLiteral(val *ast.Value, vars map[string]any) any {
	switch val.Kind {
	case ast.Variable:
		return vars[val.Raw]
	case ast.IntValue:
		if n, err := strconv.ParseInt(val.Raw, 10, 64); err == nil {
			if n >= math.MinInt && n <= math.MaxInt {
				return int(n)
			}
		}
		f, _ := strconv.ParseFloat(val.Raw, 64)
		return f
	case ast.FloatValue:
		f, _ := strconv.ParseFloat(val.Raw, 64)
		return f
	case ast.BooleanValue:
		return val.Raw == "true"
	case ast.NullValue:
		return nil
	case ast.ListValue:
		out := make([]any, len(val.Children))
		for i, ch := range val.Children {
			out[i] = customLiteral(ch.Value, vars)
		}
		return out
	case ast.ObjectValue:
		out := make(map[string]any, len(val.Children))
		for _, ch := range val.Children {
			if ch.Value != nil && ch.Value.Kind == ast.Variable {
				if _, ok := vars[ch.Value.Raw]; !ok {
					continue
				}
			}
			out[ch.Name] = customLiteral(ch.Value, vars)
		}
		return out
	}
	return val.Raw
}

// coerceArgs computes a field's argument values from its literals and the variables.
func (ex *execution) coerceArgs(f *ast.Field, def *ast.FieldDefinition) (map[string]any, error) {
	out := make(map[string]any, len(def.Arguments))
	for _, ad := range def.Arguments {
		var v any
		present := false
		if a := f.Arguments.ForName(ad.Name); a != nil {
			var err error
			v, present, err = ex.e.coerceLiteral(ad.Type, a.Value, ex.vars)
			if err != nil {
				return nil, &Error{Message: fmt.Sprintf("Argument '%s' has invalid value %s: %s", ad.Name, a.Value.String(), err.Error())}
			}
		}
		if !present && ad.DefaultValue != nil {
			var err error
			v, present, err = ex.e.coerceLiteral(ad.Type, ad.DefaultValue, nil)
			if err != nil {
				return nil, &Error{Message: fmt.Sprintf("Argument '%s' has invalid default value: %s", ad.Name, err.Error())}
			}
		}
		if !present {
			if ad.Type.NonNull {
				return nil, &Error{Message: fmt.Sprintf("Argument '%s' of required type '%s' was not provided.", ad.Name, ad.Type.String())}
			}
			continue
		}
		if v == nil && ad.Type.NonNull {
			return nil, &Error{Message: fmt.Sprintf("Argument '%s' of non-null type '%s' must not be null.", ad.Name, ad.Type.String())}
		}
		out[ad.Name] = v
	}
	return out, nil
}

// serializeLeaf validates and normalises a scalar or enum value for the response.
func serializeLeaf(ti *typeInfo, v any) (any, error) {
	def := ti.def
	if def.Kind == ast.Enum {
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case fmt.Stringer:
			s = x.String()
		default:
			rv := reflect.ValueOf(v)
			if rv.Kind() != reflect.String {
				return nil, &Error{Message: fmt.Sprintf("Enum '%s' cannot represent value: %s", def.Name, inspect(v))}
			}
			s = rv.String()
		}
		if !ti.enum[s] {
			return nil, &Error{Message: fmt.Sprintf("Enum '%s' cannot represent value: %s", def.Name, inspect(v))}
		}
		if _, ok := v.(string); ok {
			return v, nil // already boxed as it is answered
		}
		return s, nil
	}
	// Values already of the type they are answered as are returned as they came, not
	// boxed again.
	switch def.Name {
	case "Int":
		if i, ok := v.(int); ok && i >= math.MinInt32 && i <= math.MaxInt32 {
			return v, nil
		}
		f, ok := toFloat(v)
		if !ok || f != math.Trunc(f) || math.IsInf(f, 0) {
			if n, isNum := v.(json.Number); isNum {
				if i, err := n.Int64(); err == nil {
					f, ok = float64(i), true
				}
			}
			if !ok || f != math.Trunc(f) || math.IsInf(f, 0) {
				return nil, &Error{Message: fmt.Sprintf("Int cannot represent non-integer value: %s", inspect(v))}
			}
		}
		if f > math.MaxInt32 || f < math.MinInt32 {
			return nil, &Error{Message: fmt.Sprintf("Int cannot represent non 32-bit signed integer value: %s", inspect(v))}
		}
		return int(f), nil
	case "Float":
		if f, ok := v.(float64); ok && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return v, nil
		}
		f, ok := toFloat(v)
		if !ok || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, &Error{Message: fmt.Sprintf("Float cannot represent non numeric value: %s", inspect(v))}
		}
		return f, nil
	case "String":
		switch x := v.(type) {
		case string:
			return v, nil
		case bool:
			return strconv.FormatBool(x), nil
		case json.Number:
			return string(x), nil
		}
		if f, ok := toFloat(v); ok && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return strconv.FormatFloat(f, 'f', -1, 64), nil
		}
		return nil, &Error{Message: fmt.Sprintf("String cannot represent value: %s", inspect(v))}
	case "Boolean":
		if _, ok := v.(bool); ok {
			return v, nil
		}
		return nil, &Error{Message: fmt.Sprintf("Boolean cannot represent a non boolean value: %s", inspect(v))}
	case "ID":
		switch x := v.(type) {
		case string:
			return v, nil
		case json.Number:
			if isIntegerText(string(x)) {
				return string(x), nil
			}
		}
		if f, ok := toFloat(v); ok && f == math.Trunc(f) && math.Abs(f) < 1<<63 {
			switch x := v.(type) {
			case uint64:
				return strconv.FormatUint(x, 10), nil
			case int64:
				return strconv.FormatInt(x, 10), nil
			}
			return strconv.FormatInt(int64(f), 10), nil
		}
		return nil, &Error{Message: fmt.Sprintf("ID cannot represent value: %s", inspect(v))}
	}
	out, err := normalizeJSON(v, 0)
	if err != nil {
		return nil, &Error{Message: fmt.Sprintf("%s cannot represent value: %s", def.Name, err.Error())}
	}
	return out, nil
}

// normalizeJSON makes a custom scalar value safe to encode, marshalling unknown types once.
func normalizeJSON(v any, depth int) (any, error) {
	if depth > 256 {
		return nil, fmt.Errorf("value nested too deeply")
	}
	switch x := v.(type) {
	case nil, string, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return v, nil
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil, fmt.Errorf("%v", x)
		}
		return v, nil
	case float32:
		return normalizeJSON(float64(x), depth)
	case json.Number:
		if !json.Valid([]byte(x)) {
			return nil, fmt.Errorf("%q is not a JSON number", string(x))
		}
		return v, nil
	case json.RawMessage:
		if !json.Valid(x) {
			return nil, fmt.Errorf("invalid JSON")
		}
		return v, nil
	case []any:
		out := make([]any, len(x))
		for i, it := range x {
			c, err := normalizeJSON(it, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, it := range x {
			c, err := normalizeJSON(it, depth+1)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(b), nil
}
