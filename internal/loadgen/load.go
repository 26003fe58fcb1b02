package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// call is one request of the mix; wantError is the only GraphQL error code it expects.
type call struct {
	name, path, body string
	token            bool
	header           [2]string
	wantError        string
}

var mix = []call{
	{name: "viewer", path: "/v1/graphql/", token: true, body: `{"query":"{ viewer { email givenName accounts { number balance } } }"}`},
	{name: "account", path: "/v1/graphql/", token: true, body: `{"query":"{ account(accountNumber: \"A-C90DC431\") { number balance properties { address postcode } ledgers { number balance } } }"}`},
	{name: "updateUser", path: "/v1/graphql/", token: true, body: `{"query":"mutation { updateUser(input: {givenName: \"Load\"}) { viewer { givenName } } }"}`},
	{name: "scripted-error", path: "/v1/graphql/", token: true, header: [2]string{"X-Krakensim-Scenario", "payment-schedule-errors"}, wantError: "KT-CT-3942",
		body: `{"query":"mutation { createAccountPaymentSchedule(input: {accountNumber: \"A-FA11ED01\", ledgerNumber: \"L-1\", paymentDay: 3}) { schedule { id } } }"}`},
	{name: "import-note", path: "/v1/data-import/notes/create/", header: [2]string{"Authorization", "Token krakensim-import-key"},
		body: `{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","notes":[{"body":"load"}]}`},
}

