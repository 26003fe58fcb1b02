package world

import (
	"math"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/graphql"
)

// A heat pump's performance and the weather it works in: the outdoor temperature follows
// the tenant's climate, season and time of day; the heat a home needs follows the outdoor
// temperature; the electricity drawn is that heat over the coefficient of performance,
// which falls as it gets colder. Power is told at an instant, energy over a span, and
// the coefficient of performance is always output over input.

// heatRole is what a type that reports a heat pump's performance (LiveTelemetry,
// LifetimeTelemetry, HeatPumpTimeRangedPerformance) has: the fields of its electrical
// input and heat output (value objects, Power or Energy), its coefficient of
// performance, and whether its energies run over the heat pump's lifetime.
type heatRole struct {
	in, out, cop string
	lifetime     bool
}

// heatOf is the heat role of def, nil when it reports no heat pump's input and output.
func heatOf(s *ast.Schema, def *ast.Definition, ws []string) *heatRole {
	h := &heatRole{lifetime: hasWord(ws, "lifetime")}
	for _, f := range def.Fields {
		if f.Type.Elem != nil || len(f.Arguments) > 0 {
			continue
		}
		fw := words(f.Name)
		switch {
		case strings.Contains(strings.ToLower(f.Name), "coefficientofperformance") && isNumeric(s, f.Type.Name()):
			h.cop = f.Name
		case valueField(s, f.Type.Name()) == "":
		case hasWord(fw, "input") && h.in == "":
			h.in = f.Name
		case hasWord(fw, "output") && h.out == "":
			h.out = f.Name
		}
	}
	if h.in == "" || h.out == "" || h.cop == "" && !hasWord(ws, "heat", "performance", "telemetry") {
		return nil
	}
	return h
}

// valueField is the numeric field of a value object (Power, Energy, Temperature: a value
// and its unit), "" when name is not one.
func valueField(s *ast.Schema, name string) string {
	def := s.Types[name]
	if def == nil || def.Kind != ast.Object || len(def.Fields) > 3 {
		return ""
	}
	if f := def.Fields.ForName("value"); f != nil && f.Type.Elem == nil && isNumeric(s, f.Type.Name()) {
		return "value"
	}
	return ""
}

// outdoorField reports whether a field is the temperature outdoors.
func outdoorField(name string) bool {
	ws := words(name)
	return hasWord(ws, "temperature", "temp") && hasWord(ws, "outdoor", "outside", "ambient", "external", "exterior")
}

// climate is a place's weather on average: its yearly mean temperature, how far the
// seasons and a day swing either side of it, and whether its winter is in July.
type climate struct {
	mean, season, daily float64
	south               bool
}

// climateOf is the climate where loc is: Britain's unless the zone says otherwise.
func climateOf(loc *time.Location) climate {
	name := loc.String()
	switch {
	case strings.HasPrefix(name, "Australia/"):
		return climate{mean: 18, season: 5, daily: 4, south: true}
	case name == "Pacific/Auckland":
		return climate{mean: 13, season: 4.5, daily: 4, south: true}
	case strings.HasPrefix(name, "America/"):
		return climate{mean: 13, season: 11, daily: 5}
	case strings.HasPrefix(name, "Asia/"):
		return climate{mean: 16, season: 10, daily: 4}
	}
	return climate{mean: 10.5, season: 6.5, daily: 3.5}
}

// outdoor is the temperature outdoors at t, in °C, where t's location is: coldest in the
// third week of January (July in the south) and at 03:00, warmest at 15:00, with weather
// that changes from day to day and is the same for everyone in the session.
func outdoor(t time.Time) float64 {
	c := climateOf(t.Location())
	_, off := t.Zone()
	local := t.Unix() + int64(off)
	day := local / 86400
	if local < 0 && local%86400 != 0 {
		day--
	}
	hour := float64(local-day*86400) / 3600
	doy := float64(t.YearDay())
	if c.south {
		doy += 365.25 / 2
	}
	v := c.mean - c.season*math.Cos(2*math.Pi*(doy-20)/365.25) + c.daily*math.Cos(2*math.Pi*(hour-15)/24)
	// The day's weather, eased from one day's into the next's across the day.
	w0, w1 := weather(day), weather(day+1)
	return v + w0 + (w1-w0)*hour/24
}

// weather is how much warmer or colder than usual the day'th day since 1970 is, from -3
// to 3 °C.
func weather(day int64) float64 {
	z := uint64(day)*0x9e3779b97f4a7c15 ^ 0x3c6ef372fe94f82b
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	z ^= z >> 31
	return float64(int(z%61)-30) / 10
}

