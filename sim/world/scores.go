package world

import (
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// A score out of 100 and what an object says beside it: the level it falls in
// (greennessScore 68, greennessIndex HIGH) and whether it is among the best of its list
// (highlightFlag).

// levelWords are the values an enum of levels may have, lowest first.
var levelWords = []string{"VERY_LOW", "LOW", "MODERATE", "MEDIUM", "HIGH", "VERY_HIGH"}

// scoreOf is the field of def that is a score out of 100 (greennessScore), and the
// Boolean that marks the best scores of a list (highlightFlag, isBest); "" for none.
func scoreOf(s *ast.Schema, def *ast.Definition) (score, best string) {
	for _, f := range def.Fields {
		if f.Type.Elem != nil || len(f.Arguments) > 0 {
			continue
		}
		switch {
		case lastWord(f.Name) == "score" && isNumeric(s, f.Type.Name()):
			if score != "" {
				return "", "" // which score would a level follow?
			}
			score = f.Name
		case f.Type.Name() == "Boolean" && hasWord(words(f.Name), "highlight", "highlighted", "best"):
			best = f.Name
		}
	}
	if score == "" {
		return "", ""
	}
	return score, best
}

// levelOf is the rank of each value of an enum of levels, lowest 0; nil when some value
// is not a level.
func levelOf(named *ast.Definition) []string {
	if named.Kind != ast.Enum || len(named.EnumValues) < 2 {
		return nil
	}
	var out []string
	for _, w := range levelWords {
		if named.EnumValues.ForName(w) != nil {
			out = append(out, w)
		}
	}
	if len(out) != len(named.EnumValues) {
		return nil
	}
	return out
}

// level is the value of levels (lowest first) that a score out of 100 falls in, each
// level an equal band: 0–33 LOW, 34–66 MEDIUM, 67–100 HIGH.
func level(levels []string, score float64) string {
	i := int(score * float64(len(levels)) / 100.0001)
	return levels[max(0, min(len(levels)-1, i))]
}

// markBest sets the best flag of the items of a list that have its highest score.
func (g *Generator) markBest(items []map[string]any) {
	var top float64
	scores := make([]float64, len(items))
	flags := make([]string, len(items))
	for i, it := range items {
		mt := it[metaKey].(*meta)
		tr := g.roles.typ(mt.typ)
		if tr == nil || tr.best == "" {
			return
		}
		v, ok := toFloat(g.leafValue(tr, mt, tr.def.Fields.ForName(tr.score), it))
		if !ok {
			return
		}
		scores[i], flags[i], top = v, tr.best, max(top, v)
	}
	for i, it := range items {
		if _, stated := it[flags[i]]; !stated {
			it[flags[i]] = scores[i] == top
		}
	}
}

// nightAfter is the night (23:00 to 06:00 where now is) after prev, or the first that
// has not ended at now: Octopus's greener nights.
func nightAfter(now time.Time, prev *span) span {
	y, m, d := now.AddDate(0, 0, -1).Date()
	if prev != nil {
		y, m, d = prev.start.In(now.Location()).AddDate(0, 0, 1).Date()
	}
	start := time.Date(y, m, d, 23, 0, 0, 0, now.Location())
	end := time.Date(y, m, d+1, 6, 0, 0, 0, now.Location())
	if prev == nil && !end.After(now) {
		start, end = start.AddDate(0, 0, 1), end.AddDate(0, 0, 1)
	}
	sp := span{start: start, end: end, tense: tenseFuture}
	if !start.After(now) {
		sp.tense = tenseOngoing
	}
	return sp
}
