// Package client is the one HTTP core shared by the three LiveChat APIs the
// provider talks to: authentication, region, retries, typed errors, logging
// and the read cache live here and nowhere else.
package client

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// API names one of the three LiveChat APIs.
type API int

const (
	// Configuration is the RPC-style Configuration API v3.6.
	Configuration API = iota
	// Partner is the REST Partner API v2.
	Partner
	// Legacy is the REST API v2 (legacy).
	Legacy
)

func (a API) String() string {
	switch a {
	case Configuration:
		return "Configuration API"
	case Partner:
		return "Partner API"
	case Legacy:
		return "REST API v2"
	}
	return "unknown API"
}

// Regions LiveChat runs in.
const (
	RegionDAL = "dal"
	RegionFRA = "fra"
)

// DefaultAPIURL is the production endpoint.
const DefaultAPIURL = "https://api.livechatinc.com"

// Config holds what the provider configured. Zero values get defaults.
type Config struct {
	APIURL              string
	AccessToken         string
	PersonalAccessToken string
	AccountID           string
	LoginEmail          string
	PartnerToken        string
	// Region is sent as X-Region. Empty: the access token's prefix, else dal.
	Region         string
	MaxRetries     int
	RequestTimeout time.Duration
	UserAgent      string
	HTTPClient     *http.Client
	// RateLimit caps requests per second across the client (0: no cap). With
	// or without it, a 429 slows the whole client down (ratelimit.go).
	RateLimit float64
	// MinPace is the slowest a 429 slows the client down to on its own, in
	// requests per second (default 0.5). Client tests that draw 429s at random
	// raise it: a random 429 says nothing about a rate.
	MinPace float64
	// ThrottledFor bounds how long a call answered 429 keeps retrying when its
	// context has no deadline (default 5m); with one, the deadline bounds it.
	ThrottledFor time.Duration
	// Coalesce lets one list call serve many reads and gathers concurrent
	// writes into the API's batch actions (see the Configuration API's
	// "Batch requests"). Off: every read and write is its own call.
	Coalesce bool
	// BatchWindow is how long a batched write waits for companions.
	BatchWindow time.Duration
	// RecoverWindow bounds how long a waiting Recover looks for an object
	// after an ambiguous create (default 2m, the documented propagation delay).
	RecoverWindow time.Duration
	// Clock is the time the client waits by: batch windows, the rate limit, retry backoffs and
	// the recovery window (nil: the real clock; tests give a fake one, clienttest.Clock).
	Clock Clock
	// MinBackoff and MaxBackoff bound the retry delays (tests shorten them).
	MinBackoff time.Duration
	MaxBackoff time.Duration
}

// Client sends requests to the three APIs. It is safe for concurrent use.
type Client struct {
	cfg     Config
	baseURL *url.URL
	http    *http.Client
	secrets []string
	cache   *readCache
	limit   *limiter
	batches *batcher
	stats   counters
	claims  claims // objects created in this run, never adopted by a recovery (recovery.go)

	mu     sync.RWMutex
	region string
}

// New validates cfg and returns a client.
func New(cfg Config) (*Client, error) {
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	u, err := ParseAPIURL(cfg.APIURL)
	if err != nil {
		return nil, err
	}
	if err := CheckRateLimit(cfg.RateLimit); err != nil {
		return nil, fmt.Errorf("rate limit %w", err)
	}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = 250 * time.Millisecond
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 20 * time.Second
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-livechat/dev"
	}
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	if cfg.HTTPClient != nil {
		copied := *cfg.HTTPClient
		hc = &copied
	}
	// The APIs do not redirect; following one could carry the credentials to another host, port
	// or scheme. The 3xx answer itself comes back and is an error (RedirectError).
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	region := cfg.Region
	if region == "" {
		region = RegionFromToken(cfg.AccessToken)
	}
	if cfg.ThrottledFor <= 0 {
		cfg.ThrottledFor = 5 * time.Minute
	}
	if cfg.RecoverWindow <= 0 {
		cfg.RecoverWindow = 2 * time.Minute
	}
	if cfg.BatchWindow <= 0 {
		// Longer than the gap between the creates Terraform starts (about
		// 35-40 ms on two CPUs): see "Why a 100 ms window" in API-NOTES.md.
		cfg.BatchWindow = 100 * time.Millisecond
	}
	if cfg.Clock == nil {
		cfg.Clock = realClock{}
	}
	c := &Client{cfg: cfg, baseURL: u, http: hc, region: region, cache: newReadCache(), limit: newLimiter(cfg.RateLimit, cfg.MinPace)}
	c.limit.clock = cfg.Clock
	c.batches = newBatcher(c)
	password, _ := u.User.Password()
	for _, s := range []string{cfg.AccessToken, cfg.PersonalAccessToken, cfg.PartnerToken, password} {
		if s != "" {
			c.secrets = append(c.secrets, s)
		}
	}
	if cfg.PersonalAccessToken != "" {
		c.secrets = append(c.secrets, basic(cfg.AccountID, cfg.PersonalAccessToken), basic(cfg.LoginEmail, cfg.PersonalAccessToken))
	}
	return c, nil
}

