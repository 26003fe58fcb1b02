package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	gql := call{name: "viewer", path: "/v1/graphql/"}
	scripted := call{name: "scripted", path: "/v1/graphql/", wantError: "KT-CT-3942"}
	rest := call{name: "import", path: "/v1/data-import/notes/create/"}
	cases := []struct {
		name   string
		c      call
		status int
		body   string
		fail   string // "" for success
	}{
		{"data", gql, 200, `{"data":{"viewer":{"email":"x"}}}`, ""},
		{"graphql error on 200", gql, 200, `{"data":{"updateUser":null},"errors":[{"message":"Field \"preferredName\" is not defined by type \"UpdateUserInput\".","extensions":{"errorCode":"KT-CT-1000"}}]}`, `GraphQL error KT-CT-1000: Field "preferredName"`},
		{"validation error without data", gql, 200, `{"errors":[{"message":"Cannot query field"}]}`, "GraphQL error"},
		{"4xx", gql, 400, `{"errors":[{"message":"bad"}]}`, "status 400"},
		{"5xx", gql, 503, `busy`, "status 503"},
		{"not JSON", gql, 200, `<html>`, "not JSON"},
		{"expected error", scripted, 200, `{"data":{"x":null},"errors":[{"message":"m","extensions":{"errorCode":"KT-CT-3942"}}]}`, ""},
		{"other error than expected", scripted, 200, `{"errors":[{"message":"m","extensions":{"errorCode":"KT-CT-1111"}}]}`, "want the one error KT-CT-3942"},
		{"expected error missing", scripted, 200, `{"data":{"x":{"id":"1"}}}`, "want the one error"},
		{"rest created", rest, 201, `{"ok":true}`, ""},
		{"rest 404", rest, 404, `{"detail":"no"}`, "status 404"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := check(tc.c, tc.status, []byte(tc.body))
			switch {
			case tc.fail == "" && err != nil:
				t.Errorf("failure %v, want success", err)
			case tc.fail != "" && (err == nil || !strings.Contains(err.Error(), tc.fail)):
				t.Errorf("got %v, want a failure containing %q", err, tc.fail)
			}
		})
	}
}

// TestMixAgainstTheServer runs every call of the mix against a real server: each must
// answer as the mix expects, GraphQL errors included.
func TestMixAgainstTheServer(t *testing.T) {
	url, stop, err := startServer(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	rep := runLoad(context.Background(), http.DefaultClient, options{
		base: url, workers: 2, duration: 2 * time.Second, perSession: 7,
		sampleEvery: 200 * time.Millisecond, sampler: selfMemory,
	})
	if rep.failures != 0 {
		t.Errorf("%d failures: %v", rep.failures, rep.first)
	}
	for _, c := range mix {
		if rep.calls[c.name].count == 0 {
			t.Errorf("%s: never answered", c.name)
		}
	}
	if rep.sessions < 3 {
		t.Errorf("%d sessions, want a fresh one every 7 requests", rep.sessions)
	}
	if len(rep.samples) < 2 || rep.samples[0].rss <= 0 || rep.samples[0].heapInuse <= 0 {
		t.Errorf("memory samples: %+v", rep.samples)
	}
	var b strings.Builder
	rep.print(&b)
	if !strings.Contains(b.String(), "req/s, 0 failures") || !strings.Contains(b.String(), "VmRSS=") {
		t.Errorf("report:\n%s", b.String())
	}
}

func TestHistogram(t *testing.T) {
	var h histogram
	for i := 1; i <= 1000; i++ {
		h.add(time.Duration(i) * time.Millisecond)
	}
	for _, tc := range []struct {
		q    float64
		want time.Duration
	}{{0.5, 500 * time.Millisecond}, {0.99, 990 * time.Millisecond}, {1, time.Second}} {
		got := h.quantile(tc.q)
		if got < tc.want*98/100 || got > tc.want*102/100 {
			t.Errorf("q%.2f = %s, want %s within 2%%", tc.q, got, tc.want)
		}
	}
	if h.count != 1000 || h.max != time.Second {
		t.Errorf("count %d max %s", h.count, h.max)
	}
}
