package server

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/rules"
)

// AdminPrefix is the path under which the admin API lives.
const AdminPrefix = "/__krakensim/"

// adminEndpoint documents one admin route for the index page.
type adminEndpoint struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	What   string `json:"what"`
}

// adminEndpoints lists the admin API; routes.go registers the same paths.
var adminEndpoints = []adminEndpoint{
	{"GET", HealthPath, "readiness: 200 once the server serves"},
	{"GET", AdminPrefix, "this list; a browser gets the dashboard"},
	{"GET", AdminPrefix + "world", "a session's world (?session=): users and their sign-in secrets, accounts, organisations"},
	{"GET", SchemasPath + "scenario.json", "the JSON Schema of scenario files"},
	{"GET", SchemasPath + "fixtures.json", "the JSON Schema of fixture files"},
	{"GET", AdminPrefix + "sessions", "the live sessions"},
	{"GET", AdminPrefix + "sessions/{id}", "one session"},
	{"POST", AdminPrefix + "sessions/{id}/reset", "restore a session to the fixtures (state, clock, sign-ins, scenarios, counters)"},
	{"DELETE", AdminPrefix + "sessions/{id}", "forget a session"},
	{"GET", AdminPrefix + "sessions/{id}/rate-limit", "the session's points allowance policy and where it comes from"},
	{"POST", AdminPrefix + "sessions/{id}/rate-limit", `set the session's points allowance: {"rateLimit":"kraken"}, "off", a number of points an hour, or null`},
	{"POST", AdminPrefix + "reset", "forget every session"},
	{"GET", AdminPrefix + "clock", "a session's virtual time (session from X-Krakensim-Session or ?session=)"},
	{"POST", AdminPrefix + "clock", `move a session's clock: {"advance":"61m"}, {"set":"2025-01-01T00:00:00Z"}, {"freeze":true} or {"resume":true}`},
	{"POST", AdminPrefix + "clock/advance?by=61m", "move a session's clock forward"},
	{"GET", AdminPrefix + "scenarios", "the loaded scenarios and which are active (globally, or for ?session=)"},
	{"POST", AdminPrefix + "scenarios?activate=true", "upload a scenario file (YAML body), for ?session= alone or else for every session; it is linted first; uploads are bounded in count and bytes"},
	{"DELETE", AdminPrefix + "scenarios/{name}", "forget an uploaded scenario: ?session='s own upload, else one uploaded without a session"},
	{"POST", AdminPrefix + "scenarios/{name}/activate", "activate a scenario for ?session= (or X-Krakensim-Session), else globally"},
	{"POST", AdminPrefix + "scenarios/{name}/deactivate", "deactivate a scenario, for a session or globally"},
	{"POST", AdminPrefix + "scenarios/reset", "deactivate a session's scenarios (or return the global ones to the --scenarios files and --activate) and restart sequences"},
	{"GET", AdminPrefix + "sessions/{id}/requests", "a session's request journal, newest first, 100 a page (?field= &operationName= &path= &status= &errorCode= &unmatched=true &limit= up to 1000, &before=SEQ for the page after nextBefore)"},
	{"DELETE", AdminPrefix + "sessions/{id}/requests", "clear a session's request journal"},
	{"POST", AdminPrefix + "sessions/{id}/verify", "check the journal against a pattern (YAML or JSON: when, exactly/atLeast/atMost); lists near misses when it fails"},
	{"GET", AdminPrefix + "sessions/{id}/unmatched", "requests no scenario rule matched while rules existed for their field or route, with how each rule differed"},
	{"GET", AdminPrefix + "sessions/{id}/messages", "the emails and letters a session's mutations sent, newest first (?to= keeps one address's)"},
	{"GET", AdminPrefix + "sessions/{id}/checkouts", "the payments and payment methods a session handed to the test vendor, newest first, each with its checkout page's URL"},
	{"POST", AdminPrefix + "sessions/{id}/masquerade", `issue a support user's one-time token to act as a user: {"userId":"3235447"}; masqueradeAuthentication exchanges it`},
	{"GET", AdminPrefix + "checkout/{token}", "the test vendor's checkout page (POST pays or cancels; no admin token needed, as a customer's browser opens it)"},
	{"GET", AdminPrefix + "possible-errors?type=mutation&field=performMoveOut", "root fields' documented errors, as X-Kraken-Possible-Errors gives them (?endpoint= a GraphQL path, default the API site's; type query or mutation; field repeated)"},
	{"GET", AdminPrefix + "coverage", "contract coverage of ?session= (default: all sessions): root fields and routes called, outcomes, documented codes never produced"},
	{"DELETE", AdminPrefix + "coverage", "forget the coverage of ?session= (default: all sessions)"},
	{"GET", MetricsPath, "Prometheus metrics"},
}

