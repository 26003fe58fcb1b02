// Package fake produces deterministic, realistic values for GraphQL leaf fields of
// Kraken schemas: the same seed, key, parent type, field and type always give the
// same value, in any process, and no call shares mutable random state with another.
package fake

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// maxCache bounds the per-Faker memo of matched rules, so arbitrary field names
// (fuzzing, hostile schemas) cannot grow it without limit.
const maxCache = 1 << 14

// Salts keep the streams of Leaf, ListLen and Pick independent for the same key.
const (
	saltLeaf = 0x6c8e9cf570932bd5
	saltList = 0x2545f4914f6cdd1d
	saltPick = 0x9fb21c651e98df25
)

// Faker generates fake leaf values; it is safe for concurrent use.
type Faker struct {
	leafSeed, listSeed, pickSeed uint64

	mu    sync.RWMutex
	rules map[uint64]uint32 // hash of (parent, field, type) → table index | hint<<16
	// normals holds each enum's values that name the normal state (*ast.Definition →
	// []string), for up to maxCache enums.
	normals  sync.Map
	nNormals atomic.Int64
	// zone is the tenant's local time, that date-times are told in.
	zone *time.Location
	// market is the country zone is in, whose places and numbers values take.
	market *market
}

// New returns a Faker whose every output is a pure function of seed and the call's inputs,
// telling date-times in UK time.
func New(seed int64) *Faker { return NewIn(seed, nil) }

// NewIn is New telling date-times in zone (LocalZone of a tenant's SDL); nil is UK time.
func NewIn(seed int64, zone *time.Location) *Faker {
	s := uint64(seed)
	if zone == nil {
		zone = london()
	}
	return &Faker{
		leafSeed: mix64(s ^ saltLeaf),
		listSeed: mix64(s ^ saltList),
		pickSeed: mix64(s ^ saltPick),
		rules:    make(map[uint64]uint32),
		zone:     zone,
		market:   marketOf(zone),
	}
}

// Zone is the local time the Faker tells date-times in.
func (f *Faker) Zone() *time.Location { return f.zone }

// Leaf returns a value for a scalar or enum field: string, int, int64, float64, bool,
// map[string]any (GenericScalar) or nil (Upload, or a typ that is not a leaf type).
// A nil typ is treated as String.
func (f *Faker) Leaf(key uint64, parentType, field string, typ *ast.Definition) any {
	typName := "String"
	if typ != nil {
		typName = typ.Name
	}
	return f.leaf(key, hashStrings(parentType, field, typName), parentType, field, typ)
}

// SharedLeaf is Leaf drawn alike whichever type holds the field: a zone's mode is the
// same in its configuration and its status.
func (f *Faker) SharedLeaf(key uint64, parentType, field string, typ *ast.Definition) any {
	typName := "String"
	if typ != nil {
		typName = typ.Name
	}
	return f.leaf(key, hashStrings("", field, typName), parentType, field, typ)
}

func (f *Faker) leaf(key, seed uint64, parentType, field string, typ *ast.Definition) any {
	v := f.draw(key, seed, parentType, field, typ)
	if s, ok := v.(string); ok && typ != nil && typ.Name == "NormalizedDecimal" {
		return NormalizeDecimal(s)
	}
	return v
}

