package schema

import "github.com/krakensim/krakensim/sim"

// FieldDocs converts the catalog into the simulator's root-field documentation.
func (c *Catalog) FieldDocs() []sim.FieldDoc {
	docs := make([]sim.FieldDoc, 0, len(c.order))
	for _, fc := range c.order {
		d := sim.FieldDoc{Operation: string(fc.Operation), Name: fc.Name, RequiresAuth: fc.RequiresAuth}
		for _, e := range fc.Errors {
			d.Errors = append(d.Errors, sim.DocumentedError{Code: e.Code, Message: e.Message})
		}
		docs = append(docs, d)
	}
	return docs
}

// ErrorDefs converts the registry into the simulator's error definitions.
func (r *Registry) ErrorDefs() map[string]sim.ErrorDef {
	defs := make(map[string]sim.ErrorDef, len(r.entries))
	for code, info := range r.entries {
		defs[code] = sim.ErrorDef{Code: code, Type: info.Type, Message: info.Message, Description: info.Description}
	}
	return defs
}
