package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/internal/yamlpos"
	"github.com/krakensim/krakensim/sim/rules"
)

// maxAliasNodes bounds how many nodes aliases may add to one document when expanded, so
// that a "billion laughs" document fails instead of exhausting memory; the document's
// own nodes do not count.
const maxAliasNodes = 200_000

// reader turns YAML nodes into values, recording problems with their positions.
type reader struct {
	file  string
	src   []byte
	probs *problems
	// source is the file, and sc the scenario being read, where positions go.
	source *fileSource
	sc     *scenarioSrc
	// plain says no string of the file can hold a template; known that the file is
	// known good, so that its templates need no check.
	plain, known bool
	// checked holds the templates checked so far, with their problems.
	checked map[string]error
	// pairBuf holds the pairs of the mappings being read, many to an allocation.
	pairBuf []pair
	// nodes counts the nodes read, up to maxVisits (a node may be read twice: for its
	// value and for its templates).
	nodes, maxVisits int
}

// aliasExpansion is how many nodes the aliases of a document add when expanded, counted
// without expanding them (each anchored subtree's size is computed once), and stopping
// past limit. The first alias node found is returned for the error's position.
func aliasExpansion(root *yaml.Node, limit int) (added, own int, first *yaml.Node) {
	sizes := map[*yaml.Node]int{}
	const inProgress = -1
	var expanded func(n *yaml.Node) int
	expanded = func(n *yaml.Node) int {
		if n == nil {
			return 0
		}
		if n.Kind == yaml.AliasNode {
			if first == nil {
				first = n
			}
			return expanded(n.Alias)
		}
		if v, ok := sizes[n]; ok {
			if v == inProgress {
				return limit + 1 // an alias to an enclosing node never ends
			}
			return v
		}
		sizes[n] = inProgress
		total := 1
		for _, c := range n.Content {
			total = min(total+expanded(c), 2*limit+1)
		}
		sizes[n] = total
		return total
	}
	aliases := false
	var count func(n *yaml.Node) int
	count = func(n *yaml.Node) int {
		total := 1
		for _, c := range n.Content {
			if c.Kind == yaml.AliasNode {
				aliases = true
				continue
			}
			total += count(c)
		}
		return total
	}
	own = count(root)
	if !aliases {
		return 0, own, nil
	}
	return max(0, expanded(root)-own), own, first
}

func (r *reader) pos(n *yaml.Node) rules.Pos {
	return rules.Pos{File: r.file, Line: n.Line, Column: n.Column}
}

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	r.probs.errorf(r.pos(n), format, args...)
}

// resolve follows aliases and counts expanded nodes; it returns nil when the budget is
// spent (after reporting it once).
func (r *reader) resolve(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && n.Kind == yaml.AliasNode; depth++ {
		if depth > 100 {
			return nil
		}
		n = n.Alias
	}
	if n == nil {
		return nil
	}
	r.nodes++
	limit := r.maxVisits
	if limit == 0 {
		limit = 2 * maxAliasNodes // a document read without its expansion counted first
	}
	if r.nodes == limit+1 {
		r.errorf(n, "the document is read as more than %d nodes; aliases may add at most %d nodes to a document", limit, maxAliasNodes)
	}
	if r.nodes > limit {
		return nil
	}
	return n
}

// pair is one key and value of a mapping.
type pair struct{ key, value *yaml.Node }

// pairs returns a mapping's entries with merge keys (<<) expanded, explicit keys winning
// over merged ones; a key given twice is reported and its second value dropped.
func (r *reader) pairs(n *yaml.Node) []pair {
	ks := keySet{out: r.pairSpace(len(n.Content) / 2)}
	var merged []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := r.resolve(n.Content[i]), n.Content[i+1]
		if k == nil {
			return ks.out
		}
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merged = append(merged, r.mergeSources(v)...)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			r.errorf(k, "want a string key, got %s", describe(k))
			continue
		}
		if first := ks.find(k.Value); first != nil {
			r.errorf(k, "key %q is given twice (first at %d:%d)", k.Value, first.Line, first.Column)
			continue
		}
		ks.add(pair{k, v})
	}
	for _, p := range merged {
		if ks.find(p.key.Value) == nil {
			ks.add(p)
		}
	}
	return ks.out
}

// pairSpace returns an empty slice with room for n pairs, cut from r.pairBuf: the pairs
// of a rule's mappings are read while the rule is, and scenario drops them after it.
func (r *reader) pairSpace(n int) []pair {
	start := len(r.pairBuf)
	r.pairBuf = slices.Grow(r.pairBuf, n)[:start+n]
	return r.pairBuf[start : start : start+n]
}

// keySet is a mapping's entries with distinct keys. Most mappings in scenarios are
// small and searched in order; a long one (data, say) gets an index.
type keySet struct {
	out   []pair
	index map[string]*yaml.Node
}

