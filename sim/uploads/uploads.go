// Package uploads signs and checks the presigned requests of the simulated file
// storage: the S3-style POST policy a client uploads a file with (as Kraken's
// createAccountFileAttachment hands out) and the signed URL it fetches the file from.
// It holds no files; the simulator keeps them with the session's state.
package uploads

import (
	"crypto/hmac"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Path is where the storage is served: a form is POSTed to it, a file fetched from
// Path + key.
const Path = "/uploads/"

// MaxFileBytes is the largest file a policy lets a client upload.
const MaxFileBytes = 5 << 20

// PostTTL is how long an upload policy is valid, as boto3's presigned POST default;
// FetchTTL how long a fetch URL is.
const (
	PostTTL  = time.Hour
	FetchTTL = time.Hour
)

// Bucket is the simulated storage's bucket name, as the policy names it.
const Bucket = "krakensim"

// SessionField is the form field (and policy condition) naming the session whose
// state the file belongs to.
const SessionField = "x-amz-meta-krakensim-session"

// Signer signs and checks the storage's requests with one secret.
type Signer struct {
	secret []byte
	fetch  *QuerySigner
}

// NewSigner returns a Signer using a key derived from secret.
func NewSigner(secret []byte) *Signer {
	return &Signer{secret: derive(secret, "uploads"), fetch: NewQuerySigner(secret, Path, "uploads", "the fetchUrl an attachment gives")}
}

// Post is what a client uploads one file with: the URL to POST a multipart form to,
// the fields to send before the file (the file goes last, in a field named "file"),
// and the key the file is stored under.
type Post struct {
	URL    string
	Fields map[string]string
	Key    string
}

// policy is the POST policy document, as S3 reads one.
type policy struct {
	Expiration string `json:"expiration"`
	Conditions []any  `json:"conditions"`
}

// Post signs an upload of key into session's state, valid from now for PostTTL, to the
// storage served at origin (scheme and host, "http://127.0.0.1:8080").
func (s *Signer) Post(origin, session, key string, now time.Time) Post {
	date := now.UTC().Format("20060102T150405Z")
	credential := "KRAKENSIM/" + date[:8] + "/local/s3/aws4_request"
	doc, _ := json.Marshal(policy{
		Expiration: now.Add(PostTTL).UTC().Format("2006-01-02T15:04:05.000Z"),
		Conditions: []any{
			map[string]string{"bucket": Bucket}, map[string]string{"key": key},
			map[string]string{SessionField: session},
			map[string]string{"x-amz-algorithm": "AWS4-HMAC-SHA256"}, map[string]string{"x-amz-credential": credential},
			map[string]string{"x-amz-date": date}, []any{"content-length-range", 1, MaxFileBytes},
		},
	})
	p := base64.StdEncoding.EncodeToString(doc)
	return Post{
		URL: origin + Path,
		Fields: map[string]string{
			"key": key, SessionField: session, "x-amz-algorithm": "AWS4-HMAC-SHA256",
			"x-amz-credential": credential, "x-amz-date": date, "policy": p, "x-amz-signature": mac(s.secret, "post", p),
		},
		Key: key,
	}
}

// Upload is what a checked POST policy allows: a file of at most MaxBytes under Key in
// Session's state, until Expires (on the session's clock).
type Upload struct {
	Session, Key string
	Expires      time.Time
	MaxBytes     int
}

// Error is a refusal of the storage, as S3 words one: an HTTP status, a code and a
// message.
type Error struct {
	Status        int
	Code, Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// XML is the error as S3's error document.
func (e *Error) XML() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><Code>")
	xmlText(&b, e.Code)
	b.WriteString("</Code><Message>")
	xmlText(&b, e.Message)
	b.WriteString("</Message></Error>\n")
	return []byte(b.String())
}

func xmlText(b *strings.Builder, s string) {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	b.WriteString(r.Replace(s))
}

func denied(msg string) *Error { return &Error{Status: 403, Code: "AccessDenied", Message: msg} }

// Check reads the fields of a POSTed form against their signed policy: the upload it
// allows, or an *Error naming what is wrong.
func (s *Signer) Check(fields map[string]string) (Upload, error) {
	p, sig := fields["policy"], fields["x-amz-signature"]
	if p == "" || sig == "" {
		return Upload{}, &Error{Status: 400, Code: "InvalidArgument", Message: "Bucket POST must contain the fields policy and x-amz-signature, as createAccountFileAttachment's postRequest.fields give them."}
	}
	if !hmac.Equal([]byte(sig), []byte(mac(s.secret, "post", p))) {
		return Upload{}, &Error{Status: 403, Code: "SignatureDoesNotMatch", Message: "The request signature we calculated does not match the signature you provided; send the policy and x-amz-signature fields unchanged."}
	}
	doc, err := base64.StdEncoding.DecodeString(p)
	var pol policy
	if err == nil {
		err = json.Unmarshal(doc, &pol)
	}
	if err != nil {
		return Upload{}, denied("Invalid Policy: the policy field is not a base64 JSON document.")
	}
	up := Upload{MaxBytes: MaxFileBytes}
	if up.Expires, err = time.Parse("2006-01-02T15:04:05.000Z", pol.Expiration); err != nil {
		return Upload{}, denied("Invalid Policy: Invalid 'expiration' value.")
	}
	for _, c := range pol.Conditions {
		cond, ok := c.(map[string]any)
		if !ok {
			continue
		}
		for name, want := range cond {
			w, _ := want.(string)
			if name == "bucket" {
				continue
			}
			if got := fields[name]; got != w {
				return Upload{}, denied(fmt.Sprintf("Invalid according to Policy: Policy Condition failed: [\"eq\", \"$%s\", %q]", name, w))
			}
			switch name {
			case "key":
				up.Key = w
			case SessionField:
				up.Session = w
			}
		}
	}
	if up.Key == "" || up.Session == "" {
		return Upload{}, denied("Invalid Policy: the policy names no key or session.")
	}
	return up, nil
}

// FetchURL is the signed URL, at origin, that fetches key from session's state until
// expires.
func (s *Signer) FetchURL(origin, session, key string, expires time.Time) string {
	return s.fetch.URL(origin, session, escapeKey(key), expires)
}

// CheckFetch reads a fetch URL's query for key: the session it fetches from and when
// the URL expires (on the session's clock), or an *Error.
func (s *Signer) CheckFetch(key string, query url.Values) (session string, expires time.Time, err error) {
	return s.fetch.Check(escapeKey(key), query)
}

// ObjectURL is the unsigned URL, at origin, of the file under key: where an upload's
// Location says it went.
func ObjectURL(origin, key string) string { return origin + Path + escapeKey(key) }

// escapeKey escapes each segment of a key for a URL path.
func escapeKey(key string) string {
	parts := strings.Split(key, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// Expired is the refusal of a request past its expiry.
func Expired(what string) *Error {
	return denied("Request has expired: the " + what + " was valid for an hour of the session's clock; ask for a new one.")
}

// NoSuchKey is the refusal of a key the session holds no file under.
func NoSuchKey(key string) *Error {
	return &Error{Status: 404, Code: "NoSuchKey", Message: "The specified key does not exist in this session: " + key + "."}
}
