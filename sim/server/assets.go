package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

// ideFiles is the GraphiQL build (scripts/build-ide.sh writes it; never edit by hand).
//
//go:embed ide
var ideFiles embed.FS

// IDEAssetsPath is where the IDE's scripts, styles and workers are served.
const IDEAssetsPath = AdminPrefix + "ide/"

// asset is one embedded file, with its gzip form made on first use.
type asset struct {
	name  string
	ctype string
	raw   []byte
	etag  string
	once  sync.Once
	gz    []byte
}

// assetSet is the embedded IDE build, by file name, and a digest of all of it.
type assetSet struct {
	files   map[string]*asset
	version string
}

var ideAssets = sync.OnceValue(func() *assetSet {
	set := &assetSet{files: map[string]*asset{}}
	all := sha256.New()
	_ = fs.WalkDir(ideFiles, "ide", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := ideFiles.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		name := strings.TrimPrefix(p, "ide/")
		ctype := mime.TypeByExtension(path.Ext(name))
		switch path.Ext(name) {
		case ".js":
			ctype = "text/javascript; charset=utf-8"
		case ".css":
			ctype = "text/css; charset=utf-8"
		case ".txt":
			ctype = "text/plain; charset=utf-8"
		}
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		set.files[name] = &asset{name: name, ctype: ctype, raw: b, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		all.Write([]byte(name))
		all.Write(sum[:])
		return nil
	})
	set.version = hex.EncodeToString(all.Sum(nil)[:8])
	return set
})

// compressible reports whether gzip pays for the asset (text, and fonts without
// their own compression).
func (a *asset) compressible() bool {
	return !strings.HasSuffix(a.name, ".woff2") && !strings.HasPrefix(a.ctype, "image/png") && len(a.raw) > 512
}

func (a *asset) gzipped() []byte {
	a.once.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(a.raw)
		_ = zw.Close()
		a.gz = buf.Bytes()
	})
	return a.gz
}

// serveAsset answers GET and HEAD of one embedded IDE file, gzipped when the client
// accepts it. Files whose name carries a content hash (esbuild's chunks), and any file
// asked for with the build's ?v=, are cached for a year; others are revalidated by ETag.
func serveAsset(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeDetail(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed on "+r.URL.Path+"; use GET")
		return
	}
	set := ideAssets()
	a, ok := set.files[strings.TrimPrefix(r.URL.Path, IDEAssetsPath)]
	if !ok {
		writeDetail(w, http.StatusNotFound, "no IDE asset "+r.URL.Path)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Vary", "Accept-Encoding")
	if strings.HasPrefix(a.name, "chunk-") || r.URL.Query().Get("v") == set.version {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	body, etag := a.raw, a.etag
	if a.compressible() && acceptsGzip(r.Header.Values("Accept-Encoding")) {
		body = a.gzipped()
		etag = strings.TrimSuffix(etag, `"`) + `-gz"`
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		_, _ = w.Write(body)
	}
}

// etagMatch reports whether an If-None-Match value names etag (weak or strong) or "*".
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether Accept-Encoding allows gzip (or any coding) at q > 0.
func acceptsGzip(values []string) bool {
	gz, star := -1.0, -1.0
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			q := 1.0
			if k, val, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
				f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
				if err != nil || f < 0 || f > 1 {
					continue
				}
				q = f
			}
			switch strings.ToLower(strings.TrimSpace(coding)) {
			case "gzip", "x-gzip":
				gz = q
			case "*":
				star = q
			}
		}
	}
	if gz >= 0 {
		return gz > 0
	}
	return star > 0
}
