package sim

import (
	"context"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/graphql"
)

// FieldDoc is what an SDL documents about one root field.
type FieldDoc struct {
	// Operation is "query" or "mutation".
	Operation    string
	Name         string
	Errors       []DocumentedError
	RequiresAuth bool
	// Deprecated is set for a @deprecated root field, with the directive's reason.
	Deprecated        bool
	DeprecationReason string
	// Refusal is the code the field answers when it cannot do what it is asked, with the
	// reasons listed in the extension RefusalExtension names; empty for none.
	Refusal, RefusalExtension string
}

// DocumentedError is a code a field documents, with the field's message for it and the
// errorType that message implies (used when the registry does not list the code).
type DocumentedError struct {
	Code, Message, Type string
}

// CodeFieldNotFound is the error possibleErrors answers for an unknown field name.
const CodeFieldNotFound = "KT-CT-1606"

// contract indexes one endpoint's root-field documentation.
type contract struct {
	fields map[string]map[string]*FieldDoc // operation → name → doc
	docs   []FieldDoc
	// payloads maps a mutation payload type to the mutation that returns it.
	payloads map[string]*FieldDoc
	// backendAuth is set when a field documents the backend host's sign-in codes, which
	// its every field then answers (backendAuthCodes).
	backendAuth bool
}

func newContract(s *ast.Schema, docs []FieldDoc) *contract {
	c := &contract{fields: map[string]map[string]*FieldDoc{}, payloads: map[string]*FieldDoc{}, docs: docs}
	for i := range docs {
		d := &docs[i]
		if c.fields[d.Operation] == nil {
			c.fields[d.Operation] = map[string]*FieldDoc{}
		}
		c.fields[d.Operation][d.Name] = d
		c.backendAuth = c.backendAuth || documents(d, backendAuthCodes[auth.CodeHeaderMissing])
		if d.Operation == string(ast.Mutation) && s.Mutation != nil {
			if f := s.Mutation.Fields.ForName(d.Name); f != nil {
				c.payloads[f.Type.Name()] = d
			}
		}
	}
	return c
}

func (c *contract) field(op, name string) (*FieldDoc, bool) {
	d, ok := c.fields[op][name]
	return d, ok
}

// possibleErrors lists a field's documented errors as PossibleErrorType objects.
func (s *Simulator) possibleErrors(d *FieldDoc, authErrors bool) []any {
	out := make([]any, 0, len(d.Errors))
	for _, e := range d.Errors {
		// Kraken appends the auth platform codes to every field that needs a signed-in
		// user; possibleErrors leaves them out unless authErrors is true.
		def := s.documentedDef(d, e.Code)
		if !authErrors && def.Platform == PlatformAuth {
			continue
		}
		out = append(out, map[string]any{
			"code": e.Code, "message": def.Message, "type": def.Type, "description": def.Description,
		})
	}
	return out
}

// contractHook answers the possibleErrors query and the deprecated possibleErrors
// field of mutation payloads from the SDL's documentation.
func (e *Endpoint) contractHook(_ context.Context, f *graphql.Field) (any, bool, error) {
	if f.Name != "possibleErrors" {
		return nil, false, nil
	}
	if f.Operation == ast.Query && len(f.Path) == 1 {
		return e.sim.answerPossibleErrors(e.contract, f)
	}
	if d, ok := e.contract.payloads[f.ParentType]; ok {
		return e.sim.possibleErrors(d, true), true, nil
	}
	return nil, false, nil
}

func (s *Simulator) answerPossibleErrors(c *contract, f *graphql.Field) (any, bool, error) {
	input, _ := f.Args["input"].(map[string]any)
	name, _ := input["name"].(string)
	typ, _ := input["type"].(string)
	auth, _ := input["authErrors"].(bool)
	d, ok := c.field(typ, name)
	if !ok {
		return nil, true, s.KrakenError(CodeFieldNotFound)
	}
	return map[string]any{
		"name": name, "type": typ, "authErrors": auth,
		"possibleErrors": s.possibleErrors(d, auth),
	}, true, nil
}

// PossibleErrors returns the documented errors of root fields of an operation type
// ("query", "mutation") at the endpoint at path (APIPath, AuthPath, BackendPath), keyed
// by field, as the X-Kraken-Possible-Errors header gives them; ok is false for a path
// that serves no endpoint.
func (s *Simulator) PossibleErrors(path, op string, fields []string) (map[string]any, bool) {
	e := map[string]*Endpoint{APIPath: s.api, AuthPath: s.auth, BackendPath: s.backend}[path]
	if e == nil {
		return nil, false
	}
	return s.documentedErrors(e.contract, op, fields), true
}

// DocumentedErrors returns the documented errors of the root fields an operation
// selects, keyed by field name, for the X-Kraken-Possible-Errors header's extension.
func (s *Simulator) documentedErrors(c *contract, op string, fields []string) map[string]any {
	out := map[string]any{}
	for _, name := range fields {
		if d, ok := c.field(op, name); ok {
			out[name] = s.possibleErrors(d, true)
		}
	}
	return out
}
