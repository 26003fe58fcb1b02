package graphql

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	//nolint:staticcheck // gqlparser's rules are written against core's dot import.
	. "github.com/vektah/gqlparser/v2/validator/core"
)

// Kraken's GraphQL view runs graphql-core 3.2 (Python), whose messages quote names with
// single quotes and print values with Python's repr, where gqlparser follows graphql-js.
// The functions here turn gqlparser's parse and validation errors into graphql-core's
// wording; the testdata/coremessages golden holds graphql-core's answers.

// syntaxErrors turns a gqlparser parse error for query into graphql-core's wording:
// "Syntax Error: " and the lexer's complaint, or the token found, described as
// graphql-core describes it (Name 'x', Int '1', '}', <EOF>).
func syntaxErrors(query string, err error) []*Error {
	var ge *gqlerror.Error
	if !errors.As(err, &ge) || len(ge.Locations) == 0 {
		return convertGQLErrors(err)
	}
	line, col := ge.Locations[0].Line, ge.Locations[0].Column
	tok, lexErr := tokenAt(query, line, col)
	msg := ge.Message
	switch {
	case lexErr != nil:
		msg = lexerMessage(lexErr.Message)
		if len(lexErr.Locations) > 0 {
			line, col = lexErr.Locations[0].Line, lexErr.Locations[0].Column
			if lexEscape.MatchString(lexErr.Message) && col > 1 {
				col-- // graphql-core points at the backslash, gqlparser past it
			}
		}
	case strings.HasPrefix(msg, "Unexpected "):
		msg = "Unexpected " + tokenDesc(tok) + "."
	case strings.HasPrefix(msg, "expected at least one definition, found "):
		// An empty list: of variable definitions, which start with '$', or of selections
		// and arguments, which start with a name.
		want := "Name"
		if tok.Kind == lexer.ParenR && precededBy(query, tok, "(", "query", "mutation", "subscription") {
			want = "'$'"
		}
		msg = "Expected " + want + ", found " + tokenDesc(tok) + "."
	case strings.HasPrefix(msg, "Expected "):
		want, _, _ := strings.Cut(strings.TrimPrefix(msg, "Expected "), ", found ")
		if uq, err := strconv.Unquote(want); err == nil {
			want = "'" + uq + "'"
		} else {
			want = kindDesc(want)
		}
		msg = "Expected " + want + ", found " + tokenDesc(tok) + "."
	default:
		return convertGQLErrors(err)
	}
	start := offset(query, line, col)
	if lexErr == nil && tok.Pos.Line == line && tok.Pos.Column == col {
		start = tok.Pos.Start // a string's opening quote
	}
	l := newPlacer(query).location(start)
	line, col = l.Line, l.Column
	return []*Error{{Message: "Syntax Error: " + msg, Locations: []Location{{Line: line, Column: col}}}}
}

// emptyDocument is graphql-core's error for a document with no definitions.
func emptyDocument(query string) []*Error {
	l := newPlacer(query).location(utf8.RuneCountInString(query))
	return []*Error{{Message: "Syntax Error: Unexpected <EOF>.", Locations: []Location{{Line: l.Line, Column: l.Column}}}}
}

// tokenAt lexes query up to the token at line:col. It returns the lexer's error instead
// when lexing fails first, as the parser then reports only an <Invalid> token.
func tokenAt(query string, line, col int) (lexer.Token, *gqlerror.Error) {
	lx := lexer.New(&ast.Source{Input: query})
	for {
		tok, err := lx.ReadToken()
		if err != nil {
			var ge *gqlerror.Error
			if errors.As(err, &ge) {
				return tok, ge
			}
			return tok, gqlerror.Errorf("%s", err.Error())
		}
		if tok.Kind == lexer.EOF || tok.Pos.Line > line || tok.Pos.Line == line && tok.Pos.Column >= col {
			return tok, nil
		}
	}
}

