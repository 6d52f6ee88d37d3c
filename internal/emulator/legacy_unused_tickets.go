package emulator

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Tickets: REST API v2 "Tickets". The reference's examples wrap single tickets in the list shape
// ({"pages","total","tickets"}); the Postman collection's recorded answer of Create a ticket is the
// bare ticket. The emulator answers single-ticket calls with the bare ticket (API-NOTES.md).
//
// The provider never calls this surface (no resource manages tickets): it is served for users' CI
// that calls the REST API v2 directly, as the reference describes it (README, "Running the emulator
// for your own CI").

var (
	ticketStatuses     = []string{"open", "pending", "solved", "spam"}
	ticketSourcesIn    = []string{"chat-window", "mail", "lc2"}
	ticketSourceFilter = []string{"lc2", "mail", "facebook", "agent-app-manual", "chat-window"}
)

const (
	ticketsPerPage = 25
	ticketSpace    = 36 * 36 * 36 * 36 * 36 // five base-36 characters
)

func routeLegacyTickets(rs *routeList) {
	rs.add("GET", "/tickets", listTicketsV2)
	rs.add("POST", "/tickets", createTicketV2)
	rs.add("GET", "/tickets/:id", getTicketV2)
	rs.add("PUT", "/tickets/:id/tags", updateTicketTagsV2)
}

// ticketID spreads counter values over five upper-case base-36 characters, like "5FUED".
func ticketID(n int) string {
	v := (int64(n)*7919 + 1234567) % ticketSpace
	return strings.ToUpper(fmt.Sprintf("%05s", strconv.FormatInt(v, 36)))
}

func legacyRFC3339(sec int64) string { return time.Unix(sec, 0).UTC().Format(time.RFC3339) }

func (c *call) groupRef(id int) map[string]any {
	name := ""
	if g := c.st.groups.in(id, c.view()); g != nil {
		name = g.Name
	}
	return map[string]any{"id": id, "name": name}
}

func (c *call) renderTicket(t *Ticket) map[string]any {
	events := make([]any, 0, len(t.Events))
	for _, ev := range t.Events {
		e := map[string]any{
			"author": map[string]any{"id": ev.Author.ID, "name": ev.Author.Name, "type": ev.AuthorTyp},
			"date":   legacyRFC3339(ev.Date), "type": ev.Type,
		}
		if ev.Type == "message" {
			e["message"], e["is_private"] = ev.Message, ev.IsPrivate
			e["source"] = map[string]any{"type": ev.Source}
		}
		events = append(events, e)
	}
	groups := make([]any, 0, len(t.Groups))
	for _, g := range t.Groups {
		groups = append(groups, c.groupRef(g))
	}
	var srcURL any
	if t.Source.URL != "" {
		srcURL = t.Source.URL
	}
	firstResponse := map[string]any{}
	if t.FirstResponse != 0 {
		firstResponse["date"] = legacyRFC3339(t.FirstResponse)
	}
	out := map[string]any{
		"events": events, "id": t.ID,
		"requester": map[string]any{"mail": t.Requester.Mail, "name": t.Requester.Name},
		"groups":    groups, "status": t.Status, "subject": t.Subject, "modified": legacyRFC3339(t.Modified),
		"source":        map[string]any{"type": t.Source.Type, "url": srcURL, "id": nil},
		"opened":        []any{map[string]any{"from": legacyRFC3339(t.Created)}},
		"firstResponse": firstResponse, "tags": append([]string{}, t.Tags...), "rate": t.Rate,
		"date": legacyRFC3339(t.Created),
	}
	if len(t.Groups) > 0 {
		out["currentGroup"] = c.groupRef(t.Groups[0])
	}
	if t.Assignee != nil {
		out["assignee"] = map[string]any{"id": t.Assignee.ID, "name": t.Assignee.Name}
	}
	return out
}

