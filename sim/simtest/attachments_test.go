package simtest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/simtest"
)

const createAttachment = `mutation($name: String!) { createAccountFileAttachment(input: {accountNumber: "A-C90DC431", filename: $name,
	category: FILE_ATTACHMENT_MCS_CERT}) { postRequest { url fields key } } }`

// attachmentForm is a file's upload form, as a browser builds one from a postRequest:
// its fields, edited by edits (a nil value drops one), then the file.
func attachmentForm(t *testing.T, fields map[string]string, edits map[string]*string, file []byte) (*bytes.Buffer, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		if e, ok := edits[k]; ok {
			if e == nil {
				continue
			}
			v = *e
		}
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if file != nil {
		w, err := mw.CreateFormFile("file", "mcs.pdf")
		if err != nil {
			t.Fatal(err)
		}
		w.Write(file)
	}
	mw.Close()
	return &body, mw.FormDataContentType()
}

func post(t *testing.T, url, contentType string, body io.Reader) (int, string) {
	t.Helper()
	resp, err := http.Post(url, contentType, body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// TestOctopusFileAttachmentUpload runs Octopus's file upload as a browser does: the
// account lists no files until createAccountFileAttachment names one and hands out a
// presigned form; the form POSTed to krakensim's storage with the file keeps it in the
// session (not uploaded, not ready before), triggerPostUploadOperations makes it ready,
// and its fetchUrl answers the same bytes. A changed field, a file too big, no file or
// an expired form are refused as S3 refuses them, and a key the viewer has not
// uploaded cannot be triggered. The session's journal holds each upload whose form it
// could read, its fields and the file's size, and verification counts them.
func TestOctopusFileAttachmentUpload(t *testing.T) {
	srv, c := tenant(t, "octopus-schema.graphql")
	q := mustQuery(t, c)
	list := func() []any {
		return simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { fileAttachments { filename category isUploaded isReady fetchUrl sizeInBytes }
			paginatedFileAttachments(first: 10) { totalCount } } }`, nil), "account", "fileAttachments").([]any)
	}
	if got := list(); len(got) != 0 {
		t.Fatalf("before any upload: %v", got)
	}
	pr := simtest.Get(q(createAttachment, map[string]any{"name": "../MCS certificate.pdf"}), "createAccountFileAttachment", "postRequest").(map[string]any)
	var fields map[string]string
	if err := json.Unmarshal([]byte(pr["fields"].(string)), &fields); err != nil {
		t.Fatalf("fields %v: %v", pr["fields"], err)
	}
	if pr["url"] != srv.URL+"/uploads/" || fields["key"] != pr["key"] || !strings.HasSuffix(pr["key"].(string), "/MCS certificate.pdf") {
		t.Errorf("postRequest %v", pr)
	}
	if got := fmt.Sprint(list()); got != "[map[category:FILE_ATTACHMENT_MCS_CERT fetchUrl:<nil> filename:MCS certificate.pdf isReady:false isUploaded:false sizeInBytes:<nil>]]" {
		t.Errorf("named, not uploaded: %s", got)
	}
	if out := c.Query(`mutation($k: String!) { triggerPostUploadOperations(s3Key: $k) { operationsTriggered } }`, map[string]any{"k": pr["key"]}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-8710" {
		t.Errorf("triggering before the upload: %+v", out.Errors)
	}

	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("certificate "), 1000)...)
	other := "account-file-attachments/A-7B3E9D12/1/x.pdf"
	for _, tc := range []struct {
		name  string
		edits map[string]*string
		file  []byte
		want  string
	}{
		{"another key", map[string]*string{"key": &other}, pdf, "403 AccessDenied"},
		{"no signature", map[string]*string{"x-amz-signature": nil}, pdf, "400 InvalidArgument"},
		{"no file", nil, nil, "400 InvalidArgument"},
		{"a file over 5 MiB", nil, make([]byte, 5<<20+1), "400 EntityTooLarge"},
	} {
		body, ct := attachmentForm(t, fields, tc.edits, tc.file)
		status, b := post(t, pr["url"].(string), ct, body)
		if got := fmt.Sprint(status, " ", between(b, "<Code>", "</Code>")); got != tc.want {
			t.Errorf("%s: %s (%s), want %s", tc.name, got, b, tc.want)
		}
	}
	if status, b := post(t, pr["url"].(string), "application/json", strings.NewReader(`{}`)); status != 412 {
		t.Errorf("a JSON body: %d %s", status, b)
	}
	body, ct := attachmentForm(t, fields, nil, pdf)
	if status, b := post(t, pr["url"].(string), ct, body); status != http.StatusNoContent {
		t.Fatalf("the upload: %d %s", status, b)
	}
	var journaled []string // the session's journal holds the uploads, their fields and the file's size
	for _, e := range c.Requests(journal.Filter{Path: "/uploads/"}) {
		b, _ := json.Marshal(e.RequestBody())
		journaled = append(journaled, fmt.Sprint(e.Method, " ", e.Outcome.Status, " ", strings.Contains(string(b), `"size":12009`), " ", strings.Contains(string(b), "x-amz-signature")))
	}
	if got := fmt.Sprint(journaled); got != "[POST 204 true false POST 400 false false POST 400 false false]" {
		t.Errorf("the session's journal of uploads (its form readable), newest first: %s", got)
	}
	if r := c.Verify(`{when: {http: POST /uploads/, body: {key: "` + fields["key"] + `", file.size: 12009}}, exactly: 1}`); !r.Holds || r.Count != 1 {
		t.Errorf("verifying the upload: %+v", r)
	}
	files := list()
	f := files[0].(map[string]any)
	if got := spaced(f["isUploaded"], f["isReady"], f["sizeInBytes"]); got != fmt.Sprint("true false ", len(pdf)) {
		t.Errorf("uploaded: %s", got)
	}
	if out := q(`mutation($k: String!) { triggerPostUploadOperations(s3Key: $k) { operationsTriggered } }`, map[string]any{"k": pr["key"]}); simtest.Get(out, "triggerPostUploadOperations", "operationsTriggered") != true {
		t.Errorf("triggered: %v", out)
	}
	f = list()[0].(map[string]any)
	status, got, h := get(t, f["fetchUrl"].(string))
	if status != 200 || got != string(pdf) || h.Get("Content-Type") != "binary/octet-stream" || f["isReady"] != true {
		t.Errorf("fetched %d %q (%d bytes), ready %v", status, h.Get("Content-Type"), len(got), f["isReady"])
	}
	if csp := h.Get("Content-Security-Policy"); csp != "sandbox" || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("a file served on krakensim's origin may run scripts: CSP %q", csp)
	}
	if status, b, _ := get(t, strings.Replace(f["fetchUrl"].(string), "signature=", "signature=0", 1)); status != 403 || !strings.Contains(b, "SignatureDoesNotMatch") {
		t.Errorf("a changed signature: %d %s", status, b)
	}

	// Another user cannot make the demo account's file ready.
	sam := srv.ClientIn(t, c.Session)
	sam.SignIn("other@krakensim.dev", "krakensim")
	if out := sam.Query(`mutation($k: String!) { triggerPostUploadOperations(s3Key: $k) { operationsTriggered } }`, map[string]any{"k": pr["key"]}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-8710" {
		t.Errorf("another user's trigger: %+v", out.Errors)
	}

	// A form and a fetch URL last an hour of the session's clock.
	second := simtest.Get(q(createAttachment, map[string]any{"name": "dno.pdf"}), "createAccountFileAttachment", "postRequest").(map[string]any)
	var secondFields map[string]string
	json.Unmarshal([]byte(second["fields"].(string)), &secondFields)
	c.AdvanceClock(61 * time.Minute)
	body, ct = attachmentForm(t, secondFields, nil, pdf)
	if status, b := post(t, second["url"].(string), ct, body); status != 403 || !strings.Contains(b, "expired") {
		t.Errorf("an expired form: %d %s", status, b)
	}
	if status, b, _ := get(t, f["fetchUrl"].(string)); status != 403 || !strings.Contains(b, "expired") {
		t.Errorf("an expired fetch URL: %d %s", status, b)
	}
}

// between is the text of s between the first open and the close after it.
func between(s, open, close string) string {
	_, after, ok := strings.Cut(s, open)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(after, close)
	return in
}
