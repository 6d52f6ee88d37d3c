package configuration

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

var groupFields = []string{"agent_priorities", "routing_status"}

// cacheKindGroups is the read-cache key of the full list_groups answer.
const cacheKindGroups = "configuration/groups"

// ListGroupsAfter is list_groups through the run's read cache, as ListAgentsAfter is for agents.
func (c *Client) ListGroupsAfter(ctx context.Context, since time.Time) ([]Group, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindGroups, since, c.ListGroups)
}

// Group as get_group/list_groups return it with both optional fields.
type Group struct {
	ID              int64             `json:"id" answer:"required"`
	Name            string            `json:"name"`
	LanguageCode    string            `json:"language_code"`
	AgentPriorities map[string]string `json:"agent_priorities"`
	RoutingStatus   string            `json:"routing_status"`
}

// GroupCreate is the create_group request; agent_priorities is required by
// the API (an empty map is fine).
type GroupCreate struct {
	Name            string            `json:"name"`
	LanguageCode    string            `json:"language_code,omitempty"`
	AgentPriorities map[string]string `json:"agent_priorities"`
}

// GroupUpdate is the update_group request; nil fields are not sent.
type GroupUpdate struct {
	ID              int64              `json:"id"`
	Name            *string            `json:"name,omitempty"`
	LanguageCode    *string            `json:"language_code,omitempty"`
	AgentPriorities *map[string]string `json:"agent_priorities,omitempty"`
}

// CreateGroup creates a group and returns its id. Group names are not
// unique in the API: the groups that exist before are noted, and after an
// ambiguous failure only a new group with the same name, language and
// members is adopted (see API-NOTES.md).
func (c *Client) CreateGroup(ctx context.Context, in GroupCreate) (int64, error) {
	if in.AgentPriorities == nil {
		in.AgentPriorities = map[string]string{}
	}
	var out struct {
		ID int64 `json:"id" answer:"required"`
	}
	existing, err := client.Cached(client.NotingBefore(ctx), c.core, cacheKindGroups, !c.core.Coalescing(), c.ListGroups)
	if err != nil {
		return 0, err
	}
	before := client.IDsOf(existing, func(g *Group) string { return groupID(g.ID) })
	defer c.invalidateMembership()
	defer c.invalidateGroupProperties() // the list of every group's values gains a group
	req := client.Action("create_group", in)
	req.Creates = true
	req.RecoverWaits = true // the API does not enforce unique group names
	req.Recover = func(ctx context.Context) (bool, error) {
		groups, err := c.ListGroups(ctx)
		if err != nil {
			return false, err
		}
		got, err := client.AdoptListed(c.core, cacheKindGroups, before, groups, func(g *Group) (string, bool) {
			return groupID(g.ID), g.Name == in.Name && (in.LanguageCode == "" || g.LanguageCode == in.LanguageCode) && maps.Equal(g.AgentPriorities, in.AgentPriorities)
		}, fmt.Sprintf("groups named %q", in.Name))
		if got != nil {
			out.ID = got.ID
		}
		return got != nil, err
	}
	if err := c.core.Do(ctx, req, &out); err != nil {
		return out.ID, err
	}
	c.core.Claim(cacheKindGroups, groupID(out.ID))
	return out.ID, nil
}

func groupID(id int64) string { return strconv.FormatInt(id, 10) }

// GetGroup returns a group with its agent priorities and routing status.
func (c *Client) GetGroup(ctx context.Context, id int64) (*Group, error) {
	var g Group
	if err := c.call(ctx, "get_group", map[string]any{"id": id, "fields": groupFields}, &g); err != nil {
		return nil, err
	}
	if g.AgentPriorities == nil {
		g.AgentPriorities = map[string]string{}
	}
	return &g, nil
}

// ListGroups lists every group with agent priorities and routing status.
func (c *Client) ListGroups(ctx context.Context) ([]Group, error) {
	var out []Group
	err := c.call(ctx, "list_groups", map[string]any{"fields": groupFields}, &out)
	for i := range out {
		if out[i].AgentPriorities == nil {
			out[i].AgentPriorities = map[string]string{}
		}
	}
	return out, err
}

// UpdateGroup sends the non-nil fields of in.
func (c *Client) UpdateGroup(ctx context.Context, in GroupUpdate) error {
	defer c.invalidateMembership()
	return c.call(ctx, "update_group", in, nil)
}

// DeleteGroup deletes a group.
func (c *Client) DeleteGroup(ctx context.Context, id int64) error {
	defer c.invalidateMembership()
	defer c.core.Invalidate(cacheKindTags) // tags lose the group
	defer c.invalidateGroupProperties()    // and its property values go with it
	return c.call(ctx, "delete_group", map[string]any{"id": id}, nil)
}