// precededBy reports whether tok follows open, itself after an operation keyword and
// an optional name: the "(" of an operation's variable definitions.
func precededBy(query string, tok lexer.Token, open string, keywords ...string) bool {
	lx := lexer.New(&ast.Source{Input: query})
	var prev []lexer.Token
	for {
		t, err := lx.ReadToken()
		if err != nil || t.Kind == lexer.EOF || t.Pos.Start >= tok.Pos.Start {
			break
		}
		prev = append(prev, t)
	}
	n := len(prev)
	if n < 2 || prev[n-1].Kind.String() != open {
		return false
	}
	i := n - 2
	if i > 0 && prev[i].Kind == lexer.Name && !slices.Contains(keywords, prev[i].Value) {
		i--
	}
	return prev[i].Kind == lexer.Name && slices.Contains(keywords, prev[i].Value)
}

// kindDesc is graphql-core's description of a kind of token: punctuators quoted.
func kindDesc(kind string) string {
	switch kind {
	case "Name", "Int", "Float", "String", "BlockString", "Comment", "<EOF>":
		return kind
	}
	return "'" + kind + "'"
}

// tokenDesc is graphql-core's description of a token: its kind and any value.
func tokenDesc(tok lexer.Token) string {
	d := kindDesc(tok.Kind.String())
	if tok.Value != "" && tok.Kind != lexer.EOF {
		switch tok.Kind {
		case lexer.Name, lexer.Int, lexer.Float, lexer.String, lexer.BlockString:
			d += " '" + tok.Value + "'"
		}
	}
	return d
}

// lexerMessages match gqlparser's lexer errors that graphql-core words differently.
var (
	lexBadChar   = regexp.MustCompile(`^Cannot parse the unexpected character "(.*)"\.$`)
	lexInvalid   = regexp.MustCompile(`^Cannot contain the invalid character "\\u([0-9a-fA-F]{4})"\.?$`)
	lexNumber    = regexp.MustCompile(`^(Invalid number, [^:]*: )"(.*)"\.$`)
	lexEscape    = regexp.MustCompile(`^Invalid character escape sequence: \\(.*)\.$`)
	lexStringBad = regexp.MustCompile(`^Invalid character within String: "\\u([0-9a-fA-F]{4})"\.$`)
)

// lexerMessage rewords a gqlparser lexer error as graphql-core's lexer says it.
func lexerMessage(msg string) string {
	if m := lexBadChar.FindStringSubmatch(msg); m != nil {
		return "Unexpected character: '" + m[1] + "'."
	}
	if m := lexStringBad.FindStringSubmatch(msg); m != nil {
		return "Invalid character within String: U+" + strings.ToUpper(m[1]) + "."
	}
	if m := lexInvalid.FindStringSubmatch(msg); m != nil {
		return "Unexpected character: U+" + strings.ToUpper(m[1]) + "."
	}
	if m := lexNumber.FindStringSubmatch(msg); m != nil {
		return m[1] + "'" + m[2] + "'."
	}
	if m := lexEscape.FindStringSubmatch(msg); m != nil {
		if strings.HasPrefix(m[1], "u") {
			return "Invalid Unicode escape sequence: '\\" + m[1] + "'."
		}
		return "Invalid character escape sequence: '\\" + m[1] + "'."
	}
	return msg
}

