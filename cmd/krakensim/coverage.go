package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim/coverage"
)

func runCoverage(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet("coverage", "krakensim coverage --url URL [--session S] [--format text|json|junit] [--min PERCENT]")
	base := fs.String("url", "http://127.0.0.1:8080", "base `URL` of a running krakensim")
	session := fs.String("session", "", "`session` to report on (default: all sessions)")
	format := fs.String("format", "text", "output `format`: text, json or junit")
	minPct := fs.Float64("min", 0, "exit with status 1 when fewer than this `percent` of the root fields and routes were called")
	timeout := fs.Duration("timeout", 10*time.Second, "how long to wait for the server")
	var headers stringList
	fs.Var(&headers, "header", "`Name: value` header to send, such as an admin token (repeatable)")
	if err := fs.parse(env, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("coverage: unexpected argument %q", fs.Arg(0))
	}
	if *format != "text" && *format != "json" && *format != "junit" {
		return usagef("coverage: --format %q: want text, json or junit", *format)
	}
	if *minPct < 0 || *minPct > 100 {
		return usagef("coverage: --min %g: want a percentage from 0 to 100", *minPct)
	}
	u, err := url.Parse(strings.TrimRight(*base, "/") + "/__krakensim/coverage")
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("coverage: --url %q: want an http or https URL such as http://127.0.0.1:8080", *base)
	}
	if *session != "" {
		u.RawQuery = url.Values{"session": {*session}}.Encode()
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return usagef("coverage: --header %q: want Name: value", h)
		}
		req.Header.Set(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("coverage: reading %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		var detail struct{ Detail string }
		_ = json.Unmarshal(body, &detail)
		if detail.Detail == "" {
			detail.Detail = strings.TrimSpace(string(body))
		}
		return fmt.Errorf("coverage: %s answered %d: %s", u, resp.StatusCode, detail.Detail)
	}
	var rep coverage.Report
	if err := json.Unmarshal(body, &rep); err != nil {
		return fmt.Errorf("coverage: %s did not answer a coverage report: %w", u, err)
	}
	switch *format {
	case "json":
		_, err = env.stdout.Write(body)
	case "junit":
		err = rep.WriteJUnit(env.stdout)
	default:
		err = rep.WriteText(env.stdout)
	}
	if err != nil {
		return err
	}
	if rep.Summary.Percent < *minPct {
		fmt.Fprintf(env.stderr, "krakensim: coverage %.1f%% is below --min %g%%\n", rep.Summary.Percent, *minPct)
		return &exitError{code: 1}
	}
	return nil
}
