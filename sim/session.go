package sim

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/coverage"
	docs "github.com/krakensim/krakensim/sim/documents"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/ratelimit"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/uploads"
	"github.com/krakensim/krakensim/sim/world"
)

// SessionHeader names the request header that picks a session.
const SessionHeader = "X-Krakensim-Session"

// DefaultSessionID is the session of requests that name none.
const DefaultSessionID = "default"

// DefaultMaxSessions bounds the live sessions; the least recently used one is dropped
// when a new one would exceed it.
const DefaultMaxSessions = 10000

// Session is one isolated copy of the simulated platform: its world (from the
// fixtures), sign-ins, virtual clock, active scenarios and sequence counters.
// Behaviours receive it locked; everything else goes through Simulator methods.
type Session struct {
	// ID is the session's name, as X-Krakensim-Session gives it.
	ID string

	mu        sessionLock
	sim       *Simulator
	world     *World
	clock     *auth.Clock
	issuer    *auth.Issuer
	counters  *rules.Counters
	entities  *world.Store
	scenarios []string
	values    map[any]any
	// valueSets counts the SetValue calls; memo holds Keep's answers with the state
	// they were worked out on.
	valueSets uint64
	memo      map[any]memoEntry
	created   time.Time
	// began is the session clock's reading when its world was made, of which the
	// fixtures' balances are.
	began    time.Time
	used     time.Time
	requests int
	// size is the state's estimated bytes after the last request; touched the last
	// use in Unix nanoseconds. Both are read without the lock, to pick sessions to drop.
	size, touched atomic.Int64
	// journal and coverage have their own locks and live as long as the session.
	journal  *journal.Ring
	coverage *coverage.Recorder
	// limiter holds the viewers' points allowances; ratePolicy, when set, is the
	// session's own rate limit (the admin API's).
	limiter    ratelimit.Limiter
	ratePolicy *ratelimit.Policy
	// host, secure and header are the latest GraphQL request's host, TLS and headers,
	// for the URLs an answer hands out.
	host   string
	secure bool
	header map[string][]string
	// named is the issuer named for the origin namedFor, kept while requests come to it
	// so that a sign-in allocates none.
	named    *auth.Issuer
	namedFor originKey
	// uploads are the scenarios uploaded for this session alone; own is the scenario
	// index of its requests, the server's (ownBase) with them in place of same-named
	// ones, made again when the server's changes.
	uploads      []*rules.Scenario
	own, ownBase *rules.Index
	// uploadSizes are the uploads' source bytes by name, which count against the
	// server's bounds on uploads until the session is reset or dropped (gone); both are
	// guarded by the simulator's scenarios lock.
	uploadSizes map[string]int64
	gone        bool
}

// Origin is the scheme and host the session's current GraphQL request was sent to
// ("http://127.0.0.1:8080"), where the URLs an answer hands out lead back to; "" before
// any told it.
func (s *Session) Origin() string {
	if s.host == "" {
		return ""
	}
	return Origin(s.host, s.secure, s.header)
}

// Origin is the scheme and host a request to host (over TLS when secure) was sent to,
// as a proxy in front tells them (X-Forwarded-Proto, X-Forwarded-Host) when it does.
func Origin(host string, secure bool, header map[string][]string) string {
	scheme := "http"
	if secure {
		scheme = "https"
	}
	if p := headerValue(header, "X-Forwarded-Proto"); p == "http" || p == "https" {
		scheme = p
	}
	if h, _, _ := strings.Cut(headerValue(header, "X-Forwarded-Host"), ","); h != "" && !strings.ContainsAny(h, "/?#@ ") {
		host = strings.TrimSpace(h)
	}
	return scheme + "://" + host
}

// UploadPost signs an upload of a file to the storage under key, into this session's
// state.
func (s *Session) UploadPost(key string) uploads.Post {
	return s.sim.uploads.Post(s.Origin(), s.ID, key, s.Now())
}

