package world

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/krakensim/krakensim/sim/graphql"
)

// A value a mutation writes that no one could mean is refused rather than kept, as
// Kraken's serializers refuse it: a state of charge or another percentage outside 0 to
// 100, a target or ready-by time of day that is no clock's ("25:00", "7pm") or outside
// 04:00 to 11:00 on the hour or half hour, as Intelligent Octopus Go offers, in a value
// of its own or a day of a week's schedule.

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
		path := []any{name}
		if mr.input != "" {
			path = []any{mr.input, name}
		}
		if msg := badValue(name, v); msg != "" {
			return g.opts.Invalid(f, msg, path)
		}
		if msg, at := badSchedule(v, in); msg != "" {
			return g.opts.Invalid(f, msg, append(path, at...))
		}
	}
	return nil
}

// preferenceChoices are what the enum values a device's preferences take are for (its
// mode, the unit of its bounds, the kind of its target): a car's charge, in percent, or
// a heat pump's heat or cooling, in degrees.
var preferenceChoices = map[string]string{
	"CHARGE": "charge", "PERCENTAGE": "charge", "PERCENTAGE_ABSOLUTE": "charge", "PERCENTAGE_RELATIVE": "charge",
	"ABSOLUTE_STATE_OF_CHARGE": "charge", "RELATIVE_STATE_OF_CHARGE": "charge",
	"HEAT": "heat", "COOL": "heat", "CELSIUS": "heat", "ABSOLUTE_TEMPERATURE": "heat",
}

// unfit is the error of a mutation whose input sets the preferences of a device of type
// typ in a mode, unit or kind of target for another kind of device (a car's to HEAT, in
// CELSIUS), which its preference setting does not offer, naming the first; nil when it
// sets none, or Options.Invalid is unset.
func (g *Generator) unfit(f *graphql.Field, mr *mutationRole, typ string, in map[string]any) error {
	use := preferenceUse(typ)
	if g.opts.Invalid == nil || use == "" {
		return nil
	}
	for _, name := range slices.Sorted(maps.Keys(mr.values)) {
		v, _ := in[name].(string)
		if other, ok := preferenceChoices[v]; ok && other != use {
			path := []any{name}
			if mr.input != "" {
				path = []any{mr.input, name}
			}
			return g.opts.Invalid(f, fmt.Sprintf("This device's preferences are for its %s, in %s mode and %s; %s is for another kind of device.",
				use, preferenceWords[use][0], preferenceWords[use][1], v), path)
		}
	}
	return nil
}

// badSchedule says what is wrong with a week's schedule v (items naming a day of the
// week, a time and bounds), and where in it: a time no clock has or outside 04:00 to
// 11:00 on the hour or half hour, a bound outside 0 to 100, or not a whole number, where
// the input's unit is a percentage (its unit says none otherwise); "" when nothing is or
// v is no schedule.
func badSchedule(v any, in map[string]any) (string, []any) {
	items, _ := v.([]any)
	percent := inPercent(in)
	for i, it := range items {
		item, _ := it.(map[string]any)
		if day, _ := item["dayOfWeek"].(string); !slices.Contains(weekdays, day) {
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(item)) {
			ws := words(k)
			switch x := item[k].(type) {
			case int, int64, float64:
				if f, _ := toFloat(x); percent && hasWord(ws, "max", "min") && (f < 0 || f > 100) {
					return fmt.Sprintf("Ensure this value is between 0 and 100 (it is %v).", x), []any{i, k}
				} else if percent && hasWord(ws, "max", "min") && f != math.Trunc(f) {
					return fmt.Sprintf("Ensure this value is a whole percentage, in steps of 1 (it is %v).", x), []any{i, k}
				}
			case string:
				if hasWord(ws, "time") {
					if msg := badReadyBy(x); msg != "" {
						return msg, []any{i, k}
					}
				}
			}
		}
	}
	return "", nil
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
	if s, ok := v.(string); ok && len(ws) > 1 && ws[len(ws)-1] == "time" && hasWord(ws[len(ws)-2:len(ws)-1], "target", "ready") {
		return badReadyBy(s)
	}
	return ""
}

// badReadyBy says what is wrong with s as a time a charge is due by: no clock's, or
// not on the hour or half hour from 04:00 to 11:00; "" when nothing is.
func badReadyBy(s string) string {
	at, ok := clockOf(s)
	switch {
	case !ok:
		return fmt.Sprintf("Time has wrong format (%q). Use one of these formats instead: hh:mm[:ss].", s)
	case at < readyBy || at > latestReadyBy || at%slot != 0:
		return fmt.Sprintf("Choose a ready-by time on the hour or half hour from 04:00 to 11:00 (it is %s).", s)
	}
	return ""
}

// inPercent reports whether a mutation's input gives its bounds in percent: its unit
// says so, or it names none.
func inPercent(in map[string]any) bool {
	u, ok := in["unit"].(string)
	return !ok || hasWord(words(u), "percentage")
}

// latestReadyBy is the latest a car's owner may ask it to be charged by (Intelligent
// Octopus Go's app offers 04:00 to 11:00, on the hour or half hour).
const latestReadyBy = 11 * time.Hour

// clockOf is a time of day, hh:mm or hh:mm:ss, as the time since midnight.
func clockOf(s string) (time.Duration, bool) {
	for _, layout := range []string{"15:04", "15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second, true
		}
	}
	return 0, false
}
