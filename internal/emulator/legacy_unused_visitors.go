package emulator

import "fmt"

// Visitors: REST API v2 "Visitors". Visitors enter the emulator through state and fixture files.
//
// The provider never calls this surface (visitors are no configuration): it is served for users' CI
// that calls the REST API v2 directly, as the reference describes it (README, "Running the emulator
// for your own CI").

var visitorStates = []string{"chatting", "queued", "browsing", "invited", "refused invitation", "chat closed", "logging into chat"}

func routeLegacyVisitors(rs *routeList) {
	rs.add("GET", "/visitors", listVisitorsV2)
	rs.add("POST", "/visitors/:id/details", visitorDetailsV2)
}

func renderVisitor(v *Visitor) map[string]any {
	out := map[string]any{
		"id": v.ID, "name": v.Name, "state": v.State, "group": v.Group, "ip": v.IP, "city": v.City,
		"region": v.Region, "country": v.Country, "country_code": v.CountryCode, "browser": v.Browser,
		"page_current": v.PageCurrent, "page_address": v.PageCurrent, "page_title": v.PageTitle, "visits": v.Visits,
		"chats": v.Chats, "last_visit_ts": v.LastVisit,
	}
	if v.ChatID != "" {
		out["chat_id"] = v.ChatID
	}
	if len(v.CustomVariables) > 0 {
		vars := []any{}
		for _, kv := range v.CustomVariables {
			vars = append(vars, map[string]any{"key": kv.Key, "value": kv.Value})
		}
		out["custom_variables"] = vars
	}
	return out
}

func listVisitorsV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("state", "group", "count"); e != nil {
		return nil, e
	}
	state, hasState, e := p.str("state", false)
	if e != nil {
		return nil, e
	}
	if hasState {
		if e := p.enum("state", state, visitorStates); e != nil {
			return nil, e
		}
	}
	groups, hasGroups, e := p.idList("group", false)
	if e != nil {
		return nil, e
	}
	count, _, e := p.flag("count")
	if e != nil {
		return nil, e
	}
	out := []any{}
	for _, v := range c.st.legacy.sortedVisitors() {
		if (hasState && v.State != state) || (hasGroups && !legacyHasInt(groups, v.Group)) {
			continue
		}
		out = append(out, renderVisitor(v))
	}
	if count {
		return map[string]any{"total": len(out)}, nil
	}
	return out, nil
}

func visitorDetailsV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only("license_id", "token", "id", "fields"); e != nil {
		return nil, e
	}
	lic, _, e := p.integer("license_id", true)
	if e != nil {
		return nil, e
	}
	if lic != legacyLicenceNumber {
		return nil, legacyBad("`license_id` %d is not this license (%d)", lic, legacyLicenceNumber)
	}
	if _, _, e := p.str("token", true); e != nil {
		return nil, e
	}
	app, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	fields, _, e := p.objects("fields", true)
	if e != nil {
		return nil, e
	}
	if len(fields) == 0 {
		return nil, legacyBad("`fields` must contain at least one field")
	}
	var kvs []LegacyKeyValue
	for _, f := range fields {
		if e := f.only("name", "value"); e != nil {
			return nil, e
		}
		name, _, e := f.str("name", true)
		if e != nil {
			return nil, e
		}
		value, _, e := f.scalar("value", false)
		if e != nil {
			return nil, e
		}
		kvs = append(kvs, LegacyKeyValue{Key: name, Value: value})
	}
	v := c.st.legacy.visitors[args[0]]
	if v == nil {
		return nil, legacyNotFound("Visitor %s not found", args[0])
	}
	if v.Details == nil {
		v.Details = map[string][]LegacyKeyValue{}
	}
	v.Details[app] = kvs
	return map[string]any{"result": fmt.Sprintf("Details of visitor %s saved for %s", v.ID, app)}, nil
}
