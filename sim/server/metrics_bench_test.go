package server

import (
	"testing"

	"github.com/krakensim/krakensim/sim/journal"
)

// BenchmarkMetricsObserve is the metrics' share of recording a request.
func BenchmarkMetricsObserve(b *testing.B) {
	m := newMetrics(nil)
	rest := &journal.Entry{Endpoint: journal.EndpointREST, Route: "/v1/data-import/notes/create/", Resolver: "POST /v1/data-import/notes/create/", Outcome: journal.Outcome{Status: 400}}
	gql := &journal.Entry{Endpoint: "/v1/graphql/", Fields: []journal.Field{{Name: "viewer"}, {Name: "account"}}, Outcome: journal.Outcome{Status: 200, Data: true}}
	b.ReportAllocs()
	for b.Loop() {
		m.observe(rest)
		m.observe(gql)
	}
}
