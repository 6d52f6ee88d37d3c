package legacy

import (
	"context"
	"net/http"
	"net/url"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// request builds a REST API v2 request; body (may be nil) is sent as JSON.
func request(method, path string, query url.Values, body any) client.Request {
	return client.Request{API: client.Legacy, Method: method, Path: path, Query: query, JSON: body,
		Operation: method + " " + path}
}

func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	return c.core.Do(ctx, request(method, path, query, body), out)
}

// notFound is the error a lookup in a list returns for a missing object, so that callers use
// client.IsNotFound for every kind alike.
func notFound(op, what string) error {
	return &client.APIError{API: client.Legacy, Status: http.StatusNotFound, Type: client.ErrTypeNotFound,
		Message: what + " not found", Operation: op}
}
