package platform_test

import (
	"context"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/platform"
)

// benchPlatform signs in on the default platform and returns its API endpoint and token.
func benchPlatform(b *testing.B) (*sim.Endpoint, string) {
	b.Helper()
	cfg, err := platform.Default()
	if err != nil {
		b.Fatal(err)
	}
	cfg.Seed = 1
	s, err := sim.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	resp := s.API().Execute(context.Background(), &graphql.Request{
		Query: `mutation { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: "krakensim"}) { token } }`,
	})
	if len(resp.Errors) > 0 {
		b.Fatal(resp.Errors[0])
	}
	tok := resp.Data.Values[0].(*graphql.Object).Values[0].(string)
	return s.API(), tok
}

func benchQuery(b *testing.B, query string) {
	e, tok := benchPlatform(b)
	req := &graphql.Request{Query: query, Header: map[string][]string{"Authorization": {tok}}}
	if resp := e.Execute(context.Background(), req); len(resp.Errors) > 0 {
		b.Fatalf("errors: %v", resp.Errors[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		resp := e.Execute(context.Background(), req)
		if _, err := resp.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConnectionPage reads one page of a connection nothing in state answers.
func BenchmarkConnectionPage(b *testing.B) {
	benchQuery(b, `{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters { readings(first: 5) {
  edges { cursor node { id readAt readingSource } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } } } } } }`)
}

// BenchmarkLookup looks an entity up by its key.
func BenchmarkLookup(b *testing.B) {
	benchQuery(b, `{ property(id: "2214531") { id address postcode electricityMeterPoints { mpan } } }`)
}
