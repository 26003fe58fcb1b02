package journal

import (
	"strconv"
	"strings"
)

func strconvFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func parseFloat(s string) (float64, error) { return strconv.ParseFloat(s, 64) }

// Redacted replaces a credential's value.
const Redacted = "[redacted]"

// skipHeaders are transport headers the journal leaves out.
var skipHeaders = map[string]bool{
	"Accept-Encoding": true, "Connection": true, "Content-Length": true, "Keep-Alive": true,
	"Te": true, "Trailer": true, "Transfer-Encoding": true, "Upgrade": true,
}

// IsSecretHeader reports whether a header carries a credential: Authorization, cookies,
// API keys, tokens and secrets.
func IsSecretHeader(name string) bool {
	n := strings.ToLower(name)
	if n == "authorization" || n == "proxy-authorization" || n == "cookie" || n == "set-cookie" {
		return true
	}
	for _, w := range []string{"key", "token", "secret", "password", "signature"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// Headers copies h (canonical keys) without transport headers and with credentials
// redacted; an Authorization value keeps its scheme ("JWT [redacted]").
func Headers(h map[string][]string) map[string][]string {
	if len(h) == 0 {
		return nil
	}
	out := make(map[string][]string, len(h))
	for k, vs := range h {
		if skipHeaders[k] {
			continue
		}
		if !IsSecretHeader(k) {
			out[k] = vs
			continue
		}
		red := make([]string, len(vs))
		for i, v := range vs {
			red[i] = Redacted
			if scheme, _, ok := strings.Cut(strings.TrimSpace(v), " "); ok && k == "Authorization" {
				red[i] = scheme + " " + Redacted
			}
		}
		out[k] = red
	}
	return out
}

// Values copies a decoded JSON value with the values of credential-like keys (password,
// token, secret, key, signature: as IsSecretHeader names them) redacted, at any depth,
// so that a sign-in's password or refresh token never leaves the journal.
func Values(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			if IsSecretHeader(k) && val != nil {
				out[k] = Redacted
				continue
			}
			out[k] = Values(val)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = Values(val)
		}
		return out
	}
	return v
}