// possibleErrors answers the documented errors of root fields without running them, as
// the IDE's force-error panel lists them whatever the served SDL calls its types.
func (s *Server) possibleErrors(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	path, op := cmp.Or(q.Get("endpoint"), sim.APIPath), q.Get("type")
	if op != "query" && op != "mutation" {
		writeDetail(w, http.StatusBadRequest, fmt.Sprintf("type %q: want query or mutation", op))
		return
	}
	out, ok := s.cfg.Sim.PossibleErrors(path, op, q["field"])
	if !ok {
		writeDetail(w, http.StatusNotFound, fmt.Sprintf("endpoint %q: no GraphQL endpoint is served there", path))
		return
	}
	writeAdmin(w, http.StatusOK, map[string]any{"possibleErrors": out})
}

// adminSession names the session an admin call is about: ?session=, else the header,
// else the default session.
func adminSession(r *http.Request) string {
	if id := r.URL.Query().Get("session"); id != "" {
		return id
	}
	return r.Header.Get(sim.SessionHeader)
}

// adminIndex answers a browser with the dashboard and API clients with the route list.
func (s *Server) adminIndex(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Vary", "Accept")
	if r.URL.Query().Get("format") != "json" && prefersHTML(r.Header.Values("Accept")) {
		s.serveDashboard(w, r)
		return
	}
	writeAdmin(w, http.StatusOK, map[string]any{"version": s.version(), "endpoints": adminEndpoints})
}

// world describes a session's world: users and how they sign in, accounts, organisations.
func (s *Server) world(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.Sim.SessionExists(adminSession(r)); err != nil {
		writeSessionError(w, err)
		return
	}
	ov, err := s.cfg.Sim.PeekWorld(adminSession(r))
	if err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	writeAdmin(w, http.StatusOK, ov)
}

// messages lists the emails a session's world sent, newest first; ?to= keeps those to
// one address.
func (s *Server) messages(w http.ResponseWriter, r *http.Request, id string) {
	if err := s.cfg.Sim.SessionExists(id); err != nil {
		writeSessionError(w, err)
		return
	}
	ov, err := s.cfg.Sim.PeekWorld(id)
	if err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	out := ov.Messages
	if to := r.URL.Query().Get("to"); to != "" {
		out = slices.DeleteFunc(out, func(m sim.Message) bool { return !strings.EqualFold(m.To, to) })
	}
	writeAdmin(w, http.StatusOK, map[string]any{"session": ov.Session, "messages": out})
}

// checkouts lists a session's checkouts, newest first, each page's URL on the origin
// the admin API was asked at.
func (s *Server) checkouts(w http.ResponseWriter, r *http.Request, id string) {
	if err := s.cfg.Sim.SessionExists(id); err != nil {
		writeSessionError(w, err)
		return
	}
	ov, err := s.cfg.Sim.PeekWorld(id)
	if err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	origin := sim.Origin(r.Host, r.TLS != nil, r.Header)
	for i := range ov.Checkouts {
		ov.Checkouts[i].Page = origin + ov.Checkouts[i].Page
	}
	writeAdmin(w, http.StatusOK, map[string]any{"session": ov.Session, "checkouts": ov.Checkouts})
}

