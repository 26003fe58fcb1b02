package sim_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/journal"
)

func TestRemovalDate(t *testing.T) {
	tests := []struct{ reason, want string }{
		{"Use account. Will be removed on 2026-01-01.", "2026-01-01"},
		{"- Marked as deprecated on 2024-05-07.\n- Scheduled for removal on or after 2025-08-01.", "2025-08-01"},
		{"Deprecated on 2024-05-07.", ""},
		{"No longer supported", ""},
		{"REMOVED ON 2030-12-31", "2030-12-31"},
	}
	for _, tc := range tests {
		if got := sim.RemovalDate(tc.reason); got != tc.want {
			t.Errorf("RemovalDate(%q) = %q, want %q", tc.reason, got, tc.want)
		}
	}
}

// Endpoint.Execute, used without the HTTP server, still records each request.
func TestExecuteRecordsWithoutServer(t *testing.T) {
	s := newSim(t, 1)
	h := map[string][]string{sim.SessionHeader: {"direct"}, "Authorization": {"JWT abc"}}
	s.API().Execute(context.Background(), &graphql.Request{
		Query: `mutation { obtainKrakenToken(input: {email: "nobody@example.com", password: "x"}) { token } }`, Header: h,
	})
	s.API().Execute(context.Background(), &graphql.Request{Query: `{ nope }`, Header: h})
	entries, err := s.Requests("direct", sim.NoFilter)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("journal holds %d entries, want 2", len(entries))
	}
	bad, signIn := entries[0], entries[1]
	if signIn.Method != "POST" || signIn.Path != sim.APIPath || signIn.Outcome.Status != 200 || fmt.Sprint(signIn.Fields[0].ErrorCodes) != "[KT-CT-1138]" {
		t.Errorf("sign-in entry = %+v", signIn)
	}
	if signIn.RequestHeaders()["Authorization"][0] != "JWT "+journal.Redacted {
		t.Errorf("Authorization recorded as %q", signIn.RequestHeaders()["Authorization"])
	}
	if bad.OperationType != "" || len(bad.Fields) != 0 || bad.Outcome.Data || bad.Seq != 2 {
		t.Errorf("invalid operation entry = %+v", bad)
	}
	if _, err := s.Requests("never-seen", sim.NoFilter); !errors.Is(err, sim.ErrNoSession) {
		t.Errorf("unknown session: %v", err)
	}
	if err := s.ResetSession("direct"); err != nil {
		t.Fatal(err)
	}
	if entries, _ := s.Requests("direct", sim.NoFilter); len(entries) != 0 {
		t.Errorf("a reset session keeps %d entries", len(entries))
	}
}

func TestNoRecordAndJournalOff(t *testing.T) {
	for _, c := range []struct {
		name     string
		cfg      func(*sim.Config)
		entries  int
		coverage int
	}{
		{"default", func(*sim.Config) {}, 1, 1},
		{"journal off", func(c *sim.Config) { c.JournalSize = -1 }, 0, 1},
		{"no record", func(c *sim.Config) { c.NoRecord = true }, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := newSimConfig(t)
			c.cfg(&cfg)
			s, err := sim.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			s.API().Execute(context.Background(), &graphql.Request{Query: `{ __typename viewer { id } }`})
			entries, _ := s.Requests("", sim.NoFilter)
			rep, _ := s.Coverage("")
			if len(entries) != c.entries || rep.Summary.Called != c.coverage {
				t.Errorf("entries %d, covered %d; want %d, %d", len(entries), rep.Summary.Called, c.entries, c.coverage)
			}
		})
	}
}

type parentKey struct{}

func TestTraceContext(t *testing.T) {
	s := newSim(t, 1)
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), parentKey{}, "parent's"))
	c := &sim.TraceContext{Context: parent}
	if tr := sim.TraceFrom(c); tr != nil {
		t.Errorf("an empty slot gave a trace: %v", tr)
	}
	tr := s.StartTrace("POST", "/v1/graphql/", nil)
	c.Slot.Set(tr)
	if got := sim.TraceFrom(c); got != tr {
		t.Errorf("TraceFrom = %p, want the slot's %p", got, tr)
	}
	if got := c.Value(parentKey{}); got != "parent's" {
		t.Errorf("the parent's value = %v", got)
	}
	cancel()
	if !errors.Is(c.Err(), context.Canceled) {
		t.Errorf("Err after the parent ended = %v", c.Err())
	}
	select {
	case <-c.Done():
	default:
		t.Errorf("Done is open after the parent ended")
	}
}
