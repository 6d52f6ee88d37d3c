package emulator

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const listTagsPath = "/v3.6/configuration/action/list_tags"

func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

func TestAuthentication(t *testing.T) {
	pat := PAT{AccountID: "d24fa41e-bc16-41b8-a15b-9ca45ff7e0cf", LoginEmail: "smith@example.com", Token: "fra:pat-secret"}
	h := newHarness(t, func(o *Options) { o.PATs = []PAT{pat} })
	cases := []struct {
		name, auth string
		status     int
	}{
		{"missing", "", 401},
		{"wrong bearer", "Bearer dal:nope", 401},
		{"empty bearer", "Bearer ", 401},
		{"bearer", "Bearer " + testToken, 200},
		{"bearer lower-case scheme", "bearer " + testToken, 200},
		{"pat by account id", basic(pat.AccountID, pat.Token), 200},
		{"pat by login e-mail", basic(pat.LoginEmail, pat.Token), 200},
		{"pat wrong secret", basic(pat.AccountID, "fra:other"), 401},
		{"pat unknown user", basic("jones@example.com", pat.Token), 401},
		{"pat empty user", basic("", pat.Token), 401},
		{"basic garbage", "Basic !!!", 401},
		{"access token as basic", basic(pat.AccountID, testToken), 401},
		{"pat as bearer", "Bearer " + pat.Token, 401},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := h.do(http.MethodPost, listTagsPath, `{}`, map[string]string{"Authorization": tc.auth, "Content-Type": "application/json"})
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if tc.status == 401 {
				assertJSON(t, decode(t, w.Body.Bytes()), `{"error":{"type":"authentication","message":"Authentication error"}}`)
			}
		})
	}
}

func TestPATRequesterAuthorsTags(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.PATs = []PAT{{AccountID: "acc", LoginEmail: "smith@example.com", Token: "p"}} })
	w := h.do(http.MethodPost, "/v3.6/configuration/action/create_tag", `{"name":"mine"}`,
		map[string]string{"Authorization": basic("acc", "p"), "Content-Type": "application/json"})
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	tag, _ := h.s.Tag("mine")
	if tag.AuthorID != "smith@example.com" {
		t.Fatalf("author %q", tag.AuthorID)
	}
}

func TestRegion(t *testing.T) {
	hdr := func(region string) map[string]string {
		m := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
		if region != "" {
			m["X-Region"] = region
		}
		return m
	}
	dal := newHarness(t)
	fra := newHarness(t, func(o *Options) { o.Region = "fra" })
	cases := []struct {
		name   string
		h      *harness
		region string
		status int
		want   string
	}{
		{"dal default", dal, "", 200, ""},
		{"dal explicit", dal, "dal", 200, ""},
		{"dal asked for fra", dal, "fra", 421, "dal"},
		{"fra without header", fra, "", 421, "fra"},
		{"fra", fra, "fra", 200, ""},
		{"fra upper-case", fra, "FRA", 200, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := tc.h.do(http.MethodPost, listTagsPath, `{}`, hdr(tc.region))
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if tc.want != "" {
				assertJSON(t, decode(t, w.Body.Bytes()), `{"error":{"type":"misdirected_request",
				 "message":"Wrong region","data":{"region":"`+tc.want+`"}}}`)
			}
		})
	}
}

func TestRouting(t *testing.T) {
	h := newHarness(t)
	auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
	cases := []struct {
		name, method, path, body string
		header                   map[string]string
		status                   int
		typ, msg                 string
	}{
		{"unsupported version", "POST", "/v3.5/configuration/action/list_tags", `{}`, auth, 400, "unsupported_version", "Cannot call unsupported API versions."},
		{"future version", "POST", "/v3.7/configuration/action/list_tags", `{}`, auth, 400, "unsupported_version", "Cannot call unsupported API versions."},
		{"unknown action", "POST", "/v3.6/configuration/action/create_spaceship", `{}`, auth, 404, "not_found", "Unknown action `create_spaceship`"},
		{"no action", "POST", "/v3.6/configuration/action/", `{}`, auth, 404, "not_found", "No API at /v3.6/configuration/action/"},
		{"unknown path", "GET", "/nothing/here", ``, nil, 404, "not_found", "No API at /nothing/here"},
		{"GET", "GET", listTagsPath, ``, auth, 405, "validation", "Method GET not allowed; use POST"},
		{"no content type", "POST", listTagsPath, `{}`, map[string]string{"Authorization": "Bearer " + testToken}, 400, "validation", "`Content-Type` header must be application/json"},
		{"bad JSON", "POST", listTagsPath, `{"filters":`, auth, 400, "validation", "Wrong format of request"},
		{"array body", "POST", listTagsPath, `[]`, auth, 400, "validation", "Wrong format of request"},
		{"auth before version", "POST", "/v3.5/configuration/action/list_tags", `{}`, nil, 401, "authentication", "Authentication error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := h.do(tc.method, tc.path, tc.body, tc.header)
			e := errorOf(t, decode(t, w.Body.Bytes()))
			if w.Code != tc.status || e["type"] != tc.typ || e["message"] != tc.msg {
				t.Fatalf("got %d %v, want %d %s %q", w.Code, e, tc.status, tc.typ, tc.msg)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json" {
				t.Fatalf("Content-Type %q", ct)
			}
		})
	}
	// An empty body is an empty request object; charset parameters are fine.
	w := h.do("POST", listTagsPath, ``, map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json; charset=utf-8"})
	if w.Code != 200 {
		t.Fatalf("empty body: %d %s", w.Code, w.Body)
	}
}

