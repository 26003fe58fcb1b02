package rules

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/krakensim/krakensim/internal/lazyre"
)

// TemplateData is what a template sees of the call it answers.
type TemplateData struct {
	// Variables are the GraphQL request's coerced variables.
	Variables map[string]any
	Header    map[string][]string
	// Params are a REST route's {param} values.
	Params map[string]string
	Query  map[string][]string
	// Body is the decoded JSON body of a REST request.
	Body any
	// Now is the session's virtual time.
	Now time.Time
	// Origin is the scheme and host the request was sent to ("http://127.0.0.1:8080").
	Origin  string
	Session string
	// Call is the 1-based number of the call the rule answers.
	Call int
	Seed int64
	// Budget bounds the work of every template rendered with this data (a request's
	// answers); nil gives each call of Execute, Render or RenderString one of its own.
	Budget *Budget
	// Required names the non-null type the answer needs at a path of the value
	// rendered ("viewer.givenName"), or "" where null will do: a template there that is
	// one var or body call finding nothing fails instead of giving null. Nil needs none.
	Required func(path string) string
}

// withBudget returns d, or a copy of it with a Budget of its own when it has none.
func withBudget(d *TemplateData) *TemplateData {
	if d != nil && d.Budget != nil {
		return d
	}
	var c TemplateData
	if d != nil {
		c = *d
	}
	c.Budget = NewBudget(nil)
	return &c
}

// Template is a compiled scenario string: a constant, or a Go text/template.
type Template struct {
	src string
	// single is true when the whole string is one action, whose typed value is the result.
	single bool
	base   *template.Template
	pool   sync.Pool // *instance
}

// TemplateError is a template that failed to compile or execute; Path locates the
// string inside a value given to Render or CheckTemplates ("viewer.givenName").
type TemplateError struct {
	Path string
	Text string
	// Line and Column locate the problem inside Text (1-based; 0 when unknown).
	Line, Column int
	Err          error
}

