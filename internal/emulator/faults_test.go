package emulator

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// postTag sends create_tag over a real connection (faults drop connections,
// which a ResponseRecorder cannot show).
func postTag(t *testing.T, url, name string) (*http.Response, error) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+"/v3.6/configuration/action/create_tag", bytes.NewBufferString(`{"name":"`+name+`"}`))
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	return resp, err
}

func TestFaults_EachKind(t *testing.T) {
	cases := []struct {
		kind       string
		status     int  // 0: connection dropped
		applied    bool // the tag exists afterwards
		retryAfter bool
	}{
		{FaultRateLimited, http.StatusTooManyRequests, false, true},
		{Fault500, http.StatusInternalServerError, false, false},
		{Fault502, http.StatusBadGateway, false, false},
		{Fault503, http.StatusServiceUnavailable, false, false},
		{FaultResetBefore, 0, false, false},
		{FaultResetAfter, 0, true, false},
		{FaultSlow, http.StatusOK, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.kind, func(t *testing.T) {
			run, err := Start(Options{AccessTokens: []string{testToken},
				Faults: Faults{Rate: 1, Kinds: []string{tc.kind}, SlowDelay: time.Millisecond}}, "")
			if err != nil {
				t.Fatal(err)
			}
			defer run.Close()
			resp, err := postTag(t, run.URL, "fault-"+tc.kind)
			switch {
			case tc.status == 0 && err == nil:
				t.Fatalf("status %d, want a dropped connection", resp.StatusCode)
			case tc.status != 0 && err != nil:
				t.Fatalf("error %v, want status %d", err, tc.status)
			case tc.status != 0 && resp.StatusCode != tc.status:
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.retryAfter && resp.Header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
			if _, ok := run.Tag("fault-" + tc.kind); ok != tc.applied {
				t.Errorf("applied = %v, want %v", ok, tc.applied)
			}
			if n := run.FaultCounts()[tc.kind]; n != 1 {
				t.Errorf("counted %d faults of kind %s", n, tc.kind)
			}
		})
	}
}

// A 429 fault says Retry-After: 1 by default, what Faults.RetryAfter sets, or nothing.
func TestFaults_RetryAfter(t *testing.T) {
	for _, tc := range []struct {
		set  time.Duration
		want string
	}{{0, "1"}, {3 * time.Second, "3"}, {NoRetryAfter, ""}} {
		run, err := Start(Options{AccessTokens: []string{testToken},
			Faults: Faults{Rate: 1, Kinds: []string{FaultRateLimited}, RetryAfter: tc.set}}, "")
		if err != nil {
			t.Fatal(err)
		}
		resp, err := postTag(t, run.URL, "retry-after")
		run.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != tc.want {
			t.Errorf("RetryAfter %v: status %d, Retry-After %q; want 429 and %q", tc.set, resp.StatusCode, resp.Header.Get("Retry-After"), tc.want)
		}
	}
}

func TestFaults_SeedIsReproducible(t *testing.T) {
	draw := func(seed uint64) []string {
		f := newFaultState(Faults{Rate: 0.5, Seed: seed})
		r, _ := http.NewRequest(http.MethodPost, "/", nil)
		var out []string
		for range 200 {
			out = append(out, f.decide(r, time.Unix(0, 0)))
		}
		return out
	}
	a, b, c := draw(7), draw(7), draw(8)
	if !slices.Equal(a, b) {
		t.Error("the same seed drew different faults")
	}
	if slices.Equal(a, c) {
		t.Error("different seeds drew the same faults")
	}
	n := 0
	for _, k := range a {
		if k != "" {
			n++
		}
	}
	if n < 60 || n > 140 {
		t.Errorf("%d faults in 200 draws at rate 0.5", n)
	}
}

func TestFaults_RateLimitPerCredential(t *testing.T) {
	f := newFaultState(Faults{RateLimit: 5})
	now := time.Unix(100, 0)
	req := func(token string) *http.Request {
		r, _ := http.NewRequest(http.MethodPost, "/", nil)
		r.Header.Set("Authorization", "Bearer "+token)
		return r
	}
	for i := range 5 {
		if k := f.decide(req("a"), now); k != "" {
			t.Fatalf("request %d within the limit got %q", i, k)
		}
	}
	if k := f.decide(req("a"), now); k != "rate_limit" {
		t.Fatalf("6th request in the same second got %q, want rate_limit", k)
	}
	if k := f.decide(req("b"), now); k != "" {
		t.Fatalf("another credential is limited separately, got %q", k)
	}
	if k := f.decide(req("a"), now.Add(time.Second)); k != "" {
		t.Fatalf("after a second the bucket refills, got %q", k)
	}
}

func TestFaults_AdminAPI(t *testing.T) {
	h := newHarness(t)
	rec := h.do(http.MethodPost, "/_emulator/faults", `{"rate":0.25,"kinds":["429","reset_after"],"seed":3,"slow_delay":"2s"}`, nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"rate":0.25`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	rec = h.do(http.MethodPost, "/_emulator/faults", `{"kinds":["meteor"]}`, nil)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "unknown fault kind") {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	rec = h.do(http.MethodGet, "/_emulator/faults", "", nil)
	if !strings.Contains(rec.Body.String(), `"reset_after"`) {
		t.Fatalf("%s", rec.Body)
	}
}

// empty_body and null_body apply the request and spoil only a successful answer; they are drawn
// only when named.
func TestFaults_MalformedAnswers(t *testing.T) {
	for _, tc := range []struct{ kind, want string }{{FaultEmptyBody, ""}, {FaultNullBody, "null"}} {
		t.Run(tc.kind, func(t *testing.T) {
			h := newHarness(t, func(o *Options) { o.Faults = Faults{Rate: 1, Kinds: []string{tc.kind}} })
			auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
			rec := h.do(http.MethodPost, "/v3.6/configuration/action/create_tag", `{"name":"spoilt"}`, auth)
			if rec.Code != http.StatusOK || rec.Body.String() != tc.want {
				t.Fatalf("create_tag: %d %q, want 200 %q", rec.Code, rec.Body, tc.want)
			}
			if _, ok := h.s.Tag("spoilt"); !ok {
				t.Error("the create was not applied")
			}
			rec = h.do(http.MethodPost, "/v3.6/configuration/action/list_tags", `{}`, auth)
			if rec.Code != http.StatusOK || rec.Body.String() != tc.want {
				t.Fatalf("list_tags: %d %q, want 200 %q", rec.Code, rec.Body, tc.want)
			}
			rec = h.do(http.MethodPost, "/v3.6/configuration/action/get_group", `{"id":4242}`, auth)
			if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "group_not_found") {
				t.Fatalf("an error answer is spoilt too: %d %q", rec.Code, rec.Body)
			}
		})
	}
	f := newFaultState(Faults{Rate: 1})
	r, _ := http.NewRequest(http.MethodPost, "/", nil)
	for range 200 {
		if k := f.decide(r, time.Unix(0, 0)); slices.Contains(MalformedFaultKinds, k) {
			t.Fatalf("drew %s without it being named", k)
		}
	}
	if _, err := ParseFaultKinds("429,null_body,empty_body"); err != nil {
		t.Errorf("ParseFaultKinds: %v", err)
	}
}
