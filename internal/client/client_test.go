package client

import (
	"encoding/base64"
	"errors"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
)

const testUA = "terraform-provider-livechat/1.2.3 (+Terraform/1.11.0)"

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestDo_ConfigurationActionRequest(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusOK, `{"id":"x"}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:tok-1", UserAgent: testUA})

	var out struct {
		ID string `json:"id"`
	}
	if err := c.Do(t.Context(), Action("create_bot", map[string]any{"name": "Bot", "max_chats_count": 3}), &out); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if out.ID != "x" {
		t.Errorf("decoded id = %q, want x", out.ID)
	}
	reqs := ts.requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != http.MethodPost {
		t.Errorf("method = %s, want POST", r.Method)
	}
	if r.Path != "/v3.6/configuration/action/create_bot" {
		t.Errorf("path = %s", r.Path)
	}
	want := map[string]string{
		"Content-Type":  "application/json",
		"Accept":        "application/json",
		"User-Agent":    testUA,
		"Authorization": "Bearer dal:tok-1",
		"X-Region":      "dal",
		"X-Api-Version": "",
	}
	for k, v := range want {
		if got := r.Header.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	if got := decodeBody(t, r.Body); !reflect.DeepEqual(got, map[string]any{"name": "Bot", "max_chats_count": float64(3)}) {
		t.Errorf("body = %v", got)
	}
}

func TestDo_NilActionBodyIsEmptyObject(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		w.WriteHeader(http.StatusOK)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token"})
	if err := c.Do(t.Context(), Action("delete_tag", nil), nil); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if got := string(ts.requests()[0].Body); got != "{}" {
		t.Errorf("body = %q, want {}", got)
	}
}

func TestDo_DecodeFailureIsAnError(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusOK, `not json`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token"})
	var out map[string]any
	if err := c.Do(t.Context(), Action("list_tags", nil), &out); err == nil {
		t.Fatal("Do decoded an invalid answer without error")
	}
}

func TestDo_HeadersAndAuthPerAPI(t *testing.T) {
	tests := []struct {
		name      string
		cfg       Config
		req       Request
		wantAuth  string
		region    string // "" means no X-Region header
		legacyHdr bool
	}{
		{
			name:     "configuration bearer",
			cfg:      Config{AccessToken: "dal:abc", PersonalAccessToken: "pat", AccountID: "acc"},
			req:      Action("list_agents", nil),
			wantAuth: "Bearer dal:abc",
			region:   "dal",
		},
		{
			name:     "configuration PAT basic with account id",
			cfg:      Config{PersonalAccessToken: "pat-123", AccountID: "acc-456", LoginEmail: "me@example.com"},
			req:      Action("list_agents", nil),
			wantAuth: "Basic " + b64("acc-456:pat-123"),
			region:   "dal",
		},
		{
			name:      "legacy PAT basic with login email",
			cfg:       Config{PersonalAccessToken: "pat-123", AccountID: "acc-456", LoginEmail: "me@example.com"},
			req:       Request{API: Legacy, Method: http.MethodGet, Path: "/agents"},
			wantAuth:  "Basic " + b64("me@example.com:pat-123"),
			region:    "dal",
			legacyHdr: true,
		},
		{
			name:      "legacy bearer",
			cfg:       Config{AccessToken: "fra:xyz"},
			req:       Request{API: Legacy, Method: http.MethodGet, Path: "/agents"},
			wantAuth:  "Bearer fra:xyz",
			region:    "fra",
			legacyHdr: true,
		},
		{
			name:     "partner bearer",
			cfg:      Config{AccessToken: "dal:abc", PartnerToken: "partner-tok"},
			req:      Request{API: Partner, Method: http.MethodGet, Path: "/v2/partners/me"},
			wantAuth: "Bearer partner-tok",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				writeJSON(w, http.StatusOK, `{}`)
			})
			tt.cfg.UserAgent = testUA
			c := newTestClient(t, ts, tt.cfg)
			if err := c.Do(t.Context(), tt.req, nil); err != nil {
				t.Fatalf("Do: %v", err)
			}
			h := ts.requests()[0].Header
			if got := h.Get("Authorization"); got != tt.wantAuth {
				t.Errorf("Authorization = %q, want %q", got, tt.wantAuth)
			}
			if got := h.Get("User-Agent"); got != testUA {
				t.Errorf("User-Agent = %q, want %q", got, testUA)
			}
			if got := h.Get("Accept"); got != "application/json" {
				t.Errorf("Accept = %q", got)
			}
			if got, present := h.Get("X-Region"), len(h.Values("X-Region")) > 0; got != tt.region || present != (tt.region != "") {
				t.Errorf("X-Region = %q (present %v), want %q", got, present, tt.region)
			}
			wantVer := ""
			if tt.legacyHdr {
				wantVer = "2"
			}
			if got := h.Get("X-API-Version"); got != wantVer {
				t.Errorf("X-API-Version = %q, want %q", got, wantVer)
			}
		})
	}
}

func TestDo_QueryFormAndMethod(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusOK, `{}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", PartnerToken: "p"})

	if err := c.Do(t.Context(), Request{API: Legacy, Method: http.MethodGet, Path: "/canned_responses", Query: url.Values{"group": {"2"}}}, nil); err != nil {
		t.Fatal(err)
	}
	form := url.Values{"name": {"n"}, "secret_key": {"v"}}
	if err := c.Do(t.Context(), Request{API: Partner, Method: http.MethodPut, Path: "/v2/partners/x", Form: form}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Do(t.Context(), Request{API: Legacy, JSON: map[string]int{}, Form: url.Values{}}, nil); err == nil {
		t.Error("a request with both a JSON and a form body was accepted")
	}

	reqs := ts.requests()
	if len(reqs) != 2 {
		t.Fatalf("got %d requests, want 2", len(reqs))
	}
	get := reqs[0]
	if get.Method != http.MethodGet || get.Path != "/canned_responses" || get.Query.Get("group") != "2" {
		t.Errorf("GET request = %s %s?%s", get.Method, get.Path, get.Query.Encode())
	}
	if ct := get.Header.Get("Content-Type"); ct != "" || len(get.Body) != 0 {
		t.Errorf("GET without body sent Content-Type %q and body %q", ct, get.Body)
	}
	put := reqs[1]
	if put.Method != http.MethodPut || put.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("form request = %s with Content-Type %q", put.Method, put.Header.Get("Content-Type"))
	}
	if got, _ := url.ParseQuery(string(put.Body)); !reflect.DeepEqual(got, form) {
		t.Errorf("form body = %q", put.Body)
	}
}