// Error names the path, the template text and the problem.
func (e *TemplateError) Error() string {
	var b strings.Builder
	if e.Path != "" {
		b.WriteString("at ")
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString("template ")
	b.WriteString(strconv.Quote(shorten(e.Text, 120)))
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying problem.
func (e *TemplateError) Unwrap() error { return e.Err }

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Internal function names the compiler inserts into parse trees.
const (
	fnField  = "__field"
	fnOut    = "__out"
	fnKeep   = "__keep"
	fnRange  = "__range"
	fnTick   = "__tick"   // first in a range's body: checks the deadline
	fnEnter  = "__enter"  // the data of a {{template}} call without any: counts the call
	fnPass   = "__pass"   // last of a {{template}} call's pipeline: counts the call
	fnCharge = "__charge" // after a method call: counts the string it built
)

// CompileTemplate compiles s; a string without "{{" compiles to a constant.
func CompileTemplate(s string) (*Template, error) {
	t := &Template{src: s}
	if !strings.Contains(s, "{{") {
		return t, nil
	}
	if len(s) > MaxTemplateSource {
		return nil, &TemplateError{Text: s, Err: limitf("the template is %d bytes long; the limit is %d", len(s), MaxTemplateSource)}
	}
	base := template.New(rootName).Option("missingkey=zero").Funcs((&execState{}).funcs())
	if _, err := base.Parse(s); err != nil {
		return nil, newTemplateError("", s, err)
	}
	trees := map[string]*parse.Tree{}
	for _, tt := range base.Templates() {
		trees[tt.Name()] = tt.Tree
	}
	if err := staticCheck(s, trees); err != nil {
		return nil, newTemplateError("", s, err)
	}
	for _, tt := range base.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		if err := checkTree(tt.Tree.Root); err != nil {
			return nil, &TemplateError{Text: s, Err: err}
		}
		rewriteList(tt.Tree.Root)
	}
	root := base.Tree.Root
	if a, ok := soleAction(root); ok {
		t.single = true
		a.Pipe.Cmds = append(a.Pipe.Cmds, call(fnKeep))
	} else {
		addOut(root)
	}
	for _, tt := range base.Templates() {
		if tt != base && tt.Tree != nil && tt.Tree.Root != nil {
			addOut(tt.Tree.Root)
		}
	}
	t.base = base
	return t, nil
}

// String returns the template's source text.
func (t *Template) String() string { return t.src }

// Constant reports whether t has no actions.
func (t *Template) Constant() bool { return t.base == nil }

// Execute renders t for d: the typed value when t is exactly one action, otherwise
// the rendered string.
func (t *Template) Execute(d *TemplateData) (any, error) {
	return t.execute(withBudget(d), "")
}

func (t *Template) execute(d *TemplateData, path string) (any, error) {
	if t.base == nil {
		return t.src, nil
	}
	work := d.Budget
	if err := work.tick(); err != nil {
		return nil, newTemplateError(path, t.src, err)
	}
	in, _ := t.pool.Get().(*instance)
	if in == nil {
		c, err := t.base.Clone()
		if err != nil {
			return nil, &TemplateError{Path: path, Text: t.src, Err: err}
		}
		in = &instance{tmpl: c, st: &execState{}}
		c.Funcs(in.st.funcs())
	}
	in.st.reset(d, t.src, path, work)
	in.buf.Reset()
	in.buf.work = work
	err := in.tmpl.Execute(&in.buf, d)
	var out any
	if err == nil {
		if t.single {
			out = in.st.kept
			if out == nil && in.st.missed != "" {
				err = d.required(path, in.st.missed, in.st.missedFunc)
			}
		} else {
			out = in.buf.String()
		}
	}
	in.st.reset(nil, "", "", nil)
	in.buf.work = nil
	if in.buf.Cap() <= 64<<10 {
		t.pool.Put(in)
	}
	if err != nil {
		return nil, newTemplateError(path, t.src, err)
	}
	return out, nil
}

// instance is a clone of a template whose functions are bound to its own state.
type instance struct {
	tmpl *template.Template
	st   *execState
	buf  limitBuffer
}

// limitBuffer is a buffer that refuses to grow beyond MaxTemplateString and charges
// what it is given to the answer's budget.
type limitBuffer struct {
	bytes.Buffer
	work *Budget
}

func (b *limitBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > MaxTemplateString {
		return 0, limitf("the output exceeds %d bytes", MaxTemplateString)
	}
	if b.work != nil {
		if err := b.work.charge("output", len(p)); err != nil {
			return 0, err
		}
	}
	return b.Buffer.Write(p)
}

// rangeGuard charges a range's iterations to the answer's budget before it starts.
func (st *execState) rangeGuard(v any) (any, error) {
	var n int64
	if x, isInt, ok := number(v); ok && isInt {
		n = x.i
	} else if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice || rv.Kind() == reflect.Map || rv.Kind() == reflect.Array || rv.Kind() == reflect.String {
		n = int64(rv.Len())
	}
	if err := st.work.step("range", n); err != nil {
		return nil, err
	}
	return v, nil
}

// execState is one execution's view of its data.
type execState struct {
	d    *TemplateData
	src  string
	path string
	n    int // fake/uuid calls so far, so repeated calls differ
	kept any
	work *Budget
	// missed is the path of the last var or body call that found nothing, and
	// missedFunc its function.
	missed, missedFunc string
}

func (st *execState) reset(d *TemplateData, src, path string, work *Budget) {
	st.d, st.src, st.path, st.n, st.kept, st.work = d, src, path, 0, nil, work
	st.missed, st.missedFunc = "", ""
}

// lookup finds path in root for the template function fn, noting a miss.
func (st *execState) lookup(fn string, root any, path string) any {
	v, _ := Lookup(root, path)
	if v == nil {
		st.missed, st.missedFunc = path, fn
	}
	return v
}

// required is the error of a template at path whose fn call found nothing at
// missed, when the answer needs a value there.
func (d *TemplateData) required(path, missed, fn string) error {
	if d.Required == nil {
		return nil
	}
	typ := d.Required(path)
	if typ == "" {
		return nil
	}
	what := "the request"
	if fn == "body" {
		what = "the request's body"
	} else if len(d.Variables) > 0 {
		what += " (its variables are " + strings.Join(sortedKeys(d.Variables), ", ") + ")"
	}
	return fmt.Errorf("%s %q finds nothing in %s, and the answer needs a value here (%s)", fn, missed, what, typ)
}

// built charges a string a function built, returning it.
func (st *execState) built(what, s string) (string, error) {
	if err := st.work.charge(what, len(s)); err != nil {
		return "", err
	}
	return s, nil
}

func (st *execState) data() *TemplateData {
	if st.d == nil {
		return &TemplateData{}
	}
	return st.d
}

// rootName names the root template; it cannot clash with a {{define}} in YAML text.
const rootName = "\x00"

// templateLoc finds text/template's "template: NAME:LINE:COL: " location (COL counted
// from 0), and the "line L:C: " of this package's own static checks.
var templateLoc = lazyre.New(`template: [^:]*:(\d+)(?::(\d+))?: |^line (\d+)(?::(\d+))?: `)

// newTemplateError makes err a *TemplateError for the template text src: with the
// line and column inside the text, without text/template's internal names.
func newTemplateError(path, src string, err error) *TemplateError {
	te := &TemplateError{Path: path, Text: src}
	msg := err.Error()
	if m := templateLoc().FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			te.Line, _ = strconv.Atoi(m[1])
			if m[2] != "" {
				c, _ := strconv.Atoi(m[2])
				te.Column = c + 1
			}
		} else {
			te.Line, _ = strconv.Atoi(m[3])
			te.Column, _ = strconv.Atoi(m[4])
		}
	}
	var le *LimitError
	if errors.As(err, &le) {
		msg = le.Msg
	} else {
		msg = templateLoc().ReplaceAllString(msg, "")
		msg = strings.Replace(msg, "executing "+strconv.Quote(rootName)+" at ", "at ", 1)
	}
	switch {
	case te.Line > 0 && te.Column > 0:
		msg = fmt.Sprintf("line %d:%d: %s", te.Line, te.Column, msg)
	case te.Line > 0:
		msg = fmt.Sprintf("line %d: %s", te.Line, msg)
	}
	te.Err = &templateErr{msg: msg, err: err}
	return te
}

