package emulator

import (
	"sort"
	"strings"
	"time"
)

// Archives (deprecated): REST API v2 "Archives". Chats enter the emulator through state and
// fixture files (it has no chat widget); the API reads, filters, tags and "e-mails" them.
//
// The provider never calls this surface (archived chats are no configuration): it is served for
// users' CI that calls the REST API v2 directly, as the reference describes it (README, "Running
// the emulator for your own CI").

const (
	chatsPerPage = 25
	maxChats     = 25000 // "the results are limited to the latest 25000 records"
	// chatDateFormat is the reference's "Wed, 01/23/13 11:40:53 am".
	chatDateFormat = "Mon, 01/02/06 03:04:05 pm"
)

var chatRates = []string{"rated", "not_rated", "rated_good", "rated_bad"}

func routeLegacyArchives(rs *routeList) {
	rs.add("GET", "/chats", listChatsV2)
	rs.add("GET", "/chats/:id", getChatV2)
	rs.add("POST", "/chats/:id/send_transcript", sendTranscriptV2)
	rs.add("PUT", "/chats/:id/tags", updateChatTagsV2)
}

func (c *call) renderChat(ch *Chat, loc *time.Location) map[string]any {
	agents := []any{}
	for _, id := range ch.Agents {
		name := id
		if a := c.st.agents.in(id, c.view()); a != nil {
			name = a.Name
		}
		agents = append(agents, map[string]any{"display_name": name, "email": id})
	}
	messages := []any{}
	events := []any{}
	for _, m := range ch.Messages {
		msg := map[string]any{"author_name": m.AuthorName, "text": m.Text, "date": time.Unix(m.Timestamp, 0).In(loc).Format(chatDateFormat),
			"timestamp": m.Timestamp, "user_type": m.UserType}
		if m.AgentID != "" {
			msg["agent_id"] = m.AgentID
		}
		messages = append(messages, msg)
		ev := map[string]any{"type": "message"}
		for k, v := range msg {
			ev[k] = v
		}
		events = append(events, ev)
	}
	goals := []any{}
	for _, id := range ch.Goals {
		g := map[string]any{"id": id, "name": "", "order": map[string]any{"id": "", "description": "", "price": "0", "currency": ""}}
		if goal := c.st.legacy.goals.in(id, c.view()); goal != nil {
			g["name"] = goal.Name
			if goal.Type == "sales_tracker" {
				g["type"] = "sales_tracker"
			}
		}
		for _, conv := range c.st.legacy.conversions {
			if conv.GoalID == id && conv.VisitorID == ch.VisitorID {
				g["order"] = map[string]any{"id": conv.OrderID, "description": conv.OrderDescription, "price": conv.OrderPrice, "currency": conv.OrderCurrency}
				g["timestamp"] = conv.Timestamp
				g["date"] = time.Unix(conv.Timestamp, 0).In(loc).Format(chatDateFormat)
			}
		}
		goals = append(goals, g)
	}
	out := map[string]any{
		"type": "chat", "id": ch.ID,
		"visitor": map[string]any{"id": ch.VisitorID, "name": ch.VisitorName, "ip": ch.VisitorIP, "city": ch.City,
			"country": ch.Country, "country_code": ch.CountryCode, "region": ch.Region},
		"agents": agents, "supervisors": []any{}, "rate": ch.Rate, "duration": ch.Ended - ch.Started,
		"group": append([]int{}, ch.Groups...), "started": time.Unix(ch.Started, 0).In(loc).Format(chatDateFormat),
		"tags": append([]string{}, ch.Tags...), "timezone": loc.String(), "messages": messages, "events": events,
		"goals": goals, "engagement": ch.Engagement, "started_timestamp": ch.Started, "ended_timestamp": ch.Ended,
		"ended": time.Unix(ch.Ended, 0).In(loc).Format(chatDateFormat),
	}
	if ch.QueueDuration > 0 {
		out["queue"] = map[string]any{"duration": ch.QueueDuration}
	}
	if len(ch.CustomVariables) > 0 {
		vars := []any{}
		for _, kv := range ch.CustomVariables {
			vars = append(vars, map[string]any{"key": kv.Key, "value": kv.Value})
		}
		out["custom_variables"] = vars
	}
	if ch.Pending {
		out["pending"] = true
	}
	return out
}

