package schema

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/testshared"
)

// sharedDir returns ../shared/<sub> beside the repository root, or skips the test.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	return testshared.Path(t, sub)
}

func TestLoadEmbedded(t *testing.T) {
	for _, src := range []*ast.Source{APISource(), AuthSource()} {
		s, err := Load(src)
		if err != nil {
			t.Fatalf("%s: %v", src.Name, err)
		}
		if s.Query == nil {
			t.Errorf("%s: no Query type", src.Name)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		sdl  string
		want string
	}{
		{"syntax", "type Query {\n  a: Int\n  b Int\n}", "bad.graphql:3:5: Expected :, found Name."},
		{"unknown type", "type Query {\n  a: Nope\n}", "bad.graphql:2:6: Undefined type Nope."},
		{"no query", "type Mutation { a: Int }", "bad.graphql: the schema has no Query type"},
		{"redeclared user type", "type Query { a: Int }\ntype Query { b: Int }", "bad.graphql:2:6: Cannot redeclare type Query."},
		{"empty", "", "bad.graphql: the schema has no Query type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(&ast.Source{Name: "bad.graphql", Input: tt.sdl})
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("want *Error, got %T %v", err, err)
			}
			if err.Error() != tt.want {
				t.Errorf("got  %q\nwant %q", err.Error(), tt.want)
			}
		})
	}
}

func TestLoadToleratesIntrospectionDump(t *testing.T) {
	sdl := `scalar Boolean
scalar String
directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ENUM_VALUE | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
type Query { ok: Boolean @deprecated(reason: "gone") }`
	s, err := Load(&ast.Source{Name: "dump.graphql", Input: sdl})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Query.Fields.ForName("ok").Type.Name(); got != "Boolean" {
		t.Errorf("ok type = %s", got)
	}
}

// TestBuiltinScalarDescriptions: the built-in scalars are described as graphql-core
// describes them (gqlparser's own read differently: "`String`scalar"), or as the SDL
// describes them when it redeclares them with a description.
func TestBuiltinScalarDescriptions(t *testing.T) {
	s, err := Load(&ast.Source{Name: "dump.graphql", Input: `"Text, as the tenant says." scalar String
scalar Int
type Query { s: String, i: Int, f: Float, id: ID }`})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"String": "Text, as the tenant says.",
		"Int":    "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
		"Float":  "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
		"ID":     "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.",
	} {
		if got := s.Types[name].Description; got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

func TestReadSourceMissing(t *testing.T) {
	_, err := ReadSource("no/such/file.graphql")
	if err == nil || err.Error() != "no/such/file.graphql: no such file or directory" {
		t.Errorf("got %v", err)
	}
}

func TestCatalogForms(t *testing.T) {
	sdl := `
type Query {
  """
  Read a thing.

  The possible errors that can be raised are:

  - KT-CT-4178: No account found with given account number.
  - KT-CT-1113: Disabled GraphQL field requested.
  - KT-CT-4178: No account found with given account number.

  This field requires the ` + "`Authorization`" + ` header to be set.
  """
  thing: Int
  "Plain, no errors."
  plain: Int @deprecated(reason: "Use thing.")
}
type Mutation {
  # Change a thing.
  #
  # The possible errors that can be raised are:
  #
  # - KT-CT-1111: Unauthorized.
  # - KT-CT-1112: 'Authorization' header not provided.
  #
  # This field requires the Authorization header to be set.
  change(x: Int): Int
  legacy: Int @deprecated
}`
	s, err := Load(&ast.Source{Name: "c.graphql", Input: sdl})
	if err != nil {
		t.Fatal(err)
	}
	c := NewCatalog(s)
	tests := []struct {
		op         ast.Operation
		name       string
		codes      []string
		auth       bool
		deprecated string
		summary    string
	}{
		{ast.Query, "thing", []string{"KT-CT-4178", "KT-CT-1113"}, true, "", "Read a thing."},
		{ast.Query, "plain", nil, false, "Use thing.", "Plain, no errors."},
		{ast.Mutation, "change", []string{"KT-CT-1111", "KT-CT-1112"}, true, "", "Change a thing."},
		{ast.Mutation, "legacy", nil, false, "No longer supported", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fc, ok := c.Field(tt.op, tt.name)
			if !ok {
				t.Fatal("missing from catalog")
			}
			if !slices.Equal(fc.Codes(), tt.codes) {
				t.Errorf("codes = %v, want %v", fc.Codes(), tt.codes)
			}
			if fc.RequiresAuth != tt.auth {
				t.Errorf("RequiresAuth = %v", fc.RequiresAuth)
			}
			if fc.DeprecationReason != tt.deprecated || fc.Deprecated != (tt.deprecated != "") {
				t.Errorf("deprecation = %v %q", fc.Deprecated, fc.DeprecationReason)
			}
			if fc.Summary != tt.summary {
				t.Errorf("summary = %q", fc.Summary)
			}
		})
	}
	if e, ok := mustField(t, c, ast.Mutation, "change").Documents("KT-CT-1112"); !ok || e.Message != "'Authorization' header not provided." {
		t.Errorf("Documents(KT-CT-1112) = %v %v", e, ok)
	}
	if got := len(c.FieldsDocumenting("KT-CT-1111")); got != 1 {
		t.Errorf("FieldsDocumenting(KT-CT-1111) = %d fields", got)
	}
	if fc, ok := c.Lookup("change"); !ok || fc.Operation != ast.Mutation {
		t.Errorf("Lookup(change) = %v %v", fc, ok)
	}
}

