package record

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SecretFields are the key fragments (lower case, without _ or -) whose values are
// secrets: never written, in requests or answers.
var SecretFields = []string{"authorization", "password", "token", "secret", "apikey", "otp", "cookie", "signature"}

// PersonalFields are the default key fragments (lower case, without _ or -) whose
// values are personal: replaced by consistent fakes in answers, matched by presence
// in requests.
var PersonalFields = []string{
	"email", "givenname", "familyname", "firstname", "lastname", "fullname", "preferredname",
	"middlename", "phone", "mobile", "landline", "address", "postcode", "postalcode",
	"dateofbirth", "birthdate", "iban", "sortcode", "accountholder", "billingname", "username",
}

// redactor decides what a key's value becomes on disk.
type redactor struct {
	personal []string
	key      []byte
	// upstream is the scheme and host answers came from ("https://api.example"), or "".
	upstream string
	// now is the recording's clock: times in answers are written relative to it.
	now func() time.Time
}

// notSecret are keys (lower case, without _ or -) that name a secret's kind or
// lifetime, not the secret: a token's tokenUse claim, its refreshExpiresIn.
var notSecret = []string{"tokenuse", "tokentype", "expiresin", "expiresat"}

// kind says what a key holds: 's' secret, 'p' personal, 0 neither.
func (r *redactor) kind(key string) byte {
	k := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(key))
	secret := !slices.ContainsFunc(notSecret, func(n string) bool { return strings.HasSuffix(k, n) })
	for _, s := range SecretFields {
		if secret && strings.Contains(k, s) {
			return 's'
		}
	}
	for _, p := range r.personal {
		if strings.Contains(k, p) {
			return 'p'
		}
	}
	return 0
}

// sum is a keyed hash of v: the same value gives the same fake in one recording.
func (r *redactor) sum(v string) []byte {
	m := hmac.New(sha256.New, r.key)
	m.Write([]byte(v))
	return m.Sum(nil)
}

var (
	givenNames  = []string{"Alex", "Sam", "Jordan", "Robin", "Casey", "Morgan", "Taylor", "Quinn", "Riley", "Avery"}
	familyNames = []string{"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Wright", "Green", "Hall"}
	streets     = []string{"Acacia Avenue", "Station Road", "Mill Lane", "Park Road", "Church Street", "Victoria Road"}
)

// fake replaces a personal or secret string; other values pass.
func (r *redactor) fake(key string, v any) any {
	kind := r.kind(key)
	s, ok := v.(string)
	if kind == 0 || !ok || s == "" {
		return v
	}
	h := r.sum(s)
	n := binary.BigEndian.Uint32(h)
	if kind == 's' {
		if t, ok := r.fakeJWT(s, h); ok {
			return t
		}
		return "REDACTED-" + hex.EncodeToString(h[:6])
	}
	k := strings.ToLower(key)
	switch {
	case strings.Contains(k, "email"):
		return fmt.Sprintf("person-%s@example.com", hex.EncodeToString(h[:4]))
	case strings.Contains(k, "phone"), strings.Contains(k, "mobile"), strings.Contains(k, "landline"):
		return fmt.Sprintf("+447700900%03d", n%1000)
	case strings.Contains(k, "postcode"), strings.Contains(k, "postalcode"):
		return fmt.Sprintf("ZZ%d %dZZ", n%10, n/10%10)
	case strings.Contains(k, "address"):
		return fmt.Sprintf("%d %s", n%200+1, streets[n/200%uint32(len(streets))])
	case strings.Contains(k, "family"), strings.Contains(k, "last"):
		return familyNames[n%uint32(len(familyNames))]
	case strings.Contains(k, "given"), strings.Contains(k, "first"), strings.Contains(k, "preferred"), strings.Contains(k, "middle"):
		return givenNames[n%uint32(len(givenNames))]
	case strings.Contains(k, "fullname"), strings.Contains(k, "holder"):
		return givenNames[n%uint32(len(givenNames))] + " " + familyNames[n/10%uint32(len(familyNames))]
	}
	return "REDACTED-" + hex.EncodeToString(h[:4])
}

