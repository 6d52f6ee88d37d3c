// Package legacy has typed methods for the REST API v2 (legacy):
// REST at /<resource>, header X-API-Version: 2.
package legacy

import (
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
