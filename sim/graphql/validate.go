package graphql

import (
	"context"
	"reflect"
	"sort"
	"unsafe"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/core"
)

// tooManyErrors is graphql-core's last error of a document whose validation reached
// its limit of maxValidationErrors errors.
const tooManyErrors = "Too many validation errors, error limit reached. Validation aborted."

// operationRules are the rules that follow each operation into the fragments it
// spreads; every other rule looks at each node of the document once.
var operationRules = map[string]bool{
	"NoUndefinedVariables": true, "NoUnusedVariables": true,
	"VariablesInAllowedPosition": true, "NoUnusedFragments": true,
}

// events mirrors core.Events, whose observers gqlparser's walker alone may call; the
// layout is checked against core.Events when the package starts (eventsMirrored).
type events struct {
	operation      []func(*core.Walker, *ast.OperationDefinition)
	field          []func(*core.Walker, *ast.Field)
	fragment       []func(*core.Walker, *ast.FragmentDefinition)
	inlineFragment []func(*core.Walker, *ast.InlineFragment)
	fragmentSpread []func(*core.Walker, *ast.FragmentSpread)
	directive      []func(*core.Walker, *ast.Directive)
	directiveList  []func(*core.Walker, []*ast.Directive)
	value          []func(*core.Walker, *ast.Value)
	variable       []func(*core.Walker, *ast.VariableDefinition)
}

// eventsMirrored reports whether events has core.Events's fields, in order; when a
// gqlparser upgrade changes them, validation falls back to gqlparser's walker.
var eventsMirrored = func() bool {
	a, b := reflect.TypeOf(events{}), reflect.TypeOf(core.Events{})
	if a.NumField() != b.NumField() || a.Size() != b.Size() {
		return false
	}
	for i := range a.NumField() {
		if a.Field(i).Type != b.Field(i).Type || a.Field(i).Offset != b.Field(i).Offset {
			return false
		}
	}
	return true
}()

// abort stops a validation that reached its error limit or whose context ended.
type abort struct{ err error }

// validation walks a document as graphql-core's validate does: each operation and
// fragment once, in document order, with every rule but the operation rules, which
// then follow the operation into each fragment it reaches, once, through only the
// selections holding a variable or a spread. gqlparser's walker instead walks a
// fragment again for each operation, which reports its errors again each time and is
// quadratic in operations times fragment size.
type validation struct {
	core.Walker
	ctx       context.Context
	node, op  *events
	ev        *events // the observers of the current walk
	expand    bool    // whether spreads are followed (the operation walk)
	frags     map[string]*ast.FragmentDefinition
	reached   map[string]bool
	relevant  map[*ast.Selection]ast.SelectionSet // by a set's first selection, what the operation walk visits of it
	errs      gqlerror.List
	ops       map[*gqlerror.Error]*ast.OperationDefinition // the operation each error was found in
	keep      func(*gqlerror.Error, *ast.OperationDefinition) bool
	steps     int
	truncated bool
}

// validate checks doc against validationRules, keeping the errors keep accepts (given
// the operation each was found in, when known), at most
// maxValidationErrors of them; truncated when there were more (graphql-core then stops).
// ops holds the operation each error was found in, when known. It returns ctx's error
// when ctx ended first.
func validate(ctx context.Context, schema *ast.Schema, doc *ast.QueryDocument, keep func(*gqlerror.Error, *ast.OperationDefinition) bool) (errs gqlerror.List, ops map[*gqlerror.Error]*ast.OperationDefinition, truncated bool, err error) {
	if !eventsMirrored {
		errs = validator.ValidateWithRules(schema, doc, validationRules)
		kept := errs[:0]
		for _, e := range errs {
			if keep(e, nil) {
				kept = append(kept, e)
			}
		}
		if len(kept) > maxValidationErrors {
			return kept[:maxValidationErrors], nil, true, nil
		}
		return kept, nil, false, nil
	}
	v := &validation{ctx: ctx, keep: keep, node: &events{}, op: &events{}}
	v.Schema, v.Document = schema, doc
	inner := validationRules.GetInner()
	names := make([]string, 0, len(inner))
	for name := range inner {
		names = append(names, name)
	}
	sort.Strings(names) // gqlparser's order
	for _, name := range names {
		ev := v.node
		if operationRules[name] {
			ev = v.op
		}
		inner[name]((*core.Events)(unsafe.Pointer(ev)), v.adder(name))
	}
	defer func() {
		if r := recover(); r != nil {
			a, ok := r.(abort)
			if !ok {
				panic(r)
			}
			errs, ops, truncated, err = v.errs, v.ops, a.err == nil, a.err
		}
	}()
	v.run()
	return v.errs, v.ops, false, nil
}

// adder is rule's error reporter: it stops the validation at the first error past the
// limit, as graphql-core does.
func (v *validation) adder(rule string) core.AddErrFunc {
	return func(options ...core.ErrorOption) {
		e := &gqlerror.Error{Rule: rule}
		for _, o := range options {
			o(e)
		}
		if !v.keep(e, v.CurrentOperation) {
			return
		}
		if len(v.errs) >= maxValidationErrors {
			panic(abort{})
		}
		v.errs = append(v.errs, e)
		if v.CurrentOperation != nil {
			if v.ops == nil {
				v.ops = map[*gqlerror.Error]*ast.OperationDefinition{}
			}
			v.ops[e] = v.CurrentOperation
		}
	}
}

