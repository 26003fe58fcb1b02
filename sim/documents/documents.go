// Package documents signs, checks and renders the documents Kraken makes of an
// account's state and hands out temporary URLs to: a statement's PDF (StatementType's
// temporaryUrl and attachments) and an annual statement's (AnnualStatementType's
// pdfUrl); and a product's terms and conditions (TermsAndConditionsType's pdfUrl),
// public and unsigned. It holds no files; each document is made from the session's
// state when its URL is fetched.
package documents

import (
	"net/url"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim/uploads"
)

// Path is where documents are served: each at Path + its Key.
const Path = "/documents/"

// TTL is how long a document's URL is valid, as Kraken's temporaryUrl ("approximately
// an hour").
const TTL = time.Hour

// maxKey bounds the key a URL may name; a longer one names no document.
const maxKey = 512

// NewSigner returns the signer of documents' URLs, its key derived from secret apart
// from the uploads'.
func NewSigner(secret []byte) *uploads.QuerySigner {
	return uploads.NewQuerySigner(secret, Path, "documents", "the temporaryUrl or pdfUrl a statement gives")
}

func denied(msg string) *uploads.Error {
	return &uploads.Error{Status: 403, Code: "AccessDenied", Message: msg}
}

// Kind is what a document is of: the first segment of its key.
type Kind string

// The kinds of document served: a statement's PDF (its temporaryUrl), an annual
// statement's (its pdfUrl) and a product's terms and conditions (their pdfUrl).
const (
	StatementPDF       Kind = "statements"
	AnnualStatementPDF Kind = "annual-statements"
	TermsPDF           Kind = "terms"
)

// Public reports whether a kind of document is served to anyone, its URL unsigned: a
// product's terms, which Kraken publishes.
func (k Kind) Public() bool { return k == TermsPDF }

// Key names a document: its kind, the account's number and the statement's (or annual
// statement's) id; a product's terms, no account, the product's code as ID and the
// terms' version.
type Key struct {
	Kind        Kind
	Account, ID string
	Version     string
}

// String is where the document is served, under Path: {kind}/{account number}/{id}.pdf,
// the number and id escaped for a URL's path; terms/{product code}-{version}.pdf.
func (k Key) String() string {
	if k.Kind == TermsPDF {
		return string(k.Kind) + "/" + url.PathEscape(k.ID+"-"+k.Version) + ".pdf"
	}
	return string(k.Kind) + "/" + url.PathEscape(k.Account) + "/" + url.PathEscape(k.ID) + ".pdf"
}

// StatementKey is where the PDF of an account's statement is served, under Path.
func StatementKey(account, id string) string {
	return Key{Kind: StatementPDF, Account: account, ID: id}.String()
}

// AnnualStatementKey is where the PDF of an account's annual statement is served, under
// Path.
func AnnualStatementKey(account, id string) string {
	return Key{Kind: AnnualStatementPDF, Account: account, ID: id}.String()
}

// TermsKey is where the PDF of a version of a product's terms is served, under Path.
func TermsKey(product, version string) string {
	return Key{Kind: TermsPDF, ID: product, Version: version}.String()
}

// ParseKey reads the document a key names as a URL's path gives it (escaped, after
// Path); false when it names none.
func ParseKey(key string) (Key, bool) {
	if len(key) > maxKey {
		return Key{}, false
	}
	kind, rest, _ := strings.Cut(key, "/")
	if Kind(kind) == TermsPDF {
		return parseTermsKey(rest)
	}
	if k := Kind(kind); k != StatementPDF && k != AnnualStatementPDF {
		return Key{}, false
	}
	acc, file, found := strings.Cut(rest, "/")
	file, isPDF := strings.CutSuffix(file, ".pdf")
	if !found || !isPDF || strings.Contains(file, "/") {
		return Key{}, false
	}
	account, err := url.PathUnescape(acc)
	if err != nil {
		return Key{}, false
	}
	id, err := url.PathUnescape(file)
	if err != nil || account == "" || id == "" {
		return Key{}, false
	}
	return Key{Kind: Kind(kind), Account: account, ID: id}, true
}

// parseTermsKey reads a terms document's file, {product code}-{version}.pdf escaped, the
// version after the last hyphen; false when it names none.
func parseTermsKey(file string) (Key, bool) {
	file, isPDF := strings.CutSuffix(file, ".pdf")
	if !isPDF || strings.Contains(file, "/") {
		return Key{}, false
	}
	name, err := url.PathUnescape(file)
	if err != nil {
		return Key{}, false
	}
	i := strings.LastIndexByte(name, '-')
	if i <= 0 || i == len(name)-1 {
		return Key{}, false
	}
	return Key{Kind: TermsPDF, ID: name[:i], Version: name[i+1:]}, true
}

// Expired is the refusal of a document's URL past its expiry.
func Expired() *uploads.Error {
	return denied("Request has expired: a statement's temporaryUrl (an annual statement's pdfUrl) is valid for an hour of the session's clock; query the statement again for a new one.")
}

// NoSuchKey is the refusal of a document the session's state does not have.
func NoSuchKey(key string) *uploads.Error {
	if len(key) > maxKey {
		key = key[:maxKey] + "..."
	}
	return &uploads.Error{Status: 404, Code: "NoSuchKey", Message: "The specified key does not exist in this session: " + key + " (no statement or annual statement of that id that has a document, on an account the session holds, and no product whose terms are of that version)."}
}
