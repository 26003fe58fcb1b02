package world

import (
	"slices"
	"time"

	"github.com/krakensim/krakensim/sim/graphql"
)

// seriesList is a time window's items, made only as they are asked for: the steps of
// the window (or its list's length spread over it, d apart) that are items, in runs,
// n of them.
type seriesList struct {
	g       *Generator
	env     *Env
	lk, sk  uint64
	meter   *Meter
	typ     string
	st      step
	stepped bool
	// point is whether its items are the register at the start of each step (POINT_IN_TIME)
	// rather than the energy over it.
	point bool
	from  time.Time
	zone  *time.Location // where its dates and grouping are, its items' times told in it
	stop  time.Time      // where its values end: the register's reads or the window asked for (zero: nowhere)
	begin time.Time      // where its values begin: its supplier's reads or the window asked for (zero: always)
	d     time.Duration
	runs  []stepRun
	n     int
	// filter is the filter that chose its items, nil for none.
	filter *readingFilter
	// parts are the series it interleaves (one per filter), by segments of the steps
	// they share; nil for a series of its own.
	parts    []*seriesList
	segments []segment
}

// segment is a span of steps from t0 to t1 (in steps from the first part's grid origin)
// that the same parts have items in, and the interleaved series' index of its first item.
type segment struct {
	t0, t1, first int
	parts         []int
}

// stepRun is the steps from through to-1 of a series, each one an item.
type stepRun struct{ from, to int }

// bound is where step j of the series starts (and step j-1 ends).
func (s *seriesList) bound(j int) time.Time {
	if j == 0 {
		return s.from
	}
	if s.stepped {
		return s.st.add(s.from, j)
	}
	return s.from.Add(time.Duration(j) * s.d)
}

// item makes the series' item i (0 ≤ i < n): the reading of its step, keyed by its
// list and the step's start and length.
func (s *seriesList) item(i int) map[string]any {
	if s.parts != nil {
		p, k := s.partItem(i)
		return s.parts[p].item(k)
	}
	j := i
	for _, r := range s.runs {
		if j < r.to-r.from {
			j += r.from
			break
		}
		j -= r.to - r.from
	}
	start, end := s.bound(j), s.bound(j+1)
	ik := graphql.FieldKey(s.lk, start.UTC().Format(time.RFC3339), s.st.String())
	if s.point {
		end = start
	}
	sp := &span{start: start, end: end, tense: tensePast, readFrom: s.begin, readTo: s.stop, zone: s.zone}
	if end.After(s.env.Now) {
		sp.tense = tenseFuture
	}
	it := s.g.entity(s.env, s.typ, ik, "", sp, sp.tense)
	mt := it[metaKey].(*meta)
	mt.series, mt.meter, mt.point, mt.filter = s.sk, s.meter, s.point, s.filter
	if s.meter != nil {
		if fd := s.g.schema.Types[s.typ].Fields.ForName("source"); fd != nil && fd.Type.Elem == nil && fd.Type.Name() == "String" {
			it["source"] = meterSource(s.meter)
		}
	}
	return it
}

// meterSource is where a meter's readings come from, as Kraken names a reading's event
// (MeterReadingEventType): a smart meter's, read remotely, or a meter's without, profiled
// from its reads.
func meterSource(m *Meter) string {
	if m.Smart {
		return "SMART_METER"
	}
	return "ESTIMATE"
}

