package fastlog

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strconv"
	"testing"
	"time"
)

func TestMatchesTextHandler(t *testing.T) {
	at := time.Date(2026, 12, 2, 6, 7, 8, 123456789, time.FixedZone("X", 3600))
	for _, tc := range []struct {
		name  string
		level slog.Level
		msg   string
		attrs []slog.Attr
		zero  bool
	}{
		{name: "request", msg: "request", attrs: []slog.Attr{
			slog.String("method", "POST"), slog.String("path", "/v1/graphql/"), slog.Int("status", 200),
			slog.Duration("duration", 1234567*time.Nanosecond), slog.Int64("bytes", 245), slog.String("operation", "mutation a,b"),
			slog.Bool("unmatched", true), slog.Uint64("u", 7), slog.Float64("f", 1.5e-7), slog.Time("at", at),
		}},
		{name: "quoting", level: slog.LevelWarn, msg: "a b", attrs: []slog.Attr{
			slog.String("", "empty key"), slog.String("empty", ""), slog.String("eq", "a=b"), slog.String("quote", `say "hi"`),
			slog.String("back", `a\b`), slog.String("ctl", "a\tb\x01"), slog.String("del", "a\x7f"), slog.String("uni", "é ü"),
			slog.String("nbsp", "a\u00a0b"), slog.String("bad", "a\xffb"), slog.String("key with space", "v"), slog.String("emoji", "🐙"),
		}},
		{name: "no time", level: slog.LevelError, msg: "", zero: true},
		{name: "custom level", level: slog.LevelInfo + 2, msg: "x"},
		{name: "an error value falls back", msg: "e", attrs: []slog.Attr{slog.Any("err", errors.New("boom")), slog.Group("g", slog.Int("a", 1))}},
		{name: "empty attr skipped", msg: "e", attrs: []slog.Attr{{}, slog.Int("a", 1)}},
		{name: "more attrs than the handler's room", msg: "many", attrs: manyAttrs(40)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := slog.NewRecord(at, tc.level, tc.msg, 0)
			if tc.zero {
				r.Time = time.Time{}
			}
			r.AddAttrs(tc.attrs...)
			checkMatches(t, r)
		})
	}
}

func manyAttrs(n int) []slog.Attr {
	out := make([]slog.Attr, n)
	for i := range out {
		out[i] = slog.Int("a"+strconv.Itoa(i), i)
	}
	return out
}

func TestLevelsAndOptions(t *testing.T) {
	h := NewText(io.Discard, &slog.HandlerOptions{Level: slog.LevelWarn})
	if h.Enabled(context.Background(), slog.LevelInfo) || !h.Enabled(context.Background(), slog.LevelError) {
		t.Fatal("the level option is not honoured")
	}
	if _, ok := NewText(io.Discard, &slog.HandlerOptions{AddSource: true}).(*slog.TextHandler); !ok {
		t.Fatal("AddSource should give slog's own handler")
	}
	var b bytes.Buffer
	slog.New(NewText(&b, nil)).With("k", "v").Info("m")
	if !bytes.Contains(b.Bytes(), []byte(" msg=m k=v\n")) {
		t.Fatalf("WithAttrs lost the attribute: %q", b.String())
	}
}

// benchAttrs are an access-log record's attributes.
var benchAttrs = []slog.Attr{slog.String("method", "POST"), slog.String("path", "/v1/graphql/"), slog.Int("status", 200),
	slog.Duration("duration", 1234567*time.Nanosecond), slog.Int64("bytes", 245), slog.String("session", "compare-1"),
	slog.String("operation", "mutation createAccountPaymentSchedule"), slog.String("errorCodes", "KT-CT-3942")}

// benchHandlers are this handler and the slog one it stands in for.
var benchHandlers = []struct {
	name string
	h    slog.Handler
}{{"fastlog", NewText(io.Discard, nil)}, {"slog", slog.NewTextHandler(io.Discard, nil)}}

func BenchmarkHandle(b *testing.B) {
	for _, c := range benchHandlers {
		b.Run(c.name, func(b *testing.B) {
			l := slog.New(c.h)
			b.ReportAllocs()
			for b.Loop() {
				l.LogAttrs(context.Background(), slog.LevelInfo, "request", benchAttrs...)
			}
		})
	}
}

func BenchmarkHandleRecord(b *testing.B) {
	for _, c := range benchHandlers {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
				r.AddAttrs(benchAttrs...)
				_ = c.h.Handle(context.Background(), r)
			}
		})
	}
}

// FuzzMatchesTextHandler checks that any message, key and string value (a request's
// path or operation name) is written as slog.TextHandler writes it.
func FuzzMatchesTextHandler(f *testing.F) {
	f.Add("request", "path", "/v1/graphql/")
	f.Add("a b", "operation", `mutation "x"=y`)
	f.Add("", "k\x01", "a\\b\x7f é\xff")
	at := time.Date(2026, 12, 2, 6, 7, 8, 0, time.UTC)
	f.Fuzz(func(t *testing.T, msg, key, value string) {
		r := slog.NewRecord(at, slog.LevelInfo, msg, 0)
		r.AddAttrs(slog.String(key, value))
		checkMatches(t, r)
	})
}

// checkMatches fails t unless the handler writes r as slog.TextHandler does.
func checkMatches(t *testing.T, r slog.Record) {
	t.Helper()
	var got, want bytes.Buffer
	if err := NewText(&got, nil).Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if err := slog.NewTextHandler(&want, nil).Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Fatalf("got  %q\nwant %q", got.String(), want.String())
	}
	var attrs []slog.Attr
	r.Attrs(func(a slog.Attr) bool {
		attrs = append(attrs, a)
		return true
	})
	var direct bytes.Buffer
	h := NewText(&direct, nil).(*Handler)
	if err := h.HandleAttrs(context.Background(), r.Time, r.Level, r.Message, attrs); err != nil {
		t.Fatal(err)
	}
	if direct.String() != want.String() {
		t.Fatalf("HandleAttrs wrote %q\nwant          %q", direct.String(), want.String())
	}
}

// TestTimesInTurn checks record times written one after the other (the second's text
// is kept between them) against slog.TextHandler: within a second, across seconds,
// zones and daylight saving, and out of RFC 3339's four-digit years.
func TestTimesInTurn(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		london = time.FixedZone("BST", 3600)
	}
	base := time.Date(2026, 3, 29, 0, 59, 59, 5_000_000, time.UTC) // London's clocks go forward at 01:00 UTC
	times := []time.Time{
		base, base.Add(990 * time.Millisecond), base.Add(999_999_999), base.Add(time.Second),
		base.In(london), base.Add(time.Second).In(london), base.Add(1500 * time.Millisecond).In(london),
		base.In(time.FixedZone("", -9*3600-30*60)), base,
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 1, 1, 0, 0, 0, 7_000_000, time.UTC), base,
		time.Now(), time.Now().Add(time.Millisecond),
	}
	for _, at := range times {
		r := slog.NewRecord(at, slog.LevelInfo, "t", 0)
		checkMatches(t, r)
	}
}
