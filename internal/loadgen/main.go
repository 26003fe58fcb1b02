// Command loadgen drives a running krakensim with a realistic mix of calls from many
// parallel sessions and reports throughput and latency percentiles:
//
//	go run ./cmd/krakensim serve &
//	go run ./internal/loadgen -url http://127.0.0.1:8080 -c 16 -d 10s
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// call is one request of the mix.
type call struct {
	name, path, body string
	token            bool
	header           [2]string
}

var mix = []call{
	{name: "viewer", path: "/v1/graphql/", token: true, body: `{"query":"{ viewer { email givenName accounts { number balance } } }"}`},
	{name: "account", path: "/v1/graphql/", token: true, body: `{"query":"{ account(accountNumber: \"A-C90DC431\") { number balance properties { address postcode } ledgers { number balance } } }"}`},
	{name: "updateUser", path: "/v1/graphql/", token: true, body: `{"query":"mutation { updateUser(input: {preferredName: \"Load\"}) { viewer { preferredName } } }"}`},
	{name: "scripted-error", path: "/v1/graphql/", token: true, header: [2]string{"X-Krakensim-Scenario", "payment-schedule-errors"},
		body: `{"query":"mutation { createAccountPaymentSchedule(input: {accountNumber: \"A-FA11ED01\", ledgerNumber: \"L-1\", paymentDay: 3}) { schedule { id } } }"}`},
	{name: "import-note", path: "/v1/data-import/notes/create/", header: [2]string{"Authorization", "Token krakensim-import-key"},
		body: `{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","notes":[{"body":"load"}]}`},
}

func run() error {
	base := flag.String("url", "http://127.0.0.1:8080", "krakensim's base URL")
	workers := flag.Int("c", 16, "parallel sessions")
	dur := flag.Duration("d", 10*time.Second, "how long to run")
	flag.Parse()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *workers}, Timeout: 10 * time.Second}

	var (
		mu        sync.Mutex
		latencies = map[string][]time.Duration{}
		failures  atomic.Int64
		wg        sync.WaitGroup
	)
	deadline := time.Now().Add(*dur)
	for w := range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			session := fmt.Sprintf("load-%d", w)
			token, err := signIn(client, *base, session)
			if err != nil {
				failures.Add(1)
				return
			}
			local := map[string][]time.Duration{}
			for i := 0; time.Now().Before(deadline); i++ {
				c := mix[i%len(mix)]
				req, _ := http.NewRequest(http.MethodPost, *base+c.path, bytes.NewBufferString(c.body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Krakensim-Session", session)
				if c.token {
					req.Header.Set("Authorization", "JWT "+token)
				}
				if c.header[0] != "" {
					req.Header.Set(c.header[0], c.header[1])
				}
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failures.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode >= 500 {
					failures.Add(1)
				}
				local[c.name] = append(local[c.name], time.Since(start))
			}
			mu.Lock()
			for k, v := range local {
				latencies[k] = append(latencies[k], v...)
			}
			mu.Unlock()
		}()
	}
	wg.Wait()

	total := 0
	fmt.Printf("%-16s %8s %10s %10s %10s\n", "call", "count", "p50", "p99", "max")
	for _, c := range mix {
		l := latencies[c.name]
		slices.Sort(l)
		total += len(l)
		if len(l) == 0 {
			continue
		}
		fmt.Printf("%-16s %8d %10s %10s %10s\n", c.name, len(l), l[len(l)/2], l[len(l)*99/100], l[len(l)-1])
	}
	fmt.Printf("%d requests in %s from %d sessions: %.0f req/s, %d failures\n", total, *dur, *workers, float64(total)/dur.Seconds(), failures.Load())
	return nil
}

func signIn(client *http.Client, base, session string) (string, error) {
	body := `{"query":"mutation { obtainKrakenToken(input: {email: \"demo@krakensim.dev\", password: \"krakensim\"}) { token } }"}`
	req, _ := http.NewRequest(http.MethodPost, base+"/v1/graphql/", bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Krakensim-Session", session)
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		Data struct {
			ObtainKrakenToken struct{ Token string } `json:"obtainKrakenToken"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Data.ObtainKrakenToken.Token == "" {
		return "", fmt.Errorf("sign-in failed: %v", err)
	}
	return out.Data.ObtainKrakenToken.Token, nil
}
