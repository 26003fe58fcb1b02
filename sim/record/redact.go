package record

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
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
}

// kind says what a key holds: 's' secret, 'p' personal, 0 neither.
func (r *redactor) kind(key string) byte {
	k := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(key))
	for _, s := range SecretFields {
		if strings.Contains(k, s) {
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
		if t, ok := fakeJWT(s, h); ok {
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
// says a key above was secret or personal, so every text below is.
func (r *redactor) answer(key string, v any, under bool) any {
	under = under || r.kind(key) != 0
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			fk := k
			if under && r.kind(k) == 0 {
				fk = key
			}
			out[k] = r.answer(fk, e, under)
		}
		return out
	case obj:
		out := make(obj, len(t))
		for i, e := range t {
			fk := e.k
			if under && r.kind(e.k) == 0 {
				fk = key
			}
			out[i] = kv{e.k, r.answer(fk, e.v, under)}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = r.answer(key, e, under)
		}
		return out
	case string:
		if under {
			return r.fake(key, t)
		}
		return r.link(t)
	}
	if under {
		return r.fake(key, v)
	}
	return v
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

// jwtTimes are the claims a fake JWT keeps: times a client reads to schedule a refresh.
var jwtTimes = []string{"exp", "iat", "nbf", "orig_iat"}

// fakeJWT replaces a JWT by an unsigned one ("alg": "none", no signature) that carries
// only the original's time claims and a jti from the keyed hash h, so that a client
// decoding exp still can; false when s is not a JWT.
func fakeJWT(s string, h []byte) (string, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	var claims map[string]any
	if err != nil || json.Unmarshal(raw, &claims) != nil {
		return "", false
	}
	kept := map[string]any{"jti": "redacted-" + hex.EncodeToString(h[:6])}
	for _, k := range jwtTimes {
		if v, ok := claims[k].(float64); ok {
			kept[k] = int64(v)
		}
	}
	payload, _ := json.Marshal(kept)
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + enc.EncodeToString(payload) + ".", true
}
