package emulator

import (
	"fmt"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"
)

// Groups: Configuration API v3.6 "Groups" section. A group's members are stored on the agents
// (Agent.Groups) and derived for agent_priorities, so both sides of the relation always agree.

var groupFields = []string{"agent_priorities", "routing_status"}

func registerGroups(s *Server) {
	s.register("create_group", createGroup, "")
	s.register("update_group", updateGroup, "")
	s.register("delete_group", deleteGroup, "")
	s.register("get_group", getGroup, "")
	s.register("list_groups", listGroups, "")
	s.kinds["group"] = func(st *store, id string) error {
		gid, err := strconv.Atoi(id)
		if err != nil || gid < 0 {
			return fmt.Errorf("group id %q is not a non-negative integer", id)
		}
		if gid == 0 {
			return fmt.Errorf("group 0 is the default group and cannot be deleted")
		}
		if st.groups.get(gid) == nil {
			return fmt.Errorf("group %d: %w", gid, ErrNotFound)
		}
		st.groups.purge(gid)
		st.dropGroup(gid, time.Time{}, 0, true)
		return nil
	}
}

func groupNameParam(p *params, required bool) (*string, *apiError) {
	n, ok, e := p.str("name", required)
	if !ok {
		return nil, e
	}
	if n == "" || utf8.RuneCountInString(n) > maxGroupNameLength {
		return nil, errValidation("`name` must be 1 to %d characters long", maxGroupNameLength)
	}
	return &n, nil
}

func languageParam(p *params) (*string, *apiError) {
	l, ok, e := p.str("language_code", false)
	if !ok {
		return nil, e
	}
	if !languageCode.MatchString(l) {
		return nil, errValidation("`language_code` must be a language code such as \"en\"")
	}
	return &l, nil
}

// agentPrioritiesParam reads the "<agent id>": "<priority>" map.
func agentPrioritiesParam(p *params, required bool) (map[string]string, bool, *apiError) {
	m, ok, e := p.stringMap("agent_priorities", required)
	if !ok {
		return nil, false, e
	}
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if e := oneOf("agent_priorities."+id, m[id], priorities); e != nil {
			return nil, false, e
		}
	}
	return m, true, nil
}

// checkMembers fails with not_found when agent_priorities names an agent that does not exist or
// has not propagated yet.
func (c *call) checkMembers(m map[string]string) *apiError {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !c.st.agents.referencable(id, c.now) && !c.st.bots.referencable(id, c.now) { // bots are members too
			return newError(errTypeNotFound, fmt.Sprintf("Agent %s not found", id))
		}
	}
	return nil
}

func createGroup(c *call, p *params) (any, *apiError) {
	if e := p.only("name", "language_code", "agent_priorities"); e != nil {
		return nil, e
	}
	name, e := groupNameParam(p, true)
	if e != nil {
		return nil, e
	}
	lang, e := languageParam(p)
	if e != nil {
		return nil, e
	}
	members, _, e := agentPrioritiesParam(p, true)
	if e != nil {
		return nil, e
	}
	if e := c.checkMembers(members); e != nil {
		return nil, e
	}
	g := &Group{ID: c.st.nextGroupID, Name: *name, LanguageCode: "en", RoutingStatus: "offline"}
	if lang != nil {
		g.LanguageCode = *lang
	}
	c.st.nextGroupID++
	c.st.groups.create(g.ID, g, c.now, c.delay)
	c.st.setMembers(g.ID, members, c.now, c.delay)
	return map[string]any{"id": g.ID}, nil
}

func updateGroup(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "name", "language_code", "agent_priorities"); e != nil {
		return nil, e
	}
	id, _, e := p.id("id", true)
	if e != nil {
		return nil, e
	}
	name, e := groupNameParam(p, false)
	if e != nil {
		return nil, e
	}
	lang, e := languageParam(p)
	if e != nil {
		return nil, e
	}
	members, hasMembers, e := agentPrioritiesParam(p, false)
	if e != nil {
		return nil, e
	}
	g := c.st.groups.editable(id)
	if g == nil {
		return nil, errGroupNotFound()
	}
	if e := c.checkMembers(members); e != nil {
		return nil, e
	}
	if name != nil || lang != nil {
		if name != nil {
			g.Name = *name
		}
		if lang != nil {
			g.LanguageCode = *lang
		}
		c.st.groups.update(id, g, c.now, c.delay)
	}
	if hasMembers {
		c.st.setMembers(id, members, c.now, c.delay)
	}
	return empty(), nil
}

func deleteGroup(c *call, p *params) (any, *apiError) {
	if e := p.only("id"); e != nil {
		return nil, e
	}
	id, _, e := p.id("id", true)
	if e != nil {
		return nil, e
	}
	if id == 0 {
		return nil, errValidation("Cannot delete the default group")
	}
	if c.st.groups.get(id) == nil {
		return nil, errGroupNotFound()
	}
	c.st.groups.delete(id, c.now, c.delay)
	c.st.dropGroup(id, c.now, c.delay, false)
	return empty(), nil
}

func getGroup(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "fields"); e != nil {
		return nil, e
	}
	id, _, e := p.id("id", true)
	if e != nil {
		return nil, e
	}
	fields, e := fieldsParam(p, groupFields)
	if e != nil {
		return nil, e
	}
	g := c.st.groups.in(id, c.view())
	if g == nil {
		return nil, errGroupNotFound()
	}
	return c.renderGroup(g, fields), nil
}

func listGroups(c *call, p *params) (any, *apiError) {
	if e := p.only("fields"); e != nil {
		return nil, e
	}
	fields, e := fieldsParam(p, groupFields)
	if e != nil {
		return nil, e
	}
	gs := c.st.groups.list(c.view())
	sort.Slice(gs, func(i, j int) bool { return gs[i].ID < gs[j].ID })
	out := make([]any, 0, len(gs))
	for _, g := range gs {
		out = append(out, c.renderGroup(g, fields))
	}
	return out, nil
}

// renderGroup shapes a group as get_group/list_groups return it; agent_priorities and
// routing_status only when requested in fields.
func (c *call) renderGroup(g *Group, fields map[string]bool) map[string]any {
	out := map[string]any{"id": g.ID, "name": g.Name, "language_code": g.LanguageCode}
	if fields["agent_priorities"] {
		out["agent_priorities"] = c.st.members(g.ID, c.view())
	}
	if fields["routing_status"] {
		out["routing_status"] = g.RoutingStatus
	}
	return out
}
