package provider

// Which answer serves a Read. A refresh must show every change made outside Terraform, and cost
// per type, not per object: with coalesce_requests on, one list per type and run (the client's
// read cache) serves the Reads of every object of the type, but only where the list carries
// every attribute the Read sets; otherwise, and for what a list lacks, the single get. Waits after
// a write never read a list fetched before it: they poll* with the time the write began (a list
// the waits of concurrent writes share), or use the single get. The client offers the
// operations; the choice between them is made here.

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// readAgent reads one agent for a refresh: every agent Read of a run shares one list_agents when
// coalescing (get_agent otherwise).
func (d *providerData) readAgent(ctx context.Context, id string) (*configuration.Agent, error) {
	a, _, err := d.pollAgent(ctx, id, time.Time{})
	return a, err
}

// pollAgent is one poll of a wait on agent id: the agent from an answer fetched at or after since
// (the moment the write waited for began), so it never sees a list older than that write, and the
// since of the next poll. With coalescing on the answer is a list_agents shared by every waiter
// whose write was answered before it started (a batch of ten creates costs one list per poll,
// not ten get_agent calls); with coalescing off it is get_agent.
func (d *providerData) pollAgent(ctx context.Context, id string, since time.Time) (*configuration.Agent, time.Time, error) {
	if !d.core.Coalescing() {
		a, err := d.config.GetAgent(ctx, id)
		return a, time.Now(), err
	}
	agents, started, err := d.config.ListAgentsAfter(ctx, since)
	return pick(agents, started, err, func(a *configuration.Agent) bool { return a.ID == id },
		notListed(client.Configuration, "list_agents", client.ErrTypeNotFound, "agent "+id))
}

// readGroup reads one group for a refresh: every group Read of a run shares one list_groups when
// coalescing (get_group otherwise).
func (d *providerData) readGroup(ctx context.Context, id int64) (*configuration.Group, error) {
	g, _, err := d.pollGroup(ctx, id, time.Time{})
	return g, err
}

// pollGroup is one poll of a wait on group id, as pollAgent is for agents: list_groups carries
// every attribute of a group, so the waits of concurrent group writes share one list per poll.
func (d *providerData) pollGroup(ctx context.Context, id int64, since time.Time) (*configuration.Group, time.Time, error) {
	if !d.core.Coalescing() {
		g, err := d.config.GetGroup(ctx, id)
		return g, time.Now(), err
	}
	groups, started, err := d.config.ListGroupsAfter(ctx, since)
	return pick(groups, started, err, func(g *configuration.Group) bool { return g.ID == id },
		notListed(client.Configuration, "list_groups", client.ErrTypeGroupNotFound, "group"))
}

// pollListedBot is bot id's entry in list_bots fetched at or after since (not found when it has
// none), and the since of the next poll: the waits of concurrent bot writes share it. The entry
// lacks attributes the state holds; it tells only whether the bot is listed (shownOnceListed,
// goneByPoll).
func (d *providerData) pollListedBot(ctx context.Context, id string, since time.Time) (*configuration.Bot, time.Time, error) {
	bots, started, err := d.config.ListBotsAfter(ctx, since)
	return pick(bots, started, err, func(b *configuration.Bot) bool { return b.ID == id },
		notListed(client.Configuration, "list_bots", client.ErrTypeNotFound, "bot "+id))
}

// pollTag is one poll of a wait on tag name, as pollAgent is for agents; tags can only be listed,
// so every tag Read shares one list_tags either way.
func (d *providerData) pollTag(ctx context.Context, name string, since time.Time) (*configuration.Tag, time.Time, error) {
	tags, started, err := d.config.ListTagsAfter(ctx, since)
	return pick(tags, started, err, func(t *configuration.Tag) bool { return t.Name == name },
		notListed(client.Configuration, "list_tags", client.ErrTypeNotFound, "tag "+name))
}

// pollAutoAccess is one poll of a wait on auto access rule id, as pollTag is for tags: rules can
// only be listed, so the waits of concurrent rule writes and the order's share one
// list_auto_accesses per poll.
func (d *providerData) pollAutoAccess(ctx context.Context, id string, since time.Time) (*configuration.AutoAccess, time.Time, error) {
	rules, started, err := d.config.ListAutoAccessesAfter(ctx, since)
	return pick(rules, started, err, func(a *configuration.AutoAccess) bool { return a.ID == id },
		notListed(client.Configuration, "list_auto_accesses", client.ErrTypeNotFound, "auto access "+id))
}