// coreKeeps returns a filter of gqlparser validation errors that drops those graphql-core
// does not report: a field selected on a leaf type (only the leaf's field is reported),
// a variable of an unknown type used in a position, a duplicate of a variable that is
// used (gqlparser counts only the first definition as used; graphql-core goes by name),
// and a duplicate name of anonymous operations. It sees the errors in the order
// validation reports them, each with the operation it was found in (nil when unknown).
func coreKeeps(schema *ast.Schema) func(*gqlerror.Error, *ast.OperationDefinition) bool {
	dupVars := map[string]bool{}
	return func(ge *gqlerror.Error, op *ast.OperationDefinition) bool {
		switch ge.Rule {
		case "UniqueVariableNames":
			dupVars[between(ge.Message, `"`, `"`)] = true
		case "UniqueOperationNames":
			return between(ge.Message, `"`, `"`) != ""
		case "FieldsOnCorrectType":
			def := schema.Types[between(ge.Message, `on type "`, `"`)]
			return def == nil || !def.IsLeafType()
		case "VariablesInAllowedPosition":
			return schema.Types[strings.Trim(between(ge.Message, `of type "`, `"`), "[]!")] != nil
		case "NoUnusedVariables":
			name := between(ge.Message, `"`, `"`)
			if !dupVars[name] {
				return true
			}
			if op == nil {
				return false
			}
			first := op.VariableDefinitions.ForName(strings.TrimPrefix(name, "$"))
			return first != nil && !first.Used
		}
		return true
	}
}

// coreValidationErrors turns gqlparser validation errors of query, which coreKeeps kept
// and validate found in the operations ops, into graphql-core's wording and places, in
// graphql-core's order. An operation type the schema lacks is worded as graphql-core's
// executor refuses it.
func coreValidationErrors(schema *ast.Schema, query string, doc *ast.QueryDocument, list gqlerror.List, ops map[*gqlerror.Error]*ast.OperationDefinition) gqlerror.List {
	list = slices.DeleteFunc(list, func(ge *gqlerror.Error) bool { return ge == nil })
	sortAsCore(doc, list)
	p, nth := newPlacer(query), map[string]int{}
	out := make(gqlerror.List, 0, len(list))
	for _, ge := range list {
		locs := p.coreLocations(doc, ge, ops[ge], nth)
		msg := ge.Message
		switch ge.Rule {
		case "FieldsOnCorrectType":
			msg = resuggest(schema, ge.Rule, msg)
		case "KnownDirectives":
			if i := strings.LastIndex(msg, " may not be used on "); i >= 0 {
				loc := strings.TrimSuffix(msg[i+len(" may not be used on "):], ".")
				msg = msg[:i] + " may not be used on " + strings.ToLower(strings.ReplaceAll(loc, "_", " ")) + "."
			}
		case "KnownRootType":
			msg = fmt.Sprintf("Schema is not configured to execute %s operation.", between(msg, `type "`, `"`))
		case "KnownArgumentNames":
			msg = resuggest(schema, ge.Rule, msg)
		case "ValuesOfCorrectType": // worded as graphql-core's already
			out = append(out, copyWith(ge, msg, locs))
			continue
		}
		out = append(out, copyWith(ge, strings.ReplaceAll(msg, `"`, "'"), locs))
	}
	return out
}

// pos is a place in a document, ordered by line then column.
type pos struct{ line, col int }

func (a pos) before(b pos) bool { return a.line < b.line || a.line == b.line && a.col < b.col }

// sortAsCore orders errors as graphql-core's single pass over the document reports them:
// by where the node they concern starts, except rules that report when the pass leaves
// a node: required arguments after the field or directive, unused and undefined
// variables after the operation, unused fragments at the end; a duplicate name is
// reported where the duplicate is.
func sortAsCore(doc *ast.QueryDocument, list gqlerror.List) {
	if len(list) < 2 {
		return
	}
	ends := subtreeEnds(doc)
	var starts []pos
	for _, op := range doc.Operations {
		if op.Position != nil {
			starts = append(starts, pos{op.Position.Line, op.Position.Column})
		}
	}
	for _, f := range doc.Fragments {
		if f.Position != nil {
			starts = append(starts, pos{f.Position.Line, f.Position.Column})
		}
	}
	last := pos{math.MaxInt, math.MaxInt}
	key := func(ge *gqlerror.Error) pos {
		if len(ge.Locations) == 0 {
			return last
		}
		at := pos{ge.Locations[0].Line, ge.Locations[0].Column}
		switch ge.Rule {
		case "ProvidedRequiredArguments":
			if end, ok := ends[at]; ok {
				return end
			}
		case "NoUnusedVariables", "NoUndefinedVariables":
			next := last
			for _, s := range starts {
				if at.before(s) && s.before(next) {
					next = s
				}
			}
			return next
		case "NoUnusedFragments":
			return last
		case "UniqueOperationNames", "UniqueFragmentNames":
			l := ge.Locations[len(ge.Locations)-1]
			return pos{l.Line, l.Column}
		}
		return at
	}
	sort.SliceStable(list, func(i, j int) bool { return key(list[i]).before(key(list[j])) })
}