func TestDo_APIURLWithBasePath(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusOK, `{}`)
	})
	c, err := New(Config{APIURL: ts.URL + "/prefix/", AccessToken: "dal:test-token"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Do(t.Context(), Action("list_groups", nil), nil); err != nil {
		t.Fatal(err)
	}
	if got := ts.requests()[0].Path; got != "/prefix/v3.6/configuration/action/list_groups" {
		t.Errorf("path = %s", got)
	}
}

func TestNew_APIURLScheme(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"", true}, // default https
		{"https://api.livechatinc.com", true},
		{"https://example.com:8443/base", true},
		{"https://10.1.2.3", true},
		{"http://127.0.0.1:8080", true},
		{"http://127.5.6.7", true},
		{"http://[::1]:8080", true},
		{"http://localhost:1234", true},
		{"http://LOCALHOST", true},
		{"http://api.livechatinc.com", false},
		{"http://10.0.0.1:8080", false},
		{"http://[2001:db8::1]", false},
		{"http://localhost.example.com", false},
		{"ftp://127.0.0.1", false},
		{"127.0.0.1:8080", false},
		{"not a url", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			c, err := New(Config{APIURL: tt.url})
			if tt.ok && err != nil {
				t.Errorf("New(%q) = %v, want success", tt.url, err)
			}
			if !tt.ok && err == nil {
				t.Errorf("New(%q) succeeded, want an error", tt.url)
			}
			if tt.ok && tt.url == "" && c.baseURL.String() != DefaultAPIURL {
				t.Errorf("default api_url = %s", c.baseURL)
			}
		})
	}
}

func TestNew_HTTPNonLoopbackErrorNamesTheProblem(t *testing.T) {
	_, err := New(Config{APIURL: "http://api.example.com"})
	if err == nil {
		t.Fatal("want error")
	}
	if !strings.Contains(err.Error(), "https://") || !strings.Contains(err.Error(), "api.example.com") {
		t.Errorf("error %q does not name the URL and the fix", err)
	}
}

