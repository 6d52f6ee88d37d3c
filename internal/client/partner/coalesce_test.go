package partner_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// Every campaign Read of a run shares one list of the active campaigns (every Search Campaigns
// page, plus Get Campaigns); a disabled campaign is not found; a campaign write lists again.
func TestReadActiveCampaign(t *testing.T) {
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
	for _, id := range []int64{1, 2, 3, 3} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cp, err := c.ReadActiveCampaign(ctx, id)
			if err != nil || cp.ID != id || !cp.Active {
				t.Errorf("read %d: %+v %v", id, cp, err)
			}
		}()
	}
	wg.Wait()
	if cp, _ := c.ReadActiveCampaign(ctx, 3); cp.TrialDuration != 21 {
		t.Errorf("campaign 3 lacks Get Campaigns' details: %+v", cp)
	}
	if _, err := c.ReadActiveCampaign(ctx, 9); !client.IsNotFound(err) {
		t.Errorf("a campaign that is not active: %v, want not found", err)
	}
	if s, l := count(); s != 2 || l != 1 {
		t.Fatalf("%d search pages and %d lists, want 2 and 1 for every read", s, l)
	}
	if err := c.DisableCampaign(ctx, 2); err != nil {
		t.Fatal(err)
	}
	_, _ = c.ReadActiveCampaign(ctx, 1)
	if s, l := count(); s != 4 || l != 2 {
		t.Errorf("after a write: %d search pages and %d lists, want the list fetched again", s, l)
	}
}

// Every license Read of a run shares one Get Solution Licenses (marked Listed: the list has no
// seats, plan, purchase order, ...); a license the list lacks is looked up before it is called
// gone; a write under /solutions/ lists again; a Read with nothing known, or with coalescing off,
// gets the details.
func TestReadLicense(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /v2/partners/solutions/licenses": reply(200, `{"result":[
			{"license":"1","product":"livechat","client_name":"A","status":"paid","paid":true},
			{"license":"2","product":"livechat","client_name":"B","status":"trial"},
			{"license":"2","product":"chatbot","client_name":"C","status":"trial"}]}`),
		"GET /v2/partners/solutions/licenses/livechat/1": reply(200, `{"license":"1","client_name":"A","status":"paid","paid":true,"seats":5,"plan":"team"}`),
		"GET /v2/partners/solutions/licenses/livechat/3": reply(200, `{"license":"3","client_name":"D","status":"trial"}`),
		"GET /v2/partners/solutions/licenses/livechat/4": reply(404, `{"error":"license not found"}`),
		"PUT /v2/partners/solutions/licenses/livechat/2": reply(200, `{}`),
	})
	calls := func(path string) int {
		f.mu.Lock()
		defer f.mu.Unlock()
		n := 0
		for _, s := range f.calls {
			if s.Path == path {
				n++
			}
		}
		return n
	}
	const list, get1 = "/v2/partners/solutions/licenses", "/v2/partners/solutions/licenses/livechat/1"
	c := f.clientWith(t, true)
	ctx := t.Context()
	var wg sync.WaitGroup
	for _, r := range []struct{ product, id, client string }{{"livechat", "1", "A"}, {"livechat", "2", "B"}, {"chatbot", "2", "C"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d, err := c.ReadLicense(ctx, r.product, r.id, true)
			if err != nil || !d.Listed || d.License != r.id || d.ClientName != r.client || d.Seats != 0 {
				t.Errorf("read %s/%s: %+v %v", r.product, r.id, d, err)
			}
		}()
	}
	wg.Wait()
	if d, err := c.ReadLicense(ctx, "livechat", "3", true); err != nil || d.Listed || d.ClientName != "D" {
		t.Errorf("a license the list lacks but the details show: %+v %v", d, err)
	}
	if _, err := c.ReadLicense(ctx, "livechat", "4", true); !client.IsNotFound(err) {
		t.Errorf("a license gone from both: %v, want not found", err)
	}
	if n := calls(list); n != 1 {
		t.Fatalf("%d lists for every read, want 1", n)
	}
	if d, err := c.ReadLicense(ctx, "livechat", "1", false); err != nil || d.Listed || d.Seats != 5 || d.Plan != "team" {
		t.Errorf("read with nothing known: %+v %v", d, err)
	}
	if err := c.UpdateLicense(ctx, "livechat", "2", "B2", "PO"); err != nil {
		t.Fatal(err)
	}
	_, _ = c.ReadLicense(ctx, "livechat", "1", true)
	if n := calls(list); n != 2 {
		t.Errorf("%d lists after a license write, want 2", n)
	}
	off := f.client(t)
	if d, err := off.ReadLicense(ctx, "livechat", "1", true); err != nil || d.Listed || d.Seats != 5 {
		t.Errorf("coalescing off: %+v %v", d, err)
	}
	if calls(list) != 2 || calls(get1) != 2 {
		t.Errorf("coalescing off must get the details: lists %d, gets %d", calls(list), calls(get1))
	}
}
