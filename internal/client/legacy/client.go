// Package legacy has typed methods for the REST API v2 (legacy):
// REST at /<resource>, header X-API-Version: 2.
package legacy

import (
	"strconv"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// Client wraps the core client with the REST API v2 endpoints.
type Client struct {
	core *client.Client
}

// New returns the REST API v2 view of core.
func New(core *client.Client) *Client { return &Client{core: core} }

// Core returns the underlying client.
func (c *Client) Core() *client.Client { return c.core }

func legacyID(id int64) string { return strconv.FormatInt(id, 10) }

// adoptNew is the Recover step every legacy create shares: the object of list with the create's
// natural key (match) that did not exist before the first attempt is stored in out.
func adoptNew[T any](core *client.Client, kind string, before map[string]bool, list []T, out *T, match func(*T) (int64, bool), what string) (bool, error) {
	got, err := client.AdoptListed(core, kind, before, list, func(it *T) (string, bool) {
		id, ok := match(it)
		return legacyID(id), ok
	}, what)
	if got != nil {
		*out = *got
	}
	return got != nil, err
}