func TestMissingCredentials(t *testing.T) {
	tests := []struct {
		name     string
		cfg      Config
		api      API
		mentions []string
	}{
		{"configuration none", Config{}, Configuration, []string{"Configuration API", "access token", "personal access token", "account ID"}},
		{"configuration PAT without account id", Config{PersonalAccessToken: "p", LoginEmail: "e@x"}, Configuration, []string{"account ID"}},
		{"configuration partner token only", Config{PartnerToken: "p"}, Configuration, []string{"access token"}},
		{"legacy none", Config{}, Legacy, []string{"REST API v2", "access token", "personal access token"}},
		{"legacy PAT without login email", Config{PersonalAccessToken: "p", AccountID: "a"}, Legacy, []string{"login e-mail"}},
		{"partner none", Config{}, Partner, []string{"Partner API token"}},
		{"partner with license credentials only", Config{AccessToken: "dal:test-token", PersonalAccessToken: "p", AccountID: "a"}, Partner, []string{"Partner API token"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				writeJSON(w, http.StatusOK, `{}`)
			})
			c := newTestClient(t, ts, tt.cfg)
			if c.Has(tt.api) {
				t.Errorf("Has(%s) = true", tt.api)
			}
			err := c.Do(t.Context(), Request{API: tt.api, Path: "/x"}, nil)
			var mc *MissingCredentialsError
			if !errors.As(err, &mc) {
				t.Fatalf("Do error = %v, want *MissingCredentialsError", err)
			}
			if mc.API != tt.api {
				t.Errorf("error API = %s, want %s", mc.API, tt.api)
			}
			for _, m := range tt.mentions {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("message %q does not mention %s", err, m)
				}
			}
			if strings.Contains(err.Error(), "LIVECHAT_") || strings.Contains(err.Error(), "_token") {
				t.Errorf("message %q names settings: the program that configures the client names them", err)
			}
			if IsNotFound(err) || IsAuthentication(err) {
				t.Errorf("missing credentials classified as an API error")
			}
			if n := ts.count(); n != 0 {
				t.Errorf("%d requests sent without credentials", n)
			}
			if !errors.As(c.RequireCredentials(tt.api), &mc) {
				t.Errorf("RequireCredentials did not return *MissingCredentialsError")
			}
		})
	}
}

func TestHasCredentials(t *testing.T) {
	c, err := New(Config{PersonalAccessToken: "p", AccountID: "a", LoginEmail: "e@x", PartnerToken: "pt"})
	if err != nil {
		t.Fatal(err)
	}
	for _, api := range []API{Configuration, Legacy, Partner} {
		if !c.Has(api) || c.RequireCredentials(api) != nil {
			t.Errorf("%s: credentials not recognized", api)
		}
	}
}

func TestRegion_Default(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"fra token", Config{AccessToken: "fra:abc"}, RegionFRA},
		{"dal token", Config{AccessToken: "dal:abc"}, RegionDAL},
		{"unprefixed token", Config{AccessToken: "abc"}, RegionDAL},
		{"token mentioning fra later", Config{AccessToken: "dal:fra:abc"}, RegionDAL},
		{"PAT only", Config{PersonalAccessToken: "fra:p", AccountID: "a"}, RegionDAL},
		{"explicit fra wins over dal token", Config{AccessToken: "dal:abc", Region: RegionFRA}, RegionFRA},
		{"explicit dal wins over fra token", Config{AccessToken: "fra:abc", Region: RegionDAL}, RegionDAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				writeJSON(w, http.StatusOK, `{}`)
			})
			c := newTestClient(t, ts, tt.cfg)
			if got := c.Region(); got != tt.want {
				t.Errorf("Region() = %q, want %q", got, tt.want)
			}
			if err := c.Do(t.Context(), Action("list_groups", nil), nil); err != nil {
				t.Fatal(err)
			}
			if got := ts.requests()[0].Header.Get("X-Region"); got != tt.want {
				t.Errorf("X-Region = %q, want %q", got, tt.want)
			}
		})
	}
}

const misdirectedFRA = `{"error":{"type":"misdirected_request","message":"Wrong region","data":{"region":"fra"}}}`

