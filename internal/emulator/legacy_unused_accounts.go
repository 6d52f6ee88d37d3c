package emulator

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Agents, groups and tags of the REST API v2. They are the Configuration API v3.6 records
// (store.agents, store.groups, store.tags): an object written through one API is visible through
// the other, with the same propagation delay. The field mapping is in API-NOTES.md.
//
// The provider never calls this surface (it manages them through the Configuration API v3.6): it is
// served for users' CI that calls the REST API v2 directly, as the reference describes it (README,
// "Running the emulator for your own CI").

// v2NotificationKeys are the notification switches the REST API v2 shows, in its order.
var v2NotificationKeys = []string{"new_visitor", "incoming_chat", "returning_visitor", "queued_visitor", "visitor_is_typing", "new_goal"}

// v2Permissions are the permissions a v2 request may set ("owner" cannot be given).
var v2Permissions = []string{"administrator", "normal"}

const (
	defaultV2JobTitle = "Support Agent"
	v2DefaultAvatar   = "livechat.s3.amazonaws.com/default/avatars/45bcb5f592dbf5aac8f88dcfd6bc937c.png"
	minPasswordLength = 5
)

func routeLegacyAccounts(rs *routeList) {
	rs.add("GET", "/agents", listAgentsV2)
	rs.add("POST", "/agents", createAgentV2)
	rs.add("GET", "/agents/:login", getAgentV2)
	rs.add("PUT", "/agents/:login", updateAgentV2)
	rs.add("DELETE", "/agents/:login", deleteAgentV2)
	rs.add("GET", "/groups", listGroupsV2)
	rs.add("POST", "/groups", createGroupV2)
	rs.add("GET", "/groups/:id", getGroupV2)
	rs.add("PUT", "/groups/:id", updateGroupV2)
	rs.add("DELETE", "/groups/:id", deleteGroupV2)
	rs.add("GET", "/tags", listTagsV2)
	rs.add("POST", "/tags", createTagV2)
	rs.add("DELETE", "/tags/:tag", deleteTagV2)
}

// permission maps a v3.6 role to the v2 permission (the v2 API knows no vice owner).
func v2Permission(role string) string {
	if role == "viceowner" {
		return "administrator"
	}
	return role
}

func legacyFlag(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (c *call) renderAgentV2(a *Agent, full bool) map[string]any {
	avatar := a.Avatar
	if avatar == "" {
		avatar = v2DefaultAvatar
	}
	out := map[string]any{"login": a.ID, "name": a.Name, "permission": v2Permission(a.Role), "avatar": avatar,
		"status": c.agentStatus(a.ID)}
	if !full {
		return out
	}
	notif := map[string]any{}
	for _, k := range v2NotificationKeys {
		notif[k] = legacyFlag(contains(a.Notifications, k))
	}
	groups := []any{}
	for _, m := range a.Groups {
		name := ""
		if g := c.st.groups.in(m.ID, c.view()); g != nil {
			name = g.Name
		}
		groups = append(groups, map[string]any{"id": m.ID, "name": name})
	}
	var lastLogout int64
	if t, err := time.Parse(time.RFC3339, a.LastLogout); err == nil {
		lastLogout = t.Unix()
	}
	out["login_status"] = a.LoginStatus
	out["daily_summary"] = legacyFlag(contains(a.EmailSubscriptions, "daily_summary"))
	out["job_title"] = a.JobTitle
	out["notifications"] = notif
	out["max_chats_count"] = a.MaxChatsCount
	out["groups"] = groups
	out["last_logout"] = lastLogout
	if len(a.WorkScheduler.Schedule) > 0 {
		ws := map[string]any{}
		for _, e := range a.WorkScheduler.Schedule {
			ws[e.Day] = map[string]any{"enabled": legacyFlag(e.Enabled), "start": e.Start, "end": e.End}
		}
		out["work_scheduler"] = ws
	}
	return out
}

func listAgentsV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("status"); e != nil {
		return nil, e
	}
	status, filter, e := p.str("status", false)
	if e != nil {
		return nil, e
	}
	if filter {
		if e := p.enum("status", status, agentStatuses); e != nil {
			return nil, e
		}
	}
	out := []any{}
	for _, a := range c.st.agents.list(c.view()) {
		if !filter || c.agentStatus(a.ID) == status {
			out = append(out, c.renderAgentV2(a, false))
		}
	}
	return out, nil
}

