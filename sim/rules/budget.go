package rules

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template/parse"
	"time"
)

// Limits on templates, so that no scenario can make one request hang the server or
// exhaust its memory. The work limits hold for one Budget: every string rendered with
// it (a request's answers) shares them.
const (
	// MaxTemplateSource bounds a template's source text, in bytes.
	MaxTemplateSource = 64 << 10
	// MaxTemplateString bounds every string a template builds (printf, json, upper...)
	// and every template's output, in bytes.
	MaxTemplateString = 1 << 20
	// MaxTemplateBuilt bounds the bytes built and written by all the templates of one
	// Budget together.
	MaxTemplateBuilt = 8 << 20
	// MaxTemplateSteps bounds range iterations and template calls of one Budget together.
	MaxTemplateSteps = 10000
	// MaxTemplateTime bounds the time the templates of one Budget may run.
	MaxTemplateTime = time.Second
	// MaxFormatWidth bounds a printf width or precision.
	MaxFormatWidth = 1000
)

// templateTime is MaxTemplateTime, shortened by tests.
var templateTime = MaxTemplateTime

// LimitError is a template that went over one of the limits above.
type LimitError struct{ Msg string }

// Error says which limit.
func (e *LimitError) Error() string { return e.Msg }

func limitf(format string, args ...any) error {
	return &LimitError{Msg: fmt.Sprintf(format, args...)}
}

// Budget is the work templates may still do for one request: MaxTemplateSteps steps,
// MaxTemplateBuilt bytes and MaxTemplateTime from its first use, and no more once ctx
// is done. It is safe for concurrent use.
type Budget struct {
	ctx      context.Context
	deadline atomic.Int64 // unix nanoseconds; 0 until first use
	built    atomic.Int64
	steps    atomic.Int64
	ticks    atomic.Int64
}

// NewBudget starts a budget for the templates of one request; ctx may be nil.
func NewBudget(ctx context.Context) *Budget {
	if ctx == nil {
		ctx = context.Background()
	}
	return &Budget{ctx: ctx}
}

// tick checks the deadline and the request's context.
func (b *Budget) tick() error {
	n := b.ticks.Add(1)
	if n == 1 {
		b.deadline.CompareAndSwap(0, time.Now().Add(templateTime).UnixNano())
	}
	if n%8 != 0 {
		return nil
	}
	if err := b.ctx.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return limitf("the request's deadline passed while templates ran")
		}
		return limitf("the request was cancelled while templates ran")
	}
	if d := b.deadline.Load(); d != 0 && time.Now().UnixNano() > d {
		return limitf("the templates ran for more than %s", templateTime)
	}
	return nil
}

// charge counts n bytes built, refusing a string over MaxTemplateString and a total
// over MaxTemplateBuilt.
func (b *Budget) charge(what string, n int) error {
	if n > MaxTemplateString {
		return limitf("%s: the result is %d bytes; the limit is %d", what, n, MaxTemplateString)
	}
	if b.built.Add(int64(n)) > MaxTemplateBuilt {
		return limitf("%s: the templates of this request built more than %d bytes", what, MaxTemplateBuilt)
	}
	return b.tick()
}

// step counts n range iterations or template calls.
func (b *Budget) step(what string, n int64) error {
	if n < 0 {
		n = 0
	}
	if n > MaxTemplateSteps || b.steps.Add(n) > MaxTemplateSteps {
		return limitf("%s: ranges and template calls exceed %d steps", what, MaxTemplateSteps)
	}
	return b.tick()
}