func (ks *keySet) find(key string) *yaml.Node {
	if ks.index != nil {
		return ks.index[key]
	}
	for _, p := range ks.out {
		if p.key.Value == key {
			return p.key
		}
	}
	return nil
}

func (ks *keySet) add(p pair) {
	ks.out = append(ks.out, p)
	switch {
	case ks.index != nil:
		ks.index[p.key.Value] = p.key
	case len(ks.out) > 16:
		ks.index = make(map[string]*yaml.Node, 2*len(ks.out))
		for _, q := range ks.out {
			ks.index[q.key.Value] = q.key
		}
	}
}

// mergeSources returns the entries a merge key's value brings: a mapping, or a list of
// mappings where earlier ones win.
func (r *reader) mergeSources(v *yaml.Node) []pair {
	v = r.resolve(v)
	if v == nil {
		return nil
	}
	switch v.Kind {
	case yaml.MappingNode:
		return r.pairs(v)
	case yaml.SequenceNode:
		var out []pair
		seen := map[string]bool{}
		for _, item := range v.Content {
			item = r.resolve(item)
			if item == nil || item.Kind != yaml.MappingNode {
				if item != nil {
					r.errorf(item, "a merge key (<<) takes a mapping or a list of mappings, got %s", describe(item))
				}
				continue
			}
			for _, p := range r.pairs(item) {
				if !seen[p.key.Value] {
					seen[p.key.Value] = true
					out = append(out, p)
				}
			}
		}
		return out
	}
	r.errorf(v, "a merge key (<<) takes a mapping or a list of mappings, got %s", describe(v))
	return nil
}

// describe names a node's kind for messages: "a string", "a mapping", "null"...
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "null"
		case "!!bool":
			return "a boolean (" + n.Value + ")"
		case "!!int", "!!float":
			return "a number (" + n.Value + ")"
		}
		return fmt.Sprintf("a string (%q)", clip(n.Value))
	case yaml.DocumentNode:
		return "a document"
	}
	return "an alias"
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// isNull reports whether n is an explicit null (null, ~, or nothing).
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// str reads a string scalar; numbers and booleans are not taken for strings.
func (r *reader) str(n *yaml.Node, what string) (string, bool) {
	if n = r.resolve(n); n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		r.errorf(n, "%s: want a string, got %s", what, describe(n))
		return "", false
	}
	return n.Value, true
}

// text reads any scalar as the text it was written as (for headers and query values).
func (r *reader) text(n *yaml.Node, what string) (string, bool) {
	if n = r.resolve(n); n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || isNull(n) {
		r.errorf(n, "%s: want a string, got %s", what, describe(n))
		return "", false
	}
	return n.Value, true
}

func (r *reader) boolean(n *yaml.Node, what string) (bool, bool) {
	if n = r.resolve(n); n == nil {
		return false, false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		r.errorf(n, "%s: want true or false, got %s", what, describe(n))
		return false, false
	}
	var b bool
	if err := decodeBool(n, &b); err != nil {
		r.errorf(n, "%s: want true or false, got %s", what, describe(n))
		return false, false
	}
	return b, true
}

func (r *reader) integer(n *yaml.Node, what string) (int, bool) {
	if n = r.resolve(n); n == nil {
		return 0, false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
		r.errorf(n, "%s: want a whole number, got %s", what, describe(n))
		return 0, false
	}
	var i int
	if err := decodeInt(n, &i); err != nil {
		r.errorf(n, "%s: %s is out of range", what, n.Value)
		return 0, false
	}
	return i, true
}

func (r *reader) number(n *yaml.Node, what string) (float64, bool) {
	if n = r.resolve(n); n == nil {
		return 0, false
	}
	if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") {
		v, ok := r.value(n)
		switch x := v.(type) {
		case int:
			return float64(x), true
		case float64:
			return x, true
		}
		if !ok {
			return 0, false
		}
	}
	r.errorf(n, "%s: want a number, got %s", what, describe(n))
	return 0, false
}

// value converts a node into a JSON-like Go value: map[string]any, []any, string,
// int, float64, bool or nil.
func (r *reader) value(n *yaml.Node) (any, bool) { return r.valueOf(n, false) }

// data reads an answer's data as value does, but its mappings as rules.Objects.
func (r *reader) data(n *yaml.Node) (any, bool) { return r.valueOf(n, true) }

// body reads a REST answer's body as value does, but its mappings as rules.Ordered, so
// that the JSON sent keeps the order written.
func (r *reader) body(n *yaml.Node) (any, bool) {
	if n = r.resolve(n); n == nil {
		return nil, false
	}
	switch n.Kind {
	case yaml.MappingNode:
		ps := r.pairs(n)
		o := make(rules.Ordered, 0, len(ps))
		ok := true
		for _, p := range ps {
			v, vok := r.body(p.value)
			ok = ok && vok
			o = append(o, rules.Member{Key: p.key.Value, Value: v})
		}
		return o, ok
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		ok := true
		for _, item := range n.Content {
			v, vok := r.body(item)
			ok = ok && vok
			l = append(l, v)
		}
		return l, ok
	}
	return r.value(n)
}

