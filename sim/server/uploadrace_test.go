package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/krakensim/krakensim/sim/server"
)

// TestUploadActivateWhileSessionResets uploads with ?activate=true for a session
// while another client resets or deletes it: each upload is accepted, or
// refused saying the session went away, never "no such scenario" for the file just
// accepted (the upload and its activation were two steps).
func TestUploadActivateWhileSessionResets(t *testing.T) {
	for _, tc := range []struct{ name, method, path string }{
		{"reset", "POST", "sessions/up-race/reset"},
		{"delete", "DELETE", "sessions/up-race"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := newAdminServer(t, server.Config{})
			admin := base + server.AdminPrefix
			const uploads, resetters = 150, 2
			var wg sync.WaitGroup
			stop := make(chan struct{})
			for range resetters {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						select {
						case <-stop:
							return
						default:
							req, _ := http.NewRequest(tc.method, admin+tc.path, nil)
							if resp, err := http.DefaultClient.Do(req); err == nil {
								resp.Body.Close()
							}
						}
					}
				}()
			}
			accepted := 0
			for i := range uploads {
				file := fmt.Sprintf("name: up-%d\nrules:\n  - when: {field: viewer}\n    then: {error: KT-CT-1111}\n", i)
				status, detail := send(t, "POST", admin+"scenarios?activate=true&session=up-race", file)
				switch {
				case status == 201:
					accepted++
				case strings.Contains(detail, "dropped during the upload"), strings.HasPrefix(detail, "no such session"):
				default:
					t.Errorf("upload %d: %d %s", i, status, detail)
				}
			}
			close(stop)
			wg.Wait()
			if accepted == 0 {
				t.Errorf("no upload was accepted")
			}
		})
	}
}