// FetchURL is the signed URL that fetches the file under key from this session's state,
// for an hour of its clock.
func (s *Session) FetchURL(key string) string {
	return s.sim.uploads.FetchURL(s.Origin(), s.ID, key, s.Now().Add(uploads.FetchTTL))
}

// DocumentURL is the signed URL of the document under key (a documents.Key's) in this
// session's state, and when it expires: an hour from now on its clock, to the second.
func (s *Session) DocumentURL(key string) (string, time.Time) {
	expires := s.Now().Add(docs.TTL).Truncate(time.Second)
	return s.sim.documents.URL(s.Origin(), s.ID, key, expires), expires
}

// World is the session's state; only use it while the session is locked (inside a
// Resolver or RESTHandler). It shares the fixtures' entities: change one only through
// the World's Mutable accessors and Add methods, which copy it for this session.
func (s *Session) World() *World { return s.world }

// Clock is the session's virtual clock.
func (s *Session) Clock() *auth.Clock { return s.clock }

// Now is the session's virtual time; within a request, the one instant its clock read
// as the request took the session.
func (s *Session) Now() time.Time { return s.clock.Now() }

// Began is the session's virtual time when its world was made: the fixtures' balances
// are an account's then, and what its billing posts and collects after moves them.
func (s *Session) Began() time.Time { return s.began }

// ShownStatementIDs are the ids of the statements the account's bills show in the
// session's state, its open statement's included; none without Config.StatementIDs.
func (s *Session) ShownStatementIDs(account string) []string {
	if s.sim.statementIDs == nil {
		return nil
	}
	return s.sim.statementIDs(s, account)
}

// OpenPeriod is the first day of the account's open statement period as its billing
// leaves it (after the latest statement issued); "" without Config.OpenPeriod or for
// an account billing has not reached.
func (s *Session) OpenPeriod(account string) string {
	if s.sim.openPeriod == nil {
		return ""
	}
	return s.sim.openPeriod(s, account)
}

// TariffProduct is the product the tariff code is on; false for a code of no product
// on sale, or without Config.TariffProduct.
func (s *Session) TariffProduct(code string) (string, bool) {
	if s.sim.tariffProd == nil {
		return "", false
	}
	return s.sim.tariffProd(code)
}

// Fixture is the account numbered number as the fixtures give it (the session's world
// before any change), or nil for one the session made; it must not be changed.
func (s *Session) Fixture(number string) *Account { return s.sim.world.Account(number) }

// Zone is the tenant's local time, in which the session's dates fall and its
// date-times are told.
func (s *Session) Zone() *time.Location { return s.sim.zone }

// TaxRate is the factor a price with the tenant's tax (UK VAT on energy, Australian
// GST) is of the price without it.
func (s *Session) TaxRate() float64 { return s.sim.taxRate() }

// Variant finds the device catalog's entry with id (electricVehicles' vehicleId,
// chargePointVariants' variantId…): its SDL type, make and model; false for none.
func (s *Session) Variant(id string) (typ, make, model string, ok bool) {
	if s.sim.variant == nil {
		return "", "", "", false
	}
	return s.sim.variant(id)
}

// APIMutation reports whether the API's contract has the mutation named, which tells
// the tenant's programmes apart (Octopus's OctoPoints: redeemOctoPointsForAccountCredit).
func (s *Session) APIMutation(name string) bool {
	if s.sim.api == nil || s.sim.api.exec == nil {
		return false
	}
	api := s.sim.api.exec.Schema()
	return api.Mutation != nil && api.Mutation.Fields.ForName(name) != nil
}

// Issuer signs and checks the session's tokens, on its clock and refresh-token store;
// without Config.TokenIssuer its tokens name the API endpoint of the origin the current
// GraphQL request was sent to, as a tenant's name its own.
func (s *Session) Issuer() *auth.Issuer {
	if s.host == "" {
		return s.issuer
	}
	k := originKey{s.host, s.secure, headerValue(s.header, "X-Forwarded-Proto"), headerValue(s.header, "X-Forwarded-Host")}
	if s.named == nil || s.namedFor != k {
		s.named, s.namedFor = s.issuer.Named(s.Origin()+APIPath), k
	}
	return s.named
}

