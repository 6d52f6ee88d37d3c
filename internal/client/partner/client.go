// Package partner has typed methods for the Partner API v2
// (REST under /v2/partners, Bearer partner API token).
package partner

import (
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// Client wraps the core client with the Partner API v2 endpoints.
type Client struct {
	core *client.Client
}

// New returns the Partner API view of core.
func New(core *client.Client) *Client { return &Client{core: core} }

// Core returns the underlying client.
func (c *Client) Core() *client.Client { return c.core }