// answer returns v with every secret and personal value below it replaced; under
// says a key above was personal, so every text below is. Below a secret key that
// holds an object (obtainKrakenToken), each key is judged by its own name; a time a
// client schedules by (exp, origIat, refreshExpiresIn) is written relative to the
// replay's now.
func (r *redactor) answer(key string, v any, under bool) any {
	kind := r.kind(key)
	below := under || kind == 'p'
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			fk := k
			if below && r.kind(k) == 0 {
				fk = key
			}
			out[k] = r.answer(fk, e, below)
		}
		return out
	case obj:
		out := make(obj, len(t))
		for i, e := range t {
			fk := e.k
			if below && r.kind(e.k) == 0 {
				fk = key
			}
			out[i] = kv{e.k, r.answer(fk, e.v, below)}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = r.answer(key, e, under)
		}
		return out
	case string:
		if under || kind != 0 {
			return r.fake(key, t)
		}
		return r.link(t)
	}
	if tm, ok := r.relativeTime(key, v); ok {
		return tm
	}
	if under || kind != 0 {
		return r.fake(key, v)
	}
	return v
}

// timeKeys are the keys (lower case, without _ or -) of Unix times a client schedules
// a refresh or sign-in by.
var timeKeys = []string{"exp", "iat", "nbf", "origiat", "refreshexpiresin"}

// relativeTime writes a Unix time under a time key, within a year of the recording, as
// a template giving the same distance from the replay's now; false for other values.
func (r *redactor) relativeTime(key string, v any) (string, bool) {
	k := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(key))
	n, ok := v.(int64)
	if !ok || r.now == nil || !slices.Contains(timeKeys, k) {
		return "", false
	}
	d := n - r.now().Unix()
	if d < -366*86400 || d > 366*86400 {
		return "", false
	}
	if d == 0 {
		return "{{ (now).Unix }}", true
	}
	return fmt.Sprintf("{{ (add %q).Unix }}", fmt.Sprintf("%ds", d)), true
}

// link writes a string as a template: a link to the upstream becomes one to the
// replaying krakensim ({{ origin }}), so that a client following it stays there.
func (r *redactor) link(s string) string {
	if r.upstream != "" && strings.HasPrefix(s, r.upstream) {
		if rest := s[len(r.upstream):]; rest == "" || strings.ContainsRune("/?#", rune(rest[0])) {
			return "{{ origin }}" + escapeTemplate(rest)
		}
	}
	return escapeTemplate(s)
}

// originOf is the scheme and host of a URL, without a trailing slash; "" when it has none.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// escapeTemplate keeps a recorded string from being read as a scenario template.
func escapeTemplate(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	return strings.ReplaceAll(s, "{{", `{{"{{"}}`)
}

// fakeJWT replaces a JWT by a template that makes an unsigned one ("alg": "none", no
// signature) at replay: its claims are the original's, a secret claim's a fake and a
// personal one's a consistent fake, its times (exp, iat, origIat) the same distance
// from the replay's now as from the recording's, and a jti from the keyed hash h, so
// that a client reading exp at replay sees a live token; false when s is not a JWT.
func (r *redactor) fakeJWT(s string, h []byte) (string, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	var claims any
	if err != nil || decodeOrdered(raw, &claims) != nil {
		return "", false
	}
	o, ok := claims.(obj)
	if !ok {
		return "", false
	}
	args := []string{"jwt"}
	jti := false
	for _, c := range o {
		var val string
		switch {
		case c.k == "jti":
			jti = true
			val = strconv.Quote("redacted-" + hex.EncodeToString(h[:6]))
		default:
			switch v := r.answer(c.k, c.v, false).(type) {
			case string:
				if rest, ok := strings.CutPrefix(v, "{{ origin }}"); ok {
					val = "(print origin " + strconv.Quote(strings.ReplaceAll(rest, `{{"{{"}}`, "{{")) + ")"
				} else if strings.HasPrefix(v, "{{ ") && strings.HasSuffix(v, " }}") && !strings.Contains(v[3:len(v)-3], "}}") {
					val = "(" + strings.TrimSuffix(strings.TrimPrefix(v, "{{ "), " }}") + ")"
				} else {
					val = strconv.Quote(strings.ReplaceAll(v, `{{"{{"}}`, "{{"))
				}
			case int64, float64, bool:
				val = fmt.Sprint(v)
			default:
				continue // a list or object claim: not kept
			}
		}
		args = append(args, strconv.Quote(c.k), val)
	}
	if !jti {
		args = append(args, `"jti"`, strconv.Quote("redacted-"+hex.EncodeToString(h[:6])))
	}
	return "{{ " + strings.Join(args, " ") + " }}", true
}