// masquerade issues a support user's one-time token to act as one of the session's
// users: POST {"userId": "3235447"}.
func (s *Server) masquerade(w http.ResponseWriter, r *http.Request, id string) {
	var body struct {
		UserID string `json:"userId"`
	}
	if herr := decodeAdmin(r, s.cfg.MaxBodyBytes, &body); herr != "" {
		writeDetail(w, http.StatusBadRequest, herr)
		return
	}
	if body.UserID == "" {
		writeDetail(w, http.StatusBadRequest, `body: give {"userId": "<the user's id>"}`)
		return
	}
	t, err := s.cfg.Sim.IssueMasqueradeToken(r.Context(), id, body.UserID)
	var busy *sim.SessionBusyError
	switch {
	case errors.Is(err, sim.ErrNoUser):
		writeDetail(w, http.StatusNotFound, err.Error())
		return
	case errors.As(err, &busy):
		w.Header().Set("Retry-After", "1")
		writeDetail(w, http.StatusServiceUnavailable, err.Error())
		return
	case err != nil:
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	writeAdmin(w, http.StatusCreated, t)
}

func (s *Server) version() string {
	if s.cfg.Version == "" {
		return "dev"
	}
	return s.cfg.Version
}

func (s *Server) listSessions(w http.ResponseWriter, r *http.Request) {
	writeAdmin(w, http.StatusOK, map[string]any{"sessions": s.cfg.Sim.Sessions()})
}

func (s *Server) getSession(w http.ResponseWriter, r *http.Request, id string) {
	for _, info := range s.cfg.Sim.Sessions() {
		if info.ID == id {
			writeAdmin(w, http.StatusOK, info)
			return
		}
	}
	writeDetail(w, http.StatusNotFound, fmt.Sprintf("no session %q; sessions start with their first request", id))
}

func (s *Server) resetSession(w http.ResponseWriter, r *http.Request, id string) {
	if err := s.cfg.Sim.ResetSession(id); err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	s.getSession(w, r, id)
}

func (s *Server) deleteSession(w http.ResponseWriter, r *http.Request, id string) {
	if err := s.cfg.Sim.DeleteSession(id); err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, sim.ErrNoSession) {
			status = http.StatusNotFound
		}
		writeDetail(w, status, err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) resetAll(w http.ResponseWriter, r *http.Request) {
	s.cfg.Sim.ResetAll()
	writeAdmin(w, http.StatusOK, map[string]any{"sessions": s.cfg.Sim.Sessions()})
}

// clockRange names the times a clock may be set or moved to.
var clockRange = fmt.Sprintf("the clock's range, %s to %s (the years 1 to 9999, which JSON times can be written in)",
	auth.MinTime.Format(time.RFC3339), auth.MaxTime.Format(time.RFC3339Nano))

// durationSyntax matches what time.ParseDuration reads as a non-negative duration, so
// that one it refuses anyway is known to be too long.
var durationSyntax = regexp.MustCompile(`^\+?(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$`)

// clockBody is the body of POST /__krakensim/clock; exactly one field is set.
type clockBody struct {
	Advance string     `json:"advance"`
	Set     *time.Time `json:"set"`
	Freeze  bool       `json:"freeze"`
	Resume  bool       `json:"resume"`
}

func (s *Server) clock(w http.ResponseWriter, r *http.Request) {
	var body clockBody
	if r.Method == http.MethodPost {
		if r.URL.Path == AdminPrefix+"clock/advance" {
			body.Advance = r.URL.Query().Get("by")
			if body.Advance == "" {
				writeDetail(w, http.StatusBadRequest, "by: give a duration such as 61m or 7h")
				return
			}
		} else if herr := decodeAdmin(r, s.cfg.MaxBodyBytes, &body); herr != "" {
			writeDetail(w, http.StatusBadRequest, herr)
			return
		}
		n := 0
		for _, set := range []bool{body.Advance != "", body.Set != nil, body.Freeze, body.Resume} {
			if set {
				n++
			}
		}
		if n != 1 {
			writeDetail(w, http.StatusBadRequest, `give exactly one of "advance", "set", "freeze" or "resume"`)
			return
		}
	}
	var problem string
	var now time.Time
	var frozen bool
	id, err := s.cfg.Sim.UseClock(adminSession(r), r.Method == http.MethodPost, func(c *auth.Clock) {
		problem = moveClock(c, body)
		now, frozen = c.Now(), c.Frozen()
	})
	if err != nil {
		writeSessionError(w, err)
		return
	}
	if problem != "" {
		writeDetail(w, http.StatusBadRequest, problem)
		return
	}
	writeAdmin(w, http.StatusOK, map[string]any{"session": id, "now": now.UTC().Format(time.RFC3339Nano), "frozen": frozen})
}

// moveClock applies a clock move (none for a read) and returns what is wrong with it,
// or "".
func moveClock(c *auth.Clock, body clockBody) string {
	switch {
	case body.Advance != "":
		d, err := time.ParseDuration(body.Advance)
		if err != nil && durationSyntax.MatchString(body.Advance) {
			return fmt.Sprintf("advance: %q is over the longest advance, %s (about 292 years); "+
				"give \"set\" to move further within %s", body.Advance, time.Duration(math.MaxInt64), clockRange)
		}
		if err != nil || d < 0 {
			return fmt.Sprintf("advance: %q is not a non-negative duration such as 61m or 7h", body.Advance)
		}
		if to := c.Now().Add(d); !auth.InRange(to) {
			return fmt.Sprintf("advance: %s would move the clock to %s, past %s", body.Advance, to.UTC().Format(time.RFC3339), clockRange)
		}
		c.Advance(d)
	case body.Set != nil:
		if !auth.InRange(*body.Set) {
			return fmt.Sprintf("set: %s is outside %s", body.Set.Format(time.RFC3339Nano), clockRange)
		}
		c.Set(*body.Set)
	case body.Freeze:
		c.Freeze()
	case body.Resume:
		c.Resume()
	}
	return ""
}

// decodeAdmin decodes a JSON admin body strictly and returns a message naming the
// problem, or "".
func decodeAdmin(r *http.Request, limit int64, v any) string {
	b, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return "body: " + err.Error()
	}
	if int64(len(b)) > limit {
		return fmt.Sprintf("body: over the %d-byte limit", limit)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		msg := describeJSONError(b, err) // names err once, after its place when it has one
		if strings.HasPrefix(msg, ": ") {
			return "body" + msg
		}
		return "body:" + msg
	}
	return ""
}

