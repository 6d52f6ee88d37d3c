package emulator

// Status: REST API v2 "Status". The license is online for a group when at least one of the
// group's agents (every agent for group 0) has the current status "accepting chats".

var agentStatuses = []string{"accepting chats", "not accepting chats", "offline"}

func routeLegacyStatus(rs *routeList) {
	rs.add("GET", "/status", getStatus)
	// The example calls /status/1 for group 1.
	rs.add("GET", "/status/:group", getStatus)
}

// agentStatus is an agent's current status; agents are offline until their status is set.
func (c *call) agentStatus(id string) string {
	if s, ok := c.st.legacy.agentStatus[id]; ok {
		return s
	}
	return "offline"
}

func getStatus(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only("group"); e != nil {
		return nil, e
	}
	group, _, e := p.id("group", false)
	if e != nil {
		return nil, e
	}
	if len(args) == 1 {
		if group, e = legacyPathID("Group", args[0]); e != nil {
			return nil, e
		}
	}
	if c.st.groups.in(group, c.view()) == nil {
		return nil, legacyNotFound("Group %d not found", group)
	}
	status := "offline"
	for _, a := range c.st.agents.list(c.view()) {
		if _, member := a.membership(group); (group == 0 || member) && !a.Suspended && c.agentStatus(a.ID) == "accepting chats" {
			status = "online"
			break
		}
	}
	return map[string]any{"status": status}, nil
}