// interleaved is one series of parts' items: step by step where they share a grouping
// (the parts' items of a step in the parts' order), else one part's after another's.
func interleaved(parts []*seriesList) *seriesList {
	if len(parts) == 1 {
		return parts[0]
	}
	s := &seriesList{parts: parts}
	for _, p := range parts {
		s.n += p.n
		if s.g == nil && p.g != nil {
			s.g, s.env, s.typ = p.g, p.env, p.typ
		}
	}
	origin, shared := time.Time{}, true
	for _, p := range parts {
		switch {
		case p.g == nil || p.n == 0:
		case !p.stepped || !origin.IsZero() && p.st != s.st:
			shared = false
		case origin.IsZero():
			origin, s.st = p.from, p.st
		case p.from.Before(origin):
			origin = p.from
		}
	}
	if !shared || origin.IsZero() {
		return s
	}
	// Each part's runs as steps from origin; a segment between each two run ends.
	off := make([]int, len(parts))
	var cuts []int
	for i, p := range parts {
		if p.n == 0 || p.g == nil {
			continue
		}
		off[i] = s.st.count(origin, p.from)
		for _, r := range p.runs {
			cuts = append(cuts, r.from+off[i], r.to+off[i])
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	first := 0
	for c := 0; c+1 < len(cuts); c++ {
		seg := segment{t0: cuts[c], t1: cuts[c+1], first: first}
		for i, p := range parts {
			if p.n > 0 && p.g != nil && slices.ContainsFunc(p.runs, func(r stepRun) bool { return r.from+off[i] <= seg.t0 && seg.t0 < r.to+off[i] }) {
				seg.parts = append(seg.parts, i)
			}
		}
		if len(seg.parts) > 0 {
			s.segments = append(s.segments, seg)
			first += (seg.t1 - seg.t0) * len(seg.parts)
		}
	}
	s.from = origin
	return s
}

// partItem is the part and the part's own index of an interleaved series' item i.
func (s *seriesList) partItem(i int) (part, k int) {
	if s.segments == nil {
		for p, ps := range s.parts {
			if i < ps.n {
				return p, i
			}
			i -= ps.n
		}
		return len(s.parts) - 1, i
	}
	c, found := slices.BinarySearchFunc(s.segments, i, func(seg segment, i int) int { return seg.first - i })
	if !found {
		c--
	}
	seg := s.segments[c]
	part = seg.parts[(i-seg.first)%len(seg.parts)]
	ps := s.parts[part]
	j := seg.t0 + (i-seg.first)/len(seg.parts) - ps.st.count(s.from, ps.from) // the part's step
	for _, r := range ps.runs {
		if j < r.to {
			return part, k + j - r.from
		}
		k += r.to - r.from
	}
	return part, k
}

// first makes the series' first limit items (all of them, when fewer).
func (s *seriesList) first(limit int) []map[string]any {
	out := make([]map[string]any, 0, min(s.n, limit))
	for i := 0; i < s.n && i < limit; i++ {
		out = append(out, s.item(i))
	}
	return out
}

// keep sets the series' runs to the steps lo through steps-1 but those of gaps
// (overlapping or not, in any order), and n to how many they are.
func (s *seriesList) keep(lo, steps int, gaps []stepRun) {
	slices.SortFunc(gaps, func(a, b stepRun) int { return a.from - b.from })
	cur := lo
	for _, gp := range gaps {
		if cur >= steps {
			break
		}
		if gp.from > cur {
			s.runs = append(s.runs, stepRun{cur, min(gp.from, steps)})
		}
		cur = max(cur, gp.to)
	}
	if cur < steps {
		s.runs = append(s.runs, stepRun{cur, steps})
	}
	for _, r := range s.runs {
		s.n += r.to - r.from
	}
}

// stepsWithin lays out a series of steps from its start to to: none that ends by readFrom
// (zero: none ends before it), none that coarse says was not collected (its meter
// gated, the series finer than it collected), and none that begins more than MaxWindow
// before to.
func (s *seriesList) stepsWithin(to, readFrom time.Time, coarse []CoarseSpan) {
	steps := s.st.count(s.from, to)
	lo := s.st.count(s.from, to.Add(-MaxWindow))
	if !readFrom.IsZero() {
		if !to.After(readFrom) {
			lo = steps
		} else {
			// Steps 0 to k-1 start by readFrom; all but the last of them end by it.
			lo = max(lo, s.st.count(s.from, readFrom.Add(1))-1)
		}
	}
	var gaps []stepRun
	for _, c := range coarse {
		if !c.hides(s.st.d > 0, s.st.months == 0) {
			continue
		}
		gp := stepRun{s.st.count(s.from, c.From), steps}
		if !c.To.IsZero() {
			gp.to = min(steps, s.st.count(s.from, c.To))
		}
		if gp.to > gp.from {
			gaps = append(gaps, gp)
		}
	}
	s.keep(lo, steps, gaps)
}

// spread lays out a series of n items d apart: none that ends by readFrom.
func (s *seriesList) spread(n int, readFrom time.Time) {
	lo := 0
	for lo < n && !s.bound(lo+1).After(readFrom) {
		lo++
	}
	s.keep(lo, n, nil)
}

// sifts reports whether filter may leave out some of series s's items, so that they
// are not counted without being made: an argument selects by key, enum or day, or the
// session has removed an entity and s's are entities. A series' items all meet its own
// window.
func (g *Generator) sifts(env *Env, f *graphql.Field, fr *fieldRole, s *seriesList) bool {
	for _, k := range fr.keys {
		if f.Args[k.arg] != nil {
			return true
		}
	}
	for _, fa := range fr.filters {
		if f.Args[fa.arg] != nil {
			return true
		}
	}
	if w := fr.window; w != nil && w.at != "" && f.Args[w.at] != nil {
		return true
	}
	tr := g.roles.typ(s.typ)
	return tr != nil && tr.identity != "" && env.Store != nil && env.Store.nremoved.Load() > 0
}