// subtreeEnds maps where each field and directive of doc starts to the last place
// within it (its arguments, directives and selections), just past which graphql-core
// leaves it.
func subtreeEnds(doc *ast.QueryDocument) map[pos]pos {
	ends := map[pos]pos{}
	at := func(p *ast.Position) pos {
		if p == nil {
			return pos{}
		}
		return pos{p.Line, p.Column}
	}
	later := func(a, b pos) pos {
		if a.before(b) {
			return b
		}
		return a
	}
	var value func(v *ast.Value) pos
	value = func(v *ast.Value) pos {
		if v == nil {
			return pos{}
		}
		end := at(v.Position)
		for _, c := range v.Children {
			end = later(end, value(c.Value))
		}
		return end
	}
	directives := func(list ast.DirectiveList) pos {
		var end pos
		for _, d := range list {
			de := at(d.Position)
			for _, a := range d.Arguments {
				de = later(de, value(a.Value))
			}
			de = pos{de.line, de.col + 1}
			ends[at(d.Position)] = de
			end = later(end, de)
		}
		return end
	}
	var set func(ast.SelectionSet) pos
	set = func(s ast.SelectionSet) pos {
		var end pos
		for _, sel := range s {
			switch x := sel.(type) {
			case *ast.Field:
				fe := at(x.Position)
				for _, a := range x.Arguments {
					fe = later(fe, value(a.Value))
				}
				fe = later(fe, directives(x.Directives))
				fe = later(fe, set(x.SelectionSet))
				fe = pos{fe.line, fe.col + 1}
				ends[at(x.Position)] = fe
				end = later(end, fe)
			case *ast.InlineFragment:
				end = later(end, later(directives(x.Directives), set(x.SelectionSet)))
			case *ast.FragmentSpread:
				end = later(end, later(at(x.Position), directives(x.Directives)))
			}
		}
		return end
	}
	for _, op := range doc.Operations {
		directives(op.Directives)
		for _, vd := range op.VariableDefinitions {
			directives(vd.Directives)
		}
		set(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		directives(f.Directives)
		set(f.SelectionSet)
	}
	return ends
}

// copyWith is ge with msg as its message, at locs.
func copyWith(ge *gqlerror.Error, msg string, locs []gqlerror.Location) *gqlerror.Error {
	c := *ge
	c.Message, c.Locations = msg, locs
	return &c
}

// between returns the text of s after the first open and before the next close.
func between(s, open, close string) string {
	_, rest, ok := strings.Cut(s, open)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, close)
	return v
}

// resuggest recomputes the names gqlparser suggests for an unknown field or argument
// in graphql-core's order (closest first, ties by name), from the schema rather than
// from gqlparser's list, which breaks ties arbitrarily before keeping five.
func resuggest(schema *ast.Schema, rule, msg string) string {
	base, _, _ := strings.Cut(msg, " Did you mean ")
	if strings.Contains(msg, "inline fragment") {
		return msg
	}
	words := quoted(base)
	if len(words) < 2 {
		return msg
	}
	var options []string
	switch {
	case rule == "FieldsOnCorrectType":
		if def := schema.Types[words[1]]; def != nil && (def.Kind == ast.Object || def.Kind == ast.Interface) {
			options = fieldNames(def)
		}
	case strings.HasPrefix(words[1], "@"):
		if d := schema.Directives[words[1][1:]]; d != nil {
			for _, a := range d.Arguments {
				options = append(options, a.Name)
			}
		}
	default:
		typ, field, _ := strings.Cut(words[1], ".")
		if def := schema.Types[typ]; def != nil {
			if f := def.Fields.ForName(field); f != nil {
				for _, a := range f.Arguments {
					options = append(options, a.Name)
				}
			}
		}
	}
	if s := suggestionList(words[0], options); len(s) > 0 {
		return base + " Did you mean " + quotedOrList(s) + "?"
	}
	return base
}

