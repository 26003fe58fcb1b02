package server_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/fuzzcost"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/server"
)

// FuzzUploads sends any form, content type and query to the file storage (POST
// /uploads/, GET /uploads/{key}), seeded with a form signed for a file of the demo account:
// no input gets a 5xx or takes more than a second or 100 MB, and every refusal is S3's
// XML error document.
func FuzzUploads(f *testing.F) {
	cfg, err := platform.Default()
	if err != nil {
		f.Fatal(err)
	}
	cfg.MaxSessions = 32
	cfg.RequestTimeout = 500 * time.Millisecond
	const key = "account-file-attachments/A-C90DC431/1/a.pdf"
	a := cfg.World.Account("A-C90DC431")
	a.FileAttachments = append(a.FileAttachments, sim.FileAttachment{ID: "1", Filename: "a.pdf", Category: "FILE_ATTACHMENT_DNO_LETTER", Key: key})
	s, err := sim.New(cfg)
	if err != nil {
		f.Fatal(err)
	}
	h := server.New(server.Config{Sim: s, MaxBodyBytes: 64 << 10})
	sess, err := s.Session("fuzz")
	if err != nil {
		f.Fatal(err)
	}
	fields := sess.UploadPost(key).Fields
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", "a.pdf")
	fw.Write([]byte("%PDF-1.7 letter"))
	mw.Close()
	f.Add("POST", "", mw.FormDataContentType(), body.Bytes())
	f.Add("POST", "", "multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data; name=\"policy\"\r\n\r\ne30=\r\n--x--\r\n"))
	f.Add("POST", "", "multipart/form-data", []byte("--"))
	f.Add("GET", "a/b.pdf?session=fuzz&expires=1&signature=00", "", []byte(nil))
	f.Add("HEAD", "%zz", "", []byte(nil))
	f.Fuzz(func(t *testing.T, method, rest, ctype string, b []byte) {
		if method != "POST" && method != "GET" && method != "HEAD" || strings.ContainsAny(rest+ctype, " \r\n\x00#") {
			return // not a request a client can send
		}
		target := "/uploads/" + rest
		r := httptest.NewRequest("GET", "/", nil)
		r.Method, r.RequestURI = method, target
		if err := parseTarget(r, target); err != nil {
			return
		}
		r.Body = nopCloser{bytes.NewReader(b)}
		r.ContentLength = int64(len(b))
		if ctype != "" {
			r.Header.Set("Content-Type", ctype)
		}
		w := httptest.NewRecorder()
		fuzzcost.Check(t, method+" "+target, func() { h.ServeHTTP(w, r) })
		if w.Code >= 500 {
			t.Fatalf("%s %s: status %d: %s", method, target, w.Code, w.Body)
		}
		if w.Code >= 400 && w.Code != 405 && !strings.Contains(w.Body.String(), "</Error>") {
			t.Fatalf("%s %s: a refusal that is not S3's: %d %q", method, target, w.Code, w.Body)
		}
	})
}

// parseTarget sets r's URL to target, as a server reads a request line.
func parseTarget(r *http.Request, target string) error {
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return err
	}
	r.URL = u
	return nil
}
