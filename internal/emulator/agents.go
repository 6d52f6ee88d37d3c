package emulator

import (
	"fmt"
	"sort"
)

// Agents: Configuration API v3.6 "Agents" section.

var agentFields = []string{
	"work_scheduler", "groups", "email_subscriptions", "notifications", "job_title", "mobile",
	"max_chats_count", "suspended", "awaiting_approval", "last_logout",
}

// agentWritable are the parameters shared by create_agent and update_agent besides id.
var agentWritable = []string{
	"role", "login_status", "job_title", "mobile", "max_chats_count", "groups", "notifications",
	"email_subscriptions", "work_scheduler",
}

func registerAgents(s *Server) {
	s.register("create_agent", createAgent, "batch_create_agents")
	s.register("get_agent", getAgent, "")
	s.register("list_agents", listAgents, "")
	s.register("update_agent", updateAgent, "batch_update_agents")
	s.register("delete_agent", deleteAgent, "batch_delete_agents")
	s.register("suspend_agent", agentStateAction(func(a *Agent) *apiError {
		if a.Role == "owner" {
			return errAuthorization("The license owner cannot be suspended")
		}
		a.Suspended = true
		return nil
	}), "batch_suspend_agents")
	s.register("unsuspend_agent", agentStateAction(func(a *Agent) *apiError {
		a.Suspended = false
		return nil
	}), "batch_unsuspend_agents")
	s.register("approve_agent", agentStateAction(func(a *Agent) *apiError {
		a.AwaitingApproval = false
		return nil
	}), "batch_approve_agents")
	s.register("request_agent_unsuspension", requestAgentUnsuspension, "")
	s.kinds["agent"] = func(st *store, id string) error {
		if st.agents.get(id) == nil {
			return fmt.Errorf("agent %q: %w", id, ErrNotFound)
		}
		st.agents.purge(id)
		return nil
	}
}

// agentInput is the validated optional part of a create_agent/update_agent request.
type agentInput struct {
	role, loginStatus, jobTitle, mobile *string
	maxChatsCount                       *int
	groups                              []GroupMembership
	hasGroups                           bool
	notifications, emailSubscriptions   []string
	hasNotifications, hasSubscriptions  bool
	workScheduler                       *workSchedulerInput
}

func optString(p *params, k string, allowed []string) (*string, *apiError) {
	v, ok, e := p.str(k, false)
	if !ok {
		return nil, e
	}
	if allowed != nil {
		if e := oneOf(k, v, allowed); e != nil {
			return nil, e
		}
	}
	return &v, nil
}

// parseAgentInput validates the shared parameters; update also accepts the day-map shape of
// work_scheduler shown in the Update Agent example.
func parseAgentInput(p *params, update bool) (*agentInput, *apiError) {
	in := &agentInput{}
	var e *apiError
	if in.role, e = optString(p, "role", creatableRoles); e != nil {
		return nil, e
	}
	if in.loginStatus, e = optString(p, "login_status", loginStatuses); e != nil {
		return nil, e
	}
	if in.jobTitle, e = optString(p, "job_title", nil); e != nil {
		return nil, e
	}
	if in.mobile, e = optString(p, "mobile", nil); e != nil {
		return nil, e
	}
	if n, ok, e := p.integer("max_chats_count", false); e != nil {
		return nil, e
	} else if ok {
		if n < 0 || n > maxChatsCountLimit {
			return nil, errValidation("`max_chats_count` must be between 0 and %d", maxChatsCountLimit)
		}
		in.maxChatsCount = &n
	}
	if in.groups, in.hasGroups, e = parseMemberships(p); e != nil {
		return nil, e
	}
	if in.notifications, in.hasNotifications, e = p.strings("notifications", false, notifications...); e != nil {
		return nil, e
	}
	if in.emailSubscriptions, in.hasSubscriptions, e = p.strings("email_subscriptions", false, emailSubscriptions...); e != nil {
		return nil, e
	}
	if in.workScheduler, e = parseWorkScheduler(p, update); e != nil {
		return nil, e
	}
	return in, nil
}

