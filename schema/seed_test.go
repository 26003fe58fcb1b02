package schema

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/krakensim/krakensim/internal/testshared"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The seed documents this test holds the embedded SDLs to.
const (
	seedJSON = "seeds/004_4aca922e598819a4.mutations.json"
	seedText = "seeds/004_4aca922e598819a4.txt"
)

// seedMutation is one mutation of the seed JSON.
type seedMutation struct {
	Name         string     `json:"name"`
	Server       string     `json:"server"`
	Type         string     `json:"type"`
	Description  string     `json:"description"`
	RequiresAuth bool       `json:"requires_auth"`
	Errors       [][]string `json:"errors"`
	Args         [][]string `json:"args"`
	Returns      [][]any    `json:"returns"`
	Operation    string     `json:"operation"`
}

// seedReturn is one return field of a seed mutation.
type seedReturn struct {
	Name, Type string
	Deprecated bool
}

func (m seedMutation) returns() ([]seedReturn, error) {
	out := make([]seedReturn, 0, len(m.Returns))
	for i, r := range m.Returns {
		if len(r) != 3 {
			return nil, fmt.Errorf("returns[%d]: want [name, type, deprecated], got %v", i, r)
		}
		name, ok1 := r[0].(string)
		typ, ok2 := r[1].(string)
		dep, ok3 := r[2].(bool)
		if !ok1 || !ok2 || !ok3 {
			return nil, fmt.Errorf("returns[%d]: want [string, string, bool], got %v", i, r)
		}
		out = append(out, seedReturn{name, typ, dep})
	}
	return out, nil
}

// seedDir returns ../shared beside the repository root, skipping when it is absent.
func seedDir(t testing.TB) string {
	t.Helper()
	testshared.Path(t, seedJSON)
	return testshared.Path(t)
}

func loadSeedMutations(t testing.TB) []seedMutation {
	t.Helper()
	shared := seedDir(t)
	b, err := os.ReadFile(filepath.Join(shared, seedJSON))
	if err != nil {
		t.Fatal(err)
	}
	var ms []seedMutation
	if err := json.Unmarshal(b, &ms); err != nil {
		t.Fatalf("%s: %v", seedJSON, err)
	}
	return ms
}

// seedDeprecation is what the seed text says is deprecated in one mutation section.
type seedDeprecation struct {
	field   string            // the mutation itself
	returns map[string]string // return field name → reason
}