func (r *reader) valueOf(n *yaml.Node, objects bool) (any, bool) {
	if n = r.resolve(n); n == nil {
		return nil, false
	}
	switch n.Kind {
	case yaml.MappingNode:
		ps := r.pairs(n)
		ok := true
		if objects {
			o := make(rules.Object, 0, len(ps))
			for _, p := range ps {
				v, vok := r.valueOf(p.value, true)
				ok = ok && vok
				o = append(o, rules.Member{Key: p.key.Value, Value: v})
			}
			return rules.SortObject(o), ok
		}
		m := make(map[string]any, len(ps))
		for _, p := range ps {
			v, vok := r.valueOf(p.value, false)
			ok = ok && vok
			m[p.key.Value] = v
		}
		return m, ok
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		ok := true
		for _, item := range n.Content {
			v, vok := r.valueOf(item, objects)
			ok = ok && vok
			l = append(l, v)
		}
		return l, ok
	case yaml.ScalarNode:
		return r.scalar(n)
	}
	r.errorf(n, "unexpected %s", describe(n))
	return nil, false
}

func (r *reader) scalar(n *yaml.Node) (any, bool) {
	switch n.ShortTag() {
	case "!!null":
		return nil, true
	case "!!str", "!!timestamp":
		return n.Value, true
	case "!!bool":
		var b bool
		if err := decodeBool(n, &b); err != nil {
			r.errorf(n, "%q is not a boolean", n.Value)
			return nil, false
		}
		return b, true
	case "!!int":
		var i int
		if err := decodeInt(n, &i); err == nil {
			return i, true
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(f, 0) {
			r.errorf(n, "the number %s is out of range", n.Value)
			return nil, false
		}
		return f, true
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			r.errorf(n, "%q is not a number", n.Value)
			return nil, false
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			r.errorf(n, "%s cannot be sent as JSON; write a finite number", n.Value)
			return nil, false
		}
		return f, true
	case "!!binary":
		var s string
		if err := n.Decode(&s); err != nil {
			r.errorf(n, "bad !!binary value: %v", err)
			return nil, false
		}
		return s, true
	}
	r.errorf(n, "unsupported tag %s", n.Tag)
	return nil, false
}

// mapping checks that n is a mapping and returns its entries.
func (r *reader) mapping(n *yaml.Node, what string) ([]pair, bool) {
	if n = r.resolve(n); n == nil {
		return nil, false
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "%s: want a mapping, got %s", what, describe(n))
		return nil, false
	}
	return r.pairs(n), true
}

// syntaxError turns a yaml.v3 error into a problem at the mistake's line and column.
func (r *reader) syntaxError(err error) {
	p, msg := yamlpos.Locate(r.src, err)
	r.probs.errorf(rules.Pos{File: r.file, Line: p.Line, Column: p.Column}, "bad YAML: %s", msg)
}

// duration reads a Go duration such as 200ms or 1.5s.
func (r *reader) duration(n *yaml.Node, what string) (time.Duration, bool) {
	if n = r.resolve(n); n == nil {
		return 0, false
	}
	if n.Kind != yaml.ScalarNode || isNull(n) {
		r.errorf(n, "%s: want a duration such as 200ms or 2s, got %s", what, describe(n))
		return 0, false
	}
	d, err := time.ParseDuration(n.Value)
	if err != nil {
		hint := ""
		if _, nerr := strconv.ParseFloat(n.Value, 64); nerr == nil {
			hint = " (a number needs a unit: " + n.Value + "ms or " + n.Value + "s)"
		}
		r.errorf(n, "%s: %q is not a duration such as 200ms or 2s%s", what, n.Value, hint)
		return 0, false
	}
	if d < 0 {
		r.errorf(n, "%s: %s is negative", what, n.Value)
		return 0, false
	}
	return d, true
}

// decodeInt is n.Decode(i) for an !!int node, with a shortcut for the usual decimal
// (no sign but -, no leading zero, no _), which yaml.v3 reads as strconv does.
func decodeInt(n *yaml.Node, i *int) error {
	v := strings.TrimPrefix(n.Value, "-")
	if len(v) > 0 && len(v) < 19 && (v[0] != '0' || len(v) == 1) && strings.Trim(v, "0123456789") == "" {
		x, err := strconv.Atoi(n.Value)
		*i = x
		return err
	}
	return n.Decode(i)
}

// decodeBool is n.Decode(b) for a !!bool node, with a shortcut for true and false.
func decodeBool(n *yaml.Node, b *bool) error {
	switch n.Value {
	case "true":
		*b = true
		return nil
	case "false":
		*b = false
		return nil
	}
	return n.Decode(b)
}