func parseMemberships(p *params) ([]GroupMembership, bool, *apiError) {
	items, ok, e := p.objects("groups", false)
	if !ok {
		return nil, false, e
	}
	out := make([]GroupMembership, 0, len(items))
	seen := map[int]bool{}
	for _, g := range items {
		if e := g.only("id", "priority"); e != nil {
			return nil, false, e
		}
		id, _, e := g.id("id", true)
		if e != nil {
			return nil, false, e
		}
		pr, _, e := g.str("priority", true)
		if e != nil {
			return nil, false, e
		}
		if e := oneOf(g.path+"priority", pr, priorities); e != nil {
			return nil, false, e
		}
		if seen[id] {
			return nil, false, errValidation("%s: group %d is listed twice", g.name("id"), id)
		}
		seen[id] = true
		out = append(out, GroupMembership{ID: id, Priority: pr})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, true, nil
}

// checkGroups fails with group_not_found when a membership names a group that does not exist or
// has not propagated yet.
func (c *call) checkGroups(ids []int) *apiError {
	for _, id := range ids {
		if !c.st.groups.referencable(id, c.now) {
			return newError(errTypeGroupNotFound, fmt.Sprintf("Group %d not found", id))
		}
	}
	return nil
}

func membershipIDs(ms []GroupMembership) []int {
	ids := make([]int, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	return ids
}

// apply writes the input onto a (a copy owned by the caller).
func (in *agentInput) apply(a *Agent) *apiError {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&a.Role, in.role)
	set(&a.LoginStatus, in.loginStatus)
	set(&a.JobTitle, in.jobTitle)
	set(&a.Mobile, in.mobile)
	if in.maxChatsCount != nil {
		a.MaxChatsCount = *in.maxChatsCount
	}
	if in.hasGroups {
		a.Groups = in.groups
	}
	if in.hasNotifications {
		a.Notifications = in.notifications
	}
	if in.hasSubscriptions {
		a.EmailSubscriptions = in.emailSubscriptions
	}
	if ws := in.workScheduler; ws != nil {
		tz := ws.timezone
		if tz == "" {
			tz = a.WorkScheduler.Timezone // "Falls back to the agent's timezone if empty."
		}
		if tz == "" && len(ws.schedule) > 0 {
			return errValidation("`work_scheduler.timezone` is required when the schedule is not empty")
		}
		a.WorkScheduler = WorkScheduler{Timezone: tz, Schedule: ws.schedule}
	}
	return nil
}

func createAgent(c *call, p *params) (any, *apiError) {
	if e := p.only(append([]string{"id", "name", "awaiting_approval"}, agentWritable...)...); e != nil {
		return nil, e
	}
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	if !validEmail(id) {
		return nil, errValidation("`id` must be an e-mail address")
	}
	name, _, e := p.str("name", true)
	if e != nil {
		return nil, e
	}
	in, e := parseAgentInput(p, false)
	if e != nil {
		return nil, e
	}
	awaiting, _, e := p.boolean("awaiting_approval", false)
	if e != nil {
		return nil, e
	}
	if c.st.agents.get(id) != nil {
		return nil, errAlreadyExists()
	}
	if e := c.checkGroups(membershipIDs(in.groups)); e != nil {
		return nil, e
	}
	a := newAgent(id, name)
	a.AwaitingApproval = awaiting
	if e := in.apply(a); e != nil {
		return nil, e
	}
	c.st.agents.create(id, a, c.now, c.delay)
	return map[string]any{"id": id}, nil
}

func updateAgent(c *call, p *params) (any, *apiError) {
	if e := p.only(append([]string{"id"}, agentWritable...)...); e != nil {
		return nil, e
	}
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	in, e := parseAgentInput(p, true)
	if e != nil {
		return nil, e
	}
	a := c.st.agents.editable(id)
	if a == nil {
		return nil, errNotFound()
	}
	if a.Role == "owner" && in.role != nil {
		return nil, errAuthorization("The role of the license owner cannot be changed")
	}
	if e := c.checkGroups(membershipIDs(in.groups)); e != nil {
		return nil, e
	}
	if e := in.apply(a); e != nil {
		return nil, e
	}
	c.st.agents.update(id, a, c.now, c.delay)
	return empty(), nil
}

func deleteAgent(c *call, p *params) (any, *apiError) {
	a, e := targetAgent(c, p)
	if e != nil {
		return nil, e
	}
	if a.Role == "owner" {
		return nil, errAuthorization("The license owner cannot be deleted")
	}
	c.st.agents.delete(a.ID, c.now, c.delay)
	return empty(), nil
}

// targetAgent reads {"id"} and returns an editable copy of that agent.
func targetAgent(c *call, p *params) (*Agent, *apiError) {
	if e := p.only("id"); e != nil {
		return nil, e
	}
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	a := c.st.agents.editable(id)
	if a == nil {
		return nil, errNotFound()
	}
	return a, nil
}

// agentStateAction builds suspend/unsuspend/approve: {"id"} in, no payload out.
func agentStateAction(change func(*Agent) *apiError) actionFunc {
	return func(c *call, p *params) (any, *apiError) {
		a, e := targetAgent(c, p)
		if e != nil {
			return nil, e
		}
		if e := change(a); e != nil {
			return nil, e
		}
		c.st.agents.update(a.ID, a, c.now, c.delay)
		return empty(), nil
	}
}

// requestAgentUnsuspension takes an empty payload; the e-mail it would send is not modeled.
func requestAgentUnsuspension(_ *call, p *params) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	return empty(), nil
}

