package sim

import (
	"context"
	"sync"
)

// scenarioSet holds the loaded scenarios and those active for every session.
type scenarioSet struct {
	mu     sync.RWMutex
	global []string
}

// scriptedREST answers a REST call from the active scenarios, or returns nil.
func (s *Simulator) scriptedREST(_ context.Context, _ *Session, _ *HTTPRequest) *HTTPResponse {
	return nil
}
