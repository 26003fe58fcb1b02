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

// ErrorDefs converts the registry's own entries into the simulator's error definitions
// (SimConfig adds Kraken's published ones).
func (r *Registry) ErrorDefs() map[string]sim.ErrorDef {
	defs := make(map[string]sim.ErrorDef, len(r.entries))
	for code, info := range r.entries {
		defs[code] = sim.ErrorDef{Code: code, Type: info.Type, Message: info.Message, Description: info.Description, Platform: info.Platform}
	}
	return defs
}

// SimConfig is the simulator configuration for a contract: both schemas, their
// root-field documentation from the catalog, and the registry's errors (those of
// Kraken's published registry looked up when asked, not copied).
func SimConfig(api, auth *ast.Schema, reg *Registry) sim.Config {
	cfg := sim.Config{
		API: api, Auth: auth, Errors: reg.ErrorDefs(),
		APIFields: NewCatalog(api).FieldDocs(), AuthFields: NewCatalog(auth).FieldDocs(),
	}
	if reg.published {
		cfg.MoreErrors = publishedDef
	}
	return cfg
}

// publishedDef is code's entry in Kraken's published registry as the simulator's.
func publishedDef(code string) (sim.ErrorDef, bool) {
	info, ok := lookupReference(code)
	return sim.ErrorDef{Code: code, Type: info.Type, Message: info.Message, Description: info.Description}, ok
}
