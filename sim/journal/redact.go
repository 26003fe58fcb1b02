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

// Text copies a document or body as sent (a refused request's, which was never
// decoded) with the string after each key a credential's name redacted: password:
// "…" in GraphQL, "password": "…" in JSON, and \"password\": \"…\" in a document
// inside a JSON string.
func Text(s string) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); {
		if !identStart(s[i]) || i > 0 && identChar(s[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(s) && identChar(s[j]) {
			j++
		}
		name := s[i:j]
		i = j
		if !IsSecretHeader(name) {
			continue
		}
		j = skipAny(s, j, `\"`)
		j = skipAny(s, j, " \t\r\n")
		if j >= len(s) || s[j] != ':' {
			continue
		}
		j = skipAny(s, j+1, " \t\r\n")
		open := ""
		switch {
		case strings.HasPrefix(s[j:], `\"`):
			open = `\"`
		case strings.HasPrefix(s[j:], `"`):
			open = `"`
		default:
			continue
		}
		start := j + len(open)
		end := closingQuote(s, start, open)
		if end < 0 {
			end = len(s)
		}
		b.WriteString(s[done:start])
		b.WriteString(Redacted)
		done, i = end, end
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

func identStart(c byte) bool { return c == '_' || c|0x20 >= 'a' && c|0x20 <= 'z' }

func identChar(c byte) bool { return identStart(c) || c >= '0' && c <= '9' }

// skipAny is the first index from i of a byte not in set.
func skipAny(s string, i int, set string) int {
	for i < len(s) && strings.IndexByte(set, s[i]) >= 0 {
		i++
	}
	return i
}

// closingQuote is the index of the quote (open: `"` or `\"`) that ends the string
// starting at i, or -1.
func closingQuote(s string, i int, open string) int {
	for i < len(s) {
		if strings.HasPrefix(s[i:], open) {
			return i
		}
		if s[i] == '\\' {
			if open == `\"` && strings.HasPrefix(s[i:], `\\\"`) {
				i += 4 // a quote escaped inside the escaped string
				continue
			}
			if open == `\"` && strings.HasPrefix(s[i:], `\\`) {
				i += 2 // an escaped backslash inside the escaped string
				continue
			}
			if open == `"` {
				i += 2
				continue
			}
		}
		i++
	}
	return -1
}
