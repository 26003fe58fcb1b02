package sim

import (
	"context"
	"fmt"
	"testing"
)

type baseUpstream string

func (u baseUpstream) Forward(context.Context, *UpstreamRequest) *UpstreamReply { return nil }
func (u baseUpstream) Base() string                                             { return string(u) }

// TestRelink: links to the upstream in a proxied answer point at krakensim's origin
// (escaped slashes and a Location too), and nothing else changes: another host, a host
// that only begins like the upstream's, text that is no JSON string's start.
func TestRelink(t *testing.T) {
	const origin = "http://127.0.0.1:8080"
	for _, tc := range []struct{ base, body, location, want, wantLocation string }{
		{"https://api.example", `{"next":"https://api.example/v1/products/?page=2","previous":null}`, "",
			`{"next":"http://127.0.0.1:8080/v1/products/?page=2","previous":null}`, ""},
		{"https://api.example/", `{"a":"https:\/\/api.example\/v1\/x","b":"https://api.example"}`, "https://api.example/v1/products/",
			`{"a":"http:\/\/127.0.0.1:8080\/v1\/x","b":"http://127.0.0.1:8080"}`, origin + "/v1/products/"},
		{"https://api.example/kraken", `{"next":"https://api.example/kraken/v1/p/?page=2","other":"https://api.example/elsewhere"}`, "",
			`{"next":"http://127.0.0.1:8080/v1/p/?page=2","other":"https://api.example/elsewhere"}`, ""},
		{"https://api.example", `{"a":"https://api.example.evil/v1/","b":"see https://api.example/v1/","c":"https://other.example/v1/"}`, "https://api.example.evil/",
			`{"a":"https://api.example.evil/v1/","b":"see https://api.example/v1/","c":"https://other.example/v1/"}`, "https://api.example.evil/"},
	} {
		p := &Proxy{Upstream: baseUpstream(tc.base)}
		header := map[string][]string{}
		if tc.location != "" {
			header["Location"] = []string{tc.location}
		}
		body, h := p.relink([]byte(tc.body), header, origin)
		if string(body) != tc.want || fmt.Sprint(h["Location"]) != fmt.Sprint(header["Location"]) && tc.wantLocation == "" ||
			tc.wantLocation != "" && fmt.Sprint(h["Location"]) != "["+tc.wantLocation+"]" {
			t.Errorf("%s: %s, Location %v\nwant %s, Location %s", tc.base, body, h["Location"], tc.want, tc.wantLocation)
		}
		if tc.location != "" && header["Location"][0] != tc.location {
			t.Errorf("%s: the reply's own header changed to %v", tc.base, header["Location"])
		}
	}
}
