// Package configuration has typed methods for the Configuration API v3.6.
package configuration

import (
	"context"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// Client wraps the core client with the v3.6 actions.
type Client struct {
	core *client.Client
}

// New returns the Configuration API view of core.
func New(core *client.Client) *Client { return &Client{core: core} }

// Kinds of the objects other writes name by id (an agent's groups, a group's agent_priorities),
// as this client claims them when it creates them: client.CreatedRecently tells whether one may
// not have propagated yet.
const (
	KindGroup = cacheKindGroups
	KindAgent = cacheKindAgents
	KindBot   = cacheKindBots
)

// Core returns the underlying client.
func (c *Client) Core() *client.Client { return c.core }

func (c *Client) call(ctx context.Context, action string, body, out any) error {
	return c.core.Do(ctx, client.Action(action, body), out)
}

// notFound builds the error a list-only lookup returns for a missing object,
// so that callers use client.IsNotFound for every kind alike.
func notFound(action, what string) error {
	return &client.APIError{API: client.Configuration, Status: 404, Type: client.ErrTypeNotFound, Message: what + " not found", Operation: action}
}
