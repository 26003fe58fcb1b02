package server

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/documents"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/uploads"
)

// maxFormOverhead is what an upload form may hold besides its file: the signed fields
// and the multipart framing.
const maxFormOverhead = 64 << 10

// origin is the scheme and host r was sent to, as a proxy in front says when it does.
func origin(r *http.Request) string {
	return sim.Origin(r.Host, r.TLS != nil, r.Header)
}

// storeUpload answers a presigned POST to the file storage, as S3 does: the form's
// signed fields, then the file; 204 once it is kept, else S3's XML error.
func (s *Server) storeUpload(w http.ResponseWriter, r *http.Request) {
	if tw, tr := startTrace(s.cfg.Sim, w, r); tw != nil {
		defer tw.finish()
		w, r = tw, tr
		storageEntry(&tw.trace.Entry, r.Method)
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		writeUploadError(w, &uploads.Error{Status: 412, Code: "PreconditionFailed", Message: "Bucket POST must be of the enclosure-type multipart/form-data."})
		return
	}
	body := http.MaxBytesReader(w, r.Body, uploads.MaxFileBytes+maxFormOverhead)
	mr := multipart.NewReader(body, params["boundary"])
	fields := map[string]string{}
	var content []byte
	contentType := ""
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			writeUploadError(w, formError(err))
			return
		}
		name := part.FormName()
		if name == "file" {
			content, err = io.ReadAll(io.LimitReader(part, uploads.MaxFileBytes+1))
			if err != nil {
				writeUploadError(w, formError(err))
				return
			}
			contentType = part.Header.Get("Content-Type")
			break // S3 ignores what follows the file
		}
		v, err := io.ReadAll(io.LimitReader(part, maxFormOverhead))
		if err != nil {
			writeUploadError(w, formError(err))
			return
		}
		if _, dup := fields[strings.ToLower(name)]; dup {
			writeUploadError(w, &uploads.Error{Status: 400, Code: "InvalidArgument", Message: "The form gives the field " + strconv.Quote(name) + " twice; give each once."})
			return
		}
		fields[strings.ToLower(name)] = string(v)
	}
	if ct := fields["content-type"]; ct != "" {
		contentType = ct
	}
	if _, _, err := mime.ParseMediaType(contentType); err != nil || contentType == "application/octet-stream" {
		contentType = "binary/octet-stream" // S3's type for a file that states none
	}
	if err := s.cfg.Sim.StoreUpload(traceContext(w, r), r.Header, fields, content, contentType); err != nil {
		writeUploadError(w, err)
		return
	}
	w.Header().Set("Location", uploads.ObjectURL(origin(r), fields["key"]))
	w.WriteHeader(http.StatusNoContent)
}

// storageEntry marks a journal entry as the storage's: a REST request of no route of the
// contract, counted by its method and the storage's path (never by its key, which is
// the client's to choose).
func storageEntry(e *journal.Entry, method string) {
	e.Endpoint, e.Resolver = journal.EndpointREST, method+" "+uploads.Path
}

// formError is the refusal of a form that cannot be read.
func formError(err error) *uploads.Error {
	if _, tooBig := errors.AsType[*http.MaxBytesError](err); tooBig {
		return &uploads.Error{Status: 400, Code: "EntityTooLarge", Message: "Your proposed upload exceeds the maximum allowed size of 5 MiB."}
	}
	return &uploads.Error{Status: 400, Code: "MalformedPOSTRequest", Message: "The body of your POST request is not well-formed multipart/form-data: " + err.Error() + "."}
}

// fetchUpload answers a signed fetch URL with the file it names.
func (s *Server) fetchUpload(w http.ResponseWriter, r *http.Request) {
	if tw, tr := startTrace(s.cfg.Sim, w, r); tw != nil {
		defer tw.finish()
		w, r = tw, tr
		storageEntry(&tw.trace.Entry, r.Method)
	}
	key, err := url.PathUnescape(strings.TrimPrefix(r.URL.EscapedPath(), uploads.Path))
	if err != nil || key == "" {
		writeUploadError(w, uploads.NoSuchKey(key))
		return
	}
	content, contentType, filename, err := s.cfg.Sim.FetchUpload(traceContext(w, r), key, r.URL.Query())
	if err != nil {
		writeUploadError(w, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(content)))
	h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": path.Base(filename)}))
	// A file shares the origin of the admin API and the dashboard: whatever it is, it
	// runs no script there.
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(content)
}

// writeUploadError writes S3's XML error document for err.
func writeUploadError(w http.ResponseWriter, err error) {
	e, ok := errors.AsType[*uploads.Error](err)
	if !ok {
		e = &uploads.Error{Status: 500, Code: "InternalError", Message: err.Error()}
	}
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(e.Status)
	_, _ = w.Write(e.XML())
}

// fetchDocument answers a document's signed URL (a statement's temporaryUrl) with the
// PDF made from its session's state, or S3's XML error.
func (s *Server) fetchDocument(w http.ResponseWriter, r *http.Request) {
	if tw, tr := startTrace(s.cfg.Sim, w, r); tw != nil {
		defer tw.finish()
		w, r = tw, tr
		tw.trace.Entry.Endpoint, tw.trace.Entry.Resolver = journal.EndpointREST, r.Method+" "+documents.Path
	}
	key := strings.TrimPrefix(r.URL.EscapedPath(), documents.Path)
	content, filename, err := s.cfg.Sim.FetchDocument(traceContext(w, r), key, r.URL.Query(), r.Header.Get(sim.SessionHeader))
	if err != nil {
		writeUploadError(w, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Length", strconv.Itoa(len(content)))
	h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": path.Base(filename)}))
	h.Set("Cache-Control", "private, max-age=0")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(content)
}
