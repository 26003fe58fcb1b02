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

// FetchDocument answers a document's signed URL, key being its path after
// documents.Path as the URL escapes it: the PDF made from the state of the session the
// URL names, its file name, or the *uploads.Error refusing it.
func (s *Simulator) FetchDocument(ctx context.Context, key string, query url.Values) (content []byte, filename string, err error) {
	account, id, ok := docs.ParseStatementKey(key)
	if !ok {
		return nil, "", docs.NoSuchKey(key)
	}
	key = docs.StatementKey(account, id) // what was signed, however the client escaped it
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
	var st *docs.Statement
	if s.statementDoc != nil {
		st, ok = s.statementDoc(sess, account, id)
	}
	if st == nil || !ok {
		return nil, "", docs.NoSuchKey(key)
	}
	content, err = docs.Render(st)
	return content, st.Filename, err
}