func mustField(t *testing.T, c *Catalog, op ast.Operation, name string) *FieldContract {
	t.Helper()
	fc, ok := c.Field(op, name)
	if !ok {
		t.Fatalf("%s %s missing", op, name)
	}
	return fc
}

// TestReferenceTenantSDLs loads the real tenant SDLs and checks the catalog reads them.
func TestReferenceTenantSDLs(t *testing.T) {
	dir := sharedDir(t, "reference")
	tests := []struct {
		file          string
		minMutations  int
		field         string
		op            ast.Operation
		wantCodes     []string
		wantAuth      bool
		minAuthFields int
		withErrors    int
	}{
		{"octopus-schema.graphql", 236, "checkBusinessCreditRisk", ast.Mutation,
			[]string{"KT-CT-10701", "KT-CT-10702", "KT-CT-1113", "KT-CT-1111", "KT-CT-1112"}, false, 10, 186},
		{"origin-schema.graphql", 288, "", ast.Mutation, nil, false, 20, 463},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := ReadSource(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			s, err := Load(src)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(s.Mutation.Fields); got < tt.minMutations {
				t.Errorf("mutations = %d, want >= %d", got, tt.minMutations)
			}
			c := NewCatalog(s)
			withErrors, withAuth := 0, 0
			for _, fc := range c.Fields() {
				if len(fc.Errors) > 0 {
					withErrors++
				}
				if fc.RequiresAuth {
					withAuth++
				}
				for _, e := range fc.Errors {
					if !codePattern().MatchString(e.Code) || e.Message == "" {
						t.Errorf("%s: bad entry %+v", fc.Name, e)
					}
				}
			}
			// The counts are of "The possible errors that can be raised are:" blocks on
			// root fields, counted by grep in the files.
			if withErrors != tt.withErrors {
				t.Errorf("%d root fields have documented errors, want %d", withErrors, tt.withErrors)
			}
			if withAuth < tt.minAuthFields {
				t.Errorf("only %d root fields require auth, want >= %d", withAuth, tt.minAuthFields)
			}
			if tt.field != "" {
				fc := mustField(t, c, tt.op, tt.field)
				if !slices.Equal(fc.Codes(), tt.wantCodes) {
					t.Errorf("%s codes = %v, want %v", tt.field, fc.Codes(), tt.wantCodes)
				}
			}
		})
	}
}

