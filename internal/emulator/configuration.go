package emulator

import (
	"mime"
	"net/http"
	"strings"
	"time"
)

// The Configuration API v3.6 surface: POST /v3.6/configuration/action/<action>, JSON in and out.

const configurationVersion = "3.6"

// call is the context of one action: the store, the request time, the delay of its writes and the
// requester (author of created tags).
type call struct {
	st        *store
	now       time.Time
	delay     time.Duration
	requester string
}

// view is what the API's reads see.
func (c *call) view() view { return view{now: c.now} }

// actionFunc runs one action on a decoded request object and returns the response payload.
type actionFunc func(c *call, p *params) (any, *apiError)

// empty is the payload of methods documented as "No response payload (200 OK)".
func empty() map[string]any { return map[string]any{} }

// register adds an action; batch, when non-empty, also adds its batch variant.
func (s *Server) register(name string, fn actionFunc, batch string) {
	s.actions[name] = fn
	if batch != "" {
		s.actions[batch] = batchOf(fn)
	}
}

// batchOf runs fn once per item of {"requests":[...]} ("Batch requests" in the reference). Items
// run in order; each response is the item's payload or {"error":{...}}; the batch itself is 200.
func batchOf(fn actionFunc) actionFunc {
	return func(c *call, p *params) (any, *apiError) {
		if e := p.only("requests"); e != nil {
			return nil, e
		}
		items, _, e := p.array("requests", true, "an array of objects")
		if e != nil {
			return nil, e
		}
		responses := make([]any, 0, len(items))
		for _, raw := range items {
			item, ok := decodeObject(raw, "")
			var out any
			var err *apiError
			if !ok {
				err = errWrongFormat()
			} else {
				out, err = fn(c, item)
			}
			if err != nil {
				out = map[string]any{"error": err.payload()}
			}
			responses = append(responses, out)
		}
		return map[string]any{"responses": responses}, nil
	}
}

func (s *Server) serveConfiguration(w http.ResponseWriter, r *http.Request, ex *exchange, version, rest string) {
	action, ok := strings.CutPrefix(rest, "/action/")
	ok = ok && action != "" && !strings.Contains(action, "/")
	if ok && version == configurationVersion {
		ex.action = action
	}
	requester, e := s.authLicense(r)
	if e == nil {
		e = s.checkRegion(r)
	}
	if e == nil && version != configurationVersion {
		e = errUnsupportedVersion()
	}
	if e == nil && !ok {
		e = newError(errTypeNotFound, "No API at "+r.URL.Path)
	}
	if e != nil {
		writeError(w, e)
		return
	}
	fn := s.actions[action]
	if fn == nil {
		writeError(w, newError(errTypeNotFound, "Unknown action `"+action+"`"))
		return
	}
	if e := s.privateScopeError(action); e != nil {
		writeError(w, e)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		e := errValidation("Method %s not allowed; use POST", r.Method)
		e.Status = http.StatusMethodNotAllowed
		writeError(w, e)
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, errValidation("`Content-Type` header must be application/json"))
		return
	}
	p, e := parseBody(ex.body)
	if e != nil {
		writeError(w, e)
		return
	}
	out, e := s.run(fn, p, requester)
	if e != nil {
		writeError(w, e)
		return
	}
	writeJSON(w, http.StatusOK, s.shapeAnswer(configurationAnswers, action, out))
}

// run executes an action under the store lock.
func (s *Server) run(fn actionFunc, p *params, requester string) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &call{st: s.st, now: s.opts.Now(), delay: s.delay, requester: requester}
	return fn(c, p)
}