// templateErr is a cleaned message that still unwraps to the original error.
type templateErr struct {
	msg string
	err error
}

func (e *templateErr) Error() string { return e.msg }
func (e *templateErr) Unwrap() error { return e.err }

// soleAction returns the root's only node when it is an action that prints a value.
func soleAction(root *parse.ListNode) (*parse.ActionNode, bool) {
	if len(root.Nodes) != 1 {
		return nil, false
	}
	a, ok := root.Nodes[0].(*parse.ActionNode)
	if !ok || a.Pipe == nil || len(a.Pipe.Decl) > 0 {
		return nil, false
	}
	return a, true
}

func call(name string, args ...parse.Node) *parse.CommandNode {
	return callAt(0, name, args...)
}

// callAt is call with the position errors report.
func callAt(pos parse.Pos, name string, args ...parse.Node) *parse.CommandNode {
	return &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: append([]parse.Node{parse.NewIdentifier(name).SetPos(pos)}, args...)}
}

// addOut makes every printing action format its value through __out.
func addOut(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch x := n.(type) {
		case *parse.ActionNode:
			if x.Pipe != nil && len(x.Pipe.Decl) == 0 {
				x.Pipe.Cmds = append(x.Pipe.Cmds, call(fnOut))
			}
		case *parse.IfNode:
			addOut(x.List)
			addOut(x.ElseList)
		case *parse.RangeNode:
			addOut(x.List)
			addOut(x.ElseList)
		case *parse.WithNode:
			addOut(x.List)
			addOut(x.ElseList)
		case *parse.ListNode:
			addOut(x)
		}
	}
}

// rewriteList replaces field accesses (.a.b, $x.a, (p).a) with __field calls, so that
// missing keys give nil instead of errors.
func rewriteList(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch x := n.(type) {
		case *parse.ActionNode:
			rewritePipe(x.Pipe)
		case *parse.IfNode:
			rewritePipe(x.Pipe)
			rewriteList(x.List)
			rewriteList(x.ElseList)
		case *parse.RangeNode:
			rewritePipe(x.Pipe)
			if x.Pipe != nil {
				x.Pipe.Cmds = append(x.Pipe.Cmds, callAt(x.Position(), fnRange))
			}
			rewriteList(x.List)
			rewriteList(x.ElseList)
			if x.List != nil {
				tick := &parse.ActionNode{NodeType: parse.NodeAction, Pos: x.Position(), Line: x.Line,
					Pipe: &parse.PipeNode{NodeType: parse.NodePipe, Pos: x.Position(), Line: x.Line, Cmds: []*parse.CommandNode{callAt(x.Position(), fnTick)}}}
				x.List.Nodes = append([]parse.Node{tick}, x.List.Nodes...)
			}
		case *parse.WithNode:
			rewritePipe(x.Pipe)
			rewriteList(x.List)
			rewriteList(x.ElseList)
		case *parse.TemplateNode:
			rewritePipe(x.Pipe)
			if x.Pipe == nil {
				x.Pipe = &parse.PipeNode{NodeType: parse.NodePipe, Pos: x.Position(), Line: x.Line, Cmds: []*parse.CommandNode{callAt(x.Position(), fnEnter)}}
			} else {
				x.Pipe.Cmds = append(x.Pipe.Cmds, callAt(x.Position(), fnPass))
			}
		case *parse.ListNode:
			rewriteList(x)
		}
	}
}

func rewritePipe(p *parse.PipeNode) {
	if p == nil {
		return
	}
	cmds := make([]*parse.CommandNode, 0, len(p.Cmds))
	for _, c := range p.Cmds {
		method := false
		for i, a := range c.Args {
			m := i == 0 && len(c.Args) > 1
			c.Args[i] = rewriteArg(a, m)
			if _, chain := c.Args[i].(*parse.ChainNode); m && chain {
				method = true
			}
		}
		cmds = append(cmds, c)
		if method {
			// A method with arguments (.Now.Format LAYOUT) may build a string as long
			// as its arguments: count it.
			cmds = append(cmds, callAt(c.Position(), fnCharge))
		}
	}
	p.Cmds = cmds
}

// rewriteArg rewrites one argument; method is true when the node is a command's first
// word with arguments, so its last name is a method call that must stay one.
func rewriteArg(n parse.Node, method bool) parse.Node {
	var base parse.Node
	var names []string
	switch x := n.(type) {
	case *parse.PipeNode:
		rewritePipe(x)
		return x
	case *parse.FieldNode:
		base, names = &parse.DotNode{NodeType: parse.NodeDot, Pos: x.Pos}, x.Ident
	case *parse.VariableNode:
		if len(x.Ident) < 2 {
			return x
		}
		base = &parse.VariableNode{NodeType: parse.NodeVariable, Pos: x.Pos, Ident: x.Ident[:1]}
		names = x.Ident[1:]
	case *parse.ChainNode:
		base, names = rewriteArg(x.Node, false), x.Field
	default:
		return n
	}
	if method {
		last := names[len(names)-1]
		names = names[:len(names)-1]
		if len(names) > 0 {
			base = fieldCall(base, names)
		}
		return &parse.ChainNode{NodeType: parse.NodeChain, Node: base, Field: []string{last}}
	}
	return fieldCall(base, names)
}

