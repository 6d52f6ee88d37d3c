package emulator

import (
	"regexp"
	"strings"
)

// Goals: REST API v2 "Goals". A goal's type selects its extra parameters; parameters of another
// type are refused, so a misspelled configuration fails instead of being ignored.

var (
	goalTypes      = []string{"custom_variable", "url", "api", "sales_tracker"}
	goalMatchTypes = []string{"substring", "exact"}
	goalValueTypes = []string{"set", "not_set", "dynamic"}
	// goalTypeParams are the type-specific parameters of each goal type.
	goalTypeParams = map[string][]string{
		"custom_variable": {"custom_variable_name", "custom_variable_value"},
		"url":             {"url", "match_type"},
		"api":             {},
		"sales_tracker": {"sales_tracker_id", "value_type", "value", "currency", "time_range",
			"order_field_name", "value_field_name"},
	}
	// legacyAmount is a price: digits with an optional period and decimals.
	legacyAmount = regexp.MustCompile(`^\d+(\.\d+)?$`)
)

func routeLegacyGoals(rs *routeList) {
	rs.add("GET", "/goals", listGoals)
	rs.add("POST", "/goals", createGoal)
	rs.add("GET", "/goals/:id", getGoal)
	rs.add("PUT", "/goals/:id", updateGoal)
	rs.add("DELETE", "/goals/:id", deleteGoal)
	rs.add("POST", "/goals/:id/mark_as_successful", markGoalSuccessful)
}

func renderGoal(g *Goal, details bool) map[string]any {
	active := 0
	if g.Active {
		active = 1
	}
	out := map[string]any{"id": g.ID, "name": g.Name, "active": active, "type": g.Type}
	if !details {
		return out
	}
	switch g.Type {
	case "custom_variable":
		out["custom_variable_name"], out["custom_variable_value"] = g.CustomVariableName, g.CustomVariableValue
	case "url":
		out["url"], out["match_type"] = g.URL, g.MatchType
	case "sales_tracker":
		out["sales_tracker_id"], out["value_type"], out["value"] = g.SalesTrackerID, g.ValueType, g.Value
		out["currency"], out["time_range"] = g.Currency, g.TimeRange
		out["order_field_name"], out["value_field_name"] = g.OrderFieldName, g.ValueFieldName
	}
	return out
}

func listGoals(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("type"); e != nil {
		return nil, e
	}
	typ, hasType, e := p.str("type", false)
	if e != nil {
		return nil, e
	}
	if hasType {
		if e := p.enum("type", typ, goalTypes); e != nil {
			return nil, e
		}
	}
	out := []any{}
	for _, g := range c.st.legacy.goals.list(c.view()) {
		if !hasType || g.Type == typ {
			out = append(out, renderGoal(g, false))
		}
	}
	return out, nil
}

func getGoal(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Goal", args[0])
	if e != nil {
		return nil, e
	}
	g := c.st.legacy.goals.in(id, c.view())
	if g == nil {
		return nil, legacyNotFound("Goal %d not found", id)
	}
	return renderGoal(g, true), nil
}

