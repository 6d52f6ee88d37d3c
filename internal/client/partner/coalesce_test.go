package partner_test

import (
	"net/http"
	"sync"
	"testing"
)

// The active campaigns (every Search Campaigns page, plus Get Campaigns) are listed once per run
// until a campaign write.
func TestListActiveCampaigns(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /v2/partners/affiliates/campaigns/search": func(w http.ResponseWriter, r *http.Request, _ int) {
			q := r.URL.Query()
			if q.Get("state") != "active" {
				t.Errorf("a refresh listed %s campaigns", q.Get("state"))
			}
			if q.Get("page") == "2" {
				reply(200, `{"total":3,"results":[{"id":3,"slug":"pp_c","created_at":"t3"}]}`)(w, r, 0)
				return
			}
			reply(200, `{"total":3,"results":[{"id":1,"slug":"pp_a","created_at":"t1"},{"id":2,"slug":"pp_b","created_at":"t2"}]}`)(w, r, 0)
		},
		"GET /v2/partners/affiliates/campaigns": func(w http.ResponseWriter, r *http.Request, _ int) {
			reply(200, `{"result":[{"slug":"pp_c","creation_timestamp":"t3","trial_duration":21}]}`)(w, r, 0)
		},
		"DELETE /v2/partners/affiliates/campaigns/2": reply(204, ``),
	})
	c := f.client(t)
	ctx := t.Context()
	count := func() (search, list int) {
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, s := range f.calls {
			switch s.Path {
			case "/v2/partners/affiliates/campaigns/search":
				search++
			case "/v2/partners/affiliates/campaigns":
				list++
			}
		}
		return search, list
	}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			list, err := c.ListActiveCampaigns(ctx, false)
			if err != nil || len(list) != 3 || !list[2].Active || list[2].TrialDuration != 21 {
				t.Errorf("%+v %v", list, err)
			}
		})
	}
	wg.Wait()
	if s, l := count(); s != 2 || l != 1 {
		t.Fatalf("%d search pages and %d lists, want 2 and 1 for every read", s, l)
	}
	if err := c.DisableCampaign(ctx, 2); err != nil {
		t.Fatal(err)
	}
	_, _ = c.ListActiveCampaigns(ctx, false)
	if s, l := count(); s != 4 || l != 2 {
		t.Errorf("after a write: %d search pages and %d lists, want the list fetched again", s, l)
	}
}
