package world

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// personRole is how a type that names a person (a given and a family name) says who
// they are: the fields whose values the person's other names are made of.
type personRole struct {
	given, family string
}

// The parts of a person a leaf can name.
const (
	personFull      = "full"      // fullName, displayName, name: given and family name
	personPreferred = "preferred" // preferredName: what they are called, their given name
	personTitle     = "title"     // title, salutation, honorific
	personPronouns  = "pronouns"  // pronouns, agreeing with the title
)

// personOf finds a type's given and family name fields (givenName, else firstName or
// forename; familyName, else lastName or surname), nil unless it has both.
func personOf(def *ast.Definition) *personRole {
	first := func(names ...string) string {
		for _, n := range names {
			if f := def.Fields.ForName(n); f != nil && plainString(f) {
				return n
			}
		}
		return ""
	}
	p := personRole{first("givenName", "firstName", "forename"), first("familyName", "lastName", "surname")}
	if p.given == "" || p.family == "" {
		return nil
	}
	return &p
}

// personPart is the part of a person a String leaf of a person type names, "" for none.
func personPart(fd *ast.FieldDefinition) string {
	if !plainString(fd) {
		return ""
	}
	switch strings.ToLower(fd.Name) {
	case "fullname", "displayname", "name":
		return personFull
	case "preferredname":
		return personPreferred
	case "title", "salutation", "honorific":
		return personTitle
	case "pronouns":
		return personPronouns
	}
	return ""
}

// honorifics are titles with the pronouns that go with them.
var honorifics = [][2]string{
	{"Mr", "he/him"}, {"Mr", "he/him"}, {"Mrs", "she/her"}, {"Ms", "she/her"}, {"Miss", "she/her"},
	{"Dr", "she/her"}, {"Dr", "he/him"}, {"Mx", "they/them"},
}

// personValue answers a part of the person an object names: their names from its given
// and family name (as given, echoed or made up), a title and pronouns that agree.
func (g *Generator) personValue(tr *typeRole, mt *meta, part string, source map[string]any) any {
	switch part {
	case personTitle, personPronouns:
		h := honorifics[newRng(mt.key^0x5eed0f7e250a).intn(len(honorifics))]
		if part == personTitle {
			return h[0]
		}
		return h[1]
	}
	name := func(field string) string {
		if v, ok := source[field].(string); ok {
			return v
		}
		if mt.given != nil {
			if v, ok := mt.given.in[field].(string); ok && v != "" {
				return v
			}
		}
		v, _ := g.leafValue(tr, mt, tr.def.Fields.ForName(field), source).(string)
		return v
	}
	given := name(tr.person.given)
	if part == personPreferred {
		return given
	}
	return strings.TrimSpace(given + " " + name(tr.person.family))
}
