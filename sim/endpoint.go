package sim

import (
	"context"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/graphql"
)

// Request headers that ask for the documented errors of an operation's root fields.
const (
	HeaderPossibleErrors       = "X-Kraken-Possible-Errors"
	HeaderPossibleErrorsLegacy = "X-Possible-Errors"
)

// Endpoint serves one Kraken GraphQL endpoint: the API site or the auth server.
type Endpoint struct {
	path     string
	sim      *Simulator
	exec     *graphql.Executor
	contract *contract
	// deprecatedInputs is set when the schema deprecates an input field or enum value.
	deprecatedInputs bool
}

// Executor returns the endpoint's GraphQL executor.
func (e *Endpoint) Executor() *graphql.Executor { return e.exec }

// CachedQuery returns the text of a prepared document equal to q, for a request to share.
func (e *Endpoint) CachedQuery(q []byte) (string, bool) { return e.exec.CachedQuery(q) }

// InputName returns the schema's own string for an input object's field named b
// (graphql.Executor.InputName).
func (e *Endpoint) InputName(b []byte) (string, bool) { return e.exec.InputName(b) }

// Execute answers one GraphQL request, as Serve does, without the HTTP outcome.
func (e *Endpoint) Execute(ctx context.Context, req *graphql.Request) *graphql.Response {
	resp, _ := e.Serve(ctx, req)
	return resp
}

func wantsPossibleErrors(h map[string][]string) bool {
	for _, name := range []string{HeaderPossibleErrors, HeaderPossibleErrorsLegacy} {
		for _, v := range h[name] {
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "", "0", "false", "no":
			default:
				return true
			}
		}
	}
	return false
}

// rootFields returns the operation type and the root field names the named operation
// of a prepared document selects under the request's variables vars, as @skip and
// @include leave them ("" when the document or the name is not valid).
func rootFields(prog *graphql.Program, operationName string, vars map[string]any) (string, []string) {
	var names []string
	seen := map[string]bool{}
	keep := func(dirs ast.DirectiveList) bool { return graphql.Included(dirs, vars) }
	op := eachRootField(prog, operationName, keep, func(f *ast.Field) {
		if !strings.HasPrefix(f.Name, "__") && !seen[f.Name] {
			seen[f.Name] = true
			names = append(names, f.Name)
		}
	})
	return op, names
}

// eachRootField calls fn with each root field the operation selects, through its
// fragments (those keep takes, all with a nil keep), and returns the operation's type;
// "" when the document has no such operation.
func eachRootField(prog *graphql.Program, operationName string, keep func(ast.DirectiveList) bool, fn func(*ast.Field)) string {
	if prog == nil || prog.Doc == nil {
		return ""
	}
	op, err := prog.Operation(operationName)
	if err != nil {
		return ""
	}
	walkRoots(op.SelectionSet, keep, fn)
	return string(op.Operation)
}

// walkRoots calls fn with each field of an operation's root selection set, through its
// inline fragments and fragment spreads, leaving out a selection whose directives keep
// refuses (none with a nil keep); a fragment spread again adds no root field
// (CollectFields' visited fragments), so that fragments spreading the next twice cost
// what they hold once.
func walkRoots(set ast.SelectionSet, keep func(ast.DirectiveList) bool, fn func(*ast.Field)) {
	var spread map[string]bool
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if keep == nil || keep(s.Directives) {
					fn(s)
				}
			case *ast.InlineFragment:
				if keep == nil || keep(s.Directives) {
					walk(s.SelectionSet)
				}
			case *ast.FragmentSpread:
				if s.Definition == nil || spread[s.Name] || keep != nil && !keep(s.Directives) {
					continue
				}
				if spread == nil {
					spread = map[string]bool{}
				}
				spread[s.Name] = true
				walk(s.Definition.SelectionSet)
			}
		}
	}
	walk(set)
}