// originKey is what Origin reads of a request.
type originKey struct {
	host           string
	secure         bool
	proto, forward string
}

// Value returns what a behaviour stored under key in this session, or nil.
func (s *Session) Value(key any) any { return s.values[key] }

// SetValue stores v under key for the session's lifetime (until reset).
func (s *Session) SetValue(key, v any) {
	s.values[key] = v
	s.valueSets++
}

// memoEntry is an answer Keep holds and the state it was worked out on.
type memoEntry struct {
	v     any
	state memoState
}

// memoState is what a kept answer may depend on: the world's changes, the stored
// values' and the clock's reading.
type memoState struct {
	changes, valueSets uint64
	now                time.Time
}

// state is the session's memoState now; ok is false for a world that cannot tell
// its changes.
func (s *Session) state() (memoState, bool) {
	n, ok := s.world.Changes()
	return memoState{n, s.valueSets, s.clock.Now()}, ok
}

// Memo returns what Keep kept under key while the session's world, stored values and
// clock stood as they do now, or nil. The entity store (Control) is not followed: an
// answer that read it must not be kept.
func (s *Session) Memo(key any) any { return s.recall(key, true) }

// Keep holds v under key for Memo until the session's world, stored values or clock
// change (or it is reset); it is not counted in the session's bytes, so keys must be
// bounded (one per account, say).
func (s *Session) Keep(key, v any) { s.hold(key, v, true) }

// derivedKey holds a KeepDerived answer in the memo apart from Keep's.
type derivedKey struct{ key any }

// Derived returns what KeepDerived kept under key while the session's world and stored
// values stood as they do now, whatever the clock reads, or nil. As for Memo, an answer
// that read the entity store (Control) must not be kept.
func (s *Session) Derived(key any) any { return s.recall(derivedKey{key}, false) }

// KeepDerived holds v under key for Derived until the session's world or stored values
// change (or it is reset), however the clock moves: for what does not read the clock.
// Keys must be bounded, as Keep's.
func (s *Session) KeepDerived(key, v any) { s.hold(derivedKey{key}, v, false) }

// recall is Memo, or Derived when the clock does not count.
func (s *Session) recall(key any, clocked bool) any {
	e, ok := s.memo[key]
	if !ok {
		return nil
	}
	now, ok := s.state()
	if !clocked {
		now.now = time.Time{}
	}
	if !ok || now != e.state {
		return nil
	}
	return e.v
}

// hold is Keep, or KeepDerived when the clock does not count.
func (s *Session) hold(key, v any, clocked bool) {
	st, ok := s.state()
	if !ok {
		return
	}
	if !clocked {
		st.now = time.Time{}
	}
	if s.memo == nil {
		s.memo = map[any]memoEntry{}
	}
	s.memo[key] = memoEntry{v, st}
}

// Credentials returns the session's world as sign-in credentials.
func (s *Session) Credentials() auth.Credentials { return worldCredentials{s} }

// Authenticate checks an Authorization header value against the session's issuer.
func (s *Session) Authenticate(header string) (*auth.Claims, *auth.Failure) {
	return s.issuer.Authenticate(header)
}

// ForceReauthentication withdraws every token the session issued to a user until now
// (forceReauthentication), and returns when that took effect.
func (s *Session) ForceReauthentication(userID string) time.Time {
	now := s.clock.Now()
	s.issuer.Store().Revoke(userID, now)
	return now.Truncate(time.Second)
}

// Scenarios lists the scenarios activated for this session.
func (s *Session) Scenarios() []string { return slices.Clone(s.scenarios) }

