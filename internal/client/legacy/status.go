package legacy

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// GetStatus returns "online" or "offline" for a group (0: the whole license).
func (c *Client) GetStatus(ctx context.Context, group int64) (string, error) {
	var out struct {
		Status string `json:"status"`
	}
	err := c.do(ctx, http.MethodGet, "/status", url.Values{"group": {strconv.FormatInt(group, 10)}}, nil, &out)
	return out.Status, err
}