// quoted returns the "…"-quoted words of s.
func quoted(s string) []string {
	var out []string
	for {
		_, rest, ok := strings.Cut(s, `"`)
		if !ok {
			return out
		}
		w, after, ok := strings.Cut(rest, `"`)
		if !ok {
			return out
		}
		out = append(out, w)
		s = after
	}
}

// quotedOrList is graphql-js's quotedOrList: at most five names, "a", "b", or "c".
func quotedOrList(names []string) string {
	if len(names) > 5 {
		names = names[:5]
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = `"` + n + `"`
	}
	switch len(q) {
	case 1:
		return q[0]
	case 2:
		return q[0] + " or " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + ", or " + q[len(q)-1]
}

// suggestionList is graphql-core's suggestion_list: the options within a distance of
// input that grows with its length, closest first, ties by name.
func suggestionList(input string, options []string) []string {
	threshold := max(int(math.Floor(float64(len(input))*0.4))+1, 1)
	dist := map[string]int{}
	var out []string
	for _, o := range options {
		if d := lexicalDistance(input, o); d <= threshold {
			if _, seen := dist[o]; !seen {
				out = append(out, o)
			}
			dist[o] = d
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if dist[out[i]] != dist[out[j]] {
			return dist[out[i]] < dist[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// lexicalDistance is graphql-core's LexicalDistance: the optimal string alignment
// distance, case-insensitive, with a case-only difference counting 1.
func lexicalDistance(a, b string) int {
	if a == b {
		return 0
	}
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if la == lb {
		return 1
	}
	ra, rb := []rune(la), []rune(lb)
	rows := make([][]int, len(ra)+1)
	for i := range rows {
		rows[i] = make([]int, len(rb)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(ra)][len(rb)]
}

// scalarLeafsRule replaces gqlparser's ScalarLeafs to name the field's full type, as
// graphql-core does ("type 'String!' has no subfields").
var scalarLeafsRule = Rule{Name: "ScalarLeafs", RuleFunc: func(observers *Events, addError AddErrFunc) {
	observers.OnField(func(walker *Walker, field *ast.Field) {
		if field.Definition == nil {
			return
		}
		def := walker.Schema.Types[field.Definition.Type.Name()]
		if def == nil {
			return
		}
		typ := field.Definition.Type.String()
		switch {
		case def.IsLeafType() && len(field.SelectionSet) > 0:
			addError(Message(`Field "%s" must not have a selection since type "%s" has no subfields.`, field.Name, typ), At(field.Position))
		case !def.IsLeafType() && len(field.SelectionSet) == 0:
			addError(Message(`Field "%s" of type "%s" must have a selection of subfields. Did you mean "%s { ... }"?`, field.Name, typ, field.Name), At(field.Position))
		}
	})
}}

// knownTypeNamesRule replaces gqlparser's KnownTypeNames to suggest type names for
// variables and inline fragments too, as graphql-core does.
var knownTypeNamesRule = Rule{Name: "KnownTypeNames", RuleFunc: func(observers *Events, addError AddErrFunc) {
	check := func(walker *Walker, name string, pos *ast.Position) {
		if name == "" || walker.Schema.Types[name] != nil {
			return
		}
		msg := fmt.Sprintf(`Unknown type "%s".`, name)
		names := make([]string, 0, len(walker.Schema.Types))
		for n := range walker.Schema.Types {
			names = append(names, n)
		}
		if s := suggestionList(name, names); len(s) > 0 {
			msg += " Did you mean " + quotedOrList(s) + "?"
		}
		addError(Message("%s", msg), At(pos))
	}
	observers.OnVariable(func(walker *Walker, v *ast.VariableDefinition) {
		t := v.Type
		for t.Elem != nil {
			t = t.Elem
		}
		check(walker, t.NamedType, t.Position)
	})
	observers.OnInlineFragment(func(walker *Walker, f *ast.InlineFragment) {
		check(walker, f.TypeCondition, f.Position)
	})
	observers.OnFragment(func(walker *Walker, f *ast.FragmentDefinition) {
		check(walker, f.TypeCondition, f.Position)
	})
}}

// inspect renders a value for an error message as graphql-core's inspect does (Python
// reprs: 'x', None, True, {'a': 1}); object keys come sorted, as Go keeps no order.
func inspect(v any) string { return pyInspectDepth(v, 0) }

func pyInspectDepth(v any, depth int) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		return truncRepr(pyStr(x))
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return pyFloat(x)
	case json.Number:
		s := string(x)
		if !strings.ContainsAny(s, ".eE") {
			return s
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return s
		}
		return pyFloat(f)
	case []any:
		if len(x) == 0 {
			return "[]"
		}
		if depth >= 2 {
			return "[...]"
		}
		items := make([]string, 0, len(x))
		for _, it := range x {
			items = append(items, pyInspectDepth(it, depth+1))
		}
		return "[" + strings.Join(truncList(items), ", ") + "]"
	case map[string]any:
		if len(x) == 0 {
			return "{}"
		}
		if depth >= 2 {
			return "{...}"
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		items := make([]string, 0, len(keys))
		for _, k := range keys {
			items = append(items, truncRepr(pyStr(k))+": "+pyInspectDepth(x[k], depth+1))
		}
		return "{" + strings.Join(truncList(items), ", ") + "}"
	}
	if m, ok := toStringMap(v); ok {
		return pyInspectDepth(m, depth)
	}
	if l, ok := toList(v); ok {
		return pyInspectDepth(l, depth)
	}
	return fmt.Sprintf("%v", v)
}

// truncRepr shortens a repr longer than 240 characters around "...", as graphql-core does.
func truncRepr(s string) string {
	const size = 240
	if utf8.RuneCountInString(s) <= size {
		return s
	}
	r := []rune(s)
	i := (size - 3) / 2
	j := size - 3 - i
	return string(r[:i]) + "..." + string(r[len(r)-j:])
}

// truncList keeps the first five and last four of more than ten items, as graphql-core does.
func truncList(items []string) []string {
	if len(items) <= 10 {
		return items
	}
	out := append([]string{}, items[:5]...)
	out = append(out, "...")
	return append(out, items[len(items)-4:]...)
}

// pyStr is Python's repr of a string.
func pyStr(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r < 0xa0:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// pyFloat is Python's repr of a float; whole numbers print as JSON integers do, since a
// decoded JSON 5 reaches here as 5.0.
func pyFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case f == math.Trunc(f) && math.Abs(f) < 1e16:
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(e, "e")
	n, _ := strconv.Atoi(exp)
	if n >= -4 && n < 16 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	sign := "+"
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%se%s%02d", mant, sign, n)
}

// didYouMean is graphql-core's did_you_mean for the options close to typed: "" or
// " Did you mean <prefix>'a' or 'b'?".
func didYouMean(prefix, typed string, options []string) string {
	s := suggestionList(typed, options)
	if len(s) == 0 {
		return ""
	}
	return " Did you mean " + prefix + strings.ReplaceAll(quotedOrList(s), `"`, "'") + "?"
}

// enumNames lists an enum's values.
func enumNames(def *ast.Definition) []string {
	out := make([]string, len(def.EnumValues))
	for i, v := range def.EnumValues {
		out[i] = v.Name
	}
	return out
}

// fieldNames lists a type's fields.
func fieldNames(def *ast.Definition) []string {
	out := make([]string, len(def.Fields))
	for i, f := range def.Fields {
		out[i] = f.Name
	}
	return out
}
