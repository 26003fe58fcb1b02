package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// workload is one kind of request the comparison sends again and again.
type workload struct {
	name, path, body string
	header           map[string]string
	signedIn         bool
}

// workloads are issue 16's four: a sign-in, a forced error, a signed-in read and a
// REST import.
var workloads = []workload{
	{name: "obtainKrakenToken (email + password)", path: "/v1/graphql/",
		body: `{"query":"mutation($i: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $i) { token refreshToken } }","variables":{"i":{"email":"demo@krakensim.dev","password":"krakensim"}}}`},
	{name: "createAccountPaymentSchedule, KT-CT-3942 forced", path: "/v1/graphql/",
		header: map[string]string{"X-Krakensim-Error": "KT-CT-3942"},
		body:   `{"query":"mutation($i: CreateAccountPaymentScheduleInput!) { createAccountPaymentSchedule(input: $i) { schedule { id } } }","variables":{"i":{"accountNumber":"A-C90DC431","ledgerNumber":"L-6B2F0A1C","paymentDay":5,"paymentAmount":1500}}}`},
	{name: "viewer, signed in", path: "/v1/graphql/", signedIn: true,
		body: `{"query":"{ viewer { givenName familyName email accounts { number status balance } } }"}`},
	{name: "POST notes/create (the seed's note, API key)", path: "/v1/data-import/notes/create/",
		header: map[string]string{"Authorization": "Token krakensim-import-key"},
		body:   `{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","notes":[{"body":"Some important pinned note.","is_pinned":true,"unpin_at":"2020-06-01T12:00:00Z"}]}`},
}

// result is one server's figures under one workload.
type result struct {
	rps float64
	p99 time.Duration
}

// compare drives krakensim (at base) and a bare handler answering the very bytes
// krakensim answered, with the same client, workload by workload, and prints each
// throughput and their ratio. Both servers share the machine with the client.
func compare(ctx context.Context, client *http.Client, base string, opt options) error {
	fmt.Fprintf(opt.out, "%-50s %12s %12s %7s %9s %9s\n", "workload", "krakensim/s", "bare/s", "ratio", "p99 ms", "bare p99")
	for i, wl := range workloads {
		session := fmt.Sprintf("compare-%d", i)
		header := map[string]string{"Content-Type": "application/json", "X-Krakensim-Session": session}
		for k, v := range wl.header {
			header[k] = v
		}
		if wl.signedIn {
			tok, err := signIn(ctx, client, base, session)
			if err != nil {
				return fmt.Errorf("%s: sign-in: %w", wl.name, err)
			}
			header["Authorization"] = tok
		}
		status, ctype, answer, err := send(ctx, client, base+wl.path, header, wl.body)
		if err != nil {
			return fmt.Errorf("%s: %w", wl.name, err)
		}
		if status/100 != 2 {
			return fmt.Errorf("%s: krakensim answered %d: %s", wl.name, status, answer)
		}
		bare, stop, err := bareServer(status, ctype, answer)
		if err != nil {
			return err
		}
		k := drive(ctx, client, base+wl.path, header, wl.body, opt)
		b := drive(ctx, client, bare+wl.path, header, wl.body, opt)
		stop()
		ratio := 0.0
		if b.rps > 0 {
			ratio = k.rps / b.rps
		}
		fmt.Fprintf(opt.out, "%-50s %12.0f %12.0f %6.2f× %9.2f %9.2f\n", wl.name, k.rps, b.rps, ratio,
			float64(k.p99)/float64(time.Millisecond), float64(b.p99)/float64(time.Millisecond))
	}
	return nil
}

func send(ctx context.Context, client *http.Client, url string, header map[string]string, body string) (int, string, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		return 0, "", nil, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), b, err
}

// bareServer answers every request with status, content type and body: the ceiling a
// Go net/http server reaches on this machine.
func bareServer(status int, ctype string, body []byte) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", ctype)
		w.WriteHeader(status)
		_, _ = w.Write(body)
	})}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Println("bare server:", err)
		}
	}()
	return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
}

// drive sends one workload from opt.workers connections for opt.duration.
func drive(ctx context.Context, client *http.Client, url string, header map[string]string, body string, opt options) result {
	ctx, cancel := context.WithTimeout(ctx, opt.duration)
	defer cancel()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total histogram
	)
	start := time.Now()
	for range opt.workers {
		wg.Go(func() {
			var h histogram
			for ctx.Err() == nil {
				t := time.Now()
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(body))
				for k, v := range header {
					req.Header.Set(k, v)
				}
				resp, err := client.Do(req)
				if err != nil {
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				h.add(time.Since(t))
			}
			mu.Lock()
			total.merge(&h)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	return result{rps: float64(total.count) / elapsed.Seconds(), p99: total.quantile(0.99)}
}
