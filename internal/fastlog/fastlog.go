// Package fastlog is a slog text handler for a server's per-request records: it writes
// exactly what slog.TextHandler writes, several times faster for records of plain
// values, and hands everything else to a slog.TextHandler.
package fastlog

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/krakensim/krakensim/internal/ascii"
)

// Handler formats records as slog.TextHandler does.
type Handler struct {
	mu    *sync.Mutex
	w     io.Writer
	level slog.Leveler
	std   slog.Handler // for what the fast path does not cover
}

// NewText returns a handler writing to w with opts, as slog.NewTextHandler would.
func NewText(w io.Writer, opts *slog.HandlerOptions) slog.Handler {
	if opts == nil {
		opts = &slog.HandlerOptions{}
	}
	std := slog.NewTextHandler(w, opts)
	if opts.AddSource || opts.ReplaceAttr != nil {
		return std
	}
	level := opts.Level
	if level == nil {
		level = slog.LevelInfo
	}
	return &Handler{mu: &sync.Mutex{}, w: w, level: level, std: std}
}

// Enabled reports whether records at level are written.
func (h *Handler) Enabled(_ context.Context, level slog.Level) bool {
	return level >= h.level.Level()
}

// WithAttrs returns slog.TextHandler's handler with attrs.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler { return h.std.WithAttrs(attrs) }

// WithGroup returns slog.TextHandler's handler with the group.
func (h *Handler) WithGroup(name string) slog.Handler { return h.std.WithGroup(name) }

var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// Handle writes r as one line.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	var room [16]slog.Attr
	attrs := room[:0]
	r.Attrs(func(a slog.Attr) bool {
		attrs = append(attrs, a)
		return true
	})
	if !plain(attrs) {
		return h.std.Handle(ctx, r)
	}
	return h.write(r.Time, r.Level, r.Message, attrs)
}

// HandleAttrs writes the record of t, level, msg and attrs as Handle would, without
// the slog.Record: for a server's access log, which has its attributes at hand.
func (h *Handler) HandleAttrs(ctx context.Context, t time.Time, level slog.Level, msg string, attrs []slog.Attr) error {
	if !plain(attrs) {
		r := slog.NewRecord(t, level, msg, 0)
		r.AddAttrs(attrs...)
		return h.std.Handle(ctx, r)
	}
	return h.write(t, level, msg, attrs)
}

// plain reports whether the fast path writes attrs: no groups, values of any kind or
// LogValuers.
func plain(attrs []slog.Attr) bool {
	for _, a := range attrs {
		switch a.Value.Kind() {
		case slog.KindAny, slog.KindGroup, slog.KindLogValuer:
			return false
		}
	}
	return true
}

func (h *Handler) write(t time.Time, level slog.Level, msg string, attrs []slog.Attr) error {
	bp := buffers.Get().(*[]byte)
	b := (*bp)[:0]
	if !t.IsZero() {
		b = append(b, "time="...)
		b = appendTime(b, t)
		b = append(b, ' ')
	}
	b = append(b, "level="...)
	b = appendString(b, level.String())
	b = append(b, " msg="...)
	b = appendString(b, msg)
	for _, a := range attrs {
		if a.Equal(slog.Attr{}) {
			continue
		}
		b = append(b, ' ')
		b = appendString(b, a.Key)
		b = append(b, '=')
		b = appendValue(b, a.Value)
	}
	b = append(b, '\n')
	h.mu.Lock()
	_, err := h.w.Write(b)
	h.mu.Unlock()
	if cap(b) <= 16<<10 {
		*bp = b
		buffers.Put(bp)
	}
	return err
}

func appendValue(b []byte, v slog.Value) []byte {
	switch v.Kind() {
	case slog.KindString:
		return appendString(b, v.String())
	case slog.KindInt64:
		return strconv.AppendInt(b, v.Int64(), 10)
	case slog.KindUint64:
		return strconv.AppendUint(b, v.Uint64(), 10)
	case slog.KindFloat64:
		return strconv.AppendFloat(b, v.Float64(), 'g', -1, 64)
	case slog.KindBool:
		return strconv.AppendBool(b, v.Bool())
	case slog.KindDuration:
		return append(b, v.Duration().String()...)
	case slog.KindTime:
		return appendTime(b, v.Time())
	}
	return appendString(b, v.String())
}

// appendTime is slog's RFC 3339 time with milliseconds. The text of the second
// around them is kept from one call to the next, as a server's records mostly fall
// in the second of the one before.
func appendTime(b []byte, t time.Time) []byte {
	const prefixLen = len("2006-01-02T15:04:05.000")
	if s := lastSecond.Load(); s != nil && s.sec == t.Unix() && s.loc == t.Location() {
		ms := t.Nanosecond() / int(time.Millisecond)
		b = append(b, s.head...)
		b = append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
		return append(b, s.zone...)
	}
	n := len(b)
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	b = append(b[:n+prefixLen], b[n+prefixLen+1:]...)
	if out := b[n:]; t.Year() >= 0 && t.Year() <= 9999 && out[prefixLen-4] == '.' {
		lastSecond.Store(&second{sec: t.Unix(), loc: t.Location(),
			head: string(out[:prefixLen-3]), zone: string(out[prefixLen:])})
	}
	return b
}

// second is the text of one second of one location: "2006-01-02T15:04:05." and the
// zone written after the milliseconds.
type second struct {
	sec        int64
	loc        *time.Location
	head, zone string
}

var lastSecond atomic.Pointer[second]

func appendString(b []byte, s string) []byte {
	if !needsQuoting(s) {
		return append(b, s...)
	}
	if ascii.Span(s, ' ', 0x7f, 0x7f) < len(s) {
		return strconv.AppendQuote(b, s)
	}
	// Printable ASCII: strconv.Quote escapes only the quote and the backslash.
	b = append(b, '"')
	for {
		n := ascii.Span(s, ' ', '"', '\\')
		b = append(b, s[:n]...)
		if n == len(s) {
			return append(b, '"')
		}
		b = append(b, '\\', s[n])
		s = s[n+1:]
	}
}

// needsQuoting is slog.TextHandler's rule: empty, or holding a space, '=', a quote, a
// control character or a rune that is not printable.
func needsQuoting(s string) bool {
	if len(s) == 0 {
		return true
	}
	for i := 0; i < len(s); {
		if i += ascii.Span(s[i:], ' '+1, '=', '"'); i == len(s) {
			break
		}
		if s[i] < utf8.RuneSelf { // a space, a control character, '=' or '"'
			return true
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}