func fieldCall(base parse.Node, names []string) parse.Node {
	args := []parse.Node{base}
	for _, s := range names {
		args = append(args, &parse.StringNode{NodeType: parse.NodeString, Quoted: strconv.Quote(s), Text: s})
	}
	return &parse.PipeNode{NodeType: parse.NodePipe, Cmds: []*parse.CommandNode{call(fnField, args...)}}
}

// checkTree rejects what would only fail at run time but is known now: unknown fake
// names given as literals.
func checkTree(l *parse.ListNode) error {
	var err error
	walkCommands(l, func(c *parse.CommandNode) {
		if len(c.Args) >= 2 && err == nil {
			if id, ok := c.Args[0].(*parse.IdentifierNode); ok && id.Ident == "fake" {
				if s, ok := c.Args[1].(*parse.StringNode); ok {
					if _, known := fakers[s.Text]; !known {
						err = unknownFake(s.Text)
					}
				}
			}
		}
	})
	return err
}

// PathCall is a call of var, body, param or query with a constant path, as a template
// writes it.
type PathCall struct {
	Func, Path string
	// Quoted is the path as written, quotes included, and Offset its byte offset in
	// the template's text.
	Quoted string
	Offset int
}

// PathCalls returns the var, body, param and query calls of template s whose path is a
// constant string, in the order written; a template that does not compile, or is
// longer than MaxTemplateSource, has none.
func PathCalls(s string) []PathCall {
	if !strings.Contains(s, "{{") || len(s) > MaxTemplateSource {
		return nil
	}
	base, err := template.New(rootName).Funcs((&execState{}).funcs()).Parse(s)
	if err != nil {
		return nil
	}
	var out []PathCall
	for _, name := range sortedTreeNames(treesOf(base)) {
		walkCommands(base.Lookup(name).Tree.Root, func(c *parse.CommandNode) {
			if len(c.Args) >= 2 {
				id, ok := c.Args[0].(*parse.IdentifierNode)
				if str, isStr := c.Args[1].(*parse.StringNode); ok && isStr && (id.Ident == "var" || id.Ident == "body" || id.Ident == "param" || id.Ident == "query") {
					out = append(out, PathCall{Func: id.Ident, Path: str.Text, Quoted: str.Quoted, Offset: int(str.Position())})
				}
			}
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return out
}

// walkCommands calls fn with each command of the template list l, in its pipelines
// (walkPipes) and in the pipelines nested in their arguments, parenthesised or chained.
func walkCommands(l *parse.ListNode, fn func(*parse.CommandNode)) {
	var walkPipe func(p *parse.PipeNode)
	walkPipe = func(p *parse.PipeNode) {
		if p == nil {
			return
		}
		for _, c := range p.Cmds {
			fn(c)
			for _, a := range c.Args {
				switch x := a.(type) {
				case *parse.PipeNode:
					walkPipe(x)
				case *parse.ChainNode:
					if sub, ok := x.Node.(*parse.PipeNode); ok {
						walkPipe(sub)
					}
				}
			}
		}
	}
	walkPipes(l, walkPipe)
}

// walkPipes calls pipe with each pipeline of the template list l, in its actions, the
// conditions of its if, range and with, and the calls of other templates.
func walkPipes(l *parse.ListNode, pipe func(*parse.PipeNode)) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch x := n.(type) {
		case *parse.ActionNode:
			pipe(x.Pipe)
		case *parse.IfNode:
			pipe(x.Pipe)
			walkPipes(x.List, pipe)
			walkPipes(x.ElseList, pipe)
		case *parse.RangeNode:
			pipe(x.Pipe)
			walkPipes(x.List, pipe)
			walkPipes(x.ElseList, pipe)
		case *parse.WithNode:
			pipe(x.Pipe)
			walkPipes(x.List, pipe)
			walkPipes(x.ElseList, pipe)
		case *parse.TemplateNode:
			pipe(x.Pipe)
		}
	}
}

// treesOf returns the parse trees of t and its associated templates, by name.
func treesOf(t *template.Template) map[string]*parse.Tree {
	trees := map[string]*parse.Tree{}
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Tree.Root != nil {
			trees[tt.Name()] = tt.Tree
		}
	}
	return trees
}

