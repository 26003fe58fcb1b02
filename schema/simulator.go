package schema

import (
	"github.com/krakensim/krakensim/sim"
	"github.com/vektah/gqlparser/v2/ast"
)

// FieldDocs converts the catalog into the simulator's root-field documentation.
func (c *Catalog) FieldDocs() []sim.FieldDoc {
	docs := make([]sim.FieldDoc, 0, len(c.order))
	for _, fc := range c.order {
		d := sim.FieldDoc{
			Operation: string(fc.Operation), Name: fc.Name, RequiresAuth: fc.NeedsAuthorization(),
			Deprecated: fc.Deprecated, DeprecationReason: fc.DeprecationReason,
			Refusal: fc.Refusal, RefusalExtension: fc.RefusalExtension,
		}
		for _, e := range fc.Errors {
			d.Errors = append(d.Errors, sim.DocumentedError{Code: e.Code, Message: e.Message, Type: InferType(e.Message)})
		}
		docs = append(docs, d)
	}
	return docs
}

// ErrorDefs converts the registry into the simulator's error definitions.
func (r *Registry) ErrorDefs() map[string]sim.ErrorDef {
	defs := make(map[string]sim.ErrorDef, len(r.entries))
	for code, info := range r.entries {
		defs[code] = sim.ErrorDef{Code: code, Type: info.Type, Message: info.Message, Description: info.Description, Platform: info.Platform}
	}
	return defs
}

// SimConfig is the simulator configuration for a contract: both schemas, their
// root-field documentation from the catalog, and the registry's errors.
func SimConfig(api, auth *ast.Schema, reg *Registry) sim.Config {
	return sim.Config{
		API: api, Auth: auth, Errors: reg.ErrorDefs(),
		APIFields: NewCatalog(api).FieldDocs(), AuthFields: NewCatalog(auth).FieldDocs(),
	}
}