// ParseAPIURL checks an api_url: absolute, https:// (or http:// to a loopback host). Its errors
// never show the URL's password.
func ParseAPIURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("api_url %q is not an absolute URL", RedactURL(raw))
	}
	if err := CheckScheme(u); err != nil {
		return nil, err
	}
	return u, nil
}

// CheckScheme refuses plain http except to loopback hosts (the emulator).
func CheckScheme(u *url.URL) error {
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if IsLoopbackHost(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("api_url %q uses http:// with a non-loopback host; use https:// (plain http is allowed only for 127.0.0.0/8, ::1 and localhost, e.g. the local emulator)", u.Redacted())
	}
	return fmt.Errorf("api_url %q must use https:// (or http:// to a loopback host)", u.Redacted())
}

// RegionFromToken reads the dal:/fra: prefix of an OAuth access token.
func RegionFromToken(token string) string {
	if strings.HasPrefix(token, RegionFRA+":") {
		return RegionFRA
	}
	return RegionDAL
}

// Region is the region requests are currently sent to.
func (c *Client) Region() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.region
}

// switchRegion moves from one region to another unless a concurrent call
// has already moved; it reports whether this call made the switch.
func (c *Client) switchRegion(from, to string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.region != from {
		return false
	}
	c.region = to
	return true
}

// Coalescing reports whether reads may be served by shared list calls and
// writes gathered into batch actions.
func (c *Client) Coalescing() bool { return c.cfg.Coalesce }

// Has reports whether credentials for api are configured.
func (c *Client) Has(api API) bool { return c.authorization(api) != "" }

// RequireCredentials returns a *MissingCredentialsError when api has none.
func (c *Client) RequireCredentials(api API) error {
	if c.Has(api) {
		return nil
	}
	return &MissingCredentialsError{API: api}
}

func basic(user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
}

func (c *Client) authorization(api API) string {
	switch api {
	case Partner:
		if c.cfg.PartnerToken != "" {
			return "Bearer " + c.cfg.PartnerToken
		}
	case Configuration:
		if c.cfg.AccessToken != "" {
			return "Bearer " + c.cfg.AccessToken
		}
		if c.cfg.PersonalAccessToken != "" && c.cfg.AccountID != "" {
			return "Basic " + basic(c.cfg.AccountID, c.cfg.PersonalAccessToken)
		}
	case Legacy:
		if c.cfg.AccessToken != "" {
			return "Bearer " + c.cfg.AccessToken
		}
		if c.cfg.PersonalAccessToken != "" && c.cfg.LoginEmail != "" {
			return "Basic " + basic(c.cfg.LoginEmail, c.cfg.PersonalAccessToken)
		}
	}
	return ""
}

// Request describes one API call.
type Request struct {
	API API
	// Method defaults to POST.
	Method string
	// Path is relative to the API URL, e.g. /v3.6/configuration/action/list_tags.
	Path  string
	Query url.Values
	// JSON is marshaled as the body; Form is sent url-encoded; Body is sent
	// as it is with ContentType (e.g. an image upload). At most one.
	JSON        any
	Form        url.Values
	Body        []byte
	ContentType string
	// Operation labels logs and errors (the v3.6 action, or "GET /v2/...").
	Operation string
	// Creates marks a call that makes a new object: it is never re-sent after
	// an ambiguous failure unless Recover has looked for the object first, and
	// once sent it is not abandoned when ctx is cancelled (see recovery.go).
	Creates bool
	// AlreadyExistsProves: a re-sent create that answers already_exists proves
	// that an earlier, unclear attempt was applied, and Do returns nil without
	// decoding an answer into out. Set it only where the API enforces the
	// natural key and the key was free before the first attempt: otherwise the
	// answer is about someone else's object and is returned as it is.
	AlreadyExistsProves bool
	// Recover looks the object up by its natural key after an ambiguous
	// failure of a creating call. found=true ends the call successfully
	// (Recover has stored what the caller needs); false lets Do re-send. It
	// finds only an object that did not exist before the first attempt
	// (AdoptNew), never someone else's with the same key.
	Recover func(ctx context.Context) (found bool, err error)
	// RecoverWaits makes Recover keep looking for up to Config.RecoverWindow
	// before the create is sent again. Set it for objects whose natural key
	// the API does not enforce (a group name): a re-sent create would make a
	// duplicate, and the first one may only show after the propagation delay.
	// Where the API enforces the key (agent id, tag name) a re-send is safe:
	// its already_exists proves the first attempt went through when the key
	// was free before it (AlreadyExistsProves).
	RecoverWaits bool
	// rateReserved: the caller waited for the first send's rate-limit token
	// (a batch does, so that items keep joining it while it waits).
	rateReserved bool
}