// NormalizeDecimal is a decimal string as Kraken's NormalizedDecimal renders it, with no
// trailing zeros: "4.000" is "4", "4.100" is "4.1".
func NormalizeDecimal(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func (f *Faker) draw(key, seed uint64, parentType, field string, typ *ast.Definition) any {
	typName, kind := "String", ast.Scalar
	if typ != nil {
		typName, kind = typ.Name, typ.Kind
	}
	h := hashStrings(parentType, field, typName)
	c := call{
		r:      rng{s: mix64(mix64(f.leafSeed^key) ^ seed)},
		parent: parentType,
		field:  field,
		zone:   f.zone,
		m:      f.market,
	}
	switch kind {
	case ast.Enum:
		return f.enumValue(&c, typ)
	case ast.Scalar:
	default:
		return nil
	}
	c.cls = classOf(typName)
	if c.cls == cUpload {
		return nil
	}
	return table[f.ruleFor(h, &c)].gen(&c)
}

// ListLen returns the length of a faked list, from 1 to 3.
func (f *Faker) ListLen(key uint64) int {
	return 1 + int(mix64(f.listSeed^key)%3)
}

// Pick returns an index in [0, n) choosing a concrete type for an abstract one; 0 when n <= 0.
func (f *Faker) Pick(key uint64, n int) int {
	if n <= 0 {
		return 0
	}
	return int(mix64(f.pickSeed^key) % uint64(n))
}

// ruleFor returns the index of the first table rule matching c and sets c.when,
// memoised by h. A memo hit is only trusted when the rule accepts c's class, so a
// hash collision can never produce a value of the wrong kind.
func (f *Faker) ruleFor(h uint64, c *call) int {
	f.mu.RLock()
	v, ok := f.rules[h]
	f.mu.RUnlock()
	if i := int(v & 0xffff); ok && i < len(table) && table[i].in.has(c.cls) {
		c.when = hint(v >> 16)
		return i
	}
	i := match(c.parent, c.field, c.cls)
	c.when = hintOf(c.field)
	f.mu.Lock()
	if len(f.rules) < maxCache {
		f.rules[h] = uint32(i) | uint32(c.when)<<16
	}
	f.mu.Unlock()
	return i
}

// normalWords name the state most things are in most of the time: a live device, an
// active account, a commissioned meter, a completed payment.
var normalWords = []string{"active", "live", "commissioned", "enabled", "connected", "capable", "operational",
	"installed", "online", "healthy", "ok", "success", "successful", "succeeded", "completed", "complete", "paid",
	"settled", "approved", "confirmed", "valid", "supply"}

// negatingWords turn a normal word around: NOT_LIVE, OFF_SUPPLY, SUPPLY_LOST.
var negatingWords = []string{"not", "non", "no", "off", "un", "lost", "failed", "pending", "loss"}

// statusField reports whether a field names what state its object is in.
func statusField(field string) bool {
	if field == "current" {
		return true
	}
	for _, suffix := range []string{"status", "Status", "STATUS", "state", "State", "STATE"} {
		if strings.HasSuffix(field, suffix) {
			return true
		}
	}
	return false
}

// normalValue picks, two times in three, one of an enum's live values whose name says
// the normal state, for a field that names its object's state; "" otherwise.
func (f *Faker) normalValue(c *call, typ *ast.Definition) string {
	if !statusField(c.field) {
		return ""
	}
	normal := f.normalValues(typ)
	if len(normal) == 0 || c.r.intn(3) == 0 {
		return ""
	}
	return normal[c.r.intn(len(normal))]
}

// normalValues are the live values of enum typ whose names say the normal state,
// worked out once per enum.
func (f *Faker) normalValues(typ *ast.Definition) []string {
	if v, ok := f.normals.Load(typ); ok {
		return v.([]string)
	}
	var normal []string
	for _, v := range typ.EnumValues {
		if v == nil || v.Directives.ForName("deprecated") != nil {
			continue
		}
		ws := splitWords(v.Name)
		if slices.ContainsFunc(ws, func(w string) bool { return slices.Contains(negatingWords, w) }) {
			continue
		}
		if slices.ContainsFunc(ws, func(w string) bool { return slices.Contains(normalWords, w) }) {
			normal = append(normal, v.Name)
		}
	}
	if f.nNormals.Add(1) <= maxCache {
		f.normals.Store(typ, normal)
	}
	return normal
}

// currencyWords are the words an enum of currencies may name a market's currency by,
// beside its ISO code (LineItemCurrency's EURO_CENTS, USA_CENTS, JPN_YEN).
var currencyWords = map[string]string{"EUR": "EURO", "USD": "USA", "JPY": "JPN"}

// enumValue picks a value name of an enum, preferring values not marked @deprecated:
// for a currency the market's, for a status field most often a normal one.
func (f *Faker) enumValue(c *call, typ *ast.Definition) any {
	if v := marketCurrency(c, typ); v != "" {
		return v
	}
	if v := f.normalValue(c, typ); v != "" {
		return v
	}
	live := 0
	for _, v := range typ.EnumValues {
		if v != nil && v.Directives.ForName("deprecated") == nil {
			live++
		}
	}
	if live > 0 {
		n := c.r.intn(live)
		for _, v := range typ.EnumValues {
			if v != nil && v.Directives.ForName("deprecated") == nil {
				if n == 0 {
					return v.Name
				}
				n--
			}
		}
	}
	var named []*ast.EnumValueDefinition
	for _, v := range typ.EnumValues {
		if v != nil {
			named = append(named, v)
		}
	}
	if len(named) == 0 {
		return nil
	}
	return named[c.r.intn(len(named))].Name
}

// marketCurrency is the value of a currency enum (a field named currency, or a type
// named for currencies) that names the call's market's currency: its code, or a value
// starting with its code or the word currencyWords has for it; "" when none does.
func marketCurrency(c *call, typ *ast.Definition) string {
	if !strings.EqualFold(c.field, "currency") && !strings.Contains(typ.Name, "Currency") {
		return ""
	}
	code := c.market().currency
	for _, v := range typ.EnumValues {
		if v == nil {
			continue
		}
		if v.Name == code || strings.HasPrefix(v.Name, code+"_") || currencyWords[code] != "" && strings.HasPrefix(v.Name, currencyWords[code]+"_") {
			return v.Name
		}
	}
	return ""
}

// mix64 is the splitmix64 finaliser: a bijective, well-avalanching 64-bit mixer.
func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// hashStrings is FNV-1a over the strings with a separator, so ("ab","c") != ("a","bc").
func hashStrings(ss ...string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, s := range ss {
		for i := 0; i < len(s); i++ {
			h ^= uint64(s[i])
			h *= 0x100000001b3
		}
		h ^= 0xff
		h *= 0x100000001b3
	}
	return h
}

// rng is a splitmix64 stream; a value type, so each call owns its own state.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n); 0 when n <= 0.
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	return int(r.next() % uint64(n))
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.intn(hi-lo+1)
}

// chance reports true with probability pct/100.
func (r *rng) chance(pct int) bool { return r.intn(100) < pct }

func (r *rng) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[r.intn(len(list))]
}