// checkFormat refuses a printf format whose widths or precisions (literal, or given
// by * from args) are over MaxFormatWidth; args is nil when only the literal ones are known.
func checkFormat(format string, args []any) error {
	argi := 0
	index := func(i int) int {
		if i < len(format) && format[i] == '[' {
			j := strings.IndexByte(format[i:], ']')
			if j < 0 {
				return len(format)
			}
			if n, err := strconv.Atoi(format[i+1 : i+j]); err == nil {
				argi = n - 1
			}
			return i + j + 1
		}
		return i
	}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		for i < len(format) && strings.IndexByte("-+# 0", format[i]) >= 0 {
			i++
		}
		for part := range 2 {
			if part == 1 {
				if i >= len(format) || format[i] != '.' {
					break
				}
				i++
			}
			i = index(i)
			var n int64
			if i < len(format) && format[i] == '*' {
				i++
				if argi >= 0 && argi < len(args) {
					if x, _, ok := number(args[argi]); ok {
						n = x.i
					}
				}
				argi++
			} else {
				start := i
				for i < len(format) && format[i] >= '0' && format[i] <= '9' {
					i++
				}
				if i > start {
					var err error
					if n, err = strconv.ParseInt(format[start:i], 10, 64); err != nil {
						n = MaxFormatWidth + 1
					}
				}
			}
			if n > MaxFormatWidth || n < -MaxFormatWidth {
				return limitf("printf: width or precision %d is over %d", n, MaxFormatWidth)
			}
		}
		i = index(i)
		argi++
	}
	return nil
}

// staticCheck refuses what a template's text shows it would do wrong at run time:
// call (no template value is a function), calls of templates that are not defined,
// recursion through template, literal printf widths and ranges over the limits.
func staticCheck(src string, trees map[string]*parse.Tree) error {
	c := &checker{src: src, trees: trees, state: map[string]int{}, cost: map[string]cost{}}
	for _, name := range sortedTreeNames(trees) {
		if err := c.visit(name, nil); err != nil {
			return err
		}
	}
	// The root's cost, node by node, to point at the one that goes over.
	var total cost
	if t := trees[rootName]; t != nil && t.Root != nil {
		for _, n := range t.Root.Nodes {
			total = total.add(c.listCost(&parse.ListNode{Nodes: []parse.Node{n}}))
			if total.steps > MaxTemplateSteps {
				return c.posError(n.Position(), "the ranges and template calls written here run %s steps; the limit is %d", fmtCount(total.steps), MaxTemplateSteps)
			}
			if total.bytes > MaxTemplateString {
				return c.posError(n.Position(), "the text written here outputs %s bytes; the limit is %d", fmtCount(total.bytes), MaxTemplateString)
			}
		}
	}
	return nil
}

func fmtCount(n int64) string {
	if n >= maxCost {
		return "more than " + strconv.FormatInt(maxCost, 10)
	}
	return strconv.FormatInt(n, 10)
}

type checker struct {
	src   string
	trees map[string]*parse.Tree
	state map[string]int // 1 visiting, 2 done
	cost  map[string]cost
}

// posError prefixes err with the line and column of the node at pos.
func (c *checker) posError(pos parse.Pos, format string, args ...any) error {
	line, col := lineCol(c.src, int(pos))
	return fmt.Errorf("line %d:%d: %s", line, col, fmt.Sprintf(format, args...))
}

// lineCol converts a byte offset of src into a 1-based line and column (in bytes).
func lineCol(src string, off int) (int, int) {
	if off > len(src) {
		off = len(src)
	}
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, off - start + 1
}

// visit checks one template's nodes and the templates it calls; path is the chain
// of templates that led to it, to name a cycle.
func (c *checker) visit(name string, path []string) error {
	switch c.state[name] {
	case 2:
		return nil
	}
	c.state[name] = 1
	t := c.trees[name]
	var err error
	if t != nil && t.Root != nil {
		err = c.list(t.Root, append(path, name))
	}
	c.state[name] = 2
	return err
}

