package server

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadBody(t *testing.T) {
	body := strings.Repeat("krakensim ", 100)
	for _, tc := range []struct {
		name     string
		r        io.Reader
		declared int64
		want     string
		wantErr  bool
	}{
		{"declared exactly", strings.NewReader(body), int64(len(body)), body, false},
		{"declared short", strings.NewReader(body), 10, body, false},
		{"declared long", strings.NewReader(body), 5000, body, false},
		{"undeclared", strings.NewReader(body), -1, body, false},
		{"empty", strings.NewReader(""), 0, "", false},
		{"a byte at a time", iotest.OneByteReader(strings.NewReader(body)), int64(len(body)), body, false},
		{"broken", iotest.TimeoutReader(strings.NewReader(body)), int64(len(body)), body[:len(body)], true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readBody(tc.r, tc.declared)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if !tc.wantErr && string(got) != tc.want {
				t.Fatalf("read %d bytes, want %d", len(got), len(tc.want))
			}
		})
	}
	t.Run("over the limit", func(t *testing.T) {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		_, err := readBody(http.MaxBytesReader(w, r.Body, 100), int64(len(body)))
		if !errors.As(err, new(*http.MaxBytesError)) {
			t.Fatalf("err = %v, want a MaxBytesError", err)
		}
	})
}