func listChatsV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("date_from", "date_to", "timezone", "page", "visitor_id", "query", "agent", "group", "goal",
		"has_goal", "sale", "has_sale", "queued", "rate", "include_pending", "tag", "tagged", "comment",
		"city", "region", "country"); e != nil {
		return nil, e
	}
	loc := time.UTC
	if tz, ok, e := p.str("timezone", false); e != nil {
		return nil, e
	} else if ok {
		if !validTimezone(tz) {
			return nil, legacyBad("`timezone` must be a time zone name such as America/Phoenix")
		}
		loc, _ = time.LoadLocation(tz)
	}
	from, to, e := legacyDayRange(p, c.now.In(loc), time.Unix(0, 0).UTC())
	if e != nil {
		return nil, e
	}
	// The bounds are calendar days in the requested time zone.
	_, off := c.now.In(loc).Zone()
	from, to = from-int64(off), to-int64(off)
	strs := map[string]string{}
	for _, k := range []string{"visitor_id", "query", "agent", "city", "region", "country", "rate"} {
		v, ok, e := p.str(k, false)
		if e != nil {
			return nil, e
		}
		if ok {
			strs[k] = v
		}
	}
	if r, ok := strs["rate"]; ok {
		if e := p.enum("rate", r, chatRates); e != nil {
			return nil, e
		}
	}
	ints := map[string]int{}
	for _, k := range []string{"group", "goal", "sale"} {
		n, ok, e := p.id(k, false)
		if e != nil {
			return nil, e
		}
		if ok {
			ints[k] = n
		}
	}
	flags := map[string]bool{}
	for _, k := range []string{"has_goal", "has_sale", "queued", "include_pending", "tagged", "comment"} {
		v, ok, e := p.flag(k)
		if e != nil {
			return nil, e
		}
		if ok {
			flags[k] = v
		}
	}
	tags, hasTags, e := p.strList("tag", false)
	if e != nil {
		return nil, e
	}
	isSale := func(id int) bool {
		g := c.st.legacy.goals.get(id)
		return g != nil && g.Type == "sales_tracker"
	}
	var out []*Chat
	for _, ch := range c.st.legacy.sortedChats() {
		if ch.Started < from || ch.Started >= to || (ch.Pending && !flags["include_pending"]) {
			continue
		}
		if v, ok := strs["visitor_id"]; ok && ch.VisitorID != v {
			continue
		}
		if v, ok := strs["agent"]; ok && !contains(ch.Agents, v) {
			continue
		}
		if v, ok := strs["city"]; ok && ch.City != v {
			continue
		}
		if v, ok := strs["region"]; ok && ch.Region != v {
			continue
		}
		if v, ok := strs["country"]; ok && ch.Country != v {
			continue
		}
		if v, ok := strs["query"]; ok && !chatMatches(ch, v) {
			continue
		}
		if v, ok := strs["rate"]; ok && !rateMatches(ch.Rate, v) {
			continue
		}
		if v, ok := ints["group"]; ok && !legacyHasInt(ch.Groups, v) {
			continue
		}
		if v, ok := ints["goal"]; ok && !legacyHasInt(ch.Goals, v) {
			continue
		}
		if v, ok := ints["sale"]; ok && (!legacyHasInt(ch.Goals, v) || !isSale(v)) {
			continue
		}
		hasSale := false
		for _, g := range ch.Goals {
			hasSale = hasSale || isSale(g)
		}
		if v, ok := flags["has_goal"]; ok && v && len(ch.Goals) == 0 {
			continue
		}
		if v, ok := flags["has_sale"]; ok && v && !hasSale {
			continue
		}
		if v, ok := flags["queued"]; ok && v && ch.QueueDuration == 0 {
			continue
		}
		if v, ok := flags["tagged"]; ok && (len(ch.Tags) > 0) != v {
			continue
		}
		if v, ok := flags["comment"]; ok && v && ch.Comment == "" {
			continue
		}
		if hasTags && !sharesTag(ch.Tags, tags) {
			continue
		}
		out = append(out, ch)
	}
	// Newest first, limited to the latest 25000.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Started > out[j].Started })
	if len(out) > maxChats {
		out = out[:maxChats]
	}
	items, pages, e := legacyPage(p, out, chatsPerPage)
	if e != nil {
		return nil, e
	}
	chats := make([]any, 0, len(items))
	for _, ch := range items {
		chats = append(chats, c.renderChat(ch, loc))
	}
	return map[string]any{"chats": chats, "total": len(out), "pages": pages}, nil
}

func sharesTag(have, want []string) bool {
	for _, w := range want {
		if contains(have, w) {
			return true
		}
	}
	return false
}

func rateMatches(rate, filter string) bool {
	switch filter {
	case "rated":
		return rate == "rated_good" || rate == "rated_bad"
	case "not_rated":
		return rate == "" || rate == "not_rated"
	}
	return rate == filter
}

func chatMatches(ch *Chat, q string) bool {
	q = strings.ToLower(q)
	for _, m := range ch.Messages {
		if strings.Contains(strings.ToLower(m.Text), q) {
			return true
		}
	}
	return strings.Contains(strings.ToLower(ch.VisitorName), q)
}

func getChatV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	ch := c.st.legacy.chats[args[0]]
	if ch == nil {
		return nil, legacyNotFound("Chat %s not found", args[0])
	}
	return c.renderChat(ch, time.UTC), nil
}

func updateChatTagsV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only("tag"); e != nil {
		return nil, e
	}
	tags, _, e := p.strList("tag", true)
	if e != nil {
		return nil, e
	}
	ch := c.st.legacy.chats[args[0]]
	if ch == nil {
		return nil, legacyNotFound("Chat %s not found", args[0])
	}
	ch.Tags = legacyUnique(tags)
	return c.renderChat(ch, time.UTC), nil
}

func sendTranscriptV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only("to"); e != nil {
		return nil, e
	}
	to, _, e := p.str("to", true)
	if e != nil {
		return nil, e
	}
	if !validEmail(to) {
		return nil, legacyBad("`to` must be an e-mail address")
	}
	if c.st.legacy.chats[args[0]] == nil {
		return nil, legacyNotFound("Chat %s not found", args[0])
	}
	return map[string]any{"result": "E-mail has been sent to " + to + "."}, nil
}
