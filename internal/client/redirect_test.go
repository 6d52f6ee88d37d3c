package client

import (
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// The APIs do not redirect: a redirect is an error naming its Location, and nothing (least of
// all the token) is sent where it points, whatever the status and the target.
func TestDo_RedirectsAreRefused(t *testing.T) {
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			var reached atomic.Int32
			var gotAuth atomic.Value
			target := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				reached.Add(1)
				gotAuth.Store(r.Header.Get("Authorization"))
				writeJSON(w, http.StatusOK, `{"id":"x"}`)
			})
			// Same host, another port: a client that follows keeps the Authorization header.
			location := target.URL + "/v3.6/configuration/action/create_group"
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				http.Redirect(w, r, location, status)
			})
			c := newTestClient(t, ts, Config{AccessToken: "dal:secret-token", MaxRetries: 3})
			var out struct {
				ID string `json:"id"`
			}
			err := c.Do(t.Context(), Action("create_group", map[string]string{"name": "g"}), &out)
			var rerr *RedirectError
			if !errors.As(err, &rerr) || !strings.Contains(err.Error(), location) {
				t.Fatalf("err = %v, want a *RedirectError naming %s", err, location)
			}
			if reached.Load() != 0 {
				t.Errorf("the redirect was followed (Authorization %q)", gotAuth.Load())
			}
			if ts.count() != 1 {
				t.Errorf("%d requests, want 1 (a redirect is not retried)", ts.count())
			}
		})
	}
}
