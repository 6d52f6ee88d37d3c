package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// The fault model: what a real network and a busy API do to a client.
// Each API request (never an /_emulator/ call) may draw one fault with
// probability Rate, from Kinds, using a PRNG seeded with Seed, so a run is
// reproducible for a given request order.
const (
	FaultRateLimited = "429"          // too_many_requests with Retry-After; not applied
	Fault500         = "500"          // internal; not applied
	Fault502         = "502"          // bad gateway; not applied
	Fault503         = "503"          // service unavailable; not applied
	FaultResetBefore = "reset_before" // connection dropped before the request is applied
	FaultResetAfter  = "reset_after"  // request applied, then the connection dropped (the ambiguous case)
	FaultSlow        = "slow"         // request applied, answer held for SlowDelay (beyond a client's timeout)
	FaultEmptyBody   = "empty_body"   // request applied, its 2xx answer sent without a body
	FaultNullBody    = "null_body"    // request applied, its 2xx answer's body replaced by null
)

// FaultKinds lists the kinds drawn when none are named, in a stable order: what a network and a
// busy API do.
var FaultKinds = []string{FaultRateLimited, Fault500, Fault502, Fault503, FaultResetBefore, FaultResetAfter, FaultSlow}

// MalformedFaultKinds are answers no documented method gives (a broken proxy or API): drawn only
// when named in Kinds, so that a default fault run still converges.
var MalformedFaultKinds = []string{FaultEmptyBody, FaultNullBody}

// appliedFault reports the kinds that let the request take effect before they strike.
func appliedFault(kind string) bool {
	return kind == FaultResetAfter || kind == FaultSlow || slices.Contains(MalformedFaultKinds, kind)
}

// Faults configures the fault model.
type Faults struct {
	Rate      float64       `json:"rate"`       // probability per API request, 0..1
	Kinds     []string      `json:"kinds"`      // empty: every kind
	Seed      uint64        `json:"seed"`       // PRNG seed
	RateLimit float64       `json:"rate_limit"` // requests per second per credential; 0: off
	SlowDelay time.Duration `json:"-"`          // how long a slow answer takes; default 35s
	// RetryAfter is the Retry-After of a 429 fault, in whole seconds on the wire; default 1s.
	// NoRetryAfter (negative) sends none, for client tests that retry on their own backoff.
	RetryAfter time.Duration `json:"-"`
}

// NoRetryAfter as Faults.RetryAfter: 429 faults carry no Retry-After header.
const NoRetryAfter = -1

// ParseFaultKinds reads a comma-separated list such as "429,reset_after".
func ParseFaultKinds(s string) ([]string, error) {
	var out []string
	for _, k := range strings.Split(s, ",") {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if !slices.Contains(FaultKinds, k) && !slices.Contains(MalformedFaultKinds, k) {
			return nil, fmt.Errorf("unknown fault kind %q (kinds: %s)", k, strings.Join(slices.Concat(FaultKinds, MalformedFaultKinds), ", "))
		}
		out = append(out, k)
	}
	return out, nil
}