// dayRange reads date_from/date_to (YYYY-MM-DD, inclusive) as Unix bounds [from, to).
func legacyDayRange(p *lparams, now time.Time, defaultFrom time.Time) (int64, int64, *apiError) {
	from, to := defaultFrom, time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if s, ok, e := p.date("date_from"); e != nil {
		return 0, 0, e
	} else if ok {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return 0, 0, legacyBad("`date_from` is not a valid date")
		}
		from = t
	}
	if s, ok, e := p.date("date_to"); e != nil {
		return 0, 0, e
	} else if ok {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return 0, 0, legacyBad("`date_to` is not a valid date")
		}
		to = t
	}
	if to.Before(from) && !p.has("date_to") {
		to = from // a date_from after today, with the default date_to: an empty range
	}
	if to.Before(from) {
		return 0, 0, legacyBad("`date_to` must not be before `date_from`")
	}
	return from.Unix(), to.AddDate(0, 0, 1).Unix(), nil
}

// page returns the 1-based page of items and the page count.
func legacyPage[T any](p *lparams, items []T, per int) ([]T, int, *apiError) {
	n, ok, e := p.integer("page", false)
	if e != nil {
		return nil, 0, e
	}
	if !ok {
		n = 1
	}
	if n < 1 {
		return nil, 0, legacyBad("`page` must be 1 or more (the first page is 1)")
	}
	pages := (len(items) + per - 1) / per
	start := (n - 1) * per
	if start >= len(items) {
		return []T{}, pages, nil
	}
	return items[start:min(start+per, len(items))], pages, nil
}

func listTicketsV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("date_from", "date_to", "page", "assigned", "order", "status", "assignee", "query",
		"requester", "group", "source", "tag", "tagged"); e != nil {
		return nil, e
	}
	from, to, e := legacyDayRange(p, c.now, time.Unix(0, 0).UTC())
	if e != nil {
		return nil, e
	}
	assigned, hasAssigned, e := p.flag("assigned")
	if e != nil {
		return nil, e
	}
	order, _, e := p.str("order", false)
	if e != nil {
		return nil, e
	}
	if order == "" {
		order = "desc"
	}
	if e := p.enum("order", order, []string{"desc", "asc"}); e != nil {
		return nil, e
	}
	status, hasStatus, e := p.str("status", false)
	if e != nil {
		return nil, e
	}
	if hasStatus {
		if e := p.enum("status", status, ticketStatuses); e != nil {
			return nil, e
		}
	}
	assignee, hasAssignee, e := p.str("assignee", false)
	if e != nil {
		return nil, e
	}
	query, _, e := p.str("query", false)
	if e != nil {
		return nil, e
	}
	var requester string
	if rp, ok, e := p.object("requester", false); e != nil {
		return nil, e
	} else if ok {
		if e := rp.only("mail"); e != nil {
			return nil, e
		}
		if requester, _, e = rp.str("mail", false); e != nil {
			return nil, e
		}
	}
	group, hasGroup, e := p.id("group", false)
	if e != nil {
		return nil, e
	}
	source, hasSource, e := p.str("source", false)
	if e != nil {
		return nil, e
	}
	if hasSource {
		if e := p.enum("source", source, ticketSourceFilter); e != nil {
			return nil, e
		}
	}
	tag, hasTag, e := p.str("tag", false)
	if e != nil {
		return nil, e
	}
	tagged, hasTagged, e := p.flag("tagged")
	if e != nil {
		return nil, e
	}
	var out []*Ticket
	for _, t := range c.st.legacy.sortedTickets() {
		active := false
		for _, ev := range t.Events {
			active = active || (ev.Date >= from && ev.Date < to)
		}
		switch {
		case !active && (t.Modified < from || t.Modified >= to),
			hasAssigned && (t.Assignee != nil) != assigned,
			hasStatus && t.Status != status,
			hasAssignee && (t.Assignee == nil || t.Assignee.ID != assignee),
			query != "" && !ticketMatches(t, query),
			requester != "" && t.Requester.Mail != requester,
			hasGroup && !legacyHasInt(t.Groups, group),
			hasSource && t.Source.Type != source,
			hasTag && !contains(t.Tags, tag),
			hasTagged && (len(t.Tags) > 0) != tagged:
			continue
		}
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if order == "asc" {
			a, b = b, a
		}
		if a.Modified != b.Modified {
			return a.Modified > b.Modified
		}
		return a.Created > b.Created
	})
	pageItems, pages, e := legacyPage(p, out, ticketsPerPage)
	if e != nil {
		return nil, e
	}
	tickets := make([]any, 0, len(pageItems))
	for _, t := range pageItems {
		tickets = append(tickets, c.renderTicket(t))
	}
	return map[string]any{"pages": pages, "total": len(out), "tickets": tickets}, nil
}

