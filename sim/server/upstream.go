package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// MaxUpstreamBody bounds an upstream answer krakensim reads.
const MaxUpstreamBody = 32 << 20

// Upstream forwards calls to a real Kraken over HTTP; it implements sim.Upstream.
type Upstream struct {
	base    *url.URL
	timeout time.Duration
	client  *http.Client
}

// NewUpstream returns an Upstream for the Kraken at base (scheme and host, and an
// optional path prefix), bounding each call by timeout (0: no bound).
func NewUpstream(base string, timeout time.Duration) (*Upstream, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("proxy URL %q: %w", base, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("proxy URL %q: want http:// or https:// and a host", base)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("proxy URL %q: want no query or fragment", base)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return &Upstream{base: u, timeout: timeout, client: &http.Client{
		// Redirects are answered as they came, for the client to follow.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}, nil
}

// Base is the upstream's URL: scheme, host and any path prefix, without user info.
func (u *Upstream) Base() string {
	b := *u.base
	b.User = nil
	return b.String()
}

// Forward sends req upstream and returns its answer, or why there was none.
func (u *Upstream) Forward(ctx context.Context, req *sim.UpstreamRequest) *sim.UpstreamReply {
	parent, sent := ctx, time.Now()
	if u.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, u.timeout)
		defer cancel()
	}
	target := *u.base
	target.Path = u.base.Path + req.Path
	target.RawQuery = url.Values(req.Query).Encode()
	hr, err := http.NewRequestWithContext(ctx, req.Method, target.String(), strings.NewReader(string(req.Body)))
	if err != nil {
		return &sim.UpstreamReply{Err: err}
	}
	for k, v := range req.Header {
		hr.Header[k] = v
	}
	resp, err := u.client.Do(hr)
	if err != nil {
		if ended := requestEnded(parent, sent); ended != nil {
			return &sim.UpstreamReply{Err: ended, Timeout: true}
		}
		return &sim.UpstreamReply{Err: unwrapURLError(err), Timeout: isTimeout(ctx, err)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxUpstreamBody+1))
	if err == nil && len(body) > MaxUpstreamBody {
		err = fmt.Errorf("the answer is over %d bytes", MaxUpstreamBody)
	}
	if err != nil {
		if ended := requestEnded(parent, sent); ended != nil {
			return &sim.UpstreamReply{Err: ended, Timeout: true}
		}
		return &sim.UpstreamReply{Err: fmt.Errorf("reading the answer: %w", unwrapURLError(err)), Timeout: isTimeout(ctx, err)}
	}
	header := map[string][]string{}
	for _, k := range []string{"Content-Type", "Retry-After", "Location", "Allow", "Www-Authenticate"} {
		if v := resp.Header.Values(k); len(v) > 0 {
			header[k] = v
		}
	}
	return &sim.UpstreamReply{Status: resp.StatusCode, Header: header, Body: body}
}

// requestEnded says why the request itself (ctx, before --proxy-timeout) ended while
// its call upstream, sent at sent, waited; nil if it has not.
func requestEnded(ctx context.Context, sent time.Time) error {
	switch ctx.Err() {
	case nil:
		return nil
	case context.DeadlineExceeded:
		left := "none"
		if d, ok := ctx.Deadline(); ok && d.After(sent) {
			left = d.Sub(sent).Round(time.Millisecond).String()
		}
		return fmt.Errorf("%w: the request's own deadline (--request-timeout) passed first; %s of it was left when the call was sent upstream (the rest was spent before it was sent)", sim.ErrRequestEnded, left)
	}
	return fmt.Errorf("%w: the client went away", sim.ErrRequestEnded)
}

func isTimeout(ctx context.Context, err error) bool {
	var ne net.Error
	return errors.Is(ctx.Err(), context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// unwrapURLError drops the *url.Error wrapper, whose text repeats the method and URL.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s %s: %w", ue.Op, redactURL(ue.URL), ue.Err)
	}
	return err
}

// redactURL keeps the scheme, host and path of a URL, without user info or query.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "upstream"
	}
	u.User, u.RawQuery = nil, ""
	return u.String()
}