func TestGeneratedTokenAndCredentials(t *testing.T) {
	s := New(Options{Region: "fra"})
	creds := s.Credentials()
	if len(creds.AccessTokens) != 1 || !strings.HasPrefix(creds.AccessTokens[0], "fra:") || len(creds.AccessTokens[0]) < 20 {
		t.Fatalf("generated tokens %v", creds.AccessTokens)
	}
	if creds.Region != "fra" || creds.OwnerID != "owner@example.com" {
		t.Fatalf("credentials %+v", creds)
	}
	r := httptest.NewRequest("POST", listTagsPath, strings.NewReader(`{}`))
	r.Header.Set("Authorization", "Bearer "+creds.AccessTokens[0])
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Region", "fra")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != 200 {
		t.Fatalf("generated token rejected: %d %s", w.Code, w.Body)
	}
	// A PAT alone is a credential: no token is generated.
	if got := New(Options{PATs: []PAT{{AccountID: "a", Token: "t"}}}).Credentials().AccessTokens; len(got) != 0 {
		t.Fatalf("token generated despite a PAT: %v", got)
	}
	if New(Options{}).Credentials().AccessTokens[0][:4] != "dal:" {
		t.Fatal("default region prefix is not dal:")
	}
}

func TestPartnerAuthHelper(t *testing.T) {
	s := New(Options{PartnerTokens: []string{"partner-1"}})
	for tok, want := range map[string]bool{"partner-1": true, "partner-2": false, "": false} {
		r := httptest.NewRequest("GET", "/v2/partners/x", nil)
		if tok != "" {
			r.Header.Set("Authorization", "Bearer "+tok)
		}
		if got := s.authPartner(r) == nil; got != want {
			t.Fatalf("partner token %q: accepted=%v", tok, got)
		}
	}
}

func TestLatencyIsAddedBeforeResponses(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.Latency = 50 * time.Millisecond })
	var slept []time.Duration
	h.s.sleep = func(_ context.Context, d time.Duration) { slept = append(slept, d) }
	h.ok("list_tags", `{}`)
	h.s.SetLatency(time.Second)
	h.fail("get_agent", `{}`, 400, "validation")
	h.do("GET", "/_emulator/state", "", nil) // the admin API has no latency
	if len(slept) != 2 || slept[0] != 50*time.Millisecond || slept[1] != time.Second {
		t.Fatalf("latencies %v", slept)
	}
}

func TestErrorShapes(t *testing.T) {
	w := httptest.NewRecorder()
	writeError(w, errTooManyRequests(1500*time.Millisecond))
	if w.Code != 429 || w.Header().Get("Retry-After") != "2" {
		t.Fatalf("too_many_requests: %d Retry-After=%q", w.Code, w.Header().Get("Retry-After"))
	}
	assertJSON(t, decode(t, w.Body.Bytes()), `{"error":{"type":"too_many_requests","message":"Too many requests"}}`)
	for _, tc := range []struct {
		e      *apiError
		status int
		msg    string
	}{
		{errValidation("x"), 400, "x"},
		{errAuthentication(), 401, "Authentication error"},
		{errAuthorization(""), 403, "Authorization error"},
		{errNotFound(), 404, "Not found"},
		{errGroupNotFound(), 404, "Group not found"},
		{errAlreadyExists(), 409, "Already exists"},
		{errLimitReached(), 422, "Limit reached"},
		{errMisdirected("fra"), 421, "Wrong region"},
		{errInternal(), 500, "Internal server error"},
		{errUnsupportedVersion(), 400, "Cannot call unsupported API versions."},
	} {
		if tc.e.Status != tc.status || tc.e.Message != tc.msg {
			t.Errorf("%s: %d %q, want %d %q", tc.e.Type, tc.e.Status, tc.e.Message, tc.status, tc.msg)
		}
	}
}

func TestStartServesOnLoopback(t *testing.T) {
	run, err := Start(Options{AccessTokens: []string{testToken}}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	if !strings.HasPrefix(run.URL, "http://127.0.0.1:") {
		t.Fatalf("URL %q", run.URL)
	}
	req, _ := http.NewRequest("POST", run.URL+"/v3.6/configuration/action/get_group", strings.NewReader(`{"id":0}`))
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assertJSON(t, decode(t, body), `{"id":0,"name":"General","language_code":"en"}`)
	if err := run.Close(); err != nil {
		t.Fatal(err)
	}
}
