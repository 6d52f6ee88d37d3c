package configuration

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// cacheKindAgents is the read-cache key of the full list_agents answer.
const cacheKindAgents = "configuration/agents"

// AgentFields are the optional fields get_agent and list_agents return on request.
var AgentFields = []string{
	"work_scheduler", "groups", "email_subscriptions", "notifications", "job_title",
	"mobile", "max_chats_count", "suspended", "awaiting_approval", "last_logout",
}

// GroupMembership is an agent's (or bot's) routing priority in one group.
type GroupMembership struct {
	ID       int64  `json:"id"`
	Priority string `json:"priority"`
}

// WorkSchedule is one span of working hours.
type WorkSchedule struct {
	Day     string `json:"day"`
	Enabled bool   `json:"enabled"`
	Start   string `json:"start"`
	End     string `json:"end"`
}

// WorkScheduler is the create_agent shape, which the provider always sends
// (see API-NOTES.md for the other shape update_agent's example shows).
type WorkScheduler struct {
	Timezone string         `json:"timezone,omitempty"`
	Schedule []WorkSchedule `json:"schedule"`
}

// Agent as get_agent/list_agents return it with every field requested.
type Agent struct {
	ID                 string            `json:"id" answer:"required"`
	AccountID          string            `json:"account_id"`
	Name               string            `json:"name"`
	Avatar             string            `json:"avatar"`
	Role               string            `json:"role"`
	LoginStatus        string            `json:"login_status"`
	JobTitle           string            `json:"job_title"`
	Mobile             string            `json:"mobile"`
	MaxChatsCount      int64             `json:"max_chats_count"`
	Groups             []GroupMembership `json:"groups"`
	Notifications      []string          `json:"notifications"`
	EmailSubscriptions []string          `json:"email_subscriptions"`
	WorkScheduler      *WorkScheduler    `json:"work_scheduler"`
	Suspended          bool              `json:"suspended"`
	AwaitingApproval   bool              `json:"awaiting_approval"`
	LastLogout         string            `json:"last_logout"`
}

