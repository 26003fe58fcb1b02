package uploads

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"time"
)

// QuerySigner signs and checks the query of a URL that serves one key of a session's
// state until it expires (the storage's fetchUrl, a document's temporaryUrl), refusing
// any other as S3 refuses a presigned URL.
type QuerySigner struct {
	secret []byte
	// path is where the URLs are served; hint names the URL a refusal sends the client
	// back to ("the fetchUrl an attachment gives").
	path, hint string
}

// NewQuerySigner returns a QuerySigner of URLs under path, its key derived from secret
// for purpose ("uploads", "documents"), so that no other purpose's URL passes.
func NewQuerySigner(secret []byte, path, purpose, hint string) *QuerySigner {
	return &QuerySigner{secret: derive(secret, purpose), path: path, hint: hint}
}

// derive is the key of purpose from secret.
func derive(secret []byte, purpose string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("krakensim " + purpose))
	return m.Sum(nil)
}

// mac signs parts with key.
func mac(key []byte, parts ...string) string {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		m.Write([]byte(strconv.Quote(p))) // quoted, so that no two lists of parts sign alike
	}
	return hex.EncodeToString(m.Sum(nil))
}

// URL is the signed URL, at origin ("http://127.0.0.1:8080"), of key (as the URL's path
// gives it, escaped) in session's state, valid until expires on the session's clock.
func (s *QuerySigner) URL(origin, session, key string, expires time.Time) string {
	exp := strconv.FormatInt(expires.Unix(), 10)
	q := url.Values{"session": {session}, "expires": {exp}, "signature": {mac(s.secret, s.path, session, key, exp)}}
	return origin + s.path + key + "?" + q.Encode()
}

// Check reads a URL's query for key (escaped, as URL signed it): the session it serves
// from and when it expires (on that session's clock), or the *Error refusing it.
func (s *QuerySigner) Check(key string, query url.Values) (session string, expires time.Time, err error) {
	session, exp, sig := query.Get("session"), query.Get("expires"), query.Get("signature")
	if session == "" || exp == "" || sig == "" {
		return "", time.Time{}, denied("Query-string authentication requires the session, expires and signature parameters; use " + s.hint + ".")
	}
	if !hmac.Equal([]byte(sig), []byte(mac(s.secret, s.path, session, key, exp))) {
		return "", time.Time{}, &Error{Status: 403, Code: "SignatureDoesNotMatch", Message: "The request signature we calculated does not match the signature you provided; use " + s.hint + " unchanged."}
	}
	n, err := strconv.ParseInt(exp, 10, 64)
	if err != nil {
		return "", time.Time{}, denied("The expires parameter is not a Unix time.")
	}
	return session, time.Unix(n, 0), nil
}
