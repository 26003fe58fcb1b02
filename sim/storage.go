package sim

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/uploads"
)

// StoreUpload keeps a file POSTed to the storage with a signed form's fields on the
// attachment stored under the form's key, in the state of the session the form names,
// and journals the request there (its fields, and the file's size and type, as its
// body): nil, or the *uploads.Error refusing it.
func (s *Simulator) StoreUpload(ctx context.Context, header map[string][]string, fields map[string]string, content []byte, contentType string) error {
	up, err := s.uploads.Check(fields)
	if err != nil {
		return err
	}
	sess, err := s.storageSession(ctx, up.Session, up.Key)
	if err != nil {
		return err
	}
	defer s.release(sess)
	if tr := TraceFrom(ctx); tr != nil {
		tr.inSession(sess, header, uploadBody(fields, len(content), contentType))
	}
	switch {
	case len(content) == 0:
		return &uploads.Error{Status: 400, Code: "InvalidArgument", Message: "POST requires exactly one non-empty file, in the form's last field, named file."}
	case len(content) > up.MaxBytes:
		return &uploads.Error{Status: 400, Code: "EntityTooLarge", Message: "Your proposed upload exceeds the maximum allowed size of 5 MiB."}
	case !sess.Now().Before(up.Expires):
		return uploads.Expired("upload policy")
	}
	a, i := sess.world.FileAttachment(up.Key)
	if a == nil {
		return uploads.NoSuchKey(up.Key)
	}
	if room := s.sessions.maxBytes - sess.size.Load() + int64(a.FileAttachments[i].Size); int64(len(content)) >= room {
		return &uploads.Error{Status: 400, Code: "EntityTooLarge", Message: (&SessionFullError{Session: sess.ID, Bytes: sess.size.Load() + int64(len(content)), Limit: s.sessions.maxBytes}).Error()}
	}
	f := &sess.world.MutableAccount(a.Number).FileAttachments[i]
	f.Content, f.Size, f.ContentType = append([]byte(nil), content...), len(content), contentType
	f.Uploaded, f.Ready = true, false // what was uploaded again is processed again
	return nil
}

// storageSession locks the live session id for a storage request about key: a session
// that is gone holds no file (NoSuchKey), a busy one asks the client to slow down.
func (s *Simulator) storageSession(ctx context.Context, id, key string) (*Session, error) {
	if _, err := s.existing(id); err != nil {
		return nil, uploads.NoSuchKey(key)
	}
	sess, err := s.acquire(ctx, id)
	if err != nil {
		return nil, &uploads.Error{Status: 503, Code: "SlowDown", Message: err.Error()}
	}
	return sess, nil
}

// uploadBody is what the journal keeps of an upload: the form's fields but its policy
// and signature, and the file's size and type rather than its content.
func uploadBody(fields map[string]string, size int, contentType string) []byte {
	kept := map[string]any{"file": map[string]any{"size": size, "contentType": contentType}}
	for k, v := range fields {
		if k != "policy" && k != "x-amz-signature" {
			kept[k] = v
		}
	}
	b, _ := json.Marshal(kept)
	return b
}

// inSession records the trace's request in sess, which a request outside the GraphQL
// and REST paths (an upload) names in its own way, with header and body when given.
func (t *Trace) inSession(sess *Session, header map[string][]string, body []byte) {
	t.sess = sess
	e := &t.Entry
	e.Endpoint, e.Virtual = journal.EndpointREST, sess.clock.Now()
	if header != nil {
		e.SetRequest(header, body)
	}
}

// FetchUpload answers a signed fetch URL for key: the file's content, type and name
// from the state of the session the URL names, or the *uploads.Error refusing it.
func (s *Simulator) FetchUpload(ctx context.Context, key string, query url.Values) (content []byte, contentType, filename string, err error) {
	session, expires, err := s.uploads.CheckFetch(key, query)
	if err != nil {
		return nil, "", "", err
	}
	sess, err := s.storageSession(ctx, session, key)
	if err != nil {
		return nil, "", "", err
	}
	defer s.release(sess)
	if tr := TraceFrom(ctx); tr != nil {
		tr.inSession(sess, nil, nil)
	}
	if sess.Now().After(expires) {
		return nil, "", "", uploads.Expired("fetch URL")
	}
	a, i := sess.world.FileAttachment(key)
	if a == nil || !a.FileAttachments[i].Uploaded || a.FileAttachments[i].Content == nil {
		return nil, "", "", uploads.NoSuchKey(key)
	}
	f := a.FileAttachments[i]
	return f.Content, f.ContentType, f.Filename, nil
}
