package main

import (
	"bufio"
	"context"
	"io"
	"sync"
	"time"
)

// logFlushEvery is how long a log record may wait in the buffer.
const logFlushEvery = 100 * time.Millisecond

// bufferedLog collects log records and writes them in batches, at most logFlushEvery
// after each, so that a server under load makes one write for many requests rather
// than one each. It is safe for concurrent use.
type bufferedLog struct {
	mu      sync.Mutex
	w       *bufio.Writer
	pending bool
	kick    chan struct{}
}

// newBufferedLog buffers writes to w until ctx ends (then call Close).
func newBufferedLog(ctx context.Context, w io.Writer) *bufferedLog {
	b := &bufferedLog{w: bufio.NewWriterSize(w, 32<<10), kick: make(chan struct{}, 1)}
	go b.flushLoop(ctx)
	return b
}

func (b *bufferedLog) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.w.Write(p)
	if !b.pending {
		b.pending = true
		select {
		case b.kick <- struct{}{}:
		default:
		}
	}
	return n, err
}

// flushLoop writes out what a record left pending, logFlushEvery after it.
func (b *bufferedLog) flushLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-b.kick:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(logFlushEvery):
		}
		_ = b.Flush()
	}
}

// Flush writes out everything buffered.
func (b *bufferedLog) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pending = false
	return b.w.Flush()
}
