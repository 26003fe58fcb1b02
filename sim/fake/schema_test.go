package fake

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/testshared"
)

// loadReferenceSchema loads the Octopus tenant SDL from ../shared/reference next to
// the repository root, skipping the test when it is absent.
func loadReferenceSchema(t testing.TB) *ast.Schema {
	t.Helper()
	path := testshared.Path(t, "reference", "octopus-schema.graphql")
	src, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("reference schema %s absent; skipping", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: path, Input: string(src)})
	if gerr != nil {
		t.Fatalf("%s: %v", path, gerr)
	}
	return schema
}

// TestReferenceSchemaLeaves fakes every leaf field of every object and interface
// type of the real Octopus SDL and checks each value has its scalar's JSON kind.
func TestReferenceSchemaLeaves(t *testing.T) {
	schema := loadReferenceSchema(t)
	f := New(20250314)
	leaves := 0
	for _, def := range schema.Types {
		if def.Kind != ast.Object && def.Kind != ast.Interface {
			continue
		}
		for _, fd := range def.Fields {
			typ := schema.Types[fd.Type.Name()]
			if typ == nil {
				t.Fatalf("%s.%s: unknown type %s", def.Name, fd.Name, fd.Type.Name())
			}
			if typ.Kind != ast.Scalar && typ.Kind != ast.Enum {
				continue
			}
			leaves++
			for key := uint64(0); key < 8; key++ {
				v := f.Leaf(key, def.Name, fd.Name, typ)
				if typ.Name == "Date" && strings.Contains(strings.ToLower(fd.Name), "birth") {
					if !reBirthDate.MatchString(asString(v)) {
						t.Errorf("%s.%s: want an adult's birth date (got %#v)", def.Name, fd.Name, v)
					}
					continue
				}
				if msg := kindError(typ, v); msg != "" {
					t.Errorf("%s.%s: %s: %s (got %T %#v)", def.Name, fd.Name, typ.Name, msg, v, v)
				}
			}
		}
	}
	if leaves < 1000 {
		t.Fatalf("only %d leaf fields found; schema not what the test expects", leaves)
	}
}

// kindError returns why v is not a valid result for typ, or "".
func kindError(typ *ast.Definition, v any) string {
	if typ.Kind == ast.Enum {
		s, ok := v.(string)
		if !ok {
			return "enum value must be a string"
		}
		if typ.EnumValues.ForName(s) == nil {
			return "not a value of the enum"
		}
		return ""
	}
	switch typ.Name {
	case "Int":
		x, ok := v.(int)
		if !ok || x < math.MinInt32 || x > math.MaxInt32 {
			return "want an int within int32"
		}
	case "BigInt":
		x, ok := v.(int64)
		if !ok || x > 1<<53 || x < -(1<<53) {
			return "want an int64 within 2^53"
		}
	case "Float":
		x, ok := v.(float64)
		if !ok || math.IsNaN(x) || math.IsInf(x, 0) {
			return "want a finite float64"
		}
	case "Boolean":
		if _, ok := v.(bool); !ok {
			return "want a bool"
		}
	case "GenericScalar":
		if _, ok := v.(map[string]any); !ok {
			return "want a JSON object"
		}
	case "ID":
		if s := asString(v); !reNumericID.MatchString(s) && !reUUID.MatchString(s) {
			return "want a numeric or UUID ID string"
		}
	case "Date":
		if !reDate.MatchString(asString(v)) {
			return "want a Date"
		}
	case "DateTime":
		if !reDateTime.MatchString(asString(v)) {
			return "want a DateTime"
		}
	case "Time":
		if !reTime.MatchString(asString(v)) {
			return "want a Time"
		}
	case "UUID":
		if !reUUID.MatchString(asString(v)) {
			return "want a UUID"
		}
	case "Email":
		if !reEmail.MatchString(asString(v)) {
			return "want an email"
		}
	case "Decimal", "FloatSafeDecimal":
		if !reDecimalAny.MatchString(asString(v)) {
			return "want a decimal string"
		}
	case "NormalizedDecimal":
		if s := asString(v); !reNormalizedDecimal.MatchString(s) {
			return "want a decimal string with no trailing zeros"
		}
	default:
		if _, ok := v.(string); !ok {
			return "want a string"
		}
	}
	return ""
}

func asString(v any) string {
	s, _ := v.(string)
	return s
}