// step counts a node walked and stops the validation when its context has ended.
func (v *validation) step() {
	v.steps++
	if v.steps&1023 == 0 && v.ctx != nil {
		if err := v.ctx.Err(); err != nil {
			panic(abort{err})
		}
	}
}

func (v *validation) run() {
	doc := v.Document
	v.frags = make(map[string]*ast.FragmentDefinition, len(doc.Fragments))
	for _, f := range doc.Fragments {
		if _, ok := v.frags[f.Name]; !ok {
			v.frags[f.Name] = f
		}
	}
	v.relevant = map[*ast.Selection]ast.SelectionSet{}
	type def struct {
		at   *ast.Position
		op   *ast.OperationDefinition
		frag *ast.FragmentDefinition
	}
	defs := make([]def, 0, len(doc.Operations)+len(doc.Fragments))
	for _, op := range doc.Operations {
		v.markRelevant(op.SelectionSet)
		defs = append(defs, def{at: op.Position, op: op})
	}
	for _, f := range doc.Fragments {
		v.markRelevant(f.SelectionSet)
		defs = append(defs, def{at: f.Position, frag: f})
	}
	sort.SliceStable(defs, func(i, j int) bool {
		a, b := defs[i].at, defs[j].at
		return a != nil && b != nil && a.Start < b.Start
	})
	for _, d := range defs {
		if d.frag != nil {
			v.ev, v.expand = v.node, false
			v.walkFragment(d.frag)
			continue
		}
		v.ev, v.expand = v.node, false
		v.walkOperation(d.op)
		v.ev, v.expand, v.reached = v.op, true, map[string]bool{}
		v.walkOperation(d.op)
	}
	v.ev, v.expand = v.op, false
	for _, f := range doc.Fragments {
		for _, o := range v.ev.fragment {
			o(&v.Walker, f)
		}
	}
}

// markRelevant records the selections of set that hold a variable or a fragment
// spread, which are all the operation walk needs to see.
func (v *validation) markRelevant(set ast.SelectionSet) bool {
	var keep ast.SelectionSet
	for _, sel := range set {
		r := false
		switch s := sel.(type) {
		case *ast.Field:
			r = v.markRelevant(s.SelectionSet) || argsHaveVariable(s.Arguments) || directivesHaveVariable(s.Directives)
		case *ast.InlineFragment:
			r = v.markRelevant(s.SelectionSet) || directivesHaveVariable(s.Directives)
		case *ast.FragmentSpread:
			r = true
		}
		if r {
			keep = append(keep, sel)
		}
	}
	if len(keep) > 0 {
		v.relevant[&set[0]] = keep
	}
	return len(keep) > 0
}

func directivesHaveVariable(dirs ast.DirectiveList) bool {
	for _, d := range dirs {
		if argsHaveVariable(d.Arguments) {
			return true
		}
	}
	return false
}

func argsHaveVariable(args ast.ArgumentList) bool {
	for _, a := range args {
		if usesVariable(a.Value) {
			return true
		}
	}
	return false
}

// The walk below is gqlparser's (validator/core/walk.go), but for spreads, which only
// the operation walk follows.

func (v *validation) walkOperation(operation *ast.OperationDefinition) {
	v.CurrentOperation = operation
	for _, varDef := range operation.VariableDefinitions {
		varDef.Definition = v.Schema.Types[varDef.Type.Name()]
		for _, o := range v.ev.variable {
			o(&v.Walker, varDef)
		}
		if varDef.DefaultValue != nil {
			varDef.DefaultValue.ExpectedType = varDef.Type
			varDef.DefaultValue.Definition = v.Schema.Types[varDef.Type.Name()]
		}
	}
	var def *ast.Definition
	var loc ast.DirectiveLocation
	switch operation.Operation {
	case ast.Query, "":
		def, loc = v.Schema.Query, ast.LocationQuery
	case ast.Mutation:
		def, loc = v.Schema.Mutation, ast.LocationMutation
	case ast.Subscription:
		def, loc = v.Schema.Subscription, ast.LocationSubscription
	}
	for _, varDef := range operation.VariableDefinitions {
		if varDef.DefaultValue != nil {
			v.walkValue(varDef.DefaultValue)
		}
		v.walkDirectives(varDef.Definition, varDef.Directives, ast.LocationVariableDefinition)
	}
	v.walkDirectives(def, operation.Directives, loc)
	v.walkSelectionSet(def, operation.SelectionSet)
	for _, o := range v.ev.operation {
		o(&v.Walker, operation)
	}
	v.CurrentOperation = nil
}

func (v *validation) walkFragment(it *ast.FragmentDefinition) {
	def := v.Schema.Types[it.TypeCondition]
	it.Definition = def
	v.walkDirectives(def, it.Directives, ast.LocationFragmentDefinition)
	v.walkSelectionSet(def, it.SelectionSet)
	for _, o := range v.ev.fragment {
		o(&v.Walker, it)
	}
}

