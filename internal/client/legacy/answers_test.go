package legacy_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

// Lists are JSON arrays and single objects carry their id: anything else is an error, not an
// empty list or a goal 0.
func TestMalformedAnswersAreErrorsNotEmptyValues(t *testing.T) {
	calls := []struct {
		key   string
		wrong string
		call  func(context.Context, *legacy.Client) error
	}{
		{"GET /goals", "{}", func(ctx context.Context, c *legacy.Client) error {
			_, err := c.ListGoals(ctx, true)
			return err
		}},
		{"GET /goals/7", "{}", func(ctx context.Context, c *legacy.Client) error {
			_, err := c.GetGoal(ctx, 7)
			return err
		}},
		{"GET /greetings/7", "{}", func(ctx context.Context, c *legacy.Client) error {
			_, err := c.GetGreeting(ctx, 7)
			return err
		}},
		{"GET /canned_responses/7", "[]", func(ctx context.Context, c *legacy.Client) error {
			_, err := c.GetCannedResponse(ctx, 7)
			return err
		}},
		{"GET /canned_responses", "{}", func(ctx context.Context, c *legacy.Client) error {
			_, err := c.ListCannedResponses(ctx, 0, true)
			return err
		}},
	}
	for _, tc := range calls {
		for _, body := range []string{"", "null", tc.wrong} {
			t.Run(tc.key+" answered "+body, func(t *testing.T) {
				f := newFake(t, map[string]func(w http.ResponseWriter, n int){
					tc.key: func(w http.ResponseWriter, n int) {
						w.WriteHeader(http.StatusOK)
						_, _ = io.WriteString(w, body)
					},
				})
				err := tc.call(t.Context(), f.client(t, client.Config{}))
				var aerr *client.AnswerError
				if !errors.As(err, &aerr) || client.IsNotFound(err) {
					t.Fatalf("err = %v, want an *AnswerError that is no not-found", err)
				}
			})
		}
	}
}