type faultState struct {
	mu      sync.Mutex
	cfg     Faults
	rng     *rand.Rand
	counts  map[string]int
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newFaultState(cfg Faults) *faultState {
	f := &faultState{}
	f.configure(cfg)
	return f
}

func (f *faultState) configure(cfg Faults) {
	if cfg.SlowDelay <= 0 {
		cfg.SlowDelay = 35 * time.Second
	}
	if cfg.RetryAfter == 0 {
		cfg.RetryAfter = time.Second
	}
	if len(cfg.Kinds) == 0 {
		cfg.Kinds = append([]string(nil), FaultKinds...)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cfg = cfg
	f.rng = rand.New(rand.NewPCG(cfg.Seed, 0x6c6976656368617))
	f.counts = map[string]int{}
	f.buckets = map[string]*bucket{}
}

// decide returns the fault for this request, or "". Rate limiting per
// credential comes first: it is the API's own behavior, not an accident.
func (f *faultState) decide(r *http.Request, now time.Time) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cfg.RateLimit > 0 {
		sum := sha256.Sum256([]byte(r.Header.Get("Authorization")))
		key := hex.EncodeToString(sum[:8])
		b := f.buckets[key]
		if b == nil {
			b = &bucket{tokens: f.cfg.RateLimit, last: now}
			f.buckets[key] = b
		}
		b.tokens = min(f.cfg.RateLimit, b.tokens+now.Sub(b.last).Seconds()*f.cfg.RateLimit)
		b.last = now
		if b.tokens < 1 {
			f.counts["rate_limit"]++
			return "rate_limit"
		}
		b.tokens--
	}
	if f.cfg.Rate <= 0 || f.rng.Float64() >= f.cfg.Rate {
		return ""
	}
	kind := f.cfg.Kinds[f.rng.IntN(len(f.cfg.Kinds))]
	f.counts[kind]++
	return kind
}

func (f *faultState) snapshot() map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	counts := map[string]int{}
	keys := make([]string, 0, len(f.counts))
	for k, v := range f.counts {
		counts[k] = v
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return map[string]any{
		"rate": f.cfg.Rate, "kinds": f.cfg.Kinds, "seed": f.cfg.Seed, "rate_limit": f.cfg.RateLimit,
		"slow_delay": f.cfg.SlowDelay.String(), "injected": counts,
	}
}

// SetFaults replaces the fault model and zeroes its counters.
func (s *Server) SetFaults(cfg Faults) { s.faults.configure(cfg) }

// FaultCounts returns how many faults of each kind were injected
// ("rate_limit" counts requests refused by the per-credential rate limit).
func (s *Server) FaultCounts() map[string]int {
	snap := s.faults.snapshot()
	return snap["injected"].(map[string]int)
}

// faultError is the answer of a fault that is not applied.
func (f *faultState) faultError(kind string) *apiError {
	switch kind {
	case FaultRateLimited, "rate_limit":
		f.mu.Lock()
		retryAfter := max(f.cfg.RetryAfter, 0)
		f.mu.Unlock()
		return errTooManyRequests(retryAfter)
	case Fault502:
		e := errInternal()
		e.Status = http.StatusBadGateway
		return e
	case Fault503:
		e := errInternal()
		e.Status = http.StatusServiceUnavailable
		return e
	}
	return errInternal()
}

// malform replaces the body of a 2xx answer for an empty_body or null_body fault; errors pass.
func malform(b *bufferedResponse, kind string) {
	if b.status != 0 && (b.status < 200 || b.status > 299) {
		return
	}
	b.body.Reset()
	if kind == FaultNullBody {
		b.body.WriteString("null")
	}
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

func (f *faultState) slowDelay() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cfg.SlowDelay
}

func (s *Server) adminFaults(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		var in struct {
			Rate      float64  `json:"rate"`
			Kinds     []string `json:"kinds"`
			Seed      uint64   `json:"seed"`
			RateLimit float64  `json:"rate_limit"`
			SlowDelay string   `json:"slow_delay"`
		}
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			writeError(w, errValidation("%s", err.Error()))
			return
		}
		kinds, err := ParseFaultKinds(strings.Join(in.Kinds, ","))
		if err == nil && (in.Rate < 0 || in.Rate > 1) {
			err = fmt.Errorf("rate must be between 0 and 1")
		}
		cfg := Faults{Rate: in.Rate, Kinds: kinds, Seed: in.Seed, RateLimit: in.RateLimit}
		if err == nil && in.SlowDelay != "" {
			cfg.SlowDelay, err = time.ParseDuration(in.SlowDelay)
		}
		if err != nil {
			writeError(w, errValidation("%s", err.Error()))
			return
		}
		s.SetFaults(cfg)
	}
	writeJSON(w, http.StatusOK, s.faults.snapshot())
}
