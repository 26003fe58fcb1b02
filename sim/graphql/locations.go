package graphql

import (
	"sort"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
)

// gqlparser's rules point some errors elsewhere than graphql-core 3.2: at a field for
// its unknown argument, at a directive's name rather than its '@', at a definition's
// keyword rather than its name, one past a string's opening quote, and at one node
// where graphql-core lists several. A placer lexes a document that failed validation
// again to find the tokens graphql-core points at.

// placer holds a document's tokens, found by where gqlparser places them.
type placer struct {
	toks   []lexer.Token
	at     map[pos]int // token index by gqlparser's line and column
	breaks [][2]int    // the rune offsets at which each line break, as Python sees them, starts and ends
}

func newPlacer(query string) *placer {
	p := &placer{at: map[pos]int{}}
	lx := lexer.New(&ast.Source{Input: query})
	for {
		tok, err := lx.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			break
		}
		p.at[pos{tok.Pos.Line, tok.Pos.Column}] = len(p.toks)
		p.toks = append(p.toks, tok)
	}
	n, cr := 0, false
	for _, r := range query {
		switch {
		case r == '\n' && cr:
			p.breaks[len(p.breaks)-1][1] = n + 1
		case strings.ContainsRune("\n\r\v\f\x1c\x1d\x1e\u0085\u2028\u2029", r):
			p.breaks = append(p.breaks, [2]int{n, n + 1})
		}
		cr = r == '\r'
		n++
	}
	return p
}

// index is the token gqlparser places at line:col, or -1.
func (p *placer) index(line, col int) int {
	if i, ok := p.at[pos{line, col}]; ok {
		return i
	}
	return -1
}

// indexOf is the token at a node's position, or -1.
func (p *placer) indexOf(at *ast.Position) int {
	if at == nil {
		return -1
	}
	return p.index(at.Line, at.Column)
}

// is reports whether token i exists and is of kind k, and has value v when v is given.
func (p *placer) is(i int, k lexer.Type, v ...string) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].Kind == k && (len(v) == 0 || p.toks[i].Value == v[0])
}

// location is graphql-core's line and column of the rune at offset start. graphql-core
// counts the lines of the text before it with Python's str.splitlines, which breaks
// lines at more characters than GraphQL does and drops a trailing line break: a token
// at the start of a line is placed one past the end of the line before.
func (p *placer) location(start int) gqlerror.Location {
	// k breaks end at or before start; lineStart(b) is where the line after the b-th begins.
	k := sort.Search(len(p.breaks), func(b int) bool { return p.breaks[b][1] > start })
	lineStart := func(b int) int {
		if b == 0 {
			return 0
		}
		return p.breaks[b-1][1]
	}
	if k > 0 && p.breaks[k-1][1] == start {
		return gqlerror.Location{Line: k, Column: p.breaks[k-1][0] - lineStart(k-1) + 1}
	}
	return gqlerror.Location{Line: k + 1, Column: start - lineStart(k) + 1}
}

// offset is the rune offset of gqlparser's line and column in query: its lines break
// at "\n", "\r\n" and "\r", and (between tokens) a line after "\r\n" starts at the "\n".
func offset(query string, line, col int) int {
	rs := []rune(query)
	l, lineStart := 1, 0
	for n := 0; n < len(rs) && l < line; n++ {
		if rs[n] == '\n' || rs[n] == '\r' {
			l, lineStart = l+1, n+1
		}
		if rs[n] == '\r' && n+1 < len(rs) && rs[n+1] == '\n' {
			n++
		}
	}
	return lineStart + col - 1
}

// match is the bracket that closes (step 1) or opens (step -1) the bracket at i, or -1.
func (p *placer) match(i, step int) int {
	open := p.toks[i].Kind
	if step < 0 {
		open = opener(open)
	}
	close, depth := closer(open), 0
	for ; i >= 0 && i < len(p.toks); i += step {
		switch p.toks[i].Kind {
		case open:
			depth += step
		case close:
			depth -= step
		}
		if depth == 0 {
			return i
		}
	}
	return -1
}

func closer(open lexer.Type) lexer.Type {
	switch open {
	case lexer.ParenL:
		return lexer.ParenR
	case lexer.BracketL:
		return lexer.BracketR
	}
	return lexer.BraceR
}