// applyGoalParams validates name, type, active and the type's parameters onto g. For a new
// goal, or when the type changes, the new type's fields start empty and its required parameters
// must be given.
func applyGoalParams(p *lparams, g *Goal, create bool) *apiError {
	all := []string{"name", "type", "active"}
	for _, t := range goalTypes {
		all = append(all, goalTypeParams[t]...)
	}
	if e := p.only(all...); e != nil {
		return e
	}
	name, hasName, e := p.str("name", create)
	if e != nil {
		return e
	}
	if hasName && strings.TrimSpace(name) == "" {
		return legacyBad("`name` must not be empty")
	}
	typ, hasType, e := p.str("type", create)
	if e != nil {
		return e
	}
	if hasType {
		if e := p.enum("type", typ, goalTypes); e != nil {
			return e
		}
	} else {
		typ = g.Type
	}
	for _, t := range goalTypes {
		if t == typ {
			continue
		}
		for _, k := range goalTypeParams[t] {
			if p.has(k) && !contains(goalTypeParams[typ], k) {
				return legacyBad("`%s` is not a parameter of a goal of type %s", k, typ)
			}
		}
	}
	active, hasActive, e := p.flag("active")
	if e != nil {
		return e
	}
	if hasName {
		g.Name = name
	}
	if hasActive {
		g.Active = active
	}
	if typ != g.Type {
		*g = Goal{ID: g.ID, Name: g.Name, Active: g.Active, Type: typ}
	}
	str := func(k string, dst *string) *apiError {
		v, ok, e := p.scalar(k, false)
		if ok {
			*dst = v
		}
		return e
	}
	switch typ {
	case "custom_variable":
		for k, dst := range map[string]*string{"custom_variable_name": &g.CustomVariableName, "custom_variable_value": &g.CustomVariableValue} {
			if e := str(k, dst); e != nil {
				return e
			}
		}
		for _, k := range []string{"custom_variable_name", "custom_variable_value"} {
			if v := map[string]string{"custom_variable_name": g.CustomVariableName, "custom_variable_value": g.CustomVariableValue}[k]; strings.TrimSpace(v) == "" {
				return legacyBad("`%s` is required for a goal of type custom_variable", k)
			}
		}
	case "url":
		if e := str("url", &g.URL); e != nil {
			return e
		}
		if strings.TrimSpace(g.URL) == "" {
			return legacyBad("`url` is required for a goal of type url")
		}
		if e := str("match_type", &g.MatchType); e != nil {
			return e
		}
		if g.MatchType == "" {
			g.MatchType = "substring"
		}
		if e := p.enum("match_type", g.MatchType, goalMatchTypes); e != nil {
			return e
		}
	case "sales_tracker":
		fields := map[string]*string{
			"sales_tracker_id": &g.SalesTrackerID, "value_type": &g.ValueType, "value": &g.Value,
			"currency": &g.Currency, "time_range": &g.TimeRange, "order_field_name": &g.OrderFieldName,
			"value_field_name": &g.ValueFieldName,
		}
		for _, k := range goalTypeParams["sales_tracker"] {
			if e := str(k, fields[k]); e != nil {
				return e
			}
		}
		if g.ValueType != "" {
			if e := p.enum("value_type", g.ValueType, goalValueTypes); e != nil {
				return e
			}
		}
		if g.Value != "" && !legacyAmount.MatchString(g.Value) {
			return legacyBad("`value` must be an amount such as 199.00 (only the period separates decimals)")
		}
	}
	return nil
}

func createGoal(c *call, p *lparams, _ []string) (any, *apiError) {
	g := &Goal{Active: true}
	if e := applyGoalParams(p, g, true); e != nil {
		return nil, e
	}
	ls := c.st.legacy
	g.ID = ls.nextGoalID
	ls.nextGoalID++
	ls.goals.create(g.ID, g, c.now, c.delay)
	return renderGoal(g, true), nil
}

func updateGoal(c *call, p *lparams, args []string) (any, *apiError) {
	id, e := legacyPathID("Goal", args[0])
	if e != nil {
		return nil, e
	}
	g := c.st.legacy.goals.editable(id)
	if g == nil {
		return nil, legacyNotFound("Goal %d not found", id)
	}
	if e := applyGoalParams(p, g, false); e != nil {
		return nil, e
	}
	c.st.legacy.goals.update(id, g, c.now, c.delay)
	return renderGoal(g, true), nil
}

func deleteGoal(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Goal", args[0])
	if e != nil {
		return nil, e
	}
	if c.st.legacy.goals.get(id) == nil {
		return nil, legacyNotFound("Goal %d not found", id)
	}
	c.st.legacy.goals.delete(id, c.now, c.delay)
	return map[string]any{"result": "goal removed successfully"}, nil
}

func markGoalSuccessful(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only("visitor_id", "order_id", "order_description", "order_price", "order_currency"); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Goal", args[0])
	if e != nil {
		return nil, e
	}
	visitor, _, e := p.str("visitor_id", true)
	if e != nil {
		return nil, e
	}
	conv := GoalConversion{GoalID: id, VisitorID: visitor, Timestamp: c.now.Unix()}
	for k, dst := range map[string]*string{"order_id": &conv.OrderID, "order_description": &conv.OrderDescription,
		"order_price": &conv.OrderPrice, "order_currency": &conv.OrderCurrency} {
		v, _, e := p.scalar(k, false)
		if e != nil {
			return nil, e
		}
		*dst = v
	}
	if conv.OrderPrice != "" && !legacyAmount.MatchString(conv.OrderPrice) {
		return nil, legacyBad("`order_price` must be an amount such as 199.00 (only the period is allowed as a separator)")
	}
	g := c.st.legacy.goals.in(id, c.view())
	if g == nil {
		return nil, legacyNotFound("Goal %d not found", id)
	}
	if !g.Active {
		return nil, legacyBad("Goal %d is not active", id)
	}
	c.st.legacy.conversions = append(c.st.legacy.conversions, conv)
	// The visitor's latest chat records the goal (the Archives API shows it).
	var latest *Chat
	for _, ch := range c.st.legacy.chats {
		if ch.VisitorID == visitor && (latest == nil || ch.Started > latest.Started) {
			latest = ch
		}
	}
	if latest != nil && !legacyHasInt(latest.Goals, id) {
		latest.Goals = append(latest.Goals, id)
	}
	return map[string]any{"result": "goal marked as successful"}, nil
}