func (c *checker) list(l *parse.ListNode, path []string) error {
	if l == nil {
		return nil
	}
	for _, n := range l.Nodes {
		var err error
		switch x := n.(type) {
		case *parse.ActionNode:
			err = c.pipe(x.Pipe)
		case *parse.IfNode:
			err = c.branch(&x.BranchNode, path)
		case *parse.RangeNode:
			if k, ok := literalInt(x.Pipe); ok && k > MaxTemplateSteps {
				err = c.posError(x.Position(), "range %d: the limit is %d iterations", k, MaxTemplateSteps)
			} else {
				err = c.branch(&x.BranchNode, path)
			}
		case *parse.WithNode:
			err = c.branch(&x.BranchNode, path)
		case *parse.TemplateNode:
			err = c.pipe(x.Pipe)
			if err == nil {
				err = c.call(x, path)
			}
		case *parse.ListNode:
			err = c.list(x, path)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) branch(b *parse.BranchNode, path []string) error {
	if err := c.pipe(b.Pipe); err != nil {
		return err
	}
	if err := c.list(b.List, path); err != nil {
		return err
	}
	return c.list(b.ElseList, path)
}

func (c *checker) call(x *parse.TemplateNode, path []string) error {
	if t, ok := c.trees[x.Name]; !ok || t == nil || t.Root == nil {
		return c.posError(x.Position(), "template %q is not defined", x.Name)
	}
	if c.state[x.Name] == 1 {
		chain := ""
		for i, p := range path {
			if p == x.Name {
				for _, q := range path[i:] {
					chain += strconv.Quote(q) + " → "
				}
				break
			}
		}
		return c.posError(x.Position(), "template %q calls itself (%s%q): templates cannot recurse", x.Name, chain, x.Name)
	}
	return c.visit(x.Name, path)
}

func (c *checker) pipe(p *parse.PipeNode) error {
	if p == nil {
		return nil
	}
	for _, cmd := range p.Cmds {
		if len(cmd.Args) == 0 {
			continue
		}
		if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
			switch id.Ident {
			case "call":
				return c.posError(id.Position(), "call is not available: no value a template sees is a function")
			case "printf":
				if len(cmd.Args) > 1 {
					if s, ok := cmd.Args[1].(*parse.StringNode); ok {
						if err := checkFormat(s.Text, nil); err != nil {
							return c.posError(s.Position(), "%v", err)
						}
					}
				}
			}
		}
		for _, a := range cmd.Args {
			if sub, ok := a.(*parse.PipeNode); ok {
				if err := c.pipe(sub); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// maxCost caps costOf's arithmetic.
const maxCost = 1 << 40

// cost is a lower bound of what a template does: its steps (template calls and
// iterations of ranges over literal numbers) and the bytes of text it writes, outside
// if and with.
type cost struct{ steps, bytes int64 }

func (a cost) add(b cost) cost {
	return cost{min(a.steps+b.steps, maxCost), min(a.bytes+b.bytes, maxCost)}
}

// costOf is a template's cost. It runs after visit, so there are no cycles.
func (c *checker) costOf(name string) cost {
	if n, ok := c.cost[name]; ok {
		return n
	}
	c.cost[name] = cost{}
	var n cost
	if t := c.trees[name]; t != nil {
		n = c.listCost(t.Root)
	}
	c.cost[name] = n
	return n
}

func (c *checker) listCost(l *parse.ListNode) cost {
	var total cost
	if l == nil {
		return total
	}
	for _, n := range l.Nodes {
		switch x := n.(type) {
		case *parse.TextNode:
			total = total.add(cost{bytes: int64(len(x.Text))})
		case *parse.TemplateNode:
			total = total.add(cost{steps: 1}).add(c.costOf(x.Name))
		case *parse.RangeNode:
			if k, ok := literalInt(x.Pipe); ok && k > 0 {
				body := c.listCost(x.List)
				total = total.add(cost{steps: satMul(k, 1+body.steps), bytes: satMul(k, body.bytes)})
			}
		case *parse.ListNode:
			total = total.add(c.listCost(x))
		}
	}
	return total
}

func sortedTreeNames(trees map[string]*parse.Tree) []string {
	names := make([]string, 0, len(trees))
	for n := range trees {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// satMul multiplies, saturating at maxCost.
func satMul(a, b int64) int64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	if a > maxCost/b {
		return maxCost
	}
	return a * b
}

// literalInt reports a pipeline that is one integer literal (range 100).
func literalInt(p *parse.PipeNode) (int64, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return 0, false
	}
	n, ok := p.Cmds[0].Args[0].(*parse.NumberNode)
	if !ok || !n.IsInt {
		return 0, false
	}
	return n.Int64, true
}