func getAgentV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	a := c.st.agents.in(args[0], c.view())
	if a == nil {
		return nil, legacyNotFound("Agent %s not found", args[0])
	}
	return c.renderAgentV2(a, true), nil
}

// agentInputV2 applies the optional v2 agent parameters onto a (a copy owned by the caller).
func (c *call) agentInputV2(p *lparams, a *Agent, create bool) *apiError {
	strField := func(k string, dst *string, allowed []string) *apiError {
		v, ok, e := p.str(k, false)
		if !ok || e != nil {
			return e
		}
		if allowed != nil {
			if e := p.enum(k, v, allowed); e != nil {
				return e
			}
		}
		*dst = v
		return nil
	}
	if e := strField("job_title", &a.JobTitle, nil); e != nil {
		return e
	}
	if e := strField("login_status", &a.LoginStatus, loginStatuses); e != nil {
		return e
	}
	if !create {
		if name, ok, e := p.str("name", false); e != nil {
			return e
		} else if ok {
			if strings.TrimSpace(name) == "" {
				return legacyBad("`name` must not be empty")
			}
			a.Name = name
		}
	}
	if pw, ok, e := p.str("password", false); e != nil {
		return e
	} else if ok {
		if utf8.RuneCountInString(pw) < minPasswordLength {
			return legacyBad("`password` must be at least %d characters long", minPasswordLength)
		}
		if !create && !p.has("current_password") {
			return legacyBad("`current_password` is required to change a password")
		}
	}
	if v, ok, e := p.str("permission", false); e != nil {
		return e
	} else if ok {
		if e := p.enum("permission", v, v2Permissions); e != nil {
			return e
		}
		if a.Role == "owner" {
			return legacyBad("The license owner's permission cannot be changed")
		}
		a.Role = v
	}
	if n, ok, e := p.integer("max_chats_count", false); e != nil {
		return e
	} else if ok {
		if n < 0 || n > maxChatsCountLimit {
			return legacyBad("`max_chats_count` must be between 0 and %d", maxChatsCountLimit)
		}
		a.MaxChatsCount = n
	}
	if on, ok, e := p.flag("daily_summary"); e != nil {
		return e
	} else if ok {
		a.EmailSubscriptions = withOrWithout(a.EmailSubscriptions, "daily_summary", on)
	}
	if np, ok, e := p.object("notifications", false); e != nil {
		return e
	} else if ok {
		keys := v2NotificationKeys
		if !create {
			keys = []string{"new_visitor", "returning_visitor", "queued_visitor", "visitor_is_typing"}
		}
		if e := np.only(keys...); e != nil {
			return e
		}
		for _, k := range keys {
			on, has, e := np.flag(k)
			if e != nil {
				return e
			}
			if !has {
				if create {
					return np.missing(k)
				}
				continue
			}
			a.Notifications = withOrWithout(a.Notifications, k, on)
		}
	}
	if ids, ok, e := p.idList("groups", false); e != nil {
		return e
	} else if ok {
		for _, id := range ids {
			if e := c.referGroup(id); e != nil {
				return e
			}
		}
		ms := make([]GroupMembership, 0, len(ids))
		for _, id := range ids {
			pr, had := a.membership(id)
			if !had {
				pr = "normal"
			}
			ms = append(ms, GroupMembership{ID: id, Priority: pr})
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].ID < ms[j].ID })
		a.Groups = ms
	}
	if ws, ok, e := p.object("work_scheduler", false); e != nil {
		return e
	} else if ok {
		if create {
			return legacyBad("`work_scheduler` is not a supported parameter")
		}
		sched := []ScheduleEntry{}
		days := make([]string, 0, len(ws.m))
		for d := range ws.m {
			days = append(days, d)
		}
		sort.Slice(days, func(i, j int) bool { return weekdayIndex(days[i]) < weekdayIndex(days[j]) })
		for _, d := range days {
			if !contains(weekdays, d) {
				return legacyBad("%s is not a day of the week", ws.name(d))
			}
			dp, _, e := ws.object(d, true)
			if e != nil {
				return e
			}
			if e := dp.only("enabled", "start", "end"); e != nil {
				return e
			}
			en, has, e := dp.flag("enabled")
			if e != nil {
				return e
			}
			entry := ScheduleEntry{Day: d, Enabled: en || !has}
			for k, dst := range map[string]*string{"start": &entry.Start, "end": &entry.End} {
				v, _, e := dp.str(k, true)
				if e != nil {
					return e
				}
				if !hhmm.MatchString(v) {
					return legacyBad("%s must be a time such as 09:00", dp.name(k))
				}
				*dst = v
			}
			sched = append(sched, entry)
		}
		tz := a.WorkScheduler.Timezone
		if tz == "" {
			tz = "UTC"
		}
		a.WorkScheduler = WorkScheduler{Timezone: tz, Schedule: sched}
	}
	if st, ok, e := p.str("status", false); e != nil {
		return e
	} else if ok {
		if create {
			return legacyBad("`status` is not a supported parameter")
		}
		if e := p.enum("status", st, agentStatuses); e != nil {
			return e
		}
	}
	return nil
}