// pollProperty is one poll of a wait on property name of owner, as pollTag is for tags:
// definitions can only be listed, so the waits of concurrent property writes of one owner share one
// list_properties per poll.
func (d *providerData) pollProperty(ctx context.Context, owner, name string, since time.Time) (*configuration.Property, time.Time, error) {
	all, started, err := d.config.ListPropertiesAfter(ctx, owner, since)
	next := started.Add(time.Nanosecond)
	if err != nil {
		return nil, next, err
	}
	if p, ok := all[name]; ok {
		return &p, next, nil
	}
	return nil, next, notListed(client.Configuration, "list_properties", client.ErrTypeNotFound, "property "+name+" of "+owner)
}

// pollWebhook is one poll of a wait on webhook id of owner, as pollTag is for tags: the waits of
// concurrent webhook writes of one owner share one list_webhooks per poll.
func (d *providerData) pollWebhook(ctx context.Context, owner, id string, since time.Time) (*configuration.Webhook, time.Time, error) {
	hooks, started, err := d.config.ListWebhooksAfter(ctx, owner, since)
	return pick(hooks, started, err, func(w *configuration.Webhook) bool { return w.ID == id },
		notListed(client.Configuration, "list_webhooks", client.ErrTypeNotFound, "webhook "+id+" of client "+owner))
}

// pollBotTemplate is one poll of a wait on bot template id of owner, as pollTag is for tags: the
// waits of concurrent template writes of one owner share one list_bot_templates per poll.
func (d *providerData) pollBotTemplate(ctx context.Context, owner, id string, since time.Time) (*configuration.BotTemplate, time.Time, error) {
	all, started, err := d.config.ListBotTemplatesAfter(ctx, owner, since)
	return pick(all, started, err, func(t *configuration.BotTemplate) bool { return t.ID == id },
		notListed(client.Configuration, "list_bot_templates", client.ErrTypeNotFound, "bot template "+id+" of client "+owner))
}

// pollAPIToken is one poll of a wait on Partner API token id, as pollTag is for tags: the waits of
// concurrent token writes share one token list per poll.
func pollAPIToken(ctx context.Context, pc *partner.Client, id int64, since time.Time) (*partner.APIToken, time.Time, error) {
	tokens, started, err := pc.ListAPITokensAfter(ctx, since)
	return pick(tokens, started, err, func(t *partner.APIToken) bool { return t.ID == id },
		notListed(client.Partner, "get_api_tokens", client.ErrTypeNotFound, fmt.Sprintf("API token %d", id)))
}

// readGroupProperties reads one group's property values for a refresh (fresh=false): with
// coalescing on, the Reads of every group share one list_groups_properties of all groups, in
// which a missing group is absent (group_not_found here). Fresh reads (waits) ask for the group
// alone.
func readGroupProperties(ctx context.Context, c *configuration.Client, groupID int64, fresh bool) (configuration.PropertyValues, error) {
	if fresh || !c.Core().Coalescing() {
		return c.GroupProperties(ctx, groupID, fresh)
	}
	all, err := c.AllGroupsProperties(ctx)
	g, _, err := pick(all, time.Time{}, err, func(g *configuration.GroupPropertyValues) bool { return g.ID == groupID },
		notListed(client.Configuration, "list_groups_properties", client.ErrTypeGroupNotFound, "Group "+strconv.FormatInt(groupID, 10)))
	if err != nil {
		return nil, err
	}
	return g.Properties, nil
}

// readGoal reads one goal for a refresh; typ is the goal's type as last known ("" if unknown).
// The list answers only id, name, active and type, which is the whole goal for type api. With
// coalescing on, an api goal is served by the run's one list (a goal missing from it is gone);
// other types need GET /goals/<id> for their parameters (a list that lacks them never serves
// their refresh), as does a goal the list shows with another type (changed outside Terraform).
func (d *providerData) readGoal(ctx context.Context, id int64, typ string) (*legacy.Goal, error) {
	if !d.core.Coalescing() || typ != legacy.GoalTypeAPI {
		return d.legacy.GetGoal(ctx, id)
	}
	g, _, err := d.pollGoal(ctx, id, time.Time{})
	if err == nil && g.Type != legacy.GoalTypeAPI {
		return d.legacy.GetGoal(ctx, id)
	}
	return g, err
}

// readGreeting reads one greeting for a refresh. With coalescing on, every greeting Read of a run
// is served by one GET /greetings (without a group it lists every group's greetings, in the same
// shape as GET /greetings/<id>); otherwise GET /greetings/<id>.
func (d *providerData) readGreeting(ctx context.Context, id int64) (*legacy.Greeting, error) {
	if !d.core.Coalescing() {
		return d.legacy.GetGreeting(ctx, id)
	}
	g, _, err := d.pollGreeting(ctx, id, time.Time{})
	return g, err
}