func getAgent(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "fields"); e != nil {
		return nil, e
	}
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	fields, e := fieldsParam(p, agentFields)
	if e != nil {
		return nil, e
	}
	a := c.st.agents.in(id, c.view())
	if a == nil {
		return nil, errNotFound()
	}
	return c.renderAgent(a, fields, false), nil
}

func listAgents(c *call, p *params) (any, *apiError) {
	if e := p.only("filters", "fields"); e != nil {
		return nil, e
	}
	fields, e := fieldsParam(p, agentFields)
	if e != nil {
		return nil, e
	}
	var groupIDs []int
	var suspended, hasGroups, hasSuspended bool
	if f, ok, e := p.object("filters", false); e != nil {
		return nil, e
	} else if ok {
		if e := f.only("group_ids", "suspended"); e != nil {
			return nil, e
		}
		if groupIDs, hasGroups, e = f.ids("group_ids", false); e != nil {
			return nil, e
		}
		if suspended, hasSuspended, e = f.boolean("suspended", false); e != nil {
			return nil, e
		}
	}
	out := []any{}
	for _, a := range c.st.agents.list(c.view()) {
		if hasSuspended && a.Suspended != suspended {
			continue
		}
		if hasGroups && !inAnyGroup(a, groupIDs) {
			continue
		}
		out = append(out, c.renderAgent(a, fields, true))
	}
	return out, nil
}

func inAnyGroup(a *Agent, ids []int) bool {
	for _, id := range ids {
		if _, ok := a.membership(id); ok {
			return true
		}
	}
	return false
}

// renderAgent shapes an agent as get_agent (list=false) or list_agents (list=true) return it:
// get_agent has "avatar" and "email_subscriptions", list_agents "avatar_path" and "summaries".
func (c *call) renderAgent(a *Agent, fields map[string]bool, list bool) map[string]any {
	out := map[string]any{
		"id":           a.ID,
		"account_id":   a.AccountID,
		"name":         a.Name,
		"role":         a.Role,
		"login_status": a.LoginStatus,
	}
	if list {
		out["avatar_path"] = a.Avatar
	} else {
		out["avatar"] = a.Avatar
	}
	if fields["work_scheduler"] {
		out["work_scheduler"] = WorkScheduler{Timezone: a.WorkScheduler.Timezone,
			Schedule: append([]ScheduleEntry{}, a.WorkScheduler.Schedule...)}
	}
	if fields["groups"] {
		gs := []GroupMembership{}
		for _, m := range a.Groups {
			if c.st.groups.in(m.ID, c.view()) != nil {
				gs = append(gs, m)
			}
		}
		out["groups"] = gs
	}
	if fields["email_subscriptions"] {
		key := "email_subscriptions"
		if list {
			key = "summaries"
		}
		out[key] = append([]string{}, a.EmailSubscriptions...)
	}
	if fields["notifications"] {
		out["notifications"] = append([]string{}, a.Notifications...)
	}
	if fields["job_title"] {
		out["job_title"] = a.JobTitle
	}
	if fields["mobile"] {
		out["mobile"] = a.Mobile
	}
	if fields["max_chats_count"] {
		out["max_chats_count"] = a.MaxChatsCount
	}
	if fields["suspended"] {
		out["suspended"] = a.Suspended
	}
	if fields["awaiting_approval"] {
		out["awaiting_approval"] = a.AwaitingApproval
	}
	if fields["last_logout"] && a.LastLogout != "" {
		out["last_logout"] = a.LastLogout
	}
	return out
}
