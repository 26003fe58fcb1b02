package world

import (
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
)

// Things a list names by an enum code (a heat pump's zones: WATER, ZONE_1, ZONE_2,
// AUXILIARY): the list has one item for each code (up to twelve), in the enum's order,
// so that two lists of them agree; an item's kind (zoneType) is the one its code names,
// and its display name is its code in words.

// codeOf is def's enum field that names it, when def has no identity of its own to tell
// its items apart: one named code, or after its enum (zone: Zone); "" otherwise.
func codeOf(s *ast.Schema, def *ast.Definition, identity string) string {
	if identity != "" {
		return ""
	}
	for _, f := range def.Fields {
		if f.Type.Elem != nil || len(f.Arguments) > 0 {
			continue
		}
		e := s.Types[f.Type.Name()]
		if e == nil || e.Kind != ast.Enum || len(e.EnumValues) == 0 {
			continue
		}
		if f.Name == "code" || strings.EqualFold(f.Name, e.Name) {
			return f.Name
		}
	}
	return ""
}

// codes is how many different codes the items of a list of typ can have: those of its
// code, or of the code of a part it holds (ZoneDetail's configuration); 0 for no code.
func (r *Roles) codes(typ string) int {
	return r.codeCounts.get(typ, func() int {
		tr := r.typ(typ)
		if tr == nil {
			return 0
		}
		if tr.code != "" {
			return r.enumLen(tr, tr.code)
		}
		for _, f := range tr.def.Fields {
			if f.Type.Elem != nil || len(f.Arguments) > 0 {
				continue
			}
			if pt := r.typ(f.Type.Name()); pt != nil && pt.code != "" {
				return r.enumLen(pt, pt.code)
			}
		}
		return 0
	})
}

// enumLen is how many values the enum field of tr has.
func (r *Roles) enumLen(tr *typeRole, field string) int {
	return len(r.schema.Types[tr.def.Fields.ForName(field).Type.Name()].EnumValues)
}

// codeValue is the code an object of a list answers: what it states, else the enum's
// value at its place in its list, else the Faker's; "" when its type has no code.
func (g *Generator) codeValue(tr *typeRole, mt *meta, source map[string]any) string {
	if tr.code == "" {
		return ""
	}
	fd := tr.def.Fields.ForName(tr.code)
	if v, ok := source[fd.Name].(string); ok {
		return v
	}
	if e := g.schema.Types[fd.Type.Name()]; mt.pos > 0 {
		return e.EnumValues[(mt.pos-1)%len(e.EnumValues)].Name
	}
	v, _ := g.leafValue(tr, mt, fd, source).(string)
	return v
}

// kindOfCode is the value of a kind enum (zoneType) that a code names: the same value,
// or one that begins the other (AUX for AUXILIARY), else the kind's first value (HEAT,
// for ZONE_1).
func kindOfCode(kind *ast.Definition, code string) string {
	if code == "" || len(kind.EnumValues) == 0 {
		return ""
	}
	for _, v := range kind.EnumValues {
		if v.Name == code || strings.HasPrefix(code, v.Name) || strings.HasPrefix(v.Name, code) {
			return v.Name
		}
	}
	return kind.EnumValues[0].Name
}

// codeWords is a code told as a name: ZONE_1 is "Zone 1", WATER "Water".
func codeWords(code string) string {
	parts := strings.Split(strings.ToLower(code), "_")
	if len(parts) > 0 && parts[0] != "" {
		parts[0] = strings.ToUpper(parts[0][:1]) + parts[0][1:]
	}
	return strings.Join(parts, " ")
}

// Things a list names by a free String code (a controller's sensors) are numbered by
// what the list calls them: SENSOR01, SENSOR02…; every such list under one owner (the
// sensors of a controller's zones and of its status) has the same length, so the same
// codes; and a field naming the primary one of a sibling list (primarySensor) names
// its first.

// stringCoded reports whether the items of a list of typ are named by a String code:
// every concrete type has a String field code described as its code name ("The code
// name for a sensor."), which an error's or a product's code is not.
func (r *Roles) stringCoded(typ string) bool {
	return r.coded.get(typ, func() bool {
		types := r.possible(typ)
		for _, t := range types {
			tr := r.typ(t)
			if tr == nil {
				return false
			}
			f := tr.def.Fields.ForName("code")
			if f == nil || f.Type.Elem != nil || f.Type.Name() != "String" || !strings.Contains(strings.ToLower(fieldDoc(f)), "code name") {
				return false
			}
		}
		return len(types) > 0
	})
}

// listNoun is what a list field calls one of its items, in capitals: SENSOR for sensors.
func listNoun(field string) string {
	return strings.ToUpper(lastWord(field)) // words are singular
}

// numberedCode is the code of the pos'th (from 1) item of a list that calls its items
// noun.
func numberedCode(noun string, pos int) string {
	return fmt.Sprintf("%s%02d", noun, pos)
}

// ownedCount is how many items every list of String-coded things called noun has under
// the owner with scope key: one to three.
func ownedCount(scope uint64, noun string) int {
	return 1 + int(fake.Mix64(scope^fake.HashStrings("coded", noun))%3)
}

// primaryOf is the list field of def that a String field naming its primary item
// (primarySensor) refers to, told as the code of that list's first item; "" when fd is
// not such a field.
func (r *Roles) primaryOf(def *ast.Definition, fd *ast.FieldDefinition) string {
	rest, ok := strings.CutPrefix(fd.Name, "primary")
	if !ok || rest == "" || fd.Type.Name() != "String" || fd.Type.Elem != nil {
		return ""
	}
	for _, f := range def.Fields {
		if f.Type.Elem != nil && strings.EqualFold(lastWord(f.Name), rest) && r.stringCoded(f.Type.Name()) {
			return numberedCode(listNoun(f.Name), 1)
		}
	}
	return ""
}
