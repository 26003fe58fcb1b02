package scenarios

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim/rules"
)

// dump renders parsed scenarios readably, for golden files.
func dump(scs []*rules.Scenario) string {
	var b strings.Builder
	for _, sc := range scs {
		fmt.Fprintf(&b, "scenario %s at %s\n", sc.Name, sc.Pos)
		if sc.Description != "" {
			fmt.Fprintf(&b, "  description: %s\n", sc.Description)
		}
		if len(sc.Tags) > 0 {
			fmt.Fprintf(&b, "  tags: %s\n", strings.Join(sc.Tags, ", "))
		}
		for _, r := range sc.Rules {
			dumpRule(&b, r)
		}
	}
	return b.String()
}

func dumpRule(b *strings.Builder, r *rules.Rule) {
	fmt.Fprintf(b, "  rule %s at %s (order %d, priority %d, cycle %v)\n", r.ID, r.Pos, r.Order, r.Priority, r.Cycle)
	w := r.When
	switch w.Kind {
	case rules.KindGraphQL:
		fmt.Fprintf(b, "    when graphql field %s", w.Field)
		if w.Operation != "" {
			fmt.Fprintf(b, " operation %s", w.Operation)
		}
		if w.Endpoint != "" {
			fmt.Fprintf(b, " endpoint %s", w.Endpoint)
		}
		b.WriteString("\n")
	case rules.KindHTTP:
		fmt.Fprintf(b, "    when http %s %s\n", w.Method, w.Route)
	default:
		fmt.Fprintf(b, "    when kind %d\n", w.Kind)
	}
	if w.OperationName != nil {
		fmt.Fprintf(b, "      operationName %s\n", matcherString(w.OperationName))
	}
	for _, part := range []struct {
		name string
		pms  []rules.PathMatch
	}{{"variables", w.Variables}, {"query", w.Query}, {"body", w.Body}, {"headers", w.Headers}} {
		for _, pm := range part.pms {
			fmt.Fprintf(b, "      %s %s %s\n", part.name, pm.Path, matcherString(pm.Matcher))
		}
	}
	for i, a := range r.Then {
		times := "unlimited"
		if a.Times > 0 {
			times = fmt.Sprint(a.Times)
		}
		fmt.Fprintf(b, "    then %d at %s times %s\n", i+1, a.Pos, times)
		if a.HasData {
			fmt.Fprintf(b, "      data %s\n", jsonString(a.Data))
		}
		for _, e := range a.Errors {
			fmt.Fprintf(b, "      error %s", e.Code)
			for _, kv := range [][2]string{{"message", e.Message}, {"description", e.Description}, {"type", e.Type}, {"path", e.Path}} {
				if kv[1] != "" {
					fmt.Fprintf(b, " %s=%q", kv[0], kv[1])
				}
			}
			b.WriteString("\n")
			for _, ve := range e.ValidationErrors {
				fmt.Fprintf(b, "        validation %q at %s\n", ve.Message, jsonString(ve.InputPath))
			}
		}
		if a.Status != 0 {
			fmt.Fprintf(b, "      status %d\n", a.Status)
		}
		if a.HasBody {
			fmt.Fprintf(b, "      body %s\n", jsonString(a.Body))
		}
		if a.RawBody != nil {
			fmt.Fprintf(b, "      rawBody %q\n", *a.RawBody)
		}
		if len(a.Headers) > 0 {
			keys := make([]string, 0, len(a.Headers))
			for k := range a.Headers {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				fmt.Fprintf(b, "      header %s: %q\n", k, a.Headers[k])
			}
		}
		if a.Delay != (rules.Delay{}) {
			fmt.Fprintf(b, "      delay %s..%s\n", a.Delay.Min, a.Delay.Max)
		}
		if a.Fault != rules.FaultNone {
			fmt.Fprintf(b, "      fault %s\n", a.Fault)
		}
	}
}

var opNames = map[rules.Op]string{
	rules.OpEqual: "equals", rules.OpRegex: "regex", rules.OpExists: "exists", rules.OpAbsent: "absent",
	rules.OpOneOf: "oneOf", rules.OpGT: "gt", rules.OpGTE: "gte", rules.OpLT: "lt", rules.OpLTE: "lte",
	rules.OpNot: "not", rules.OpAll: "all",
}

func matcherString(m *rules.Matcher) string {
	if m == nil {
		return "<nil>"
	}
	name := opNames[m.Op]
	switch m.Op {
	case rules.OpEqual:
		return fmt.Sprintf("equals %s (%T)", jsonString(m.Value), m.Value)
	case rules.OpRegex:
		return fmt.Sprintf("regex %q", m.Regexp.String())
	case rules.OpOneOf:
		return "oneOf " + jsonString(m.Values)
	case rules.OpGT, rules.OpGTE, rules.OpLT, rules.OpLTE:
		return fmt.Sprintf("%s %v", name, m.Number)
	case rules.OpNot, rules.OpAll:
		subs := make([]string, len(m.Sub))
		for i, s := range m.Sub {
			subs[i] = matcherString(s)
		}
		return name + "(" + strings.Join(subs, "; ") + ")"
	}
	return name
}

func jsonString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return string(b)
}
