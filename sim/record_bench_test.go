package sim_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/journal"
)

// BenchmarkTraceCommit is the journal's fixed cost per request: start an entry, and
// record it in the session's ring and coverage.
func BenchmarkTraceCommit(b *testing.B) {
	s := newSim(b, 1)
	h := map[string][]string{sim.SessionHeader: {"bench"}, "Authorization": {"JWT x"}, "Content-Type": {"application/json"}}
	var seen int
	s.OnRecord(func(*journal.Entry) { seen++ })
	b.ReportAllocs()
	for b.Loop() {
		tr := s.StartTrace("POST", "/v1/data-import/notes/create/", h)
		tr.Entry.Endpoint, tr.Entry.Route = journal.EndpointREST, "/v1/data-import/notes/create/"
		tr.Commit(201, "")
	}
	if seen == 0 {
		b.Fatal("nothing recorded")
	}
}
