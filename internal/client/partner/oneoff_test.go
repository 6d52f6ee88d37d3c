package partner_test

import (
	"context"
	"net/http"
	"testing"
)

// After an unclear Request Withdrawal, the withdrawals are looked up before any re-send: a
// withdrawal that was not there before the call is the one it made.
func TestRequestWithdrawalRecovers(t *testing.T) {
	const before = `{"result":[{"withdrawal_id":1,"status":"paid","amount":10,"paypal":"p@example.com"}]}`
	const after = `{"result":[{"withdrawal_id":2,"status":"pending","amount":15.5,"paypal":"p@example.com"},{"withdrawal_id":1,"status":"paid","amount":10,"paypal":"p@example.com"}]}`
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"POST /v2/partners/withdrawals": reply(502, `{"error":{"title":"Bad Gateway","message":"upstream"}}`),
		"GET /v2/partners/withdrawals": func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 0 {
				reply(200, before)(w, r, n)
				return
			}
			reply(200, after)(w, r, n)
		},
	})
	w, err := f.client(t).RequestWithdrawal(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if w.WithdrawalID != 2 || w.Amount != 15.5 || w.Status != "pending" {
		t.Fatalf("recovered %+v", w)
	}
	posts := 0
	for _, c := range f.calls {
		if c.Method == http.MethodPost {
			posts++
		}
	}
	if posts != 1 {
		t.Fatalf("%d POSTs, want 1 (no re-send once the lookup found it): %+v", posts, f.calls)
	}
}