// funcs returns the template functions bound to st.
func (st *execState) funcs() template.FuncMap {
	return template.FuncMap{
		fnField: func(v any, names ...string) (any, error) {
			if err := st.work.tick(); err != nil {
				return nil, err
			}
			return field(v, names...), nil
		},
		fnOut: func(v any) (string, error) {
			return outString(v), st.work.tick()
		},
		fnRange: st.rangeGuard,
		fnTick: func() (string, error) {
			return "", st.work.tick()
		},
		fnEnter: func() (any, error) {
			return nil, st.work.step("template", 1)
		},
		fnPass: func(v any) (any, error) {
			return v, st.work.step("template", 1)
		},
		fnCharge: func(v any) (any, error) {
			if s, ok := v.(string); ok {
				if _, err := st.built("method", s); err != nil {
					return nil, err
				}
			}
			return v, nil
		},
		"printf": func(format string, args ...any) (string, error) {
			if err := checkFormat(format, args); err != nil {
				return "", err
			}
			if err := st.fits("printf", len(format), args); err != nil {
				return "", err
			}
			return st.built("printf", fmt.Sprintf(format, args...))
		},
		"print": func(args ...any) (string, error) {
			if err := st.fits("print", 0, args); err != nil {
				return "", err
			}
			return st.built("print", fmt.Sprint(args...))
		},
		"println": func(args ...any) (string, error) {
			if err := st.fits("println", 0, args); err != nil {
				return "", err
			}
			return st.built("println", fmt.Sprintln(args...))
		},
		"html": func(args ...any) (string, error) {
			if err := st.fits("html", 0, args); err != nil {
				return "", err
			}
			return st.built("html", template.HTMLEscaper(args...))
		},
		"js": func(args ...any) (string, error) {
			if err := st.fits("js", 0, args); err != nil {
				return "", err
			}
			return st.built("js", template.JSEscaper(args...))
		},
		"urlquery": func(args ...any) (string, error) {
			if err := st.fits("urlquery", 0, args); err != nil {
				return "", err
			}
			return st.built("urlquery", template.URLQueryEscaper(args...))
		},
		fnKeep: func(v any) string {
			st.kept = typed(v)
			return ""
		},
		"now":    func() time.Time { return st.now() },
		"origin": func() string { return st.data().Origin },
		"jwt": func(claims ...any) (string, error) {
			if err := st.fits("jwt", 0, claims); err != nil {
				return "", err
			}
			return st.built("jwt", UnsignedJWT(claims...))
		},
		"date": func(layout string, t ...any) (string, error) {
			tm, err := st.timeArg(t)
			if err != nil {
				return "", err
			}
			if len(layout) > MaxTemplateString/2 {
				return "", limitf("date: the layout is %d bytes long", len(layout))
			}
			return st.built("date", tm.Format(layoutOf(layout)))
		},
		"add": func(d string, t ...any) (time.Time, error) {
			dur, err := parseDuration(d)
			if err != nil {
				return time.Time{}, err
			}
			tm, err := st.timeArg(t)
			if err != nil {
				return time.Time{}, err
			}
			return tm.Add(dur), nil
		},
		"addDate": func(years, months, days int, t ...any) (time.Time, error) {
			tm, err := st.timeArg(t)
			if err != nil {
				return time.Time{}, err
			}
			return tm.AddDate(years, months, days), nil
		},
		"header": func(name string) string {
			return first(st.data().Header, name)
		},
		"param": func(name string) string {
			return st.data().Params[name]
		},
		"query": func(name string) string {
			return first(st.data().Query, name)
		},
		"var": func(path string) any {
			return st.lookup("var", st.data().Variables, path)
		},
		"body": func(path string) any {
			return st.lookup("body", st.data().Body, path)
		},
		"fake": func(name string, args ...any) (any, error) {
			f, ok := fakers[name]
			if !ok {
				return nil, unknownFake(name)
			}
			ints := make([]int, len(args))
			for i, a := range args {
				n, ok := numberOrNumericString(a)
				if !ok {
					return nil, fmt.Errorf("fake %q: argument %d is not a number", name, i+1)
				}
				ints[i] = int(n)
			}
			return f(st.faker("fake:"+name), ints)
		},
		"uuid": func() string { return st.faker("uuid").UUID() },
		"json": func(v any) (string, error) {
			if err := st.fits("json", 0, []any{v}); err != nil {
				return "", err
			}
			b, err := json.Marshal(typed(v))
			if err != nil {
				return "", err
			}
			return st.built("json", string(b))
		},
		"upper":   func(v any) (string, error) { return st.built("upper", strings.ToUpper(outString(v))) },
		"lower":   func(v any) (string, error) { return st.built("lower", strings.ToLower(outString(v))) },
		"default": defaultValue,
		"eq": func(a any, bs ...any) (bool, error) {
			for _, b := range bs {
				if Equal(a, b) {
					return true, nil
				}
			}
			return false, st.work.tick()
		},
		"ne": func(a, b any) bool { return !Equal(a, b) },
		"lt": func(a, b any) (bool, error) { c, err := compare(a, b); return c < 0, err },
		"le": func(a, b any) (bool, error) { c, err := compare(a, b); return c <= 0, err },
		"gt": func(a, b any) (bool, error) { c, err := compare(a, b); return c > 0, err },
		"ge": func(a, b any) (bool, error) { c, err := compare(a, b); return c >= 0, err },
	}
}

