package world

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/krakensim/krakensim/sim/graphql"
)

// A value a mutation writes that no one could mean is refused rather than kept, as
// Kraken's serializers refuse it: a state of charge or another percentage outside 0 to
// 100, a target or ready-by time of day that is no clock's ("25:00", "7pm").

// invalid is the error of a mutation whose input writes such a value, naming the first
// (in the input's field order); nil when it writes none, or Options.Invalid is unset.
func (g *Generator) invalid(f *graphql.Field, mr *mutationRole, in map[string]any) error {
	if g.opts.Invalid == nil {
		return nil
	}
	for _, name := range slices.Sorted(maps.Keys(mr.values)) {
		v, ok := in[name]
		if !ok || v == nil {
			continue
		}
		if msg := badValue(name, v); msg != "" {
			path := []any{name}
			if mr.input != "" {
				path = []any{mr.input, name}
			}
			return g.opts.Invalid(f, msg, path)
		}
	}
	return nil
}

// badValue says what is wrong with value v of an input field named name; "" when
// nothing is.
func badValue(name string, v any) string {
	ws := words(name)
	switch x := v.(type) {
	case int, int64, float64:
		if f, _ := toFloat(x); hasWord(ws, "soc", "percentage", "percent") && (f < 0 || f > 100) {
			return fmt.Sprintf("Ensure this value is between 0 and 100 (it is %v).", v)
		}
	}
	if s, ok := v.(string); ok && len(ws) > 1 && ws[len(ws)-1] == "time" && hasWord(ws[len(ws)-2:len(ws)-1], "target", "ready") && !clockTime(s) {
		return fmt.Sprintf("Time has wrong format (%q). Use one of these formats instead: hh:mm[:ss].", s)
	}
	return ""
}

// clockTime reports whether s is a time of day, hh:mm or hh:mm:ss.
func clockTime(s string) bool {
	_, e1 := time.Parse("15:04", s)
	_, e2 := time.Parse("15:04:05", s)
	return e1 == nil || e2 == nil
}
