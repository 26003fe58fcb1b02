package sim

import (
	"context"
	"errors"
	"net/url"

	docs "github.com/krakensim/krakensim/sim/documents"
	"github.com/krakensim/krakensim/sim/uploads"
)

// StatementDocumentFinder finds what the PDF of the statement id of account shows in the
// session's state; false when the session's world has no such account, or no such
// statement with a document.
type StatementDocumentFinder func(s *Session, account, id string) (*docs.Statement, bool)

// AnnualStatementDocumentFinder finds what the PDF of the annual statement id of account
// shows in the session's state; false when the session's world has no such account, or
// the account no such annual statement.
type AnnualStatementDocumentFinder func(s *Session, account, id string) (*docs.AnnualStatement, bool)

// TermsDocumentFinder finds what the PDF of a version of a product's terms and
// conditions shows in the session's catalogue; false when it knows no such product, or
// the product's terms are of another version.
type TermsDocumentFinder func(s *Session, product, version string) (*docs.Terms, bool)

// FetchDocument answers a document's URL, key being its path after documents.Path as
// the URL escapes it: the PDF made from the state of the session its signature names (a
// public document's URL is not signed: the session named by the request's
// X-Krakensim-Session header, public, the default when "", as the public REST API's),
// its file name, or the *uploads.Error refusing it.
func (s *Simulator) FetchDocument(ctx context.Context, key string, query url.Values, public string) (content []byte, filename string, err error) {
	k, ok := docs.ParseKey(key)
	if !ok {
		return nil, "", docs.NoSuchKey(key)
	}
	key = k.String() // what was signed, however the client escaped it
	var sess *Session
	if k.Kind.Public() {
		if sess, err = s.publicSession(ctx, public, key); err != nil {
			return nil, "", err
		}
	} else {
		session, expires, err := s.documents.Check(key, query)
		if err != nil {
			return nil, "", err
		}
		if sess, err = s.storageSession(ctx, session, key); err != nil {
			return nil, "", err
		}
		if sess.Now().After(expires) {
			s.release(sess)
			return nil, "", docs.Expired()
		}
	}
	defer s.release(sess)
	if tr := TraceFrom(ctx); tr != nil {
		tr.inSession(sess, nil, nil)
	}
	content, filename, ok, err = s.renderDocument(sess, k)
	if !ok {
		return nil, "", docs.NoSuchKey(key)
	}
	return content, filename, err
}

// publicSession is the session a public document is made in, locked: id's, the default
// when "", started afresh if it is not held, as a REST request's is.
func (s *Simulator) publicSession(ctx context.Context, id, key string) (*Session, error) {
	sess, err := s.acquire(ctx, id)
	var busy *SessionBusyError
	switch {
	case errors.As(err, &busy):
		return nil, &uploads.Error{Status: 503, Code: "SlowDown", Message: err.Error()}
	case err != nil:
		return nil, docs.NoSuchKey(key)
	}
	return sess, nil
}

// renderDocument is the PDF of the document k names in sess's state and its file name;
// false when the state has no such document.
func (s *Simulator) renderDocument(sess *Session, k docs.Key) (content []byte, filename string, ok bool, err error) {
	switch k.Kind {
	case docs.StatementPDF:
		if s.statementDoc == nil {
			return nil, "", false, nil
		}
		if st, ok := s.statementDoc(sess, k.Account, k.ID); ok && st != nil {
			content, err = docs.Render(st)
			return content, st.Filename, true, err
		}
	case docs.TermsPDF:
		if s.termsDoc == nil {
			return nil, "", false, nil
		}
		if t, ok := s.termsDoc(sess, k.ID, k.Version); ok && t != nil {
			content, err = docs.RenderTerms(t)
			return content, t.Filename, true, err
		}
	case docs.AnnualStatementPDF:
		if s.annualDoc == nil {
			return nil, "", false, nil
		}
		if st, ok := s.annualDoc(sess, k.Account, k.ID); ok && st != nil {
			content, err = docs.RenderAnnual(st)
			return content, st.Filename, true, err
		}
	}
	return nil, "", false, nil
}
