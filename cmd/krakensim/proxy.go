package main

import (
	"log/slog"
	"net/url"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/record"
	"github.com/krakensim/krakensim/sim/server"
)

// newProxy builds the simulator's proxy from serve's --proxy-to and --record flags.
func newProxy(to string, timeout time.Duration, dir string, failures bool, redact []string, logger *slog.Logger) (sim.Proxy, error) {
	if to == "" {
		if dir != "" {
			return sim.Proxy{}, usagef("serve: --record needs --proxy-to, the Kraken whose answers it records")
		}
		return sim.Proxy{}, nil
	}
	if timeout < 0 {
		return sim.Proxy{}, usagef("serve: --proxy-timeout must not be negative, got %s", timeout)
	}
	up, err := server.NewUpstream(to, timeout)
	if err != nil {
		return sim.Proxy{}, usagef("serve: --proxy-to: %v", err)
	}
	p := sim.Proxy{Upstream: up}
	if dir == "" {
		return p, nil
	}
	rec, err := record.New(record.Options{
		Dir: dir, Failures: failures, Source: redactedURL(to), Upstream: to,
		PersonalFields: append(append([]string(nil), record.PersonalFields...), redact...),
		OnError:        func(err error) { logger.Error(err.Error()) },
	})
	if err != nil {
		return sim.Proxy{}, usagef("serve: --record: %v", err)
	}
	p.Recorder = rec
	return p, nil
}

// redactedURL shows a URL without its user info or query, which may hold secrets.
func redactedURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}