// Control is what the account's devices were asked, oldest first, as the world keeps it:
// their boost charges, which its meter measured beside its smart plan, the spans their
// smart control was suspended (To zero while it still is), and its car's battery, whose
// morning targets the nights charge to.
func (s *Session) Control(account string) world.CarControl {
	if s.sim.control == nil || len(s.sim.ownerArgs) == 0 {
		return world.CarControl{}
	}
	args := make(map[string]any, len(s.sim.ownerArgs))
	for _, a := range s.sim.ownerArgs {
		args[a] = account
	}
	return s.sim.control(&world.Env{Now: s.Now(), Began: s.began, Store: s.entities, Owner: s}, args)
}

// MaxPageSize is the largest first or last a connection accepts.
func (s *Session) MaxPageSize() int { return s.sim.maxPage }

// Counters are the session's sequence counters, for rule answers.
func (s *Session) Counters() *rules.Counters { return s.counters }

// SessionInfo describes a live session for the admin API.
type SessionInfo struct {
	ID        string    `json:"id"`
	Created   time.Time `json:"created"`
	LastUsed  time.Time `json:"lastUsed"`
	Requests  int       `json:"requests"`
	Now       time.Time `json:"now"`
	Frozen    bool      `json:"clockFrozen"`
	Scenarios []string  `json:"scenarios"`
	// Bytes estimates the memory the session holds of its own.
	Bytes int64 `json:"approxBytes"`
	// SignedIn names who holds a live refresh token in the session (emails, organisations).
	SignedIn []string `json:"signedIn"`
}

// sessions holds the live sessions, bounded by count and by estimated bytes.
type sessions struct {
	mu    sync.Mutex
	byID  map[string]*Session
	limit int
	// total is the sum of the sessions' sizes; maxBytes bounds one session's size and
	// maxTotal the total.
	total              int64
	maxBytes, maxTotal int64
	maxRefreshTokens   int
}

// ValidSessionID reports whether id may name a session: 1–128 characters of letters,
// digits and "-_.:".
func ValidSessionID(id string) error {
	if id == "" || len(id) > 128 {
		return fmt.Errorf("session id must be 1 to 128 characters, got %d", len(id))
	}
	for i, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.:", r)) {
			return fmt.Errorf("session id %q: character %q at %d is not allowed; use letters, digits and -_.:", id, r, i)
		}
	}
	return nil
}

// Session returns the session named id, creating it from the fixtures when new. An
// empty id is DefaultSessionID.
func (s *Simulator) Session(id string) (*Session, error) {
	if id == "" {
		id = DefaultSessionID
	}
	s.sessions.mu.Lock()
	sess, ok := s.sessions.byID[id]
	s.sessions.mu.Unlock()
	if ok {
		return sess, nil // only valid ids are ever kept, so a known one needs no check
	}
	if err := ValidSessionID(id); err != nil {
		return nil, err
	}
	s.sessions.mu.Lock()
	defer s.sessions.mu.Unlock()
	if sess, ok := s.sessions.byID[id]; ok {
		return sess, nil
	}
	if len(s.sessions.byID) >= s.sessions.limit {
		s.evictOldest()
	}
	sess = &Session{ID: id, sim: s, mu: make(sessionLock, 1), journal: journal.NewBounded(s.journalSize, s.journalBytes), coverage: coverage.NewRecorder()}
	s.initSession(sess)
	sess.size.Store(sessionOverhead)
	s.sessions.total += sessionOverhead
	s.sessions.byID[id] = sess
	return sess, nil
}

func (s *Simulator) evictOldest() {
	var oldest *Session
	for _, sess := range s.sessions.byID {
		if sess.ID == DefaultSessionID {
			continue
		}
		if oldest == nil || sess.touched.Load() < oldest.touched.Load() {
			oldest = sess
		}
	}
	if oldest != nil {
		s.dropLocked(oldest)
		s.log.Warn("session dropped to keep the sessions within --max-sessions; its state, sign-ins, uploads and journal are gone",
			"session", oldest.ID, "lastUsed", time.Unix(0, oldest.touched.Load()).UTC(), "maxSessions", s.sessions.limit)
	}
}