func opener(close lexer.Type) lexer.Type {
	switch close {
	case lexer.ParenR:
		return lexer.ParenL
	case lexer.BracketR:
		return lexer.BracketL
	}
	return lexer.BraceL
}

// enclosing is the unmatched opening bracket of kind open before token i, or -1.
func (p *placer) enclosing(i int, open lexer.Type) int {
	depth := 0
	for i--; i >= 0; i-- {
		switch p.toks[i].Kind {
		case closer(open):
			depth++
		case open:
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// keys are the tokens naming the arguments or fields ("name:") within the bracket at
// open, those named name when it is given.
func (p *placer) keys(open int, name string) []int {
	var out []int
	end := p.match(open, 1)
	for i := open + 1; i >= 0 && i < end; i++ {
		switch p.toks[i].Kind {
		case lexer.ParenL, lexer.BraceL, lexer.BracketL:
			i = p.match(i, 1)
		case lexer.Name:
			if p.is(i+1, lexer.Colon) && (name == "" || p.toks[i].Value == name) {
				out = append(out, i)
			}
		}
	}
	return out
}

// selectionSet is the '{' of the selection set of the field at i, past its arguments
// and directives, or -1.
func (p *placer) selectionSet(i int) int {
	for ; i >= 0 && i < len(p.toks); i++ {
		switch p.toks[i].Kind {
		case lexer.ParenL:
			i = p.match(i, 1)
		case lexer.BraceL:
			return i
		case lexer.BraceR:
			return -1
		}
	}
	return -1
}

// coreLocations is where graphql-core places the validation error ge, which gqlparser
// reported in the operation op (nil outside one); nth counts the errors placed so far
// by rule, place and message, to tell apart identical errors for repeated arguments.
func (p *placer) coreLocations(doc *ast.QueryDocument, ge *gqlerror.Error, op *ast.OperationDefinition, nth map[string]int) []gqlerror.Location {
	var toks []int
	if len(ge.Locations) > 0 {
		toks = p.relocate(doc, ge, op, nth)
	}
	if toks == nil {
		for _, l := range ge.Locations {
			toks = append(toks, p.index(l.Line, l.Column))
		}
	}
	out := make([]gqlerror.Location, len(toks))
	for k, i := range toks {
		if i < 0 {
			out[k] = ge.Locations[k]
		} else {
			out[k] = p.location(p.toks[i].Pos.Start) // a string's Start is its opening quote
		}
	}
	return out
}

// relocate lists the tokens graphql-core places ge at, or nil where gqlparser's
// places stand.
func (p *placer) relocate(doc *ast.QueryDocument, ge *gqlerror.Error, op *ast.OperationDefinition, nth map[string]int) []int {
	l := ge.Locations[0]
	i := p.index(l.Line, l.Column)
	if i < 0 {
		return nil
	}
	names := quoted(ge.Message)
	name := ""
	if len(names) > 0 {
		name = names[0]
	}
	switch ge.Rule {
	case "ScalarLeafs":
		if j := p.selectionSet(i); j >= 0 && strings.Contains(ge.Message, " must not have a selection ") {
			return []int{j}
		}
	case "KnownArgumentNames":
		owner := i
		if p.is(owner+1, lexer.Colon) {
			owner += 2 // past an alias
		}
		if p.is(owner+1, lexer.ParenL) {
			key := ge.Message + "@" + strconv.Itoa(i)
			args, k := p.keys(owner+1, name), nth[key]
			nth[key]++
			if k < len(args) {
				return []int{args[k]}
			}
		}
	case "KnownDirectives", "ProvidedRequiredArguments":
		if p.is(i-1, lexer.At) {
			return []int{i - 1}
		}
	case "UniqueDirectivesPerLocation":
		if !p.is(i-1, lexer.At) {
			return nil
		}
		first := i - 1
		for j := i - 2; p.is(j, lexer.Name) || p.is(j, lexer.ParenR); j -= 2 {
			if p.is(j, lexer.ParenR) {
				j = p.match(j, -1) - 1
			}
			if !p.is(j, lexer.Name) || !p.is(j-1, lexer.At) {
				break
			}
			if "@"+p.toks[j].Value == name {
				first = j - 1
			}
		}
		return []int{first, i - 1}
	case "UniqueArgumentNames":
		if open := p.enclosing(i, lexer.ParenL); open >= 0 {
			return p.keys(open, name)
		}
	case "UniqueInputFieldNames":
		if open := p.enclosing(i, lexer.BraceL); open >= 0 {
			if same := p.keys(open, name); len(same) > 0 {
				return []int{same[0], i}
			}
		}
	case "UniqueVariableNames":
		if op != nil {
			var out []int
			for _, vd := range op.VariableDefinitions {
				if j := p.indexOf(vd.Position); j >= 0 && "$"+vd.Variable == name {
					out = append(out, j+1)
				}
			}
			return out
		}
	case "VariablesAreInputTypes":
		if p.is(i, lexer.Dollar) && p.is(i+2, lexer.Colon) {
			return []int{i + 3}
		}
	case "VariablesInAllowedPosition":
		if op != nil && len(ge.Locations) == 1 {
			if vd := op.VariableDefinitions.ForName(strings.TrimPrefix(name, "$")); vd != nil {
				if j := p.indexOf(vd.Position); j >= 0 {
					return []int{j, i}
				}
			}
		}
	case "NoUndefinedVariables":
		if op != nil {
			if j := p.indexOf(op.Position); j >= 0 {
				return []int{i, j}
			}
		}
	case "UniqueFragmentNames", "UniqueOperationNames":
		var first *ast.Position
		if f := doc.Fragments.ForName(name); f != nil && ge.Rule == "UniqueFragmentNames" {
			first = f.Position
		} else if o := doc.Operations.ForName(name); o != nil && ge.Rule == "UniqueOperationNames" {
			first = o.Position
		}
		if j := p.indexOf(first); j >= 0 && p.is(j+1, lexer.Name) && p.is(i+1, lexer.Name) {
			return []int{j + 1, i + 1}
		}
	case "KnownTypeNames", "FragmentsOnCompositeTypes":
		switch {
		case p.is(i, lexer.Name, "fragment") && p.is(i+1, lexer.Name) && p.is(i+2, lexer.Name, "on") && p.is(i+3, lexer.Name):
			return []int{i + 3}
		case p.is(i-1, lexer.Spread) && p.is(i, lexer.Name, "on") && p.is(i+1, lexer.Name):
			return []int{i + 1}
		}
	case "PossibleFragmentSpreads":
		if p.is(i-1, lexer.Spread) {
			return []int{i - 1}
		}
	case "NoFragmentCycles":
		return p.cycle(doc, names, i)
	}
	return nil
}

// cycle lists the '...' of each spread along a fragment cycle, as graphql-core does:
// names are the fragment spread within itself and those it goes via, last the name
// of the spread that closes the cycle. Each spread along the way is the first of its
// fragment in the order gqlparser's rule, like graphql-core's, follows them.
func (p *placer) cycle(doc *ast.QueryDocument, names []string, last int) []int {
	var out []int
	for k := 1; k < len(names); k++ {
		f := doc.Fragments.ForName(names[k-1])
		if f == nil {
			return nil
		}
		j := p.indexOf(firstSpread(f.SelectionSet, names[k]))
		if !p.is(j-1, lexer.Spread) {
			return nil
		}
		out = append(out, j-1)
	}
	if !p.is(last-1, lexer.Spread) {
		return nil
	}
	return append(out, last-1)
}

// firstSpread is the position of the first spread of the fragment name in set, in
// the order of gqlparser's getFragmentSpreads (graphql-core's get_fragment_spreads):
// a set's own spreads, then those of its last selection's set, and so on.
func firstSpread(set ast.SelectionSet, name string) *ast.Position {
	stack := []ast.SelectionSet{set}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, sel := range s {
			switch x := sel.(type) {
			case *ast.FragmentSpread:
				if x.Name == name {
					return x.Position
				}
			case *ast.Field:
				stack = append(stack, x.SelectionSet)
			case *ast.InlineFragment:
				stack = append(stack, x.SelectionSet)
			}
		}
	}
	return nil
}