func ticketMatches(t *Ticket, q string) bool {
	q = strings.ToLower(q)
	if strings.Contains(strings.ToLower(t.Subject), q) {
		return true
	}
	for _, ev := range t.Events {
		if strings.Contains(strings.ToLower(ev.Message), q) {
			return true
		}
	}
	return false
}

func getTicketV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	t := c.st.legacy.tickets[args[0]]
	if t == nil {
		return nil, legacyNotFound("Ticket %s not found", args[0])
	}
	return c.renderTicket(t), nil
}

func createTicketV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("message", "requester", "assignee", "source", "subject", "group"); e != nil {
		return nil, e
	}
	msg, _, e := p.str("message", true)
	if e != nil {
		return nil, e
	}
	rp, _, e := p.object("requester", true)
	if e != nil {
		return nil, e
	}
	if e := rp.only("mail", "name"); e != nil {
		return nil, e
	}
	mail, _, e := rp.str("mail", true)
	if e != nil {
		return nil, e
	}
	if !validEmail(mail) {
		return nil, legacyBad("`requester[mail]` must be an e-mail address")
	}
	reqName, _, e := rp.str("name", false)
	if e != nil {
		return nil, e
	}
	t := &Ticket{Subject: "(no subject)", Status: "open", Requester: TicketPerson{Mail: mail, Name: reqName},
		Groups: []int{0}, Source: TicketSource{Type: "lc2"}, Tags: []string{}, Rate: "not_rated",
		Created: c.now.Unix(), Modified: c.now.Unix()}
	if ap, ok, e := p.object("assignee", false); e != nil {
		return nil, e
	} else if ok {
		if e := ap.only("id"); e != nil {
			return nil, e
		}
		id, _, e := ap.str("id", true)
		if e != nil {
			return nil, e
		}
		a := c.st.agents.in(id, c.view())
		if a == nil {
			return nil, legacyNotFound("Agent %s not found", id)
		}
		t.Assignee = &TicketPerson{ID: a.ID, Name: a.Name}
	}
	if sp, ok, e := p.object("source", false); e != nil {
		return nil, e
	} else if ok {
		if e := sp.only("type", "url"); e != nil {
			return nil, e
		}
		if typ, ok, e := sp.str("type", false); e != nil {
			return nil, e
		} else if ok {
			if e := sp.enum("type", typ, ticketSourcesIn); e != nil {
				return nil, e
			}
			t.Source.Type = typ
		}
		if u, ok, e := sp.str("url", false); e != nil {
			return nil, e
		} else if ok {
			if t.Source.Type != "chat-window" {
				return nil, legacyBad("`source[url]` applies only when `source[type]` is chat-window")
			}
			t.Source.URL = u
		}
	}
	if s, ok, e := p.str("subject", false); e != nil {
		return nil, e
	} else if ok && strings.TrimSpace(s) != "" {
		t.Subject = s
	}
	if gs, ok, e := p.idList("group", false); e != nil {
		return nil, e
	} else if ok {
		if len(gs) == 0 {
			return nil, legacyBad("`group` must list at least one group")
		}
		for _, g := range gs {
			if e := c.referGroup(g); e != nil {
				return nil, e
			}
		}
		t.Groups = gs
	}
	t.Events = []TicketEvent{{Type: "message", Author: TicketPerson{ID: mail, Name: reqName}, AuthorTyp: "client",
		Message: msg, Date: c.now.Unix(), Source: t.Source.Type}}
	ls := c.st.legacy
	for {
		t.ID = ticketID(ls.nextTicket)
		ls.nextTicket++
		if ls.tickets[t.ID] == nil {
			break
		}
	}
	ls.tickets[t.ID] = t
	return c.renderTicket(t), nil
}

func updateTicketTagsV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only("tag"); e != nil {
		return nil, e
	}
	tags, _, e := p.strList("tag", true)
	if e != nil {
		return nil, e
	}
	t := c.st.legacy.tickets[args[0]]
	if t == nil {
		return nil, legacyNotFound("Ticket %s not found", args[0])
	}
	t.Tags = legacyUnique(tags)
	t.Modified = c.now.Unix()
	return c.renderTicket(t), nil
}

func legacyUnique(in []string) []string {
	out := []string{}
	for _, s := range in {
		if s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