// check returns why an answer to c is a failure, or nil: a status other than 2xx, or
// for GraphQL an unreadable body or any error but the one c expects.
func check(c call, status int, body []byte) error {
	if status < 200 || status > 299 {
		return fmt.Errorf("status %d: %.200s", status, body)
	}
	if c.path != "/v1/graphql/" && c.path != "/graphql/" {
		return nil
	}
	var out struct {
		Errors []struct {
			Message    string `json:"message"`
			Extensions struct {
				ErrorCode string `json:"errorCode"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return fmt.Errorf("not JSON: %v: %.200s", err, body)
	}
	if c.wantError != "" {
		if len(out.Errors) != 1 || out.Errors[0].Extensions.ErrorCode != c.wantError {
			return fmt.Errorf("want the one error %s, got %.300s", c.wantError, body)
		}
		return nil
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("GraphQL error %s: %s", out.Errors[0].Extensions.ErrorCode, out.Errors[0].Message)
	}
	return nil
}

// options configures a load run.
type options struct {
	base        string
	workers     int
	duration    time.Duration
	perSession  int // requests per session; 0 keeps one session per worker
	sampleEvery time.Duration
	sampler     func() memSample // nil: no memory samples
	out         io.Writer        // progress lines; nil is silent
}

// report is what a load run measured.
type report struct {
	elapsed  time.Duration
	workers  int
	sessions int64
	calls    map[string]*histogram
	failures int64
	failed   map[string]int64
	first    map[string]string // the first failure of each call
	samples  []memSample
}

func runLoad(ctx context.Context, client *http.Client, opt options) *report {
	rep := &report{workers: opt.workers, calls: map[string]*histogram{}, failed: map[string]int64{}, first: map[string]string{}}
	for _, c := range mix {
		rep.calls[c.name] = &histogram{}
	}
	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		requests atomic.Int64
		sessions atomic.Int64
	)
	fail := func(name string, err error) {
		mu.Lock()
		defer mu.Unlock()
		rep.failures++
		rep.failed[name]++
		if _, ok := rep.first[name]; !ok {
			rep.first[name] = err.Error()
		}
	}
	ctx, cancel := context.WithTimeout(ctx, opt.duration)
	defer cancel()
	start := time.Now()
	for w := range opt.workers {
		wg.Go(func() {
			local := map[string]*histogram{}
			for _, c := range mix {
				local[c.name] = &histogram{}
			}
			defer func() {
				mu.Lock()
				for k, h := range local {
					rep.calls[k].merge(h)
				}
				mu.Unlock()
			}()
			var session, token string
			for i := 0; ctx.Err() == nil; i++ {
				if token == "" || (opt.perSession > 0 && i%opt.perSession == 0) {
					session = fmt.Sprintf("load-%d-%d", w, sessions.Add(1))
					var err error
					if token, err = signIn(ctx, client, opt.base, session); err != nil {
						if ctx.Err() == nil {
							fail("sign-in", err)
							time.Sleep(100 * time.Millisecond)
						}
						continue
					}
				}
				c := mix[i%len(mix)]
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, opt.base+c.path, bytes.NewBufferString(c.body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Krakensim-Session", session)
				if c.token {
					req.Header.Set("Authorization", "JWT "+token)
				}
				if c.header[0] != "" {
					req.Header.Set(c.header[0], c.header[1])
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						fail(c.name, err)
					}
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err == nil {
					err = check(c, resp.StatusCode, body)
				}
				if err != nil && ctx.Err() != nil {
					continue // cut off by the end of the run
				}
				local[c.name].add(time.Since(t0))
				requests.Add(1)
				if err != nil {
					fail(c.name, err)
				}
			}
		})
	}
	if opt.sampler != nil {
		wg.Go(func() {
			tick := time.NewTicker(opt.sampleEvery)
			defer tick.Stop()
			last, lastAt := int64(0), start
			take := func() {
				m := opt.sampler()
				now := time.Now()
				n := requests.Load()
				m.at, m.requests, m.sessions = now.Sub(start), n, sessions.Load()
				m.rps = float64(n-last) / now.Sub(lastAt).Seconds()
				last, lastAt = n, now
				mu.Lock()
				rep.samples = append(rep.samples, m)
				mu.Unlock()
				if opt.out != nil {
					fmt.Fprintln(opt.out, m.String())
				}
			}
			take()
			for {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
					take()
				}
			}
		})
	}
	wg.Wait()
	rep.elapsed = time.Since(start)
	rep.sessions = sessions.Load()
	return rep
}

func signIn(ctx context.Context, client *http.Client, base, session string) (string, error) {
	body := `{"query":"mutation { obtainKrakenToken(input: {email: \"demo@krakensim.dev\", password: \"krakensim\"}) { token } }"}`
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/graphql/", bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Krakensim-Session", session)
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if err := check(call{path: "/v1/graphql/"}, resp.StatusCode, b); err != nil {
		return "", fmt.Errorf("sign-in: %w", err)
	}
	var out struct {
		Data struct {
			ObtainKrakenToken struct{ Token string } `json:"obtainKrakenToken"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &out); err != nil || out.Data.ObtainKrakenToken.Token == "" {
		return "", fmt.Errorf("sign-in: no token in %.200s", b)
	}
	return out.Data.ObtainKrakenToken.Token, nil
}

func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "%-16s %9s %10s %10s %10s %9s\n", "call", "count", "p50", "p99", "max", "failures")
	all := &histogram{}
	for _, c := range mix {
		h := r.calls[c.name]
		all.merge(h)
		fmt.Fprintf(w, "%-16s %9d %10s %10s %10s %9d\n", c.name, h.count, h.quantile(0.5), h.quantile(0.99), h.max.Round(time.Microsecond), r.failed[c.name])
	}
	fmt.Fprintf(w, "%-16s %9d %10s %10s %10s %9d\n", "all", all.count, all.quantile(0.5), all.quantile(0.99), all.max.Round(time.Microsecond), r.failures)
	fmt.Fprintf(w, "%d requests in %s from %d connections over %d sessions: %.0f req/s, %d failures\n",
		all.count, r.elapsed.Round(time.Millisecond), r.workers, r.sessions, float64(all.count)/r.elapsed.Seconds(), r.failures)
	names := make([]string, 0, len(r.first))
	for k := range r.first {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(w, "  first %s failure: %s\n", k, r.first[k])
	}
	if len(r.samples) > 0 {
		fmt.Fprintln(w, "memory:")
		for _, s := range r.samples {
			fmt.Fprintln(w, "  "+s.String())
		}
	}
}

// histogram records durations in buckets 2% wide, in constant memory.
type histogram struct {
	buckets [1200]int64
	count   int64
	max     time.Duration
}

const bucketGrowth = 1.02

func bucketOf(d time.Duration) int {
	if d < time.Microsecond {
		return 0
	}
	i := int(math.Log(float64(d)/float64(time.Microsecond))/math.Log(bucketGrowth)) + 1
	return min(i, len(histogram{}.buckets)-1)
}

func (h *histogram) add(d time.Duration) {
	h.buckets[bucketOf(d)]++
	h.count++
	h.max = max(h.max, d)
}

func (h *histogram) merge(o *histogram) {
	for i, n := range o.buckets {
		h.buckets[i] += n
	}
	h.count += o.count
	h.max = max(h.max, o.max)
}

// quantile returns the upper bound of the bucket holding quantile q (within 2%).
func (h *histogram) quantile(q float64) time.Duration {
	if h.count == 0 {
		return 0
	}
	rank := int64(math.Ceil(q * float64(h.count)))
	var seen int64
	for i, n := range h.buckets {
		if seen += n; seen >= max(rank, 1) {
			if i == 0 {
				return time.Microsecond
			}
			return min(time.Duration(float64(time.Microsecond)*math.Pow(bucketGrowth, float64(i))), h.max).Round(time.Microsecond)
		}
	}
	return h.max
}
