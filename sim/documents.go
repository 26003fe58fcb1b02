package sim

import (
	"context"
	"net/url"

	docs "github.com/krakensim/krakensim/sim/documents"
)

// StatementDocumentFinder finds what the PDF of the statement id of account shows in the
// session's state; false when the session's world has no such account, or no such
// statement with a document.
type StatementDocumentFinder func(s *Session, account, id string) (*docs.Statement, bool)

// AnnualStatementDocumentFinder finds what the PDF of the annual statement id of account
// shows in the session's state; false when the session's world has no such account, or
// the account no such annual statement.
type AnnualStatementDocumentFinder func(s *Session, account, id string) (*docs.AnnualStatement, bool)

// FetchDocument answers a document's signed URL, key being its path after
// documents.Path as the URL escapes it: the PDF made from the state of the session the
// URL names, its file name, or the *uploads.Error refusing it.
func (s *Simulator) FetchDocument(ctx context.Context, key string, query url.Values) (content []byte, filename string, err error) {
	k, ok := docs.ParseKey(key)
	if !ok {
		return nil, "", docs.NoSuchKey(key)
	}
	key = k.String() // what was signed, however the client escaped it
	session, expires, err := s.documents.Check(key, query)
	if err != nil {
		return nil, "", err
	}
	sess, err := s.storageSession(ctx, session, key)
	if err != nil {
		return nil, "", err
	}
	defer s.release(sess)
	if tr := TraceFrom(ctx); tr != nil {
		tr.inSession(sess, nil, nil)
	}
	if sess.Now().After(expires) {
		return nil, "", docs.Expired()
	}
	content, filename, ok, err = s.renderDocument(sess, k)
	if !ok {
		return nil, "", docs.NoSuchKey(key)
	}
	return content, filename, err
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