// setIn adds or removes v from list.
func withOrWithout(list []string, v string, on bool) []string {
	out := make([]string, 0, len(list)+1)
	for _, x := range list {
		if x != v {
			out = append(out, x)
		}
	}
	if on {
		out = append(out, v)
	}
	return out
}

func createAgentV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("login", "name", "job_title", "login_status", "password", "permission", "groups",
		"notifications", "daily_summary", "max_chats_count"); e != nil {
		return nil, e
	}
	login, _, e := p.str("login", true)
	if e != nil {
		return nil, e
	}
	if !validEmail(login) {
		return nil, legacyBad("`login` must be a correct e-mail address")
	}
	name, _, e := p.str("name", true)
	if e != nil {
		return nil, e
	}
	a := newAgent(login, name)
	a.JobTitle = defaultV2JobTitle
	a.LoginStatus = "accepting chats"
	a.EmailSubscriptions = []string{"daily_summary"}
	a.Notifications = []string{"new_visitor", "incoming_chat", "returning_visitor", "queued_visitor", "new_goal"}
	if e := c.agentInputV2(p, a, true); e != nil {
		return nil, e
	}
	if c.st.agents.get(login) != nil {
		return nil, legacyBad("Agent %s already exists", login)
	}
	c.st.agents.create(login, a, c.now, c.delay)
	delete(c.st.legacy.agentStatus, login)
	return c.renderAgentV2(a, true), nil
}

func updateAgentV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only("job_title", "name", "login_status", "password", "current_password", "permission", "status",
		"groups", "notifications", "daily_summary", "max_chats_count", "work_scheduler"); e != nil {
		return nil, e
	}
	a := c.st.agents.editable(args[0])
	if a == nil {
		return nil, legacyNotFound("Agent %s not found", args[0])
	}
	if e := c.agentInputV2(p, a, false); e != nil {
		return nil, e
	}
	c.st.agents.update(a.ID, a, c.now, c.delay)
	if st, ok, _ := p.str("status", false); ok {
		c.st.legacy.agentStatus[a.ID] = st
	}
	return c.renderAgentV2(a, true), nil
}

func deleteAgentV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	a := c.st.agents.get(args[0])
	if a == nil {
		return nil, legacyNotFound("Agent %s not found", args[0])
	}
	if a.Role == "owner" {
		return nil, legacyBad("The license owner cannot be removed")
	}
	c.st.agents.delete(a.ID, c.now, c.delay)
	delete(c.st.legacy.agentStatus, a.ID)
	return map[string]any{"result": a.ID + " removed successfully"}, nil
}

// groupStatusV2 is accepting chats when a member accepts chats, not accepting chats when a member
// is logged in without accepting them, else offline. Group 0 has every agent.
func (c *call) groupStatusV2(gid int) string {
	status := "offline"
	for _, a := range c.st.agents.list(c.view()) {
		if _, member := a.membership(gid); !member && gid != 0 {
			continue
		}
		switch c.agentStatus(a.ID) {
		case "accepting chats":
			return "accepting chats"
		case "not accepting chats":
			status = "not accepting chats"
		}
	}
	return status
}

