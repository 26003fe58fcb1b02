package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

func TestIDEAssets(t *testing.T) {
	s := New(Config{})
	set := ideAssets()
	for _, name := range []string{"graphiql.js", "graphiql.css", "editor.worker.js", "json.worker.js", "graphql.worker.js", "THIRD_PARTY_LICENSES.txt"} {
		if set.files[name] == nil {
			t.Fatalf("the embedded IDE lacks %s; run scripts/build-ide.sh", name)
		}
	}
	js := set.files["graphiql.js"]
	tests := []struct {
		name, path, method, enc, inm string
		status                       int
		ctype, encoding, cache       string
	}{
		{"gzip when accepted", "graphiql.js", "GET", "gzip, deflate, br", "", 200, "text/javascript; charset=utf-8", "gzip", "no-cache"},
		{"identity otherwise", "graphiql.js", "GET", "", "", 200, "text/javascript; charset=utf-8", "", "no-cache"},
		{"gzip refused by q=0", "graphiql.js", "GET", "gzip;q=0, *;q=1", "", 200, "text/javascript; charset=utf-8", "", "no-cache"},
		{"any coding", "graphiql.css", "GET", "*", "", 200, "text/css; charset=utf-8", "gzip", "no-cache"},
		{"versioned URL is immutable", "graphiql.js?v=" + set.version, "GET", "gzip", "", 200, "text/javascript; charset=utf-8", "gzip", "public, max-age=31536000, immutable"},
		{"stale version revalidates", "graphiql.js?v=0000", "GET", "gzip", "", 200, "text/javascript; charset=utf-8", "gzip", "no-cache"},
		{"not modified", "graphiql.js", "GET", "", js.etag, 304, "text/javascript; charset=utf-8", "", "no-cache"},
		{"not modified, gzip", "graphiql.js", "GET", "gzip", `W/"x", ` + strings.TrimSuffix(js.etag, `"`) + `-gz"`, 304, "text/javascript; charset=utf-8", "gzip", "no-cache"},
		{"HEAD", "json.worker.js", "HEAD", "gzip", "", 200, "text/javascript; charset=utf-8", "gzip", "no-cache"},
		{"licences", "THIRD_PARTY_LICENSES.txt", "GET", "", "", 200, "text/plain; charset=utf-8", "", "no-cache"},
		{"unknown file", "nope.js", "GET", "gzip", "", 404, "application/json", "", ""},
		{"no escaping the folder", "../ide.html", "GET", "", "", 404, "application/json", "", ""},
		{"POST", "graphiql.js", "POST", "", "", 405, "application/json", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := map[string]string{}
			if tt.enc != "" {
				h["Accept-Encoding"] = tt.enc
			}
			if tt.inm != "" {
				h["If-None-Match"] = tt.inm
			}
			w := do(t, s, call{tt.method, IDEAssetsPath + tt.path, "", h})
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body)
			}
			if got := w.Header().Get("Content-Type"); !strings.HasPrefix(got, tt.ctype) {
				t.Errorf("Content-Type %q, want %q", got, tt.ctype)
			}
			if got := w.Header().Get("Content-Encoding"); got != tt.encoding {
				t.Errorf("Content-Encoding %q, want %q", got, tt.encoding)
			}
			if tt.status >= 400 {
				return
			}
			if got := w.Header().Get("Cache-Control"); got != tt.cache {
				t.Errorf("Cache-Control %q, want %q", got, tt.cache)
			}
			if got := w.Header().Get("Vary"); got != "Accept-Encoding" {
				t.Errorf("Vary %q", got)
			}
			if tt.status == 304 || tt.method == "HEAD" {
				if w.Body.Len() != 0 {
					t.Errorf("%s with a %d-byte body", tt.method, w.Body.Len())
				}
				return
			}
			body := w.Body.Bytes()
			if tt.encoding == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			name, _, _ := strings.Cut(tt.path, "?")
			if !bytes.Equal(body, set.files[name].raw) {
				t.Errorf("body (%d bytes) differs from the embedded file (%d bytes)", len(body), len(set.files[name].raw))
			}
		})
	}
	// esbuild names chunks by content hash: those are immutable under any URL.
	for name := range set.files {
		if strings.HasPrefix(name, "chunk-") {
			w := do(t, s, call{"GET", IDEAssetsPath + name, "", nil})
			if got := w.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
				t.Errorf("%s: Cache-Control %q", name, got)
			}
			break
		}
	}
}

// TestIDEAssetsOffline checks that nothing in the bundle loads from elsewhere: no
// stylesheet, font, script or worker URL names another host.
func TestIDEAssetsOffline(t *testing.T) {
	for name, a := range ideAssets().files {
		if strings.HasSuffix(name, ".txt") {
			continue
		}
		text := string(a.raw)
		for _, bad := range []string{"url(http", "url(//", "@import url(", "fonts.googleapis", "esm.sh/", "cdn.jsdelivr", "unpkg.com"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want bool
	}{
		{nil, false}, {[]string{""}, false}, {[]string{"gzip"}, true}, {[]string{"br, gzip;q=0.5"}, true},
		{[]string{"gzip;q=0"}, false}, {[]string{"*"}, true}, {[]string{"*;q=0"}, false}, {[]string{"identity"}, false},
		{[]string{"x-gzip"}, true}, {[]string{"GZIP;Q=1"}, true}, {[]string{"gzip;q=bad"}, false}, {[]string{"deflate", "gzip"}, true},
	} {
		if got := acceptsGzip(tt.in); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzAcceptsGzip feeds Accept-Encoding values to the parser: it never panics, and it
// says yes only to a value that names gzip or any coding.
func FuzzAcceptsGzip(f *testing.F) {
	for _, s := range []string{"gzip", "gzip;q=0", "*;q=0.5", "br, gzip;q=0.1, identity", "x-gzip;q=", ";;,,", "gzip;q=1e400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if acceptsGzip([]string{v}) && !strings.Contains(strings.ToLower(v), "gzip") && !strings.Contains(v, "*") {
			t.Errorf("acceptsGzip(%q) = true", v)
		}
	})
}
