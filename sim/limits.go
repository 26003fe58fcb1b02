package sim

import (
	"context"
	"encoding/json"
	"net"
	"strings"

	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/ratelimit"
	"github.com/krakensim/krakensim/sim/rules"
)

// CodeTooManyRequests is Kraken's error code for a viewer whose points allowance is spent.
const CodeTooManyRequests = "KT-CT-1199"

// HeaderQueryComplexity names the request header that asks for an operation's
// complexity instead of its execution.
const HeaderQueryComplexity = "X-Kraken-Query-Complexity"

// wantsComplexity reports whether the request asks for its complexity only.
func wantsComplexity(h map[string][]string) bool {
	switch strings.ToLower(strings.TrimSpace(headerValue(h, HeaderQueryComplexity))) {
	case "true", "1", "yes":
		return true
	}
	return false
}

// complexityOnly answers a request with its complexity, per root field and in total,
// without executing it (nor charging the allowance).
func (e *Endpoint) complexityOnly(req *graphql.Request) *graphql.Response {
	cost, errs := e.exec.Cost(req)
	if errs != nil {
		return &graphql.Response{Invalid: true, Errors: errs}
	}
	fields := make(map[string]any, len(cost.Fields))
	for _, f := range cost.Fields {
		fields[f.Key] = f.Complexity
	}
	return &graphql.Response{Executed: true, Extensions: map[string]any{
		"queryComplexity": map[string]any{"total": cost.Complexity, "fields": fields, "nodes": cost.Nodes},
	}}
}

// rateLimit is the points-allowance policy that applies to the session: its own
// (SetRateLimit), else that of its active scenarios, else the simulator's.
func (s *Simulator) rateLimit(request []string, sess *Session) ratelimit.Policy {
	if sess.ratePolicy != nil {
		return *sess.ratePolicy
	}
	if p, ok := s.scenarioRateLimit(request, sess); ok {
		return p
	}
	return s.ratePolicy
}

// scenarioRateLimit is the rate limit of the first active scenario that sets one,
// request scenarios before the session's before the global ones.
func (s *Simulator) scenarioRateLimit(request []string, sess *Session) (ratelimit.Policy, bool) {
	s.scenarios.mu.RLock()
	defer s.scenarios.mu.RUnlock()
	for _, names := range [][]string{request, sess.scenarios, s.scenarios.global} {
		for _, name := range names {
			sc := s.scenarios.find(name)
			for _, o := range sess.uploads {
				if o.Name == name {
					sc = o
				}
			}
			if sc != nil && sc.RateLimit != nil {
				return *sc.RateLimit, true
			}
		}
	}
	return ratelimit.Policy{}, false
}

func (set *scenarioSet) find(name string) *rules.Scenario {
	for _, list := range [][]*rules.Scenario{set.uploaded, set.base} {
		for _, sc := range list {
			if sc.Name == name {
				return sc
			}
		}
	}
	return nil
}

// SetRateLimit gives the session its own points-allowance policy; nil returns it to
// its scenarios' or the simulator's. Changing it starts every viewer's window afresh.
func (s *Simulator) SetRateLimit(id string, p *ratelimit.Policy) error {
	ctx, cancel := s.withDeadline(context.Background())
	defer cancel()
	sess, err := s.acquire(ctx, id)
	if err != nil {
		return err
	}
	defer s.release(sess)
	if p != nil {
		p2 := *p
		p = &p2
	}
	sess.ratePolicy = p
	sess.limiter.Reset()
	return nil
}

// RateLimitStatus is a session's rate limit as the admin API shows it.
type RateLimitStatus struct {
	// Policy is "off", "kraken" or the points an hour.
	Policy string `json:"policy"`
	// Source says where the policy comes from: "session", "scenario" or "server".
	Source string `json:"source"`
}

// RateLimit reports the policy that applies to the session and where it comes from.
// It fails with ErrNoSession for a session that does not exist, rather than making it.
func (s *Simulator) RateLimit(id string) (RateLimitStatus, error) {
	if _, err := s.readable(id); err != nil {
		return RateLimitStatus{}, err
	}
	ctx, cancel := s.withDeadline(context.Background())
	defer cancel()
	sess, err := s.acquire(ctx, id)
	if err != nil {
		return RateLimitStatus{}, err
	}
	defer s.release(sess)
	switch p, ok := s.scenarioRateLimit(nil, sess); {
	case sess.ratePolicy != nil:
		return RateLimitStatus{Policy: sess.ratePolicy.String(), Source: "session"}, nil
	case ok:
		return RateLimitStatus{Policy: p.String(), Source: "scenario"}, nil
	}
	return RateLimitStatus{Policy: s.ratePolicy.String(), Source: "server"}, nil
}

