package emulator

import (
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The Partner API v2 surface: REST under /v2/partners, Bearer partner API token. Requests are
// JSON, form-encoded or query parameters exactly as each method's example shows; errors are the
// documented status codes 400/401/403/404/409 with a JSON body {"error":{"title","message"}}
// (the reference documents no body; see API-NOTES.md).

const partnerPrefix = "/v2/partners"

// isPartnerPath reports whether path belongs to the Partner API.
func isPartnerPath(path string) bool {
	return path == partnerPrefix || strings.HasPrefix(path, partnerPrefix+"/")
}

// Request encodings of the Partner API methods.
type pEncoding int

const (
	pencNone   pEncoding = iota // no body (GET, DELETE without parameters); parameters in the query
	pencJSON                    // application/json body
	pencForm                    // application/x-www-form-urlencoded body (curl --data)
	pencBinary                  // raw body (the logo upload)
)

// pcall is the context of one Partner API request.
type pcall struct {
	st      *partnerStore
	now     time.Time
	delay   time.Duration
	vars    map[string]string
	query   url.Values
	body    []byte
	ctype   string
	creator string // label of the partner token used (informational)
}

// view is what the API's reads see.
func (c *pcall) view() view { return view{now: c.now} }

// presult is a handler's answer: a JSON payload, or no payload with a status (201/204), or raw bytes.
type presult struct {
	status int
	json   any
	raw    []byte
	ctype  string
}

func pOK(v any) presult   { return presult{status: http.StatusOK, json: v} }
func pNoContent() presult { return presult{status: http.StatusNoContent} }
func pCreated() presult   { return presult{status: http.StatusCreated} }

type partnerHandler func(c *pcall, a pargs) (presult, *apiError)

// partnerRoute is one documented method: its HTTP method, path pattern ({name} segments are
// variables), the name used in the request log, the body encoding and the handler.
type partnerRoute struct {
	method  string
	segs    []string
	op      string
	enc     pEncoding
	handler partnerHandler
}

type partnerRouter struct{ routes []partnerRoute }

func (rt *partnerRouter) add(method, pattern, op string, enc pEncoding, h partnerHandler) {
	pattern = strings.Trim(strings.TrimPrefix(pattern, partnerPrefix), "/")
	var segs []string
	if pattern != "" {
		segs = strings.Split(pattern, "/")
	}
	rt.routes = append(rt.routes, partnerRoute{method: method, segs: segs, op: op, enc: enc, handler: h})
}

// literals counts a route's fixed segments: the most specific match wins.
func (r *partnerRoute) literals() int {
	n := 0
	for _, s := range r.segs {
		if !strings.HasPrefix(s, "{") {
			n++
		}
	}
	return n
}

func (r *partnerRoute) match(segs []string) (map[string]string, bool) {
	if len(segs) != len(r.segs) {
		return nil, false
	}
	vars := map[string]string{}
	for i, s := range r.segs {
		if strings.HasPrefix(s, "{") {
			if segs[i] == "" {
				return nil, false
			}
			vars[strings.Trim(s, "{}")] = segs[i]
		} else if s != segs[i] {
			return nil, false
		}
	}
	return vars, true
}

// find returns the most specific route for the path, and the methods the path allows.
func (rt *partnerRouter) find(method, path string) (*partnerRoute, map[string]string, []string) {
	rest := strings.Trim(strings.TrimPrefix(path, partnerPrefix), "/")
	var segs []string
	if rest != "" {
		segs = strings.Split(rest, "/")
		for i, s := range segs {
			if u, err := url.PathUnescape(s); err == nil {
				segs[i] = u
			}
		}
	}
	var best *partnerRoute
	var bestVars map[string]string
	allowed := map[string]bool{}
	bestPathLiterals := -1
	for i := range rt.routes {
		r := &rt.routes[i]
		vars, ok := r.match(segs)
		if !ok {
			continue
		}
		// Only the most specific path pattern counts, whatever its method.
		if l := r.literals(); l > bestPathLiterals {
			bestPathLiterals = l
			allowed = map[string]bool{}
			best, bestVars = nil, nil
		} else if l < bestPathLiterals {
			continue
		}
		allowed[r.method] = true
		if r.method == method {
			best, bestVars = r, vars
		}
	}
	methods := make([]string, 0, len(allowed))
	for m := range allowed {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	return best, bestVars, methods
}

// partnerError writes the Partner API error body for e.
func partnerError(w http.ResponseWriter, e *apiError) {
	if e.RetryAfter > 0 {
		writeError(w, e) // too_many_requests keeps the shared shape and Retry-After
		return
	}
	writeJSON(w, e.Status, map[string]any{"error": map[string]any{
		"title":   http.StatusText(e.Status),
		"message": e.Message,
	}})
}

// Partner API errors by documented status code.
func pBadRequest(format string, a ...any) *apiError { return errValidation(format, a...) }
func pNotFound(what string) *apiError {
	return newError(errTypeNotFound, what+" not found")
}
func pConflict(msg string) *apiError  { return newError(errTypeAlreadyExists, msg) }
func pForbidden(msg string) *apiError { return errAuthorization(msg) }
func pRequired(k string) *apiError    { return pBadRequest("`%s` is required", k) }
func pOneOf(k, v string, allowed []string) *apiError {
	if contains(allowed, v) {
		return nil
	}
	return pBadRequest("`%s` must be one of: %s", k, strings.Join(allowed, ", "))
}

// servePartner authenticates, routes, decodes and runs one Partner API request.
func (s *Server) servePartner(w http.ResponseWriter, r *http.Request, ex *exchange) {
	label, e := s.authPartnerToken(r)
	if e != nil {
		partnerError(w, e)
		return
	}
	route, vars, allowed := partnerRoutes.find(r.Method, r.URL.Path)
	if route == nil {
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			e := pBadRequest("Method %s not allowed here; use %s", r.Method, strings.Join(allowed, " or "))
			e.Status = http.StatusMethodNotAllowed
			partnerError(w, e)
			return
		}
		partnerError(w, newError(errTypeNotFound, "No API at "+r.URL.Path))
		return
	}
	ex.action = route.op
	a, e := decodeArgs(route.enc, r, ex.body)
	if e != nil {
		partnerError(w, e)
		return
	}
	s.mu.Lock()
	c := &pcall{st: s.st.partner, now: s.opts.Now(), delay: s.delay, vars: vars, query: r.URL.Query(),
		body: ex.body, ctype: r.Header.Get("Content-Type"), creator: label}
	res, e := route.handler(c, a)
	s.mu.Unlock()
	if e != nil {
		partnerError(w, e)
		return
	}
	switch {
	case res.raw != nil:
		w.Header().Set("Content-Type", res.ctype)
		w.WriteHeader(res.status)
		_, _ = w.Write(res.raw)
	case res.json != nil:
		writeJSON(w, res.status, s.shapeAnswer(partnerAnswers, route.op, res.json))
	default:
		w.WriteHeader(res.status)
	}
}

// authPartnerToken accepts the configured partner tokens and the tokens created through the API
// (Create API Token) until they are revoked.
func (s *Server) authPartnerToken(r *http.Request) (string, *apiError) {
	if s.authPartner(r) == nil {
		return "", nil
	}
	tok, ok := bearerToken(r)
	if !ok {
		return "", errAuthentication()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.st.partner.tokens.list(authoritative) {
		if equalSecret(tok, t.Token) {
			return t.Label, nil
		}
	}
	return "", errAuthentication()
}

// args gives one access to the parameters of a request whatever their encoding; the getters have
// the semantics of params (missing vs present, validation errors naming the parameter).
type pargs interface {
	str(k string, required bool) (string, bool, *apiError)
	integer(k string, required bool) (int, bool, *apiError)
	boolean(k string, required bool) (bool, bool, *apiError)
	only(keys ...string) *apiError
}

// decodeArgs reads the parameters: the JSON body, the form body, or (no body) the query string.
func decodeArgs(enc pEncoding, r *http.Request, body []byte) (pargs, *apiError) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch enc {
	case pencJSON:
		if mt != "application/json" {
			return nil, pBadRequest("`Content-Type` header must be application/json")
		}
		return parseBody(body)
	case pencForm:
		if len(strings.TrimSpace(string(body))) > 0 && mt != "application/x-www-form-urlencoded" {
			return nil, pBadRequest("`Content-Type` header must be application/x-www-form-urlencoded")
		}
		v, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, pBadRequest("The request body is not a valid form")
		}
		return pform(v), nil
	case pencBinary:
		return pform(r.URL.Query()), nil
	}
	return pform(r.URL.Query()), nil
}

