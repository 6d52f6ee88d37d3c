package partner_test

import (
	"net/http"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// A subscription create whose connection drops after the API applied it is not bought twice: the
// license's details show it (or the re-sent create answers 409, which proves the first went through).
func TestCreateSubscriptionRecovers(t *testing.T) {
	drop := func(w http.ResponseWriter, _ *http.Request, _ int) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	}
	const path = "/v2/partners/solutions/licenses/livechat/L1"
	sub := partner.Subscription{Plan: "team", BillingCycle: "monthly", Seats: 5}
	cases := []struct {
		name    string
		details string
		posts   int
	}{
		{"found by its details", `{"license":"L1","paid":true,"plan":"team","billing_cycle":"monthly","seats":5,"status":"paid","end_timestamp":"2020-02-01 00:00:00"}`, 1},
		{"not visible yet: the re-send answers 409", `{"license":"L1","paid":false,"status":"trial"}`, 2},
		{"license not visible yet: the re-send answers 409", "", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
				"POST " + path + "/subscription": func(w http.ResponseWriter, r *http.Request, n int) {
					if n == 0 {
						drop(w, r, n)
						return
					}
					reply(409, `{"error":{"title":"Conflict","message":"The license already has a subscription; update it instead"}}`)(w, r, n)
				},
				"GET " + path: func(w http.ResponseWriter, r *http.Request, n int) {
					if n == 0 && tc.details != "" { // before the create: a trial
						reply(200, `{"license":"L1","paid":false,"status":"trial","end_timestamp":"2020-01-15 00:00:00"}`)(w, r, n)
						return
					}
					if tc.details == "" {
						reply(404, `{"error":{"title":"Not Found","message":"License livechat/L1 not found"}}`)(w, r, n)
						return
					}
					reply(200, tc.details)(w, r, n)
				},
			})
			if err := f.client(t).CreateSubscription(t.Context(), "livechat", "L1", "tok", sub); err != nil {
				t.Fatal(err)
			}
			posts := 0
			for _, c := range f.calls {
				if c.Method == "POST" {
					posts++
				}
			}
			if posts != tc.posts {
				t.Fatalf("%d creates sent, want %d: %+v", posts, tc.posts, f.calls)
			}
		})
	}
}
