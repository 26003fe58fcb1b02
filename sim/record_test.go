package sim_test

import (
	"context"
	"errors"
	"testing"

	"github.com/krakensim/krakensim/sim"
)

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
