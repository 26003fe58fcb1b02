package graphql

import (
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Kraken's SDLs name graphene's custom scalars, whose inputs graphene parses before any
// resolver runs: a Date that is no calendar day, a JSONString that is no JSON, or a
// UUID that is none is refused at coercion, as graphene refuses it. checkKnownScalar
// checks a value given for one of them; other custom scalars (Kraken's own, a tenant's)
// pass as sent.

// knownScalars are the custom scalars whose inputs are checked, with their checks.
var knownScalars = map[string]func(any) bool{
	"Date":       isDateValue,
	"DateTime":   isDateTimeValue,
	"Time":       isTimeValue,
	"JSONString": isJSONStringValue,
	"Decimal":    isDecimalValue,
	"UUID":       isUUIDValue,
	"BigInt":     isBigIntValue,
}

// stringScalars are the known scalars graphene reads only from a string, refusing any
// other value as a "non-string value".
var stringScalars = map[string]bool{"Date": true, "DateTime": true, "Time": true}

// checkKnownScalar is why v is no value of the custom scalar named, or "" when it is
// one or the scalar is not checked, in graphene's words.
func checkKnownScalar(scalar string, v any) string {
	ok, known := knownScalars[scalar]
	if !known || v == nil || ok(v) {
		return ""
	}
	if _, isString := v.(string); !isString && stringScalars[scalar] {
		return scalar + " cannot represent non-string value: " + inspect(v)
	}
	return scalar + " cannot represent value: " + inspect(v)
}

func isDateValue(v any) bool {
	s, ok := v.(string)
	if !ok || len(s) != len(time.DateOnly) {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// dateTimeLayouts are the ISO 8601 forms Python's datetime.fromisoformat reads.
var dateTimeLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z07:00:00", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02T15:04:05.999999999Z0700", time.DateOnly,
}

// ParseDateTime reads a DateTime value in any of the ISO 8601 forms the scalar accepts
// (+00:00, +0000, Z, fractions, a space for the T): one with an offset as it says, one
// without, or a bare date (its midnight), in naive.
func ParseDateTime(s string, naive *time.Location) (time.Time, bool) {
	for _, l := range dateTimeLayouts {
		if t, err := time.ParseInLocation(l, s, naive); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func isDateTimeValue(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	for _, l := range dateTimeLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return true
		}
	}
	return false
}

var timeRe = regexp.MustCompile(`^([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,6})?)?)?$`)

func isTimeValue(v any) bool {
	s, ok := v.(string)
	return ok && timeRe.MatchString(s)
}

func isJSONStringValue(v any) bool {
	s, ok := v.(string)
	return ok && json.Valid([]byte(s))
}

func isDecimalValue(v any) bool {
	if f, isNum := toFloat(v); isNum {
		return !math.IsInf(f, 0) && !math.IsNaN(f)
	}
	s, ok := v.(string)
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
}

var uuidRe = regexp.MustCompile(`^(?i:urn:uuid:)?\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?$`)

func isUUIDValue(v any) bool {
	s, ok := v.(string)
	return ok && uuidRe.MatchString(s)
}

func isBigIntValue(v any) bool {
	if f, isNum := toFloat(v); isNum {
		return f == math.Trunc(f)
	}
	s, ok := v.(string)
	if !ok {
		return false
	}
	_, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return err == nil
}
