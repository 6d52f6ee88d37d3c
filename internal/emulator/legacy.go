package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// The REST API v2 (legacy) surface: REST at top-level paths (/agents, /canned_responses, ...), header
// X-API-Version: 2, Bearer access tokens or Basic login_email:PAT, JSON or form bodies, errors told
// by the HTTP status with a JSON body {"error":"<message>"} (see API-NOTES.md).

const legacyVersion = "2"

// legacyRoots are the first path segments served by the legacy API.
var legacyRoots = map[string]bool{
	"agents": true, "groups": true, "tags": true, "canned_responses": true, "goals": true,
	"greetings": true, "status": true, "tickets": true, "visitors": true, "chats": true,
	"webhooks": true, "reports": true,
}

// isLegacyPath reports whether path belongs to the legacy REST API.
func isLegacyPath(path string) bool {
	root, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return legacyRoots[root]
}

// legacyHandler runs one legacy endpoint; args are the path's variable segments.
type legacyHandler func(c *call, p *lparams, args []string) (any, *apiError)

// legacyRoute is one method on one path pattern; ":x" segments are variables, "*" takes the rest.
type legacyRoute struct {
	method  string
	pattern []string
	handle  legacyHandler
}

type routeList []legacyRoute

// add registers an endpoint, e.g. rs.add("GET", "/goals/:id", getGoal).
func (rs *routeList) add(method, pattern string, h legacyHandler) {
	*rs = append(*rs, legacyRoute{method: method, pattern: strings.Split(strings.Trim(pattern, "/"), "/"), handle: h})
}

// legacyRoutes is every endpoint of the legacy API.
var legacyRoutes = buildLegacyRoutes()

func buildLegacyRoutes() []legacyRoute {
	var rs routeList
	routeLegacyCanned(&rs)
	routeLegacyGoals(&rs)
	routeLegacyGreetings(&rs)
	routeLegacyStatus(&rs)
	routeLegacyAccounts(&rs)
	routeLegacyWebhooks(&rs)
	routeLegacyTickets(&rs)
	routeLegacyArchives(&rs)
	routeLegacyVisitors(&rs)
	routeLegacyReports(&rs)
	return rs
}

// registerLegacy adds the legacy objects' out-of-band deletes (the routes are static).
func registerLegacy(s *Server) { registerLegacyKinds(s) }

// match returns the variable segments when segs fit the pattern.
func (rt *legacyRoute) match(segs []string) ([]string, bool) {
	var args []string
	for i, p := range rt.pattern {
		if p == "*" {
			return append(args, strings.Join(segs[i:], "/")), true
		}
		if i >= len(segs) {
			return nil, false
		}
		switch {
		case strings.HasPrefix(p, ":"):
			if segs[i] == "" {
				return nil, false
			}
			args = append(args, segs[i])
		case p != segs[i]:
			return nil, false
		}
	}
	return args, len(segs) == len(rt.pattern)
}

// Errors of the legacy API: the status is the documented signal; the type only helps logs and the
// shared error payload of misdirected requests.
func legacyBad(format string, args ...any) *apiError {
	e := newError(errTypeValidation, fmt.Sprintf(format, args...))
	e.Status = http.StatusBadRequest
	return e
}

func legacyNotFound(format string, args ...any) *apiError {
	e := newError(errTypeNotFound, fmt.Sprintf(format, args...))
	e.Status = http.StatusNotFound
	return e
}

// writeLegacyError writes {"error":"<message>"}; a misdirected request keeps the typed shape, so
// that the region the client must use travels in data.region as in the other APIs.
func writeLegacyError(w http.ResponseWriter, e *apiError) {
	if e.Type == errTypeMisdirectedRequest || e.Type == errTypeTooManyRequests {
		writeError(w, e)
		return
	}
	writeJSON(w, e.Status, map[string]any{"error": e.Message})
}

