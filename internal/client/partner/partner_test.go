package partner_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

type seen struct {
	Method, Path, Query, ContentType, Auth string
	Body                                   string
}

// fake answers "METHOD /path" with its handler (n counts earlier calls of that key).
type fake struct {
	mu    sync.Mutex
	calls []seen
	srv   *httptest.Server
}

func newFake(t *testing.T, handlers map[string]func(w http.ResponseWriter, r *http.Request, n int)) *fake {
	f := &fake{}
	counts := map[string]int{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		key := r.Method + " " + r.URL.Path
		f.mu.Lock()
		f.calls = append(f.calls, seen{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), r.Header.Get("Authorization"), string(body)})
		n := counts[key]
		counts[key]++
		f.mu.Unlock()
		h := handlers[key]
		if h == nil {
			t.Errorf("unexpected %s", key)
			w.WriteHeader(404)
			return
		}
		h(w, r, n)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) client(t *testing.T) *partner.Client { return f.clientWith(t, false) }

// clientWith is client with read coalescing on or off.
func (f *fake) clientWith(t *testing.T, coalesce bool) *partner.Client {
	core, err := client.New(client.Config{APIURL: f.srv.URL, PartnerToken: "ptok", MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, Coalesce: coalesce})
	if err != nil {
		t.Fatal(err)
	}
	return partner.New(core)
}

func reply(status int, body string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func TestCreateCampaignRequestAndRecover(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		// The first attempt fails ambiguously (it was applied); the lookup finds it by slug, which
		// was free before.
		"POST /v2/partners/affiliates/campaigns": reply(500, `{"error":{"title":"Internal Server Error","message":"oops"}}`),
		"GET /v2/partners/affiliates/campaigns/search": func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 0 {
				reply(200, `{"value":0,"total":0,"limit":15,"results":[]}`)(w, r, n)
				return
			}
			reply(200, `{"value":0,"total":1,"limit":15,"results":[
		  {"id":7,"name":"New campaign","product":"livechat","created_at":"2024-01-01 00:00:00","slug":"pp_new-campaign","landing_page_url":"https://x/"}]}`)(w, r, n)
		},
	})
	coupon := int64(2)
	got, err := f.client(t).CreateCampaign(context.Background(), partner.CampaignCreate{Product: "livechat", Name: "New campaign", Link: "https://x/", TrialDuration: 30, CouponID: &coupon})
	if err != nil {
		t.Fatal(err)
	}
	if got.Slug != "pp_new-campaign" || got.CreationTimestamp != "2024-01-01 00:00:00" {
		t.Fatalf("recovered %+v", got)
	}
	c := f.calls[1] // after the look at the slug before
	if c.Query != "product=livechat" || c.ContentType != "application/x-www-form-urlencoded" || c.Auth != "Bearer ptok" ||
		c.Body != "coupon_id=2&link=https%3A%2F%2Fx%2F&name=New+campaign&trial_duration=30" {
		t.Fatalf("create request %+v", c)
	}
	if len(f.calls) != 3 || !strings.Contains(f.calls[2].Query, "filters=%5B%7B%22field%22%3A%22slug%22") {
		t.Fatalf("no re-send after recovery, lookup by slug: %+v", f.calls)
	}
}

