package scenarios

import (
	"bytes"
	"errors"
	"io"

	"github.com/vektah/gqlparser/v2/ast"
	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/uploads"
)

// patternKeys are the keys of a verification pattern.
var patternKeys = []string{"when", "exactly", "atLeast", "atMost"}

// ParsePattern reads a verification pattern (YAML, or JSON, which is YAML too): a
// `when` in the language of scenario rules, and optionally `exactly`, `atLeast` and
// `atMost` counts. Problems name filename:line:col.
func ParsePattern(filename string, src []byte) (*rules.Pattern, error) {
	p, _, err := parsePattern(filename, src)
	return p, err
}

// CheckPattern reads a verification pattern as ParsePattern does, then checks its
// `when` against c as Lint checks a rule's: a root field, operation or variables path
// the schemas do not have is an error naming the nearest. A field of c.Backend counts
// too, since the backend host's requests are journaled. A REST pattern's route must
// be one of c.Routes, and its body paths and query names the data-import OpenAPI
// document's, so that a misspelt one is not a pattern that never matches.
func CheckPattern(filename string, src []byte, c Contract) (*rules.Pattern, error) {
	p, rsrc, err := parsePattern(filename, src)
	if err != nil {
		return p, err
	}
	ssrc := &scenarioSrc{file: &fileSource{name: filename}}
	r := &rules.Rule{Pos: p.Pos, When: p.When}
	l := &linter{c: c, strictBody: true}
	if p.When.Kind == rules.KindHTTP {
		pos := ssrc.pos(rsrc.http)
		if pos.Line == 0 {
			pos = p.Pos
		}
		l.restRule(r, pos)
		if errs := dedupe(l.probs.list).Errors(); len(errs) > 0 {
			return nil, errs
		}
		return p, nil
	}
	if p.When.Kind != rules.KindGraphQL {
		return p, nil
	}
	fc, s := l.backendField(r)
	if fc == nil {
		fc, s = l.field(r, ssrc.pos(rsrc.field), ssrc.pos(rsrc.operation))
	}
	if fc != nil {
		for _, pm := range r.When.Variables {
			l.variable(fc, s, pm)
		}
	}
	if errs := dedupe(l.probs.list).Errors(); len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

// backendField finds r's root field in the backend schema, when the rule may name it.
func (l *linter) backendField(r *rules.Rule) (*schema.FieldContract, *ast.Schema) {
	if l.c.Backend == nil || r.When.Endpoint != "" {
		return nil, nil
	}
	cat := schema.NewCatalog(l.c.Backend)
	if r.When.Operation == "" {
		if fc, ok := cat.Lookup(r.When.Field); ok {
			return fc, l.c.Backend
		}
	} else if fc, ok := cat.Field(ast.Operation(r.When.Operation), r.When.Field); ok {
		return fc, l.c.Backend
	}
	return nil, nil
}

func parsePattern(filename string, src []byte) (*rules.Pattern, *ruleSrc, error) {
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
	rsrc := &ruleSrc{}
	if len(probs.list) == 0 {
		p = r.pattern(doc.Content[0], rsrc)
	}
	out := dedupe(probs.list)
	if out.HasErrors() {
		return nil, nil, out
	}
	return p, rsrc, nil
}

func (r *reader) pattern(n *yaml.Node, src *ruleSrc) *rules.Pattern {
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
	if !r.when(whenNode, &p.When, src) {
		return nil
	}
	return p
}

// SimulatorContract is the contract s serves, for CheckPattern: its API,
// authentication and backend schemas, with their catalogs, and its REST routes.
func SimulatorContract(s *sim.Simulator) Contract {
	var c Contract
	if e := s.API(); e != nil {
		c.API = e.Executor().Schema()
		c.APICatalog = schema.NewCatalog(c.API)
	}
	if e := s.Auth(); e != nil {
		c.Auth = e.Executor().Schema()
		c.AuthCatalog = schema.NewCatalog(c.Auth)
	}
	if e := s.Backend(); e != nil {
		c.Backend = e.Executor().Schema()
	}
	// The upload storage's requests are journaled too, though no scenario answers them.
	c.Routes = append(RouteNames(s.Routes()), "POST "+uploads.Path, "GET "+uploads.Path+"{key}")
	return c
}