var jsonpCallback = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$.]{0,63}$`)

func (s *Server) serveLegacy(w http.ResponseWriter, r *http.Request, ex *exchange) {
	requester, e := s.authLicense(r)
	if e == nil {
		e = s.checkRegion(r)
	}
	if e == nil {
		if v := strings.TrimSpace(r.Header.Get("X-API-Version")); v != legacyVersion {
			e = legacyBad("This API requires the header X-API-Version: 2 (got %q)", v)
		}
	}
	if e != nil {
		writeLegacyError(w, e)
		return
	}
	segs := strings.Split(strings.Trim(r.URL.EscapedPath(), "/"), "/")
	for i, sg := range segs {
		if u, err := url.PathUnescape(sg); err == nil {
			segs[i] = u
		}
	}
	var allowed []string
	for i := range legacyRoutes {
		rt := &legacyRoutes[i]
		args, ok := rt.match(segs)
		if !ok {
			continue
		}
		if rt.method != r.Method {
			allowed = append(allowed, rt.method)
			continue
		}
		ex.action = r.Method + " /" + strings.Join(rt.pattern, "/")
		p, e := parseLegacyRequest(r, ex.body)
		if e != nil {
			writeLegacyError(w, e)
			return
		}
		callback := ""
		if r.Method == http.MethodGet {
			callback, _ = p.m["callback"].(string)
			delete(p.m, "callback")
			if callback != "" && !jsonpCallback.MatchString(callback) {
				writeLegacyError(w, legacyBad("`callback` must be a JavaScript identifier"))
				return
			}
		}
		out, e := s.runLegacy(rt.handle, p, args, requester)
		if e != nil {
			writeLegacyError(w, e)
			return
		}
		out = s.shapeAnswer(legacyAnswers, ex.action, out)
		if callback != "" {
			b, _ := json.Marshal(out)
			w.Header().Set("Content-Type", "application/javascript")
			w.WriteHeader(http.StatusOK)
			_, _ = fmt.Fprintf(w, "%s(%s)\n", callback, b)
			return
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	if len(allowed) > 0 {
		sort.Strings(allowed)
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		e := legacyBad("Method %s not allowed on %s; use %s", r.Method, r.URL.Path, strings.Join(allowed, ", "))
		e.Status = http.StatusMethodNotAllowed
		writeLegacyError(w, e)
		return
	}
	writeLegacyError(w, legacyNotFound("No API at %s", r.URL.Path))
}

func (s *Server) runLegacy(h legacyHandler, p *lparams, args []string, requester string) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &call{st: s.st, now: s.opts.Now(), delay: s.delay, requester: requester}
	return h(c, p, args)
}

// parseLegacyRequest merges the query string and the body (JSON, url-encoded or multipart form)
// into one parameter object; body values win over query values.
func parseLegacyRequest(r *http.Request, body []byte) (*lparams, *apiError) {
	m := map[string]any{}
	if err := mergeForm(m, r.URL.Query()); err != nil {
		return nil, legacyBad("%s", err.Error())
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return &lparams{m: m}, nil
	}
	mt, mp, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var fromBody map[string]any
	switch {
	case mt == "application/json" || (mt == "" && (body[0] == '{')):
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil || dec.More() {
			return nil, legacyBad("The request body is not valid JSON")
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, legacyBad("The request body must be a JSON object")
		}
		// Keys written in form style ("tag[]", "rules[0][type]") are accepted in JSON too.
		fromBody = map[string]any{}
		vals := url.Values{}
		for k, v := range obj {
			if strings.Contains(k, "[") {
				switch x := v.(type) {
				case string:
					vals.Add(k, x)
				case json.Number:
					vals.Add(k, x.String())
				default:
					fromBody[strings.SplitN(k, "[", 2)[0]] = v
				}
				continue
			}
			fromBody[k] = v
		}
		if err := mergeForm(fromBody, vals); err != nil {
			return nil, legacyBad("%s", err.Error())
		}
	case mt == "application/x-www-form-urlencoded" || mt == "":
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, legacyBad("The request body is not a valid url-encoded form")
		}
		fromBody = map[string]any{}
		if err := mergeForm(fromBody, vals); err != nil {
			return nil, legacyBad("%s", err.Error())
		}
	case mt == "multipart/form-data":
		form, err := multipart.NewReader(bytes.NewReader(body), mp["boundary"]).ReadForm(maxBodyBytes)
		if err != nil {
			return nil, legacyBad("The request body is not a valid multipart form")
		}
		fromBody = map[string]any{}
		if err := mergeForm(fromBody, url.Values(form.Value)); err != nil {
			return nil, legacyBad("%s", err.Error())
		}
	default:
		return nil, legacyBad("Unsupported Content-Type %q; send JSON or a form", mt)
	}
	for k, v := range fromBody {
		m[k] = v
	}
	return &lparams{m: m}, nil
}

// mergeForm adds PHP-style form fields (a=1, tags[]=x, tags[0]=x, rules[0][type]=t,
// properties[greeting-message_text]=m) to m as nested maps and arrays of strings.
func mergeForm(m map[string]any, vals url.Values) error {
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		path, err := formPath(k)
		if err != nil {
			return err
		}
		for _, v := range vals[k] {
			if err := setFormValue(m, path, v); err != nil {
				return fmt.Errorf("parameter `%s`: %v", k, err)
			}
		}
	}
	normalizeForm(m)
	return nil
}

// formPath splits "a[b][0][]" into a, b, 0, "".
func formPath(k string) ([]string, error) {
	name, rest, found := strings.Cut(k, "[")
	if !found {
		return []string{k}, nil
	}
	path := []string{name}
	rest = "[" + rest
	for rest != "" {
		if rest[0] != '[' {
			return nil, fmt.Errorf("malformed parameter name `%s`", k)
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return nil, fmt.Errorf("malformed parameter name `%s`", k)
		}
		path = append(path, rest[1:end])
		rest = rest[end+1:]
	}
	return path, nil
}

// appendKey marks list items added with "[]"; normalizeForm turns them into arrays.
const appendKey = "\x00"

func setFormValue(m map[string]any, path []string, v string) error {
	cur := m
	for i, seg := range path {
		last := i == len(path)-1
		if seg == "" {
			seg = appendKey + fmt.Sprintf("%06d", len(cur))
		}
		if last {
			if _, ok := cur[seg].(map[string]any); ok {
				return fmt.Errorf("given both as a value and as a list")
			}
			cur[seg] = v
			return nil
		}
		next, ok := cur[seg].(map[string]any)
		if !ok {
			if _, isVal := cur[seg]; isVal {
				return fmt.Errorf("given both as a value and as a list")
			}
			next = map[string]any{}
			cur[seg] = next
		}
		cur = next
	}
	return nil
}

// normalizeForm turns maps whose keys are all list indexes into arrays ordered by index.
func normalizeForm(m map[string]any) {
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			m[k] = formValue(sub)
		}
	}
}

func formValue(sub map[string]any) any {
	normalizeForm(sub)
	type item struct {
		key string
		n   int
		v   any
	}
	items := make([]item, 0, len(sub))
	for k, v := range sub {
		if strings.HasPrefix(k, appendKey) {
			var n int
			_, _ = fmt.Sscanf(k[1:], "%d", &n)
			items = append(items, item{k, 1<<20 + n, v})
			continue
		}
		var n int
		if _, err := fmt.Sscanf(k, "%d", &n); err != nil || fmt.Sprint(n) != k || n < 0 {
			return sub
		}
		items = append(items, item{k, n, v})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].n < items[j].n })
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out
}
