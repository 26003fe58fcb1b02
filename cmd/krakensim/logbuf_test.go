package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/syncbuf"
)

func TestBufferedLog(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncbuf.Buffer
	b := newBufferedLog(ctx, &out)
	if _, err := b.Write([]byte("one\n")); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "" {
		t.Fatalf("written before any flush: %q", got)
	}
	deadline := time.Now().Add(10 * time.Second)
	for out.String() != "one\n" {
		if time.Now().After(deadline) {
			t.Fatalf("the flush loop never wrote the record out; have %q", out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 100 {
				_, _ = b.Write([]byte(strings.Repeat(string(rune('a'+i)), 60) + "\n"))
			}
		})
	}
	wg.Wait()
	cancel()
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 801 {
		t.Fatalf("%d lines, want 801", len(lines))
	}
	for _, l := range lines[1:] {
		if len(l) != 60 || strings.Count(l, l[:1]) != 60 {
			t.Fatalf("a record was torn: %q", l)
		}
	}
}

// stalledWriter blocks every Write until release is closed.
type stalledWriter struct {
	entered chan struct{}
	release chan struct{}
	out     syncbuf.Buffer
}

func (s *stalledWriter) Write(p []byte) (int, error) {
	select {
	case s.entered <- struct{}{}:
	default:
	}
	<-s.release
	return s.out.Write(p)
}

// TestBufferedLogStalledWriter checks that records keep being taken while the log
// writes out an earlier batch to a writer that does not return.
func TestBufferedLogStalledWriter(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := &stalledWriter{entered: make(chan struct{}, 1), release: make(chan struct{})}
	b := newBufferedLog(ctx, w)
	_, _ = b.Write([]byte("first\n"))
	flushed := make(chan error, 1)
	go func() { flushed <- b.Flush() }()
	<-w.entered // the flush is now stuck in the writer
	done := make(chan struct{})
	go func() {
		_, _ = b.Write([]byte("second\n"))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a record waited for a stalled write")
	}
	close(w.release)
	if err := <-flushed; err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := w.out.String(); got != "first\nsecond\n" {
		t.Fatalf("wrote %q", got)
	}
}
