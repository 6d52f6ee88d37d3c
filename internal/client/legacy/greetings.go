package legacy

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

const cacheKindGreetings = "legacy/greetings"

// GreetingMessageKey is the properties key of a greeting's message text.
const GreetingMessageKey = "greeting-message_text"

// Greeting as the API returns it. The reference's examples show neither group nor subtype: nil
// when an answer leaves them out.
type Greeting struct {
	ID         int64             `json:"id" answer:"required"`
	Name       string            `json:"name"`
	Active     bool              `json:"active"`
	Group      *int64            `json:"group,omitempty"`
	Subtype    *string           `json:"subtype,omitempty"`
	Rules      []GreetingRule    `json:"rules"`
	Properties map[string]string `json:"properties"`
}

// Message is the greeting's message text.
func (g *Greeting) Message() string { return g.Properties[GreetingMessageKey] }

// GreetingRule is one condition; ID is assigned by the API on every write of the rules.
type GreetingRule struct {
	ID            int64       `json:"id,omitempty"`
	Type          string      `json:"type"`
	Value         string      `json:"value,omitempty"`
	Operator      string      `json:"operator,omitempty"`
	Condition     string      `json:"condition,omitempty"`
	VariableName  string      `json:"variable_name,omitempty"`
	VariableValue string      `json:"variable_value,omitempty"`
	URLs          []FunnelURL `json:"urls,omitempty"`
}

// FunnelURL is one step of a url_funnel rule.
type FunnelURL struct {
	URL      string `json:"url"`
	Operator string `json:"operator,omitempty"`
}

// GreetingCreate is the POST /greetings body.
type GreetingCreate struct {
	Name       string            `json:"name"`
	Group      int64             `json:"group"`
	Active     Flag              `json:"active"`
	Subtype    string            `json:"subtype,omitempty"`
	Rules      []GreetingRule    `json:"rules"`
	Properties map[string]string `json:"properties,omitempty"`
}

// GreetingUpdate is the PUT body; nil fields are left unchanged.
type GreetingUpdate struct {
	Name       *string           `json:"name,omitempty"`
	Active     *Flag             `json:"active,omitempty"`
	Rules      []GreetingRule    `json:"rules,omitempty"`
	Properties map[string]string `json:"properties,omitempty"`
}

// ListGreetings lists every greeting; fresh=false may answer from the run's read cache.
func (c *Client) ListGreetings(ctx context.Context, fresh bool) ([]Greeting, error) {
	return client.Cached(ctx, c.core, cacheKindGreetings, fresh, c.fetchGreetings)
}

// ListGreetingsAfter is every group's greetings from a fetch that began at or after since, and
// when that fetch began: the waits of concurrent greeting writes share one list per poll.
func (c *Client) ListGreetingsAfter(ctx context.Context, since time.Time) ([]Greeting, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindGreetings, since, c.fetchGreetings)
}

func (c *Client) fetchGreetings(ctx context.Context) ([]Greeting, error) {
	var out []Greeting
	err := c.do(ctx, http.MethodGet, "/greetings", nil, nil, &out)
	return out, err
}

// ListGroupGreetings lists one group's greetings (the API's ?group= filter).
func (c *Client) ListGroupGreetings(ctx context.Context, group int64) ([]Greeting, error) {
	var out []Greeting
	err := c.do(ctx, http.MethodGet, "/greetings", url.Values{"group": {strconv.FormatInt(group, 10)}}, nil, &out)
	return out, err
}

// GetGreeting reads one greeting.
func (c *Client) GetGreeting(ctx context.Context, id int64) (*Greeting, error) {
	var out Greeting
	if err := c.do(ctx, http.MethodGet, "/greetings/"+strconv.FormatInt(id, 10), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateGreeting creates a greeting. Its natural key is name + group, which the API does not
// enforce: the greetings that exist before are noted, and after an ambiguous failure only a new
// greeting with the same name in the group's list (?group=: answers need not show a greeting's
// group) is adopted.
func (c *Client) CreateGreeting(ctx context.Context, in GreetingCreate) (*Greeting, error) {
	existing, err := c.ListGreetings(client.NotingBefore(ctx), !c.core.Coalescing())
	if err != nil {
		return nil, err
	}
	before := client.IDsOf(existing, func(g *Greeting) string { return legacyID(g.ID) })
	defer c.core.Invalidate(cacheKindGreetings)
	var out Greeting
	req := request(http.MethodPost, "/greetings", nil, in)
	req.Creates = true
	req.RecoverWaits = true // the API enforces no unique key: look until the propagation delay has passed
	req.Recover = func(ctx context.Context) (bool, error) {
		list, err := c.ListGroupGreetings(ctx, in.Group)
		if err != nil {
			return false, err
		}
		return adoptNew(c.core, cacheKindGreetings, before, list, &out, func(g *Greeting) (int64, bool) { return g.ID, g.Name == in.Name },
			fmt.Sprintf("greetings named %q in group %d", in.Name, in.Group))
	}
	if err := c.core.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	c.core.Claim(cacheKindGreetings, legacyID(out.ID))
	return &out, nil
}

// UpdateGreeting changes name, activity, message and/or rules.
func (c *Client) UpdateGreeting(ctx context.Context, id int64, in GreetingUpdate) (*Greeting, error) {
	defer c.core.Invalidate(cacheKindGreetings)
	var out Greeting
	if err := c.do(ctx, http.MethodPut, "/greetings/"+strconv.FormatInt(id, 10), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteGreeting removes a greeting.
func (c *Client) DeleteGreeting(ctx context.Context, id int64) error {
	defer c.core.Invalidate(cacheKindGreetings)
	return c.do(ctx, http.MethodDelete, "/greetings/"+strconv.FormatInt(id, 10), nil, nil, nil)
}
