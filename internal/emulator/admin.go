package emulator

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// The admin API under /_emulator/ (no authentication, no latency, not logged):
//
//	GET    /_emulator/state                whole authoritative store as JSON (StateJSON)
//	POST   /_emulator/reset                back to a fresh license
//	GET    /_emulator/config               {"propagation_delay":"0s","propagation_delay_for":{"agent":"5s"},"latency":"0s","answers":"full"}
//	POST   /_emulator/config               same body, every key optional; propagation_delay_for
//	                                       replaces all per-kind delays ({} removes them)
//	DELETE /_emulator/objects/{kind}/{id}  out-of-band delete (DeleteObject)
//	PATCH  /_emulator/objects/{kind}/{id}  out-of-band change: a JSON object of state-dump fields (PatchObject)
//	GET    /_emulator/faults               fault model and the faults injected so far, by kind
//	POST   /_emulator/faults               {"rate":0.2,"kinds":["429","reset_after"],"seed":1,"rate_limit":50,"slow_delay":"3s"}

func (s *Server) adminHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_emulator/state", s.adminState)
	mux.HandleFunc("POST /_emulator/reset", func(w http.ResponseWriter, _ *http.Request) {
		s.Reset()
		writeJSON(w, http.StatusOK, empty())
	})
	mux.HandleFunc("GET /_emulator/config", s.adminConfig)
	mux.HandleFunc("POST /_emulator/config", s.adminConfig)
	mux.HandleFunc("DELETE /_emulator/objects/{kind}/{id...}", s.adminDelete)
	mux.HandleFunc("PATCH /_emulator/objects/{kind}/{id...}", s.adminPatch)
	mux.HandleFunc("GET /_emulator/faults", s.adminFaults)
	mux.HandleFunc("POST /_emulator/faults", s.adminFaults)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, newError(errTypeNotFound, "No admin endpoint "+r.Method+" "+r.URL.Path))
	})
	return mux
}

func (s *Server) adminState(w http.ResponseWriter, _ *http.Request) {
	b, err := s.StateJSON()
	if err != nil {
		writeError(w, errInternal())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(append(b, '\n'))
}

func (s *Server) adminConfig(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
		if err != nil {
			writeError(w, errWrongFormat())
			return
		}
		p, e := parseBody(body)
		if e == nil {
			e = p.only("propagation_delay", "propagation_delay_for", "latency", "answers")
		}
		var delay, latency *time.Duration
		var answers *string
		var delayFor map[string]time.Duration
		if e == nil {
			delayFor, e = delayForParam(p, "propagation_delay_for")
		}
		if e == nil {
			delay, e = durationParam(p, "propagation_delay")
		}
		if e == nil {
			latency, e = durationParam(p, "latency")
		}
		if e == nil {
			answers, e = answersParam(p, "answers")
		}
		if e != nil {
			writeError(w, e)
			return
		}
		if delayFor != nil {
			if err := s.setPropagationDelays(delayFor); err != nil { // checked by delayForParam
				writeError(w, errValidation("`propagation_delay_for`: %s", err.Error()))
				return
			}
		}
		if delay != nil {
			s.SetPropagationDelay(*delay)
		}
		if latency != nil {
			s.SetLatency(*latency)
		}
		if answers != nil {
			_ = s.SetAnswers(*answers) // checked by answersParam
		}
	}
	s.mu.Lock()
	out := map[string]any{"propagation_delay": s.delay.String(), "latency": s.latency.String(), "answers": s.answers}
	delayFor := map[string]string{}
	for k, d := range s.propagationDelays() {
		delayFor[k] = d.String()
	}
	out["propagation_delay_for"] = delayFor
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func durationParam(p *params, k string) (*time.Duration, *apiError) {
	v, ok, e := p.str(k, false)
	if !ok {
		return nil, e
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return nil, errValidation("%s must be a non-negative duration such as \"5s\"", p.name(k))
	}
	return &d, nil
}

func answersParam(p *params, k string) (*string, *apiError) {
	v, ok, e := p.str(k, false)
	if !ok {
		return nil, e
	}
	if _, err := checkAnswers(v); err != nil {
		return nil, errValidation("%s: %s", p.name(k), err.Error())
	}
	return &v, nil
}

// delayForParam reads {"kind":"duration",...}; nil when k is absent.
func delayForParam(p *params, k string) (map[string]time.Duration, *apiError) {
	m, ok, e := p.stringMap(k, false)
	if !ok {
		return nil, e
	}
	out := make(map[string]time.Duration, len(m))
	for kind, v := range m {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return nil, errValidation("%s.%s must be a non-negative duration such as \"5s\"", p.name(k), kind)
		}
		out[kind] = d
	}
	if err := checkDelayKinds(out); err != nil {
		return nil, errValidation("%s: %s", p.name(k), err.Error())
	}
	return out, nil
}

func (s *Server) adminDelete(w http.ResponseWriter, r *http.Request) {
	writeObjectResult(w, s.DeleteObject(r.PathValue("kind"), r.PathValue("id")))
}

func (s *Server) adminPatch(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		writeError(w, errWrongFormat())
		return
	}
	writeObjectResult(w, s.PatchObject(r.PathValue("kind"), r.PathValue("id"), body))
}

// writeObjectResult answers an out-of-band delete or change.
func writeObjectResult(w http.ResponseWriter, err error) {
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, empty())
	case errors.Is(err, ErrNotFound):
		writeError(w, newError(errTypeNotFound, err.Error()))
	default:
		writeError(w, errValidation("%s", err.Error()))
	}
}