var (
	seedFieldHead  = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*) \((\[?[A-Za-z_0-9]+!?\]?!?)\)$`)
	seedSectionEnd = map[string]bool{
		"Arguments": true, "Return fields": true, "Mutation": true,
		"This field requires the Authorization header to be set.": true,
		"The possible errors that can be raised are:":             true,
	}
)

// parseSeedDeprecations reads the deprecation reasons of every mutation section of the
// seed text: a section starts with the mutation's name, a blank line and "Type:…"; a
// reason follows a "Deprecated" line and runs to the next heading or field.
func parseSeedDeprecations(text string) map[string]seedDeprecation {
	lines := strings.Split(text, "\n")
	out := map[string]seedDeprecation{}
	var name, field string
	inReturns := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i+2 < len(lines) && l != "" && lines[i+1] == "" && strings.HasPrefix(lines[i+2], "Type:") {
			name, field, inReturns = l, "", false
			out[name] = seedDeprecation{returns: map[string]string{}}
			continue
		}
		if name == "" {
			continue
		}
		switch {
		case l == "Return fields":
			inReturns = true
		case l == "Mutation":
			inReturns, field = false, ""
		case inReturns && seedFieldHead.MatchString(l):
			field = seedFieldHead.FindStringSubmatch(l)[1]
		case l == "Deprecated":
			var reason []string
			j := i + 1
			for ; j < len(lines); j++ {
				if seedSectionEnd[lines[j]] || seedFieldHead.MatchString(lines[j]) {
					break
				}
				reason = append(reason, lines[j])
			}
			i = j - 1
			r := strings.Trim(strings.Join(reason, "\n"), "\n")
			d := out[name]
			if inReturns {
				d.returns[field] = r
			} else {
				d.field = r
			}
			out[name] = d
		}
	}
	return out
}

func loadSeedDeprecations(t testing.TB) map[string]seedDeprecation {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedDir(t), seedText))
	if err != nil {
		t.Fatal(err)
	}
	return parseSeedDeprecations(string(b))
}

// loadedSchemas loads the embedded API-site and auth-server SDLs.
func loadedSchemas(t testing.TB) map[string]*ast.Schema {
	t.Helper()
	out := map[string]*ast.Schema{}
	for server, src := range map[string]*ast.Source{"api": APISource(), "auth": AuthSource()} {
		s, err := Load(src)
		if err != nil {
			t.Fatalf("%s: %v", src.Name, err)
		}
		out[server] = s
	}
	return out
}

// describedErrors returns the documented error lines of a description exactly as
// written, duplicates included.
func describedErrors(desc string) [][]string {
	_, after, ok := strings.Cut(desc, "The possible errors that can be raised are:")
	if !ok {
		return nil
	}
	var out [][]string
	for line := range strings.SplitSeq(after, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			if len(out) > 0 {
				break
			}
			continue
		}
		code, msg, ok := strings.Cut(strings.TrimPrefix(line, "- "), ": ")
		if !ok || !strings.HasPrefix(line, "- ") {
			break
		}
		out = append(out, []string{code, msg})
	}
	return out
}

// seedSummary is the seed description with the deprecation notice, which the seed
// text inlines into it, removed.
func seedSummary(desc string) string {
	if i := strings.Index(desc, " Deprecated The '"); i >= 0 {
		desc = desc[:i]
	}
	return strings.TrimSpace(desc)
}

func firstOccurrences(errs [][]string) []DocumentedError {
	var out []DocumentedError
	seen := map[string]bool{}
	for _, e := range errs {
		if !seen[e[0]] {
			seen[e[0]] = true
			out = append(out, DocumentedError{Code: e[0], Message: e[1]})
		}
	}
	return out
}

var fragmentSpread = regexp.MustCompile(`\.\.\.([A-Za-z_][A-Za-z0-9_]*)Fragment\b`)

// runnableOperation replaces each undefined `...XFragment` spread of a seed example
// with a selection of X's fields that take no required argument and return leaves.
func runnableOperation(s *ast.Schema, op string) (string, error) {
	var missing []string
	out := fragmentSpread.ReplaceAllStringFunc(op, func(spread string) string {
		name := fragmentSpread.FindStringSubmatch(spread)[1]
		def := s.Types[name]
		if def == nil {
			missing = append(missing, name)
			return "__typename"
		}
		return leafSelection(s, def)
	})
	if len(missing) > 0 {
		return out, fmt.Errorf("fragments name undefined types %v", missing)
	}
	return out, nil
}

func leafSelection(s *ast.Schema, def *ast.Definition) string {
	sel := []string{"__typename"}
	for _, f := range def.Fields {
		if strings.HasPrefix(f.Name, "__") || hasRequiredArg(f) {
			continue
		}
		if t := s.Types[f.Type.Name()]; t != nil && t.IsLeafType() {
			sel = append(sel, f.Name)
		}
	}
	return strings.Join(sel, " ")
}

func hasRequiredArg(f *ast.FieldDefinition) bool {
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			return true
		}
	}
	return false
}

func TestSeedMutations(t *testing.T) {
	ms := loadSeedMutations(t)
	deps := loadSeedDeprecations(t)
	schemas := loadedSchemas(t)
	catalogs := map[string]*Catalog{"api": NewCatalog(schemas["api"]), "auth": NewCatalog(schemas["auth"])}

	perServer := map[string]int{}
	for _, m := range ms {
		perServer[m.Server]++
	}
	if len(ms) != 87 || perServer["api"] != 84 || perServer["auth"] != 3 {
		t.Errorf("seed: want 87 mutations (84 api, 3 auth), got %d %v", len(ms), perServer)
	}

	for _, m := range ms {
		t.Run(m.Name, func(t *testing.T) {
			s, cat := schemas[m.Server], catalogs[m.Server]
			if s == nil {
				t.Fatalf("%s: unknown server %q", m.Name, m.Server)
			}
			f := s.Mutation.Fields.ForName(m.Name)
			if f == nil {
				t.Fatalf("%s: not a mutation of the %s schema", m.Name, m.Server)
			}
			checkSignature(t, s, m, f)
			checkReturns(t, s, m, f, deps[m.Name])
			checkContract(t, cat, m, f, deps[m.Name])
			checkOperation(t, s, m)
		})
	}
}

func checkSignature(t *testing.T, s *ast.Schema, m seedMutation, f *ast.FieldDefinition) {
	t.Helper()
	var want, got []string
	for _, a := range m.Args {
		want = append(want, a[0])
	}
	for _, a := range f.Arguments {
		got = append(got, a.Name)
	}
	if !slices.Equal(want, got) {
		t.Errorf("%s: arguments: want %v, got %v", m.Name, want, got)
	}
	for _, a := range m.Args {
		arg := f.Arguments.ForName(a[0])
		if arg == nil {
			continue
		}
		if arg.Type.String() != a[1] {
			t.Errorf("%s: arg %s: want %s, got %s", m.Name, a[0], a[1], arg.Type.String())
		}
		if s.Types[arg.Type.Name()] == nil {
			t.Errorf("%s: arg %s: type %s is not defined", m.Name, a[0], arg.Type.Name())
		}
	}
	if f.Type.String() != m.Type {
		t.Errorf("%s: return type: want %s, got %s", m.Name, m.Type, f.Type.String())
	}
}

func checkReturns(t *testing.T, s *ast.Schema, m seedMutation, f *ast.FieldDefinition, dep seedDeprecation) {
	t.Helper()
	rets, err := m.returns()
	if err != nil {
		t.Fatalf("%s: seed %v", m.Name, err)
	}
	payload := s.Types[f.Type.Name()]
	if payload == nil {
		t.Fatalf("%s: return type %s is not defined", m.Name, f.Type.Name())
	}
	if len(rets) == 0 {
		// The seed lists no return fields here; its example operation still selects
		// some, which checkOperation validates.
		return
	}
	var want, got []string
	for _, r := range rets {
		want = append(want, r.Name)
	}
	for _, pf := range payload.Fields {
		if !strings.HasPrefix(pf.Name, "__") {
			got = append(got, pf.Name)
		}
	}
	if !slices.Equal(want, got) {
		t.Errorf("%s: fields of %s: want %v, got %v", m.Name, payload.Name, want, got)
	}
	for _, r := range rets {
		pf := payload.Fields.ForName(r.Name)
		if pf == nil {
			continue
		}
		if pf.Type.String() != r.Type {
			t.Errorf("%s: return field %s: want %s, got %s", m.Name, r.Name, r.Type, pf.Type.String())
		}
		if s.Types[pf.Type.Name()] == nil {
			t.Errorf("%s: return field %s: type %s is not defined", m.Name, r.Name, pf.Type.Name())
		}
		d := pf.Directives.ForName("deprecated")
		if (d != nil) != r.Deprecated {
			t.Errorf("%s: return field %s: want deprecated=%v, got %v", m.Name, r.Name, r.Deprecated, d != nil)
		}
		wantReason, documented := dep.returns[r.Name]
		if documented != r.Deprecated {
			t.Errorf("%s: return field %s: seed JSON says deprecated=%v, seed text has a reason=%v", m.Name, r.Name, r.Deprecated, documented)
		}
		if d != nil && documented {
			if got := deprecationReason(d); got != wantReason {
				t.Errorf("%s: return field %s: deprecation reason:\nwant %q\ngot  %q", m.Name, r.Name, wantReason, got)
			}
		}
	}
}

func deprecationReason(d *ast.Directive) string {
	if a := d.Arguments.ForName("reason"); a != nil && a.Value != nil {
		return a.Value.Raw
	}
	return ""
}

func checkContract(t *testing.T, cat *Catalog, m seedMutation, f *ast.FieldDefinition, dep seedDeprecation) {
	t.Helper()
	fc, ok := cat.Field(ast.Mutation, m.Name)
	if !ok {
		t.Errorf("%s: not in the catalog", m.Name)
		return
	}
	if want := firstOccurrences(m.Errors); !slices.Equal(fc.Errors, want) {
		t.Errorf("%s: catalog errors:\nwant %v\ngot  %v", m.Name, want, fc.Errors)
	}
	if got := describedErrors(f.Description); !slices.EqualFunc(got, m.Errors, slices.Equal) {
		t.Errorf("%s: documented error lines:\nwant %v\ngot  %v", m.Name, m.Errors, got)
	}
	if fc.RequiresAuth != m.RequiresAuth {
		t.Errorf("%s: requires Authorization: want %v, got %v", m.Name, m.RequiresAuth, fc.RequiresAuth)
	}
	if want := seedSummary(m.Description); fc.Summary != want {
		t.Errorf("%s: description:\nwant %q\ngot  %q", m.Name, want, fc.Summary)
	}
	if fc.Deprecated != (dep.field != "") {
		t.Errorf("%s: want deprecated=%v, got %v", m.Name, dep.field != "", fc.Deprecated)
	}
	if dep.field != "" && fc.DeprecationReason != dep.field {
		t.Errorf("%s: deprecation reason:\nwant %q\ngot  %q", m.Name, dep.field, fc.DeprecationReason)
	}
}

func checkOperation(t *testing.T, s *ast.Schema, m seedMutation) {
	t.Helper()
	op, err := runnableOperation(s, m.Operation)
	if err != nil {
		t.Errorf("%s: example operation: %v", m.Name, err)
	}
	if _, errs := gqlparser.LoadQuery(s, op); len(errs) > 0 {
		t.Errorf("%s: example operation does not validate: %v\n%s", m.Name, errs, op)
	}
}

// TestSeedDeprecationsParsed guards the text parser the mutation test relies on.
func TestSeedDeprecationsParsed(t *testing.T) {
	deps := loadSeedDeprecations(t)
	var deprecatedFields []string
	returns := 0
	for name, d := range deps {
		if d.field != "" {
			deprecatedFields = append(deprecatedFields, name)
		}
		returns += len(d.returns)
	}
	sort.Strings(deprecatedFields)
	if want := []string{"forceMoveIn", "resetPassword", "updateUserDetails"}; !slices.Equal(deprecatedFields, want) {
		t.Errorf("deprecated mutations: want %v, got %v", want, deprecatedFields)
	}
	if len(deps) != 87 {
		t.Errorf("sections: want 87, got %d", len(deps))
	}
	if want := "The 'updateUserDetails' field is deprecated.\n\n\nPlease use the 'updateUser' mutation instead.\n\n\n- Marked as deprecated on 2020-10-02.\n- Scheduled for removal on or after 2023-04-06."; deps["updateUserDetails"].field != want {
		t.Errorf("updateUserDetails reason:\nwant %q\ngot  %q", want, deps["updateUserDetails"].field)
	}
	if r := deps["resetUserPassword"].returns; len(r) != 3 || !strings.Contains(r["failureCodes"], "`validationErrors[].code`") {
		t.Errorf("resetUserPassword deprecated returns: got %q", r)
	}
	want := 0
	for _, m := range loadSeedMutations(t) {
		for _, r := range m.Returns {
			if len(r) == 3 && r[2] == true {
				want++
			}
		}
	}
	if returns != want {
		t.Errorf("deprecated return fields: the JSON marks %d, the text gives reasons for %d", want, returns)
	}
}

func TestSeedTokenMutationOnBothServers(t *testing.T) {
	schemas := loadedSchemas(t)
	var sigs []string
	for _, server := range []string{"api", "auth"} {
		s := schemas[server]
		f := s.Mutation.Fields.ForName("obtainKrakenToken")
		if f == nil {
			t.Errorf("%s: obtainKrakenToken is missing", server)
			continue
		}
		sig := fmt.Sprintf("(%s): %s {", f.Arguments[0].Name+": "+f.Arguments[0].Type.String(), f.Type.String())
		for _, pf := range s.Types[f.Type.Name()].Fields {
			sig += " " + pf.Name + ": " + pf.Type.String()
		}
		for _, in := range s.Types["ObtainJSONWebTokenInput"].Fields {
			sig += " in." + in.Name + ": " + in.Type.String()
		}
		sigs = append(sigs, sig)
	}
	want := "(input: ObtainJSONWebTokenInput!): ObtainKrakenJSONWebToken { possibleErrors: [PossibleErrorType] token: String! payload: GenericScalar! refreshToken: String refreshExpiresIn: Int" +
		" in.email: String in.password: String in.APIKey: String in.organizationSecretKey: String in.preSignedKey: String in.refreshToken: String"
	for i, got := range sigs {
		if got != want {
			t.Errorf("obtainKrakenToken on %s:\nwant %s\ngot  %s", []string{"api", "auth"}[i], want, got)
		}
	}
}

func TestSeedQueryRoot(t *testing.T) {
	schemas := loadedSchemas(t)
	tests := []struct {
		server, field, args, typ string
		auth                     bool
	}{
		{"api", "viewer", "", "AccountUserType", true},
		{"api", "account", "accountNumber: String!", "AccountType", true},
		{"api", "property", "id: ID!", "PropertyType", true},
		{"api", "properties", "accountNumber: String!, active: Boolean", "[PropertyType]", true},
		{"api", "meterPoints", "mpan: ID, mprn: ID", "MeterPointInterface", true},
		{"api", "possibleErrors", "input: PossibleErrorsInputType!", "PossibleErrorsOutputType", false},
		{"auth", "possibleErrors", "input: PossibleErrorsInputType!", "PossibleErrorsOutputType", false},
	}
	for _, tt := range tests {
		t.Run(tt.server+"/"+tt.field, func(t *testing.T) {
			s := schemas[tt.server]
			f := s.Query.Fields.ForName(tt.field)
			if f == nil {
				t.Fatalf("%s: query %s is missing", tt.server, tt.field)
			}
			var args []string
			for _, a := range f.Arguments {
				args = append(args, a.Name+": "+a.Type.String())
			}
			if got := strings.Join(args, ", "); got != tt.args {
				t.Errorf("%s: arguments: want (%s), got (%s)", tt.field, tt.args, got)
			}
			if f.Type.String() != tt.typ {
				t.Errorf("%s: type: want %s, got %s", tt.field, tt.typ, f.Type.String())
			}
			fc, ok := NewCatalog(s).Field(ast.Query, tt.field)
			if !ok || fc.RequiresAuth != tt.auth {
				t.Errorf("%s: catalog requires Authorization: want %v, got %v (found=%v)", tt.field, tt.auth, fc != nil && fc.RequiresAuth, ok)
			}
		})
	}
}

// TestSeedFrontendShapes checks the types a frontend walks from account and viewer.
func TestSeedFrontendShapes(t *testing.T) {
	s := loadedSchemas(t)["api"]
	tests := []struct{ typ, field, want string }{
		{"PossibleErrorsInputType", "name", "String!"},
		{"PossibleErrorsInputType", "type", "query_type!"},
		{"PossibleErrorsInputType", "authErrors", "Boolean"},
		{"PossibleErrorsOutputType", "possibleErrors", "[PossibleErrorType]"},
		{"PossibleErrorType", "code", "String"},
		{"PossibleErrorType", "message", "String"},
		{"PossibleErrorType", "type", "String"},
		{"PossibleErrorType", "description", "String"},
		{"AccountUserType", "accounts", "[AccountInterface]"},
		{"AccountUserType", "givenName", "String!"},
		{"AccountUserType", "email", "String!"},
		{"AccountUserType", "preferences", "AccountUserCommsPreferences"},
		{"AccountType", "number", "String"},
		{"AccountType", "balance", "Int!"},
		{"AccountType", "properties", "[PropertyType]"},
		{"AccountType", "ledgers", "[LedgerType]"},
		{"AccountType", "paymentSchedules", "PaymentScheduleConnectionTypeConnection"},
		{"AccountType", "notes", "[AccountNoteType]"},
		{"AccountType", "transactions", "TransactionConnectionTypeConnection"},
		{"PropertyType", "electricityMeterPoints", "[ElectricityMeterPointType]"},
		{"PropertyType", "gasMeterPoints", "[GasMeterPointType]"},
		{"ElectricityMeterPointType", "mpan", "String!"},
		{"GasMeterPointType", "mprn", "String"},
		{"EnrollmentCancelled", "enrollmentProcess", "EnrollmentProcess!"},
	}
	for _, tt := range tests {
		def := s.Types[tt.typ]
		if def == nil {
			t.Errorf("type %s is missing", tt.typ)
			continue
		}
		f := def.Fields.ForName(tt.field)
		if f == nil {
			t.Errorf("%s.%s is missing", tt.typ, tt.field)
			continue
		}
		if f.Type.String() != tt.want {
			t.Errorf("%s.%s: want %s, got %s", tt.typ, tt.field, tt.want, f.Type.String())
		}
	}
	if got := s.Types["query_type"]; got == nil || len(got.EnumValues) != 2 || got.EnumValues.ForName("query") == nil || got.EnumValues.ForName("mutation") == nil {
		t.Errorf("enum query_type: want values query, mutation; got %v", got)
	}
	if u := s.Types["EnrollmentProcess"]; u == nil || !slices.Equal(u.Types, []string{"JoinSupplierProcessType", "OccupyPropertyProcessType"}) {
		t.Errorf("union EnrollmentProcess: want JoinSupplierProcessType | OccupyPropertyProcessType, got %v", u)
	}
}

// referenceDefs parses a reference tenant SDL without validating it.
func referenceDefs(t testing.TB, name string) map[string]*ast.Definition {
	t.Helper()
	p := filepath.Join(seedDir(t), "reference", name)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("%s is absent: %v", p, err)
	}
	doc, err := parser.ParseSchema(&ast.Source{Name: p, Input: string(b)})
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	defs := map[string]*ast.Definition{}
	for _, d := range doc.Definitions {
		defs[d.Name] = d
	}
	for _, d := range doc.Extensions {
		if defs[d.Name] != nil {
			defs[d.Name].Fields = append(defs[d.Name].Fields, d.Fields...)
		}
	}
	return defs
}

// TestSchemaTypesAgainstReference checks that every type the embedded SDLs share with a
// real tenant SDL has the real kind and field types, and that the types found in
// neither (designed for krakensim) are exactly those listed in testdata/designed.golden.
func TestSchemaTypesAgainstReference(t *testing.T) {
	refs := []map[string]*ast.Definition{referenceDefs(t, "octopus-schema.graphql"), referenceDefs(t, "origin-schema.graphql")}
	ms := loadSeedMutations(t)
	payloads := map[string]bool{"Query": true, "Mutation": true}
	for _, m := range ms {
		if len(m.Returns) > 0 {
			payloads[strings.Trim(m.Type, "[]!")] = true
		}
	}
	designed := map[string]bool{}
	for server, s := range loadedSchemas(t) {
		for name, def := range s.Types {
			if def.BuiltIn || strings.HasPrefix(name, "__") {
				continue
			}
			var found []*ast.Definition
			for _, r := range refs {
				if d := r[name]; d != nil {
					found = append(found, d)
				}
			}
			if len(found) == 0 {
				if !payloads[name] {
					designed[name] = true
				}
				continue
			}
			if payloads[name] {
				continue // the seed's return fields are the contract
			}
			for _, f := range def.Fields {
				if !matchesReference(def, f, found) {
					t.Errorf("%s: %s.%s: %s is not the type any reference SDL gives it", server, name, f.Name, f.Type.String())
				}
			}
			for _, v := range def.EnumValues {
				if !slices.ContainsFunc(found, func(d *ast.Definition) bool { return d.EnumValues.ForName(v.Name) != nil }) {
					t.Errorf("%s: enum %s: value %s is in no reference SDL", server, name, v.Name)
				}
			}
		}
	}
	var got []string
	for n := range designed {
		got = append(got, n)
	}
	sort.Strings(got)
	golden := filepath.Join("testdata", "designed.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if want := strings.Fields(string(b)); !slices.Equal(want, got) {
		t.Errorf("types in no reference SDL:\nwant %v\ngot  %v", want, got)
	}
}

func matchesReference(def *ast.Definition, f *ast.FieldDefinition, refs []*ast.Definition) bool {
	for _, r := range refs {
		if r.Kind != def.Kind {
			continue
		}
		rf := r.Fields.ForName(f.Name)
		if rf != nil && rf.Type.String() == f.Type.String() {
			return true
		}
	}
	return false
}
