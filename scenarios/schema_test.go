package scenarios

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// jsonSchema is the part of JSON Schema 2020-12 that scenario.schema.json uses.
type jsonSchema struct {
	root map[string]any
}

func loadJSONSchema(t *testing.T) *jsonSchema {
	t.Helper()
	b, err := os.ReadFile("scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatalf("scenario.schema.json: %v", err)
	}
	if root["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", root["$schema"])
	}
	return &jsonSchema{root: root}
}

func (js *jsonSchema) def(name string) map[string]any {
	defs, _ := js.root["$defs"].(map[string]any)
	d, _ := defs[name].(map[string]any)
	return d
}

// validate returns the first way v does not fit s, or "".
func (js *jsonSchema) validate(s map[string]any, v any, at string) string {
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		d := js.def(name)
		if d == nil {
			return at + ": unresolved " + ref
		}
		if msg := js.validate(d, v, at); msg != "" {
			return msg
		}
	}
	if types, ok := s["type"]; ok && !typeFits(types, v) {
		return fmt.Sprintf("%s: %v is not of type %v", at, v, types)
	}
	if e, ok := s["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return fmt.Sprint(x) == fmt.Sprint(v) }) {
		return fmt.Sprintf("%s: %v not in %v", at, v, e)
	}
	if c, ok := s["const"]; ok && fmt.Sprint(c) != fmt.Sprint(v) {
		return fmt.Sprintf("%s: %v is not %v", at, v, c)
	}
	if str, ok := v.(string); ok {
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			return fmt.Sprintf("%s: %q does not match %s", at, str, p)
		}
	}
	if n, ok := v.(float64); ok {
		if m, ok := s["minimum"].(float64); ok && n < m {
			return fmt.Sprintf("%s: %v < %v", at, n, m)
		}
		if m, ok := s["maximum"].(float64); ok && n > m {
			return fmt.Sprintf("%s: %v > %v", at, n, m)
		}
	}
	if obj, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := obj[r.(string)]; !ok {
				return fmt.Sprintf("%s: %s is required", at, r)
			}
		}
		if m, ok := s["minProperties"].(float64); ok && float64(len(obj)) < m {
			return fmt.Sprintf("%s: fewer than %v properties", at, m)
		}
		for k, pv := range obj {
			if ps, ok := props[k].(map[string]any); ok {
				if msg := js.validate(ps, pv, at+"."+k); msg != "" {
					return msg
				}
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					return fmt.Sprintf("%s: unknown property %q", at, k)
				}
			case map[string]any:
				if msg := js.validate(ap, pv, at+"."+k); msg != "" {
					return msg
				}
			}
		}
	}
	if list, ok := v.([]any); ok {
		if m, ok := s["minItems"].(float64); ok && float64(len(list)) < m {
			return fmt.Sprintf("%s: fewer than %v items", at, m)
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, item := range list {
				if msg := js.validate(items, item, fmt.Sprintf("%s.%d", at, i)); msg != "" {
					return msg
				}
			}
		}
	}
	if subs := asList(s["oneOf"]); len(subs) > 0 {
		n, last := 0, ""
		for _, sub := range subs {
			if msg := js.validate(sub.(map[string]any), v, at); msg == "" {
				n++
			} else {
				last = msg
			}
		}
		if n != 1 {
			return fmt.Sprintf("%s: matches %d of oneOf (last failure: %s)", at, n, last)
		}
	}
	if subs := asList(s["anyOf"]); len(subs) > 0 {
		var last string
		ok := false
		for _, sub := range subs {
			if msg := js.validate(sub.(map[string]any), v, at); msg == "" {
				ok = true
				break
			} else {
				last = msg
			}
		}
		if !ok {
			return fmt.Sprintf("%s: matches none of anyOf (last failure: %s)", at, last)
		}
	}
	if not, ok := s["not"].(map[string]any); ok && js.validate(not, v, at) == "" {
		return fmt.Sprintf("%s: matches a schema it must not", at)
	}
	return ""
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func typeFits(types any, v any) bool {
	var names []string
	switch t := types.(type) {
	case string:
		names = []string{t}
	case []any:
		for _, x := range t {
			names = append(names, x.(string))
		}
	}
	for _, name := range names {
		switch x := v.(type) {
		case nil:
			if name == "null" {
				return true
			}
		case bool:
			if name == "boolean" {
				return true
			}
		case string:
			if name == "string" {
				return true
			}
		case float64:
			if name == "number" || (name == "integer" && x == math.Trunc(x)) {
				return true
			}
		case map[string]any:
			if name == "object" {
				return true
			}
		case []any:
			if name == "array" {
				return true
			}
		}
	}
	return false
}

