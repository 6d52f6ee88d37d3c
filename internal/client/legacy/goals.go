package legacy

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

const cacheKindGoals = "legacy/goals"

// Goal as GET /goals/<id> returns it. The list returns only id, name, active and type.
type Goal struct {
	ID                  int64  `json:"id" answer:"required"`
	Name                string `json:"name"`
	Active              Flag   `json:"active"`
	Type                string `json:"type"`
	CustomVariableName  string `json:"custom_variable_name,omitempty"`
	CustomVariableValue string `json:"custom_variable_value,omitempty"`
	URL                 string `json:"url,omitempty"`
	MatchType           string `json:"match_type,omitempty"`
	SalesTrackerID      string `json:"sales_tracker_id,omitempty"`
	ValueType           string `json:"value_type,omitempty"`
	Value               string `json:"value,omitempty"`
	Currency            string `json:"currency,omitempty"`
	TimeRange           string `json:"time_range,omitempty"`
	OrderFieldName      string `json:"order_field_name,omitempty"`
	ValueFieldName      string `json:"value_field_name,omitempty"`
}

// Flag is the API's 0/1 boolean (also accepted as true/false or "0"/"1").
type Flag bool

// MarshalJSON writes 0 or 1.
func (f Flag) MarshalJSON() ([]byte, error) {
	if f {
		return []byte("1"), nil
	}
	return []byte("0"), nil
}

// UnmarshalJSON reads 0/1, true/false and their string forms.
func (f *Flag) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch x := v.(type) {
	case bool:
		*f = Flag(x)
	case float64:
		*f = x != 0
	case string:
		*f = x == "1" || x == "true"
	}
	return nil
}

// GoalWrite is the POST and PUT body: the goal's full configuration. Fields that do not belong
// to Type must be empty (the API refuses them).
type GoalWrite Goal

// MarshalJSON sends name, type, active and the parameters of the goal's type that are set.
func (g GoalWrite) MarshalJSON() ([]byte, error) { return json.Marshal(g.fields()) }

func (g GoalWrite) fields() map[string]any {
	out := map[string]any{"name": g.Name, "type": g.Type, "active": g.Active}
	set := func(k, v string) {
		if v != "" {
			out[k] = v
		}
	}
	switch g.Type {
	case "custom_variable":
		out["custom_variable_name"], out["custom_variable_value"] = g.CustomVariableName, g.CustomVariableValue
	case "url":
		out["url"] = g.URL
		set("match_type", g.MatchType)
	case "sales_tracker":
		// All optional: "" is not sent (value must be an amount); an update clears with goalUpdate.
		set("sales_tracker_id", g.SalesTrackerID)
		set("value_type", g.ValueType)
		set("value", g.Value)
		set("currency", g.Currency)
		set("time_range", g.TimeRange)
		set("order_field_name", g.OrderFieldName)
		set("value_field_name", g.ValueFieldName)
	}
	return out
}

// goalUpdate is the PUT body: the goal's configuration, and "" for each parameter in clear that
// it does not set (the update keeps the parameters it is not sent).
type goalUpdate struct {
	GoalWrite
	clear []string
}

func (u goalUpdate) MarshalJSON() ([]byte, error) {
	out := u.fields()
	for _, k := range u.clear {
		if _, set := out[k]; !set {
			out[k] = ""
		}
	}
	return json.Marshal(out)
}

// ListGoals lists every goal (id, name, active, type); fresh=false may answer from the run's read cache.
func (c *Client) ListGoals(ctx context.Context, fresh bool) ([]Goal, error) {
	return client.Cached(ctx, c.core, cacheKindGoals, fresh, c.fetchGoals)
}

// ListGoalsAfter is the goal list from a fetch that began at or after since, and when that fetch
// began: the waits of concurrent goal writes share one list per poll.
func (c *Client) ListGoalsAfter(ctx context.Context, since time.Time) ([]Goal, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindGoals, since, c.fetchGoals)
}

func (c *Client) fetchGoals(ctx context.Context) ([]Goal, error) {
	var out []Goal
	err := c.do(ctx, http.MethodGet, "/goals", nil, nil, &out)
	return out, err
}

// ListGoalsOfType lists the goals of one type (the API's ?type= filter).
func (c *Client) ListGoalsOfType(ctx context.Context, typ string) ([]Goal, error) {
	var out []Goal
	err := c.do(ctx, http.MethodGet, "/goals", url.Values{"type": {typ}}, nil, &out)
	return out, err
}

// GoalTypeAPI is the goal type without parameters: the only one the list shows whole.
const GoalTypeAPI = "api"

// GetGoal reads one goal with its type's parameters.
func (c *Client) GetGoal(ctx context.Context, id int64) (*Goal, error) {
	var out Goal
	if err := c.do(ctx, http.MethodGet, "/goals/"+strconv.FormatInt(id, 10), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateGoal creates a goal. Its natural key is its name (+ type), which the API does not
// enforce: the goals that exist before are noted, and after an ambiguous failure only a new goal
// with the same name and type is adopted.
func (c *Client) CreateGoal(ctx context.Context, in GoalWrite) (*Goal, error) {
	existing, err := c.ListGoals(client.NotingBefore(ctx), !c.core.Coalescing())
	if err != nil {
		return nil, err
	}
	before := client.IDsOf(existing, func(g *Goal) string { return legacyID(g.ID) })
	defer c.core.Invalidate(cacheKindGoals)
	var out Goal
	req := request(http.MethodPost, "/goals", nil, in)
	req.Creates = true
	req.RecoverWaits = true // the API enforces no unique key: look until the propagation delay has passed
	req.Recover = func(ctx context.Context) (bool, error) {
		list, err := c.ListGoals(ctx, true)
		if err != nil {
			return false, err
		}
		return adoptNew(c.core, cacheKindGoals, before, list, &out, func(g *Goal) (int64, bool) { return g.ID, g.Name == in.Name && g.Type == in.Type },
			fmt.Sprintf("%s goals named %q", in.Type, in.Name))
	}
	if err := c.core.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	c.core.Claim(cacheKindGoals, legacyID(out.ID))
	return &out, nil
}

// UpdateGoal sends a goal's configuration; clear names the parameters it empties (sent as "").
func (c *Client) UpdateGoal(ctx context.Context, id int64, in GoalWrite, clear ...string) (*Goal, error) {
	defer c.core.Invalidate(cacheKindGoals)
	var out Goal
	if err := c.do(ctx, http.MethodPut, "/goals/"+strconv.FormatInt(id, 10), nil, goalUpdate{in, clear}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteGoal removes a goal.
func (c *Client) DeleteGoal(ctx context.Context, id int64) error {
	defer c.core.Invalidate(cacheKindGoals)
	return c.do(ctx, http.MethodDelete, "/goals/"+strconv.FormatInt(id, 10), nil, nil, nil)
}