// heatDemand is the heat, in kW, a home needs at outdoor temperature temp: its losses
// below HeatBase and its hot water.
func heatDemand(temp float64) float64 { return 0.2*max(0, HeatBase-temp) + 0.1 }

// cop is a heat pump's coefficient of performance at outdoor temperature temp.
func cop(temp float64) float64 { return max(1.8, min(5, 2.9+0.08*temp)) }

// heatOver is the electricity drawn and heat given, in kWh, over [from, to), summed at up
// to 500 steps of at least an hour each.
func heatOver(from, to time.Time) (in, out float64) {
	d := to.Sub(from)
	if d <= 0 {
		return 0, 0
	}
	st := max(time.Hour, (d/heatSteps).Truncate(time.Minute)+time.Minute)
	for t := from; t.Before(to); t = t.Add(st) {
		part := min(st, to.Sub(t))
		temp := outdoor(t.Add(part / 2))
		heat := heatDemand(temp) * part.Hours()
		in += heat / cop(temp)
		out += heat
	}
	return in, out
}

// heatSteps bounds the steps a sum over a span takes, however long the span.
const heatSteps = 500

// meanOutdoor is the mean outdoor temperature over [from, to), hourly or in up to 500
// steps.
func meanOutdoor(from, to time.Time) float64 {
	d := to.Sub(from)
	if d <= 0 {
		return outdoor(from)
	}
	st := max(time.Hour, (d/heatSteps).Truncate(time.Minute)+time.Minute)
	sum, n := 0.0, 0
	for t := from; t.Before(to); t = t.Add(st) {
		sum += outdoor(t.Add(min(st, to.Sub(t)) / 2))
		n++
	}
	return sum / float64(n)
}

// heatSpan is the span a heat role's object reports on: its own, or from the heat
// pump's installation, one to five years before, to its reading for a lifetime's.
func (g *Generator) heatSpan(env *Env, mt *meta, tr *typeRole, source map[string]any) (from, to time.Time) {
	sp := g.spanOf(env, mt, tr, source)
	from, to = sp.start, sp.end
	if tr.heat != nil && tr.heat.lifetime {
		from = to.AddDate(-newRng(mt.key^0x2545f4914f6cdd1d).between(1, 5), 0, 0)
	}
	return from, to.In(g.zone())
}

// heatValue is the value a heat role's input or output (or the object's outdoor
// temperature) answers: power at the object's instant, energy over its span; false for
// any other field.
func (g *Generator) heatValue(env *Env, mt *meta, tr *typeRole, source map[string]any, field string) (float64, bool) {
	from, to := g.heatSpan(env, mt, tr, source)
	from = from.In(g.zone())
	if outdoorField(field) {
		if from.Equal(to) {
			return outdoor(to), true
		}
		return meanOutdoor(from, to), true
	}
	h := tr.heat
	if h == nil || field != h.in && field != h.out {
		return 0, false
	}
	fd := tr.def.Fields.ForName(field)
	var in, out float64
	if from.Equal(to) || hasWord(words(fd.Type.Name()), "power") {
		temp := outdoor(to)
		out = heatDemand(temp)
		in = out / cop(temp)
	} else {
		in, out = heatOver(from, to)
	}
	if field == h.in {
		return in, true
	}
	return out, true
}

// heatCOP is the coefficient of performance a heat role's object answers: its output
// over its input.
func (g *Generator) heatCOP(env *Env, mt *meta, tr *typeRole, source map[string]any) (float64, bool) {
	in, _ := g.heatValue(env, mt, tr, source, tr.heat.in)
	out, _ := g.heatValue(env, mt, tr, source, tr.heat.out)
	if in <= 0 {
		return 0, false
	}
	return out / in, true
}

// measured sets the value of a value object (m) that f answers where its parent reports
// a heat pump's input or output, or the temperature outdoors.
func (g *Generator) measured(env *Env, f *graphql.Field, m map[string]any) {
	ptr := g.roles.typ(f.ParentType)
	if ptr == nil || ptr.heat == nil && !ptr.outdoor {
		return
	}
	vf := valueField(g.schema, f.Definition.Type.Name())
	if _, stated := m[vf]; vf == "" || stated {
		return
	}
	ps, _ := f.Source.(map[string]any)
	v, ok := g.heatValue(env, g.parentMeta(f), ptr, ps, f.Name)
	if !ok {
		return
	}
	named := g.schema.Types[g.schema.Types[f.Definition.Type.Name()].Fields.ForName(vf).Type.Name()]
	decimals := 3
	if outdoorField(f.Name) {
		decimals = 1
	}
	m[vf] = renderNumber(named, v, decimals)
}