// yamlDocs decodes every document of a YAML file into JSON values.
func yamlDocs(t *testing.T, path string) []any {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var out []any
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var j any
		if err := json.Unmarshal(b, &j); err != nil {
			t.Fatal(err)
		}
		out = append(out, j)
	}
}

// TestSchemaKeys keeps the JSON Schema's property names and the parser's keys equal.
func TestSchemaKeys(t *testing.T) {
	js := loadJSONSchema(t)
	objectVariant := func(d map[string]any) map[string]any {
		if d["properties"] != nil {
			return d
		}
		for _, key := range []string{"anyOf", "oneOf"} {
			for _, sub := range asList(d[key]) {
				if m := sub.(map[string]any); m["properties"] != nil {
					return m
				}
			}
		}
		return nil
	}
	for _, tt := range []struct {
		def  string
		keys []string
	}{
		{"scenario", scenarioKeys}, {"rule", ruleKeys}, {"when", whenKeys}, {"answer", answerKeys},
		{"error", errorKeys}, {"validationError", validationErrorKeys}, {"delay", delayKeys}, {"matcher", matcherKeys},
	} {
		d := objectVariant(js.def(tt.def))
		if d == nil {
			t.Errorf("$defs/%s: no properties", tt.def)
			continue
		}
		var got []string
		for k := range d["properties"].(map[string]any) {
			got = append(got, k)
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(tt.keys))
		if !slices.Equal(got, want) {
			t.Errorf("$defs/%s properties = %v, the parser's keys = %v", tt.def, got, want)
		}
		if d["additionalProperties"] != false {
			t.Errorf("$defs/%s does not forbid unknown keys", tt.def)
		}
	}
	// Enumerations the parser checks.
	answer := js.def("answer")["properties"].(map[string]any)
	var gotFaults []string
	for _, f := range answer["fault"].(map[string]any)["enum"].([]any) {
		gotFaults = append(gotFaults, f.(string))
	}
	if !slices.Equal(gotFaults, faults) {
		t.Errorf("fault enum = %v, parser = %v", gotFaults, faults)
	}
}

// TestSchemaAcceptsGoodFiles validates the shipped pack and testdata/good against the
// JSON Schema.
func TestSchemaAcceptsGoodFiles(t *testing.T) {
	js := loadJSONSchema(t)
	files, _ := filepath.Glob("*.yaml")
	good, _ := filepath.Glob("testdata/good/*.yaml")
	files = append(files, good...)
	if len(files) < 9 {
		t.Fatalf("only %d files", len(files))
	}
	for _, f := range files {
		for i, doc := range yamlDocs(t, f) {
			if msg := js.validate(js.root, doc, "$"); msg != "" {
				t.Errorf("%s document %d: %s", f, i+1, msg)
			}
		}
	}
}

// TestSchemaRejectsBadFiles checks that editors flag the structural mistakes too.
func TestSchemaRejectsBadFiles(t *testing.T) {
	js := loadJSONSchema(t)
	for _, name := range []string{
		"unknown-key", "field-and-http", "neither-field-nor-http", "bad-fault", "bad-status", "bad-times",
		"bad-duration", "unknown-operator", "nested-variables", "missing-then", "wrong-kind", "bad-code-shape",
	} {
		docs := yamlDocs(t, filepath.Join("testdata/bad", name+".yaml"))
		if msg := js.validate(js.root, docs[0], "$"); msg == "" {
			t.Errorf("%s: the JSON Schema accepts it", name)
		}
	}
}
