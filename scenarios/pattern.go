package scenarios

import (
	"bytes"
	"errors"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/sim/rules"
)

// patternKeys are the keys of a verification pattern.
var patternKeys = []string{"when", "exactly", "atLeast", "atMost"}

// ParsePattern reads a verification pattern (YAML, or JSON, which is YAML too): a
// `when` in the language of scenario rules, and optionally `exactly`, `atLeast` and
// `atMost` counts. Problems name filename:line:col.
func ParsePattern(filename string, src []byte) (*rules.Pattern, error) {
	var probs problems
	r := &reader{file: filename, probs: &probs}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	err := decode(dec, &doc)
	switch {
	case errors.Is(err, io.EOF) || err == nil && len(doc.Content) == 0:
		r.probs.errorf(rules.Pos{File: filename, Line: 1, Column: 1}, "empty pattern: want a mapping such as {when: {field: obtainKrakenToken}, atLeast: 1}")
	case err != nil:
		r.syntaxError(err)
	default:
		var extra yaml.Node
		if derr := decode(dec, &extra); derr == nil {
			r.errorf(&extra, "a pattern is one YAML document; this is a second one")
		}
	}
	var p *rules.Pattern
	if len(probs.list) == 0 {
		p = r.pattern(doc.Content[0])
	}
	out := dedupe(probs.list)
	if out.HasErrors() {
		return nil, out
	}
	return p, nil
}

func (r *reader) pattern(n *yaml.Node) *rules.Pattern {
	ps, ok := r.mapping(n, "pattern")
	if !ok {
		return nil
	}
	p := &rules.Pattern{Pos: r.pos(r.resolve(n))}
	var whenNode *yaml.Node
	var counts []*yaml.Node
	for _, kv := range ps {
		var dst **int
		switch kv.key.Value {
		case "when":
			whenNode = kv.value
			continue
		case "exactly":
			dst = &p.Exactly
		case "atLeast":
			dst = &p.AtLeast
		case "atMost":
			dst = &p.AtMost
		default:
			r.unknownKey(kv.key, "pattern", patternKeys)
			continue
		}
		counts = append(counts, kv.key)
		v, ok := r.integer(kv.value, kv.key.Value)
		if !ok {
			continue
		}
		if v < 0 {
			r.errorf(kv.value, "%s: want a count of 0 or more, got %d", kv.key.Value, v)
			continue
		}
		*dst = &v
	}
	if whenNode == nil {
		r.errorf(n, "the pattern has no when (which requests it counts), such as when: {field: obtainKrakenToken}")
		return nil
	}
	if p.Exactly != nil && (p.AtLeast != nil || p.AtMost != nil) {
		r.errorf(counts[len(counts)-1], "give exactly alone, or atLeast and atMost")
	}
	if p.AtLeast != nil && p.AtMost != nil && *p.AtLeast > *p.AtMost {
		r.errorf(counts[len(counts)-1], "atLeast %d is more than atMost %d; no count can satisfy both", *p.AtLeast, *p.AtMost)
	}
	if !r.when(whenNode, &p.When, &ruleSrc{}) {
		return nil
	}
	return p
}