// UnsignedJWT is a JWT with "alg": "none" and no signature whose payload holds the
// claims given as name, value pairs in order (a name that is not text is skipped): what
// a recording replays for a token, valid for a client that reads its times.
func UnsignedJWT(claims ...any) string {
	payload := make(Ordered, 0, len(claims)/2)
	for i := 0; i+1 < len(claims); i += 2 {
		if k, ok := claims[i].(string); ok {
			payload = append(payload, Member{Key: k, Value: typed(claims[i+1])})
		}
	}
	b, err := json.Marshal(payload)
	if err != nil {
		b = []byte("{}")
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + enc.EncodeToString(b) + "."
}

// fits refuses to build a string from string arguments that are already longer than
// MaxTemplateString together.
func (st *execState) fits(what string, n int, args []any) error {
	for _, a := range args {
		if s, ok := a.(string); ok {
			n += len(s)
		}
	}
	if n > MaxTemplateString {
		return limitf("%s: the result would be over %d bytes", what, MaxTemplateString)
	}
	return st.work.tick()
}

// compare orders two numbers (or numeric strings) by value, or two strings.
func compare(a, b any) (int, error) {
	if x, ok := numberOrNumericString(a); ok {
		if y, ok := numberOrNumericString(b); ok {
			switch {
			case x < y:
				return -1, nil
			case x > y:
				return 1, nil
			}
			return 0, nil
		}
	}
	x, aok := a.(string)
	y, bok := b.(string)
	if !aok || !bok {
		return 0, fmt.Errorf("cannot compare %s with %s", describe(a), describe(b))
	}
	return strings.Compare(x, y), nil
}

func describe(v any) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprintf("%T %v", v, outString(v))
}

func (st *execState) now() time.Time {
	if n := st.data().Now; !n.IsZero() {
		return n
	}
	return time.Now()
}

// timeArg returns the optional time argument (a time or a date/RFC 3339 string), or now.
func (st *execState) timeArg(t []any) (time.Time, error) {
	if len(t) == 0 {
		return st.now(), nil
	}
	if len(t) > 1 {
		return time.Time{}, fmt.Errorf("want at most one time, got %d", len(t))
	}
	switch x := t[0].(type) {
	case time.Time:
		return x, nil
	case string:
		for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", time.DateOnly} {
			if tm, err := time.Parse(l, x); err == nil {
				return tm, nil
			}
		}
		return time.Time{}, fmt.Errorf("cannot read %q as a time (want RFC 3339 or 2006-01-02)", x)
	case nil:
		return st.now(), nil
	}
	return time.Time{}, fmt.Errorf("cannot use %T as a time", t[0])
}

// faker returns a generator seeded from the data, the template and the call site.
func (st *execState) faker(what string) *gofakeit.Faker {
	d := st.data()
	st.n++
	h := fnv.New64a()
	var b [8]byte
	putU64(b[:], uint64(d.Seed))
	h.Write(b[:])
	putU64(b[:], uint64(d.Call))
	h.Write(b[:])
	putU64(b[:], uint64(st.n))
	h.Write(b[:])
	for _, s := range []string{d.Session, st.src, st.path, what} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	s := h.Sum64()
	return gofakeit.NewFaker(rand.NewPCG(s, s^0x9e3779b97f4a7c15), false)
}

func putU64(b []byte, v uint64) {
	for i := range 8 {
		b[i] = byte(v >> (8 * i))
	}
}

// layoutOf maps a few layout names to Go layouts; anything else is a Go layout.
func layoutOf(l string) string {
	switch l {
	case "RFC3339", "rfc3339", "datetime":
		return time.RFC3339
	case "date":
		return time.DateOnly
	case "time":
		return time.TimeOnly
	}
	return l
}

// parseDuration reads a Go duration, also accepting a whole number of days ("3d", "-1d").
func parseDuration(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err == nil && n > -1e6 && n < 1e6 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	}
	dur, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("cannot read %q as a duration (want e.g. 90m, 36h, -3d)", s)
	}
	return dur, nil
}

