package dataimport

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/internal/jsonvalue"
	"github.com/krakensim/krakensim/internal/lazyre"
)

// Field error messages, as Django REST Framework words them.
const (
	msgRequired    = "This field is required."
	msgNull        = "This field may not be null."
	msgBlank       = "This field may not be blank."
	msgNotString   = "Not a valid string."
	msgNotBool     = "Must be a valid boolean."
	msgNotNumber   = "A valid number is required."
	msgNotInteger  = "A valid integer is required."
	msgDateFormat  = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
	msgTimeFormat  = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
	msgNotEmail    = "Enter a valid email address."
	msgMaxDigits   = "Ensure that there are no more than %d digits in total."
	msgMaxPlaces   = "Ensure that there are no more than %d decimal places."
	msgMaxWhole    = "Ensure that there are no more than %d digits before the decimal point."
	msgMaxLength   = "Ensure this field has no more than %d characters."
	msgNullChars   = "Null characters are not allowed."
	msgSurrogate   = "Surrogate characters are not allowed: U+%X."
	msgChoice      = "\"%s\" is not a valid choice."
	msgNotList     = "Expected a list of items but got type \"%s\"."
	msgNotDict     = "Invalid data. Expected a dictionary, but got %s."
	msgEmptyList   = "This list may not be empty."
	msgFieldChoice = "%s Valid choices are: %s."
)

// form reads one JSON object's fields with DRF's coercions, collecting every error by
// field name: a []string for the field's own errors, or the nested errors of an object
// or list.
type form struct {
	obj  map[string]any
	errs map[string]any
}

// newForm reads obj; its errors' map is made at the first error.
func newForm(obj map[string]any) *form { return &form{obj: obj} }

func (f *form) ok() bool { return len(f.errs) == 0 }

func (f *form) fail(key, msg string) {
	list, _ := f.errs[key].([]string)
	f.set(key, append(list, msg))
}

// nonField records an error about the object as a whole.
func (f *form) nonField(msg string) { f.fail("non_field_errors", msg) }

// nest records the errors of a nested object or list under key, when there are any.
func (f *form) nest(key string, e any) {
	switch e := e.(type) {
	case nil:
		return
	case map[string]any:
		if len(e) == 0 {
			return
		}
	}
	f.set(key, e)
}

// set records e as the errors under key.
func (f *form) set(key string, e any) {
	if f.errs == nil {
		f.errs = map[string]any{}
	}
	f.errs[key] = e
}

// value returns the field's value; present is false when it is absent, or null and
// nullable. A null that is not nullable is an error.
func (f *form) value(key string, required, nullable bool) (v any, present bool) {
	v, ok := f.obj[key]
	switch {
	case !ok:
		if required {
			f.fail(key, msgRequired)
		}
		return nil, false
	case v == nil:
		if !nullable || required {
			f.fail(key, msgNull)
		}
		return nil, false
	}
	return v, true
}

type strOpt struct {
	required, blank, nullable bool
	max                       int
}

// str reads a CharField: strings, and numbers as their text.
func (f *form) str(key string, o strOpt) (string, bool) {
	v, ok := f.value(key, o.required, o.nullable)
	if !ok {
		return "", false
	}
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case json.Number:
		s = v.String()
	default:
		f.fail(key, msgNotString)
		return "", false
	}
	s = strings.TrimSpace(s)
	if s == "" && !o.blank {
		f.fail(key, msgBlank)
		return "", false
	}
	bad := false // DRF runs every validator and lists what each finds
	if o.max > 0 && jsonvalue.RuneCount(s) > o.max {
		f.fail(key, fmt.Sprintf(msgMaxLength, o.max))
		bad = true
	}
	if strings.ContainsRune(s, 0) { // ProhibitNullCharactersValidator: PostgreSQL text holds no NUL
		f.fail(key, msgNullChars)
		bad = true
	}
	if r, ok := jsonvalue.FirstSurrogate(s); ok { // ProhibitSurrogateCharactersValidator
		f.fail(key, fmt.Sprintf(msgSurrogate, r))
		bad = true
	}
	if bad {
		return "", false
	}
	return s, true
}

// boolean reads a BooleanField, with DRF's accepted spellings.
func (f *form) boolean(key string, def bool) (bool, bool) {
	v, ok := f.value(key, false, true)
	if !ok {
		return def, false
	}
	b, good := parseBool(v)
	if !good {
		f.fail(key, msgNotBool)
		return def, false
	}
	return b, true
}

func parseBool(v any) (bool, bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case json.Number:
		switch v.String() {
		case "1":
			return true, true
		case "0":
			return false, true
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "t", "yes", "y", "on", "1":
			return true, true
		case "false", "f", "no", "n", "off", "0":
			return false, true
		}
	}
	return false, false
}

// date reads a DateField as YYYY-MM-DD.
func (f *form) date(key string, required, nullable bool) (string, bool) {
	v, ok := f.value(key, required, nullable)
	if !ok {
		return "", false
	}
	s, isStr := v.(string)
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if !isStr || err != nil {
		f.fail(key, msgDateFormat)
		return "", false
	}
	return d.Format(time.DateOnly), true
}

var dateTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
}

// datetime reads a DateTimeField; a time without an offset is UTC.
func (f *form) datetime(key string, required bool) (time.Time, bool) {
	v, ok := f.value(key, required, true)
	if !ok {
		return time.Time{}, false
	}
	if s, isStr := v.(string); isStr {
		if t, good := parseDateTime(s); good {
			return t, true
		}
	}
	f.fail(key, msgTimeFormat)
	return time.Time{}, false
}

func parseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// integer reads an IntegerField: whole numbers, or strings of them.
func (f *form) integer(key string, required, nullable bool) (int, bool) {
	v, ok := f.value(key, required, nullable)
	if !ok {
		return 0, false
	}
	var s string
	switch v := v.(type) {
	case json.Number:
		s = v.String()
	case string:
		s = strings.TrimSpace(v)
	default:
		f.fail(key, msgNotInteger)
		return 0, false
	}
	d, err := parseDecimal(s)
	if err != nil || d.frac != "" || len(d.whole) > 15 {
		f.fail(key, msgNotInteger)
		return 0, false
	}
	n := 0
	for _, c := range d.whole {
		n = n*10 + int(c-'0')
	}
	if d.neg {
		n = -n
	}
	return n, true
}

// choice reads a ChoiceField.
func (f *form) choice(key string, required bool, choices []string) (string, bool) {
	v, ok := f.value(key, required, false)
	if !ok {
		return "", false
	}
	s, isStr := v.(string)
	if !isStr {
		if n, isNum := v.(json.Number); isNum {
			s = n.String()
		} else {
			f.fail(key, fmt.Sprintf(msgChoice, jsonText(v)))
			return "", false
		}
	}
	if !slices.Contains(choices, s) {
		f.fail(key, fmt.Sprintf(msgChoice, s))
		return "", false
	}
	return s, true
}

// list reads a list field.
func (f *form) list(key string, required, nonEmpty bool) ([]any, bool) {
	v, ok := f.value(key, required, false)
	if !ok {
		return nil, false
	}
	l, isList := v.([]any)
	if !isList {
		f.fail(key, fmt.Sprintf(msgNotList, jsonKind(v)))
		return nil, false
	}
	if nonEmpty && len(l) == 0 {
		f.fail(key, msgEmptyList)
		return nil, false
	}
	return l, true
}

// object reads a nested object field.
func (f *form) object(key string, required bool) (map[string]any, bool) {
	v, ok := f.value(key, required, true)
	if !ok {
		return nil, false
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		f.fail(key, fmt.Sprintf(msgNotDict, jsonKind(v)))
		return nil, false
	}
	return m, true
}