func TestRegion_MisdirectedSwitchesOnceAndRemembers(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		if r.Header.Get("X-Region") != RegionFRA {
			writeJSON(w, http.StatusMisdirectedRequest, misdirectedFRA)
			return
		}
		writeJSON(w, http.StatusOK, `{"ok":true}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:abc", MaxRetries: 3})

	var out struct{ OK bool }
	if err := c.Do(t.Context(), Action("list_agents", nil), &out); err != nil {
		t.Fatalf("first call: %v", err)
	}
	if !out.OK {
		t.Error("answer of the re-sent request not decoded")
	}
	if got := c.Region(); got != RegionFRA {
		t.Errorf("Region() = %q after the switch, want fra", got)
	}
	if err := c.Do(t.Context(), Action("list_groups", nil), nil); err != nil {
		t.Fatalf("second call: %v", err)
	}
	var regions []string
	for _, r := range ts.requests() {
		regions = append(regions, r.action()+"@"+r.Header.Get("X-Region"))
	}
	want := []string{"list_agents@dal", "list_agents@fra", "list_groups@fra"}
	if !reflect.DeepEqual(regions, want) {
		t.Errorf("requests = %v, want %v", regions, want)
	}
	if s := c.Stats(); s.RegionSwitches != 1 || s.Retries != 0 {
		t.Errorf("stats = %+v, want 1 region switch and no retries", s)
	}
}

func TestRegion_MisdirectedDoesNotLoop(t *testing.T) {
	tests := []struct {
		name   string
		answer func(r *http.Request) string
		want   int // requests
	}{
		{"always fra", func(*http.Request) string { return misdirectedFRA }, 2},
		{"ping-pong", func(r *http.Request) string {
			other := RegionFRA
			if r.Header.Get("X-Region") == RegionFRA {
				other = RegionDAL
			}
			return `{"error":{"type":"misdirected_request","message":"Wrong region","data":{"region":"` + other + `"}}}`
		}, 2},
		{"no region in data", func(*http.Request) string { return errorBody("misdirected_request", "Wrong region") }, 1},
		{"same region in data", func(*http.Request) string {
			return `{"error":{"type":"misdirected_request","message":"Wrong region","data":{"region":"dal"}}}`
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				if n >= 10 {
					// Let a looping client end, so that the count below reports it.
					writeJSON(w, http.StatusOK, `{}`)
					return
				}
				writeJSON(w, http.StatusMisdirectedRequest, tt.answer(r))
			})
			c := newTestClient(t, ts, Config{AccessToken: "dal:abc", MaxRetries: 5})
			err := c.Do(t.Context(), Action("list_agents", nil), nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.Type != ErrTypeMisdirectedRequest || apiErr.Status != http.StatusMisdirectedRequest {
				t.Fatalf("error = %v, want a misdirected_request APIError", err)
			}
			if n := ts.count(); n != tt.want {
				t.Errorf("%d requests, want %d", n, tt.want)
			}
		})
	}
}

// Terraform runs operations in parallel: several calls may be in flight with
// the old region when the first misdirected_request answer arrives. Every one
// of them must end up in the right region, not only the one that switched.
func TestRegion_ConcurrentCallsDuringSwitch(t *testing.T) {
	secondArrived := make(chan struct{})
	fraServed := make(chan struct{})
	var fraOnce sync.Once
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		if r.Header.Get("X-Region") == RegionFRA {
			writeJSON(w, http.StatusOK, `{}`)
			fraOnce.Do(func() { close(fraServed) })
			return
		}
		// Two calls in flight with X-Region: dal. Answer the first only when
		// the second has arrived, and the second only after the first has
		// switched and been served in fra.
		if n == 0 {
			select {
			case <-secondArrived:
			case <-r.Context().Done():
				return
			}
		} else {
			close(secondArrived)
			select {
			case <-fraServed:
			case <-r.Context().Done():
				return
			}
		}
		writeJSON(w, http.StatusMisdirectedRequest, misdirectedFRA)
	})
	c := newTestClient(t, ts, Config{PersonalAccessToken: "pat", AccountID: "acc", MaxRetries: 2})

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = c.Do(t.Context(), Action("list_agents", nil), nil)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("call %d: %v", i, err)
		}
	}
	if got := c.Region(); got != RegionFRA {
		t.Errorf("Region() = %q, want fra", got)
	}
}

func TestIsLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LocalHost": true, "127.0.0.1": true, "127.255.0.9": true, "::1": true,
		"": false, "example.com": false, "10.0.0.1": false, "0.0.0.0": false, "::": false, "[::1]": false,
	} {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestAPIString(t *testing.T) {
	for api, want := range map[API]string{Configuration: "Configuration API", Partner: "Partner API", Legacy: "REST API v2", API(42): "unknown API"} {
		if got := api.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(api), got, want)
		}
	}
}

// A rate limit that is no usable pace is refused: NaN made the limiter compute NaN waits, a tiny
// one made every request wait beyond any timeout.
func TestNew_RateLimitMustBeAUsablePace(t *testing.T) {
	for _, r := range []float64{math.NaN(), math.Inf(1), -1, 1e-9, 0.09} {
		if _, err := New(Config{AccessToken: "dal:t", RateLimit: r}); err == nil {
			t.Errorf("rate limit %g accepted", r)
		}
	}
	for _, r := range []float64{0, MinRateLimit, 20, 1e6} {
		if _, err := New(Config{AccessToken: "dal:t", RateLimit: r}); err != nil {
			t.Errorf("rate limit %g: %v", r, err)
		}
	}
}