func (c *call) renderGroupV2(g *Group) map[string]any {
	out := map[string]any{"id": g.ID, "name": g.Name, "language": g.LanguageCode, "status": c.groupStatusV2(g.ID)}
	if g.ID != 0 { // "The group with id 0 doesn't return the agents list"
		members := c.st.members(g.ID, c.view())
		agents := make([]string, 0, len(members))
		for id := range members {
			agents = append(agents, id)
		}
		sort.Strings(agents)
		out["agents"] = agents
	}
	return out
}

func listGroupsV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	gs := c.st.groups.list(c.view())
	sort.Slice(gs, func(i, j int) bool { return gs[i].ID < gs[j].ID })
	out := make([]any, 0, len(gs))
	for _, g := range gs {
		out = append(out, c.renderGroupV2(g))
	}
	return out, nil
}

func getGroupV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Group", args[0])
	if e != nil {
		return nil, e
	}
	g := c.st.groups.in(id, c.view())
	if g == nil {
		return nil, legacyNotFound("Group %d not found", id)
	}
	return c.renderGroupV2(g), nil
}

// groupFieldsV2 validates name and language onto g.
func groupFieldsV2(p *lparams, g *Group, create bool) *apiError {
	if name, ok, e := p.str("name", create); e != nil {
		return e
	} else if ok {
		if name == "" || utf8.RuneCountInString(name) > maxGroupNameLength {
			return legacyBad("`name` must be 1 to %d characters long", maxGroupNameLength)
		}
		g.Name = name
	}
	if lang, ok, e := p.str("language", false); e != nil {
		return e
	} else if ok {
		if !languageCode.MatchString(lang) {
			return legacyBad("`language` must be a language code such as \"en\"")
		}
		g.LanguageCode = lang
	}
	return nil
}

// groupAgentsV2 reads the agents parameter; every login must be an agent that has propagated.
func (c *call) groupAgentsV2(p *lparams, required bool) ([]string, bool, *apiError) {
	logins, ok, e := p.strList("agents", required)
	if !ok {
		return nil, false, e
	}
	for _, l := range logins {
		if !c.st.agents.referencable(l, c.now) {
			return nil, false, legacyNotFound("Agent %s not found", l)
		}
	}
	return logins, true, nil
}

// membersV2 keeps current members' priorities and gives new ones "normal".
func (c *call) membersV2(gid int, logins []string) map[string]string {
	cur := c.st.members(gid, authoritative)
	out := map[string]string{}
	for _, l := range logins {
		if pr, ok := cur[l]; ok {
			out[l] = pr
		} else {
			out[l] = "normal"
		}
	}
	return out
}

func createGroupV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("name", "agents", "language"); e != nil {
		return nil, e
	}
	g := &Group{LanguageCode: "en", RoutingStatus: "offline"}
	if e := groupFieldsV2(p, g, true); e != nil {
		return nil, e
	}
	logins, _, e := c.groupAgentsV2(p, true)
	if e != nil {
		return nil, e
	}
	g.ID = c.st.nextGroupID
	c.st.nextGroupID++
	c.st.groups.create(g.ID, g, c.now, c.delay)
	c.st.setMembers(g.ID, c.membersV2(g.ID, logins), c.now, c.delay)
	return c.renderGroupV2Now(g), nil
}

// renderGroupV2Now renders a group as just written (write answers show the new version).
func (c *call) renderGroupV2Now(g *Group) map[string]any {
	now := *c
	now.now = c.now.Add(c.st.membersDelay(c.delay))
	return now.renderGroupV2(g)
}

func updateGroupV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only("name", "agents", "language"); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Group", args[0])
	if e != nil {
		return nil, e
	}
	g := c.st.groups.editable(id)
	if g == nil {
		return nil, legacyNotFound("Group %d not found", id)
	}
	if e := groupFieldsV2(p, g, false); e != nil {
		return nil, e
	}
	logins, hasAgents, e := c.groupAgentsV2(p, false)
	if e != nil {
		return nil, e
	}
	if hasAgents && id == 0 {
		return nil, legacyBad("The agents of group 0 cannot be changed: it always contains every agent")
	}
	if p.has("name") || p.has("language") {
		c.st.groups.update(id, g, c.now, c.delay)
	}
	if hasAgents {
		c.st.setMembers(id, c.membersV2(id, logins), c.now, c.delay)
	}
	return c.renderGroupV2Now(g), nil
}