// The two list methods' examples write slugs differently (Search Campaigns "pp-...", Get
// Campaigns "pp_..."), and the fields Search Campaigns filters on are undocumented: the lookup
// and the join use the slug derived from the name, and a search that ignores the filter still
// finds the campaign.
func TestCampaignsWithoutAnsweredSlugs(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /v2/partners/affiliates/campaigns/search": reply(200, `{"total":2,"limit":15,"results":[
		  {"id":6,"name":"Old campaign","product":"livechat","created_at":"t0","slug":"pp-old-campaign"},
		  {"id":7,"name":"New campaign","product":"livechat","created_at":"t1","slug":"pp-new-campaign"}]}`),
		"GET /v2/partners/affiliates/campaigns": reply(200, `{"result":[
		  {"name":"New campaign","slug":"pp_new-campaign","creation_timestamp":"t1","url":"https://x/?a=p","trial_duration":21},
		  {"name":"Old campaign","slug":"pp_old-campaign","creation_timestamp":"t0","url":"https://o/","trial_duration":14}]}`),
	})
	c := f.client(t)
	hit, err := c.FindActiveCampaignBySlug(context.Background(), "pp_new-campaign")
	if err != nil || hit.ID != 7 {
		t.Fatalf("lookup: %+v %v", hit, err)
	}
	cp, err := c.GetCampaign(context.Background(), 7, true)
	if err != nil || cp.Slug != "pp_new-campaign" || cp.URL != "https://x/?a=p" || cp.TrialDuration != 21 {
		t.Fatalf("joined %+v %v", cp, err)
	}
}

func TestCampaignSlug(t *testing.T) {
	for in, want := range map[string]string{"New campaign": "pp_new-campaign", "Bot launch!": "pp_bot-launch", "  A--b  C ": "pp_a-b-c", "!!!!!": "pp_campaign", "Zażółć 2024": "pp_za-2024"} {
		if got := partner.CampaignSlug(in); got != want {
			t.Errorf("CampaignSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestListCampaignsJoinsBothLists(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /v2/partners/affiliates/campaigns/search": func(w http.ResponseWriter, r *http.Request, _ int) {
			if r.URL.Query().Get("state") == "active" {
				reply(200, `{"total":1,"results":[{"id":1,"slug":"pp_a","created_at":"t1","landing_page_url":"https://a/","offer":"$25 discount"}]}`)(w, r, 0)
				return
			}
			reply(200, `{"total":2,"results":[{"id":2,"slug":"pp_b","created_at":"t2"},{"id":3,"slug":"pp_b","created_at":"t3"}]}`)(w, r, 0)
		},
		"GET /v2/partners/affiliates/campaigns": func(w http.ResponseWriter, r *http.Request, _ int) {
			if r.URL.Query().Get("state") == "active" {
				reply(200, `{"result":[{"slug":"pp_a","creation_timestamp":"t1","url":"https://a/?a=p","short_url":"https://lc.chat/x","trial_duration":30,"discount":"$25 discount"}]}`)(w, r, 0)
				return
			}
			reply(200, `{"result":[{"slug":"pp_b","creation_timestamp":"t3","trial_duration":21},{"slug":"pp_b","creation_timestamp":"t2","trial_duration":14}]}`)(w, r, 0)
		},
	})
	c := f.client(t)
	list, err := c.ListCampaigns(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || !list[0].Active || list[0].URL != "https://a/?a=p" || list[0].Offer != "$25 discount" ||
		list[1].TrialDuration != 14 || list[2].TrialDuration != 21 || list[2].Active {
		t.Fatalf("joined %+v", list)
	}
	// A second read is served from the run's cache.
	if _, err := c.GetCampaign(context.Background(), 3, false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCampaign(context.Background(), 9, false); !client.IsNotFound(err) {
		t.Fatalf("missing campaign: %v", err)
	}
	if len(f.calls) != 4 {
		t.Fatalf("%d calls; the cache should serve the later reads", len(f.calls))
	}
}

func TestLicensesByStatusFollowsCursor(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /v2/partners/solutions/licenses/paid": func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 0 {
				reply(200, `{"results":[{"license_id":"1"},{"license_id":"2"}],"next_cursor":"Y3Vy"}`)(w, r, n)
				return
			}
			if r.URL.Query().Get("next_cursor") != "Y3Vy" {
				t.Errorf("cursor not sent: %s", r.URL.RawQuery)
			}
			reply(200, `{"results":[{"license_id":"3"}],"next_cursor":""}`)(w, r, n)
		},
	})
	from := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	got, err := f.client(t).ListLicensesByStatus(context.Background(), "paid", partner.DateRange{From: from, To: from.AddDate(0, 1, 0)})
	if err != nil || len(got) != 3 || got[2].LicenseID != "3" {
		t.Fatalf("%v %+v", err, got)
	}
	if q := f.calls[0].Query; q != "date_from=2023-01-01T00%3A00%3A00Z&date_to=2023-02-01T00%3A00%3A00Z&limit=15" {
		t.Fatalf("query %s", q)
	}
}

func TestSubscriptionAndLicenseRequests(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"DELETE /v2/partners/solutions/licenses/livechat/42/subscription": reply(403, `{"error":{"title":"Forbidden","message":"The Partner Program password is wrong"}}`),
		"PUT /v2/partners/solutions/licenses/livechat/42":                 func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(204) },
		"POST /v2/partners/solutions/organizations/o-1/licenses":          reply(409, `{"error":{"title":"Conflict","message":"The organization already has a livechat license (9)"}}`),
		"GET /v2/partners/solutions/organizations/o-1/licenses":           reply(200, `{"results":[{"organization_id":"o-1","licenses":[{"external_license_id":"9","product":"livechat"}]}]}`),
	})
	c := f.client(t)
	err := c.CloseSubscription(context.Background(), "livechat", "42", "pw", true)
	var apiErr *client.APIError
	if !asAPIError(err, &apiErr) || apiErr.Status != 403 || apiErr.Type != client.ErrTypeAuthorization || !strings.Contains(apiErr.Message, "password is wrong") {
		t.Fatalf("close: %v", err)
	}
	var body map[string]any
	_ = json.Unmarshal([]byte(f.calls[0].Body), &body)
	if body["password"] != "pw" || body["expire"] != true || f.calls[0].ContentType != "application/json" {
		t.Fatalf("close body %+v", f.calls[0])
	}
	if err := c.UpdateLicense(context.Background(), "livechat", "42", "Jane Doe", ""); err != nil {
		t.Fatal(err)
	}
	if f.calls[1].Body != "client_name=Jane+Doe&purchase_order=" || f.calls[1].ContentType != "application/x-www-form-urlencoded" {
		t.Fatalf("update %+v", f.calls[1])
	}
	if _, err := c.CreateLicense(context.Background(), "o-1", "livechat", partner.LicenseCreate{}); !client.IsAlreadyExists(err) {
		t.Fatalf("409 is already_exists: %v", err)
	}
}

func asAPIError(err error, target **client.APIError) bool {
	e, ok := err.(*client.APIError)
	if ok {
		*target = e
	}
	return ok
}

// After an unclear create_license the organization's licenses are looked up
// before any re-send; a re-send that answers 409 proves the first attempt
// was applied, and CreateLicense answers "" (not visible yet) for its caller
// to wait for FindLicense.
func TestCreateLicenseRecovers(t *testing.T) {
	const created = `{"results":[{"organization_id":"o-1","licenses":[{"external_license_id":"123","product":"livechat"}]}]}`
	const none = `{"results":[{"organization_id":"o-1","licenses":[]}]}`
	t.Run("found by the lookup", func(t *testing.T) {
		f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
			"POST /v2/partners/solutions/organizations/o-1/licenses": reply(502, `{"error":{"title":"Bad Gateway","message":"upstream"}}`),
			"GET /v2/partners/solutions/organizations/o-1/licenses": func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 0 { // before the create: no license of the product
					reply(200, none)(w, r, n)
					return
				}
				reply(200, created)(w, r, n)
			},
		})
		id, err := f.client(t).CreateLicense(context.Background(), "o-1", "livechat", partner.LicenseCreate{})
		if err != nil || id != "123" {
			t.Fatalf("CreateLicense = %q, %v", id, err)
		}
		if len(f.calls) != 3 {
			t.Fatalf("re-sent after the lookup found it: %+v", f.calls)
		}
	})
	t.Run("proven by 409, not visible yet", func(t *testing.T) {
		f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
			"POST /v2/partners/solutions/organizations/o-1/licenses": func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 0 {
					reply(502, `{"error":{"title":"Bad Gateway","message":"upstream"}}`)(w, r, n)
					return
				}
				reply(409, `{"error":{"title":"Conflict","message":"license exists"}}`)(w, r, n)
			},
			"GET /v2/partners/solutions/organizations/o-1/licenses": func(w http.ResponseWriter, r *http.Request, n int) {
				if n <= 1 { // before the create, and the lookup after the unclear attempt
					reply(200, none)(w, r, n)
					return
				}
				reply(200, created)(w, r, n)
			},
		})
		c := f.client(t)
		id, err := c.CreateLicense(context.Background(), "o-1", "livechat", partner.LicenseCreate{})
		if err != nil || id != "" {
			t.Fatalf("CreateLicense = %q, %v; want \"\", nil", id, err)
		}
		if id, err = c.FindLicense(context.Background(), "o-1", "livechat"); err != nil || id != "123" {
			t.Fatalf("FindLicense = %q, %v", id, err)
		}
	})
}

// The waits of concurrent campaign writes share one fetch of the active campaigns per poll: a
// poll for a write answered at since reads the first fetch begun at or after it, and the next
// poll a newer one.
func TestListActiveCampaignsAfterSharesAFetch(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /v2/partners/affiliates/campaigns/search": reply(200, `{"total":1,"results":[{"id":1,"name":"A","slug":"pp_a","created_at":"t1"}]}`),
		"GET /v2/partners/affiliates/campaigns":        reply(200, `{"result":[{"name":"A","slug":"pp_a","creation_timestamp":"t1","url":"https://a/"}]}`),
	})
	c := f.client(t)
	since := time.Now()
	_, started, err := c.ListActiveCampaignsAfter(context.Background(), since)
	if err != nil || started.Before(since) {
		t.Fatalf("first poll: began %v (since %v), %v", started, since, err)
	}
	// Another wait whose write was answered at the same time takes the same fetch.
	if _, again, err := c.ListActiveCampaignsAfter(context.Background(), since); err != nil || !again.Equal(started) {
		t.Fatalf("second wait's poll: began %v, want the shared fetch of %v (%v)", again, started, err)
	}
	if len(f.calls) != 2 {
		t.Fatalf("%d calls, want one fetch (a search and a list) shared by both polls", len(f.calls))
	}
	// A wait's next poll asks for a newer fetch.
	if _, next, err := c.ListActiveCampaignsAfter(context.Background(), started.Add(time.Nanosecond)); err != nil || !next.After(started) {
		t.Fatalf("next poll: began %v, want after %v (%v)", next, started, err)
	}
	if len(f.calls) != 4 {
		t.Fatalf("%d calls, want a second fetch for the next poll", len(f.calls))
	}
}

// The waits on licenses created on one day share one list of the licenses created since the day
// before, whatever the partner's older licenses.
func TestListLicensesCreatedAfterSharesAFetch(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /v2/partners/solutions/licenses": reply(200, `{"result":[{"license":"1","product":"livechat","status":"trial"}]}`),
	})
	c := f.client(t)
	since := time.Date(2026, 12, 4, 0, 30, 0, 0, time.FixedZone("CET", 3600))
	got, started, err := c.ListLicensesCreatedAfter(context.Background(), since, since)
	if err != nil || len(got) != 1 || started.Before(since) {
		t.Fatalf("first poll: %v began %v (since %v), %v", got, started, since, err)
	}
	if _, again, err := c.ListLicensesCreatedAfter(context.Background(), since, since); err != nil || !again.Equal(started) {
		t.Fatalf("second wait's poll: began %v, want the shared fetch of %v (%v)", again, started, err)
	}
	if len(f.calls) != 1 {
		t.Fatalf("%d calls, want one list shared by both polls", len(f.calls))
	}
	// 00:30 CET is 23:30 UTC on the 3rd: the list starts a day before that day.
	if q := f.calls[0].Query; q != "date_from=2026-12-02T00%3A00%3A00Z" {
		t.Fatalf("query %q, want date_from the day before the creation's UTC day", q)
	}
	// A license created on another day is in another list.
	if _, _, err := c.ListLicensesCreatedAfter(context.Background(), since.Add(-72*time.Hour), since); err != nil || len(f.calls) != 2 {
		t.Fatalf("%d calls (%v), want a second list for another creation day", len(f.calls), err)
	}
	if q := f.calls[1].Query; q != "date_from=2026-11-29T00%3A00%3A00Z" {
		t.Fatalf("query %q, want date_from the day before the creation's UTC day", q)
	}
}
