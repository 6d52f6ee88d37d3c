package emulator

import (
	"strconv"
	"strings"
)

// Greetings: REST API v2 "Greetings". Rules keep the order they were sent in and get new ids on
// every write that sends rules (see API-NOTES.md).

var (
	greetingRuleTypes = []string{
		"visit_time_site", "visit_time_page", "url_current", "url_visited", "pages_view_number",
		"url_referrer", "geolocation", "visits_number", "search_keyword", "custom_variable", "url_funnel",
	}
	// numericRuleTypes take a whole number as value (seconds, page views, visits).
	numericRuleTypes  = []string{"visit_time_site", "visit_time_page", "pages_view_number", "visits_number"}
	greetingOperators = []string{
		"equals", "doesnt_equal", "lower_than", "lower_or_equal", "greater_than", "greater_or_equal",
		"contains", "doesnt_contain",
	}
	greetingConditions = []string{"and", "or"}
	greetingSubtypes   = []string{"announcement"}
)

const (
	maxAnnouncementGreetings = 10
	greetingMessageKey       = "greeting-message_text"
	defaultGreetingMessage   = "Hello, would you like to talk about our products?"
)

func routeLegacyGreetings(rs *routeList) {
	rs.add("GET", "/greetings", listGreetings)
	rs.add("POST", "/greetings", createGreeting)
	rs.add("GET", "/greetings/:id", getGreeting)
	rs.add("PUT", "/greetings/:id", updateGreeting)
	// The path table lists POST on /greetings/<ID>; the examples use PUT. Both update.
	rs.add("POST", "/greetings/:id", updateGreeting)
	rs.add("DELETE", "/greetings/:id", deleteGreeting)
}

func renderGreeting(g *Greeting) map[string]any {
	active := "0"
	if g.Active {
		active = "1"
	}
	rules := make([]any, 0, len(g.Rules))
	for _, r := range g.Rules {
		rule := map[string]any{"id": r.ID, "type": r.Type, "condition": r.Condition}
		switch r.Type {
		case "url_funnel":
			urls := make([]any, 0, len(r.URLs))
			for _, u := range r.URLs {
				urls = append(urls, map[string]any{"url": u.URL, "operator": u.Operator})
			}
			rule["urls"] = urls
		case "custom_variable":
			rule["operator"], rule["variable_name"], rule["variable_value"] = r.Operator, r.VariableName, r.VariableValue
		default:
			rule["operator"], rule["value"] = r.Operator, r.Value
		}
		rules = append(rules, rule)
	}
	out := map[string]any{
		"id": g.ID, "active": g.Active, "name": g.Name, "group": g.Group, "rules": rules,
		"properties": map[string]any{"active": active, greetingMessageKey: g.MessageText},
	}
	if g.Subtype != "" {
		out["subtype"] = g.Subtype
	}
	return out
}

// greetingGroupFilter reads ?group= (the reference) or ?groups= (the Postman collection).
func greetingGroupFilter(p *lparams) (int, bool, *apiError) {
	if p.has("groups") {
		return p.id("groups", false)
	}
	return p.id("group", false)
}

func listGreetings(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("group", "groups"); e != nil {
		return nil, e
	}
	group, filter, e := greetingGroupFilter(p)
	if e != nil {
		return nil, e
	}
	out := []any{}
	for _, g := range c.st.legacy.greetings.list(c.view()) {
		if !filter || g.Group == group {
			out = append(out, renderGreeting(g))
		}
	}
	return out, nil
}

func getGreeting(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Greeting", args[0])
	if e != nil {
		return nil, e
	}
	g := c.st.legacy.greetings.in(id, c.view())
	if g == nil {
		return nil, legacyNotFound("Greeting %d not found", id)
	}
	return renderGreeting(g), nil
}