// first returns the first value of a header or query parameter, matching names
// case-insensitively.
func first(m map[string][]string, name string) string {
	if v, ok := m[name]; ok {
		if len(v) > 0 {
			return v[0]
		}
		return ""
	}
	for k, v := range m {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// defaultValue returns v, or def when v is empty (nil, "", 0, false, empty map or list).
func defaultValue(def any, v ...any) any {
	if len(v) == 0 || empty(v[0]) {
		return def
	}
	return v[0]
}

func empty(v any) bool {
	if v == nil {
		return true
	}
	if n, _, ok := number(v); ok {
		return n.f == 0
	}
	switch x := v.(type) {
	case string:
		return x == ""
	case bool:
		return !x
	case map[string]any:
		return len(x) == 0
	case []any:
		return len(x) == 0
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Map, reflect.Slice, reflect.Array:
		return rv.Len() == 0
	}
	return false
}

// field looks names up in turn below v: TemplateData fields, map keys (headers and
// query parameters give their first value), list indexes, struct fields and methods
// without arguments. A missing name gives nil.
func field(v any, names ...string) any {
	for _, name := range names {
		v = field1(v, name)
		if v == nil {
			return nil
		}
	}
	return v
}

func field1(v any, name string) any {
	switch x := v.(type) {
	case nil:
		return nil
	case *TemplateData:
		switch strings.ToLower(name) {
		case "variables":
			return x.Variables
		case "header", "headers":
			return x.Header
		case "params":
			return x.Params
		case "query":
			return x.Query
		case "body":
			return x.Body
		case "now":
			return x.Now
		case "session":
			return x.Session
		case "call":
			return x.Call
		case "seed":
			return x.Seed
		}
		return nil
	case map[string][]string:
		if _, ok := x[name]; !ok && !hasFold(x, name) {
			return nil
		}
		return first(x, name)
	case map[string]any, []any, map[string]string:
		r, _ := step(x, name)
		return r
	}
	rv := reflect.ValueOf(v)
	if m := rv.MethodByName(name); m.IsValid() && m.Type().NumIn() == 0 && m.Type().NumOut() == 1 {
		return m.Call(nil)[0].Interface()
	}
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Struct:
		if f, ok := rv.Type().FieldByName(name); ok && f.IsExported() {
			return rv.FieldByIndex(f.Index).Interface()
		}
	case reflect.Map:
		if rv.Type().Key().Kind() == reflect.String {
			if e := rv.MapIndex(reflect.ValueOf(name).Convert(rv.Type().Key())); e.IsValid() {
				return e.Interface()
			}
		}
	}
	return nil
}

func hasFold(m map[string][]string, name string) bool {
	for k := range m {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// typed normalises a template's typed result for JSON answers: times become RFC 3339
// strings.
func typed(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.Format(time.RFC3339)
	case map[string]any, []any, map[string]string:
		return deepCopy(x)
	}
	return v
}

// deepCopy copies maps and lists, so that results never alias request data.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	case map[string]string:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = e
		}
		return out
	}
	return v
}

// outString is how an action prints its value: nil as nothing, numbers minimally,
// times as RFC 3339, maps and lists as JSON.
func outString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		return x.Format(time.RFC3339)
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case map[string]any, []any, map[string]string, map[string][]string, []string:
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	}
	if s, ok := scalarString(v); ok {
		return s
	}
	return fmt.Sprint(v)
}

// fakeFunc makes one kind of fake value from a seeded generator and integer arguments.
type fakeFunc func(f *gofakeit.Faker, args []int) (any, error)

func noArgs(name string, g func(f *gofakeit.Faker) any) fakeFunc {
	return func(f *gofakeit.Faker, args []int) (any, error) {
		if len(args) > 0 {
			return nil, fmt.Errorf("fake %q takes no arguments", name)
		}
		return g(f), nil
	}
}

// fakers are the values `fake "name"` makes.
var fakers = map[string]fakeFunc{
	"email":     noArgs("email", func(f *gofakeit.Faker) any { return strings.ToLower(f.FirstName()+"."+f.LastName()) + "@example.com" }),
	"name":      noArgs("name", func(f *gofakeit.Faker) any { return f.FirstName() + " " + f.LastName() }),
	"firstName": noArgs("firstName", func(f *gofakeit.Faker) any { return f.FirstName() }),
	"lastName":  noArgs("lastName", func(f *gofakeit.Faker) any { return f.LastName() }),
	"uuid":      noArgs("uuid", func(f *gofakeit.Faker) any { return f.UUID() }),
	"phone":     noArgs("phone", func(f *gofakeit.Faker) any { return "07" + f.Numerify("### ######") }),
	"postcode":  noArgs("postcode", func(f *gofakeit.Faker) any { return postcode(f) }),
	"street":    noArgs("street", func(f *gofakeit.Faker) any { return f.Street() }),
	"city":      noArgs("city", func(f *gofakeit.Faker) any { return f.City() }),
	"company":   noArgs("company", func(f *gofakeit.Faker) any { return f.Company() }),
	"word":      noArgs("word", func(f *gofakeit.Faker) any { return f.Word() }),
	"sentence":  noArgs("sentence", func(f *gofakeit.Faker) any { return f.Sentence() }),
	"bool":      noArgs("bool", func(f *gofakeit.Faker) any { return f.Bool() }),
	"accountNumber": noArgs("accountNumber", func(f *gofakeit.Faker) any {
		return "A-" + strings.ToUpper(f.Regex("[0-9A-F]{8}"))
	}),
	"number": func(f *gofakeit.Faker, args []int) (any, error) {
		lo, hi := 0, 1000
		switch len(args) {
		case 0:
		case 2:
			lo, hi = args[0], args[1]
		default:
			return nil, errors.New(`fake "number" takes no arguments or two (min max)`)
		}
		if lo > hi {
			return nil, fmt.Errorf(`fake "number": min %d is above max %d`, lo, hi)
		}
		return f.IntRange(lo, hi), nil
	},
}

