package partner_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// Lists answered without their documented container and objects without their id are errors,
// not empty lists or objects with an empty id.
func TestMalformedAnswersAreErrorsNotEmptyValues(t *testing.T) {
	calls := []struct {
		key  string
		call func(context.Context, *partner.Client) error
	}{
		{"GET /v2/partners/solutions/licenses", func(ctx context.Context, c *partner.Client) error {
			_, err := c.ListLicenses(ctx, partner.DateRange{})
			return err
		}},
		{"GET /v2/partners/solutions/licenses/livechat/1", func(ctx context.Context, c *partner.Client) error {
			_, err := c.GetLicense(ctx, "livechat", "1")
			return err
		}},
		{"GET /v2/partners/solutions/organizations/o", func(ctx context.Context, c *partner.Client) error {
			_, err := c.GetOrganization(ctx, "o")
			return err
		}},
		{"GET /v2/partners/solutions/organizations/o/licenses", func(ctx context.Context, c *partner.Client) error {
			_, err := c.GetOrganizationLicenses(ctx, "o")
			return err
		}},
		{"GET /v2/partners/tokens", func(ctx context.Context, c *partner.Client) error {
			_, err := c.ListAPITokens(ctx, true)
			return err
		}},
		{"GET /v2/partners/affiliates/campaigns", func(ctx context.Context, c *partner.Client) error {
			_, err := c.GetCampaigns(ctx, "active")
			return err
		}},
		{"POST /v2/partners/solutions/organizations", func(ctx context.Context, c *partner.Client) error {
			_, err := c.CreateOrganization(ctx, partner.OrganizationCreate{OrganizationName: "o"})
			return err
		}},
	}
	for _, tc := range calls {
		for _, body := range []string{"", "null", "{}"} {
			t.Run(tc.key+" answered "+body, func(t *testing.T) {
				f := newFake(t, map[string]func(w http.ResponseWriter, r *http.Request, n int){
					tc.key: func(w http.ResponseWriter, r *http.Request, n int) {
						w.WriteHeader(http.StatusOK)
						_, _ = io.WriteString(w, body)
					},
				})
				err := tc.call(t.Context(), f.client(t))
				var aerr *client.AnswerError
				if !errors.As(err, &aerr) || client.IsNotFound(err) {
					t.Fatalf("err = %v, want an *AnswerError that is no not-found", err)
				}
			})
		}
	}
}