var emailRe = lazyre.New(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// email reads an EmailField.
func (f *form) email(key string, required bool) (string, bool) {
	s, ok := f.str(key, strOpt{required: required, blank: !required, nullable: !required})
	if !ok || s == "" {
		return s, ok
	}
	if _, err := mail.ParseAddress(s); err != nil || !emailRe().MatchString(s) {
		f.fail(key, msgNotEmail)
		return "", false
	}
	return s, true
}

// decimal is an exact decimal number: its sign, whole digits without leading zeros and
// fraction digits without trailing zeros.
type decimal struct {
	neg         bool
	whole, frac string
}

var decimalRe = lazyre.New(`^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]{1,4}))?$`)

// maxExponent bounds the exponent of a decimal's scientific notation.
const maxExponent = 64

// parseDecimal reads a decimal number's text, including JSON's exponent notation.
func parseDecimal(s string) (decimal, error) {
	m := decimalRe().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || m[2] == "" && m[3] == "" {
		return decimal{}, fmt.Errorf("%q is not a number", s)
	}
	digits, point := m[2]+m[3], len(m[2])
	if m[4] != "" {
		var exp int
		fmt.Sscanf(m[4], "%d", &exp)
		if exp > maxExponent || exp < -maxExponent {
			return decimal{}, fmt.Errorf("%q is out of range", s)
		}
		point += exp
	}
	for point < 0 {
		digits, point = "0"+digits, point+1
	}
	for point > len(digits) {
		digits += "0"
	}
	d := decimal{
		neg:   m[1] == "-",
		whole: strings.TrimLeft(digits[:point], "0"),
		frac:  strings.TrimRight(digits[point:], "0"),
	}
	if d.whole == "" && d.frac == "" {
		d.neg = false
	}
	return d, nil
}

// String formats d with exactly places fraction digits (d must fit).
func (d decimal) String(places int) string {
	w := d.whole
	if w == "" {
		w = "0"
	}
	s := w
	if places > 0 {
		s += "." + d.frac + strings.Repeat("0", places-len(d.frac))
	}
	if d.neg {
		s = "-" + s
	}
	return s
}

// rat is d as a rational number, for arithmetic checks.
func (d decimal) rat() *big.Rat {
	r, _ := new(big.Rat).SetString(d.String(len(d.frac)))
	return r
}

// minorUnits is d times 100, for an amount with at most two decimal places.
func (d decimal) minorUnits() int64 {
	frac := d.frac + strings.Repeat("0", 2-len(d.frac))
	var n int64
	for _, c := range d.whole + frac {
		n = n*10 + int64(c-'0')
	}
	if d.neg {
		n = -n
	}
	return n
}

// decSpec bounds a DecimalField: digits before the point, and places after it.
type decSpec struct{ whole, places int }

// Decimal fields of the contract.
var (
	money  = decSpec{whole: 10, places: 2}
	units4 = decSpec{whole: 12, places: 4}
	price7 = decSpec{whole: 8, places: 7}
	rate5  = decSpec{whole: 15, places: 5}
)

// decimal reads a DecimalField from a number or a numeric string.
func (f *form) decimal(key string, required bool, spec decSpec) (decimal, bool) {
	v, ok := f.value(key, required, !required)
	if !ok {
		return decimal{}, false
	}
	d, msg := readDecimal(v, spec)
	if msg != "" {
		f.fail(key, msg)
		return decimal{}, false
	}
	return d, true
}

func readDecimal(v any, spec decSpec) (decimal, string) {
	var s string
	switch v := v.(type) {
	case json.Number:
		s = v.String()
	case string:
		s = v
	default:
		return decimal{}, msgNotNumber
	}
	d, err := parseDecimal(s)
	if err != nil {
		return decimal{}, msgNotNumber
	}
	switch {
	case len(d.whole)+len(d.frac) > spec.whole+spec.places:
		return decimal{}, fmt.Sprintf(msgMaxDigits, spec.whole+spec.places)
	case len(d.frac) > spec.places:
		return decimal{}, fmt.Sprintf(msgMaxPlaces, spec.places)
	case len(d.whole) > spec.whole:
		return decimal{}, fmt.Sprintf(msgMaxWhole, spec.whole)
	}
	return d, ""
}

// jsonText is a value as it was sent, for messages.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// listErrors collects per-item errors of a list in DRF's shape: one entry per item, an
// empty object for the good ones; nil when every item is good.
type listErrors struct {
	n     int
	items []any // made at the first error
	bad   bool
}

// newListErrors collects the errors of n items.
func newListErrors(n int) *listErrors {
	return &listErrors{n: n}
}

func (l *listErrors) set(i int, e map[string]any) {
	if len(e) > 0 {
		if l.items == nil {
			l.items = make([]any, l.n)
		}
		l.items[i], l.bad = e, true
	}
}

func (l *listErrors) result() any {
	if !l.bad {
		return nil
	}
	for i, e := range l.items {
		if e == nil {
			l.items[i] = map[string]any{}
		}
	}
	return l.items
}

// indexErrors collects per-item errors keyed by the item's index, the shape the
// transactions endpoint answers.
type indexErrors map[string]any

func (ix indexErrors) set(i int, e map[string]any) {
	if len(e) > 0 {
		ix[fmt.Sprint(i)] = e
	}
}

func (ix indexErrors) result() any {
	if len(ix) == 0 {
		return nil
	}
	return map[string]any(ix)
}

// itemObject returns a list item as an object, or the DRF error for it.
func itemObject(v any) (map[string]any, map[string]any) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, map[string]any{"non_field_errors": []string{fmt.Sprintf(msgNotDict, jsonKind(v))}}
	}
	return m, nil
}

// listOpt says how a list of objects is read: required and nonEmpty as for form.list,
// and byIndex to nest the items' errors keyed by index instead of one entry per item.
type listOpt struct{ required, nonEmpty, byIndex bool }

// itemErrors collects the per-item errors of a list.
type itemErrors interface {
	set(i int, e map[string]any)
	result() any
}

// forEachItem reads the list field key, calling visit with a form over each item that
// is an object, and nests the items' errors under key. It reports whether the list was
// there to read.
func forEachItem(f *form, key string, opt listOpt, visit func(i int, item *form)) bool {
	list, ok := f.list(key, opt.required, opt.nonEmpty)
	if !ok {
		return false
	}
	var errs itemErrors = newListErrors(len(list))
	if opt.byIndex {
		errs = indexErrors{}
	}
	for i, v := range list {
		obj, bad := itemObject(v)
		if bad != nil {
			errs.set(i, bad)
			continue
		}
		item := newForm(obj)
		visit(i, item)
		errs.set(i, item.errs)
	}
	f.nest(key, errs.result())
	return true
}

// eachItem is forEachItem gathering what read returns for each object item; the slice
// is nil when there is none.
func eachItem[T any](f *form, key string, opt listOpt, read func(i int, item *form) T) ([]T, bool) {
	var out []T
	ok := forEachItem(f, key, opt, func(i int, item *form) { out = append(out, read(i, item)) })
	return out, ok
}