func TestParseRegistry(t *testing.T) {
	good := `errors:
  KT-CT-1112:
    type: AUTHORIZATION
    message: "'Authorization' header not provided."
    description: Send the token.
  KT-CT-4178:
    type: NOT_FOUND
    message: No account found with given account number.
    description: Check the number.
    source: reference
`
	r, err := ParseRegistry("r.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Codes(); !slices.Equal(got, []string{"KT-CT-1112", "KT-CT-4178"}) {
		t.Errorf("codes = %v", got)
	}
	if info, _ := r.Lookup("KT-CT-1112"); info.Message != "'Authorization' header not provided." || info.Type != TypeAuthorization {
		t.Errorf("lookup = %+v", info)
	}

	// The published registry's own format: metadata keys beside a list of codes.
	published := `generated: '2026-07-27'
source: https://example.invalid/error-codes/
code_count: 2
error_types:
- {type: VALIDATION, count: 1}
codes:
- code: KT-CT-13202
  type: VALIDATION
  description: The tenant's own words.
  message: Invalid voucher purchase.
- code: KT-CT-10302
  type: NOT_FOUND
  message: Not found.
`
	p, err := ParseRegistry("p.yaml", []byte(published))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Codes(); !slices.Equal(got, []string{"KT-CT-10302", "KT-CT-13202"}) {
		t.Errorf("published format: codes = %v", got)
	}
	if info, _ := p.Lookup("KT-CT-13202"); info != (ErrorInfo{Code: "KT-CT-13202", Type: TypeValidation, Message: "Invalid voucher purchase.", Description: "The tenant's own words."}) {
		t.Errorf("published format: lookup = %+v", info)
	}

	bad := []struct {
		name, yaml, want string
	}{
		{"syntax", "errors:\n  KT-CT-1: [\n", "r.yaml:2:12: did not find expected node content"},
		{"top key", "eror: {}\n", "r.yaml:1:1: unknown key \"eror\" (want `errors`, or the published registry's `codes`)"},
		{"codes not a list", "codes: {}\n", "r.yaml:1:8: `codes` must list entries, each with code, type and message"},
		{"codes entry without code", "codes:\n- {type: VALIDATION, message: m}\n", "r.yaml:2:3: want an entry with code, type, message and description"},
		{"codes entry bad code", "codes:\n- {code: E1, type: VALIDATION, message: m}\n", "r.yaml:2:10: \"E1\" is not a Kraken error code (want KT-XX-1234 or OE-1234)"},
		{"codes entry unknown key", "codes:\n- code: KT-CT-1234\n  typ: VALIDATION\n", "r.yaml:3:3: KT-CT-1234: unknown key \"typ\" (want type, message, description, source, platform)"},
		{"codes entry no message", "codes:\n- {code: KT-CT-1234, type: VALIDATION}\n", "r.yaml:2:10: KT-CT-1234: message is missing"},
		{"codes and errors twice", "errors:\n  KT-CT-1234: {type: VALIDATION, message: m}\ncodes:\n- {code: KT-CT-1234, type: VALIDATION, message: m}\n", "r.yaml:4:10: code KT-CT-1234 is listed twice"},
		{"bad code", "errors:\n  E1: {type: VALIDATION, message: m}\n", "r.yaml:2:3: \"E1\" is not a Kraken error code (want KT-XX-1234 or OE-1234)"},
		{"bad type", "errors:\n  KT-CT-1234: {type: OOPS, message: m}\n", "r.yaml:2:3: KT-CT-1234: type \"OOPS\" is not one of VALIDATION, NOT_FOUND, APPLICATION, AUTHORIZATION, SERVICE_AVAILABILITY"},
		{"unknown key", "errors:\n  KT-CT-1234:\n    type: VALIDATION\n    mesage: m\n", "r.yaml:4:5: KT-CT-1234: unknown key \"mesage\" (want type, message, description, source, platform)"},
		{"bad platform", "errors:\n  KT-CT-1234:\n    type: VALIDATION\n    message: m\n    platform: every\n", "r.yaml:2:3: KT-CT-1234: platform \"every\" is not auth or any"},
		{"no message", "errors:\n  KT-CT-1234: {type: VALIDATION}\n", "r.yaml:2:3: KT-CT-1234: message is missing"},
		{"twice", "errors:\n  KT-CT-1234: {type: VALIDATION, message: m}\n  KT-CT-1234: {type: VALIDATION, message: m}\n", "r.yaml:3:3: code KT-CT-1234 is listed twice"},
		{"not a map", "- a\n", "r.yaml:1:1: want a mapping with an `errors` key"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRegistry("r.yaml", []byte(tt.yaml))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestRegistryExtend(t *testing.T) {
	base, err := ParseRegistry("a", []byte("errors:\n  KT-CT-1111: {type: AUTHORIZATION, message: Unauthorized.}\n  KT-CT-1113: {type: APPLICATION, message: Disabled.}\n"))
	if err != nil {
		t.Fatal(err)
	}
	user, err := ParseRegistry("b", []byte("errors:\n  KT-CT-1111: {type: AUTHORIZATION, message: Nope.}\n  KT-XX-10001: {type: VALIDATION, message: Mine.}\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := base.Extend(user)
	if got := r.Codes(); !slices.Equal(got, []string{"KT-CT-1111", "KT-CT-1113", "KT-XX-10001"}) {
		t.Errorf("codes = %v", got)
	}
	if info, _ := r.Lookup("KT-CT-1111"); info.Message != "Nope." {
		t.Errorf("user entry did not win: %+v", info)
	}
	if info, _ := base.Lookup("KT-CT-1111"); info.Message != "Unauthorized." {
		t.Errorf("Extend changed its receiver: %+v", info)
	}
}

// TestRegistryCoversEmbeddedSDL checks every code a shipped root field documents has
// a registry entry, so every documented error can be raised with its type.
func TestRegistryCoversEmbeddedSDL(t *testing.T) {
	reg, err := DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []*ast.Source{APISource(), AuthSource()} {
		s, err := Load(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, fc := range NewCatalog(s).Fields() {
			for _, e := range fc.Errors {
				if _, ok := reg.Lookup(e.Code); !ok {
					t.Errorf("%s: %s documents %s, which the registry lacks", src.Name, fc.Name, e.Code)
				}
			}
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("type Query { a: Int }")
	f.Add("scalar String\ntype Query { a(x: [Int!] = [1]): String @deprecated }")
	f.Add("type Query {")
	f.Fuzz(func(t *testing.T, sdl string) {
		s, err := Load(&ast.Source{Name: "f.graphql", Input: sdl})
		if err == nil {
			NewCatalog(s)
			return
		}
		if !strings.HasPrefix(err.Error(), "f.graphql") {
			t.Errorf("error does not name the file: %v", err)
		}
	})
}

func FuzzParseRegistry(f *testing.F) {
	f.Add("errors:\n  KT-CT-1111: {type: AUTHORIZATION, message: Unauthorized.}\n")
	f.Add("errors: [1, 2]")
	f.Add(":")
	f.Add("generated: x\ncode_count: 1\ncodes:\n- {code: KT-CT-13202, type: VALIDATION, message: m, description: d}\n")
	f.Add("codes:\n- [code, KT-CT-1]\n- {code: {a: b}}\n")
	f.Fuzz(func(t *testing.T, data string) {
		r, err := ParseRegistry("f.yaml", []byte(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		for _, c := range r.Codes() {
			if info, ok := r.Lookup(c); !ok || info.Message == "" {
				t.Errorf("%s: incomplete entry", c)
			}
		}
	})
}

// TestRefusalOf reads the code a field's summary says it answers when it cannot do what
// it is asked, and the extension listing why: only a code the field documents.
func TestRefusalOf(t *testing.T) {
	documented := []DocumentedError{{Code: "KT-CT-4356"}, {Code: "KT-CT-4357"}}
	for _, tc := range []struct{ summary, code, extension string }{
		{"Start a boost.\n\nIf it is not possible to initiate a boost charge, a KT-CT-4357 error will be returned.\nIt may have a `boostChargeRefusalReasons` extension which lists the reasons.", "KT-CT-4357", "boostChargeRefusalReasons"},
		{"If it is not possible, a KT-CT-4357 error will be returned.", "KT-CT-4357", ""},
		{"If it is not possible, a KT-CT-9999 error will be returned.", "", ""},
		{"Start a boost.", "", ""},
		{"a `reasons` extension, but no code", "", ""},
	} {
		code, ext := refusalOf(tc.summary, documented)
		if code != tc.code || ext != tc.extension {
			t.Errorf("%q: %q %q, want %q %q", tc.summary, code, ext, tc.code, tc.extension)
		}
	}
}
