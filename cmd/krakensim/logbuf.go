package main

import (
	"context"
	"io"
	"sync"
	"time"
)

// logFlushEvery is how long a log record may wait in the buffer.
const logFlushEvery = 100 * time.Millisecond

// logBufferMax is how many bytes of records may wait; a record beyond it is written
// out at once, so that a stalled log never holds more than this.
const logBufferMax = 256 << 10

// logBufferSoon is how many bytes of records make the next batch go out without
// waiting for logFlushEvery, so that a busy server keeps its buffers small.
const logBufferSoon = 32 << 10

// bufferedLog collects log records and writes them in batches, at most logFlushEvery
// after each, so that a server under load makes one write for many requests rather
// than one each. Records are written outside the lock they are added under, so that a
// slow terminal or pipe does not hold up the requests that log. Safe for concurrent use.
type bufferedLog struct {
	mu      sync.Mutex // guards buf and pending
	buf     []byte
	spare   []byte
	pending bool
	writeMu sync.Mutex // orders writes to w
	w       io.Writer
	kick    chan struct{} // a record is pending
	soon    chan struct{} // logBufferSoon bytes are pending
}

// newBufferedLog buffers writes to w until ctx ends (then call Flush).
func newBufferedLog(ctx context.Context, w io.Writer) *bufferedLog {
	b := &bufferedLog{w: w, buf: make([]byte, 0, 4<<10), spare: make([]byte, 0, 4<<10),
		kick: make(chan struct{}, 1), soon: make(chan struct{}, 1)}
	go b.flushLoop(ctx)
	return b
}

func (b *bufferedLog) Write(p []byte) (int, error) {
	b.mu.Lock()
	b.buf = append(b.buf, p...)
	full := len(b.buf) >= logBufferMax
	if !b.pending {
		b.pending = true
		select {
		case b.kick <- struct{}{}:
		default:
		}
	}
	if len(b.buf) >= logBufferSoon {
		select {
		case b.soon <- struct{}{}:
		default:
		}
	}
	b.mu.Unlock()
	if full {
		if err := b.Flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// flushLoop writes out what a record left pending, logFlushEvery after it.
func (b *bufferedLog) flushLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-b.kick:
		}
		t := time.NewTimer(logFlushEvery)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		case <-b.soon:
			t.Stop()
		}
		_ = b.Flush()
	}
}

// Flush writes out everything buffered.
func (b *bufferedLog) Flush() error {
	b.writeMu.Lock()
	defer b.writeMu.Unlock()
	b.mu.Lock()
	out := b.buf
	b.buf, b.spare = b.spare[:0], nil
	b.pending = false
	b.mu.Unlock()
	var err error
	if len(out) > 0 {
		_, err = b.w.Write(out)
	}
	if cap(out) > 2*logBufferSoon {
		out = make([]byte, 0, 4<<10) // a burst's buffer is not kept
	}
	b.mu.Lock()
	b.spare = out[:0]
	b.mu.Unlock()
	return err
}
