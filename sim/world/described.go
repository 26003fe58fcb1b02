package world

import (
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/lazyre"
)

// What a field's description states that its name does not: how far a list reaches
// ("All planned device dispatches 24 hours ahead"), which objects a field is present for
// ("Present for planned dispatches, otherwise `null`") and the sign of an energy
// ("Energy in kWh (import has a negative value)").

var (
	horizonRE  = lazyre.New(`(?i)\b(\d{1,4}) (hours?|days?) (ahead|behind)`)
	presentRE  = lazyre.New("(?i)\\bpresent (?:only )?for (\\w+)\\b[^.]*?,? otherwise `?null")
	negativeRE = lazyre.New(`(?i)\bimports? (?:has|have|is|are) (?:a )?negative`)
	// latestReadingRE finds the time of an object's latest reading ("Time of the latest
	// SoC limit reading").
	latestReadingRE = lazyre.New(`(?i)\btime of the (?:latest|most recent)\b[^.]*\breading\b`)
	// meterDeviceRE finds a device id argument that names a smart meter's device ("The
	// ESME or GSME's EUI64 ID").
	meterDeviceRE = lazyre.New(`\b[EG]SME\b`)
)

// doc is a description, or where an SDL carries its descriptions as # comments (as
// Octopus's published SDL does), the comments before and after the place one would be.
func doc(desc string, before, after *ast.CommentGroup) string {
	if strings.TrimSpace(desc) != "" || before == nil && after == nil {
		return desc
	}
	var b strings.Builder
	for _, g := range []*ast.CommentGroup{before, after} {
		if g == nil {
			continue
		}
		for _, c := range g.List {
			b.WriteString(strings.TrimPrefix(c.Text(), " "))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// docContains reports whether a description, or the comments that stand for it, holds
// s, without joining the comments.
func docContains(desc string, before, after *ast.CommentGroup, s string) bool {
	if strings.TrimSpace(desc) != "" {
		return strings.Contains(desc, s)
	}
	for _, g := range []*ast.CommentGroup{before, after} {
		if g == nil {
			continue
		}
		for _, c := range g.List {
			if strings.Contains(c.Value, s) {
				return true
			}
		}
	}
	return false
}

// fieldDoc is a field's description, from its comments where it has no other.
func fieldDoc(fd *ast.FieldDefinition) string {
	return doc(fd.Description, fd.BeforeDescriptionComment, fd.AfterDescriptionComment)
}

// NamesMeterDevice reports whether fd's deviceId argument is, as its description says, a
// smart meter's device (an ESME or GSME, smartMeterTelemetry(deviceId:)), which a
// SmartFlex device's id is not.
func NamesMeterDevice(fd *ast.FieldDefinition) bool {
	if fd == nil {
		return false
	}
	a := fd.Arguments.ForName("deviceId")
	return a != nil && meterDeviceRE().MatchString(argDoc(a))
}

// argDoc is an argument's description, from its comments where it has no other.
func argDoc(a *ast.ArgumentDefinition) string {
	return doc(a.Description, a.BeforeDescriptionComment, a.AfterDescriptionComment)
}

// horizonOf is how far ahead or behind a list reaches, as its description says; 0 when it
// does not say.
func horizonOf(desc string) time.Duration {
	if desc == "" {
		return 0
	}
	m := horizonRE().FindStringSubmatch(desc)
	if m == nil {
		return 0
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n == 0 {
		return 0
	}
	if strings.HasPrefix(strings.ToLower(m[2]), "day") {
		return time.Duration(n) * 24 * time.Hour
	}
	return time.Duration(n) * time.Hour
}

// presentFor is the tense of the objects a field is present for, as its description says
// ("Present for completed dispatches, otherwise null": past); tenseNone when it does not
// say or names no tense.
func presentFor(desc string) tense {
	if desc == "" {
		return tenseNone
	}
	m := presentRE().FindStringSubmatch(desc)
	if m == nil {
		return tenseNone
	}
	w := strings.ToLower(m[1])
	switch {
	case hasWord([]string{w}, "completed", "past", "previous", "historic", "historical", "finished"):
		return tensePast
	case hasWord([]string{w}, "ongoing", "current", "active", "live"):
		return tenseOngoing
	}
	_, tn := classify([]string{w})
	return tn
}

// importsNegative reports whether a number's description says an import is negative.
func importsNegative(desc string) bool {
	return desc != "" && negativeRE().MatchString(desc)
}

// tenseOf is when an object lies: its span's tense, else the tense its list or parent
// gave it.
func (mt *meta) tenseOf() tense {
	if mt.span != nil {
		return mt.span.tense
	}
	return mt.tense
}

// withinHorizon is the first span of a list that reaches horizon ahead or behind now,
// moved to begin within its first third (a list of what is to come begins soon; of what
// is over, lately).
func withinHorizon(sp *span, horizon time.Duration, key uint64, now time.Time) *span {
	d := sp.end.Sub(sp.start)
	steps := max(1, int(horizon/3/(30*time.Minute)))
	off := time.Duration(newRng(key^0x5bd1e9955bd1e995).between(1, steps)) * 30 * time.Minute
	out := *sp
	switch sp.tense {
	case tenseFuture:
		if sp.start.After(now.Add(horizon / 3)) {
			out.start = now.Truncate(30 * time.Minute).Add(off)
			out.end = out.start.Add(d)
		}
	case tensePast:
		if sp.end.Before(now.Add(-horizon / 3)) {
			out.end = now.Truncate(30 * time.Minute).Add(-off + 30*time.Minute)
			out.start = out.end.Add(-d)
		}
	}
	return &out
}

// beyond reports whether a span lies past a list's horizon from now.
func beyond(sp *span, horizon time.Duration, now time.Time) bool {
	switch sp.tense {
	case tenseFuture:
		return sp.start.After(now.Add(horizon))
	case tensePast:
		return sp.end.Before(now.Add(-horizon))
	}
	return false
}

// checksumOf is the sibling identifier whose check character a String field is: one
// named …Checksum whose description names that sibling in backticks ("For the NMI
// itself, refer to the `identifier` field."); "" otherwise.
func checksumOf(def *ast.Definition, fd *ast.FieldDefinition) string {
	if fd.Type.Name() != "String" || fd.Type.Elem != nil || lastWord(fd.Name) != "checksum" {
		return ""
	}
	desc := fieldDoc(fd)
	for _, f := range def.Fields {
		if f != fd && f.Type.Elem == nil && f.Type.Name() == "String" && strings.Contains(desc, "`"+f.Name+"`") {
			return f.Name
		}
	}
	return ""
}

// nmiChecksum is the check digit AEMO suffixes to a National Metering Identifier: the
// digits of the characters' codes, every other one doubled from the right, summed, and
// what brings the sum to a multiple of ten; "" for an empty identifier.
func nmiChecksum(id string) string {
	if id == "" {
		return ""
	}
	sum, double := 0, true
	for i := len(id) - 1; i >= 0; i-- {
		v := int(id[i])
		if double {
			v *= 2
		}
		double = !double
		for ; v > 0; v /= 10 {
			sum += v % 10
		}
	}
	return strconv.Itoa((10 - sum%10) % 10)
}
