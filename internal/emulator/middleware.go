package emulator

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"time"
)

// maxBodyBytes bounds request bodies.
const maxBodyBytes = 1 << 20

// exchange carries what the log needs to know about one API request.
type exchange struct {
	body   []byte
	action string
}

// serveAPI is the shared middleware of every API surface: it reads the body, routes the request
// (authentication and region checks happen per surface), adds the latency, writes the buffered
// response and logs the request. Handling happens before the latency, so a client that gives up
// while waiting sees an ambiguous failure of a request that did take effect, as on a real network.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	at := s.opts.Now()
	buf := &bufferedResponse{header: http.Header{}}
	ex := &exchange{}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	ex.body = body
	fault := s.faults.decide(r, at)
	switch {
	case err != nil:
		writeError(buf, errValidation("Request body too large or unreadable"))
	case fault == FaultResetBefore:
		s.logRequest(at, r, ex, 0, time.Since(started))
		dropConnection(w)
		return
	case fault != "" && !appliedFault(fault):
		writeError(buf, s.faults.faultError(fault)) // refused before it was applied
	default:
		s.route(buf, r, ex)
	}
	s.mu.Lock()
	latency := s.latency
	s.mu.Unlock()
	s.sleep(r.Context(), latency)
	switch fault {
	case FaultResetAfter:
		s.logRequest(at, r, ex, 0, time.Since(started))
		dropConnection(w)
		return
	case FaultSlow:
		s.sleep(r.Context(), s.faults.slowDelay())
	case FaultEmptyBody, FaultNullBody:
		malform(buf, fault)
	}
	buf.flush(w)
	s.logRequest(at, r, ex, buf.status, time.Since(started))
}

var configurationPath = regexp.MustCompile(`^/v(\d+\.\d+)/configuration(/.*)?$`)

// route dispatches to an API surface. The Partner API (/v2/partners/...) and the legacy REST API
// will be added here.
func (s *Server) route(w http.ResponseWriter, r *http.Request, ex *exchange) {
	if m := configurationPath.FindStringSubmatch(r.URL.Path); m != nil {
		s.serveConfiguration(w, r, ex, m[1], m[2])
		return
	}
	if isLegacyPath(r.URL.Path) {
		s.serveLegacy(w, r, ex)
		return
	}
	if isPartnerPath(r.URL.Path) {
		s.servePartner(w, r, ex)
		return
	}
	writeError(w, newError(errTypeNotFound, "No API at "+r.URL.Path))
}

// bufferedResponse holds a response until the latency has passed.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

func (b *bufferedResponse) flush(w http.ResponseWriter) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(b.body.Bytes())
}