func writeAdmin(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		writeDetail(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// health answers the readiness check.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		e := errorf(http.StatusMethodNotAllowed, "method %s is not allowed on %s; use GET", r.Method, HealthPath)
		e.allow = "GET, HEAD"
		writeError(w, mediaJSON, e)
		return
	}
	body, _ := json.Marshal(struct {
		Status  string `json:"status"`
		Version string `json:"version"`
	}{"ok", s.version()})
	writeBody(w, mediaJSON, http.StatusOK, body)
}

// ScenarioLoader parses (and lints) an uploaded scenario file; warnings do not stop it.
type ScenarioLoader func(name string, src []byte) (scs []*rules.Scenario, warnings []string, err error)

func (s *Server) listScenarios(w http.ResponseWriter, r *http.Request) {
	session := adminSession(r)
	list, err := s.cfg.Sim.Scenarios(session)
	if err != nil {
		writeSessionError(w, err)
		return
	}
	out := map[string]any{"session": session, "scenarios": list}
	if refused := s.cfg.Sim.ScenarioFileProblems(); len(refused) > 0 {
		out["refusedFiles"] = refused
	}
	writeAdmin(w, http.StatusOK, out)
}

// writeSessionError answers an admin call that failed on its session: 404 for one that
// does not exist, else 400.
func writeSessionError(w http.ResponseWriter, err error) {
	status := http.StatusBadRequest
	if errors.Is(err, sim.ErrNoSession) {
		status = http.StatusNotFound
	}
	writeDetail(w, status, err.Error())
}

