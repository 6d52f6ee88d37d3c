// Package emulator is a local, in-memory emulator of the three LiveChat APIs on one listener: the
// Configuration API v3.6 (POST /v3.6/configuration/action/<action>), the Partner API v2 (REST
// under /v2/partners/) and the REST API v2 (legacy, top-level paths with X-API-Version: 2).
//
// It is product code with three users: every provider test runs against it, `make demo` applies
// against it, and users run it (cmd/livechat-emulator) to test a LiveChat configuration in CI
// without touching a real license. It follows the API references, never the provider's
// convenience: the documented authentication, error types, validation and limits; a fresh license
// as a real one has it (group 0 "General", the owner agent, the default tags); and the behaviour
// knobs of a real deployment: the propagation delay (a write stays invisible, and a reference to
// a new object is refused, until it passes), latency, faults (429 with Retry-After, 5xx, dropped
// connections, slow answers), a rate limit and a region. Where the references are silent or
// contradict each other, the choice made is in API-NOTES.md.
//
// Files: one per object family of each API (agents.go, groups.go, ..., partner_*.go,
// legacy_*.go; legacy_unused_*.go are the REST API v2 surfaces the provider never calls, kept for
// users' CI), admin.go (the /_emulator/ admin API tests use: state, reset, config, out-of-band
// deletes and patches), state.go (-state and -fixture files), cli.go (the command's flags).
package emulator

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Options configures a Server.
type Options struct {
	// AccessTokens are the bearer tokens accepted by the license APIs (may carry a "dal:"/"fra:"
	// prefix). If AccessTokens, PATs and PartnerTokens are all empty, New generates one token.
	AccessTokens []string
	// PATs are personal access tokens, sent as Basic base64(account_id:pat) or base64(login_email:pat).
	PATs []PAT
	// PartnerTokens are the bearer tokens of the Partner API.
	PartnerTokens []string
	// Region is the data center of the license: "dal" (default) or "fra".
	Region string
	// OwnerID is the e-mail of the license owner agent; default "owner@example.com".
	OwnerID string
	// PropagationDelay is how long a write stays invisible to reads (see the reference's
	// "Propagation delay").
	PropagationDelay time.Duration
	// PropagationDelayFor overrides PropagationDelay for the writes of some kinds of object, keyed
	// by the kind names of DeleteObject ("agent", "group", "tag", "bot", "webhook", ...; see
	// KnownDelayKinds). New panics on an unknown kind or a negative duration.
	PropagationDelayFor map[string]time.Duration
	// Latency is added before every API response.
	Latency time.Duration
	// RequestLog receives one JSON line per API request; nil turns logging off.
	RequestLog io.Writer
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Faults injects rate limiting, server errors, dropped connections and
	// slow answers (see faults.go); the zero value injects nothing.
	Faults Faults
	// Answers is the answer mode: AnswersFull (default, also "") or AnswersDocumented (only
	// what the reference's answers show; see answers.go). New panics on another value.
	Answers string
}

// PAT is a personal access token of one account.
type PAT struct {
	AccountID, LoginEmail, Token string
}

// Server is the emulator; it implements http.Handler.
type Server struct {
	opts    Options // credentials, region, owner, clock, log writer: fixed after New
	actions map[string]actionFunc
	kinds   map[string]func(st *store, id string) error // out-of-band deletes by kind
	admin   http.Handler

	mu      sync.Mutex // guards everything below
	st      *store
	delay   time.Duration
	latency time.Duration
	delays  *delayPolicy // per-kind overrides of delay (delay_kinds.go)
	answers string       // AnswersFull or AnswersDocumented

	faults *faultState // has its own lock

	logMu sync.Mutex
	sleep func(context.Context, time.Duration) // waits for the latency; replaced in tests
}

// New returns an emulator holding a fresh license.
func New(opts Options) *Server {
	opts.AccessTokens = append([]string(nil), opts.AccessTokens...)
	opts.PATs = append([]PAT(nil), opts.PATs...)
	opts.PartnerTokens = append([]string(nil), opts.PartnerTokens...)
	opts.Region = strings.ToLower(strings.TrimSpace(opts.Region))
	if opts.Region == "" {
		opts.Region = defaultRegion
	}
	if opts.OwnerID == "" {
		opts.OwnerID = defaultOwnerID
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if len(opts.AccessTokens) == 0 && len(opts.PATs) == 0 && len(opts.PartnerTokens) == 0 {
		opts.AccessTokens = []string{opts.Region + ":" + randomToken()}
	}
	answers, err := checkAnswers(opts.Answers)
	if err != nil {
		panic("emulator: " + err.Error())
	}
	s := &Server{
		opts:    opts,
		delay:   opts.PropagationDelay,
		latency: opts.Latency,
		sleep:   sleepCtx,
		delays:  newDelayPolicy(opts.PropagationDelayFor),
		answers: answers,
	}
	s.setStore(freshStore(opts.OwnerID))
	s.faults = newFaultState(opts.Faults)
	s.actions = map[string]actionFunc{}
	s.kinds = map[string]func(*store, string) error{}
	registerAgents(s)
	registerGroups(s)
	registerTags(s)
	registerProperties(s)
	registerBots(s)
	registerLegacy(s)
	registerAutoAccessWebhooksOther(s) // auto_access.go, webhooks.go, product_other.go
	registerPartner(s)                 // partner_*.go
	s.admin = s.adminHandler()
	return s
}

func randomToken() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic("emulator: no randomness: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func sleepCtx(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// ServeHTTP serves the APIs and, under /_emulator/, the admin API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/_emulator" || strings.HasPrefix(r.URL.Path, "/_emulator/") {
		s.admin.ServeHTTP(w, r)
		return
	}
	s.serveAPI(w, r)
}

// Credentials returns the effective options, including a generated access token.
func (s *Server) Credentials() Options {
	o := s.opts
	o.AccessTokens = append([]string(nil), o.AccessTokens...)
	o.PATs = append([]PAT(nil), o.PATs...)
	o.PartnerTokens = append([]string(nil), o.PartnerTokens...)
	s.mu.Lock()
	o.PropagationDelay, o.Latency = s.delay, s.latency
	o.PropagationDelayFor = s.propagationDelays()
	o.Answers = s.answers
	s.mu.Unlock()
	return o
}

// SetPropagationDelay changes the delay of later writes.
func (s *Server) SetPropagationDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// SetLatency changes the latency added before every API response.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// Reset puts the license back to its fresh state; credentials, delays and latency are kept.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setStore(freshStore(s.opts.OwnerID))
}

// Running is a Server listening on a loopback address.
type Running struct {
	*Server
	URL string

	srv  *http.Server
	done chan struct{}
}

// Start creates a Server and serves it on listen (default "127.0.0.1:0").
func Start(opts Options, listen string) (*Running, error) {
	return New(opts).Serve(listen)
}

// Serve listens on listen (default "127.0.0.1:0") and serves s in a goroutine.
func (s *Server) Serve(listen string) (*Running, error) {
	if listen == "" {
		listen = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, err
	}
	r := &Running{
		Server: s,
		URL:    "http://" + ln.Addr().String(),
		srv:    &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second},
		done:   make(chan struct{}),
	}
	go func() {
		defer close(r.done)
		_ = r.srv.Serve(ln)
	}()
	return r, nil
}

// Close stops the listener and waits for the serving goroutine.
func (r *Running) Close() error {
	err := r.srv.Close()
	<-r.done
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