// Action builds the request for a Configuration API v3.6 action.
func Action(action string, body any) Request {
	if body == nil {
		body = struct{}{}
	}
	return Request{API: Configuration, Path: "/v3.6/configuration/action/" + action, JSON: body, Operation: action}
}

func (r *Request) encode() ([]byte, string, error) {
	switch {
	case (r.JSON != nil) && (r.Form != nil) || (r.Body != nil && (r.JSON != nil || r.Form != nil)):
		return nil, "", errors.New("request has more than one body")
	case r.Body != nil:
		return r.Body, r.ContentType, nil
	case r.JSON != nil:
		b, err := json.Marshal(r.JSON)
		return b, "application/json", err
	case r.Form != nil:
		return []byte(r.Form.Encode()), "application/x-www-form-urlencoded", nil
	}
	return nil, "", nil
}

// Do sends req, retrying as the client rules allow, and decodes a JSON
// answer into out (when out is non-nil and the answer has a body).
func (c *Client) Do(ctx context.Context, req Request, out any) error {
	if err := c.RequireCredentials(req.API); err != nil {
		return err
	}
	if req.Method == "" {
		req.Method = http.MethodPost
	}
	if req.Operation == "" {
		req.Operation = req.Method + " " + req.Path
	}
	body, contentType, err := req.encode()
	if err != nil {
		return err
	}
	ctx = c.logContext(ctx)
	return c.withRetries(ctx, &req, func(ctx context.Context) (*response, error) {
		return c.send(ctx, &req, body, contentType)
	}, out)
}

type response struct {
	status int
	header http.Header
	body   []byte
	region string // X-Region the request was sent with
	// tooLarge: the body passed MaxAnswerBytes and was dropped unread.
	tooLarge bool
}

func (c *Client) send(ctx context.Context, req *Request, body []byte, contentType string) (*response, error) {
	u := *c.baseURL
	u.Path = c.baseURL.Path + req.Path
	if req.Query != nil {
		u.RawQuery = req.Query.Encode()
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, u.String(), rd)
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		hr.Header.Set("Content-Type", contentType)
	}
	hr.Header.Set("Accept", "application/json")
	hr.Header.Set("User-Agent", c.cfg.UserAgent)
	hr.Header.Set("Authorization", c.authorization(req.API))
	region := c.Region()
	if req.API != Partner {
		hr.Header.Set("X-Region", region)
	}
	if req.API == Legacy {
		hr.Header.Set("X-API-Version", "2")
	}
	start := time.Now()
	logRequest(ctx, req, body)
	resp, err := c.http.Do(hr)
	if err != nil {
		logTransportError(ctx, req, err, time.Since(start))
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxAnswerBytes+1))
	c.stats.bytesReceived.Add(int64(len(data)))
	if err != nil {
		logTransportError(ctx, req, err, time.Since(start))
		return nil, err
	}
	r := &response{status: resp.StatusCode, header: resp.Header, body: data, region: region}
	if len(data) > MaxAnswerBytes {
		r.body, r.tooLarge = nil, true
	}
	logResponse(ctx, req, resp.StatusCode, r.body, time.Since(start))
	return r, nil
}

// parseError turns a non-2xx answer into an *APIError.
func parseError(api API, op string, r *response) *APIError {
	e := &APIError{API: api, Status: r.status, Operation: op}
	var typed struct {
		Error json.RawMessage `json:"error"`
		// Some REST answers carry a top-level message or errors list.
		Message string   `json:"message"`
		Errors  []string `json:"errors"`
	}
	if json.Unmarshal(r.body, &typed) == nil {
		var obj struct {
			Type    string         `json:"type"`
			Message string         `json:"message"`
			Data    map[string]any `json:"data"`
		}
		var str string
		switch {
		case len(typed.Error) > 0 && json.Unmarshal(typed.Error, &obj) == nil:
			e.Type, e.Message, e.Data = obj.Type, obj.Message, obj.Data
		case len(typed.Error) > 0 && json.Unmarshal(typed.Error, &str) == nil:
			e.Message = str
		case typed.Message != "":
			e.Message = typed.Message
		case len(typed.Errors) > 0:
			e.Message = strings.Join(typed.Errors, "; ")
		}
	}
	if e.Type == "" {
		e.Type = typeForStatus(r.status)
	}
	return e
}

// IsLoopbackHost reports localhost and loopback IP literals.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