func (s *Server) uploadScenarios(w http.ResponseWriter, r *http.Request) {
	if s.cfg.LoadScenarios == nil {
		writeDetail(w, http.StatusNotImplemented, "this server was not given a scenario parser")
		return
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeDetail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body: over the %d-byte limit (--max-body-bytes)", s.cfg.MaxBodyBytes))
			return
		}
		writeDetail(w, http.StatusBadRequest, "body: "+err.Error())
		return
	}
	name := r.URL.Query().Get("name")
	if name == "" {
		name = uploadName(b)
	}
	scs, warnings, err := s.cfg.LoadScenarios(name, b)
	if warnings == nil {
		warnings = []string{}
	}
	if err != nil {
		writeAdmin(w, http.StatusBadRequest, map[string]any{"detail": "the scenario file has problems; nothing was loaded", "problems": strings.Split(strings.TrimSpace(err.Error()), "\n"), "warnings": warnings})
		return
	}
	upload := s.cfg.Sim.Upload
	if act := r.URL.Query().Get("activate"); act == "true" || act == "1" {
		upload = s.cfg.Sim.UploadActive // one step: a reset of the session cannot come between
	}
	names, err := upload(adminSession(r), scs, int64(len(b)))
	if err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, sim.ErrUploadLimit) {
			status = http.StatusConflict
		}
		writeDetail(w, status, err.Error())
		return
	}
	list, err := s.cfg.Sim.Scenarios(adminSession(r))
	if err != nil {
		writeSessionError(w, err)
		return
	}
	writeAdmin(w, http.StatusCreated, map[string]any{"loaded": names, "warnings": warnings, "scenarios": list})
}

// uploadName is what an upload without ?name= is called in its positions and source:
// upload/NAME.yaml after the first scenario it names, so that the rules of two uploads
// are told apart in the journal, /unmatched and lint problems; upload.yaml when it names
// none.
func uploadName(body []byte) string {
	if names := scenarios.Names(body); len(names) > 0 {
		return "upload/" + names[0] + ".yaml"
	}
	return "upload.yaml"
}

func (s *Server) deleteUpload(w http.ResponseWriter, r *http.Request, name string) {
	if err := s.cfg.Sim.RemoveUpload(adminSession(r), name); err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, sim.ErrNoScenario) || errors.Is(err, sim.ErrNoSession) {
			status = http.StatusNotFound
		}
		writeDetail(w, status, err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) activateScenario(w http.ResponseWriter, r *http.Request, name string) {
	s.toggleScenario(w, r, name, true)
}

func (s *Server) deactivateScenario(w http.ResponseWriter, r *http.Request, name string) {
	s.toggleScenario(w, r, name, false)
}

func (s *Server) toggleScenario(w http.ResponseWriter, r *http.Request, name string, on bool) {
	session := adminSession(r)
	var err error
	if on {
		err = s.cfg.Sim.ActivateScenario(name, session)
	} else {
		err = s.cfg.Sim.DeactivateScenario(name, session)
	}
	if err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, sim.ErrNoScenario) {
			status = http.StatusNotFound
		}
		writeDetail(w, status, err.Error())
		return
	}
	s.listScenarios(w, r)
}

func (s *Server) resetScenarios(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.Sim.ResetScenarios(adminSession(r)); err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	s.listScenarios(w, r)
}