// FakeNames lists the names `fake` knows, sorted.
func FakeNames() []string {
	names := make([]string, 0, len(fakers))
	for n := range fakers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func unknownFake(name string) error {
	return fmt.Errorf("unknown fake %q (known: %s)", name, strings.Join(FakeNames(), ", "))
}

// postcode makes a UK-shaped postcode such as "BA9 6EE".
func postcode(f *gofakeit.Faker) string {
	const letters = "ABCDEFGHJKLMNOPRSTUWYZ"
	const inward = "ABDEFGHJLNPQRSTUWXYZ"
	b := []byte{letters[f.IntRange(0, len(letters)-1)]}
	if f.Bool() {
		b = append(b, letters[f.IntRange(0, len(letters)-1)])
	}
	b = append(b, byte('1'+f.IntRange(0, 8)))
	if f.Bool() {
		b = append(b, byte('0'+f.IntRange(0, 9)))
	}
	b = append(b, ' ', byte('0'+f.IntRange(0, 9)), inward[f.IntRange(0, len(inward)-1)], inward[f.IntRange(0, len(inward)-1)])
	return string(b)
}

// templateCache holds compiled templates by source text, bounded so that run-time
// uploads cannot grow it without limit.
var (
	templateCache sync.Map // string → cached
	cacheSize     atomic.Int64
)

const maxCachedTemplates = 1 << 14

type cached struct {
	t   *Template
	err error
}

// compileCached compiles s once.
func compileCached(s string) (*Template, error) {
	if v, ok := templateCache.Load(s); ok {
		c := v.(cached)
		return c.t, c.err
	}
	t, err := CompileTemplate(s)
	if cacheSize.Load() < maxCachedTemplates {
		if _, loaded := templateCache.LoadOrStore(s, cached{t, err}); !loaded {
			cacheSize.Add(1)
		}
	}
	return t, err
}

// Render returns a copy of v with every string rendered as a template for d; maps
// (map[string]any, map[string]string) and lists ([]any) are walked. v is not changed.
func Render(v any, d *TemplateData) (any, error) {
	return render(v, withBudget(d), "")
}

// RenderString renders s as text: a single action's typed value is formatted as
// inside a longer string (null as nothing, maps and lists as JSON).
func RenderString(s string, d *TemplateData) (string, error) {
	v, err := render(s, withBudget(d), "")
	if err != nil {
		return "", err
	}
	return outString(v), nil
}

// FormatValue formats a template value as text the way templates print it: null as
// nothing, numbers minimally, times as RFC 3339, maps and lists as JSON.
func FormatValue(v any) string { return outString(v) }

func render(v any, d *TemplateData, path string) (any, error) {
	switch x := v.(type) {
	case string:
		if !strings.Contains(x, "{{") {
			return x, nil
		}
		t, err := compileCached(x)
		if err != nil {
			return nil, withPath(err, path)
		}
		return t.execute(d, path)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			r, err := render(e, d, join(path, k))
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case Object:
		out := make(map[string]any, len(x))
		for _, m := range x {
			r, err := render(m.Value, d, join(path, m.Key))
			if err != nil {
				return nil, err
			}
			out[m.Key] = r
		}
		return out, nil
	case Ordered:
		out := make(Ordered, len(x))
		for i, m := range x {
			r, err := render(m.Value, d, join(path, m.Key))
			if err != nil {
				return nil, err
			}
			out[i] = Member{Key: m.Key, Value: r}
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			r, err := render(e, d, join(path, strconv.Itoa(i)))
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case map[string]string:
		out := make(map[string]string, len(x))
		for k, e := range x {
			r, err := render(e, d, join(path, k))
			if err != nil {
				return nil, err
			}
			out[k] = outString(r)
		}
		return out, nil
	}
	return v, nil
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func withPath(err error, path string) error {
	var te *TemplateError
	if errors.As(err, &te) {
		c := *te
		c.Path = path
		return &c
	}
	return err
}

// CheckTemplates compiles every string in v (walking maps and lists as Render does)
// and returns the first failure as a *TemplateError naming its path and text.
func CheckTemplates(v any) error {
	return check(v, "")
}

func check(v any, path string) error {
	switch x := v.(type) {
	case string:
		if _, err := compileCached(x); err != nil {
			return withPath(err, path)
		}
	case map[string]any:
		for _, k := range sortedKeys(x) {
			if err := check(x[k], join(path, k)); err != nil {
				return err
			}
		}
	case Object:
		for _, m := range x {
			if err := check(m.Value, join(path, m.Key)); err != nil {
				return err
			}
		}
	case Ordered:
		for _, m := range x {
			if err := check(m.Value, join(path, m.Key)); err != nil {
				return err
			}
		}
	case map[string]string:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := check(x[k], join(path, k)); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range x {
			if err := check(e, join(path, strconv.Itoa(i))); err != nil {
				return err
			}
		}
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
