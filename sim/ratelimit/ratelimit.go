// Package ratelimit is Kraken's points allowance: each viewer spends its requests'
// complexity from an hourly allowance, on a clock the caller supplies (a session's
// virtual clock), and is refused until the window resets once the allowance is spent.
package ratelimit

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Window is how long an allowance lasts, from a viewer's first request.
const Window = time.Hour

// Kraken's hourly allowances, in points, by kind of viewer.
const (
	KrakenAccountUser  = 50000
	KrakenOrganization = 100000
	KrakenOAuthApp     = 300000
)

// Viewer kinds a Policy gives an allowance to.
const (
	AccountUser  = "account-user"
	Organization = "organization"
	OAuthApp     = "oauth-application"
	// Anonymous is a caller without credentials, counted by client IP; Kraken publishes
	// no figure for it, so the kraken policy gives it an account user's allowance.
	Anonymous = "anonymous"
)

// Policy says how large each viewer's allowance is; the zero Policy is off.
type Policy struct {
	// Kraken applies Kraken's figures by viewer kind; otherwise Points is every
	// viewer's allowance, and 0 turns rate limiting off.
	Kraken bool
	Points int
}

// Off reports whether the policy limits nothing.
func (p Policy) Off() bool { return !p.Kraken && p.Points <= 0 }

// Limit is the allowance of a viewer of the given kind; 0 when the policy is off.
func (p Policy) Limit(kind string) int {
	switch {
	case p.Kraken && kind == Organization:
		return KrakenOrganization
	case p.Kraken && kind == OAuthApp:
		return KrakenOAuthApp
	case p.Kraken:
		return KrakenAccountUser
	case p.Points > 0:
		return p.Points
	}
	return 0
}

// String is the policy as ParsePolicy reads it: "off", "kraken" or a number.
func (p Policy) String() string {
	switch {
	case p.Kraken:
		return "kraken"
	case p.Points > 0:
		return strconv.Itoa(p.Points)
	}
	return "off"
}

// maxPoints bounds a numeric allowance, so that sums of costs cannot overflow.
const maxPoints = 1 << 40

// ParsePolicy reads "off", "kraken" or a positive number of points an hour.
func ParsePolicy(s string) (Policy, error) {
	switch v := strings.ToLower(strings.TrimSpace(s)); v {
	case "off", "":
		return Policy{}, nil
	case "kraken":
		return Policy{Kraken: true}, nil
	default:
		n, err := strconv.ParseInt(strings.ReplaceAll(v, "_", ""), 10, 64)
		if err != nil || n <= 0 || n > maxPoints {
			return Policy{}, fmt.Errorf("rate limit %q: want off, kraken or a number of points an hour from 1 to %d", s, int64(maxPoints))
		}
		return Policy{Points: int(n)}, nil
	}
}

// Status is a viewer's allowance at one moment, as rateLimitInfo reports it.
type Status struct {
	Limit, Used, Remaining int
	// Reset is when the viewer gets a new allowance (zero before its first request).
	Reset   time.Time
	Blocked bool
}

// Limiter holds the allowances of one session's viewers. It is not safe for concurrent
// use: the session's lock guards it.
type Limiter struct {
	windows map[string]*window
}

type window struct {
	start time.Time
	used  int
}

// maxViewers bounds the windows a Limiter keeps; beyond it, expired ones are dropped
// and then the oldest, so hostile clients cannot grow it without bound.
const maxViewers = 10000

// Spend charges cost to the viewer's allowance at now. It refuses (ok false, nothing
// charged) when the allowance of limit points is already spent in the current window; a
// request within the allowance is charged in full, even past the limit, as a request is
// never half served. limit 0 charges nothing and refuses nothing.
func (l *Limiter) Spend(viewer string, limit, cost int, now time.Time) (Status, bool) {
	if limit <= 0 {
		return Status{}, true
	}
	w := l.current(viewer, now, true)
	if w.used >= limit {
		return status(w, limit), false
	}
	w.used += max(cost, 0)
	return status(w, limit), true
}

// Peek is the viewer's allowance at now, without charging anything.
func (l *Limiter) Peek(viewer string, limit int, now time.Time) Status {
	if limit <= 0 {
		return Status{}
	}
	w := l.current(viewer, now, false)
	if w == nil {
		return Status{Limit: limit, Remaining: limit}
	}
	return status(w, limit)
}

// Reset forgets every viewer's window.
func (l *Limiter) Reset() { l.windows = nil }

func (l *Limiter) current(viewer string, now time.Time, create bool) *window {
	w := l.windows[viewer]
	if w != nil && !now.Before(w.start.Add(Window)) {
		delete(l.windows, viewer)
		w = nil
	}
	if w != nil || !create {
		return w
	}
	if l.windows == nil {
		l.windows = map[string]*window{}
	}
	if len(l.windows) >= maxViewers {
		l.evict(now)
	}
	w = &window{start: now}
	l.windows[viewer] = w
	return w
}

func (l *Limiter) evict(now time.Time) {
	var oldest string
	for k, w := range l.windows {
		if !now.Before(w.start.Add(Window)) {
			delete(l.windows, k)
			continue
		}
		if oldest == "" || w.start.Before(l.windows[oldest].start) {
			oldest = k
		}
	}
	if len(l.windows) >= maxViewers && oldest != "" {
		delete(l.windows, oldest)
	}
}

func status(w *window, limit int) Status {
	return Status{
		Limit: limit, Used: w.used, Remaining: max(limit-w.used, 0),
		Reset: w.start.Add(Window), Blocked: w.used >= limit,
	}
}
