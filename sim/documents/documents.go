// Package documents signs, checks and renders the documents Kraken makes of an
// account's state and hands out temporary URLs to: a statement's PDF (StatementType's
// temporaryUrl and attachments). It holds no files; each document is made from the
// session's state when its URL is fetched.
package documents

import (
	"net/url"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim/uploads"
)

// Path is where documents are served: a statement's at Path + StatementKey.
const Path = "/documents/"

// TTL is how long a document's URL is valid, as Kraken's temporaryUrl ("approximately
// an hour").
const TTL = time.Hour

// maxKey bounds the key a URL may name; a longer one names no statement.
const maxKey = 512

// NewSigner returns the signer of documents' URLs, its key derived from secret apart
// from the uploads'.
func NewSigner(secret []byte) *uploads.QuerySigner {
	return uploads.NewQuerySigner(secret, Path, "documents", "the temporaryUrl a statement gives")
}

func denied(msg string) *uploads.Error {
	return &uploads.Error{Status: 403, Code: "AccessDenied", Message: msg}
}

// StatementKey is where the PDF of an account's statement is served, under Path:
// statements/{account number}/{statement id}.pdf, each escaped for a URL's path.
func StatementKey(account, id string) string {
	return "statements/" + url.PathEscape(account) + "/" + url.PathEscape(id) + ".pdf"
}

// ParseStatementKey reads the account number and statement id from a key as a URL's
// path gives it (escaped, after Path); false when it names no statement's PDF.
func ParseStatementKey(key string) (account, id string, ok bool) {
	if len(key) > maxKey {
		return "", "", false
	}
	rest, found := strings.CutPrefix(key, "statements/")
	if !found {
		return "", "", false
	}
	acc, file, found := strings.Cut(rest, "/")
	file, isPDF := strings.CutSuffix(file, ".pdf")
	if !found || !isPDF || strings.Contains(file, "/") {
		return "", "", false
	}
	account, err := url.PathUnescape(acc)
	if err != nil {
		return "", "", false
	}
	if id, err = url.PathUnescape(file); err != nil || account == "" || id == "" {
		return "", "", false
	}
	return account, id, true
}

// Expired is the refusal of a document's URL past its expiry.
func Expired() *uploads.Error {
	return denied("Request has expired: a statement's temporaryUrl is valid for an hour of the session's clock; query the statement again for a new one.")
}

// NoSuchKey is the refusal of a document the session's state does not have.
func NoSuchKey(key string) *uploads.Error {
	if len(key) > maxKey {
		key = key[:maxKey] + "..."
	}
	return &uploads.Error{Status: 404, Code: "NoSuchKey", Message: "The specified key does not exist in this session: " + key + " (no statement of that id that has a document, on an account the session holds)."}
}
