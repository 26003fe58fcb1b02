package scenarios

import (
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/sim/rules"
)

// valueChecker checks an answer's data against the root field's output type, naming
// the position of each offending node when the parser kept where the data was written.
type valueChecker struct {
	l        *linter
	s        *ast.Schema
	fallback rules.Pos
	// root finds the data's node, parsing its file again: only a problem needs it.
	root     func() (*yaml.Node, string)
	rootDone bool
	rootNode *yaml.Node
	file     string
	// segs lead from the data to the value being checked.
	segs []seg
}

// seg is one step below a value: a list's index, or a mapping's key when index < 0.
type seg struct {
	key   string
	index int
}

func keySeg(key string) seg { return seg{key: key, index: -1} }

// path names the value being checked, as "data.viewer.accounts.0".
func (v *valueChecker) path() string {
	var b strings.Builder
	b.WriteString("data")
	for _, s := range v.segs {
		b.WriteByte('.')
		if s.index < 0 {
			b.WriteString(s.key)
		} else {
			b.WriteString(strconv.Itoa(s.index))
		}
	}
	return b.String()
}

// pos is where the value being checked was written (its key, with key); the answer's
// position when that is not known.
func (v *valueChecker) pos(key bool) rules.Pos {
	if !v.rootDone && v.root != nil {
		v.rootNode, v.file = v.root()
		v.rootDone = true
	}
	n := v.rootNode
	for i, s := range v.segs {
		if s.index >= 0 {
			n = seqItem(n, s.index)
			continue
		}
		k, val := mapChild(n, s.key)
		n = val
		if key && i == len(v.segs)-1 {
			n = k
		}
	}
	if n = deref(n); n == nil || n.Line == 0 {
		return v.fallback
	}
	return rules.Pos{File: v.file, Line: n.Line, Column: n.Column}
}

// errorf reports a problem with the value being checked, at its key with key.
func (v *valueChecker) errorf(key bool, format string, args ...any) {
	v.l.errorf(v.pos(key), "%s: "+format, append([]any{v.path()}, args...)...)
}

// below checks val, one step s below the value being checked, against t.
func (v *valueChecker) below(s seg, t *ast.Type, val any) {
	v.segs = append(v.segs, s)
	v.check(t, val)
	v.segs = v.segs[:len(v.segs)-1]
}

// check checks val, the value v.segs lead to, against t.
func (v *valueChecker) check(t *ast.Type, val any) {
	if len(v.segs) > 64 {
		return
	}
	if val == nil {
		if t.NonNull {
			v.errorf(false, "%s is non-null, so it cannot be null", t)
		}
		return
	}
	if s, ok := val.(string); ok && strings.Contains(s, "{{") {
		return
	}
	if t.Elem != nil {
		list, ok := val.([]any)
		if !ok {
			v.errorf(false, "want a list (%s), got %s", t, kindOf(val))
			return
		}
		for i, item := range list {
			v.below(seg{index: i}, t.Elem, item)
		}
		return
	}
	def := v.s.Types[t.Name()]
	if def == nil {
		return
	}
	switch def.Kind {
	case ast.Scalar, ast.Enum:
		if msg := leafMismatch(def, val, !t.NonNull); msg != "" {
			v.errorf(false, "%s", msg)
		}
		return
	}
	var obj rules.Object
	switch x := val.(type) {
	case rules.Object:
		obj = x
	case map[string]any:
		obj = make(rules.Object, 0, len(x))
		for k, e := range x {
			obj = append(obj, rules.Member{Key: k, Value: e})
		}
		rules.SortObject(obj)
	default:
		v.errorf(false, "want a %s object (a mapping), got %s", def.Name, kindOf(val))
		return
	}
	if tn, ok := obj.Get("__typename"); ok {
		name, _ := tn.(string)
		v.segs = append(v.segs, keySeg("__typename"))
		switch {
		case def.IsAbstractType():
			var concrete *ast.Definition
			var names []string
			for _, pt := range v.s.GetPossibleTypes(def) {
				names = append(names, pt.Name)
				if pt.Name == name {
					concrete = pt
				}
			}
			if concrete == nil {
				v.errorf(false, "%q is not a type of %s; want one of %s%s", kindName(tn), def.Name, strings.Join(names, ", "), didYouMean(name, names))
			} else {
				def = concrete
			}
		case name != def.Name:
			v.errorf(false, "the type here is %s, not %q", def.Name, kindName(tn))
		}
		v.segs = v.segs[:len(v.segs)-1]
	}
	for _, m := range obj { // by key, so that problems at one position come in a stable order
		key := m.Key
		if key == "__typename" {
			continue
		}
		f := outputField(v.s, def, key)
		if f == nil {
			path := v.path()
			v.segs = append(v.segs, keySeg(key))
			pos := v.pos(true)
			v.segs = v.segs[:len(v.segs)-1]
			v.l.errorf(pos, "%s: %s has no field %q%s", path, def.Name, key, didYouMean(key, outputFieldNames(v.s, def)))
			continue
		}
		v.below(keySeg(key), f.Type, m.Value)
	}
}

func kindName(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return kindOf(v)
}

// deref follows aliases.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// mapChild finds key's key and value nodes in mapping n (looking through merge keys).
func mapChild(n *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := deref(n.Content[i])
		if k == nil {
			continue
		}
		if k.ShortTag() == "!!merge" {
			merges = append(merges, n.Content[i+1])
			continue
		}
		if k.Value == key {
			return k, n.Content[i+1]
		}
	}
	for _, m := range merges {
		m = deref(m)
		if m == nil {
			continue
		}
		srcs := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			srcs = m.Content
		}
		for _, s := range srcs {
			if s == n {
				continue
			}
			if k, v := mapChild(s, key); k != nil {
				return k, v
			}
		}
	}
	return nil, nil
}

func seqItem(n *yaml.Node, i int) *yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
		return nil
	}
	return n.Content[i]
}