// viewer names who spends a request's points, and its kind: the signed-in user or
// organization, or the client's IP for a call without a valid credential.
func (x *exchange) viewer() (key, kind string) {
	if claims := x.claims(); claims != nil {
		if claims.Organization != "" {
			return "organization:" + claims.Organization, ratelimit.Organization
		}
		return "account-user:" + claims.UserID, ratelimit.AccountUser
	}
	host := x.req.RemoteAddr
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return "ip:" + host, ratelimit.Anonymous
}

// claims are what the request's valid credential says, nil without one.
func (x *exchange) claims() *auth.Claims {
	if h := strings.TrimSpace(headerValue(x.req.Header, "Authorization")); h != "" {
		if claims, fail := x.session.Authenticate(h); fail == nil {
			return claims
		}
	}
	return nil
}

// chargeAllowance spends the request's complexity from its viewer's allowance, and
// marks the exchange refused when the allowance is already spent. A request that fails
// before execution (syntax, validation, over the complexity or node limit) costs
// nothing, as it is never run.
func (x *exchange) chargeAllowance(request []string) {
	policy := x.endpoint.sim.rateLimit(request, x.session)
	if policy.Off() {
		return
	}
	key, kind := x.viewer()
	limit := policy.Limit(kind)
	cost, errs := x.endpoint.exec.Cost(x.req)
	if errs != nil || x.endpoint.exec.OverLimit(cost) {
		st := x.session.limiter.Peek(key, limit, x.session.Now())
		x.rate = &st
		return
	}
	st, ok := x.session.limiter.Spend(key, limit, max(cost.Complexity, 1), x.session.Now())
	x.rate, x.rateLimited = &st, !ok
}

// rateLimitInfo answers Kraken's rateLimitInfo query: the viewer's points allowance
// after this request, or null when rate limiting is off.
func rateLimitInfo(ctx context.Context, _ *Call) (any, error) {
	out := map[string]any{"pointsAllowanceRateLimit": nil, "fieldSpecificRateLimits": noFieldLimits()}
	if x := exchangeFrom(ctx); x != nil && x.rate != nil {
		out["pointsAllowanceRateLimit"] = allowanceInfo(x.rate)
	}
	return out, nil
}

// noFieldLimits is the empty connection of field-specific rate limits (Origin's SDL has
// them): the simulator limits no field on its own.
func noFieldLimits() map[string]any {
	return map[string]any{
		"edges": []any{}, "totalCount": 0, "edgeCount": 0,
		"pageInfo": map[string]any{"hasNextPage": false, "hasPreviousPage": false, "startCursor": nil, "endCursor": nil},
	}
}

// rateLimitLegacy answers the deprecated rateLimit query of older SDLs.
func rateLimitLegacy(ctx context.Context, _ *Call) (any, error) {
	x := exchangeFrom(ctx)
	if x == nil || x.rate == nil {
		return nil, nil
	}
	return allowanceInfo(x.rate), nil
}

func allowanceInfo(st *ratelimit.Status) map[string]any {
	var ttl any
	if !st.Reset.IsZero() {
		ttl = st.Reset.Unix()
	}
	return map[string]any{
		"limit": st.Limit, "remainingPoints": st.Remaining, "usedPoints": st.Used,
		"ttl": ttl, "isBlocked": st.Blocked,
	}
}

// queryComplexity answers Kraken's queryComplexity query: the complexity of the
// operation in its input, measured against this endpoint's schema.
func queryComplexity(ctx context.Context, c *Call) (any, error) {
	x := exchangeFrom(ctx)
	input, _ := c.Arg("input").(map[string]any)
	query, _ := input["query"].(string)
	req := &graphql.Request{Query: query}
	req.OperationName, _ = input["operationName"].(string)
	switch v := input["variables"].(type) {
	case string:
		if strings.TrimSpace(v) != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				return nil, badQuery("queryComplexity: input.variables is not a JSON object: " + err.Error())
			}
		}
	case map[string]any:
		req.Variables = v
	}
	if x == nil {
		return nil, nil
	}
	cost, errs := x.endpoint.exec.Cost(req)
	if errs != nil {
		return nil, badQuery("queryComplexity: input.query: " + errs[0].Message)
	}
	return map[string]any{"complexityValue": cost.Complexity}, nil
}

// CodeBadQuery is the errorCode of queryComplexity given a query it cannot measure;
// Kraken's own code for this is not published.
const CodeBadQuery = "KRAKENSIM-BAD-QUERY"

func badQuery(msg string) *graphql.Error {
	return &graphql.Error{Message: msg, Extensions: map[string]any{"errorType": ErrorTypeValidation, "errorCode": CodeBadQuery}}
}
