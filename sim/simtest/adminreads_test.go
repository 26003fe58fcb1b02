package simtest_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestAdminReadsCreateNoSession reads a session no request made: the reads answer 404,
// as the journal and coverage do, and leave no session behind.
func TestAdminReadsCreateNoSession(t *testing.T) {
	srv := simtest.NewServer(t)
	for _, path := range []string{
		"clock?session=ghost1", "world?session=ghost2", "scenarios?session=ghost3",
		"sessions/ghost5/rate-limit", "sessions/ghost7/messages", "sessions/ghost8/checkouts",
		"sessions/ghost6/requests", "coverage?session=ghost9",
	} {
		resp, err := http.Get(srv.URL + "/__krakensim/" + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
		}
	}
	for _, info := range srv.Sim.Sessions() {
		if strings.HasPrefix(info.ID, "ghost") {
			t.Errorf("session %s was made by a read", info.ID)
		}
	}
	if resp, err := http.Get(srv.URL + "/__krakensim/clock"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("the default session's clock: %v %v", resp, err)
	}
}

// TestResetVersusClock resets a session and moves its clock at once, as two CI workers
// sharing a session do: the move waits for the session as a request does (under -race
// the unlocked move was a data race with the reset's new clock).
func TestResetVersusClock(t *testing.T) {
	srv := simtest.NewServer(t)
	var wg sync.WaitGroup
	statuses := make(chan int, 100)
	post := func(path, body string) {
		defer wg.Done()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return
		}
		resp.Body.Close()
		statuses <- resp.StatusCode
	}
	for range 50 {
		wg.Add(2)
		go post("/__krakensim/sessions/s1/reset", "{}")
		go post("/__krakensim/clock?session=s1", `{"advance":"1h"}`)
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusOK {
			t.Errorf("status %d", s)
		}
	}
}
