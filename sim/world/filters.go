package world

import (
	"maps"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/graphql"
)

// A series asked for through a list of filters, one per meter it reads
// (measurements(utilityFilters: [{gasFilters: …}, {electricityFilters: …}])), is one
// series per filter, each of its own meter and grouping, their items interleaved by
// time; each item's source (metaData { utilityFilters }) is the filter that chose it, as
// asked, its defaults filled in, and the meter's device and meter point.

// maxFilters bounds the filters of one series that are read; those after are not.
const maxFilters = 8

// readingFilter is the filter that chose a series' items: the input type of the one
// field its list item sets (ElectricityFiltersInput) and what was given of it, and the
// meter it read.
type readingFilter struct {
	in    *ast.Definition
	given map[string]any
	meter *Meter
}

// filterList is the list of filters among a series' arguments (utilityFilters, where
// its window role finds the grouping), by its name, with its items as given (nil when
// none is given) and the input type of an item (UtilityFiltersInput); false when the
// field takes none.
func (g *Generator) filterList(f *graphql.Field, w *windowRole) (string, []any, *ast.Definition, bool) {
	for _, p := range w.nested {
		ad := f.Definition.Arguments.ForName(p[0])
		if ad == nil || ad.Type.Elem == nil {
			continue
		}
		elem := g.schema.Types[ad.Type.Name()]
		if elem == nil || elem.Kind != ast.InputObject {
			continue
		}
		items, _ := f.Args[p[0]].([]any)
		return p[0], items, elem, true
	}
	return "", nil, nil, false
}

// filterOf is the filter a list item of input type elem sets, reading meter: the first
// of elem's fields the item gives an object for; nil for none.
func (g *Generator) filterOf(elem *ast.Definition, item any, meter *Meter) *readingFilter {
	m, _ := item.(map[string]any)
	for _, fd := range elem.Fields {
		if given, ok := m[fd.Name].(map[string]any); ok {
			if in := g.schema.Types[fd.Type.Name()]; in != nil && in.Kind == ast.InputObject {
				return &readingFilter{in: in, given: given, meter: meter}
			}
		}
	}
	return nil
}

// fuelFilter is the filter of input type elem a series asked for with none reads
// meter by: its field named for the meter's fuel (electricityFilters), all defaults;
// nil when none is.
func (g *Generator) fuelFilter(elem *ast.Definition, meter *Meter) *readingFilter {
	if meter == nil || meter.Fuel == "" {
		return nil
	}
	for _, fd := range elem.Fields {
		ws := words(fd.Name)
		if hasWord(ws, meter.Fuel) && !hasWord(ws, "embedded") {
			return g.filterOf(elem, map[string]any{fd.Name: map[string]any{}}, meter)
		}
	}
	return nil
}

// filteredSeries is the series of each filter given (the first maxFilters), their items
// interleaved by time; false when one of them is not a series.
func (g *Generator) filteredSeries(env *Env, f *graphql.Field, fr *fieldRole, lk uint64, name string, items []any) (*seriesList, bool) {
	parts := make([]*seriesList, 0, min(len(items), maxFilters))
	for i, it := range items[:min(len(items), maxFilters)] {
		one := *f
		one.Args = maps.Clone(f.Args)
		one.Args[name] = []any{it}
		s, ok := g.series(env, &one, fr, graphql.IndexKey(lk, i))
		if !ok {
			return nil, false
		}
		parts = append(parts, s)
	}
	return interleaved(parts), true
}

// filterEcho is the source a series' item states (metaData { utilityFilters }): the
// filter that chose it as the type of the field's that shares its stem
// (ElectricityFiltersInput: ElectricityFiltersOutput), each field as given, else its
// default, else the meter's device or meter point; false where the item has no filter or
// the field no such type.
func (g *Generator) filterEcho(f *graphql.Field) (map[string]any, bool) {
	src, _ := f.Source.(map[string]any)
	pm, _ := src[metaKey].(*meta)
	if pm == nil || pm.filter == nil || f.Definition.Type.Elem != nil {
		return nil, false
	}
	rf := pm.filter
	stem := strings.TrimSuffix(rf.in.Name, "Input")
	named := g.schema.Types[f.Definition.Type.Name()]
	if named == nil {
		return nil, false
	}
	types := []string{named.Name}
	if named.IsAbstractType() {
		types = nil
		for _, d := range g.schema.GetPossibleTypes(named) {
			types = append(types, d.Name)
		}
	}
	i := slices.IndexFunc(types, func(t string) bool {
		return t != rf.in.Name && strings.TrimSuffix(strings.TrimSuffix(t, "Output"), "Type") == stem
	})
	if i < 0 {
		return nil, false
	}
	out := g.schema.Types[types[i]]
	m := map[string]any{"__typename": out.Name, metaKey: &meta{key: graphql.FieldKey(pm.key, f.Name, ""), typ: out.Name}}
	for _, fd := range out.Fields {
		m[fd.Name] = rf.value(fd)
	}
	return m, true
}

// value is what the filter says of the source's field fd: as given (an export meter's
// direction GENERATION), else the input's default, else the meter's device (deviceId) or
// meter point (marketSupplyPointId); nil for what none says.
func (rf *readingFilter) value(fd *ast.FieldDefinition) any {
	if v, ok := rf.given[fd.Name]; ok && v != nil {
		if rf.meter != nil && rf.meter.Outgoing && v == "CONSUMPTION" {
			return "GENERATION" // an export meter's readings are what its home sent out, whatever was asked
		}
		return v
	}
	if in := rf.in.Fields.ForName(fd.Name); in != nil && in.DefaultValue != nil && (in.DefaultValue.Kind == ast.EnumValue || in.DefaultValue.Kind == ast.StringValue) {
		return in.DefaultValue.Raw
	}
	if fd.Type.Elem != nil || rf.meter == nil {
		return nil
	}
	ws := words(fd.Name)
	switch {
	case hasWord(ws, "device"):
		return orNone(rf.meter.Device)
	case hasWord(ws, "point"):
		return orNone(rf.meter.Point)
	}
	return nil
}

// orNone is s, nil when it is empty.
func orNone(s string) any {
	if s == "" {
		return nil
	}
	return s
}
