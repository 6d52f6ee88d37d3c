// Package clienttest has what tests of the client and the provider share to disturb one request:
// an http.RoundTripper that cuts off or interrupts the first creating request of a kind.
package clienttest

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
)

// Modes: what Hook does to the first matching request.
const (
	CutBefore = "cut off before the API got it"    // not applied; the caller sees a dropped connection
	CutAfter  = "cut off after the API applied it" // applied; its answer is lost
	Cancelled = "cancelled once sent"              // Cancel is called once the request body is out; the answer comes later
)

// Hook forwards requests to Base (http.DefaultTransport when nil); the first POST whose path ends
// with Suffix is treated as Mode says.
type Hook struct {
	Base   http.RoundTripper
	Suffix string
	Mode   string
	Cancel context.CancelFunc // for Cancelled: Ctrl-C with the request on the wire
	fired  atomic.Bool
}

// Fired reports whether the matching request came.
func (h *Hook) Fired() bool { return h.fired.Load() }

var errReset = &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}

// RoundTrip implements http.RoundTripper.
func (h *Hook) RoundTrip(r *http.Request) (*http.Response, error) {
	base := h.Base
	if base == nil {
		base = http.DefaultTransport
	}
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, h.Suffix) || !h.fired.CompareAndSwap(false, true) {
		return base.RoundTrip(r)
	}
	switch h.Mode {
	case CutBefore:
		if r.Body != nil {
			_ = r.Body.Close()
		}
		return nil, errReset
	case CutAfter:
		resp, err := base.RoundTrip(r)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}
		return nil, errReset
	}
	sent := r.Clone(r.Context())
	sent.Body = &onEOF{ReadCloser: r.Body, done: h.Cancel}
	resp, err := base.RoundTrip(sent)
	if ctxErr := r.Context().Err(); err == nil && ctxErr != nil {
		// A request still bound to the cancelled context loses its answer, as it does whenever the
		// answer takes longer than the cancel: an event where a latency would be a race.
		_ = resp.Body.Close()
		return nil, ctxErr
	}
	return resp, err
}

// onEOF calls done once the body has been read to its end.
type onEOF struct {
	io.ReadCloser
	done context.CancelFunc
}

func (b *onEOF) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if errors.Is(err, io.EOF) {
		b.done()
	}
	return n, err
}
