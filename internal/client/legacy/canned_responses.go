package legacy

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// CannedResponse as the API returns it (dates are Unix seconds; the modification fields are
// zero until the response is first modified).
type CannedResponse struct {
	ID               int64    `json:"id" answer:"required"`
	Group            int64    `json:"group"`
	Text             string   `json:"text"`
	Tags             []string `json:"tags"`
	CreationDate     int64    `json:"creation_date"`
	CreatedBy        string   `json:"created_by"`
	ModificationDate int64    `json:"modification_date"`
	ModifiedBy       string   `json:"modified_by"`
}

// CannedResponseCreate is the POST /canned_responses body.
type CannedResponseCreate struct {
	Text  string   `json:"text"`
	Tags  []string `json:"tags"`
	Group int64    `json:"group"`
}

// CannedResponseUpdate is the PUT body; nil fields are left unchanged.
type CannedResponseUpdate struct {
	Text *string  `json:"text,omitempty"`
	Tags []string `json:"tags,omitempty"`
}

func cannedKind(group int64) string { return "legacy/canned_responses/" + strconv.FormatInt(group, 10) }

// ListCannedResponses lists one group's canned responses; fresh=false may answer from the run's
// read cache.
func (c *Client) ListCannedResponses(ctx context.Context, group int64, fresh bool) ([]CannedResponse, error) {
	return client.Cached(ctx, c.core, cannedKind(group), fresh, c.fetchCannedResponses(group))
}

// ListCannedResponsesAfter is one group's list from a fetch that began at or after since, and when
// that fetch began: the waits of concurrent writes in one group share one list per poll.
func (c *Client) ListCannedResponsesAfter(ctx context.Context, group int64, since time.Time) ([]CannedResponse, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cannedKind(group), since, c.fetchCannedResponses(group))
}

func (c *Client) fetchCannedResponses(group int64) func(context.Context) ([]CannedResponse, error) {
	return func(ctx context.Context) ([]CannedResponse, error) {
		var out []CannedResponse
		err := c.do(ctx, http.MethodGet, "/canned_responses", url.Values{"group": {strconv.FormatInt(group, 10)}}, nil, &out)
		return out, err
	}
}

// GetCannedResponse reads one canned response.
func (c *Client) GetCannedResponse(ctx context.Context, id int64) (*CannedResponse, error) {
	var out CannedResponse
	if err := c.do(ctx, http.MethodGet, "/canned_responses/"+strconv.FormatInt(id, 10), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateCannedResponse creates a canned response. Its natural key is text + group, which the API
// does not enforce: the group's canned responses that exist before are noted, and after an
// ambiguous failure only a new one with the same text is adopted.
func (c *Client) CreateCannedResponse(ctx context.Context, in CannedResponseCreate) (*CannedResponse, error) {
	kind := cannedKind(in.Group)
	existing, err := c.ListCannedResponses(client.NotingBefore(ctx), in.Group, !c.core.Coalescing())
	if err != nil {
		return nil, err
	}
	before := client.IDsOf(existing, func(cr *CannedResponse) string { return legacyID(cr.ID) })
	defer c.core.Invalidate(kind)
	var out CannedResponse
	req := request(http.MethodPost, "/canned_responses", nil, in)
	req.Creates = true
	req.RecoverWaits = true // the API enforces no unique key: look until the propagation delay has passed
	req.Recover = func(ctx context.Context) (bool, error) {
		list, err := c.ListCannedResponses(ctx, in.Group, true)
		if err != nil {
			return false, err
		}
		return adoptNew(c.core, kind, before, list, &out, func(cr *CannedResponse) (int64, bool) { return cr.ID, cr.Text == in.Text },
			"canned responses with this text in group "+legacyID(in.Group))
	}
	if err := c.core.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	c.core.Claim(kind, legacyID(out.ID))
	return &out, nil
}

// UpdateCannedResponse changes text and/or tags.
func (c *Client) UpdateCannedResponse(ctx context.Context, id, group int64, in CannedResponseUpdate) (*CannedResponse, error) {
	defer c.core.Invalidate(cannedKind(group))
	var out CannedResponse
	if err := c.do(ctx, http.MethodPut, "/canned_responses/"+strconv.FormatInt(id, 10), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteCannedResponse removes a canned response.
func (c *Client) DeleteCannedResponse(ctx context.Context, id, group int64) error {
	defer c.core.Invalidate(cannedKind(group))
	return c.do(ctx, http.MethodDelete, "/canned_responses/"+strconv.FormatInt(id, 10), nil, nil, nil)
}