// initSession gives sess a fresh view of the fixtures (copied on write), clock,
// sign-ins and counters.
func (s *Simulator) initSession(sess *Session) {
	now := time.Now()
	sess.world = s.world.Fork()
	start := s.clockStart
	if start.IsZero() {
		start = now
	}
	sess.clock, sess.began = auth.NewClock(start), start
	sess.issuer = auth.NewIssuer(s.tokenSecret, s.tokenIssuer, sess.clock).WithStore(auth.NewBoundedRefreshStore(s.sessions.maxRefreshTokens))
	sess.named = nil
	if sess.counters == nil {
		sess.counters = rules.NewCounters()
	} else {
		sess.counters.Reset() // in place: a reload carries every session's counters without its lock
	}
	sess.entities = world.NewStore(s.maxEntities)
	sess.scenarios = nil
	sess.values, sess.valueSets, sess.memo = map[any]any{}, 0, nil
	sess.created, sess.used, sess.requests = now, now, 0
	sess.touch(now)
	sess.journal.Clear()
	s.retire(sess)
	s.freeUploads(sess, false)
	sess.uploads, sess.own, sess.ownBase = nil, nil, nil
	sess.limiter, sess.ratePolicy = ratelimit.Limiter{}, nil
}

// acquire returns the locked session a request names, its clock pinned for the request;
// the caller must release it. It gives up with an *SessionBusyError when ctx ends while another request holds the session.
func (s *Simulator) acquire(ctx context.Context, id string) (*Session, error) {
	sess, err := s.Session(id)
	if err != nil {
		return nil, err
	}
	if err := sess.mu.lock(ctx); err != nil {
		return nil, &SessionBusyError{ID: sess.ID, Timeout: s.requestTimeout, Cause: err}
	}
	sess.used = time.Now()
	sess.touch(sess.used)
	sess.requests++
	sess.clock.Pin()
	return sess, nil
}

// UseClock calls f with a session's clock while the session is locked, so that a move
// takes effect between its requests and never within one, and returns the session's
// id. With create false (a read) it fails with ErrNoSession for a session that does
// not exist, rather than making it.
func (s *Simulator) UseClock(id string, create bool, f func(*auth.Clock)) (string, error) {
	get := s.readable
	if create {
		get = s.Session
	}
	sess, err := get(id)
	if err != nil {
		return "", err
	}
	sess.mu.Lock()
	defer sess.mu.Unlock()
	f(sess.clock)
	return sess.ID, nil
}

// ErrNoSession reports an admin action on a session that does not exist.
var ErrNoSession = errors.New("no such session")

// ResetSession restores a session to the fixtures: state, clock, sign-ins, scenario
// activations and sequence counters.
func (s *Simulator) ResetSession(id string) error {
	sess, err := s.Session(id)
	if err != nil {
		return err
	}
	sess.mu.Lock()
	s.initSession(sess)
	s.release(sess)
	return nil
}

// DeleteSession forgets a session; the next request naming it starts afresh.
func (s *Simulator) DeleteSession(id string) error {
	if id == "" {
		id = DefaultSessionID
	}
	s.sessions.mu.Lock()
	defer s.sessions.mu.Unlock()
	sess, ok := s.sessions.byID[id]
	if !ok {
		return fmt.Errorf("%w: %q", ErrNoSession, id)
	}
	s.dropLocked(sess)
	return nil
}

// ResetAll drops every session, so that each starts again from the fixtures.
func (s *Simulator) ResetAll() {
	s.sessions.mu.Lock()
	defer s.sessions.mu.Unlock()
	for _, sess := range s.sessions.byID {
		s.recording.retired.Absorb(sess.coverage)
		s.freeUploads(sess, true)
	}
	clear(s.sessions.byID)
	s.sessions.total = 0
}

