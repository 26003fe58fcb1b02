package sim

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/graphql"
)

func TestDeadlineContext(t *testing.T) {
	s := &Simulator{requestTimeout: 30 * time.Millisecond}
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, ctx context.Context, stop context.CancelFunc) error
		want error
	}{
		{"polled, in time", func(t *testing.T, ctx context.Context, stop context.CancelFunc) error { return ctx.Err() }, nil},
		{"polled, late", func(t *testing.T, ctx context.Context, stop context.CancelFunc) error {
			time.Sleep(40 * time.Millisecond)
			return ctx.Err()
		}, context.DeadlineExceeded},
		{"polled often, late: seen within clockEvery polls, then kept", func(t *testing.T, ctx context.Context, stop context.CancelFunc) error {
			for range 3 * clockEvery {
				if err := ctx.Err(); err != nil {
					t.Fatalf("in time, Err = %v", err)
				}
			}
			time.Sleep(40 * time.Millisecond)
			for range clockEvery {
				if ctx.Err() != nil {
					for range 2 * clockEvery {
						if ctx.Err() == nil {
							t.Fatal("Err went back to nil after the deadline was seen")
						}
					}
					return ctx.Err()
				}
			}
			return nil
		}, context.DeadlineExceeded},
		{"waited on", func(t *testing.T, ctx context.Context, stop context.CancelFunc) error {
			select {
			case <-ctx.Done():
			case <-time.After(5 * time.Second):
				t.Fatal("Done never closed")
			}
			return ctx.Err()
		}, context.DeadlineExceeded},
		{"stopped, then waited on", func(t *testing.T, ctx context.Context, stop context.CancelFunc) error {
			stop()
			<-ctx.Done()
			return ctx.Err()
		}, context.Canceled},
		{"waited on, then stopped", func(t *testing.T, ctx context.Context, stop context.CancelFunc) error {
			done := ctx.Done()
			stop()
			<-done
			return ctx.Err()
		}, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, stop := s.withDeadline(context.Background())
			defer stop()
			if got := tc.run(t, ctx, stop); !errors.Is(got, tc.want) {
				t.Fatalf("Err = %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("parent cancelled", func(t *testing.T) {
		parent, cancel := context.WithCancel(context.Background())
		ctx, stop := s.withDeadline(parent)
		defer stop()
		cancel()
		if err := ctx.Err(); !errors.Is(err, context.Canceled) {
			t.Fatalf("Err = %v, want Canceled", err)
		}
		<-ctx.Done()
	})
	t.Run("earlier parent deadline", func(t *testing.T) {
		want := time.Now().Add(time.Millisecond)
		parent, cancel := context.WithDeadline(context.Background(), want)
		defer cancel()
		ctx, stop := s.withDeadline(parent)
		defer stop()
		if d, ok := ctx.Deadline(); !ok || !d.Equal(want) {
			t.Fatalf("Deadline = %v %v, want %v", d, ok, want)
		}
	})
}

// Each reason an execution stops has its own errorCode and errorType.
func TestStopErrorCodes(t *testing.T) {
	s := &Simulator{}
	for _, tc := range []struct {
		err  error
		code string
	}{
		{context.DeadlineExceeded, CodeRequestTimeout},
		{context.Canceled, CodeRequestCancelled},
		{graphql.ErrTooManyFields, CodeResponseTooLarge},
	} {
		e := s.stopError(tc.err)
		if e.Extensions["errorCode"] != tc.code || e.Extensions["errorType"] != ErrorTypeApplication || e.Extensions["errorDescription"] == "" {
			t.Errorf("%v: %q %v, want %s", tc.err, e.Message, e.Extensions, tc.code)
		}
	}
}

// A request that ends while it waits for its session, or while its document is
// validated, is KRAKENSIM-TIMEOUT when its deadline passed and KRAKENSIM-CANCELLED
// when its client went away.
func TestWaitErrorCodes(t *testing.T) {
	s := &Simulator{}
	for _, tc := range []struct {
		cause error
		code  string
	}{
		{context.DeadlineExceeded, CodeRequestTimeout},
		{context.Canceled, CodeRequestCancelled},
	} {
		for name, e := range map[string]*graphql.Error{
			"busy":    s.busyError(&SessionBusyError{ID: "s", Cause: tc.cause}),
			"prepare": s.prepareTimeoutError(tc.cause),
		} {
			if e.Extensions["errorCode"] != tc.code || e.Extensions["errorDescription"] == "" || e.Message == "" {
				t.Errorf("%s, %v: %q %v, want %s", name, tc.cause, e.Message, e.Extensions, tc.code)
			}
		}
	}
}
