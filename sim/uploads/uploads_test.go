package uploads

import (
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

var at = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)

// TestPostIsChecked: the fields a signed upload hands out pass as they are and name the
// session and key; any change to them, or another secret, is refused with S3's code.
func TestPostIsChecked(t *testing.T) {
	s := NewSigner([]byte("secret"))
	p := s.Post("http://127.0.0.1:8080", "my-test", "account-file-attachments/A-1/1/mcs cert.pdf", at)
	if p.URL != "http://127.0.0.1:8080/uploads/" || p.Key != "account-file-attachments/A-1/1/mcs cert.pdf" || p.Fields["key"] != p.Key {
		t.Errorf("post: %+v", p)
	}
	up, err := s.Check(p.Fields)
	if err != nil || up.Session != "my-test" || up.Key != p.Key || !up.Expires.Equal(at.Add(PostTTL)) || up.MaxBytes != MaxFileBytes {
		t.Errorf("the fields as given: %+v, %v", up, err)
	}
	for _, tc := range []struct {
		name string
		edit func(map[string]string)
		code string
	}{
		{"another key", func(f map[string]string) { f["key"] = "account-file-attachments/A-2/1/x.pdf" }, "AccessDenied"},
		{"another session", func(f map[string]string) { f[SessionField] = "other" }, "AccessDenied"},
		{"another policy", func(f map[string]string) {
			f["policy"] = base64.StdEncoding.EncodeToString([]byte(`{"expiration":"2099-01-01T00:00:00.000Z","conditions":[]}`))
		}, "SignatureDoesNotMatch"},
		{"no signature", func(f map[string]string) { delete(f, "x-amz-signature") }, "InvalidArgument"},
		{"no policy", func(f map[string]string) { delete(f, "policy") }, "InvalidArgument"},
		{"another date", func(f map[string]string) { f["x-amz-date"] = "20300101T000000Z" }, "AccessDenied"},
	} {
		f := map[string]string{}
		for k, v := range p.Fields {
			f[k] = v
		}
		tc.edit(f)
		_, err := s.Check(f)
		if e, ok := errors.AsType[*Error](err); !ok || e.Code != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}
	if _, err := NewSigner([]byte("another")).Check(p.Fields); err == nil {
		t.Error("another secret accepted the fields")
	}
}

// TestFetchURLIsChecked: a fetch URL names its session and expiry, escapes its key's
// segments, and fails for another key or a changed signature.
func TestFetchURLIsChecked(t *testing.T) {
	s := NewSigner([]byte("secret"))
	key := "account-file-attachments/A-1/1/mcs cert?.pdf"
	u, err := url.Parse(s.FetchURL("http://h:1", "my-test", key, at))
	if err != nil || u.EscapedPath() != "/uploads/account-file-attachments/A-1/1/mcs%20cert%3F.pdf" {
		t.Fatalf("fetch URL %v (%v)", u, err)
	}
	session, expires, err := s.CheckFetch(key, u.Query())
	if err != nil || session != "my-test" || !expires.Equal(at) {
		t.Errorf("checked: %q %v %v", session, expires, err)
	}
	if _, _, err := s.CheckFetch("account-file-attachments/A-1/1/other.pdf", u.Query()); err == nil {
		t.Error("another key passed")
	}
	q := u.Query()
	q.Set("expires", "9999999999")
	if _, _, err := s.CheckFetch(key, q); err == nil {
		t.Error("a later expiry passed")
	}
	if _, _, err := s.CheckFetch(key, url.Values{}); err == nil {
		t.Error("no query passed")
	}
}

// TestErrorXML: an error is S3's document, its text escaped.
func TestErrorXML(t *testing.T) {
	got := string((&Error{Status: 403, Code: "AccessDenied", Message: `a <b> & "c"`}).XML())
	want := "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>a &lt;b&gt; &amp; &quot;c&quot;</Message></Error>\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzCheck feeds the checker forms as a client may post them: it never panics, and
// passes only a form whose policy it signed.
func FuzzCheck(f *testing.F) {
	s := NewSigner([]byte("secret"))
	p := s.Post("http://h", "sess", "k/1/a.pdf", at)
	f.Add(p.Fields["policy"], p.Fields["x-amz-signature"], p.Fields["key"], "sess")
	f.Add("e30=", "00", "", "")
	f.Add("!!!", "", "k", "s")
	f.Fuzz(func(t *testing.T, policy, sig, key, session string) {
		fields := map[string]string{"policy": policy, "x-amz-signature": sig, "key": key, SessionField: session}
		for _, k := range []string{"x-amz-algorithm", "x-amz-credential", "x-amz-date"} {
			fields[k] = p.Fields[k]
		}
		up, err := s.Check(fields)
		if err == nil && (policy != p.Fields["policy"] || up.Key != key || up.Session != session) {
			t.Errorf("passed a form it did not sign: %+v", fields)
		}
		if err != nil {
			if e, ok := errors.AsType[*Error](err); !ok || e.Status < 400 || e.Status > 499 || !strings.HasSuffix(string(e.XML()), "</Error>\n") {
				t.Errorf("refusal %v", err)
			}
		}
	})
}

// TestQuerySignersDiffer: a URL signed for one purpose is refused by a signer of the same
// secret for another, even for the same key and path.
func TestQuerySignersDiffer(t *testing.T) {
	a := NewQuerySigner([]byte("secret"), "/x/", "a", "the URL")
	for name, b := range map[string]*QuerySigner{
		"another purpose": NewQuerySigner([]byte("secret"), "/x/", "b", "the URL"),
		"another path":    NewQuerySigner([]byte("secret"), "/y/", "a", "the URL"),
	} {
		u, _ := url.Parse(a.URL("http://h", "s", "k", at))
		if _, _, err := a.Check("k", u.Query()); err != nil {
			t.Fatalf("%s: its own URL refused: %v", name, err)
		}
		if _, _, err := b.Check("k", u.Query()); err == nil {
			t.Errorf("%s: passed", name)
		}
	}
}