func (v *validation) walkDirectives(parentDef *ast.Definition, directives []*ast.Directive, location ast.DirectiveLocation) {
	for _, dir := range directives {
		def := v.Schema.Directives[dir.Name]
		dir.Definition = def
		dir.ParentDefinition = parentDef
		dir.Location = location
		for _, arg := range dir.Arguments {
			var argDef *ast.ArgumentDefinition
			if def != nil {
				argDef = def.Arguments.ForName(arg.Name)
			}
			v.walkArgument(argDef, arg)
		}
		for _, o := range v.ev.directive {
			o(&v.Walker, dir)
		}
	}
	for _, o := range v.ev.directiveList {
		o(&v.Walker, directives)
	}
}

func (v *validation) walkValue(value *ast.Value) {
	v.step()
	if value.Kind == ast.Variable && v.CurrentOperation != nil {
		value.VariableDefinition = v.CurrentOperation.VariableDefinitions.ForName(value.Raw)
		if value.VariableDefinition != nil {
			value.VariableDefinition.Used = true
		}
	}
	if value.Kind == ast.ObjectValue {
		for _, child := range value.Children {
			if value.Definition != nil {
				if fieldDef := value.Definition.Fields.ForName(child.Name); fieldDef != nil {
					child.Value.ExpectedType = fieldDef.Type
					child.Value.ExpectedTypeHasDefault = fieldDef.DefaultValue != nil && fieldDef.DefaultValue.Kind != ast.NullValue
					child.Value.Definition = v.Schema.Types[fieldDef.Type.Name()]
				}
			}
			v.walkValue(child.Value)
		}
	}
	if value.Kind == ast.ListValue {
		for _, child := range value.Children {
			if value.ExpectedType != nil && value.ExpectedType.Elem != nil {
				child.Value.ExpectedType = value.ExpectedType.Elem
				child.Value.Definition = value.Definition
			}
			v.walkValue(child.Value)
		}
	}
	for _, o := range v.ev.value {
		o(&v.Walker, value)
	}
}

func (v *validation) walkArgument(argDef *ast.ArgumentDefinition, arg *ast.Argument) {
	if argDef != nil {
		arg.Value.ExpectedType = argDef.Type
		arg.Value.ExpectedTypeHasDefault = argDef.DefaultValue != nil && argDef.DefaultValue.Kind != ast.NullValue
		arg.Value.Definition = v.Schema.Types[argDef.Type.Name()]
	}
	v.walkValue(arg.Value)
}

func (v *validation) walkSelectionSet(parentDef *ast.Definition, it ast.SelectionSet) {
	if v.expand && len(it) > 0 {
		it = v.relevant[&it[0]]
	}
	for _, child := range it {
		v.walkSelection(parentDef, child)
	}
}

func (v *validation) walkSelection(parentDef *ast.Definition, it ast.Selection) {
	v.step()
	switch it := it.(type) {
	case *ast.Field:
		var def *ast.FieldDefinition
		if it.Name == "__typename" {
			def = &ast.FieldDefinition{Name: "__typename", Type: ast.NamedType("String", nil)}
		} else if parentDef != nil {
			def = parentDef.Fields.ForName(it.Name)
		}
		it.Definition = def
		it.ObjectDefinition = parentDef
		var nextParentDef *ast.Definition
		if def != nil {
			nextParentDef = v.Schema.Types[def.Type.Name()]
		}
		for _, arg := range it.Arguments {
			var argDef *ast.ArgumentDefinition
			if def != nil {
				argDef = def.Arguments.ForName(arg.Name)
			}
			v.walkArgument(argDef, arg)
		}
		v.walkDirectives(nextParentDef, it.Directives, ast.LocationField)
		v.walkSelectionSet(nextParentDef, it.SelectionSet)
		for _, o := range v.ev.field {
			o(&v.Walker, it)
		}
	case *ast.InlineFragment:
		it.ObjectDefinition = parentDef
		nextParentDef := parentDef
		if it.TypeCondition != "" {
			nextParentDef = v.Schema.Types[it.TypeCondition]
		}
		v.walkDirectives(nextParentDef, it.Directives, ast.LocationInlineFragment)
		v.walkSelectionSet(nextParentDef, it.SelectionSet)
		for _, o := range v.ev.inlineFragment {
			o(&v.Walker, it)
		}
	case *ast.FragmentSpread:
		def := v.frags[it.Name]
		it.Definition = def
		it.ObjectDefinition = parentDef
		var nextParentDef *ast.Definition
		if def != nil {
			nextParentDef = v.Schema.Types[def.TypeCondition]
		}
		v.walkDirectives(nextParentDef, it.Directives, ast.LocationFragmentSpread)
		if v.expand && def != nil && !v.reached[def.Name] {
			v.reached[def.Name] = true
			v.walkDirectives(nextParentDef, def.Directives, ast.LocationFragmentDefinition)
			v.walkSelectionSet(nextParentDef, def.SelectionSet)
		}
		for _, o := range v.ev.fragmentSpread {
			o(&v.Walker, it)
		}
	}
}
