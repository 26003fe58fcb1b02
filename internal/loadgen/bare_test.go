package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestBareServe(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, ctype, body string
		status            int
	}{
		{"graphql", "application/json", `{"data":{"__typename":"Query"}}`, 200},
		{"created", "application/json; charset=utf-8", `[{"status":"NOTE_CREATION_SUCCESS"}]`, 201},
		{"large", "text/plain", strings.Repeat("x", 100<<10), 200},
		{"empty", "application/json", "", 200},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, strconv.Itoa(i))
			if err := os.WriteFile(file, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			r, w := io.Pipe()
			done := make(chan error, 1)
			go func() {
				done <- bareServe(ctx, []string{"-status", strconv.Itoa(tc.status), "-content-type", tc.ctype, "-body", file}, w)
			}()
			line, err := bufio.NewReader(r).ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			go func() { _, _ = io.Copy(io.Discard, r) }()
			url, ok := servingURL(line)
			if !ok {
				t.Fatalf("first line %q", line)
			}
			status, ctype, got, err := send(ctx, http.DefaultClient, url+"/v1/graphql/", map[string]string{"Content-Type": "application/json"}, `{"query":"{ a }"}`)
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			if status != tc.status || ctype != tc.ctype || string(got) != tc.body {
				t.Errorf("answered %d %q %.80q, want %d %q %.80q", status, ctype, got, tc.status, tc.ctype, tc.body)
			}
			if err := <-done; err != nil {
				t.Errorf("bareServe: %v", err)
			}
		})
	}
	for _, args := range [][]string{{"-status", "42"}, {"-body", filepath.Join(dir, "missing")}, {"-what"}} {
		if err := bareServe(context.Background(), args, io.Discard); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}
