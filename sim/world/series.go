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
	stop  time.Time // where the register has been read to (zero: no register)
	begin time.Time // where its supplier began to read it (zero: always)
	d     time.Duration
	runs  []stepRun
	n     int
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
	sp := &span{start: start, end: end, tense: tensePast, readFrom: s.begin, readTo: s.stop}
	if end.After(s.env.Now) {
		sp.tense = tenseFuture
	}
	it := s.g.entity(s.env, s.typ, ik, "", sp, sp.tense)
	mt := it[metaKey].(*meta)
	mt.series, mt.meter, mt.point = s.sk, s.meter, s.point
	return it
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
// gated, the series finer than it collected), and at most its latest MaxWindowSteps.
func (s *seriesList) stepsWithin(to, readFrom time.Time, coarse []CoarseSpan) {
	steps := s.st.count(s.from, to)
	lo := max(0, steps-MaxWindowSteps)
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
