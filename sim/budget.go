package sim

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"time"

	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/graphql"
)

// Memory bounds of the sessions, by default.
const (
	// DefaultMaxSessionBytes bounds the state one session holds of its own: the
	// entities it changed or added (imports included), its sign-ins and stored values.
	DefaultMaxSessionBytes = 32 << 20
	// DefaultMaxTotalSessionBytes bounds the state of all sessions together; beyond it
	// the least recently used sessions are dropped.
	DefaultMaxTotalSessionBytes = 512 << 20
)

// entityBytes estimates what the session's entity store keeps of one generated entity
// (its keys, aliases and span).
const entityBytes = 512

// sessionOverhead estimates what a session holds besides its world and sign-ins: the
// struct, its clock, issuer, counters and maps.
const sessionOverhead = 2048

// CodeSessionFull is the errorCode of a mutation refused because its session holds
// more than Config.MaxSessionBytes.
const CodeSessionFull = "KRAKENSIM-SESSION-FULL"

// SessionFullError reports a session whose state reached its memory bound; changes are
// refused until it is reset.
type SessionFullError struct {
	Session string
	// Bytes is the session's estimated state, Limit the bound it reached.
	Bytes, Limit int64
}

// Error says which session is full, by how much, and how to empty it.
func (e *SessionFullError) Error() string {
	return fmt.Sprintf("session %q is full: it holds about %d bytes of changed and imported data, and the limit is %d bytes (--max-session-bytes); reset it with POST /__krakensim/sessions/%s/reset, or use another X-Krakensim-Session",
		e.Session, e.Bytes, e.Limit, e.Session)
}

// Full returns a *SessionFullError when the session's state, as measured after its
// last request, has reached its bound; nil while it has room.
func (s *Session) Full() error {
	// The journal counts towards the memory of all sessions, not towards a session's
	// own fullness: its history is bounded by --journal-size and --journal-bytes.
	if n := s.size.Load() - int64(s.journal.Bytes()); n >= s.sim.sessions.maxBytes {
		return &SessionFullError{Session: s.ID, Bytes: n, Limit: s.sim.sessions.maxBytes}
	}
	return nil
}

// Bytes estimates the memory the session holds of its own, as measured after its last
// request.
func (s *Session) Bytes() int64 { return s.size.Load() }

// measure estimates the session's state but for its journal, which release and
// Trace.Commit count under sessions.mu; the session must be locked.
func (s *Session) measure() int64 {
	n := sessionOverhead + s.world.Bytes() + s.issuer.Store().Held()*auth.RefreshTokenBytes + s.counters.Len()*64 +
		s.entities.Len()*entityBytes
	if len(s.values) > 0 {
		n += approxSize(reflect.ValueOf(s.values))
	}
	return int64(n)
}

// roomFor refuses a state-changing mutation in a full session; signing in stays open,
// as its refresh tokens are bounded on their own.
func (x *exchange) roomFor(op, field string) error {
	if op != "mutation" || field == "obtainKrakenToken" {
		return nil
	}
	err := x.session.Full()
	if err == nil { // errors.As's target escapes: made only for an error
		return nil
	}
	var full *SessionFullError
	if !errors.As(err, &full) {
		return nil
	}
	return &graphql.Error{Message: full.Error(), Extensions: map[string]any{
		"errorCode": CodeSessionFull, "errorType": ErrorTypeApplication,
		"sessionBytes": full.Bytes, "limitBytes": full.Limit,
	}}
}

// release unpins the session's clock and unlocks it after a request, records its new size and, when all the
// sessions together hold more than their bound, drops the least recently used ones
// (never sess itself).
func (s *Simulator) release(sess *Session) {
	n := sess.measure()
	sess.clock.Unpin()
	sess.mu.Unlock()
	s.sessions.mu.Lock()
	if s.sessions.byID[sess.ID] != sess {
		s.sessions.mu.Unlock()
		return // dropped while it served the request
	}
	// The journal is read under sessions.mu, as Trace.Commit adds to it, so that each
	// entry is counted once.
	n += int64(sess.journal.Bytes())
	s.sessions.total += n - sess.size.Swap(n)
	s.rebalance(sess)
}

// grow adds bytes to a live session's size and to the total, then rebalances;
// sessions.mu must be held, and is unlocked.
func (s *Simulator) grow(sess *Session, bytes int64) {
	if s.sessions.byID[sess.ID] != sess {
		s.sessions.mu.Unlock()
		return
	}
	sess.size.Add(bytes)
	s.sessions.total += bytes
	s.rebalance(sess)
}

// rebalance drops the least recently used sessions other than sess while all the
// sessions together hold more than their bound, and logs each; sessions.mu must be
// held, and is unlocked.
func (s *Simulator) rebalance(sess *Session) {
	var dropped []droppedSession
	if s.sessions.total > s.sessions.maxTotal {
		dropped = s.evictBytes(sess)
	}
	total := s.sessions.total
	s.sessions.mu.Unlock()
	for _, d := range dropped {
		s.log.Warn("session dropped to keep the sessions within --max-total-session-bytes; its state, sign-ins and journal are gone",
			"session", d.id, "approxBytes", d.bytes, "for", sess.ID, "totalBytes", total, "maxTotalBytes", s.sessions.maxTotal)
	}
}

// droppedSession is a session evictBytes dropped, and the bytes it held.
type droppedSession struct {
	id    string
	bytes int64
}

// evictBytes drops the least recently used sessions other than keep until the sessions
// hold at most 90% of their bound, so that the next requests do not evict again at
// once, and returns them. The default session goes last. sessions.mu must be held.
func (s *Simulator) evictBytes(keep *Session) (dropped []droppedSession) {
	list := make([]*Session, 0, len(s.sessions.byID))
	for _, sess := range s.sessions.byID {
		if sess != keep {
			list = append(list, sess)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if (list[i].ID == DefaultSessionID) != (list[j].ID == DefaultSessionID) {
			return list[j].ID == DefaultSessionID
		}
		return list[i].touched.Load() < list[j].touched.Load()
	})
	target := s.sessions.maxTotal / 10 * 9
	for _, sess := range list {
		if s.sessions.total <= target {
			return dropped
		}
		dropped = append(dropped, droppedSession{sess.ID, sess.size.Load()})
		s.dropLocked(sess)
	}
	return dropped
}

// dropLocked forgets a session and its share of the total; sessions.mu must be held.
func (s *Simulator) dropLocked(sess *Session) {
	delete(s.sessions.byID, sess.ID)
	s.sessions.total -= sess.size.Swap(0)
	s.recording.retired.Absorb(sess.coverage)
	s.freeUploads(sess, true)
}

// touch records that a request used the session now.
func (s *Session) touch(now time.Time) { s.touched.Store(now.UnixNano()) }

// SessionBytes estimates the memory all live sessions hold, as measured after their
// last requests.
func (s *Simulator) SessionBytes() int64 {
	s.sessions.mu.Lock()
	defer s.sessions.mu.Unlock()
	return s.sessions.total
}