// pollGreeting is greeting id from every group's greetings fetched at or after since, and the since
// of the next poll: the list has the shape of GET /greetings/<id>, so it serves refreshes and the
// waits of concurrent greeting writes alike.
func (d *providerData) pollGreeting(ctx context.Context, id int64, since time.Time) (*legacy.Greeting, time.Time, error) {
	greetings, started, err := d.legacy.ListGreetingsAfter(ctx, since)
	return pick(greetings, started, err, func(g *legacy.Greeting) bool { return g.ID == id },
		notListed(client.Legacy, "GET /greetings", client.ErrTypeNotFound, "greeting "+strconv.FormatInt(id, 10)))
}

// pollGoal is goal id as the goal list fetched at or after since shows it (id, name, active and
// type: the whole of an api goal), and the since of the next poll.
func (d *providerData) pollGoal(ctx context.Context, id int64, since time.Time) (*legacy.Goal, time.Time, error) {
	goals, started, err := d.legacy.ListGoalsAfter(ctx, since)
	return pick(goals, started, err, func(g *legacy.Goal) bool { return g.ID == id },
		notListed(client.Legacy, "GET /goals", client.ErrTypeNotFound, "goal "+strconv.FormatInt(id, 10)))
}

// readCannedResponse reads one canned response for a refresh. With coalescing on and the group
// known, every canned response Read of a group is served by one list of that group: the list
// method answers one group at a time (group defaults to 0), so a refresh costs one call per group
// that holds canned responses, never more than one call per object. Otherwise (coalescing off, or
// the group unknown, as after an import) GET /canned_responses/<id>.
func (d *providerData) readCannedResponse(ctx context.Context, id, group int64, groupKnown bool) (*legacy.CannedResponse, error) {
	if !d.core.Coalescing() || !groupKnown {
		return d.legacy.GetCannedResponse(ctx, id)
	}
	cr, _, err := d.pollCannedResponse(ctx, id, group, time.Time{})
	return cr, err
}

// pollCannedResponse is canned response id from its group's list fetched at or after since, and
// the since of the next poll: the waits of concurrent writes in one group share one list per poll.
// The API cannot move a canned response to another group: absent from its group's list means gone.
func (d *providerData) pollCannedResponse(ctx context.Context, id, group int64, since time.Time) (*legacy.CannedResponse, time.Time, error) {
	list, started, err := d.legacy.ListCannedResponsesAfter(ctx, group, since)
	return pick(list, started, err, func(cr *legacy.CannedResponse) bool { return cr.ID == id },
		notListed(client.Legacy, "GET /canned_responses", client.ErrTypeNotFound, fmt.Sprintf("canned response %d in group %d", id, group)))
}

// readActiveCampaign reads one campaign for a refresh, where a disabled campaign counts as gone:
// one list of the active campaigns per run serves every campaign Read, half the calls of a list
// of all campaigns. Waits poll with pollActiveCampaign.
func readActiveCampaign(ctx context.Context, pc *partner.Client, id int64) (*partner.Campaign, error) {
	list, err := pc.ListActiveCampaigns(ctx, false)
	cp, _, err := pick(list, time.Time{}, err, func(cp *partner.Campaign) bool { return cp.ID == id },
		notListed(client.Partner, "search_campaigns", client.ErrTypeNotFound, fmt.Sprintf("active campaign %d", id)))
	return cp, err
}

// pollActiveCampaign is one poll of a wait on a campaign, as pollTag is for tags: the active
// campaign match picks from a list of the active campaigns fetched after since (one fetch shared by
// the waits of concurrent campaign writes), not found when the list lacks it (a campaign not
// visible yet, or disabled).
func pollActiveCampaign(ctx context.Context, pc *partner.Client, since time.Time, match func(*partner.Campaign) bool, what string) (*partner.Campaign, time.Time, error) {
	list, started, err := pc.ListActiveCampaignsAfter(ctx, since)
	return pick(list, started, err, match, notListed(client.Partner, "search_campaigns", client.ErrTypeNotFound, what))
}

// pick is the item of a list answer (fetched at started) that match picks, or gone when the
// answer lacks it; and the since of the next poll: just after that answer's fetch began.
func pick[T any](items []T, started time.Time, err error, match func(*T) bool, gone error) (*T, time.Time, error) {
	next := started.Add(time.Nanosecond)
	if err != nil {
		return nil, next, err
	}
	if it := client.Find(items, match); it != nil {
		return it, next, nil
	}
	return nil, next, gone
}

// notListed is the not-found answer of a Read served by a list that lacks the object: what the
// single get would answer, so that client.IsNotFound holds for both.
func notListed(api client.API, operation, typ, what string) error {
	return &client.APIError{API: api, Status: http.StatusNotFound, Type: typ, Message: what + " not found", Operation: operation}
}
