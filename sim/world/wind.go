package world

import (
	"math"
	"strconv"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// A wind turbine's discounts (Octopus's Fan Club): the turbine's output follows the
// wind; each threshold of output it crosses earns a discount (0.2, then 0.5), so the
// current, historic and forecast discounts are the thresholds' discounts at the output
// of their time. The current
// discount holds for this half hour, the historic ones for the 48 half hours before it,
// and the forecast, run every six hours, gives the next 48 hours hour by hour.

// fanRole is what a wind turbine's discount status (FanClubStatus) holds: the names of
// its fields and of the fields of its parts; "" where it has none.
type fanRole struct {
	thresholds, current, historic, forecast string
	// A threshold's power, discount and wind speed.
	tPower, tDiscount, tSpeed string
	// A discount's time, discount and the metadata object with its power and wind speed.
	at, discount, meta, mPower, mSpeed string
	// The forecast's run time and data; a data point's time, discount and power: its
	// median, lower and upper bounds.
	base, data, valid, projected, median, lower, upper string
	// The source's name fields and the account numbers it serves.
	source, name, location, farm, accounts string
}

// fanOf is the role of a type that reports a wind turbine's discounts: it has a list of
// thresholds of power and discount and a current discount at a time; nil otherwise.
func (r *Roles) fanOf(def *ast.Definition) *fanRole {
	fr := &fanRole{}
	for _, f := range def.Fields {
		t := r.schema.Types[f.Type.Name()]
		if t == nil || t.Kind != ast.Object || len(f.Arguments) > 0 {
			continue
		}
		switch {
		case f.Type.Elem != nil && r.fieldWith(t, "power") != "" && r.fieldWith(t, "discount") != "":
			fr.thresholds, fr.tPower, fr.tDiscount, fr.tSpeed = f.Name, r.fieldWith(t, "power"), r.fieldWith(t, "discount"), r.fieldWith(t, "wind", "speed")
		case f.Type.Elem == nil && f.Name == "current" && r.timeField(t) != "" && r.fieldWith(t, "discount") != "":
			fr.current, fr.at, fr.discount = f.Name, r.timeField(t), r.fieldWith(t, "discount")
			for _, mf := range t.Fields {
				if m := r.schema.Types[mf.Type.Name()]; m != nil && m.Kind == ast.Object && mf.Type.Elem == nil && r.fieldWith(m, "power") != "" {
					fr.meta, fr.mPower, fr.mSpeed = mf.Name, r.fieldWith(m, "power"), r.fieldWith(m, "wind", "speed")
				}
			}
		case f.Type.Elem == nil && r.timeField(t) != "":
			for _, df := range t.Fields {
				d := r.schema.Types[df.Type.Name()]
				if df.Type.Elem == nil || d == nil || d.Kind != ast.Object || r.timeField(d) == "" || r.fieldWith(d, "discount") == "" {
					continue
				}
				fr.forecast, fr.base, fr.data = f.Name, r.timeField(t), df.Name
				fr.valid, fr.projected = r.timeField(d), r.fieldWith(d, "discount")
				fr.median, fr.lower, fr.upper = r.fieldWith(d, "power", "median"), r.fieldWith(d, "power", "lower"), r.fieldWith(d, "power", "upper")
			}
		}
	}
	if fr.thresholds == "" || fr.current == "" {
		return nil
	}
	for _, f := range def.Fields {
		if f.Type.Elem != nil && f.Type.Name() == def.Fields.ForName(fr.current).Type.Name() {
			fr.historic = f.Name
		}
		if f.Type.Name() != "String" || len(f.Arguments) > 0 {
			continue
		}
		switch ws := words(f.Name); {
		case f.Type.Elem == nil && hasWord(ws, "source"):
			fr.source = f.Name
		case f.Type.Elem == nil && f.Name == "name":
			fr.name = f.Name
		case f.Type.Elem == nil && f.Name == "location":
			fr.location = f.Name
		case f.Type.Elem == nil && hasWord(ws, "farm"):
			fr.farm = f.Name
		case f.Type.Elem != nil && hasWord(ws, "account") && hasWord(ws, "number"):
			fr.accounts = f.Name
		}
	}
	return fr
}

// fieldWith is the first scalar field of def whose name has all of ws; "".
func (r *Roles) fieldWith(def *ast.Definition, ws ...string) string {
	for _, f := range def.Fields {
		if f.Type.Elem == nil && len(f.Arguments) == 0 && isNumeric(r.schema, f.Type.Name()) && containsAll(words(f.Name), ws) {
			return f.Name
		}
	}
	return ""
}

// timeField is def's first field that is a point in time; "".
func (r *Roles) timeField(def *ast.Definition) string {
	for _, f := range def.Fields {
		if f.Type.Elem == nil && r.faker.TimeFormatOf(def.Name, f.Name, r.schema.Types[f.Type.Name()]) != fake.NotTime {
			return f.Name
		}
	}
	return ""
}

// Turbine is one wind turbine of a fan club: its rated output, in kW, and the
// thresholds of output that earn its discounts.
type Turbine struct {
	key    uint64
	rated  float64
	powers []float64 // ascending
	cuts   []float64 // the discount each power earns
}

const (
	cutIn, ratedSpeed = 3.0, 12.0 // m/s
)

// TurbineOf is the turbine keyed by key: rated 2,000 to 3,600 kW, with discounts of 0.2
// and 0.5 above a third and two thirds of it.
func TurbineOf(key uint64) Turbine {
	rated := float64(2000 + 200*newRng(key^0x510e527fade682d1).intn(9))
	return Turbine{key: key, rated: rated, powers: []float64{math.Round(rated / 3), math.Round(rated * 2 / 3)}, cuts: []float64{0.2, 0.5}}
}

// speed is the wind at the turbine at t, in m/s: hourly draws, eased between.
func (tb Turbine) speed(t time.Time) float64 {
	h := t.Unix() / 3600
	frac := float64(t.Unix()%3600) / 3600
	at := func(h int64) float64 {
		day := float64(fake.Mix64(tb.key^uint64(h/24)*0x9e3779b97f4a7c15)%1000) / 1000 // the day's weather
		hour := float64(fake.Mix64(tb.key^uint64(h)*0xbf58476d1ce4e5b9)%1000) / 1000
		return 1 + 14*(0.65*day+0.35*hour)
	}
	ease := (1 - math.Cos(frac*math.Pi)) / 2
	return at(h)*(1-ease) + at(h+1)*ease
}

// power is the turbine's output in kW at wind speed v.
func (tb Turbine) power(v float64) float64 {
	if v <= cutIn {
		return 0
	}
	x := math.Min(1, (v-cutIn)/(ratedSpeed-cutIn))
	return tb.rated * x * x * x
}

// speedFor is the wind speed at which the turbine's output reaches p.
func (tb Turbine) speedFor(p float64) float64 {
	return cutIn + (ratedSpeed-cutIn)*math.Cbrt(p/tb.rated)
}

// discount is what output p earns: the discount of the highest threshold it passes.
func (tb Turbine) discount(p float64) float64 {
	d := 0.0
	for i, tp := range tb.powers {
		if p > tp {
			d = tb.cuts[i]
		}
	}
	return d
}

// DiscountAt is the discount the turbine earns in the half hour that begins at start:
// that of its output at the middle of it.
func (tb Turbine) DiscountAt(start time.Time) float64 {
	return tb.discount(tb.power(tb.speed(start.Add(15 * time.Minute))))
}

// FanReport is what a turbine's output earns around a time: its thresholds, the
// discount of the half hour holding it, of the 48 before (latest first), and the
// forecast of the next 48 hours, hour by hour, from the last run every six hours.
type FanReport struct {
	Thresholds []FanThreshold
	Current    FanDiscount
	Historic   []FanDiscount
	Run        time.Time
	Forecast   []FanForecast
}

// FanThreshold is an output (kW) above which the turbine earns a discount, and the wind
// speed (m/s) at which it reaches it.
type FanThreshold struct{ Power, Discount, WindSpeed float64 }

// FanDiscount is the discount of the half hour from Start, with the turbine's output
// and wind speed in the middle of it.
type FanDiscount struct {
	Start                      time.Time
	Discount, Power, WindSpeed float64
}

// FanForecast is a forecast hour's discount and output: its median and bounds.
type FanForecast struct {
	At                             time.Time
	Discount, Median, Lower, Upper float64
}

// Report is what the turbine earns around now.
func (tb Turbine) Report(now time.Time) FanReport {
	var r FanReport
	for i, p := range tb.powers {
		r.Thresholds = append(r.Thresholds, FanThreshold{Power: p, Discount: tb.cuts[i], WindSpeed: tb.speedFor(p)})
	}
	at := func(start time.Time) FanDiscount {
		v := tb.speed(start.Add(15 * time.Minute))
		p := tb.power(v)
		return FanDiscount{Start: start, Discount: tb.discount(p), Power: p, WindSpeed: v}
	}
	cur := now.Truncate(30 * time.Minute)
	r.Current = at(cur)
	r.Historic = make([]FanDiscount, 48)
	for i := range r.Historic {
		r.Historic[i] = at(cur.Add(-time.Duration(i+1) * 30 * time.Minute))
	}
	first := now.Truncate(time.Hour).Add(time.Hour)
	r.Forecast = make([]FanForecast, 48)
	for i := range r.Forecast {
		t := first.Add(time.Duration(i) * time.Hour)
		p := tb.power(tb.speed(t))
		spread := 0.15 + 0.2*float64(i)/48 // less sure further ahead
		r.Forecast[i] = FanForecast{At: t, Discount: tb.discount(p), Median: p, Lower: p * (1 - spread), Upper: math.Min(tb.rated, p*(1+spread))}
	}
	r.Run = now.Add(-3 * time.Hour).UTC().Truncate(6 * time.Hour) // the last ensemble run out
	return r
}

// fanned gives a wind turbine's discount status (m, of type tr) its thresholds, its
// current and historic discounts and its forecast, as its turbine's output makes them.
func (g *Generator) fanned(env *Env, f *graphql.Field, tr *typeRole, m map[string]any) {
	fr := tr.fan
	if _, stated := m[fr.current]; stated {
		return
	}
	mt := m[metaKey].(*meta)
	rep := TurbineOf(mt.key).Report(g.now(env))
	num := func(typ, field string, v float64, decimals int) any {
		return renderNumber(g.schema.Types[g.schema.Types[typ].Fields.ForName(field).Type.Name()], v, decimals)
	}
	when := func(typ, field string, t time.Time) any {
		named := g.schema.Types[g.schema.Types[typ].Fields.ForName(field).Type.Name()]
		return g.faker.FormatTime(t, g.faker.TimeFormatOf(typ, field, named), named)
	}
	tt := tr.def.Fields.ForName(fr.thresholds).Type.Name()
	ths := make([]any, len(rep.Thresholds))
	for i, th := range rep.Thresholds {
		o := map[string]any{fr.tPower: num(tt, fr.tPower, th.Power, 2), fr.tDiscount: num(tt, fr.tDiscount, th.Discount, 3)}
		if fr.tSpeed != "" {
			o[fr.tSpeed] = num(tt, fr.tSpeed, th.WindSpeed, 2)
		}
		ths[i] = o
	}
	m[fr.thresholds] = ths
	dt := tr.def.Fields.ForName(fr.current).Type.Name()
	discount := func(fd FanDiscount) map[string]any {
		d := map[string]any{fr.at: when(dt, fr.at, fd.Start), fr.discount: num(dt, fr.discount, fd.Discount, 3)}
		if fr.meta != "" {
			mtt := g.schema.Types[dt].Fields.ForName(fr.meta).Type.Name()
			md := map[string]any{fr.mPower: num(mtt, fr.mPower, fd.Power, 2)}
			if fr.mSpeed != "" {
				md[fr.mSpeed] = num(mtt, fr.mSpeed, fd.WindSpeed, 2)
			}
			d[fr.meta] = md
		}
		return d
	}
	m[fr.current] = discount(rep.Current)
	if fr.historic != "" {
		hist := make([]any, len(rep.Historic))
		for i, h := range rep.Historic {
			hist[i] = discount(h)
		}
		m[fr.historic] = hist
	}
	if fr.forecast != "" {
		ft := tr.def.Fields.ForName(fr.forecast).Type.Name()
		dataType := g.schema.Types[ft].Fields.ForName(fr.data).Type.Name()
		points := make([]any, len(rep.Forecast))
		for i, fc := range rep.Forecast {
			pt := map[string]any{fr.valid: when(dataType, fr.valid, fc.At), fr.projected: num(dataType, fr.projected, fc.Discount, 3)}
			for _, b := range []struct {
				field string
				v     float64
			}{{fr.median, fc.Median}, {fr.lower, fc.Lower}, {fr.upper, fc.Upper}} {
				if b.field != "" {
					pt[b.field] = num(dataType, b.field, b.v, 2)
				}
			}
			points[i] = pt
		}
		m[fr.forecast] = map[string]any{fr.base: when(ft, fr.base, rep.Run), fr.data: points}
	}
	g.fanNames(f, fr, mt, m)
}

// fanNames names a turbine as Octopus does ("#3 Fan: Market Weighton - Carr Farm", the
// number first, which clients read), and lists the asking account among its accounts.
func (g *Generator) fanNames(f *graphql.Field, fr *fanRole, mt *meta, m map[string]any) {
	str := g.schema.Types["String"]
	town, _ := g.faker.Leaf(mt.key^0x3c6ef372fe94f82b, "Address", "town", str).(string)
	farm, _ := g.faker.Leaf(mt.key^0xa54ff53a5f1d36f1, "Person", "lastName", str).(string)
	n := 1 + newRng(mt.key^0x1f83d9abfb41bd6b).intn(6)
	if fr.source != "" {
		m[fr.source] = "#" + strconv.Itoa(n) + " Fan: " + town + " - " + farm + " Farm"
	}
	if fr.name != "" {
		m[fr.name] = "Fan " + strconv.Itoa(n)
	}
	if fr.location != "" {
		m[fr.location] = town
	}
	if fr.farm != "" {
		m[fr.farm] = farm + " Farm"
	}
	if a, ok := f.Args["accountNumber"].(string); ok && a != "" && fr.accounts != "" {
		m[fr.accounts] = []any{a}
	}
}