func deleteGroupV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Group", args[0])
	if e != nil {
		return nil, e
	}
	if id == 0 {
		return nil, legacyBad("Cannot delete the default group")
	}
	if c.st.groups.get(id) == nil {
		return nil, legacyNotFound("Group %d not found", id)
	}
	c.st.groups.delete(id, c.now, c.delay)
	c.st.dropGroup(id, c.now, c.delay, false)
	return map[string]any{"result": "group removed successfully"}, nil
}

// tagCounts counts the chats and tickets that carry a tag.
func (c *call) tagCounts(name string) map[string]any {
	chats, tickets := 0, 0
	for _, ch := range c.st.legacy.chats {
		if contains(ch.Tags, name) {
			chats++
		}
	}
	for _, t := range c.st.legacy.tickets {
		if contains(t.Tags, name) {
			tickets++
		}
	}
	return map[string]any{"inChats": chats, "inTickets": tickets}
}

func (c *call) renderTagV2(t *Tag, group int) map[string]any {
	var created int64
	if ts, err := time.Parse(time.RFC3339Nano, t.CreatedAt); err == nil {
		created = ts.Unix()
	}
	return map[string]any{"name": t.Name, "author": t.AuthorID, "creation_date": created,
		"count": c.tagCounts(t.Name), "group": group}
}

// listTagsV2 lists one entry per tag and group (a v3.6 tag in two groups appears twice; a tag in
// no group does not appear).
func listTagsV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("group"); e != nil {
		return nil, e
	}
	group, filter, e := p.id("group", false)
	if e != nil {
		return nil, e
	}
	out := []any{}
	for _, t := range c.st.tags.list(c.view()) {
		for _, g := range t.GroupIDs {
			if !filter || g == group {
				out = append(out, c.renderTagV2(t, g))
			}
		}
	}
	return out, nil
}

func createTagV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("tag", "author", "group"); e != nil {
		return nil, e
	}
	name, _, e := p.str("tag", true)
	if e != nil {
		return nil, e
	}
	author, _, e := p.str("author", true)
	if e != nil {
		return nil, e
	}
	group, _, e := p.id("group", true)
	if e != nil {
		return nil, e
	}
	if c.st.agents.get(author) == nil {
		return nil, legacyBad("`author` must be the login of an agent of the license")
	}
	if e := c.referGroup(group); e != nil {
		return nil, e
	}
	for _, t := range c.st.tags.list(authoritative) {
		if !strings.EqualFold(t.Name, name) {
			continue
		}
		if t.Name != name || legacyHasInt(t.GroupIDs, group) {
			return nil, legacyBad("Tag %s already exists in group %d", t.Name, group)
		}
		// The same tag in one more group.
		x := cloneTag(t)
		x.GroupIDs = append(x.GroupIDs, group)
		c.st.tags.update(t.Name, x, c.now, c.delay)
		return c.renderTagV2(x, group), nil
	}
	t := &Tag{Name: name, GroupIDs: []int{group}, AuthorID: author, CreatedAt: c.now.UTC().Format(tagTimeFormat)}
	c.st.tags.create(name, t, c.now, c.delay)
	return c.renderTagV2(t, group), nil
}

// deleteTagV2 removes the tag from one group; a tag left in no group is deleted.
func deleteTagV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only("group"); e != nil {
		return nil, e
	}
	group, _, e := p.id("group", true)
	if e != nil {
		return nil, e
	}
	t := c.st.tags.editable(args[0])
	if t == nil || !legacyHasInt(t.GroupIDs, group) {
		return nil, legacyNotFound("Tag %s not found in group %d", args[0], group)
	}
	kept := make([]int, 0, len(t.GroupIDs))
	for _, g := range t.GroupIDs {
		if g != group {
			kept = append(kept, g)
		}
	}
	if len(kept) == 0 {
		c.st.tags.delete(t.Name, c.now, c.delay)
	} else {
		t.GroupIDs = kept
		c.st.tags.update(t.Name, t, c.now, c.delay)
	}
	return map[string]any{"ok": true}, nil
}
