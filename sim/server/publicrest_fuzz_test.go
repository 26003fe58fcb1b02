package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/fuzzcost"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/server"
)

// FuzzPublicREST sends any public REST path, query and Authorization through the real
// HTTP handler: no answer is a 5xx, every answer is JSON, and none takes more than a
// second or 100 MB, however wide a span or large a page it asks for.
func FuzzPublicREST(f *testing.F) {
	for _, s := range [][3]string{
		{"/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/", "group_by=day&period_from=2019-01-01T00:00Z&page_size=25000", "Basic c2tfbGl2ZV9rcmFrZW5zaW1fZGVtb18zMjM1NDQ3Og=="},
		{"/v1/gas-meter-points/3406086401/meters/X/consumption/", "order_by=period&page=2", "Basic !!!"},
		{"/v1/products/AGILE-24-10-01/electricity-tariffs/E-1R-AGILE-24-10-01-C/standard-unit-rates/", "period_from=1900-01-01T00:00Z&period_to=2999-01-01T00:00Z", ""},
		{"/v1/products/VAR-22-11-01/gas-tariffs/G-1R-VAR-22-11-01-A/standing-charges/", "page_size=-1", ""},
		{"/v1/products/VAR-22-11-01/gas-tariffs/G-1R-VAR-22-11-01-A/standing-charges/", "period_from=2026-12-05+12%3A00%3A00%2B00%3A00&period_to=2026-12-06%2000:00,5-23", ""},
		{"/v1/products/", "is_green=true&page=0", ""},
		{"/v1/products/%2e%2e/", "", ""},
		{"/v1/electricity-meter-points/1013004420117/", "", ""},
		{"/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption", "period_from=2026-12-01T00:00:00Z&group_by=quarter", "Basic c2tfbGl2ZV9rcmFrZW5zaW1fZGVtb18zMjM1NDQ3Og=="},
		{"/v1/industry/grid-supply-points/", "postcode=%00", ""},
		{"/v1/accounts/A-C90DC431/", "", "Basic c2tfbGl2ZV9rcmFrZW5zaW1fZGVtb18zMjM1NDQ3Og=="},
		{"/v1/accounts/a-c90dc431", "", "Basic c2tfbGl2ZV9rcmFrZW5zaW1fb3RoZXJfMzIzNTQ0OTo="},
	} {
		f.Add(s[0], s[1], s[2])
	}
	_, h := fuzzServer(f)
	f.Fuzz(func(t *testing.T, path, query, auth string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \r\n\x00#?") || strings.ContainsAny(query, " \r\n\x00#") || strings.ContainsAny(auth, "\r\n\x00") {
			return // not a request a client can send
		}
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.Path, r.URL.RawQuery, r.RequestURI = path, query, path+"?"+query
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		w := httptest.NewRecorder()
		fuzzcost.Check(t, path+"?"+query, func() { h.ServeHTTP(w, r) })
		if w.Code >= 500 {
			t.Fatalf("%s?%s: status %d: %s", path, query, w.Code, w.Body)
		}
		if strings.Contains(w.Header().Get("Content-Type"), "json") && w.Body.Len() > 0 && !json.Valid(w.Body.Bytes()) {
			t.Fatalf("%s?%s: a JSON answer that is not JSON: %q", path, query, w.Body)
		}
	})
}

// fuzzServer is the platform behind the real HTTP handler, as the fuzz targets drive
// it: 32 sessions, half a second a request, 64 KiB a body.
func fuzzServer(f *testing.F) (*sim.Simulator, http.Handler) {
	f.Helper()
	cfg, err := platform.Default()
	if err != nil {
		f.Fatal(err)
	}
	cfg.MaxSessions = 32
	cfg.RequestTimeout = 500 * time.Millisecond
	s, err := sim.New(cfg)
	if err != nil {
		f.Fatal(err)
	}
	return s, server.New(server.Config{Sim: s, MaxBodyBytes: 64 << 10})
}
