package world

import (
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// TestWhatWasToComeComesToPass: a span dated to come whose start the clock passes is
// under way, then over (passed), or the next of a monthly schedule (rolled); and the
// status it then reads says so, no failure or refusal (cameIn).
func TestWhatWasToComeComesToPass(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2027, m, d, 4, 0, 0, 0, time.UTC) }
	sp := span{start: day(time.January, 13), end: day(time.January, 28), tense: tenseFuture}
	for _, tc := range []struct {
		now               time.Time
		passed            tense
		rolledFrom, until time.Time
	}{
		{day(time.January, 13), tenseOngoing, day(time.February, 13), day(time.February, 28)},
		{day(time.January, 20), tenseOngoing, day(time.February, 13), day(time.February, 28)},
		{day(time.January, 28), tensePast, day(time.February, 13), day(time.February, 28)},
		{day(time.February, 13), tensePast, day(time.March, 13), day(time.March, 28)},
		{day(time.December, 31), tensePast, time.Date(2028, time.January, 13, 4, 0, 0, 0, time.UTC), time.Date(2028, time.January, 28, 4, 0, 0, 0, time.UTC)},
	} {
		if got := passed(sp, tc.now); got.tense != tc.passed || !got.came || !got.start.Equal(sp.start) || !got.end.Equal(sp.end) {
			t.Errorf("at %s passed: %v (tense %d), want tense %d on its dates", tc.now, got, got.tense, tc.passed)
		}
		if got := rolled(sp, tc.now); !got.start.Equal(tc.rolledFrom) || !got.end.Equal(tc.until) || got.tense != tenseFuture {
			t.Errorf("at %s rolled: %s to %s, want %s to %s", tc.now, got.start, got.end, tc.rolledFrom, tc.until)
		}
	}
	enum := func(vs ...string) *ast.Definition {
		d := &ast.Definition{Kind: ast.Enum, Name: "Status"}
		for _, v := range vs {
			d.EnumValues = append(d.EnumValues, &ast.EnumValueDefinition{Name: v})
		}
		return d
	}
	brownout := enum("SCHEDULED", "IN_PROGRESS", "CANCELLED", "COMPLETED", "ABORTED")
	agent := enum("ACCEPTED", "REJECTED", "REQUESTED", "TERMINATION_REQUESTED")
	for _, tc := range []struct {
		named *ast.Definition
		tn    tense
		want  string
	}{
		{brownout, tenseOngoing, "IN_PROGRESS"},
		{brownout, tensePast, "COMPLETED"},
		{agent, tenseOngoing, "ACCEPTED"},
		{agent, tensePast, "ACCEPTED"},
		{enum("PENDING", "FAILED"), tensePast, ""},
	} {
		for key := uint64(0); key < 20; key++ {
			if got := cameIn(tc.named, tc.tn, key); got != tc.want {
				t.Fatalf("%v came to pass (tense %d) as %q, want %q", tc.named.EnumValues, tc.tn, got, tc.want)
			}
		}
	}
}
