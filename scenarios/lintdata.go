package scenarios

import (
	"slices"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/sim/rules"
)

// valueChecker checks an answer's data against the root field's output type, naming
// the position of each offending node when the parser kept it.
type valueChecker struct {
	l        *linter
	s        *ast.Schema
	file     string
	fallback rules.Pos
	depth    int
}

func (v *valueChecker) pos(n *yaml.Node) rules.Pos {
	if n == nil || n.Line == 0 {
		return v.fallback
	}
	return rules.Pos{File: v.file, Line: n.Line, Column: n.Column}
}

// check checks val (written at node n, which may be nil) against t; path names it.
func (v *valueChecker) check(t *ast.Type, val any, n *yaml.Node, path string) {
	if v.depth > 64 {
		return
	}
	v.depth++
	defer func() { v.depth-- }()
	n = deref(n)
	if val == nil {
		if t.NonNull {
			v.l.errorf(v.pos(n), "%s: %s is non-null, so it cannot be null", path, t)
		}
		return
	}
	if s, ok := val.(string); ok && strings.Contains(s, "{{") {
		return
	}
	if t.Elem != nil {
		list, ok := val.([]any)
		if !ok {
			v.l.errorf(v.pos(n), "%s: want a list (%s), got %s", path, t, kindOf(val))
			return
		}
		for i, item := range list {
			v.check(t.Elem, item, seqItem(n, i), path+"."+strconv.Itoa(i))
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
			v.l.errorf(v.pos(n), "%s: %s", path, msg)
		}
		return
	}
	obj, ok := val.(map[string]any)
	if !ok {
		v.l.errorf(v.pos(n), "%s: want a %s object (a mapping), got %s", path, def.Name, kindOf(val))
		return
	}
	if tn, ok := obj["__typename"]; ok {
		_, vn := mapChild(n, "__typename")
		name, _ := tn.(string)
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
				v.l.errorf(v.pos(vn), "%s.__typename: %q is not a type of %s; want one of %s%s", path, kindName(tn), def.Name, strings.Join(names, ", "), didYouMean(name, names))
			} else {
				def = concrete
			}
		case name != def.Name:
			v.l.errorf(v.pos(vn), "%s.__typename: the type here is %s, not %q", path, def.Name, kindName(tn))
		}
	}
	for _, key := range sortedKeys(obj, n) {
		if key == "__typename" {
			continue
		}
		kn, vn := mapChild(n, key)
		f := outputField(v.s, def, key)
		if f == nil {
			v.l.errorf(v.pos(kn), "%s: %s has no field %q%s", path, def.Name, key, didYouMean(key, outputFieldNames(v.s, def)))
			continue
		}
		v.check(f.Type, obj[key], vn, path+"."+key)
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

// sortedKeys returns obj's keys in the order they were written, else sorted.
func sortedKeys(obj map[string]any, n *yaml.Node) []string {
	keys := make([]string, 0, len(obj))
	seen := map[string]bool{}
	if n = deref(n); n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := deref(n.Content[i]); k != nil {
				if _, ok := obj[k.Value]; ok && !seen[k.Value] {
					seen[k.Value] = true
					keys = append(keys, k.Value)
				}
			}
		}
	}
	var rest []string
	for k := range obj {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(keys, rest...)
}
