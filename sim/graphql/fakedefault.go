package graphql

import (
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"
)

// defaultFaker is the Faker used when Options.Faker is nil: plain values derived from the key.
type defaultFaker struct{}

func (defaultFaker) Leaf(key uint64, _, field string, typ *ast.Definition) any {
	if typ.Kind == ast.Enum {
		if len(typ.EnumValues) == 0 {
			return nil
		}
		return typ.EnumValues[key%uint64(len(typ.EnumValues))].Name
	}
	switch typ.Name {
	case "Int":
		return int(key % 1000)
	case "Float":
		return float64(key%100000) / 100
	case "Boolean":
		return key&1 == 1
	case "ID":
		return strconv.FormatUint(key%1000000007, 36)
	}
	return field + "-" + strconv.FormatUint(key%1000000007, 36)
}

func (defaultFaker) ListLen(key uint64) int { return 1 + int(key%3) }

func (defaultFaker) Pick(key uint64, n int) int { return int(key % uint64(n)) }