// form are form or query parameters: every value is a string.
type pform url.Values

func (f pform) get(k string, required bool) (string, bool, *apiError) {
	vs, ok := f[k]
	if !ok || len(vs) == 0 {
		if required {
			return "", false, pRequired(k)
		}
		return "", false, nil
	}
	if len(vs) > 1 {
		return "", false, pBadRequest("`%s` is given more than once", k)
	}
	return vs[0], true, nil
}

func (f pform) str(k string, required bool) (string, bool, *apiError) {
	v, ok, e := f.get(k, required)
	if ok && required && v == "" {
		return "", false, pRequired(k)
	}
	return v, ok, e
}

func (f pform) integer(k string, required bool) (int, bool, *apiError) {
	v, ok, e := f.get(k, required)
	if !ok {
		return 0, false, e
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 32)
	if err != nil {
		return 0, false, pBadRequest("`%s` must be an integer", k)
	}
	return int(n), true, nil
}

func (f pform) boolean(k string, required bool) (bool, bool, *apiError) {
	v, ok, e := f.get(k, required)
	if !ok {
		return false, false, e
	}
	switch strings.ToLower(v) {
	case "true", "1":
		return true, true, nil
	case "false", "0":
		return false, true, nil
	}
	return false, false, pBadRequest("`%s` must be true or false", k)
}

// only rejects undocumented parameters; empty keys (e.g. from "&&" in a query) are ignored.
func (f pform) only(keys ...string) *apiError {
	var unknown []string
	for k := range f {
		if k != "" && !contains(keys, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return pBadRequest("`%s` is not a supported parameter", unknown[0])
}

// queryArgs returns the query parameters of a request whose body carries other parameters
// (create_campaign and create_license take `product` in the query).
func (c *pcall) queryArgs() pform { return pform(c.query) }

// jsonParams returns the JSON body parameters (only for pencJSON routes).
func jsonParams(a pargs) *params {
	p, _ := a.(*params)
	return p
}