// UnmarshalJSON accepts the key variants the docs' examples show:
// list_agents answers avatar_path and summaries where get_agent answers
// avatar and email_subscriptions.
func (a *Agent) UnmarshalJSON(b []byte) error {
	type plain Agent
	var aux struct {
		plain
		AvatarPath *string   `json:"avatar_path"`
		Summaries  *[]string `json:"summaries"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*a = Agent(aux.plain)
	if a.Avatar == "" && aux.AvatarPath != nil {
		a.Avatar = *aux.AvatarPath
	}
	if a.EmailSubscriptions == nil && aux.Summaries != nil {
		a.EmailSubscriptions = *aux.Summaries
	}
	return nil
}

// AgentCreate is the create_agent request.
type AgentCreate struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	AgentUpdate
}

// AgentUpdate is the update_agent request; nil fields are not sent. The
// update method has no name parameter.
type AgentUpdate struct {
	ID                 string             `json:"id,omitempty"`
	Role               *string            `json:"role,omitempty"`
	LoginStatus        *string            `json:"login_status,omitempty"`
	JobTitle           *string            `json:"job_title,omitempty"`
	Mobile             *string            `json:"mobile,omitempty"`
	MaxChatsCount      *int64             `json:"max_chats_count,omitempty"`
	Groups             *[]GroupMembership `json:"groups,omitempty"`
	Notifications      *[]string          `json:"notifications,omitempty"`
	EmailSubscriptions *[]string          `json:"email_subscriptions,omitempty"`
	WorkScheduler      *WorkScheduler     `json:"work_scheduler,omitempty"`
}

type idRequest struct {
	ID string `json:"id"`
}

// CreateAgent creates an agent. Its natural key is its id (e-mail), which
// the API enforces: whether the id is taken is noted first, and after an
// ambiguous failure only an agent whose id was free is adopted; a taken id
// fails with already_exists, as without the fault. With coalescing on,
// concurrent creates travel in one batch_create_agents.
func (c *Client) CreateAgent(ctx context.Context, in AgentCreate) (err error) {
	in.AgentUpdate.ID = ""
	defer func() {
		if err == nil { // a write naming it may wait for it (client.CreatedRecently)
			c.core.Claim(cacheKindAgents, in.ID)
		}
	}()
	taken, err := c.agentTaken(ctx, in.ID)
	if err != nil {
		return err
	}
	exists := func(ctx context.Context) (bool, error) {
		if taken { // someone else's agent: only a re-send's answer tells
			return false, nil
		}
		_, err := c.GetAgent(ctx, in.ID)
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil, err
	}
	var amb *client.AmbiguousError
	if c.core.Coalescing() {
		err := c.core.Batch(ctx, "batch_create_agents", true, in, nil, membershipKinds...)
		if !errors.As(err, &amb) {
			return err // answered: the batcher dropped the lists as of its answer
		}
	}
	// From here a write may land outside an answered batch (a create_agent,
	// or a batch whose outcome is unknown): drop the lists when done.
	defer c.invalidateMembership()
	if amb != nil {
		// Look before sending again.
		found, lerr := c.core.RecoverBatchedCreate(ctx, "batch_create_agents", exists, false)
		if lerr != nil {
			return &client.AmbiguousError{Err: fmt.Errorf("%w; looking the agent up failed too: %v", amb.Err, lerr)}
		}
		if found {
			return nil
		}
		if ctx.Err() != nil { // interrupted: nothing more is sent
			return amb
		}
	}
	// Not visible (maybe not yet) after an unclear batch: the API enforces
	// the id, so sending again is safe, and already_exists proves the batch
	// went through when the id was free before it.
	req := client.Action("create_agent", in)
	req.Creates = true
	req.AlreadyExistsProves = !taken
	req.Recover = exists
	err = c.core.Do(ctx, req, nil)
	if amb != nil && !taken && client.IsAlreadyExists(err) {
		return nil
	}
	return err
}

// agentTaken reports whether an agent with id exists, before a create:
// from the run's list_agents when coalescing (one list serves the creates
// that start before the next agent write), get_agent otherwise.
func (c *Client) agentTaken(ctx context.Context, id string) (bool, error) {
	if !c.core.Coalescing() {
		_, err := c.GetAgent(ctx, id)
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil, err
	}
	agents, err := client.Cached(ctx, c.core, cacheKindAgents, false, c.listAllAgents)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(agents, func(a Agent) bool { return a.ID == id }), nil
}

// agentWrite sends an idempotent agent action, batched when coalescing.
func (c *Client) agentWrite(ctx context.Context, action string, body any) error {
	if c.core.Coalescing() {
		return c.core.Batch(ctx, "batch_"+action+"s", false, body, nil, membershipKinds...)
	}
	defer c.invalidateMembership()
	return c.call(ctx, action, body, nil)
}

// membershipKinds are the cached lists an agent or group write changes:
// membership is one relation both the agent and the group lists show.
var membershipKinds = []string{cacheKindAgents, cacheKindGroups}

// invalidateMembership drops the cached agent and group lists fetched before
// a write that has just been answered.
func (c *Client) invalidateMembership() { c.core.Invalidate(membershipKinds...) }

// ListAgentsAfter is list_agents with every optional field through the run's read cache: an
// answer whose fetch started at or after since (zero: any answer of this run), and when that fetch
// started. A waiter that did not find what it waits for passes that start (plus a nanosecond)
// next: the waiters that saw one answer share the next fetch instead of each starting its own.
func (c *Client) ListAgentsAfter(ctx context.Context, since time.Time) ([]Agent, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindAgents, since, c.listAllAgents)
}

// listAllAgents is the one list_agents call behind the read cache.
func (c *Client) listAllAgents(ctx context.Context) ([]Agent, error) { return c.ListAgents(ctx, nil) }

// GetAgent returns the agent with every optional field.
func (c *Client) GetAgent(ctx context.Context, id string) (*Agent, error) {
	var a Agent
	err := c.call(ctx, "get_agent", map[string]any{"id": id, "fields": AgentFields}, &a)
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// AgentFilters narrow list_agents.
type AgentFilters struct {
	GroupIDs  []int64 `json:"group_ids,omitempty"`
	Suspended *bool   `json:"suspended,omitempty"`
}

// ListAgents lists the license's agents with every optional field.
func (c *Client) ListAgents(ctx context.Context, f *AgentFilters) ([]Agent, error) {
	body := map[string]any{"fields": AgentFields}
	if f != nil {
		body["filters"] = f
	}
	var out []Agent
	err := c.call(ctx, "list_agents", body, &out)
	return out, err
}

// UpdateAgent sends the non-nil fields of in.
func (c *Client) UpdateAgent(ctx context.Context, id string, in AgentUpdate) error {
	in.ID = id
	return c.agentWrite(ctx, "update_agent", in)
}

// DeleteAgent deletes an agent.
func (c *Client) DeleteAgent(ctx context.Context, id string) error {
	return c.agentWrite(ctx, "delete_agent", idRequest{ID: id})
}

// SuspendAgent suspends an agent.
func (c *Client) SuspendAgent(ctx context.Context, id string) error {
	return c.agentWrite(ctx, "suspend_agent", idRequest{ID: id})
}

// UnsuspendAgent lifts a suspension.
func (c *Client) UnsuspendAgent(ctx context.Context, id string) error {
	return c.agentWrite(ctx, "unsuspend_agent", idRequest{ID: id})
}

// ApproveAgent approves an agent awaiting approval.
func (c *Client) ApproveAgent(ctx context.Context, id string) error {
	return c.agentWrite(ctx, "approve_agent", idRequest{ID: id})
}
