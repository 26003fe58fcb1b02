package server_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/server"
)

// TestSlowBodyTimesOut sends a request's headers at once and its body a byte at a
// time: past the request's deadline the server stops waiting and answers saying the
// body did not arrive in time, rather than holding the connection for ever.
func TestSlowBodyTimesOut(t *testing.T) {
	for _, path := range []string{server.APIPath, "/v1/data-import/notes/create/"} {
		t.Run(path, func(t *testing.T) {
			base := newAdminServer(t, server.Config{}, func(c *sim.Config) { c.RequestTimeout = 300 * time.Millisecond })
			conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			body := `{"query":"{ viewer { email } }"}`
			if _, err := io.WriteString(conn, "POST "+path+" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"+
				"Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"); err != nil {
				t.Fatal(err)
			}
			stop := make(chan struct{})
			defer close(stop)
			go func() {
				for i := range len(body) {
					select {
					case <-stop:
						return
					case <-time.After(100 * time.Millisecond):
					}
					if _, err := conn.Write([]byte{body[i]}); err != nil {
						return
					}
				}
			}()
			_ = conn.SetReadDeadline(time.Now().Add(3 * time.Second))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("no answer within 3 s to a body trickled past a 300ms deadline: %v", err)
			}
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "did not arrive within the request's deadline (--request-timeout, 300ms)") {
				t.Errorf("%d %s, want 400 saying the body did not arrive in time", resp.StatusCode, b)
			}
		})
	}
}