// Sessions describes the live sessions, by id.
func (s *Simulator) Sessions() []SessionInfo {
	s.sessions.mu.Lock()
	list := make([]*Session, 0, len(s.sessions.byID))
	for _, sess := range s.sessions.byID {
		list = append(list, sess)
	}
	s.sessions.mu.Unlock()
	out := make([]SessionInfo, 0, len(list))
	for _, sess := range list {
		out = append(out, sess.Info())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Info describes the session.
func (s *Session) Info() SessionInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return SessionInfo{
		ID: s.ID, Created: s.created, LastUsed: s.used, Requests: s.requests,
		Now: s.clock.Now(), Frozen: s.clock.Frozen(), Scenarios: s.Scenarios(), Bytes: s.size.Load(),
		SignedIn: s.issuer.Store().SignedIn(s.clock.Now()),
	}
}

// worldCredentials looks sign-in secrets up in a world.
// worldCredentials checks sign-ins against a session's world, and a scoped key's
// expiry against its clock; one pointer, so that it is an interface value without an
// allocation.
type worldCredentials struct{ s *Session }

func principal(u *User) auth.Principal {
	return auth.Principal{UserID: u.ID, Email: u.Email}
}

func (c worldCredentials) ByEmail(email string) (auth.Principal, string, bool) {
	u := c.s.world.UserByEmail(email)
	if u == nil {
		return auth.Principal{}, "", false
	}
	return principal(u), u.Password, true
}

func (c worldCredentials) ByAPIKey(key string) (auth.Principal, bool) {
	u := c.s.world.UserByAPIKey(key)
	if u == nil {
		return auth.Principal{}, false
	}
	return principal(u), true
}

func (c worldCredentials) ByPreSignedKey(key string) (auth.Principal, bool) {
	if u := c.s.world.UserByPreSignedKey(key); u != nil {
		return principal(u), true
	}
	now := c.s.clock.Now()
	for _, u := range c.s.world.Users {
		if u == nil || key == "" {
			continue
		}
		if i := slices.IndexFunc(u.ScopedKeys, func(k ScopedKey) bool { return k.Key == key && now.Before(k.Expires) }); i >= 0 {
			p := principal(u)
			p.Scope = u.ScopedKeys[i].Scope
			return p, true
		}
	}
	return auth.Principal{}, false
}

// ByUserID finds the user with id as a token refreshed for it is issued, its claims as
// they are now.
func (c worldCredentials) ByUserID(id string) (auth.Principal, bool) {
	u := c.s.world.User(id)
	if u == nil {
		return auth.Principal{}, false
	}
	return principal(u), true
}

func (c worldCredentials) ByOrganizationSecretKey(key string) (auth.Principal, bool) {
	o := c.s.world.OrganizationBySecretKey(key)
	if o == nil {
		return auth.Principal{}, false
	}
	return auth.Principal{Organization: o.Name}, true
}

// SessionBusyError reports a request that gave up waiting for its session, which
// another request held until the deadline passed or the client went away.
type SessionBusyError struct {
	ID      string
	Timeout time.Duration
	Cause   error
}

func (e *SessionBusyError) Error() string {
	if errors.Is(e.Cause, context.DeadlineExceeded) {
		return fmt.Sprintf("session %q was busy with another request until this request's %v deadline passed; "+
			"send concurrent requests in separate sessions (%s), or retry", e.ID, e.Timeout, SessionHeader)
	}
	return fmt.Sprintf("session %q was busy with another request when this request ended: %v", e.ID, e.Cause)
}

func (e *SessionBusyError) Unwrap() error { return e.Cause }

// sessionLock is a mutex whose lock gives up when a context ends; the zero value is
// not usable (make it with capacity 1).
type sessionLock chan struct{}

// Lock waits for the session however long it takes (admin actions).
func (l sessionLock) Lock() { l <- struct{}{} }

// Unlock releases the session.
func (l sessionLock) Unlock() { <-l }

func (l sessionLock) lock(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if l.tryLock() {
		return nil
	}
	select {
	case l <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l sessionLock) tryLock() bool {
	select {
	case l <- struct{}{}:
		return true
	default:
		return false
	}
}