// parseRules validates the rules parameter; ids are assigned by the caller.
func parseRules(p *lparams) ([]GreetingRule, *apiError) {
	items, _, e := p.objects("rules", true)
	if e != nil {
		return nil, e
	}
	if len(items) == 0 {
		return nil, legacyBad("`rules` must contain at least one rule")
	}
	out := make([]GreetingRule, 0, len(items))
	for _, rp := range items {
		typ, _, e := rp.str("type", true)
		if e != nil {
			return nil, e
		}
		if typ == "custom" { // spelling used by the "multiple rules" example
			typ = "custom_variable"
		}
		if e := rp.enum("type", typ, greetingRuleTypes); e != nil {
			return nil, e
		}
		r := GreetingRule{Type: typ, Operator: "equals", Condition: "and"}
		if cond, ok, e := rp.str("condition", false); e != nil {
			return nil, e
		} else if ok {
			if e := rp.enum("condition", cond, greetingConditions); e != nil {
				return nil, e
			}
			r.Condition = cond
		}
		switch typ {
		case "url_funnel":
			if e := rp.only("type", "condition", "urls"); e != nil {
				return nil, e
			}
			urls, _, e := rp.objects("urls", true)
			if e != nil {
				return nil, e
			}
			if len(urls) == 0 {
				return nil, legacyBad("%s must contain at least one url", rp.name("urls"))
			}
			r.Operator = ""
			for _, up := range urls {
				if e := up.only("url", "operator"); e != nil {
					return nil, e
				}
				u, _, e := up.str("url", true)
				if e != nil {
					return nil, e
				}
				op, ok, e := up.str("operator", false)
				if e != nil {
					return nil, e
				}
				if !ok {
					op = "equals"
				}
				if e := up.enum("operator", op, greetingOperators); e != nil {
					return nil, e
				}
				r.URLs = append(r.URLs, FunnelURL{URL: u, Operator: op})
			}
		case "custom_variable":
			if e := rp.only("type", "condition", "operator", "variable_name", "variable_value"); e != nil {
				return nil, e
			}
			if r.VariableName, _, e = rp.scalar("variable_name", true); e != nil {
				return nil, e
			}
			if r.VariableValue, _, e = rp.scalar("variable_value", true); e != nil {
				return nil, e
			}
		default:
			if e := rp.only("type", "condition", "operator", "value"); e != nil {
				return nil, e
			}
			if r.Value, _, e = rp.scalar("value", true); e != nil {
				return nil, e
			}
			if contains(numericRuleTypes, typ) {
				if n, err := strconv.Atoi(strings.TrimSpace(r.Value)); err != nil || n < 0 {
					return nil, legacyBad("%s must be a whole number of 0 or more for a %s rule", rp.name("value"), typ)
				}
			}
		}
		if typ != "url_funnel" {
			if op, ok, e := rp.str("operator", false); e != nil {
				return nil, e
			} else if ok {
				if e := rp.enum("operator", op, greetingOperators); e != nil {
					return nil, e
				}
				r.Operator = op
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// greetingMessage reads properties[greeting-message_text].
func greetingMessage(p *lparams) (string, bool, *apiError) {
	props, ok, e := p.object("properties", false)
	if !ok {
		return "", false, e
	}
	if e := props.only(greetingMessageKey); e != nil {
		return "", false, e
	}
	msg, ok, e := props.str(greetingMessageKey, false)
	if ok && strings.TrimSpace(msg) == "" {
		return "", false, legacyBad("`properties[%s]` must not be empty", greetingMessageKey)
	}
	return msg, ok, e
}

func (ls *legacyStore) assignRuleIDs(rules []GreetingRule) {
	for i := range rules {
		rules[i].ID = ls.nextRuleID
		ls.nextRuleID++
	}
}

func createGreeting(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("name", "rules", "group", "active", "subtype", "properties"); e != nil {
		return nil, e
	}
	name, _, e := p.str("name", true)
	if e != nil {
		return nil, e
	}
	rules, e := parseRules(p)
	if e != nil {
		return nil, e
	}
	group, _, e := p.id("group", false)
	if e != nil {
		return nil, e
	}
	active, hasActive, e := p.flag("active")
	if e != nil {
		return nil, e
	}
	subtype, hasSubtype, e := p.str("subtype", false)
	if e != nil {
		return nil, e
	}
	if hasSubtype {
		if e := p.enum("subtype", subtype, greetingSubtypes); e != nil {
			return nil, e
		}
	}
	msg, hasMsg, e := greetingMessage(p)
	if e != nil {
		return nil, e
	}
	if e := c.referGroup(group); e != nil {
		return nil, e
	}
	ls := c.st.legacy
	if subtype == "announcement" {
		n := 0
		for _, g := range ls.greetings.list(authoritative) {
			if g.Subtype == "announcement" {
				n++
			}
		}
		if n >= maxAnnouncementGreetings {
			return nil, legacyBad("You can have up to %d announcement greetings", maxAnnouncementGreetings)
		}
	}
	g := &Greeting{ID: ls.nextGreetingID, Group: group, Name: name, Active: !hasActive || active,
		Subtype: subtype, MessageText: defaultGreetingMessage, Rules: rules}
	if hasMsg {
		g.MessageText = msg
	}
	ls.nextGreetingID++
	ls.assignRuleIDs(g.Rules)
	ls.greetings.create(g.ID, g, c.now, c.delay)
	return renderGreeting(g), nil
}

func updateGreeting(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only("name", "rules", "active", "properties"); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Greeting", args[0])
	if e != nil {
		return nil, e
	}
	name, hasName, e := p.str("name", false)
	if e != nil {
		return nil, e
	}
	if hasName && strings.TrimSpace(name) == "" {
		return nil, legacyBad("`name` must not be empty")
	}
	var rules []GreetingRule
	if p.has("rules") {
		if rules, e = parseRules(p); e != nil {
			return nil, e
		}
	}
	active, hasActive, e := p.flag("active")
	if e != nil {
		return nil, e
	}
	msg, hasMsg, e := greetingMessage(p)
	if e != nil {
		return nil, e
	}
	ls := c.st.legacy
	g := ls.greetings.editable(id)
	if g == nil {
		return nil, legacyNotFound("Greeting %d not found", id)
	}
	if hasName {
		g.Name = name
	}
	if hasActive {
		g.Active = active
	}
	if hasMsg {
		g.MessageText = msg
	}
	if rules != nil {
		ls.assignRuleIDs(rules)
		g.Rules = rules
	}
	ls.greetings.update(id, g, c.now, c.delay)
	return renderGreeting(g), nil
}

func deleteGreeting(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Greeting", args[0])
	if e != nil {
		return nil, e
	}
	if c.st.legacy.greetings.get(id) == nil {
		return nil, legacyNotFound("Greeting %d not found", id)
	}
	c.st.legacy.greetings.delete(id, c.now, c.delay)
	return map[string]any{"ok": true}, nil
}
