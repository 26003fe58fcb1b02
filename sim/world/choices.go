package world

import (
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// A list of the choices a setting offers (a user's holdMusicChoices beside their
// preferences' preferredHoldMusic, of the enum Songs) lists the enum's values: each
// item's code is a value, and its title what the value's description says of it.

// choicesRole is a list of a setting's choices: the enum the setting takes, and the
// item's fields for a value's code and its title.
type choicesRole struct {
	enum        *ast.Definition
	code, title string
}

// choicesOf finds the choices a list field offers: its name ends with choices or
// options, its items have a code and a title, and a field of its parent, or of an
// object its parent holds (the user's preferences), names the same setting and takes
// an enum. nil for any other field.
func (r *Roles) choicesOf(parent string, def *ast.FieldDefinition) *choicesRole {
	fw := words(def.Name)
	if def.Type.Elem == nil || len(fw) < 2 || !hasWord(fw[len(fw)-1:], "choice", "option") {
		return nil
	}
	item := r.schema.Types[def.Type.Elem.Name()]
	pt := r.schema.Types[parent]
	if item == nil || item.Kind != ast.Object || pt == nil {
		return nil
	}
	cr := &choicesRole{}
	for _, f := range item.Fields {
		if f.Type.Elem != nil || len(f.Arguments) > 0 || !textual(f.Type.Name()) {
			continue
		}
		switch last := words(f.Name)[len(words(f.Name))-1]; {
		case cr.code == "" && (last == "code" || last == "value" || last == "key"):
			cr.code = f.Name
		case cr.title == "" && (last == "title" || last == "name" || last == "label" || last == "description"):
			cr.title = f.Name
		}
	}
	if cr.code == "" {
		return nil
	}
	setting := fw[:len(fw)-1] // hold music
	try := func(d *ast.Definition) bool {
		for _, f := range d.Fields {
			if e := r.schema.Types[f.Type.Name()]; f.Type.Elem == nil && e != nil && e.Kind == ast.Enum && isSuffix(words(f.Name), setting) {
				cr.enum = e
				return true
			}
		}
		return false
	}
	if try(pt) {
		return cr
	}
	for _, f := range pt.Fields {
		if d := r.schema.Types[f.Type.Name()]; f.Type.Elem == nil && len(f.Arguments) == 0 && d != nil && d.Kind == ast.Object && d != pt && try(d) {
			return cr
		}
	}
	return nil
}

// choices are the items of a list of choices: one for each of the enum's values but
// the one that says there is no choice (NO_SONG_PREFERRED, NONE).
func (g *Generator) choices(cr *choicesRole, typ string) []map[string]any {
	out := []map[string]any{}
	for _, v := range cr.enum.EnumValues {
		ws := words(v.Name)
		if ws[0] == "no" || ws[0] == "none" || ws[0] == "unknown" || ws[0] == "unspecified" {
			continue
		}
		it := map[string]any{"__typename": typ, cr.code: v.Name}
		if cr.title != "" {
			it[cr.title] = choiceTitle(v)
		}
		out = append(out, it)
	}
	return out
}

// choiceTitle is what an enum value's description says of it ("Silence."), without its
// closing full stop; its words when it has none.
func choiceTitle(v *ast.EnumValueDefinition) string {
	d := strings.TrimSpace(doc(v.Description, v.BeforeDescriptionComment, v.AfterDescriptionComment))
	if d = strings.TrimSuffix(d, "."); d != "" && !strings.Contains(d, "\n") {
		return d
	}
	ws := slices.Clone(words(v.Name))
	for i, w := range ws {
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}
